"""``unisono survey …``: survey links to send, and answers collected elsewhere."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from unisono.cli.options import DbOption, JsonOption, database_session, fail, print_json
from unisono.core import clock
from unisono.core.config import get_settings
from unisono.surveys.links import KINDS, Invitation, make_link
from unisono.surveys.service import find_interaction, import_answers

app = typer.Typer(help="Surveys: signed links, and imports of answers.")


@app.command("link")
def link(
    interaction: Annotated[str, typer.Argument(help="The interaction's id.")],
    kind: Annotated[str, typer.Option(help=f"One of {', '.join(KINDS)}.")] = "csat",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """A signed link to the survey page for one interaction (valid 30 days, answered once)."""
    if kind not in KINDS:
        fail(f"--kind {kind!r}: choose one of {', '.join(KINDS)}")
    with database_session(db) as session:
        if find_interaction(session=session, external_id=interaction) is None:
            fail(f"no interaction {interaction!r}")
    url = make_link(get_settings(), Invitation(interaction, kind))
    if as_json:
        print_json({"interaction": interaction, "kind": kind, "url": url})
    else:
        typer.echo(url)


@app.command("import")
def import_(
    path: Annotated[Path, typer.Argument(help="CSV: interaction_id, kind, score[, at, comment].")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import survey answers from a CSV file; each interaction keeps one answer per kind."""
    if not path.is_file():
        fail(f"{path}: no such file")
    with database_session(db) as session:
        summary = import_answers(session=session, path=path, now=clock.utcnow())
    if as_json:
        print_json(asdict(summary))
        return
    typer.echo(
        f"{path}: {summary.imported} imported, {summary.already_answered} already answered, "
        f"{len(summary.rejected)} rejected"
    )
    for reject in summary.rejected:
        typer.echo(f"  line {reject['line']}: {reject['reason']}", err=True)
