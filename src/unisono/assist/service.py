"""Assist: for a customer message and a channel, the contact reason, the standard that applies,
its approved answer for that channel with its placeholders filled, the facts to mention and the
expressions to avoid; and search over the whole bible for free-text questions. Agents,
self-service and chatbots call the same functions, so every channel gives the same answer.

An :class:`Assistant` holds what a suggestion needs in memory (the classifier, the search
index, the standards by reason): :func:`suggest` and :func:`search` then touch no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import select
from sqlalchemy.orm import Session

from unisono.assist.entries import Entry, Library, stored_library
from unisono.interactions import models as hub
from unisono.interactions.standards import specificity
from unisono.language.reasons import UNKNOWN, ReasonModel
from unisono.language.retrieval import SearchIndex
from unisono.language.training import reason_model
from unisono.metrics.rollups import fingerprint

__all__ = [
    "Assistant", "Match", "Suggestion", "UnknownChannelError", "build_assistant",
    "current_assistant", "customer_values", "load_assistant", "search", "suggest",
    "suggest_reply",
]  # fmt: skip

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class UnknownChannelError(ValueError):
    """A channel the bible does not have."""


@dataclass(frozen=True)
class Owners:
    """Which classifier reasons each standard has, for one vectorised step per search: the
    standards that have some (``rows``), where each one's reasons start in ``columns``."""

    rows: NDArray[np.int64]
    starts: NDArray[np.int64]
    columns: NDArray[np.int64]

    def best(self, confidences: NDArray[np.float64]) -> NDArray[np.float64]:
        """For each standard of ``rows``, the highest confidence among its reasons, shared
        among them: a standard for seven reasons says less about each than one for one."""
        counts = np.diff(self.starts, append=self.columns.size)
        return np.maximum.reduceat(confidences[self.columns], self.starts) / counts


@dataclass
class Assistant:
    """The bible in force, its reason classifier and search index, in memory."""

    library: Library
    model: ReasonModel | None
    index: SearchIndex
    entries: dict[str, Entry]
    processes: dict[str, list[Entry]]  # reason -> its process standards, by id
    owners: Owners


@dataclass(frozen=True)
class Match:
    """A standard found by a search, with its score and its answer for the channel asked."""

    standard_id: str
    title: str
    section: str
    score: float
    answer: str | None


@dataclass(frozen=True)
class Suggestion:
    """What to answer a customer message on a channel."""

    reason: str
    confidence: float
    reason_label: str | None
    channel: str
    standard_id: str | None
    standard_title: str | None
    standard_version: int | None
    answer: str | None
    missing_placeholders: list[str]
    facts: dict[str, str]
    avoid: list[dict[str, str | None]]
    related: list[Match] = field(default_factory=list)


def build_assistant(library: Library, model: ReasonModel | None) -> Assistant:
    """An assistant for ``library`` (its search index and lookups built once)."""
    index = SearchIndex.build([(entry.standard_id, entry.text) for entry in library.entries])
    entries = {entry.standard_id: entry for entry in library.entries}
    processes: dict[str, list[Entry]] = {}
    for entry in sorted(library.entries, key=lambda e: e.standard_id):
        if entry.section == "processes":
            for reason in entry.reasons:
                processes.setdefault(reason, []).append(entry)
    known = {reason: i for i, reason in enumerate(model.reasons)} if model else {}
    rows: list[int] = []
    starts: list[int] = []
    columns: list[int] = []
    for row, key in enumerate(index.keys):
        owned = [known[r] for r in entries[key].reasons if r in known]
        if owned:
            rows.append(row)
            starts.append(len(columns))
            columns += owned
    owners = Owners(
        np.array(rows, np.int64), np.array(starts, np.int64), np.array(columns, np.int64)
    )
    return Assistant(library, model, index, entries, processes, owners)


def load_assistant(*, session: Session, data_dir: Path) -> Assistant:
    """The assistant of the bible in force (its classifier trained at first use)."""
    return build_assistant(stored_library(session), reason_model(session, data_dir))


def customer_values(*, session: Session, customer_id: str) -> dict[str, str]:
    """The placeholder values known from a customer's record; KeyError when there is none."""
    row = session.execute(
        select(hub.Customer.name).where(hub.Customer.external_id == customer_id)
    ).first()
    if row is None:
        raise KeyError(customer_id)
    return {"customer_name": row.name} if row.name else {}


def _check_channel(assistant: Assistant, channel: str) -> None:
    channels = assistant.library.channels
    if channel not in channels:
        raise UnknownChannelError(
            f"unknown channel {channel!r}: choose one of {', '.join(channels)}"
        )


def standard_for(assistant: Assistant, reason: str, channel: str) -> Entry | None:
    """The process standard for ``reason`` on ``channel``: the most specific one, in the order
    the audit reads the standards that apply to an interaction (the deepest reason named, then
    the fewest reasons named: late parcels' own standard before one for every complaint)."""
    parts = reason.split(".")
    found = {
        entry.standard_id: entry
        for depth in range(len(parts), 0, -1)
        for entry in assistant.processes.get(".".join(parts[:depth]), ())
        if not entry.channels or channel in entry.channels
    }
    if not found:
        return None
    return min(
        found.values(),
        key=lambda e: specificity(
            section=e.section, reasons=e.reasons, standard_id=e.standard_id, reason=reason
        ),
    )


def fill(template: str, values: dict[str, str]) -> tuple[str, list[str]]:
    """``template`` with the placeholders it has values for filled, and those still missing."""
    missing = sorted({name for name in _PLACEHOLDER.findall(template) if name not in values})
    filled = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)
    return filled, missing


def suggest(
    assistant: Assistant, *, text: str, channel: str, values: dict[str, str] | None = None
) -> Suggestion:
    """The reason of ``text``, its standard on ``channel`` and the approved answer with
    ``values`` (and the company's name, and the standard's facts) in its placeholders."""
    _check_channel(assistant, channel)
    library = assistant.library
    model = assistant.model
    confidences = model.confidences([text])[0] if model else None
    guess = model.guess(confidences) if model and confidences is not None else None
    reason = guess.reason if guess else UNKNOWN
    entry = standard_for(assistant, reason, channel) if reason != UNKNOWN else None
    known = {"company": library.company, **(entry.facts if entry else {}), **(values or {})}
    answer: str | None = None
    missing: list[str] = []
    if entry is not None and channel in entry.answers:
        answer, missing = fill(entry.answers[channel].strip(), known)
    avoid = [*(entry.forbidden if entry else ()), *library.forbidden]
    return Suggestion(
        reason=reason,
        confidence=guess.confidence if guess else 0.0,
        reason_label=library.reason_labels.get(reason),
        channel=channel,
        standard_id=entry.standard_id if entry else None,
        standard_title=entry.title if entry else None,
        standard_version=entry.version if entry else None,
        answer=answer,
        missing_placeholders=missing,
        facts=dict(entry.facts) if entry else {},
        avoid=[{"expression": e, "replacement": r} for e, r in avoid],
        related=search(assistant, question=text, channel=channel, limit=3, seen=confidences),
    )


def search(
    assistant: Assistant,
    *,
    question: str,
    channel: str | None = None,
    limit: int = 5,
    seen: NDArray[np.float64] | None = None,
) -> list[Match]:
    """The standards that best answer ``question``: BM25 over the whole bible, raised for the
    standards of the reasons the classifier is sure enough of (the same answer as :func:`suggest`;
    ``seen``: the classifier's confidences, when they are known already)."""
    if channel is not None:
        _check_channel(assistant, channel)
    scores = assistant.index.scores(question).astype(np.float64)
    top = float(scores.max()) if scores.size else 0.0
    if top > 0:
        scores /= top
    model = assistant.model
    if model is not None and scores.size:
        confidences = seen if seen is not None else model.confidences([question])[0]
        confidences = np.where(confidences >= model.threshold, confidences, 0.0)
        if assistant.owners.rows.size:
            scores[assistant.owners.rows] += assistant.owners.best(confidences)
    matches = []
    for position in np.argsort(-scores, kind="stable")[:limit].tolist():
        if scores[position] <= 0:
            break
        entry = assistant.entries[assistant.index.keys[position]]
        answer = entry.answers.get(channel) if channel else None
        if answer is not None:
            answer = fill(answer.strip(), {"company": assistant.library.company})[0]
        matches.append(Match(entry.standard_id, entry.title, entry.section,
                             round(float(scores[position]), 4), answer))  # fmt: skip
    return matches


_LOADED: dict[tuple[str, str], Assistant] = {}  # (database, bible fingerprint) -> assistant


def current_assistant(*, session: Session, data_dir: Path) -> Assistant:
    """The assistant of the bible in force, built once per bible version in this process (the
    API serves many suggestions: the classifier and index stay in memory)."""
    connection = session.connection()
    key = (connection.engine.url.render_as_string(), fingerprint(connection))
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = load_assistant(session=session, data_dir=data_dir)
    return _LOADED[key]


def suggest_reply(
    *,
    session: Session,
    data_dir: Path,
    text: str,
    channel: str,
    customer_id: str | None = None,
    values: dict[str, str] | None = None,
) -> Suggestion:
    """:func:`suggest` on the bible in force, with the customer's record filling placeholders
    (KeyError when the customer is unknown, UnknownChannelError for a channel)."""
    known = dict(values or {})
    if customer_id is not None:
        known = {**customer_values(session=session, customer_id=customer_id), **known}
    assistant = current_assistant(session=session, data_dir=data_dir)
    return suggest(assistant, text=text, channel=channel, values=known)
