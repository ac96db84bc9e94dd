"""What every command shares: the ``--db`` and ``--json`` options, opening the database, output."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any, NoReturn

import typer
from rich import box
from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from unisono.core.config import get_settings
from unisono.core.db import make_engine, session_scope
from unisono.core.migrate import DatabaseNotReadyError, ensure_current

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (default: UNISONO_DATABASE_URL, else the embedded SQLite file).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``message`` on stderr and stop with exit status ``code``."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def engine_for(db: str | None) -> Engine:
    """The engine for ``--db``, the configured database when it is not given."""
    url = db or get_settings().resolved_database_url
    try:
        return make_engine(url)
    except (ImportError, ValueError) as error:
        fail(f"cannot use the database {url!r}: {error}")


@contextmanager
def database_session(db: str | None) -> Iterator[Session]:
    """A session on an up-to-date database, committed once when the command succeeds."""
    engine = engine_for(db)
    try:
        ensure_current(engine)
        with session_scope(engine) as session:
            yield session
    except DatabaseNotReadyError as error:
        fail(str(error))
    except OperationalError as error:
        fail(f"cannot reach the database: {error.orig}")
    finally:
        engine.dispose()


def print_table(headers: list[str], rows: list[list[str]], *, title: str | None = None) -> None:
    """Print rows as a table with a header line (plain text when not on a terminal)."""
    table = Table(*headers, title=title, title_justify="left", box=box.SIMPLE_HEAD)
    for row in rows:
        table.add_row(*row)
    # piped into a file or another program: no wrapping at 80 columns
    Console(width=None if sys.stdout.isatty() else 200).print(table)


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON: times in ISO 8601, durations in seconds."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=_json_value) + "\n")


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return int(value.total_seconds())
    return str(value)
