"""The ``unisono`` command."""

from __future__ import annotations

import typer

from unisono import __version__
from unisono.cli import (
    assist,
    audit,
    bible,
    calibration,
    consistency,
    customers,
    database,
    demo,
    imports,
    metrics,
    reviews,
    serve,
    surveys,
    tokens,
    users,
)

app = typer.Typer(
    name="unisono",
    help="Unisono: one service bible, the same answer on every channel.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("init")(database.init)
app.add_typer(bible.app, name="bible")
app.add_typer(demo.app, name="demo")
app.command("import")(imports.import_interactions)
app.command("customer")(customers.customer)
app.add_typer(metrics.app, name="metrics")
app.command("analyze")(audit.analyze)
app.command("audit")(audit.audit)
app.command("qa")(audit.qa)
app.command("consistency")(consistency.consistency)
app.add_typer(reviews.app, name="review")
app.add_typer(calibration.app, name="calibration")
app.command("suggest")(assist.suggest)
app.command("ask")(assist.ask)
app.command("serve")(serve.serve)
app.add_typer(tokens.app, name="token")
app.add_typer(surveys.app, name="survey")
app.add_typer(users.app, name="user")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"unisono {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Unisono: one service bible, the same answer on every channel."""


def main() -> None:
    """Run the command line."""
    app()
