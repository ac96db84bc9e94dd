"""The pages' templates (Jinja2, every value escaped) and the language a visitor reads."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

LANGUAGES = ("fr", "en")
_ENVIRONMENT = Environment(
    loader=PackageLoader("unisono.web", "templates"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def page(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """The template ``name`` rendered as a page."""
    return HTMLResponse(_ENVIRONMENT.get_template(name).render(**context), status_code=status_code)


def language(request: Request, default: str) -> str:
    """``?lang=`` if given, else the first of French or English the browser asks for, else
    ``default``."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return default if default in LANGUAGES else "fr"
