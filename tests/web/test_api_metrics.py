"""The metrics and survey-link endpoints of the REST API."""

from __future__ import annotations

from typing import get_args

from tests.interactions.factories import many
from unisono.metrics.service import DIMENSIONS, SERIES
from unisono.web.api.metrics import By


def test_metrics_reflect_what_the_api_just_wrote(client, auth):
    assert client.post("/api/v1/interactions/batch", json=many(40), headers=auth).status_code == 200
    body = client.get("/api/v1/metrics?since=2026-09-01&until=2026-10-31", headers=auth).json()
    assert body["volume"] == 40
    assert body["nps"]["n"] == 40
    grouped = client.get(
        "/api/v1/metrics?by=team&since=2026-09-01&until=2026-10-31", headers=auth
    ).json()
    assert sorted(g["key"] for g in grouped["groups"]) == ["team0", "team1", "team2"]
    assert client.get("/api/v1/metrics?by=planet", headers=auth).status_code == 422
    assert client.get("/api/v1/metrics").status_code == 401


def test_a_survey_link_for_an_interaction(client, auth):
    client.post("/api/v1/interactions/batch", json=many(1), headers=auth)
    response = client.post(
        "/api/v1/interactions/T-000000/survey-links", json={"kind": "nps"}, headers=auth
    )
    assert response.status_code == 200
    path = response.json()["url"].removeprefix("http://127.0.0.1:8000")
    assert client.get(path).status_code == 200
    missing = client.post(
        "/api/v1/interactions/nope/survey-links", json={"kind": "nps"}, headers=auth
    )
    assert missing.status_code == 404


def test_the_api_offers_every_grouping_the_service_knows():
    assert set(get_args(By)) == set(DIMENSIONS + SERIES)
