"""The reading side of an import: a source's records validated and prepared in batches, the
refused ones listed in the rejects file. It needs no database, and may run in its own process."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NamedTuple

import orjson
from pydantic import ValidationError

from unisono.core.validation import explain
from unisono.interactions.importers import importer_for
from unisono.interactions.importers.base import ImportOptions, Record, Rejected
from unisono.interactions.prepare import Prepared, content_hash, prepare
from unisono.interactions.schemas import (
    InteractionIn,
    Vocabulary,
    validate_interaction,
    validate_interaction_json,
)

BATCH_SIZE = 2000  # interactions per transaction: a killed import loses at most one batch


@dataclass(frozen=True)
class ReadRequest:
    """What to read, and how (everything is picklable, for a worker process)."""

    source_format: str
    path: Path
    options: ImportOptions
    vocabulary: Vocabulary
    rejects: Path


class PreparedBatch(NamedTuple):
    """Interactions ready to write, how far into the source they go, and how many records were
    refused so far (the last batch, maybe empty, has the final count)."""

    items: list[Prepared]
    progress: int
    rejected: int


def read_batches(request: ReadRequest) -> Iterator[PreparedBatch]:
    """Every interaction of the source, validated and prepared, in batches."""
    importer = importer_for(request.path, request.source_format)
    words = request.vocabulary
    batch: list[Prepared] = []
    progress = 0
    with RejectsFile(request.rejects) as refused:
        for record in importer.read(request.path, request.options):
            progress = record.progress
            prepared = _prepare(record, words, refused)
            if prepared is not None:
                batch.append(prepared)
            if len(batch) >= BATCH_SIZE:
                yield PreparedBatch(batch, progress, refused.count)
                batch = []
        yield PreparedBatch(batch, progress, refused.count)


def _prepare(record: Record | Rejected, words: Vocabulary, refused: RejectsFile) -> Prepared | None:
    if isinstance(record, Rejected):
        refused.add(record.line, record.reason, record.raw)
        return None
    try:
        item = _validate(record, words)
    except ValidationError as error:
        refused.add(record.line, explain(error), record.raw)
        return None
    return prepare(item, content_hash(record.data), words)


def _validate(record: Record, words: Vocabulary) -> InteractionIn:
    if isinstance(record.data, bytes):
        return validate_interaction_json(record.data, words)
    return validate_interaction(record.data, words)


class RejectsFile:
    """The rejects file, created on the first reject: one JSON line per refused record, with
    its line in the source and why it was refused."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self._file: IO[bytes] | None = None

    def add(self, line: int, reason: str, raw: str | bytes) -> None:
        """List one refused record."""
        if self._file is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = self.path.open("wb")
        text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
        self._file.write(orjson.dumps({"line": line, "reason": reason, "record": text}) + b"\n")
        self.count += 1

    def __enter__(self) -> RejectsFile:
        self.path.unlink(missing_ok=True)  # a re-run lists its own rejects only
        return self

    def __exit__(self, *_: object) -> None:
        if self._file is not None:
            self._file.close()
