"""The web app on this test's database, through a real HTTP client (in-process)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.interactions.conftest import load_minimal_bible
from unisono.core.config import Settings
from unisono.web.app import create_app

WEBHOOK_SECRET = "s3cret-for-tests"


def app_client(url: str, data_dir: Path, *, webhook_secret: str | None) -> TestClient:
    """A client of the app on the database at ``url``."""
    settings = Settings(data_dir=data_dir, database_url=url, webhook_secret=webhook_secret)
    return TestClient(create_app(settings))


@pytest.fixture
def client(cli, tmp_path) -> Iterator[TestClient]:
    """A client of the app, on a database with the minimal bible loaded."""
    load_minimal_bible(cli, cli.db_url)
    with app_client(cli.db_url, tmp_path, webhook_secret=WEBHOOK_SECRET) as client:
        yield client


@pytest.fixture
def token(cli) -> str:
    """A live API token."""
    result = cli("token", "create", "tests", "--json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)["token"]


@pytest.fixture
def auth(token) -> dict[str, str]:
    """Headers that authenticate as an integration."""
    return {"Authorization": f"Bearer {token}"}
