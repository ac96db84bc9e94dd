"""Interactions in the canonical shape, for tests: sensible defaults, overridable."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

BASE: dict[str, Any] = {
    "id": "T-1001",
    "channel": "email",
    "reason": "livraison.retard",
    "customer": {"id": "C-17", "name": "Léa Martin", "email": "lea@example.com"},
    "agent": "a.durand",
    "team": "N1-Lyon",
    "opened_at": "2026-10-01T09:12:00+02:00",
    "resolved_at": "2026-10-01T15:40:00+02:00",
    "status": "resolved",
    "messages": [
        {"from": "customer", "at": "2026-10-01T09:12:00+02:00", "text": "Mon colis n'est pas là."},
        {"from": "bot", "at": "2026-10-01T09:12:30+02:00", "text": "Nous avons bien reçu…"},
        {"from": "agent", "at": "2026-10-01T10:02:00+02:00", "text": "Bonjour Madame Martin…"},
    ],
    "surveys": [{"kind": "nps", "score": 9, "at": "2026-10-02T08:00:00+02:00", "comment": "Top"}],
}


def interaction(**overrides: Any) -> dict[str, Any]:
    """A valid interaction, with ``overrides`` applied."""
    record = copy.deepcopy(BASE)
    record.update(overrides)
    return record


def many(count: int, *, start: int = 0, **overrides: Any) -> list[dict[str, Any]]:
    """``count`` distinct interactions (ids T-<n>) from a handful of customers."""
    return [
        interaction(id=f"T-{n:06d}", customer={"id": f"C-{n % 97}", "name": f"Client {n % 97}"},
                    agent=f"agent{n % 7}", team=f"team{n % 3}", **overrides)
        for n in range(start, start + count)
    ]  # fmt: skip


def write_jsonl(path: Path, records: list[dict[str, Any] | str]) -> Path:
    """A JSON Lines file; a str item is written as it is (to make malformed lines)."""
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
