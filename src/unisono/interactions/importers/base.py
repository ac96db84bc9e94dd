"""What every importer is: a reader that turns a source into canonical interaction records.

An importer only reads and reshapes; validation, idempotent writing and the rejects file are
the same for every source and live in :mod:`unisono.interactions.service`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class ImportOptions:
    """What a user may tell an importer beyond the path."""

    mapping: Path | None = None  # CSV: the column mapping file
    timezone: ZoneInfo | None = None  # for times written without an offset
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Record:
    """One interaction read from a source, before validation.

    ``data`` is a dict in the canonical shape (PRODUCT.md), or the JSON text of one (the JSON
    Lines importer hands lines over undecoded, for speed). ``line`` and ``raw`` say where it
    came from, for the rejects file; ``progress`` is how far into the source the reader is.
    """

    line: int
    data: dict[str, Any] | bytes
    raw: str | bytes
    progress: int


@dataclass(frozen=True)
class Rejected:
    """A part of the source that is not an interaction, with why."""

    line: int
    reason: str
    raw: str | bytes
    progress: int


class Importer(Protocol):
    """Reads one kind of source (a file, or a folder of files) as interaction records."""

    name: str  # the --format value
    suffixes: tuple[str, ...]  # file name endings it is chosen for when --format is omitted

    def total(self, path: Path) -> int:
        """How much there is to read, in the unit of :attr:`Record.progress` (bytes, files…)."""
        ...

    def read(self, path: Path, options: ImportOptions) -> Iterator[Record | Rejected]:
        """Every interaction in ``path``, in order, with the parts that could not be read."""
        ...


class SourceError(Exception):
    """The source as a whole cannot be read (missing, wrong kind, bad mapping)."""
