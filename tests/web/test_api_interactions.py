"""The REST API for interactions: one, a batch, read back; clear 4xx on bad input or token."""

from __future__ import annotations

import json

from tests.interactions.factories import interaction, many

URL = "/api/v1/interactions"


def test_create_then_update_then_unchanged(client, auth):
    response = client.post(URL, json=interaction(), headers=auth)
    assert (response.status_code, response.json()) == (201, {"id": "T-1001", "result": "created"})
    response = client.post(URL, json=interaction(status="closed"), headers=auth)
    assert (response.status_code, response.json()["result"]) == (200, "updated")
    response = client.put(f"{URL}/T-1001", json=interaction(status="closed"), headers=auth)
    assert (response.status_code, response.json()["result"]) == (200, "unchanged")
    stored = client.get(f"{URL}/T-1001", headers=auth).json()
    assert stored["status"] == "closed"
    assert stored["customer"]["id"] == "C-17"
    assert stored["first_response_at"] == "2026-10-01T08:02:00Z"
    assert stored["surveys"][0]["score"] == 9


def test_put_takes_the_id_from_the_address(client, auth):
    record = interaction()
    del record["id"]
    response = client.put(f"{URL}/T-77", json=record, headers=auth)
    assert (response.status_code, response.json()) == (201, {"id": "T-77", "result": "created"})
    response = client.put(f"{URL}/T-78", json=interaction(id="T-79"), headers=auth)
    assert response.status_code == 422
    assert response.json()["detail"] == "id: 'T-79' in the body differs from 'T-78' in the address"


def test_invalid_input_gets_a_clear_4xx(client, auth):
    response = client.post(URL, content=b'{"id": ', headers=auth)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("the body is not JSON")
    response = client.post(URL, json=interaction(channel="fax"), headers=auth)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("channel: unknown channel 'fax'")
    response = client.post(
        URL, json=interaction(surveys=[{"kind": "nps", "score": 12}]), headers=auth
    )
    assert (
        response.json()["detail"]
        == "surveys[0].nps.score: Input should be less than or equal to 10"
    )
    assert client.get(f"{URL}/nope", headers=auth).status_code == 404


def test_a_batch_keeps_the_good_ones_and_lists_the_bad(client, auth):
    records = [*many(3), interaction(id="T-bad", opened_at="demain"), "not an object"]
    response = client.post(f"{URL}/batch", json=records, headers=auth)
    assert response.status_code == 200
    body = response.json()
    assert (body["imported"], body["updated"], body["unchanged"]) == (3, 0, 0)
    assert [r["index"] for r in body["rejected"]] == [3, 4]
    assert body["rejected"][0]["reason"].startswith("opened_at: Input should be a valid datetime")
    assert client.post(f"{URL}/batch", json=many(1001), headers=auth).status_code == 413
    assert client.post(f"{URL}/batch", json={"id": 1}, headers=auth).status_code == 422


def test_tokens_are_required_and_checked(client, cli, token):
    assert client.post(URL, json=interaction()).status_code == 401
    wrong = {"Authorization": "Bearer uns_not-a-token"}
    response = client.get(f"{URL}/T-1", headers=wrong)
    assert (response.status_code, response.json()["detail"]) == (
        401,
        "unknown or revoked API token",
    )
    assert cli("token", "revoke", "tests").exit_code == 0
    assert client.get(f"{URL}/T-1", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    listed = json.loads(cli("token", "list", "--json").stdout)
    assert [(t["name"], t["revoked_at"] is not None) for t in listed] == [("tests", True)]


def test_customer_timeline(client, auth):
    client.post(f"{URL}/batch", json=[interaction(id="T-1"), interaction(id="T-2",
                opened_at="2026-10-03T09:00:00+02:00", resolved_at=None, status="open")],
                headers=auth)  # fmt: skip
    body = client.get("/api/v1/customers/C-17", headers=auth).json()
    assert [e["id"] for e in body["entries"]] == ["T-1", "T-2"]
    assert body["entries"][1]["repeat_of"] == "T-1"  # same reason two days later
    assert body["repeat_contacts"] == 1


def test_the_openapi_document_describes_the_interaction(client):
    document = client.get("/openapi.json").json()
    body = document["paths"]["/api/v1/interactions"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/InteractionIn"
    }
    assert "channel" in document["components"]["schemas"]["InteractionIn"]["properties"]
