"""The data version: a number that every write of interactions, survey answers or analysis
results raises, in the same transaction. What is computed from the whole data and kept (the
consistency report) records the version it was computed on, and is out of date as soon as the
number moves: no guessing from timestamps, which two writes in the same second would share."""

from __future__ import annotations

from sqlalchemy import BigInteger, Connection, insert, select, update
from sqlalchemy.orm import Mapped, mapped_column

from unisono.core.db import Base

_ROW = 1  # the table has this one row


class DataVersion(Base):
    """The current data version (one row)."""

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(BigInteger)


def bump_data_version(connection: Connection) -> None:
    """Record that the data changed (call it in the transaction that changes it)."""
    moved = connection.execute(
        update(DataVersion).where(DataVersion.id == _ROW).values(number=DataVersion.number + 1)
    )
    if moved.rowcount == 0:  # a database made before the row existed
        connection.execute(insert(DataVersion).values(id=_ROW, number=1))


def data_version(connection: Connection) -> int:
    """The current data version (0 before any write)."""
    return connection.scalar(select(DataVersion.number).where(DataVersion.id == _ROW)) or 0
