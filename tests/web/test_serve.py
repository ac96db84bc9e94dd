"""`unisono serve` runs a real server that integrations can reach over HTTP."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

from tests.interactions.conftest import load_minimal_bible
from tests.interactions.factories import interaction

SECRET = "served-secret"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(cli, tmp_path) -> Iterator[str]:
    load_minimal_bible(cli, cli.db_url)
    port = free_port()
    env = {**os.environ, "UNISONO_DATABASE_URL": cli.db_url, "UNISONO_WEBHOOK_SECRET": SECRET,
           "UNISONO_DATA_DIR": str(tmp_path)}  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "unisono", "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/openapi.json", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


def test_a_signed_webhook_reaches_the_served_app(server):
    body = json.dumps(interaction()).encode()
    timestamp = str(int(time.time()))
    signature = hmac.new(SECRET.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    request = urllib.request.Request(
        f"{server}/api/v1/webhooks/interactions",
        data=body,
        headers={"Content-Type": "application/json", "X-Unisono-Timestamp": timestamp,
                 "X-Unisono-Signature": f"sha256={signature.hexdigest()}"},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        assert json.loads(response.read())["imported"] == 1
