"""Schema migrations (Alembic), run from the package so that an installed Unisono can migrate."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine


class DatabaseNotReadyError(RuntimeError):
    """The database is missing Unisono's tables or has an older schema."""


def alembic_config() -> Config:
    """Alembic's configuration, pointing at the migrations shipped in the package."""
    config = Config()
    config.set_main_option("script_location", "unisono:migrations")
    return config


def head_revision() -> str | None:
    """The newest migration of this version of Unisono."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> tuple[str | None, str | None]:
    """Create or migrate the database to the newest schema; returns (before, after)."""
    before = current_revision(engine)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return before, current_revision(engine)


def ensure_current(engine: Engine) -> None:
    """Fail with a clear message unless the database has the newest schema."""
    current = current_revision(engine)
    if current is None:
        raise DatabaseNotReadyError(
            f"the database {engine.url.render_as_string()} has no Unisono tables yet: "
            "run `unisono init` first"
        )
    if current != head_revision():
        raise DatabaseNotReadyError(
            f"the database schema is at {current}, this Unisono needs {head_revision()}: "
            "run `unisono init` to migrate it"
        )
