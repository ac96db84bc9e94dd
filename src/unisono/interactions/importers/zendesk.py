"""Zendesk ticket exports: the API's export document, or JSON Lines of tickets.

Two shapes are read (docs/importers.md, "Zendesk"):

- a document ``{"tickets": [...], "users": [...], "groups": [...], "metric_sets": [...]}``, as
  /api/v2/incremental/tickets returns it with side-loads, each ticket optionally carrying its
  ``comments`` (as /api/v2/tickets/{id}/comments returns them);
- JSON Lines, one ticket per line, as Zendesk's full JSON export writes it.

Memory stays flat: the document is parsed as a stream (ijson) in two passes, the side-loads
first (they may come after the tickets) into a spool on disk, then the tickets one by one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ijson
import orjson

from unisono.interactions.importers.base import ImportOptions, Record, Rejected, SourceError
from unisono.interactions.importers.spool import Spool
from unisono.interactions.importers.zendesk_mapping import (
    Directory,
    TicketError,
    ZendeskSettings,
    interaction,
)

SIDE_LOADS = {"users.item": "users", "groups.item": "groups", "metric_sets.item": "metric_sets"}
# (position, ticket or why it is not one, raw text, bytes read)
Item = tuple[int, dict[str, Any] | str, str, int]


class ZendeskImporter:
    """Tickets with their public comments, requester, assignee, group and satisfaction."""

    name: str = "zendesk"
    suffixes: tuple[str, ...] = (".zendesk.json", ".zendesk.jsonl")

    def total(self, path: Path) -> int:
        """The file's size in bytes."""
        return path.stat().st_size

    def read(self, path: Path, options: ImportOptions) -> Iterator[Record | Rejected]:
        """Every ticket, in file order; ``line`` is the line number in JSON Lines and the
        position in the ``tickets`` list in a document."""
        if not path.is_file():
            raise SourceError(f"{path}: not a file")
        settings = ZendeskSettings.from_extra(options.extra)
        with Spool() as spool:
            directory = Directory(spool)
            if settings.users is not None:
                _load_users(settings.users, directory)
            if _is_document(path, "tickets"):
                _load_side_loads(path, directory)
                items = _document_tickets(path)
            else:
                items = _lines(path)
            for position, ticket, raw, progress in items:
                if isinstance(ticket, str):
                    yield Rejected(position, ticket, raw, progress)
                    continue
                try:
                    data = interaction(ticket, directory, settings)
                except TicketError as error:
                    reason = f"ticket {ticket.get('id')}: {error}"
                    yield Rejected(position, reason, raw, progress)
                    continue
                yield Record(position, data, raw, progress)


def _is_document(path: Path, key: str) -> bool:
    """Whether the file is one object holding ``key`` (else JSON Lines of items with an id)."""
    try:
        with path.open("rb") as stream:
            for prefix, event, value in ijson.parse(stream, multiple_values=True):
                if prefix == "" and event == "map_key" and value in (key, "id"):
                    return bool(value == key)
                if prefix == "" and event not in ("start_map", "map_key"):
                    break  # the first value ended, or is not an object
    except ijson.JSONError as error:
        raise SourceError(f"{path}: not JSON: {error}") from error
    raise SourceError(
        f'{path}: neither a Zendesk export ({{"{key}": [...]}}) nor JSON Lines of {key}'
    )


def _load_side_loads(path: Path, directory: Directory) -> None:
    """The users, groups and metric sets of a document, wherever they are in it."""
    try:
        with path.open("rb") as stream:
            events = ijson.parse(stream, use_float=True)
            for prefix, event, value in events:
                kind = SIDE_LOADS.get(prefix)
                if kind is not None and event == "start_map":
                    directory.add(kind, _build(events, prefix, event, value))
    except ijson.JSONError as error:
        raise SourceError(f"{path}: broken JSON: {error}") from error


def _build(events: Iterator[tuple[str, str, Any]], prefix: str, event: str, value: Any) -> Any:
    """The object starting at this event, built from the events up to its end."""
    builder = ijson.ObjectBuilder()
    builder.event(event, value)
    for item_prefix, item_event, item_value in events:
        builder.event(item_event, item_value)
        if item_prefix == prefix and item_event == "end_map":
            break
    return builder.value


def _load_users(path: Path, directory: Directory) -> None:
    """A users export given beside JSON Lines tickets: a document or JSON Lines of users."""
    if not path.is_file():
        raise SourceError(f"option users: {path}: not a file")
    if _is_document(path, "users"):
        _load_side_loads(path, directory)
        return
    for position, user, _, _ in _lines(path):
        if isinstance(user, str):
            raise SourceError(f"{path}:{position}: {user}")
        directory.add("users", user)


def _document_tickets(path: Path) -> Iterator[Item]:
    with path.open("rb") as stream:
        tickets = ijson.items(stream, "tickets.item", use_float=True)
        for position, ticket in enumerate(tickets, start=1):
            raw = orjson.dumps(ticket).decode()
            if not isinstance(ticket, dict):
                yield position, "not a ticket object", raw, stream.tell()
                continue
            yield position, ticket, raw, stream.tell()


def _lines(path: Path) -> Iterator[Item]:
    offset = 0
    with path.open("rb") as lines:
        for number, line in enumerate(lines, start=1):
            offset += len(line)
            data = line.strip()
            if not data:
                continue
            text = data.decode("utf-8", errors="replace")  # for the rejects file only
            try:
                item = orjson.loads(data)
            except orjson.JSONDecodeError as error:
                yield number, f"not JSON: {error}", text, offset
                continue
            yield number, item if isinstance(item, dict) else "not a JSON object", text, offset
