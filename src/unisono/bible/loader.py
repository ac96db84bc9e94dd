"""Reading a bible folder into validated objects, or into the list of everything wrong with it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from unisono.bible import checks
from unisono.bible.schemas import (
    BibleConfig,
    BibleContext,
    BusinessHours,
    Element,
    Forbidden,
    Reason,
    Sla,
    StandardDoc,
)
from unisono.bible.source import (
    InvalidBibleError,
    Problem,
    SourceDocument,
    read_yaml,
    split_front_matter,
)
from unisono.bible.vocabulary import ELEMENTS

CONFIG_FILE = "bible.yml"
Model = TypeVar("Model", bound=BaseModel)
_FIELD_NAMES = sorted(
    {
        name
        for model in (BibleConfig, Reason, Forbidden, BusinessHours, Element, StandardDoc, Sla)
        for name in model.model_fields
    }
)


@dataclass(frozen=True)
class StandardFile:
    """A validated standard: its front matter, its Markdown body and where it came from."""

    doc: StandardDoc
    body: str
    source: SourceDocument
    relative_path: str  # within the bible folder: the handbook follows the files' order


@dataclass(frozen=True)
class Bible:
    """A validated bible folder."""

    root: Path
    config: BibleConfig
    config_source: SourceDocument
    standards: list[StandardFile]

    def reason_ids(self) -> list[str]:
        """Every contact reason of the tree, parents before their children."""
        ids: list[str] = []
        _collect_reason_ids([r.model_dump() for r in self.config.reasons], ids)
        return ids

    def summary(self) -> dict[str, int]:
        """How many standards, contact reasons and channels the bible has."""
        return {
            "standards": len(self.standards),
            "reasons": len(self.reason_ids()),
            "channels": len(self.config.channels),
        }


def read_bible(root: Path) -> Bible:
    """Read and validate the bible in ``root``; raise InvalidBibleError listing every problem."""
    problems: list[Problem] = []
    config, config_source = _read_config(root, problems)
    context = _context(config, config_source)
    standards, sources = [], []
    for path in standard_files(root):
        source = _read_front_matter(path, problems)
        if source is None:
            continue
        sources.append(source)
        validated = _validate_standard(source, config, context, problems)
        if validated is not None:
            doc, body = validated
            standards.append(StandardFile(doc, body, source, path.relative_to(root).as_posix()))
    problems += checks.check_unique_ids(sources)
    problems += checks.check_consistent_facts([(s.doc, s.source) for s in standards])
    if problems:
        raise InvalidBibleError(problems)
    # no problems: both were read
    assert config is not None
    assert config_source is not None
    return Bible(root, config, config_source, standards)


def read_standard_text(
    text: str, path: str, config: BibleConfig, others: list[StandardDoc]
) -> StandardFile:
    """Validate one standard written as a file (an edit made in the web app) exactly as a file
    of the bible would be, against the bible's ``config`` and the ``others`` standards' facts."""
    problems: list[Problem] = []
    try:
        front_matter, body, first_line = split_front_matter(text, path)
        source = read_yaml(front_matter, path, first_line)
    except InvalidBibleError as found:
        raise InvalidBibleError(found.problems) from None
    source = SourceDocument(source.path, source.data, source.root, source.first_line, body)
    validated = _validate_standard(source, config, _context(config, None), problems)
    if validated is None:
        raise InvalidBibleError(problems)
    doc, body = validated
    elsewhere = [(other, SourceDocument(f"{other.id} (in force)", {}, None, 1)) for other in others]
    problems += checks.check_consistent_facts([*elsewhere, (doc, source)])
    if problems:
        raise InvalidBibleError(problems)
    return StandardFile(doc, body, source, path)


def standard_files(root: Path) -> list[Path]:
    """The Markdown files of a bible, skipping hidden and ``_``-prefixed paths and READMEs."""
    files = []
    for path in sorted(root.rglob("*.md")):
        parts = path.relative_to(root).parts
        if any(part.startswith((".", "_")) for part in parts):
            continue
        if path.name.lower() == "readme.md":
            continue
        files.append(path)
    return files


def _read_config(
    root: Path, problems: list[Problem]
) -> tuple[BibleConfig | None, SourceDocument | None]:
    path = root / CONFIG_FILE
    if not path.is_file():
        message = f"no {CONFIG_FILE}: a bible folder has {CONFIG_FILE} at its root"
        if not root.is_dir():
            message = "no such folder"
        problems.append(Problem(str(path), 1, "", message))
        return None, None
    try:
        source = read_yaml(_read_text(path), str(path))
    except InvalidBibleError as found:
        problems += found.problems
        return None, None
    problems += checks.check_config(source)
    return _validate(BibleConfig, source, {}, problems), source


def _read_front_matter(path: Path, problems: list[Problem]) -> SourceDocument | None:
    try:
        front_matter, body, first_line = split_front_matter(_read_text(path), str(path))
        source = read_yaml(front_matter, str(path), first_line)
    except InvalidBibleError as found:
        problems += found.problems
        return None
    return SourceDocument(source.path, source.data, source.root, source.first_line, body)


def _validate_standard(
    source: SourceDocument,
    config: BibleConfig | None,
    context: BibleContext | None,
    problems: list[Problem],
) -> tuple[StandardDoc, str] | None:
    """The front matter and the body (trimmed), or None when there are problems."""
    doc = _validate(StandardDoc, source, {"bible": context}, problems)
    if doc is None:
        return None
    if config is not None:
        found = list(checks.check_standard(doc, config, source))
        problems += found
        if found:
            return None
    body = source.body.strip()
    return doc, (body + "\n" if body else "")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise InvalidBibleError([Problem(str(path), 1, "", f"not UTF-8 text: {error}")]) from error


def _validate(
    model: type[Model], source: SourceDocument, context: dict[str, Any], problems: list[Problem]
) -> Model | None:
    try:
        return model.model_validate(source.data, context=context)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            problems.append(source.problem(detail["loc"], _message(detail)))
        return None


def _message(detail: Any) -> str:
    kind, message = detail["type"], detail["msg"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        unknown = str(detail["loc"][-1])
        close = difflib.get_close_matches(unknown, _FIELD_NAMES, n=1)
        return "unknown field" + (f"; did you mean {close[0]!r}?" if close else "")
    if kind == "literal_error":
        return f"{detail['input']!r} is not one of: {detail['ctx']['expected']}"
    if kind == "string_pattern_mismatch":
        return (
            f"{detail['input']!r} is not a valid id: use lower-case letters, digits and _ "
            "(reasons join levels with '.', standards may use '-')"
        )
    return str(message).removeprefix("Value error, ")


def _context(config: BibleConfig | None, source: SourceDocument | None) -> BibleContext | None:
    """What standards may refer to; from the raw file when bible.yml itself has errors."""
    if config is not None:
        reasons: list[str] = []
        _collect_reason_ids([r.model_dump() for r in config.reasons], reasons)
        elements = frozenset(ELEMENTS) | set(config.elements)
        return BibleContext(frozenset(config.channels), frozenset(reasons), elements)
    if source is None:
        return None
    data = source.data
    channels = data.get("channels")
    raw_reasons: list[str] = []
    _collect_reason_ids(data.get("reasons"), raw_reasons)
    elements = data.get("elements") if isinstance(data.get("elements"), dict) else {}
    if not isinstance(channels, dict) or not raw_reasons:
        return None
    return BibleContext(
        frozenset(channels), frozenset(raw_reasons), frozenset(ELEMENTS) | set(elements)
    )


def _collect_reason_ids(nodes: Any, into: list[str]) -> None:
    if not isinstance(nodes, list):
        return
    for node in nodes:
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                into.append(node["id"])
            _collect_reason_ids(node.get("children"), into)
