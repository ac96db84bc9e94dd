"""Reading bible files: YAML that remembers the line of every key and item, and problems
reported as ``path:line: field: message``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from unisono.core.validation import Loc, field_name


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a bible, at a place a person can open in an editor."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        if self.field:
            return f"{where}: {self.field}: {self.message}"
        return f"{where}: {self.message}"


class InvalidBibleError(Exception):
    """Raised with every problem found, so that callers can report them all at once."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class SourceDocument:
    """A YAML mapping read from a file: plain data plus the line of each part of it."""

    path: str
    data: Any
    root: Any
    first_line: int
    body: str = ""  # the Markdown after a front matter

    def line_of(self, loc: Loc) -> int:
        """The file line of the deepest part of ``loc`` that the YAML has."""
        node, line = self.root, self.first_line
        for part in loc:
            if isinstance(node, CommentedMap) and part in node:
                line = self.first_line + node.lc.key(part)[0]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
                line = self.first_line + node.lc.item(part)[0]
            else:
                break
            node = node[part]
        return line

    def problem(self, loc: Loc, message: str) -> Problem:
        """A problem at the place ``loc`` names."""
        return Problem(self.path, self.line_of(loc), field_name(loc), message)


def read_yaml(text: str, path: str, first_line: int = 1) -> SourceDocument:
    """Parse ``text`` (which starts at ``first_line`` of ``path``) as a YAML mapping."""
    try:
        root = YAML(typ="rt").load(text)
    except MarkedYAMLError as error:
        # Point at where the broken construct starts ("while scanning a quoted scalar"),
        # which is where the mistake is, rather than at the end of the file.
        mark = error.context_mark or error.problem_mark
        line = first_line + (mark.line if mark is not None else 0)
        reason = error.problem or "cannot be read"
        if error.context:
            reason += f" ({error.context})"
        raise InvalidBibleError([Problem(path, line, "", f"malformed YAML: {reason}")]) from error
    except YAMLError as error:
        raise InvalidBibleError(
            [Problem(path, first_line, "", f"malformed YAML: {error}")]
        ) from error
    if not isinstance(root, CommentedMap):
        raise InvalidBibleError(
            [Problem(path, first_line, "", "expected YAML fields (key: value)")]
        )
    return SourceDocument(path, to_plain(root), root, first_line)


def to_plain(value: Any) -> Any:
    """ruamel's round-trip objects as plain dicts, lists, str, int, float, bool and dates."""
    if isinstance(value, dict):
        return {str(key): to_plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [to_plain(item) for item in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, dt.datetime):
        return dt.datetime.fromisoformat(value.isoformat())
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    for plain in (str, int, float):
        if isinstance(value, plain):
            return plain(value)
    return value


def split_front_matter(text: str, path: str) -> tuple[str, str, int]:
    """Split a standard's file into (YAML text, Markdown body, line where the YAML starts)."""
    lines = text.removeprefix("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise InvalidBibleError(
            [
                Problem(
                    path,
                    1,
                    "",
                    "no front matter: a standard starts with a '---' line, "
                    "its YAML fields, and another '---' line before the Markdown body",
                )
            ]
        )
    for number, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return "".join(lines[1:number]), "".join(lines[number + 1 :]), 2
    raise InvalidBibleError(
        [Problem(path, 1, "", "front matter not closed: add a '---' line after the YAML fields")]
    )
