"""``unisono bible …``: check, load, version and export the service bible."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from unisono.bible.loader import Bible, read_bible
from unisono.bible.source import ProblemsFound
from unisono.cli.options import JsonOption, print_json

app = typer.Typer(help="The service bible: check, load, history, diff, due, export.")

BiblePath = Annotated[
    Path, typer.Argument(help="The bible folder (with bible.yml at its root).", show_default=False)
]


def _read_or_report(path: Path, as_json: bool) -> Bible:
    """The validated bible, or every problem printed and exit status 1."""
    try:
        return read_bible(path)
    except ProblemsFound as found:
        if as_json:
            print_json({"ok": False, "problems": [vars(p) for p in found.problems]})
        else:
            for problem in found.problems:
                typer.echo(str(problem), err=True)
            count = len(found.problems)
            typer.echo(f"{count} problem{'s' * (count > 1)} found in {path}", err=True)
        raise typer.Exit(1) from None


@app.command("check")
def check(path: BiblePath, as_json: JsonOption = False) -> None:
    """Validate a bible; print every problem as path:line: field: message."""
    bible = _read_or_report(path, as_json)
    summary = _summary(bible)
    if as_json:
        print_json({"ok": True, "problems": [], **summary})
    else:
        typer.echo(
            f"{path}: no problems — {summary['standards']} standards, "
            f"{summary['reasons']} contact reasons, {summary['channels']} channels"
        )


def _summary(bible: Bible) -> dict[str, int]:
    reasons, stack = 0, list(bible.config.reasons)
    while stack:
        reason = stack.pop()
        reasons += 1
        stack.extend(reason.children)
    return {
        "standards": len(bible.standards),
        "reasons": reasons,
        "channels": len(bible.config.channels),
    }
