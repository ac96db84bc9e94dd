"""JSON Lines in the canonical shape of PRODUCT.md: one interaction per line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from unisono.interactions.importers.base import ImportOptions, Record, Rejected, SourceError


class JsonLinesImporter:
    """Hands each non-blank line over as it is: validation decodes it in one pass (pydantic)."""

    name: str = "jsonl"
    suffixes: tuple[str, ...] = (".jsonl", ".ndjson", ".json")

    def total(self, path: Path) -> int:
        """The file's size in bytes."""
        return path.stat().st_size

    def read(self, path: Path, options: ImportOptions) -> Iterator[Record | Rejected]:  # noqa: ARG002
        """Every non-blank line, with its number."""
        if not path.is_file():
            raise SourceError(f"{path}: not a file")
        offset = 0
        with path.open("rb") as lines:
            for number, line in enumerate(lines, start=1):
                offset += len(line)
                text = line.strip()
                if not text:
                    continue
                if number == 1 and text.startswith(b"\xef\xbb\xbf"):
                    text = text[3:]  # a byte-order mark some tools write
                yield Record(number, text, text, offset)
