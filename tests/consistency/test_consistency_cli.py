"""`unisono consistency` on a database: two e-mail teams, one stating a wrong refund delay in
half its replies — the divergence found with its evidence, the index, the heat maps."""

from __future__ import annotations

import json

import pytest

from tests.reviews.factories import analysed


@pytest.fixture
def report(cli, tmp_path) -> dict:
    analysed(cli, tmp_path, per_agent=40)
    result = cli(
        "consistency",
        "--since",
        "2026-10-01",
        "--until",
        "2026-11-30",
        "--bootstrap",
        "40",
        "--json",
    )
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def test_the_team_that_states_a_wrong_fact_is_the_first_divergence(report):
    top = report["divergences"][0]
    assert (top["metric"], top["level"]) == ("fact_contradictions", "team")
    assert top["group"] == {"channel": "email", "team": "N1-Nantes", "agent": None}
    assert top["compared_with"] == {"channel": "email", "teams": ["N1-Lyon"]}
    assert top["value"] == pytest.approx(50.0)
    assert top["rest"]["value"] == pytest.approx(0.0)
    assert top["ci95"][0] < 50 < top["ci95"][1]
    assert top["q_value"] <= 0.05
    assert top["fact"] == {
        "fact": "delai_remboursement",
        "expected": "14 jours",
        "found": "30 jours",
        "interactions": 60,
        "share": 50.0,
    }
    example = top["examples"][0]
    assert example["quote"] == "Vous serez remboursée sous 30 jours."
    assert example["agent"] in ("d.moreau", "e.leroy", "f.roux")
    assert "30 jours" in top["summary"]["fr"]
    assert "14 jours" in top["summary"]["fr"]
    assert "30 jours" in top["summary"]["en"]


def test_the_index_its_interval_and_its_sources(report):
    index = report["index"]
    assert index["interactions"] == 240
    assert 0 <= index["ci95"][0] <= index["value"] <= index["ci95"][1] <= 100
    assert index["value"] < 90  # half the replies of one team are wrong
    assert index["points_lost"]["team"] > index["points_lost"]["agent"]
    assert index["points_lost"]["channel"] == 0  # one channel: nothing to compare
    (reason,) = report["reasons"]
    assert reason["reason"] == "livraison.retard"
    assert reason["divergences"] >= 1
    assert {c["metric"] for c in reason["components"]} >= {
        "csat",
        "qa_score",
        "fact_contradictions",
    }


def test_heat_maps_for_the_web_app(report):
    teams = report["heatmaps"]["reason_team"]
    assert teams["columns"] == ["N1-Lyon", "N1-Nantes"]
    cells = {cell["team"]: cell for cell in teams["cells"]}
    facts = {team: cell["metrics"]["fact_contradictions"] for team, cell in cells.items()}
    assert facts["N1-Nantes"]["value"] == pytest.approx(50)
    assert facts["N1-Lyon"]["value"] == pytest.approx(0)
    assert facts["N1-Nantes"]["departure"] > 1
    assert facts["N1-Lyon"]["departure"] < 0
    assert cells["N1-Nantes"]["consistency"] < 50
    assert cells["N1-Nantes"]["divergences"] >= 1
    channels = report["heatmaps"]["reason_channel"]
    assert channels["columns"] == ["email"]


def test_the_text_report_and_its_errors(cli, tmp_path):
    empty = cli("consistency")
    assert empty.exit_code == 1
    assert "no bible loaded" in empty.stderr
    analysed(cli, tmp_path, per_agent=40)
    text = cli(
        "consistency", "--since", "2026-10-01", "--until", "2026-11-30", "--bootstrap", "0"
    ).stdout
    assert "Consistency index" in text
    assert "l'équipe N1-Nantes (email) annonce delai_remboursement = « 30 jours »" in text
    wrong = cli("consistency", "--fdr", "2")
    assert wrong.exit_code == 1
    assert "false discovery rate" in wrong.stderr
    backwards = cli("consistency", "--since", "2026-11-30", "--until", "2026-10-01")
    assert backwards.exit_code == 1
    assert "starts" in backwards.stderr


def test_a_reason_filter_keeps_only_that_reason(cli, tmp_path):
    analysed(cli, tmp_path, per_agent=10)
    other = json.loads(
        cli(
            "consistency",
            "--since",
            "2026-10-01",
            "--until",
            "2026-11-30",
            "--reason",
            "commande",
            "--bootstrap",
            "0",
            "--json",
        ).stdout
    )
    assert other["reasons"] == []
    assert other["index"]["value"] is None
