"""The consistency report the pages show: computed at the end of each analysis run (and when a
manager asks for it), kept with the state of the data it was computed on — the bible's
fingerprint and the data version — and read back as up to date or not. Computing it takes
seconds on a large organisation; a page reads it in milliseconds and never shows a number
without saying what data it comes from (docs/consistency.md, "In the web app")."""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, func, select
from sqlalchemy.orm import Session

from unisono.audit import models as audit
from unisono.bible import queries as bible_queries
from unisono.consistency.models import StoredReport
from unisono.consistency.service import ConsistencyQuery, consistency
from unisono.core.changes import data_version
from unisono.interactions import models as hub
from unisono.metrics import rollups

KEPT_QUERY = ConsistencyQuery()  # the last 90 days with interactions, every reason


@dataclass(frozen=True)
class KeptReport:
    """The report as kept, when it was computed, and whether the data has changed since."""

    report: dict[str, Any]
    computed_at: dt.datetime
    seconds: float
    up_to_date: bool


@dataclass(frozen=True)
class Readiness:
    """What a report needs: a bible, interactions, and their analysis (for the audit results
    and the answers)."""

    bible: bool
    interactions: int
    analysed: int


def readiness(*, session: Session) -> Readiness:
    """Whether there is a bible, how many interactions, how many are analysed."""
    return Readiness(
        bible=bible_queries.latest_revision(session=session) is not None,
        interactions=session.scalar(select(func.count()).select_from(hub.Interaction)) or 0,
        analysed=session.scalar(select(func.count()).select_from(audit.Analysis)) or 0,
    )


def _state(connection: Connection) -> tuple[str, int]:
    return rollups.fingerprint(connection), data_version(connection)


def kept_report(*, session: Session) -> KeptReport | None:
    """The report last computed, None when there is none."""
    row = session.scalars(select(StoredReport).order_by(StoredReport.id.desc()).limit(1)).first()
    if row is None:
        return None
    current = (row.bible, row.data_version) == _state(session.connection())
    return KeptReport(row.report, row.computed_at, row.seconds, current)


def compute_and_keep(*, session: Session, now: dt.datetime) -> KeptReport:
    """Compute the report on the data as it is, and keep it in place of the one before."""
    connection = session.connection()
    rollups.refresh(connection)  # first: what the report reads must be built before its state
    bible, version = _state(connection)  # read before computing: a write meanwhile outdates it
    started = time.perf_counter()
    report = consistency(session=session, query=KEPT_QUERY)
    seconds = round(time.perf_counter() - started, 2)
    as_json = json.loads(json.dumps(report, default=_json_value))
    session.execute(delete(StoredReport))
    session.add(
        StoredReport(
            bible=bible, data_version=version, computed_at=now, seconds=seconds, report=as_json
        )
    )
    session.flush()
    return KeptReport(as_json, now, seconds, up_to_date=True)


def keep_up_to_date(*, session: Session, now: dt.datetime) -> KeptReport | None:
    """After an analysis run: the report computed again unless the kept one is up to date;
    None when there is nothing to compute yet (no bible, no interaction)."""
    ready = readiness(session=session)
    if not ready.bible or ready.interactions == 0:
        return None
    kept = kept_report(session=session)
    if kept is not None and kept.up_to_date:
        return kept
    return compute_and_keep(session=session, now=now)


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    raise TypeError(f"{type(value).__name__} in the consistency report")
