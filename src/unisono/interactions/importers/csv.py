"""CSV and TSV exports (helpdesks, telephony, spreadsheets), read through a column mapping.

The mapping (:mod:`.csv_mapping`, docs/importers.md "CSV") says which column holds which field
and whether a row is an interaction or one message of one. The file's encoding (UTF-8 with or
without a byte-order mark, else windows-1252) and delimiter are found when the mapping does not
give them. Memory stays flat: rows are streamed, and the rows of an interaction scattered
through a file of messages are regrouped on disk (:class:`.spool.Spool`).
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from unisono.interactions.importers.base import ImportOptions, Record, Rejected, SourceError
from unisono.interactions.importers.csv_mapping import (
    CsvMapping,
    RowError,
    RowMapper,
    assemble,
    load_mapping,
    resolve_columns,
)
from unisono.interactions.importers.spool import Spool

ENCODINGS = ("utf-8-sig", "cp1252")  # what French exports are written in, most likely first
SNIFFED = (";", ",", "\t", "|")


@dataclass(frozen=True)
class _Row:
    line: int  # the physical line where the record starts
    cells: list[str]
    raw: str
    progress: int


class _Lines:
    """The file's lines, decoded, for csv.reader; keeps the text and bytes it has handed out."""

    def __init__(self, stream: IO[bytes], encoding: str) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder(encoding)()
        self._taken: list[str] = []
        self.offset = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self._stream.readline()
        if not line:
            raise StopIteration
        self.offset += len(line)
        # Lines end at b"\n", which is never inside a character in UTF-8 or windows-1252.
        text = self._decoder.decode(line)
        self._taken.append(text)
        return text

    def take(self) -> str:
        """The text read since the last call: the raw record just parsed."""
        text, self._taken = "".join(self._taken), []
        return text.rstrip("\r\n")


class CsvImporter:
    """One row per interaction, or one row per message grouped by interaction id."""

    name: str = "csv"
    suffixes: tuple[str, ...] = (".csv", ".tsv")

    def total(self, path: Path) -> int:
        """The file's size in bytes."""
        return path.stat().st_size

    def read(self, path: Path, options: ImportOptions) -> Iterator[Record | Rejected]:
        """Every interaction of the file, with the rows that could not be read."""
        if not path.is_file():
            raise SourceError(f"{path}: not a file")
        if options.mapping is None:
            raise SourceError(f"{path}: a CSV import needs a column mapping file (--mapping)")
        mapping = load_mapping(options.mapping)
        encoding = _encoding(path, mapping)
        delimiter = mapping.delimiter or _sniff(path, encoding)
        rows = _rows(path, encoding, delimiter)
        header = next(rows, None)
        if not isinstance(header, _Row):
            raise SourceError(f"{path}: no header line")
        columns = resolve_columns(mapping, header.cells, mapping_path=options.mapping, source=path)
        mapper = RowMapper(mapping, columns, options.timezone)
        width = len(header.cells)
        if mapping.layout == "interaction":
            yield from _interactions(_checked(rows, width), mapper)
        else:
            again = _checked(_rows(path, encoding, delimiter), width)
            next(again)  # the header, already read
            yield from _conversations(_checked(rows, width), again, mapper, path)


def _encoding(path: Path, mapping: CsvMapping) -> str:
    """The mapping's encoding, else the first that decodes the whole file."""
    candidates = (mapping.encoding,) if mapping.encoding else ENCODINGS
    for encoding in candidates:
        decoder = codecs.getincrementaldecoder(encoding)()
        # A whole pass, chunk by chunk: a wrong byte near the end must not go unnoticed.
        try:
            with path.open("rb") as stream:
                while chunk := stream.read(1 << 16):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError as error:
            last = f"{encoding} fails at byte {error.start}"
            continue
        return encoding
    raise SourceError(f"{path}: cannot decode the file ({last}): give `encoding` in the mapping")


def _sniff(path: Path, encoding: str) -> str:
    """The delimiter found most often in the header line."""
    with path.open("rb") as stream:
        for line in _Lines(stream, encoding):
            if line.strip():
                counts = {delimiter: line.count(delimiter) for delimiter in SNIFFED}
                best = max(counts, key=lambda delimiter: counts[delimiter])
                if counts[best]:
                    return best
                break
    raise SourceError(f"{path}: cannot tell the delimiter: give `delimiter` in the mapping")


def _rows(path: Path, encoding: str, delimiter: str) -> Iterator[_Row | Rejected]:
    """Every non-blank record of the file, the header first, with where it starts."""
    with path.open("rb") as stream:
        lines = _Lines(stream, encoding)
        reader = csv.reader(lines, delimiter=delimiter)
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:  # the reader resumes at the next line
                yield Rejected(start, f"unreadable CSV: {error}", lines.take(), lines.offset)
                continue
            raw = lines.take()
            if any(cell.strip() for cell in cells):
                yield _Row(start, cells, raw, lines.offset)


def _checked(rows: Iterator[_Row | Rejected], width: int) -> Iterator[_Row | Rejected]:
    """The rows, those with another number of fields than the header turned into rejects."""
    for row in rows:
        if isinstance(row, _Row) and len(row.cells) != width:
            reason = f"{len(row.cells)} fields where the header has {width}"
            yield Rejected(row.line, reason, row.raw, row.progress)
        else:
            yield row


def _interactions(
    rows: Iterator[_Row | Rejected], mapper: RowMapper
) -> Iterator[Record | Rejected]:
    for row in rows:
        if isinstance(row, Rejected):
            yield row
            continue
        try:
            fields = mapper.fields(row.cells)
            messages = mapper.pair(row.cells, fields.get("opened_at"))
        except RowError as error:
            yield Rejected(row.line, str(error), row.raw, row.progress)
            continue
        yield Record(row.line, assemble(fields, messages), row.raw, row.progress)


def _conversations(
    first: Iterator[_Row | Rejected],
    second: Iterator[_Row | Rejected],
    mapper: RowMapper,
    path: Path,
) -> Iterator[Record | Rejected]:
    """Interactions of one row per message: two passes over the file.

    The first pass counts, per id, the runs of consecutive rows. In the second, an interaction
    whose rows form one run is yielded as soon as the run ends; the rows of the others wait in
    a spool and those interactions come last, in the order of their first row.
    """
    with Spool() as runs, Spool() as scattered:
        _count_runs(first, mapper, runs)
        run: list[dict[str, Any]] = []
        for item in _parts(second, mapper):
            if isinstance(item, Rejected):
                yield item
                continue
            if run and item["id"] != run[0]["id"]:
                yield from _finish(run, runs, scattered)
                run = []
            run.append(item)
        if run:
            yield from _finish(run, runs, scattered)
        end = path.stat().st_size
        for _, parts in scattered.groups():
            yield _conversation(parts, end)


def _count_runs(rows: Iterator[_Row | Rejected], mapper: RowMapper, runs: Spool) -> None:
    """File one entry per run of consecutive rows of an interaction under its id."""
    previous = None
    for row in rows:
        # Unreadable rows and rows without an id do not end a run in the second pass either.
        key = mapper.cell(row.cells, "id") if isinstance(row, _Row) else None
        if key is None:
            continue
        if key != previous:
            runs.add(key, None)
        previous = key


def _parts(
    rows: Iterator[_Row | Rejected], mapper: RowMapper
) -> Iterator[dict[str, Any] | Rejected]:
    """Each row of the message layout as its interaction's id, fields and message."""
    for row in rows:
        if isinstance(row, Rejected):
            yield row
            continue
        try:
            key = mapper.cell(row.cells, "id")
            if key is None:
                raise RowError(f'id ("{mapper.mapping.columns["id"]}"): empty')
            fields, message = mapper.fields(row.cells), mapper.message(row.cells)
        except RowError as error:
            yield Rejected(row.line, str(error), row.raw, row.progress)
            continue
        yield {
            "id": key,
            "line": row.line,
            "raw": row.raw,
            "progress": row.progress,
            "fields": fields,
            "message": message,
        }


def _finish(run: list[dict[str, Any]], runs: Spool, scattered: Spool) -> Iterator[Record]:
    key = run[0]["id"]
    if runs.count(key) == 1:
        yield _conversation(run, run[-1]["progress"])
        return
    for part in run:
        scattered.add(key, part)


def _conversation(parts: list[dict[str, Any]], progress: int) -> Record:
    """One interaction from its rows: the first non-empty value of each field wins."""
    fields: dict[str, Any] = {}
    for part in parts:
        fields.update({k: v for k, v in part["fields"].items() if k not in fields})
    messages = [part["message"] for part in parts if part["message"] is not None]
    raw = "\n".join(part["raw"] for part in parts)
    return Record(parts[0]["line"], assemble(fields, messages), raw, progress)
