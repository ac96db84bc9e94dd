"""Reviews, disputes, the sample, calibration and the consistency index through the REST API,
authenticated with API tokens."""

from __future__ import annotations

import pytest

from tests.reviews.factories import bible_with_scorecard, late_parcels


@pytest.fixture
def api(client, auth, cli, tmp_path):
    """The app on analysed late-parcel e-mails, with a scorecard in the bible."""
    assert cli("bible", "load", str(bible_with_scorecard(tmp_path))).exit_code == 0
    sent = client.post("/api/v1/interactions/batch", json=late_parcels(10), headers=auth)
    assert sent.status_code == 200
    assert cli("analyze").exit_code == 0

    def call(method: str, path: str, expected: int = 200, **kwargs):
        response = client.request(method, f"/api/v1{path}", headers=auth, **kwargs)
        assert response.status_code == expected, response.text
        return response.json()

    return call


def test_a_review_from_start_to_a_rejected_dispute(api):
    review = api("POST", "/reviews", 201, json={"interaction": "T-00031", "auditor": "marie.q"})
    number = review["id"]
    assert {c["id"]: c["value"] for c in review["criteria"]}["exactitude"] == 0.0
    refused = api(
        "PATCH", f"/reviews/{number}", 422, json={"auditor": "marie.q", "values": {"exactitude": 1}}
    )
    assert "say why" in refused["detail"]
    review = api(
        "PATCH",
        f"/reviews/{number}",
        json={
            "auditor": "marie.q",
            "values": {"exactitude": 1, "securite": None},
            "reasons": {"exactitude": "misread"},
        },
    )
    assert review["score"] == 100.0
    api("POST", f"/reviews/{number}/submit", json={"auditor": "marie.q"})
    wrong_agent = api(
        "POST",
        f"/reviews/{number}/disputes",
        409,
        json={"agent": "a.durand", "reason": "x", "proposed": {"ton": 0}},
    )
    assert "d.moreau" in wrong_agent["detail"]
    api(
        "POST",
        f"/reviews/{number}/disputes",
        201,
        json={"agent": "d.moreau", "reason": "x", "proposed": {"ton": 0}},
    )
    review = api(
        "POST",
        f"/reviews/{number}/disputes/decision",
        json={"decider": "paul.q", "decision": "rejected", "note": "no"},
    )
    assert review["status"] == "locked"
    assert [e["action"] for e in review["trail"]][-2:] == ["disputed", "dispute_rejected"]
    assert api("GET", f"/reviews/{number}")["status"] == "locked"
    assert api("GET", "/reviews?status=locked")[0]["id"] == number
    api("GET", "/reviews/999", 404)
    api("GET", "/reviews?status=lost", 422)


def test_sample_calibration_and_agreement(api):
    drawn = api(
        "POST",
        "/reviews/sample",
        json={
            "since": "2026-10-01",
            "until": "2026-12-31",
            "per_agent": 1,
            "spotlights": ["contradictions"],
            "per_spotlight": 2,
            "seed": 3,
            "assign_to": "marie.q",
        },
    )
    assert len(drawn["picks"]) == 6 + 2
    assert len(drawn["reviews"]) == 8
    api("POST", "/reviews/sample", 422, json={"spotlights": ["moon"]})
    created = api(
        "POST",
        "/calibrations",
        201,
        json={"name": "nov", "created_by": "q", "interactions": ["T-00001", "T-00031"]},
    )
    assert created["interactions"] == ["T-00001", "T-00031"]
    api(
        "POST",
        "/calibrations",
        409,
        json={"name": "nov", "created_by": "q", "interactions": ["T-00001", "T-00031"]},
    )
    for auditor in ("ana", "bob"):
        for item in ("T-00001", "T-00031"):
            review = api(
                "POST",
                "/reviews",
                201,
                json={"interaction": item, "auditor": auditor, "calibration": "nov"},
            )
            values = {"accueil": 1, "exactitude": 1, "ton": 1, "securite": 1}
            api("PATCH", f"/reviews/{review['id']}", json={"auditor": auditor, "values": values})
            api("POST", f"/reviews/{review['id']}/submit", json={"auditor": auditor})
    report = api("GET", "/calibrations/nov/report")
    assert report["auditors"] == ["ana", "bob"]
    assert report["flagged"] == []
    api("GET", "/calibrations/later/report", 404)
    assert api("POST", "/calibrations/nov/close", json={"closed_by": "q"})["status"] == "closed"
    assert api("GET", "/calibrations/automatic")["reviews"] == 0  # no evaluation submitted yet


def test_consistency_and_its_heat_maps(api, client):
    report = api("GET", "/consistency?since=2026-10-01&until=2026-12-31&bootstrap=20")
    assert report["divergences"][0]["group"]["team"] == "N1-Nantes"
    teams = api("GET", "/consistency/heatmap/team?since=2026-10-01&until=2026-12-31")
    assert teams["columns"] == ["N1-Lyon", "N1-Nantes"]
    api("GET", "/consistency/heatmap/planet", 422)
    api("GET", "/consistency?fdr=3", 422)
    assert client.get("/api/v1/consistency").status_code == 401
