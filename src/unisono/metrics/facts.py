"""Building the facts of interactions for rollups: durations (elapsed and in business hours),
survey scores, first contact and FCR, SLA met — one row per interaction, as numpy columns.

First contacts and FCR look at the customer's other contacts for the same reason within the
FCR window on both sides, so a run of days is built from the interactions of the run widened by
the window, and only the run's own days are kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import BigInteger, Connection, Select, select, type_coerce

from unisono.bible.vocabulary import STAGES
from unisono.interactions import models
from unisono.metrics.calendar import Calendar
from unisono.metrics.targets import NO_TARGET, Rule, targets

NONE = -1
RESOLVED = ("resolved", "closed")
FACTS = np.dtype(
    [
        ("day", np.int32), ("channel", np.int16), ("reason", np.int16), ("stage", np.int8),
        ("team", np.int32), ("agent", np.int32), ("opened", np.int64),
        ("first_response", np.int32), ("first_response_bh", np.int32),
        ("resolution", np.int32), ("resolution_bh", np.int32),
        ("nps", np.int8), ("csat", np.int8), ("ces", np.int8),
        ("has_reason", np.int8), ("first_contact", np.int8), ("fcr", np.int8),
        ("sla_first_response", np.int8), ("sla_first_response_bh", np.int8),
        ("sla_resolution", np.int8), ("sla_resolution_bh", np.int8),
    ]
)  # fmt: skip
Facts = NDArray[np.void]


@dataclass(frozen=True)
class Context:
    """What facts depend on beyond the interactions: the bible's calendar, FCR window, targets."""

    calendar: Calendar
    window_s: int
    rules: list[Rule]


def _rows_query(low: int, high: int) -> Select[*tuple[Any, ...]]:
    interaction = models.Interaction

    def seconds(column: Any) -> Any:  # the stored epoch seconds, not converted to datetimes
        return type_coerce(column, BigInteger)

    def score(kind: str) -> Any:
        survey = models.Survey
        return (
            select(survey.score)
            .where(survey.interaction_id == interaction.id, survey.kind == kind)
            .scalar_subquery()
        )

    opened = seconds(interaction.opened_at)
    columns = (
        interaction.id, opened, seconds(interaction.first_response_at),
        seconds(interaction.resolved_at), interaction.status, interaction.channel_id,
        interaction.team_id, interaction.agent_id, interaction.reason_id, interaction.stage,
        interaction.customer_id, score("nps"), score("csat"), score("ces"),
    )  # fmt: skip
    return select(*columns).where(opened >= low, opened < high)


Dimensions = dict[str, list[str]]


def build(
    connection: Connection, context: Context, first: int, last: int
) -> tuple[Dimensions, Facts]:
    """The facts of the interactions opened on local days ``first`` to ``last`` (inclusive),
    and the channel and reason names their codes stand for."""
    calendar = context.calendar
    low = calendar.midnight(first) - context.window_s - 1
    high = calendar.midnight(last + 1) + context.window_s + 1
    result = connection.execute(_rows_query(low, high).execution_options(yield_per=_CHUNK))
    raw, names = _read(result.partitions())
    facts = np.zeros(raw["id"].size, dtype=FACTS)
    facts["day"] = calendar.days_of(raw["opened"])
    for name in ("channel", "reason", "stage", "team", "agent", "opened", "nps", "csat", "ces"):
        facts[name] = raw[name]
    _durations(facts, raw, calendar)
    _first_contacts(facts, raw, context.window_s)
    facts["fcr"] = np.where(facts["first_contact"] == 1, facts["fcr"] & raw["resolved"], NONE)
    _service_levels(facts, context.rules, names["channels"], names["reasons"])
    keep = (facts["day"] >= first) & (facts["day"] <= last)
    return names, facts[keep]


_CHUNK = 50_000  # rows turned into arrays at a time: memory stays flat on long runs of days
_NUMBERS = ("id", "opened", "first_response_at", "resolved_at")
_PEOPLE = ("team", "agent", "customer", "nps", "csat", "ces")


def _read(chunks: Iterable[Sequence[Any]]) -> tuple[dict[str, NDArray[Any]], Dimensions]:
    """The rows as numpy columns, names replaced by codes as they come (no Python objects
    kept per row)."""
    codes: dict[str, dict[str, int]] = {"channel": {}, "reason": {}}
    parts: dict[str, list[NDArray[Any]]] = {}
    for rows in chunks:
        columns = list(zip(*rows, strict=True))
        (ids, opened, answered, resolved_at, status, channel, team, agent, reason, stage,
         customer, nps, csat, ces) = columns  # fmt: skip
        found = {
            "id": ids, "opened": opened, "first_response_at": answered,
            "resolved_at": resolved_at, "team": team, "agent": agent, "customer": customer,
            "nps": nps, "csat": csat, "ces": ces,
        }  # fmt: skip
        for name, values in found.items():
            parts.setdefault(name, []).append(_numbers(values))
        parts.setdefault("resolved", []).append(np.isin(np.array(status, object), RESOLVED))
        parts.setdefault("stage", []).append(
            np.array([STAGES.index(s) if s else NONE for s in stage], dtype=np.int8)
        )
        for name, values in (("channel", channel), ("reason", reason)):
            index = codes[name]
            coded = [NONE if v is None else index.setdefault(v, len(index)) for v in values]
            parts.setdefault(name, []).append(np.array(coded, dtype=np.int16))
    raw = {name: np.concatenate(arrays) for name, arrays in parts.items()}
    for name in (*_NUMBERS, *_PEOPLE, "resolved", "stage", "channel", "reason"):
        raw.setdefault(name, np.zeros(0, dtype=np.int64))
    return raw, {"channels": list(codes["channel"]), "reasons": list(codes["reason"])}


def _numbers(values: Sequence[Any]) -> NDArray[np.int64]:
    return np.array([NONE if v is None else v for v in values], dtype=np.int64)


def _durations(facts: Facts, raw: dict[str, NDArray[Any]], calendar: Calendar) -> None:
    opened = raw["opened"]
    for name, column in (("first_response", "first_response_at"), ("resolution", "resolved_at")):
        known = raw[column] != NONE
        # an agent who wrote before the contact was opened (an outbound call, a clock a little
        # off) answered at once: never a negative time
        ended = np.where(known, np.maximum(raw[column], opened), NONE)
        elapsed = np.where(known, ended - opened, NONE)
        business = np.full(opened.size, NONE, dtype=np.int64)
        business[known] = calendar.business_seconds(opened[known], ended[known])
        facts[name], facts[f"{name}_bh"] = elapsed, business


def _first_contacts(facts: Facts, raw: dict[str, NDArray[Any]], window_s: int) -> None:
    """A first contact does not follow a contact of the same customer for the same reason
    within the window; FCR (before the resolved test) is that no such contact follows it."""
    reason = facts["reason"].astype(np.int64)
    customer, opened = raw["customer"], raw["opened"]
    order = np.lexsort((raw["id"], opened, reason, customer))
    same = (customer[order][1:] == customer[order][:-1]) & (reason[order][1:] == reason[order][:-1])
    close = same & (np.diff(opened[order]) <= window_s)
    follows = np.zeros(order.size, dtype=bool)
    followed = np.zeros(order.size, dtype=bool)
    follows[order[1:]] = close
    followed[order[:-1]] = close
    has_reason = reason != NONE
    facts["has_reason"] = has_reason
    facts["first_contact"] = np.where(has_reason, ~follows, NONE)
    facts["fcr"] = ~followed


def _service_levels(
    facts: Facts, rules: list[Rule], channels: list[str], reasons: list[str]
) -> None:
    for kind in ("first_response", "resolution"):
        target = targets(
            rules, kind, reasons=reasons, channels=channels, reason_codes=facts["reason"],
            channel_codes=facts["channel"], opened=facts["opened"],
        )  # fmt: skip
        for suffix in ("", "_bh"):
            took = facts[f"{kind}{suffix}"]
            decided = (target != NO_TARGET) & (took != NONE)
            facts[f"sla_{kind}{suffix}"] = np.where(decided, took <= target, NONE)
