"""The importers, by --format name; adding a source is adding a module and a line here."""

from __future__ import annotations

from pathlib import Path

from unisono.interactions.importers.base import Importer, SourceError
from unisono.interactions.importers.csv import CsvImporter
from unisono.interactions.importers.email import EmlImporter, MboxImporter
from unisono.interactions.importers.jsonl import JsonLinesImporter
from unisono.interactions.importers.zendesk import ZendeskImporter

# Zendesk before JSON Lines: "x.zendesk.json" ends with ".json" too.
IMPORTERS: dict[str, Importer] = {
    importer.name: importer
    for importer in (
        ZendeskImporter(),
        JsonLinesImporter(),
        CsvImporter(),
        EmlImporter(),
        MboxImporter(),
    )
}


def importer_for(path: Path, name: str | None) -> Importer:
    """The importer named ``name``, or the one whose file endings match ``path``."""
    if name is not None:
        if name not in IMPORTERS:
            raise SourceError(f"unknown format {name!r} (known: {', '.join(IMPORTERS)})")
        return IMPORTERS[name]
    for importer in IMPORTERS.values():
        if path.name.lower().endswith(importer.suffixes):
            return importer
    raise SourceError(
        f"cannot tell the format of {path.name}: give --format ({', '.join(IMPORTERS)})"
    )
