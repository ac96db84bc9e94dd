"""The baseline for the import benchmark: the least a script can do to put the same rows into
the same tables with plain sqlite3 — no validation, no idempotence, no rejects, one process.

Usage: python bench/baseline_import.py INTERACTIONS.jsonl DATABASE.db
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import sys
from pathlib import Path

BATCH = 2000


def epoch(text: str | None) -> int | None:
    return None if text is None else int(dt.datetime.fromisoformat(text).timestamp())


def main(source: str, database: str) -> None:
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    stages = dict(connection.execute("SELECT id, stage FROM reasons"))
    ids: dict[tuple[str, str], int] = {}
    interactions, surveys, next_id = [], [], 1

    def person(table: str, key: str, column: str) -> int:
        if (table, key) not in ids:
            cursor = connection.execute(f"INSERT INTO {table} ({column}) VALUES (?)", (key,))
            ids[(table, key)] = int(cursor.lastrowid or 0)
        return ids[(table, key)]

    with Path(source).open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            agents = [m["at"] for m in record["messages"] if m["from"] == "agent"]
            interactions.append((
                next_id, record["id"], record["channel"], record.get("reason"),
                stages.get(record.get("reason")),
                person("customers", record["customer"]["id"], "external_id"),
                person("agents", record["agent"], "external_id") if record.get("agent") else None,
                person("teams", record["team"], "name") if record.get("team") else None,
                record.get("status", "open"), epoch(record["opened_at"]),
                epoch(min(agents)) if agents else None, epoch(record.get("resolved_at")),
                len(record["messages"]), json.dumps(record["messages"], ensure_ascii=False),
                "baseline", "", 0,
            ))  # fmt: skip
            surveys += [(next_id, s["kind"], s["score"], epoch(s.get("at")), s.get("comment"))
                        for s in record.get("surveys", [])]  # fmt: skip
            next_id += 1
            if len(interactions) >= BATCH:
                flush(connection, interactions, surveys)
    flush(connection, interactions, surveys)
    connection.close()


def flush(connection: sqlite3.Connection, interactions: list, surveys: list) -> None:
    connection.executemany(
        "INSERT INTO interactions (id, external_id, channel_id, reason_id, stage, customer_id,"
        " agent_id, team_id, status, opened_at, first_response_at, resolved_at, message_count,"
        " messages, source, content_hash, imported_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        interactions,
    )
    connection.executemany(
        "INSERT INTO surveys (interaction_id, kind, score, at, comment) VALUES (?, ?, ?, ?, ?)",
        surveys,
    )
    connection.commit()
    interactions.clear()
    surveys.clear()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
