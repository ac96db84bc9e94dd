"""Database access: the declarative base, engines and the one session per command or request."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import orjson
from sqlalchemy import JSON, BigInteger, Connection, Engine, MetaData, create_engine, event
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

# Stable constraint names, so that migrations are the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

T = TypeVar("T")
JsonDocument = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class EpochSeconds(TypeDecorator[datetime]):
    """An aware datetime stored as whole seconds since 1970 UTC: Unisono's one way to store time.

    Integers compare and subtract the same way in SQL on every database (durations, the
    version of a standard in force when an interaction happened), and bulk inserts stay cheap.
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> int | None:  # noqa: ARG002
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: Unisono stores aware datetimes only")
        return int(value.timestamp())

    def process_result_value(self, value: int | None, dialect: Dialect) -> datetime | None:  # noqa: ARG002
        return None if value is None else datetime.fromtimestamp(value, UTC)


def normalize_url(url: str) -> str:
    """Pick the drivers Unisono ships with: psycopg 3 for ``postgresql://`` URLs."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _configure_sqlite(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # 16 KiB pages suit rows that carry a conversation (about 1.3 KB): a fifth faster to write
    # and smaller than the default 4 KiB. It only takes effect when the file is created.
    cursor.execute("PRAGMA page_size=16384")
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL stays consistent after a crash (a transaction is all or nothing) and
    # spares an fsync per commit; only the last commits may be undone by a power cut.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB: index pages stay in memory on imports
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _json_loads(text: str | bytes) -> Any:
    """JSON documents read fast (a conversation per interaction is read on every analysis);
    what orjson refuses (NaN, written by the standard library) is read by the standard one."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get WAL, foreign keys and their folder created."""
    url = normalize_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, json_deserializer=_json_loads)
        event.listen(engine, "connect", _configure_sqlite)
        return engine
    return create_engine(url, pool_pre_ping=True, json_deserializer=_json_loads)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One session, committed once at the end, rolled back on any error."""
    session = sessionmaker(engine, expire_on_commit=False)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


IN_LIST_SIZE = 500  # values per IN (...) list: well under every database's parameter limit


def in_chunks(values: Sequence[T]) -> Iterator[Sequence[T]]:
    """``values`` in slices small enough for one ``IN (...)`` list each."""
    for start in range(0, len(values), IN_LIST_SIZE):
        yield values[start : start + IN_LIST_SIZE]


# Bulk helpers for the high-volume paths (imports): plain SQL with the driver's placeholders,
# no statement compilation or type processing per row. Table and column names are the code's.


def placeholder(connection: Connection) -> str:
    """The driver's positional placeholder: ``?`` for SQLite, ``%s`` for psycopg."""
    return "?" if connection.dialect.paramstyle == "qmark" else "%s"


def insert_rows(
    connection: Connection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    ignore_existing: bool = False,
) -> None:
    """Insert ``rows`` (tuples in ``columns`` order) in one executemany; with
    ``ignore_existing``, rows that would break a unique constraint are skipped."""
    if not rows:
        return
    marks = ", ".join([placeholder(connection)] * len(columns))
    quote = connection.dialect.identifier_preparer.quote  # "end", "start": reserved words
    names = ", ".join(quote(column) for column in columns)
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
    if ignore_existing:
        sql += " ON CONFLICT DO NOTHING"
    connection.exec_driver_sql(sql, list(rows))


def delete_rows(connection: Connection, table: str, key: str, keys: Sequence[Any]) -> None:
    """Delete the rows whose ``key`` is one of ``keys``."""
    for chunk in in_chunks(keys):
        marks = ", ".join([placeholder(connection)] * len(chunk))
        sql = f"DELETE FROM {table} WHERE {key} IN ({marks})"  # noqa: S608
        connection.exec_driver_sql(sql, tuple(chunk))


def rows_by_key(
    connection: Connection, table: str, key: str, columns: Sequence[str], keys: Sequence[Any]
) -> Iterator[tuple[Any, ...]]:
    """``(key, *columns)`` of the rows whose ``key`` is one of ``keys``."""
    selected = ", ".join((key, *columns))
    for chunk in in_chunks(keys):
        marks = ", ".join([placeholder(connection)] * len(chunk))
        sql = f"SELECT {selected} FROM {table} WHERE {key} IN ({marks})"  # noqa: S608
        yield from connection.exec_driver_sql(sql, tuple(chunk)).fetchall()
