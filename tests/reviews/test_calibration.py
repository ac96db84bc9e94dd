"""Calibration sessions through `unisono calibration` and `unisono review`: blind reviews, the
agreement per criterion (the statistics of unisono.audit.agreement), poorly agreed criteria,
the automatic audit beside the auditors, closing; and `bible due` flagging what the work calls
into question."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.reviews.factories import analysed
from unisono.audit import agreement

ITEMS = ["T-00001", "T-00002", "T-00031", "T-00032", "T-00041", "T-00036"]
# what three auditors give: they agree on exactitude, not on ton
SCORES = {
    "ana": {"exactitude": [1, 1, 0, 0, 0, 1], "ton": [1, 0, 1, 0, 1, 0]},
    "bob": {"exactitude": [1, 1, 0, 0, 0, 1], "ton": [0, 1, 0, 1, 1, 1]},
    "eve": {"exactitude": [1, 1, 0, 0, 1, 1], "ton": [1, 1, 0, 0, 0, 1]},
}


def run(cli, *args: str) -> dict:
    result = cli(*args, "--json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


@pytest.fixture
def session(cli, tmp_path):
    """A calibration session on six interactions, scored by three auditors."""
    analysed(cli, tmp_path, per_agent=10)
    items = [arg for item in ITEMS for arg in ("--interaction", item)]
    created = run(cli, "calibration", "create", "octobre", "--by", "qualite", *items)
    assert created["interactions"] == ITEMS
    for auditor, scores in SCORES.items():
        for index, item in enumerate(ITEMS):
            review = run(
                cli, "review", "start", item, "--auditor", auditor, "--calibration", "octobre"
            )
            number = str(review["id"])
            values = [f"{name}={values[index]}" for name, values in scores.items()]
            sets = [
                arg for value in [*values, "accueil=1", "securite=1"] for arg in ("--set", value)
            ]
            run(cli, "review", "score", number, "--auditor", auditor, *sets)
            run(cli, "review", "submit", number, "--auditor", auditor)
    return cli


def test_calibration_reviews_are_blind(cli, tmp_path):
    analysed(cli, tmp_path, per_agent=10)
    run(
        cli,
        "calibration",
        "create",
        "blind",
        "--by",
        "qualite",
        "--interaction",
        "T-00031",
        "--interaction",
        "T-00001",
    )
    review = run(cli, "review", "start", "T-00031", "--auditor", "ana", "--calibration", "blind")
    assert review["purpose"] == "calibration"
    assert {c["source"] for c in review["criteria"]} == {"pending"}
    assert {c["automatic"] for c in review["criteria"]} == {None}
    outside = cli("review", "start", "T-00002", "--auditor", "ana", "--calibration", "blind")
    assert "not one of the session" in outside.stderr


def test_agreement_per_criterion_and_the_poor_ones(session):
    report = run(session, "calibration", "report", "octobre")
    assert report["auditors"] == ["ana", "bob", "eve"]
    by_name = {c["criterion"]: c for c in report["criteria"]}
    exact = np.array([SCORES[a]["exactitude"] for a in ("ana", "bob", "eve")], float).T
    expected = agreement.krippendorff_alpha(exact, level="ordinal")
    assert by_name["exactitude"]["krippendorff_alpha"]["ordinal"] == pytest.approx(expected)
    assert by_name["exactitude"]["fleiss_kappa"] == pytest.approx(
        agreement.fleiss_kappa(exact, categories=[0.0, 1.0])
    )
    assert by_name["exactitude"]["units"] == 6
    assert not by_name["exactitude"]["flagged"]
    assert by_name["ton"]["flagged"]
    assert report["flagged"] == ["ton"]
    # accueil and securite: all gave 1 — perfect, though no statistic is defined
    assert by_name["accueil"]["krippendorff_alpha"]["ordinal"] is None
    assert not by_name["accueil"]["flagged"]
    # the automatic audit found the wrong facts of T-00031, T-00032 and T-00041: eve alone
    # disagrees, on T-00041
    automatic = by_name["exactitude"]["automatic_vs_auditors"]
    assert automatic["units"] == 18
    assert automatic["percent_agreement"] == pytest.approx(17 / 18)
    distances = {row["auditor"]: row for row in report["auditor_distance"]}
    assert distances["eve"]["interactions"] == 6
    text = session("calibration", "report", "octobre").stdout
    assert "poor" in text
    assert "α ordinal" in text


def test_closing_locks_the_reviews_and_bible_due_flags_the_scorecard(session):
    session("calibration", "close", "octobre", "--by", "qualite")
    listed = run(session, "review", "list", "--calibration", "octobre")
    assert {r["status"] for r in listed} == {"locked"}
    assert "closed" in session("calibration", "close", "octobre", "--by", "qualite").stderr
    due = run(session, "bible", "due", "--as-of", "2026-12-01", "--within", "0")
    flagged = {f["standard_id"]: f["signals"] for f in due["flagged"]}
    assert {"kind": "low_agreement", "session": "octobre", "criterion": "ton"} in [
        {k: s[k] for k in ("kind", "session", "criterion")} for s in flagged["grille"]
    ]
    # 15 wrong refund delays, by 3 agents: the refund standard is flagged too
    (contradictions,) = flagged["remboursement-retard"]
    assert contradictions == {"kind": "contradictions", "interactions": 15, "agents": 3, "days": 90}
    assert "by 3 agents" in session("bible", "due", "--as-of", "2026-12-01").stdout


def test_bad_sessions_are_refused(cli, tmp_path):
    analysed(cli, tmp_path, per_agent=2)
    one = cli("calibration", "create", "x", "--by", "q", "--interaction", "T-00001")
    assert "at least two interactions" in one.stderr
    missing = cli(
        "calibration",
        "create",
        "x",
        "--by",
        "q",
        "--interaction",
        "T-00001",
        "--interaction",
        "T-99999",
    )
    assert "no interaction 'T-99999'" in missing.stderr
    assert "no calibration session 'nope'" in cli("calibration", "report", "nope").stderr
    create = ("calibration", "create", "x", "--by", "q", "--interaction", "T-00001")
    run(cli, *create, "--interaction", "T-00002")
    assert "exists already" in cli(*create, "--interaction", "T-00002").stderr
    assert [s["name"] for s in run(cli, "calibration", "list")] == ["x"]
