"""Shared fixtures: a fresh, migrated database per test, on SQLite and on PostgreSQL.

Each xdist worker migrates one template database once; every test then gets its own copy (a
file copy for SQLite, ``CREATE DATABASE … TEMPLATE`` for PostgreSQL), so tests are isolated and
can drive the CLI, which opens its own connections.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from unisono.cli.app import app
from unisono.core.db import make_engine, session_scope
from unisono.core.migrate import upgrade

FIXTURES = Path(__file__).parent / "fixtures"
PG_ADMIN_URL = os.environ.get(
    "UNISONO_TEST_POSTGRESQL_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
# .ci/run sets this: there, a PostgreSQL test that cannot reach its server fails, not skips.
REQUIRE_POSTGRESQL = os.environ.get("UNISONO_REQUIRE_POSTGRESQL") == "1"


@pytest.fixture(autouse=True)
def _data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands keep what they make (reason classifiers) in a folder of the test run, never in
    the user's data directory."""
    monkeypatch.setenv("UNISONO_DATA_DIR", str(tmp_path_factory.getbasetemp() / "data"))


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file that each test copies."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as connection:  # fold the WAL into the file before it is copied
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgresql_admin() -> Iterator[Engine]:
    """A connection to the PostgreSQL server's maintenance database, or a skip saying why not."""
    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as error:
        engine.dispose()
        reason = f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {error.orig}"
        if REQUIRE_POSTGRESQL:
            pytest.fail(reason)
        pytest.skip(reason)
    yield engine
    engine.dispose()


def _pg_url(name: str) -> str:
    return make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgresql_template(postgresql_admin: Engine) -> Iterator[str]:
    """A migrated PostgreSQL database that each test clones."""
    name = f"unisono_template_{_worker()}_{os.getpid()}"
    with postgresql_admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(_pg_url(name))
    upgrade(engine)
    engine.dispose()
    yield name
    with postgresql_admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


class Databases:
    """Makes fresh, migrated databases for one test, and drops them after it."""

    def __init__(self, request: pytest.FixtureRequest, tmp_path: Path) -> None:
        self.request, self.tmp_path = request, tmp_path
        self.dropped: list[str] = []

    def new(self, kind: str) -> str:
        """The URL of a new database of ``kind`` (sqlite or postgresql)."""
        if kind == "sqlite":
            path = self.tmp_path / f"unisono-{uuid.uuid4().hex[:8]}.db"
            shutil.copyfile(self.request.getfixturevalue("sqlite_template"), path)
            return f"sqlite:///{path}"
        admin: Engine = self.request.getfixturevalue("postgresql_admin")
        template: str = self.request.getfixturevalue("postgresql_template")
        name = f"unisono_test_{uuid.uuid4().hex[:12]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        self.dropped.append(name)
        return _pg_url(name)

    def like(self, url: str) -> str:
        """A new database of the same kind as ``url``."""
        return self.new("sqlite" if url.startswith("sqlite") else "postgresql")

    def close(self) -> None:
        if not self.dropped:
            return
        admin: Engine = self.request.getfixturevalue("postgresql_admin")
        with admin.connect() as connection:
            for name in self.dropped:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Databases]:
    """Fresh databases on demand, dropped when the test ends."""
    made = Databases(request, tmp_path)
    yield made
    made.close()


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)],
)
def db_url(request: pytest.FixtureRequest, databases: Databases) -> str:
    """The URL of a fresh, migrated database of its own for this test (run on both kinds)."""
    return databases.new(request.param)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on this test's database."""
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on this test's database, committed when the test ends without error."""
    with session_scope(engine) as session:
        yield session


class Cli:
    """Runs ``unisono`` in-process, the way a user types it, on this test's database."""

    def __init__(self, db_url: str | None) -> None:
        self.db_url = db_url
        self.runner = CliRunner()

    def __call__(self, *args: str, db: bool = True) -> CliResult:
        argv = list(args)
        if db and self.db_url and "--db" not in args:
            argv += ["--db", self.db_url]
        result = self.runner.invoke(app, argv, catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr)


class CliResult:
    """Exit status and the two output streams of one command."""

    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr

    def __repr__(self) -> str:
        return f"CliResult({self.exit_code}, stdout={self.stdout!r}, stderr={self.stderr!r})"


@pytest.fixture
def cli(db_url: str) -> Cli:
    """The command line, pointed at this test's database."""
    return Cli(db_url)


@pytest.fixture
def cli_nodb() -> Cli:
    """The command line for commands that need no database."""
    return Cli(None)


@pytest.fixture
def minimal_bible(tmp_path: Path) -> Path:
    """A copy of the minimal bible that a test may edit."""
    target = tmp_path / "bible"
    shutil.copytree(FIXTURES / "bible-minimal", target)
    return target
