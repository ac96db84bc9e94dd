"""A bible with a scorecard, and e-mails about late parcels from two teams — one of which
often states a wrong refund delay — for review, calibration and consistency tests."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from tests.conftest import FIXTURES, Cli
from tests.interactions.factories import interaction, write_jsonl

SCORECARD = """---
id: grille
title: Grille qualité
section: performance
owner: qualite@example.com
status: published
review_every: 180d
reviewed_on: 2026-09-01
impact: La même qualité sur tous les canaux.
scorecard:
  - {id: accueil, label: Accueil, weight: 5, checks: [greeting]}
  - {id: exactitude, label: Exactitude, weight: 20, critical: true, checks: [fact_contradiction]}
  - {id: ton, label: Ton, weight: 10, checks: [forbidden_expression]}
  - {id: securite, label: Sécurité des données, weight: 0, critical: true, manual: true}
---
La grille.
"""
TEAMS = {
    "N1-Lyon": ("a.durand", "b.martin", "c.petit"),
    "N1-Nantes": ("d.moreau", "e.leroy", "f.roux"),
}
RIGHT = "Bonjour Madame Martin, nous sommes désolés du retard. Vous serez remboursée sous 14 jours."
WRONG = "Bonjour Madame Martin, nous sommes désolés du retard. Vous serez remboursée sous 30 jours."


def bible_with_scorecard(tmp_path: Path) -> Path:
    """The minimal bible and a scorecard."""
    target = tmp_path / "bible-scorecard"
    shutil.copytree(FIXTURES / "bible-minimal", target)
    (target / "performance").mkdir()
    (target / "performance" / "grille.md").write_text(SCORECARD, encoding="utf-8")
    return target


def late_parcels(per_agent: int, *, wrong_share: float = 0.5) -> list[dict[str, Any]]:
    """E-mails about late parcels, ``per_agent`` per agent; N1-Nantes states 30 days instead of
    14 in ``wrong_share`` of its replies."""
    records, number = [], 0
    start = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)
    for team, agents in TEAMS.items():
        for agent in agents:
            for index in range(per_agent):
                number += 1
                opened = start + dt.timedelta(hours=5 * number)
                wrong = team == "N1-Nantes" and index < per_agent * wrong_share
                records.append(
                    interaction(
                        id=f"T-{number:05d}",
                        agent=agent,
                        team=team,
                        customer={"id": f"C-{number}", "name": "Léa Martin"},
                        opened_at=opened.isoformat(),
                        resolved_at=(opened + dt.timedelta(hours=3)).isoformat(),
                        messages=[
                            {
                                "from": "customer",
                                "at": opened.isoformat(),
                                "text": "Mon colis n'est pas là.",
                            },
                            {
                                "from": "agent",
                                "at": (opened + dt.timedelta(hours=1)).isoformat(),
                                "text": WRONG if wrong else RIGHT,
                            },
                        ],
                        surveys=[
                            {
                                "kind": "csat",
                                "score": 2 if wrong else 5,
                                "at": (opened + dt.timedelta(hours=5)).isoformat(),
                                "comment": "Bof",
                            }
                        ],
                    )
                )
    return records


def analysed(cli: Cli, tmp_path: Path, per_agent: int = 40) -> None:
    """Load the bible with its scorecard, import the e-mails, analyse them."""
    assert cli("bible", "load", str(bible_with_scorecard(tmp_path))).exit_code == 0
    path = write_jsonl(tmp_path / "late.jsonl", late_parcels(per_agent))
    assert cli("import", str(path)).exit_code == 0
    assert cli("analyze").exit_code == 0
