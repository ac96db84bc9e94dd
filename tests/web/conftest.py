"""The web app on this test's database, through a real HTTP client (in-process)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from tests.conftest import Databases, _pg_url
from tests.interactions.conftest import load_minimal_bible
from tests.interactions.factories import write_jsonl
from tests.web.divergent import late_parcel_emails
from unisono.audit.service import analyze
from unisono.consistency.store import keep_up_to_date
from unisono.core.clock import utcnow
from unisono.core.config import Settings
from unisono.core.db import make_engine, session_scope
from unisono.demo.service import prepare_demo
from unisono.demo.users import DEMO_PASSWORD
from unisono.interactions.importers import IMPORTERS
from unisono.interactions.importers.base import ImportOptions
from unisono.interactions.service import import_source
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


# --- Pages: a small demo database (the demo bible, generated interactions, audited, a user per
# role), built once per worker and kind, copied for each test.

SEEDED_INTERACTIONS = 400
SEEDED_DAY = dt.date(2026, 11, 30)


def _seed(url: str, folder: Path) -> None:
    engine = make_engine(url)
    try:
        prepare_demo(engine=engine, output_dir=folder, today=SEEDED_DAY,
                     interactions=SEEDED_INTERACTIONS, seed=11, handbook=False)  # fmt: skip
        planted = write_jsonl(folder / "divergent.jsonl", late_parcel_emails(SEEDED_DAY))
        rejects = folder / "rejects.jsonl"
        import_source(engine=engine, importer=IMPORTERS["jsonl"], path=planted,
                      options=ImportOptions(), rejects=rejects, now=utcnow())  # fmt: skip
        analyze(engine=engine, now=utcnow(), data_dir=folder)
        with session_scope(engine) as session:
            keep_up_to_date(session=session, now=utcnow())
        if url.startswith("sqlite"):
            with engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def seeded_sqlite(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    """A SQLite file with the seeded demo."""
    folder = tmp_path_factory.mktemp("seeded")
    path = folder / "seeded.db"
    shutil.copyfile(sqlite_template, path)
    _seed(f"sqlite:///{path}", folder)
    return path


@pytest.fixture(scope="session")
def seeded_postgresql(
    tmp_path_factory: pytest.TempPathFactory, postgresql_admin: Engine, postgresql_template: str
) -> Iterator[str]:
    """A PostgreSQL database with the seeded demo, to clone."""
    name = f"{postgresql_template}_seeded"
    with postgresql_admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{postgresql_template}"'))
    _seed(_pg_url(name), tmp_path_factory.mktemp("seeded-pg"))
    yield name
    with postgresql_admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def seeded_url(request: pytest.FixtureRequest, databases: Databases, tmp_path: Path) -> str:
    """A fresh copy of the seeded demo database for this test (on both kinds)."""
    if request.param == "sqlite":
        path = tmp_path / "seeded.db"
        shutil.copyfile(request.getfixturevalue("seeded_sqlite"), path)
        return f"sqlite:///{path}"
    template = request.getfixturevalue("seeded_postgresql")
    name = f"unisono_test_{uuid.uuid4().hex[:12]}"
    admin: Engine = request.getfixturevalue("postgresql_admin")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    databases.dropped.append(name)
    return _pg_url(name)


@pytest.fixture
def web(seeded_url: str, tmp_path: Path) -> Iterator[TestClient]:
    """A browser-like client of the app on the seeded demo, signed in as nobody."""
    settings = Settings(data_dir=tmp_path, database_url=seeded_url)
    with TestClient(create_app(settings)) as client:
        yield client


_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def sign_in(client: TestClient, username: str, password: str = DEMO_PASSWORD) -> str:
    """Sign ``client`` in through the sign-in form; the session's CSRF token."""
    form = client.get("/login")
    token = re.search(r'name="login_csrf" value="([^"]+)"', form.text)
    assert token is not None
    answer = client.post("/login", data={"username": username, "password": password,
                                         "login_csrf": token.group(1), "next": "/"},
                         follow_redirects=False)  # fmt: skip
    assert answer.status_code == 303, answer.text
    return csrf_of(client.get("/bible").text)


def csrf_of(html: str) -> str:
    """The CSRF token a page's forms carry."""
    found = _CSRF.search(html)
    assert found is not None, "no CSRF token on the page"
    return found.group(1)
