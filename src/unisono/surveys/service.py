"""Survey answers collected by Unisono: from a survey link, or from a CSV file of answers.
Each is stored once (a second answer of the same kind for an interaction does not count), and
the metrics' rollups of its day are marked stale."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from unisono.core.db import insert_rows
from unisono.interactions import models
from unisono.metrics import rollups
from unisono.surveys.links import KINDS

RANGES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}


class AnswerError(ValueError):
    """An answer that cannot be taken, and why."""


@dataclass(frozen=True)
class Target:
    """The interaction an answer is about."""

    row_id: int
    external_id: str
    opened_at: dt.datetime


def find_interaction(*, session: Session, external_id: str) -> Target | None:
    """The interaction with this external id, if any."""
    row = session.execute(
        select(models.Interaction.id, models.Interaction.opened_at).where(
            models.Interaction.external_id == external_id
        )
    ).first()
    return None if row is None else Target(row.id, external_id, row.opened_at)


def answered(*, session: Session, target: Target, kind: str) -> bool:
    """Whether this interaction already has an answer of this kind."""
    survey = models.Survey
    found = select(survey.score).where(survey.interaction_id == target.row_id, survey.kind == kind)
    return session.execute(found).first() is not None


def record_answer(
    *, session: Session, target: Target, kind: str, score: int, comment: str | None,
    at: dt.datetime, origin: str,
) -> bool:  # fmt: skip
    """Store an answer; False when the interaction already had one of this kind."""
    _check(kind, score)
    connection = session.connection()
    if answered(session=session, target=target, kind=kind):
        return False
    row = (target.row_id, kind, score, int(at.timestamp()), comment or None, origin)
    columns = ("interaction_id", "kind", "score", "at", "comment", "origin")
    insert_rows(connection, "surveys", columns, [row], ignore_existing=True)
    _stale(connection, [int(target.opened_at.timestamp())])
    return True


def _check(kind: str, score: int) -> None:
    if kind not in RANGES:
        raise AnswerError(f"kind: {kind!r} is not one of {', '.join(KINDS)}")
    low, high = RANGES[kind]
    if not low <= score <= high:
        raise AnswerError(f"score: {kind} answers go from {low} to {high}, not {score}")


def _stale(connection: Connection, opened: list[int]) -> None:
    found = rollups.context(connection)
    if found is not None:
        rollups.mark_stale(connection, found, opened)


@dataclass
class CsvSummary:
    """What an import of answers did; ``rejected`` lists each refused line and why."""

    imported: int = 0
    already_answered: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)


def import_answers(*, session: Session, path: Path, now: dt.datetime) -> CsvSummary:
    """Import answers from a CSV file with the columns interaction_id, kind, score and,
    optionally, at (ISO 8601) and comment; ``,`` or ``;`` separated, UTF-8."""
    summary = CsvSummary()
    with path.open(encoding="utf-8-sig", newline="") as source:
        sample = source.read(4096)
        source.seek(0)
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        for line, row in enumerate(csv.DictReader(source, dialect=dialect), start=2):
            try:
                if _import_row(session, row, now):
                    summary.imported += 1
                else:
                    summary.already_answered += 1
            except AnswerError as error:
                summary.rejected.append({"line": line, "reason": str(error)})
    return summary


def _import_row(session: Session, row: dict[str, str | None], now: dt.datetime) -> bool:
    external_id = (row.get("interaction_id") or "").strip()
    target = find_interaction(session=session, external_id=external_id)
    if target is None:
        raise AnswerError(f"interaction_id: no interaction {external_id!r}")
    try:
        score = int((row.get("score") or "").strip())
    except ValueError:
        raise AnswerError(f"score: {row.get('score')!r} is not a whole number") from None
    at = now
    if row.get("at"):
        try:
            at = dt.datetime.fromisoformat(str(row["at"]).strip())
        except ValueError:
            raise AnswerError(f"at: {row['at']!r} is not a date (ISO 8601)") from None
        if at.tzinfo is None:
            raise AnswerError(f"at: {row['at']!r} has no time zone offset")
    kind = (row.get("kind") or "").strip().lower()
    return record_answer(session=session, target=target, kind=kind, score=score,
                         comment=row.get("comment"), at=at, origin="csv")  # fmt: skip
