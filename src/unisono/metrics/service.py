"""The metrics service: a period's metrics, overall or by a dimension or a time series, with
filters; comparisons of two groups; retention. Definitions: docs/metrics.md."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import BigInteger, Connection, func, select, type_coerce
from sqlalchemy.orm import Session

from unisono.accounts.permissions import DataScope
from unisono.bible.vocabulary import STAGES
from unisono.interactions import models as hub
from unisono.metrics import rollups, stats
from unisono.metrics.calendar import day_number, day_of
from unisono.metrics.compute import MIN_N, Sample, compute
from unisono.metrics.models import DailyFacts

DIMENSIONS = ("channel", "team", "agent", "reason", "stage")
SERIES = ("day", "week", "month")
DEFAULT_DAYS = 90
_CACHE = "unisono.metrics.samples"


@dataclass(frozen=True)
class Filters:
    """Which interactions count: a reason filter takes its sub-reasons too."""

    channel: str | None = None
    team: str | None = None
    agent: str | None = None
    reason: str | None = None
    stage: str | None = None


@dataclass(frozen=True)
class Query:
    """What to compute."""

    since: dt.date | None = None
    until: dt.date | None = None
    by: str | None = None
    filters: Filters = Filters()
    business_hours: bool = False
    min_n: int = MIN_N
    retention: bool = False  # customer retention over the period (overall only)


NO_MATCH = "\x00"  # a team or agent name no interaction has


def scoped_filters(filters: Filters, scope: DataScope) -> Filters:
    """``filters`` narrowed to what ``scope`` may see: a filter on another team or agent than
    the scope's own matches nothing."""
    if scope.nothing:
        return replace(filters, agent=NO_MATCH)
    if scope.team is not None:
        filters = replace(filters, team=scope.team if filters.team in (None, scope.team)
                          else NO_MATCH)  # fmt: skip
    if scope.agent is not None:
        filters = replace(filters, agent=scope.agent if filters.agent in (None, scope.agent)
                          else NO_MATCH)  # fmt: skip
    return filters


def metrics(*, session: Session, query: Query) -> dict[str, Any]:
    """The metrics of the query's period (default: the last 90 days that have interactions)."""
    connection = session.connection()
    first, last = _period(connection, query)
    period, sample = _sample(session, first, last, query.filters)
    facts = sample.facts
    header = {
        "period": {"since": day_of(first), "until": day_of(last), "days": last - first + 1},
        "filters": {k: v for k, v in asdict(query.filters).items() if v is not None},
        "business_hours": query.business_hours,
    }
    if query.by is None:
        overall = compute(sample, np.zeros(facts.size, dtype=np.int64), 1,
                          business_hours=query.business_hours, min_n=query.min_n)[0]  # fmt: skip
        if query.retention:
            overall["retention"] = retention(connection, first, last)
        return header | overall
    keys, labels = _grouping(connection, period, facts, query.by)
    groups = compute(sample, keys, len(labels), business_hours=query.business_hours,
                     min_n=query.min_n)  # fmt: skip
    found = [{"key": label, **group} for label, group in zip(labels, groups, strict=True)]
    return header | {"by": query.by, "groups": _order(found, query.by)}


def period_facts(
    *, session: Session, since: dt.date | None, until: dt.date | None
) -> tuple[int, int, rollups.Period]:
    """The first and last day of a period as ``metrics`` chooses them (default: the last 90
    days that have interactions), and the facts of its interactions, from up-to-date rollups."""
    first, last = _period(session.connection(), Query(since=since, until=until))
    period, _ = _sample(session, first, last, Filters())
    return first, last, period


def _sample(
    session: Session, first: int, last: int, filters: Filters
) -> tuple[rollups.Period, Sample]:
    """The period's facts that pass the filters, kept for the session: a dashboard asks for
    the same period overall and by several dimensions in one request."""
    cache: dict[Any, tuple[rollups.Period, Sample]] = session.info.setdefault(_CACHE, {})
    connection = session.connection()
    if rollups.refresh(connection):
        cache.clear()  # days were rebuilt: what was read before is out of date
    key = (first, last, filters)
    if key not in cache:
        period = rollups.load(connection, first, last)
        keep = _mask(connection, period, filters) if filters != Filters() else None
        cache[key] = (period, Sample(period.facts if keep is None else period.facts[keep]))
    return cache[key]


def last_day(*, session: Session) -> dt.date | None:
    """The last day that has interactions, None when there are none."""
    latest = session.scalar(select(func.max(DailyFacts.day)))
    return None if latest is None else day_of(latest)


def _period(connection: Connection, query: Query) -> tuple[int, int]:
    if query.until is not None:
        last = day_number(query.until)
    else:
        latest = connection.scalar(select(func.max(DailyFacts.day)))
        last = latest if latest is not None else day_number(dt.date.today())  # noqa: DTZ011
    first = day_number(query.since) if query.since else last - DEFAULT_DAYS + 1
    if first > last:
        raise ValueError(f"the period starts ({day_of(first)}) after it ends ({day_of(last)})")
    return first, last


def _mask(connection: Connection, period: rollups.Period, filters: Filters) -> NDArray[np.bool_]:
    facts = period.facts
    keep = np.ones(facts.size, dtype=bool)
    if filters.channel is not None:
        keep &= facts["channel"] == _index(period.channels, filters.channel)
    if filters.reason is not None:
        wanted = [i for i, r in enumerate(period.reasons)
                  if r == filters.reason or r.startswith(filters.reason + ".")]  # fmt: skip
        keep &= np.isin(facts["reason"], wanted)
    if filters.stage is not None:
        keep &= facts["stage"] == _index(list(STAGES), filters.stage)
    if filters.team is not None:
        team = connection.scalar(select(hub.Team.id).where(hub.Team.name == filters.team))
        keep &= facts["team"] == (team if team is not None else -2)
    if filters.agent is not None:
        agent = connection.scalar(
            select(hub.Agent.id).where(hub.Agent.external_id == filters.agent)
        )
        keep &= facts["agent"] == (agent if agent is not None else -2)
    return keep


def _index(names: list[str], name: str) -> int:
    return names.index(name) if name in names else -2  # -2 matches nothing


def _grouping(
    connection: Connection, period: rollups.Period, facts: Any, by: str
) -> tuple[NDArray[np.int64], list[Any]]:
    """Each interaction's group number, and the groups' keys."""
    if by in SERIES:
        return _series(facts["day"], by)
    if by in ("team", "agent"):
        ids, inverse = np.unique(facts[by], return_inverse=True)
        people = _names(connection, by, [int(c) for c in ids if c >= 0])
        return inverse.astype(np.int64), [people.get(int(c)) for c in ids]
    names: dict[str, list[str]] = {
        "channel": period.channels, "reason": period.reasons, "stage": list(STAGES)
    }  # fmt: skip
    labels = names[by]
    codes = facts[by].astype(np.int64)
    present = np.unique(codes)
    inverse = np.searchsorted(present, codes)
    return inverse, [labels[c] if c >= 0 else None for c in present]


def _series(days: NDArray[np.int32], by: str) -> tuple[NDArray[np.int64], list[Any]]:
    dates = [day_of(int(d)) for d in np.unique(days)]
    starts: dict[dt.date, dt.date]
    if by == "day":
        starts = {d: d for d in dates}
    elif by == "week":
        starts = {d: d - dt.timedelta(days=d.weekday()) for d in dates}
    else:
        starts = {d: d.replace(day=1) for d in dates}
    labels = sorted(set(starts.values()))
    position = {label: index for index, label in enumerate(labels)}
    lookup = {day_number(d): position[start] for d, start in starts.items()}
    keys = np.array([lookup[int(d)] for d in days], dtype=np.int64) if days.size else days
    shown = [label.strftime("%Y-%m") if by == "month" else label for label in labels]
    return keys.astype(np.int64), shown


def _names(connection: Connection, by: str, ids: list[int]) -> dict[int, str]:
    if by == "team":
        query = select(hub.Team.id, hub.Team.name).where(hub.Team.id.in_(ids))
    else:
        query = select(hub.Agent.id, hub.Agent.external_id).where(hub.Agent.id.in_(ids))
    return {row_id: name for row_id, name in connection.execute(query)}


def _order(groups: list[dict[str, Any]], by: str) -> list[dict[str, Any]]:
    """Time series in time order; other groups by volume, those too small to compare last."""
    if by in SERIES:
        return groups
    return sorted(groups, key=lambda g: (g["small_sample"], -g["volume"], str(g["key"])))


def compare(*, session: Session, first: Query, second: Query) -> dict[str, Any]:
    """Two selections side by side, and for each rate whether they differ significantly."""
    a, b = metrics(session=session, query=first), metrics(session=session, query=second)
    differences: dict[str, Any] = {"nps": _nps_difference(a["nps"], b["nps"])}
    rates = {
        "csat": ("csat", "value", "n"), "ces_easy": ("ces", "pct_easy", "n"),
        "fcr": ("fcr", "value", "n"), "repeat_contacts": ("repeat_contacts", "value", "n"),
        "sla_first_response": ("sla", "first_response_met", "first_response_n"),
        "sla_resolution": ("sla", "resolution_met", "resolution_n"),
    }  # fmt: skip
    for name, (block, value, n) in rates.items():
        differences[name] = stats.two_proportions(
            *_successes(a[block][value], a[block][n]), *_successes(b[block][value], b[block][n])
        )
    return {"a": a, "b": b, "differences": differences}


def _successes(percent: float | None, n: int) -> tuple[int, int]:
    return (0, 0) if percent is None else (round(percent * n / 100), n)


def _nps_difference(a: dict[str, Any], b: dict[str, Any]) -> dict[str, object]:
    def parts(block: dict[str, Any]) -> tuple[float, float, int]:
        n = block["n"]
        if not n:
            return 0.0, 0.0, 0
        value, variance = stats.nps(
            np.array([block["promoters"]]), np.array([block["detractors"]]), np.array([n])
        )
        return float(value[0]), float(variance[0]), n

    return stats.nps_difference(parts(a), parts(b))


ACTIVE_WITHIN_DAYS = 180


def retention(
    connection: Connection, first: int, last: int, active_within: int = ACTIVE_WITHIN_DAYS
) -> dict[str, Any]:
    """Retention = (customers at the end − new customers) / customers at the start, where a
    customer "is a customer" on a date when they had an interaction in the ``active_within``
    days before it; churn is its complement. Computed from the interactions (customer level)."""
    calendar = rollups.context(connection)
    if calendar is None:
        return {"value": None, "churn": None}
    start = calendar.calendar.midnight(first)
    end = calendar.calendar.midnight(last + 1)
    window = active_within * rollups.DAY_S
    at_start = _active(connection, start - window, start)
    at_end = _active(connection, end - window, end)
    opened = hub.Interaction.opened_at
    firsts = (
        select(hub.Interaction.customer_id)
        .group_by(hub.Interaction.customer_id)
        .having(func.min(_seconds(opened)) >= start, func.min(_seconds(opened)) < end)
        .subquery()
    )
    new = connection.scalar(select(func.count()).select_from(firsts)) or 0
    value = None if not at_start else 100 * (at_end - new) / at_start
    return {
        "value": value, "churn": None if value is None else 100 - value,
        "customers_at_start": at_start, "customers_at_end": at_end, "new_customers": new,
        "active_within_days": active_within,
    }  # fmt: skip


def _seconds(column: Any) -> Any:
    return type_coerce(column, BigInteger)


def _active(connection: Connection, low: int, high: int) -> int:
    opened = _seconds(hub.Interaction.opened_at)
    query = select(func.count(func.distinct(hub.Interaction.customer_id))).where(
        opened >= low, opened < high
    )
    return connection.scalar(query) or 0
