"""A divergence planted in the seeded demo: two e-mail teams answer late parcels, and N1-Nantes
gives a wrong delay for the carrier's inquiry in half of its replies (the bible says 48 hours)
— the consistency page and the dashboard then have a divergence with its evidence to show."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.interactions.factories import interaction

TEAMS = {"N1-Nantes": ("nantes.alice", "nantes.bruno"), "N1-Lyon": ("lyon.chloe", "lyon.david")}
PER_AGENT = 24
RIGHT = "48 heures"
WRONG = "5 jours ouvrés"


def reply(delay: str) -> str:
    """An agent's e-mail about a late parcel, stating the carrier's inquiry delay."""
    return (
        "Bonjour Madame Roux,\n\nMerci pour votre message au sujet de votre commande. Je comprends "
        "votre agacement. Nous sommes sincèrement désolés pour ce retard. J'ai ouvert une enquête "
        f"auprès du transporteur : il s'est engagé à nous répondre sous {delay}.\n\nVotre nouvelle "
        "date de livraison est le 4 décembre. Bien cordialement,\n\nService Clients Maison Aubépine"
    )


def late_parcel_emails(last_day: dt.date) -> list[dict[str, Any]]:
    """The e-mails, over the 30 days before ``last_day``."""
    records, number = [], 0
    start = dt.datetime.combine(last_day - dt.timedelta(days=30), dt.time(9), dt.UTC)
    for team, agents in TEAMS.items():
        for agent in agents:
            for index in range(PER_AGENT):
                number += 1
                opened = start + dt.timedelta(hours=7 * number)
                wrong = team == "N1-Nantes" and index % 2 == 0
                records.append(
                    interaction(
                        id=f"D-{number:04d}", agent=agent, team=team, channel="email",
                        reason="livraison.retard",
                        customer={"id": f"CD-{number}", "name": "Juliette Roux"},
                        opened_at=opened.isoformat(),
                        resolved_at=(opened + dt.timedelta(hours=4)).isoformat(),
                        messages=[
                            {"from": "customer", "at": opened.isoformat(),
                             "text": "Mon colis devait arriver hier et toujours rien."},
                            {"from": "agent", "at": (opened + dt.timedelta(hours=1)).isoformat(),
                             "text": reply(WRONG if wrong else RIGHT)},
                        ],
                        surveys=[],
                    )
                )  # fmt: skip
    return records
