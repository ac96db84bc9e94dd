"""Turning pydantic's validation errors into messages a person can act on."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import ValidationError
from pydantic_core import ErrorDetails

Loc = Sequence[str | int]


def field_name(loc: Loc) -> str:
    """``("sla", "first_response", "fax")`` → ``sla.first_response.fax``; ``reasons[0].id``."""
    name = ""
    for part in loc:
        if isinstance(part, int):
            name += f"[{part}]"
        elif not _internal(part):
            name += f".{part}" if name else part
    return name


def _internal(part: str) -> bool:
    # pydantic adds validator and union-member names to error locations
    return "[" in part or "(" in part or part.startswith("function-")


def describe(detail: ErrorDetails) -> str:
    """One error as ``field: message``, without pydantic's prefixes."""
    message = str(detail["msg"]).removeprefix("Value error, ")
    if detail["type"] == "missing":
        message = "required field is missing"
    field = field_name(detail["loc"])
    return f"{field}: {message}" if field else message


def explain(error: ValidationError) -> str:
    """Every problem of a validation error on one line, separated by semicolons."""
    return "; ".join(describe(detail) for detail in error.errors(include_url=False))
