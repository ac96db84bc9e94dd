"""Writing prepared interactions in batches: new ones inserted, changed ones replaced, identical
ones left alone, so that importing the same data twice changes nothing.

It works on a Connection with plain multi-row statements (no ORM objects): imports write
millions of rows, and the same code serves the API one interaction at a time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete

from unisono.core.db import in_chunks, insert_rows, placeholder, rows_by_key
from unisono.interactions import models
from unisono.interactions.people import People
from unisono.interactions.prepare import PREPARED_COLUMNS, Prepared, epoch

_COLUMNS = (
    *PREPARED_COLUMNS, "customer_id", "agent_id", "team_id", "source", "content_hash",
    "imported_at",
)  # fmt: skip
_SURVEY_COLUMNS = ("interaction_id", "kind", "score", "at", "comment")


@dataclass
class WriteResult:
    """How many interactions a write inserted, replaced and found identical."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    touched: list[int] = field(default_factory=list)  # opening times written or replaced

    def add(self, other: WriteResult) -> None:
        """Count ``other`` in too."""
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged


class InteractionWriter:
    """Writes batches of interactions on one connection, remembering the people it has seen."""

    def __init__(self, connection: Connection, *, source: str) -> None:
        self.connection = connection
        self.source = source
        self.people = People(connection)
        mark = placeholder(connection)
        assignments = ", ".join(f"{column} = {mark}" for column in _COLUMNS)
        self._update = f"UPDATE interactions SET {assignments} WHERE id = {mark}"  # noqa: S608

    def write(self, items: Sequence[Prepared], *, now: dt.datetime) -> WriteResult:
        """Store ``items`` (the last of two with the same id wins) in the current transaction."""
        latest = {item.external_id: item for item in items}
        existing = self._existing(list(latest))
        changed = [
            item
            for key, item in latest.items()
            if key not in existing or existing[key][1] != item.digest
        ]
        opened = PREPARED_COLUMNS.index("opened_at")
        result = WriteResult(unchanged=len(latest) - len(changed))
        if not changed:
            return result
        self.people.resolve(changed)
        fresh = [item for item in changed if item.external_id not in existing]
        replaced = [item for item in changed if item.external_id in existing]
        ids = {item.external_id: existing[item.external_id][0] for item in replaced}
        self._forget(list(ids.values()))
        stamp = epoch(now)
        if replaced:
            rows = [(*self._values(i, stamp), ids[i.external_id]) for i in replaced]
            self.connection.exec_driver_sql(self._update, rows)
        if fresh:
            rows = [(i.external_id, *self._values(i, stamp)) for i in fresh]
            insert_rows(self.connection, "interactions", ("external_id", *_COLUMNS), rows)
            ids.update(self._ids([item.external_id for item in fresh]))
        surveys = [(ids[i.external_id], *survey) for i in changed for survey in i.surveys]
        # an answer collected by Unisono (survey link, CSV) wins over one in the record
        insert_rows(self.connection, "surveys", _SURVEY_COLUMNS, surveys, ignore_existing=True)
        result.inserted, result.updated = len(fresh), len(replaced)
        result.touched = [item.values[opened] for item in changed]
        result.touched += [existing[item.external_id][2] for item in replaced]
        return result

    def _existing(self, external_ids: list[str]) -> dict[str, tuple[int, str, int]]:
        """The row id, content hash and opening time of those interactions already stored."""
        columns = ("id", "content_hash", "opened_at")
        rows = rows_by_key(self.connection, "interactions", "external_id", columns, external_ids)
        return {key: (row_id, digest, opened) for key, row_id, digest, opened in rows}

    def _ids(self, external_ids: list[str]) -> dict[str, int]:
        return {key: found[0] for key, found in self._existing(external_ids).items()}

    def _forget(self, interaction_ids: list[int]) -> None:
        """Remove the survey answers that came with changed interactions: they are written
        again from the new record (answers collected by Unisono stay)."""
        survey = models.Survey
        for chunk in in_chunks(interaction_ids):
            self.connection.execute(
                delete(survey).where(survey.interaction_id.in_(chunk), survey.origin == "record")
            )

    def _values(self, item: Prepared, now: int | None) -> tuple[Any, ...]:
        """The columns of ``_COLUMNS`` for one interaction."""
        people = self.people
        customer = people.customers[item.customer][0]
        agent = people.agents[item.agent][0] if item.agent else None
        team = people.teams[item.team] if item.team else None
        return (*item.values, customer, agent, team, self.source, item.digest, now)
