"""The webhook endpoint: only requests signed with the shared secret, recent, are accepted."""

from __future__ import annotations

import json
import time

from tests.interactions.factories import interaction, many
from tests.web.conftest import WEBHOOK_SECRET, app_client
from unisono.web.api.webhooks import sign

URL = "/api/v1/webhooks/interactions"


def signed(payload, *, secret: str = WEBHOOK_SECRET, at: int | None = None) -> dict:
    body = json.dumps(payload).encode()
    timestamp = str(int(time.time()) if at is None else at)
    return {
        "content": body,
        "headers": {
            "Content-Type": "application/json",
            "X-Unisono-Timestamp": timestamp,
            "X-Unisono-Signature": sign(secret, timestamp, body),
        },
    }


def test_a_signed_request_is_stored(client):
    response = client.post(URL, **signed(interaction()))
    assert response.status_code == 200
    assert response.json()["imported"] == 1
    response = client.post(URL, **signed(many(2)))
    assert response.json()["imported"] == 2


def test_unsigned_forged_or_stale_requests_are_refused(client):
    body = json.dumps(interaction()).encode()
    response = client.post(URL, content=body)
    assert (response.status_code, response.json()["detail"]) == (
        401, "unsigned request: send X-Unisono-Timestamp and X-Unisono-Signature"
    )  # fmt: skip
    response = client.post(URL, **signed(interaction(), secret="guessed"))
    assert (response.status_code, response.json()["detail"]) == (401, "bad signature")
    response = client.post(URL, **signed(interaction(), at=int(time.time()) - 600))
    assert response.json()["detail"] == "X-Unisono-Timestamp is not within five minutes of now"
    tampered = signed(interaction())
    tampered["content"] = tampered["content"].replace(b"T-1001", b"T-6666")
    assert client.post(URL, **tampered).status_code == 401


def test_webhooks_are_off_without_a_secret(cli, tmp_path):
    with app_client(cli.db_url, tmp_path, webhook_secret=None) as client:
        response = client.post(URL, **signed(interaction()))
    assert response.status_code == 503
