"""Customers, agents and teams by the ids of the systems they come from, created on first sight.

Imports see the same people again and again: their row ids are remembered (within bounds), so
that a batch costs one query per kind of person at most.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.orm import InstrumentedAttribute

from unisono.core.db import in_chunks, insert_rows, rows_by_key
from unisono.interactions import models
from unisono.interactions.prepare import Contact, Prepared

_CACHE_LIMIT = 200_000  # customers remembered; beyond, the memory is cleared and refilled
_CUSTOMERS = models.Customer
_AGENTS = models.Agent


def merge(new: Contact, known: Contact) -> Contact:
    """What a record says of a customer replaces what was known; blanks keep the old."""
    name, email, phone = (n if n is not None else k for n, k in zip(new, known, strict=True))
    return name, email, phone


class People:
    """Row ids of the customers, agents and teams named by interactions (``customers``,
    ``agents`` and ``teams`` map external ids to row ids once :meth:`resolve` has run)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.customers: dict[str, tuple[int, Contact]] = {}
        self.agents: dict[str, tuple[int, int | None]] = {}  # login -> (id, team id)
        self.teams: dict[str, int] = {}

    def resolve(self, items: Sequence[Prepared]) -> None:
        """Make sure everyone ``items`` names has a row, with what the latest says of them."""
        if len(self.customers) > _CACHE_LIMIT:
            self.customers.clear()
        teams = sorted({item.team for item in items if item.team} - self.teams.keys())
        self.teams.update(self._get_or_create(models.Team.name, teams, lambda n: {"name": n}))
        self._agents({item.agent: item.team for item in items if item.agent})
        self._customers({item.customer: item.contact for item in items})

    def _agents(self, teams: dict[str, str | None]) -> None:
        missing = sorted(teams.keys() - self.agents.keys())
        created = self._get_or_create(_AGENTS.external_id, missing, _external)
        self.agents.update({login: (row_id, None) for login, row_id in created.items()})
        for login, team in teams.items():
            row_id, known_team = self.agents[login]
            team_id = self.teams[team] if team else None
            if team_id is not None and team_id != known_team:  # the team last seen
                statement = update(_AGENTS).where(_AGENTS.id == row_id)
                self.connection.execute(statement.values(team_id=team_id))
                self.agents[login] = (row_id, team_id)

    def _customers(self, contacts: dict[str, Contact]) -> None:
        missing = sorted(contacts.keys() - self.customers.keys())
        if missing:
            # Create those that do not exist yet, then read them all back: one round trip
            # whether they are new or known from an earlier import.
            rows = [(key, *contacts[key]) for key in missing]
            columns = ("external_id", "name", "email", "phone")
            insert_rows(self.connection, "customers", columns, rows, ignore_existing=True)
            for external_id, row_id, name, email, phone in rows_by_key(
                self.connection, "customers", "external_id", ("id", *columns[1:]), missing
            ):
                self.customers[external_id] = (row_id, (name, email, phone))
        for key, contact in contacts.items():
            row_id, known = self.customers[key]
            if contact == known:
                continue
            merged = merge(contact, known)
            if merged != known:
                statement = update(_CUSTOMERS).where(_CUSTOMERS.id == row_id)
                self.connection.execute(statement.values(_contact_values(merged)))
                self.customers[key] = (row_id, merged)

    def _get_or_create(
        self, key: InstrumentedAttribute[str], keys: list[str], row: Callable[[str], dict[str, Any]]
    ) -> dict[str, int]:
        found = self._ids(key, keys)
        new = [k for k in keys if k not in found]
        if new:
            self.connection.execute(insert(key.class_), [row(k) for k in new])
            found.update(self._ids(key, new))
        return found

    def _ids(self, key: InstrumentedAttribute[str], keys: Sequence[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for chunk in in_chunks(keys):
            query = select(key, key.class_.id).where(key.in_(chunk))
            found.update({name: row_id for name, row_id in self.connection.execute(query)})
        return found


def _contact_values(contact: Contact) -> dict[str, str | None]:
    return dict(zip(("name", "email", "phone"), contact, strict=True))


def _external(login: str) -> dict[str, Any]:
    return {"external_id": login}
