"""What makes two versions of a standard different: canonical content, hash, field changes."""

from __future__ import annotations

import difflib
import hashlib
import io
import json
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML

from unisono.bible.schemas import StandardDoc


@dataclass(frozen=True)
class Change:
    """One field that differs between two versions (``body`` is the Markdown procedure)."""

    field: str
    before: Any
    after: Any


def canonical_document(doc: StandardDoc) -> dict[str, Any]:
    """The front matter as plain JSON data, defaults left out (so comments, blank lines and
    keys written with their default value do not count as changes)."""
    return doc.model_dump(mode="json", exclude_defaults=True)


def content_hash(document: dict[str, Any], body: str) -> str:
    """A fingerprint of a version's content."""
    payload = json.dumps({"document": document, "body": body}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def field_changes(
    before: dict[str, Any], before_body: str, after: dict[str, Any], after_body: str
) -> list[Change]:
    """Every field that differs, nested mappings flattened (``facts.delai_remboursement``)."""
    old, new = _flatten(before), _flatten(after)
    changes = [
        Change(field, old.get(field), new.get(field))
        for field in sorted(set(old) | set(new), key=_field_order)
        if old.get(field) != new.get(field)
    ]
    if before_body != after_body:
        changes.append(Change("body", before_body, after_body))
    return changes


def unified_diff(
    before: dict[str, Any],
    before_body: str,
    after: dict[str, Any],
    after_body: str,
    *,
    before_name: str,
    after_name: str,
) -> str:
    """A unified diff of the two versions written as standard files."""
    lines = difflib.unified_diff(
        render_file(before, before_body).splitlines(keepends=True),
        render_file(after, after_body).splitlines(keepends=True),
        fromfile=before_name,
        tofile=after_name,
    )
    return "".join(lines)


def render_file(document: dict[str, Any], body: str) -> str:
    """A version written back as a standard file: YAML front matter, then the body."""
    yaml = YAML()
    yaml.width = 100
    yaml.allow_unicode = True
    stream = io.StringIO()
    yaml.dump(document, stream)
    return f"---\n{stream.getvalue()}---\n{body}"


_ORDER = {name: index for index, name in enumerate(StandardDoc.model_fields)}


def _field_order(field: str) -> tuple[int, str]:
    return _ORDER.get(field.split(".", maxsplit=1)[0], len(_ORDER)), field


def _flatten(document: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in document.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat
