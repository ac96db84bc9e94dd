"""`unisono review sample`: the same quota for every agent, spread over their channels and
reasons; spotlights on top; what is already reviewed is not drawn again."""

from __future__ import annotations

import json
from collections import Counter

from sqlalchemy import select

from tests.interactions.factories import interaction, write_jsonl
from tests.reviews.factories import analysed, bible_with_scorecard, late_parcels
from unisono.core.db import make_engine, session_scope
from unisono.interactions import models as hub
from unisono.language.models import InteractionLanguage


def sample(cli, *args: str) -> dict:
    result = cli(
        "review", "sample", "--since", "2026-10-01", "--until", "2026-12-31", *args, "--json"
    )
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def test_every_agent_gets_the_same_quota(cli, tmp_path):
    analysed(cli, tmp_path, per_agent=10)
    drawn = sample(cli, "--per-agent", "3", "--seed", "1")
    assert drawn["agents"] == 6
    assert Counter(p["agent"] for p in drawn["picks"]) == dict.fromkeys(
        ["a.durand", "b.martin", "c.petit", "d.moreau", "e.leroy", "f.roux"], 3
    )
    assert {p["why"] for p in drawn["picks"]} == {"stratified"}
    assert sample(cli, "--per-agent", "3", "--seed", "1") == drawn  # the same seed, the same sample


def test_the_quota_is_spread_over_channels_and_reasons_in_proportion(cli, tmp_path):
    assert cli("bible", "load", str(bible_with_scorecard(tmp_path))).exit_code == 0
    records = [
        interaction(
            id=f"T-{n}",
            agent="solo",
            team="N1",
            channel="chat" if n < 60 else "email",
            reason="livraison.retard" if n % 2 else "commande.annulation",
            opened_at=f"2026-10-{1 + n % 28:02d}T10:00:00+00:00",
            resolved_at=None,
            status="open",
            surveys=[],
            messages=[
                {
                    "from": "customer",
                    "at": f"2026-10-{1 + n % 28:02d}T10:00:00+00:00",
                    "text": "Bonjour",
                }
            ],
        )
        for n in range(120)
    ]
    assert cli("import", str(write_jsonl(tmp_path / "solo.jsonl", records))).exit_code == 0
    drawn = sample(cli, "--per-agent", "8", "--seed", "4")
    strata = Counter((p["channel"], p["reason"]) for p in drawn["picks"])
    assert sum(strata.values()) == 8
    assert set(strata.values()) == {2}  # four strata of 30: two each


def test_spotlights_and_reviewed_interactions(cli, tmp_path):
    analysed(cli, tmp_path, per_agent=10)
    drawn = sample(
        cli,
        "--per-agent",
        "0",
        "--spotlight",
        "low_csat",
        "--per-spotlight",
        "6",
        "--seed",
        "2",
        "--assign",
        "marie.q",
    )
    picks = drawn["picks"]
    assert len(picks) == 6
    assert {p["why"] for p in picks} == {"spotlight:low_csat"}
    # the low CSAT answers are N1-Nantes' wrong replies: spread over its three agents
    assert Counter(p["agent"] for p in picks) == {"d.moreau": 2, "e.leroy": 2, "f.roux": 2}
    assert len(drawn["reviews"]) == 6
    listed = json.loads(cli("review", "list", "--auditor", "marie.q", "--json").stdout)
    assert {r["sample"] for r in listed} == {"spotlight:low_csat"}
    # what is being reviewed is not drawn again; only 15 wrong replies were there
    again = sample(
        cli, "--per-agent", "0", "--spotlight", "contradictions", "--per-spotlight", "50"
    )
    assert len(again["picks"]) == 15 - 6
    assert not {p["interaction_id"] for p in again["picks"]} & {p["interaction_id"] for p in picks}


def test_the_negative_sentiment_spotlight_picks_unhappy_customers(cli, tmp_path):
    assert cli("bible", "load", str(bible_with_scorecard(tmp_path))).exit_code == 0
    records = late_parcels(4)
    angry = {record["id"] for record in records[::3]}
    for record in records:
        if record["id"] in angry:
            record["messages"][0]["text"] = (
                "C'est inadmissible, toujours rien reçu ! Je suis très déçue, je vais commander "
                "ailleurs."
            )
    assert cli("import", str(write_jsonl(tmp_path / "moods.jsonl", records))).exit_code == 0
    assert cli("analyze").exit_code == 0
    engine = make_engine(cli.db_url)
    with session_scope(engine) as session:
        negative = set(
            session.scalars(
                select(hub.Interaction.external_id)
                .join(InteractionLanguage)
                .where(InteractionLanguage.sentiment == -1)
            )
        )
    engine.dispose()
    assert negative == angry  # the calm "Mon colis n'est pas là." is not negative
    drawn = sample(
        cli, "--per-agent", "0", "--spotlight", "negative_sentiment", "--per-spotlight", "50"
    )
    assert {p["interaction_id"] for p in drawn["picks"]} == angry
    assert {p["why"] for p in drawn["picks"]} == {"spotlight:negative_sentiment"}


def test_unknown_spotlights_are_refused_naming_the_known_ones(cli, tmp_path):
    analysed(cli, tmp_path, per_agent=2)
    result = cli("review", "sample", "--spotlight", "moon_phase")
    assert result.exit_code == 1
    assert "no spotlight 'moon_phase'" in result.stderr
    assert "contradictions, low_csat, negative_sentiment" in result.stderr
