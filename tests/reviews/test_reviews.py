"""Reviews and disputes through `unisono review`: the automatic criteria prefilled, changes with
a reason, submission, the agent's dispute, the decisions, the lock, and the trail of it all."""

from __future__ import annotations

import json

import pytest

from tests.reviews.factories import analysed


@pytest.fixture
def reviewing(cli, tmp_path):
    """A database with analysed interactions: T-00031 is d.moreau's, with a wrong refund delay."""
    analysed(cli, tmp_path, per_agent=10)

    def run(*args: str) -> dict:
        result = cli("review", *args, "--json")
        assert result.exit_code == 0, result
        return json.loads(result.stdout)

    return run


def criteria(review: dict) -> dict:
    return {c["id"]: (c["automatic"], c["value"], c["source"]) for c in review["criteria"]}


def test_a_review_starts_from_the_automatic_audit(reviewing):
    review = reviewing("start", "T-00031", "--auditor", "marie.q")
    assert (review["interaction_id"], review["agent"], review["status"]) == (
        "T-00031",
        "d.moreau",
        "draft",
    )
    assert criteria(review) == {
        "accueil": (1.0, 1.0, "automatic"),
        "exactitude": (0.0, 0.0, "automatic"),  # 30 days stated, the bible says 14
        "ton": (1.0, 1.0, "automatic"),
        "securite": (None, None, "pending"),  # manual: for the auditor
    }
    assert review["score"] == 0.0
    assert review["critical_failed"]
    assert review["trail"][0]["action"] == "created"
    assert review["trail"][0]["actor"] == "marie.q"


def test_departing_from_the_automatic_value_needs_a_reason(reviewing, cli):
    review = reviewing("start", "T-00031", "--auditor", "marie.q")
    number = str(review["id"])
    refused = cli("review", "score", number, "--auditor", "marie.q", "--set", "exactitude=1")
    assert refused.exit_code == 1
    assert "exactitude: say why it departs from the automatic 0" in refused.stderr
    review = reviewing(
        "score",
        number,
        "--auditor",
        "marie.q",
        "--set",
        "exactitude=1",
        "--reason",
        "exactitude=the customer misread",
        "--set",
        "securite=1",
    )
    assert criteria(review)["exactitude"] == (0.0, 1.0, "auditor")
    assert review["score"] == 100.0
    changes = review["trail"][-1]["detail"]["changes"]
    assert {
        "criterion": "exactitude",
        "before": 0.0,
        "after": 1.0,
        "reason": "the customer misread",
    } in changes
    # back to the automatic value: no reason needed, the criterion is automatic again
    review = reviewing("score", number, "--auditor", "marie.q", "--set", "exactitude=0")
    assert criteria(review)["exactitude"] == (0.0, 0.0, "automatic")


def test_bad_values_and_criteria_are_refused_with_the_reason(reviewing, cli):
    number = str(reviewing("start", "T-00031", "--auditor", "marie.q")["id"])
    for value, message in (
        ("securite=2", "not between 0 and 1"),
        ("securite=maybe", "number"),
        ("securite", "criterion=value"),
        ("politesse=1", "unknown criteria"),
    ):
        result = cli("review", "score", number, "--auditor", "marie.q", "--set", value)
        assert result.exit_code == 1
        assert message in result.stderr
    other = cli("review", "score", number, "--auditor", "paul.q", "--set", "securite=1")
    assert "marie.q's" in other.stderr
    assert cli("review", "show", "999").exit_code == 1
    twice = cli("review", "start", "T-00031", "--auditor", "marie.q")
    assert f"already reviews this interaction: review #{number}" in twice.stderr


def test_submit_dispute_decide_and_lock(reviewing, cli):
    number = str(reviewing("start", "T-00031", "--auditor", "marie.q")["id"])
    pending = cli("review", "submit", number, "--auditor", "marie.q")
    assert "score these criteria first (a value, or n/a): securite" in pending.stderr
    reviewing("score", number, "--auditor", "marie.q", "--set", "securite=na")
    assert reviewing("submit", number, "--auditor", "marie.q")["status"] == "submitted"

    stranger = cli(
        "review",
        "dispute",
        number,
        "--agent",
        "a.durand",
        "--reason",
        "no",
        "--propose",
        "exactitude=1",
    )
    assert "only the interaction's agent (d.moreau)" in stranger.stderr
    review = reviewing(
        "dispute",
        number,
        "--agent",
        "d.moreau",
        "--reason",
        "The customer asked about a gift card",
        "--propose",
        "exactitude=1",
        "--propose",
        "accueil=1",
    )
    assert review["status"] == "disputed"
    blocked = cli(
        "review", "score", number, "--auditor", "marie.q", "--set", "ton=0", "--reason", "ton=rude"
    )
    assert "decide the dispute first" in blocked.stderr
    himself = cli("review", "decide", number, "--by", "d.moreau", "--decision", "accepted")
    assert "cannot decide" in himself.stderr

    review = reviewing(
        "decide",
        number,
        "--by",
        "paul.q",
        "--decision",
        "partial",
        "--set",
        "exactitude=1",
        "--note",
        "14 days was said later",
    )
    assert review["status"] == "submitted"
    assert criteria(review)["exactitude"] == (0.0, 1.0, "dispute")
    assert review["score"] == 100.0
    assert review["disputes"][0]["decision"] == "partial"
    assert review["disputes"][0]["applied"] == {"exactitude": 1.0}
    kept = cli("review", "score", number, "--auditor", "marie.q", "--set", "exactitude=0")
    assert "decided on a dispute" in kept.stderr

    reviewing("dispute", number, "--agent", "d.moreau", "--reason", "again", "--propose", "ton=1")
    review = reviewing("decide", number, "--by", "paul.q", "--decision", "rejected")
    assert review["status"] == "locked"
    locked = cli(
        "review", "score", number, "--auditor", "marie.q", "--set", "ton=0", "--reason", "ton=x"
    )
    assert "locked" in locked.stderr
    assert (
        "cannot be disputed"
        in cli(
            "review",
            "dispute",
            number,
            "--agent",
            "d.moreau",
            "--reason",
            "x",
            "--propose",
            "ton=1",
        ).stderr
    )
    actions = [(e["actor"], e["action"]) for e in review["trail"]]
    assert actions == [
        ("marie.q", "created"),
        ("marie.q", "scored"),
        ("marie.q", "submitted"),
        ("d.moreau", "disputed"),
        ("paul.q", "dispute_partial"),
        ("d.moreau", "disputed"),
        ("paul.q", "dispute_rejected"),
    ]


def test_decisions_must_match_their_kind(reviewing, cli):
    number = str(reviewing("start", "T-00031", "--auditor", "marie.q")["id"])
    reviewing("score", number, "--auditor", "marie.q", "--set", "securite=1")
    reviewing("submit", number, "--auditor", "marie.q")
    reviewing(
        "dispute", number, "--agent", "d.moreau", "--reason", "x", "--propose", "exactitude=1"
    )
    for args, message in (
        (("--decision", "partial"), "which values"),
        (("--decision", "partial", "--set", "ton=0"), "not disputed: ton"),
        (("--decision", "rejected", "--set", "exactitude=1"), "changes nothing"),
        (("--decision", "maybe"), "choose one of"),
    ):
        result = cli("review", "decide", number, "--by", "paul.q", *args)
        assert result.exit_code == 1
        assert message in result.stderr
    review = reviewing("decide", number, "--by", "paul.q", "--decision", "accepted")
    assert criteria(review)["exactitude"] == (0.0, 1.0, "dispute")


def test_lists_and_the_text_view(reviewing, cli):
    first = reviewing("start", "T-00031", "--auditor", "marie.q")["id"]
    reviewing("start", "T-00001", "--auditor", "paul.q")
    assert [r["id"] for r in reviewing("list", "--auditor", "marie.q")] == [first]
    assert [r["agent"] for r in reviewing("list", "--agent", "a.durand")] == ["a.durand"]
    assert reviewing("list", "--status", "submitted") == []
    assert "choose one of" in cli("review", "list", "--status", "lost").stderr
    text = cli("review", "show", str(first)).stdout
    for expected in ("Review #", "exactitude (critical)", "marie.q: created"):
        assert expected in text


def test_how_well_the_automatic_audit_agrees_with_the_auditors(reviewing, cli):
    for item in ("T-00001", "T-00002", "T-00031", "T-00032"):
        number = str(reviewing("start", item, "--auditor", "marie.q")["id"])
        changes = ["--set", "securite=1"]
        if item == "T-00032":  # the auditor disagrees with the audit once
            changes += ["--set", "exactitude=1", "--reason", "exactitude=said right later"]
        reviewing("score", number, "--auditor", "marie.q", *changes)
        reviewing("submit", number, "--auditor", "marie.q")
    result = json.loads(cli("calibration", "automatic", "--json").stdout)
    assert result["reviews"] == 4
    by_name = {c["criterion"]: c for c in result["criteria"]}
    assert set(by_name) == {"accueil", "exactitude", "ton"}  # securite is manual
    assert (by_name["exactitude"]["units"], by_name["exactitude"]["changed"]) == (4, 1)
    assert by_name["exactitude"]["percent_agreement"] == 0.75
    assert not by_name["exactitude"]["flagged"]  # 4 values: too few to judge
    assert by_name["accueil"]["changed"] == 0
