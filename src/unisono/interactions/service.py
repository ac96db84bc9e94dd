"""The interaction hub's services: import a source, upsert interactions, read them back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

from unisono.bible import models as bible
from unisono.core.parallel import fewer_collections, iterate_in_process
from unisono.interactions.importers.base import Importer, ImportOptions
from unisono.interactions.prepare import content_hash, prepare
from unisono.interactions.reading import ReadRequest, read_batches
from unisono.interactions.schemas import (
    InteractionIn,
    Vocabulary,
)
from unisono.interactions.writer import InteractionWriter, WriteResult
from unisono.metrics import rollups


class NoBibleError(LookupError):
    """Interactions refer to the bible's channels and reasons: a bible must be loaded first."""


@dataclass
class ImportSummary:
    """What an import did; ``rejects`` is the file listing what was refused, and why."""

    imported: int
    updated: int
    unchanged: int
    rejected: int
    rejects: Path | None


def vocabulary(connection: Connection | Session, timezone: ZoneInfo | None = None) -> Vocabulary:
    """The channels, reasons and time zone of the bible in force."""
    channels = connection.scalars(select(bible.Channel.id).where(bible.Channel.active)).all()
    if not channels:
        raise NoBibleError("no bible loaded yet: run `unisono bible load PATH` first")
    rows = connection.execute(
        select(bible.Reason.id, bible.Reason.stage).where(bible.Reason.active)
    )
    reasons = {reason: stage for reason, stage in rows}
    if timezone is None:
        document = connection.scalars(
            select(bible.BibleRevision.document).order_by(bible.BibleRevision.id.desc()).limit(1)
        ).one()
        hours = document.get("business_hours") or {}
        timezone = ZoneInfo(hours.get("timezone", "UTC"))
    return Vocabulary(frozenset(channels), reasons, timezone)


PARALLEL_FROM_BYTES = 4_000_000  # smaller sources are read in this process: no start-up cost


def import_source(
    *,
    engine: Engine,
    importer: Importer,
    path: Path,
    options: ImportOptions,
    rejects: Path,
    now: dt.datetime,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Import every interaction of ``path``, a batch per transaction; refused parts go to
    ``rejects`` (written only if there are any) with their line and reason.

    Large sources are read and validated in a second process while this one writes."""
    totals, rejected = WriteResult(), 0
    with engine.connect() as connection, fewer_collections():
        _trust_references(connection)
        words = vocabulary(connection, options.timezone)
        days = rollups.context(connection)
        connection.commit()
        request = ReadRequest(importer.name, path, options, words, rejects)
        if importer.total(path) >= PARALLEL_FROM_BYTES:
            batches = iterate_in_process(read_batches, request)
        else:
            batches = read_batches(request)
        writer = InteractionWriter(connection, source=importer.name)
        for batch in batches:
            if batch.items:
                with connection.begin():
                    written = writer.write(batch.items, now=now)
                    if days is not None:  # same transaction: a killed import leaves no gap
                        rollups.mark_stale(connection, days, written.touched)
                totals.add(written)
            if progress is not None:
                progress(batch.progress)
            rejected = batch.rejected
        with connection.begin():
            rollups.refresh(connection)
    return ImportSummary(
        totals.inserted, totals.updated, totals.unchanged, rejected, rejects if rejected else None
    )


def _trust_references(connection: Connection) -> None:
    """Skip SQLite's per-row foreign key checks on this import's connection: every reference
    it writes was just checked (channels and reasons against the bible, whose rows are never
    deleted) or created (customers, agents, teams) in the same transaction, and the checks
    would double the cost of each insert."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")


def upsert(
    *, session: Session, items: Sequence[InteractionIn], source: str, now: dt.datetime
) -> WriteResult:
    """Create or update interactions (the API's way in), in the session's transaction."""
    words = vocabulary(session)
    prepared = [prepare(item, content_hash(item), words) for item in items]
    connection = session.connection()
    written = InteractionWriter(connection, source=source).write(prepared, now=now)
    days = rollups.context(connection)
    if days is not None:
        rollups.mark_stale(connection, days, written.touched)  # rebuilt when metrics are read
    return written
