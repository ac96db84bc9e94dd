"""A temporary on-disk store, so that readers keep memory flat whatever the size of a source.

Readers that must look things up or regroup rows (the CSV reader's interactions whose rows are
scattered, Zendesk's users side-loaded after the tickets) put them here rather than in a dict.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from types import TracebackType
from typing import Any

import orjson


class Spool:
    """JSON values filed under string keys, in a private temporary SQLite database.

    SQLite keeps a small page cache in memory and writes the rest to a temporary file that it
    deletes on close (an empty file name asks for exactly that), so the store can grow past
    memory. Values are kept in the order they were added.
    """

    def __init__(self) -> None:
        self._db = sqlite3.connect("")
        self._db.execute("CREATE TABLE item (seq INTEGER PRIMARY KEY, key TEXT, value BLOB)")
        self._db.execute("CREATE INDEX item_key ON item (key, seq)")

    def __enter__(self) -> Spool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Drop the store (SQLite deletes its temporary file)."""
        self._db.close()

    def add(self, key: str, value: Any) -> None:
        """File ``value`` under ``key``, after the values already there."""
        self._db.execute("INSERT INTO item (key, value) VALUES (?, ?)", (key, orjson.dumps(value)))

    def count(self, key: str) -> int:
        """How many values are filed under ``key``."""
        row = self._db.execute("SELECT count(*) FROM item WHERE key = ?", (key,)).fetchone()
        return int(row[0])

    def first(self, key: str) -> Any:
        """The first value filed under ``key``, or None."""
        row = self._db.execute(
            "SELECT value FROM item WHERE key = ? ORDER BY seq LIMIT 1", (key,)
        ).fetchone()
        return None if row is None else orjson.loads(row[0])

    def groups(self) -> Iterator[tuple[str, list[Any]]]:
        """Every key with its values, keys in the order they were first added.

        Only one group is in memory at a time: the rows come sorted from SQLite.
        """
        rows = self._db.execute(
            "SELECT item.key, item.value FROM item"
            " JOIN (SELECT key, min(seq) AS start FROM item GROUP BY key) AS firsts"
            " ON firsts.key = item.key ORDER BY firsts.start, item.seq"
        )
        key: str | None = None
        values: list[Any] = []
        for row_key, value in rows:
            if row_key != key and key is not None:
                yield key, values
                values = []
            key = row_key
            values.append(orjson.loads(value))
        if key is not None:
            yield key, values
