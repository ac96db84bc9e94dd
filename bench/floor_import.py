"""The floor of the import benchmark: how long SQLite alone takes to store the same rows.

The interaction and survey rows are built from the source beforehand (not timed: no reading,
no parsing, no validation), then written with plain sqlite3 executemany in batches of 2,000,
one transaction each, into the same tables; only the writes are timed. No import, however
fast its reading, can take less than this on the same machine and disk. Prints the seconds.

Usage: python bench/floor_import.py INTERACTIONS.jsonl DATABASE.db
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

BATCH = 2000
CHUNK = 100_000  # rows built at a time, to keep memory flat
INTERACTIONS = (
    "INSERT INTO interactions (id, external_id, channel_id, reason_id, stage, customer_id,"
    " agent_id, team_id, status, opened_at, first_response_at, resolved_at, message_count,"
    " messages, source, content_hash, imported_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
SURVEYS = "INSERT INTO surveys (interaction_id, kind, score, at, comment) VALUES (?, ?, ?, ?, ?)"


def epoch(text: str | None) -> int | None:
    return None if text is None else int(dt.datetime.fromisoformat(text).timestamp())


def chunks(source: str) -> Iterator[tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]]:
    """Rows of interactions and surveys, CHUNK interactions at a time (customer 1 for all:
    people are not what is measured)."""
    interactions: list[tuple[Any, ...]] = []
    surveys: list[tuple[Any, ...]] = []
    with Path(source).open("rb") as lines:
        for number, line in enumerate(lines, start=1):
            record = orjson.loads(line)
            interactions.append((
                number, record["id"], record["channel"], record.get("reason"), None, 1, None,
                None, record.get("status", "open"), epoch(record["opened_at"]), None,
                epoch(record.get("resolved_at")), len(record["messages"]),
                orjson.dumps(record["messages"]).decode(), "floor", "", 0,
            ))  # fmt: skip
            surveys += [(number, s["kind"], s["score"], epoch(s.get("at")), s.get("comment"))
                        for s in record.get("surveys", [])]  # fmt: skip
            if len(interactions) == CHUNK:
                yield interactions, surveys
                interactions, surveys = [], []
    yield interactions, surveys


def main(source: str, database: str) -> None:
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("INSERT INTO customers (external_id) VALUES ('floor')")
    connection.commit()
    writing = 0.0
    for interactions, surveys in chunks(source):
        started = time.perf_counter()
        for start in range(0, len(interactions), BATCH):
            connection.executemany(INTERACTIONS, interactions[start : start + BATCH])
            connection.commit()
        connection.executemany(SURVEYS, surveys)
        connection.commit()
        writing += time.perf_counter() - started
    connection.close()
    print(f"{writing:.3f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
