"""Keeping the daily rollups up to date, and reading a period's facts back.

Writers of interactions and survey answers mark the days they touch as stale (with the days
around them whose first contacts and FCR may change); ``refresh`` rebuilds stale days, and days
built with another bible (other targets, hours or FCR window). Reading a period back gives one
array of facts whose channel and reason codes are the same for every day.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection, delete, func, insert, select

from unisono.bible import models as bible
from unisono.core.changes import bump_data_version
from unisono.core.clock import utcnow
from unisono.core.db import insert_rows
from unisono.metrics.calendar import Calendar
from unisono.metrics.facts import FACTS, Context, Dimensions, Facts, build
from unisono.metrics.models import DailyFacts, StaleDay
from unisono.metrics.targets import load_rules

DAY_S = 86_400


def context(connection: Connection) -> Context | None:
    """The calendar, FCR window and targets of the bible in force; None before any bible."""
    row = connection.execute(
        select(bible.BibleRevision.document, bible.BibleRevision.fcr_window_s)
        .order_by(bible.BibleRevision.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return Context(Calendar.from_bible(row.document), row.fcr_window_s, load_rules(connection))


def fingerprint(connection: Connection) -> str:
    """What the rollups depend on in the bible: its revision and its newest standard version."""
    revision = connection.scalar(select(func.max(bible.BibleRevision.id)))
    version = connection.scalar(select(func.max(bible.StandardVersion.id)))
    return f"{revision or 0}:{version or 0}"


def mark_stale(connection: Connection, context: Context, opened: Iterable[int]) -> None:
    """Mark the days of these opening times stale, with the days within the FCR window."""
    moments = np.fromiter(opened, dtype=np.int64)
    if moments.size == 0:
        return
    margin = math.ceil(context.window_s / DAY_S) + 1
    days = np.unique(context.calendar.days_of(moments))
    stale = np.unique((days[:, None] + np.arange(-margin, margin + 1)[None, :]).ravel())
    _stale(connection, (int(day) for day in stale))
    bump_data_version(connection)  # every writer of interactions and answers comes this way


def _stale(connection: Connection, days: Iterable[int]) -> None:
    insert_rows(connection, "stale_days", ("day",), [(d,) for d in days], ignore_existing=True)


def refresh(connection: Connection) -> int:
    """Rebuild every stale day (in runs of consecutive days); return how many were rebuilt."""
    current = fingerprint(connection)
    outdated = select(DailyFacts.day).where(DailyFacts.bible != current)
    _stale(connection, connection.scalars(outdated))
    days = sorted(connection.scalars(select(StaleDay.day)))
    found = context(connection) if days else None
    if found is None:
        return 0
    for first, last in _runs(days):
        dimensions, facts = build(connection, found, first, last)
        connection.execute(delete(DailyFacts).where(DailyFacts.day.between(first, last)))
        _store(connection, dimensions, facts, built=current)
    connection.execute(delete(StaleDay).where(StaleDay.day.in_(days)))
    return len(days)


RUN_DAYS = 31  # days built together at most: memory stays bounded on a long history


def _runs(days: list[int]) -> list[tuple[int, int]]:
    """Consecutive stale days in runs of at most RUN_DAYS days."""
    runs: list[tuple[int, int]] = []
    for day in days:
        if runs and day == runs[-1][1] + 1 and day - runs[-1][0] < RUN_DAYS:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _store(connection: Connection, dimensions: Dimensions, facts: Facts, *, built: str) -> None:
    rows = []
    now = utcnow()
    for day in np.unique(facts["day"]):
        mine = facts[facts["day"] == day]
        rows.append({"day": int(day), "interactions": int(mine.size), "dimensions": dimensions,
                     "facts": mine.tobytes(), "built_at": now, "bible": built})  # fmt: skip
    if rows:
        connection.execute(insert(DailyFacts), rows)


@dataclass(frozen=True)
class Period:
    """A period's facts, with the names their channel and reason codes stand for."""

    facts: Facts
    channels: list[str]
    reasons: list[str]


def load(connection: Connection, first: int, last: int) -> Period:
    """The facts of the interactions opened from local day ``first`` to ``last`` (inclusive)."""
    rows = connection.execute(
        select(DailyFacts.dimensions, DailyFacts.facts)
        .where(DailyFacts.day.between(first, last))
        .order_by(DailyFacts.day)
    ).all()
    channels = sorted({c for row in rows for c in row.dimensions["channels"]})
    reasons = sorted({r for row in rows for r in row.dimensions["reasons"]})
    parts = [np.frombuffer(row.facts, dtype=FACTS) for row in rows]
    facts = np.concatenate(parts) if parts else np.zeros(0, dtype=FACTS)
    start = 0
    for row, part in zip(rows, parts, strict=True):
        _recode(facts[start : start + part.size], row.dimensions, channels, reasons)
        start += part.size
    return Period(facts, channels, reasons)


def _recode(facts: Facts, dimensions: Dimensions, channels: list[str], reasons: list[str]) -> None:
    """Turn a day's own channel and reason codes into the period's (in place)."""
    for kind, names in (("channel", channels), ("reason", reasons)):
        own = dimensions[f"{kind}s"]
        if own == names:
            continue  # the usual case: the same names every day
        mapping = np.array([names.index(name) for name in own] + [-1], dtype=np.int16)
        facts[kind] = mapping[facts[kind]]  # -1 (none) picks the last entry: -1 again
