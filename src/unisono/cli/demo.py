"""``unisono demo``: try Unisono on a fresh embedded database with the demo bible and data."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated

import typer

from unisono.accounts.permissions import ROLE_LABELS
from unisono.bible.loader import read_bible
from unisono.bible.source import InvalidBibleError
from unisono.cli.options import DbOption, JsonOption, engine_for, fail, print_json
from unisono.core.clock import today
from unisono.core.config import get_settings
from unisono.demo.generator import generate_with_truth, write_with_truth
from unisono.demo.service import DemoReport, demo_bible_path, prepare_demo
from unisono.demo.users import DEMO_PASSWORD, DemoLogin

app = typer.Typer(
    help="The demo: a fresh database with the demo bible and realistic data.",
    invoke_without_command=True,
)
Seed = Annotated[int, typer.Option(help="Same seed, same data.")]


@app.callback()
def demo(
    context: typer.Context,
    interactions: Annotated[int, typer.Option(help="How many interactions to generate.")] = 20_000,
    seed: Seed = 7,
    serve: Annotated[bool, typer.Option(help="Serve the app once the demo is ready.")] = True,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Start over on the demo database: the demo bible, generated interactions, the handbook;
    then serve the app."""
    if context.invoked_subcommand is not None:
        return
    demo_dir = get_settings().data_dir / "demo"
    if db is None:
        database = demo_dir / "unisono-demo.db"
        for suffix in ("", "-wal", "-shm"):  # start over: the demo is always the same
            database.with_name(database.name + suffix).unlink(missing_ok=True)
        db = f"sqlite:///{database}"
    engine = engine_for(db)
    try:
        report = prepare_demo(
            engine=engine, output_dir=demo_dir, today=today(), interactions=interactions, seed=seed
        )
    finally:
        engine.dispose()
    url = engine.url.render_as_string()
    settings = get_settings()
    address = f"http://{settings.host}:{settings.port}"
    if as_json:
        logins = [vars(login) for login in report.logins]
        print_json(
            {"database": url, "address": address, "password": DEMO_PASSWORD, **vars(report),
             "logins": logins}
        )  # fmt: skip
    else:
        _print_report(url, report)
        _print_logins(address if serve else f"`unisono serve --db {url}`", report.logins)
    if serve:
        from unisono.cli.serve import serve as serve_app  # noqa: PLC0415 - only when serving

        serve_app(host=None, port=None, db=url)


def _print_logins(address: str, logins: list[DemoLogin]) -> None:
    lines = [f"\nWeb app: {address} — sign in as (password for all: {DEMO_PASSWORD}):"]
    for login in logins:
        scope = (
            f" — team {login.team}"
            if login.team
            else f" — agent {login.agent}"
            if login.agent
            else ""
        )
        lines.append(f"  {login.username:<12} {ROLE_LABELS[login.role]['en']}{scope}")
    typer.echo("\n".join(lines))


def _print_report(url: str, report: DemoReport) -> None:
    me = _command_name()
    typer.echo(
        f"Demo ready on {url}\n"
        f"  bible: {report.bible} — {report.standards} standards, {report.reasons} "
        f"contact reasons, {report.channels} channels\n"
        f"  interactions: {report.interactions:,}, audited: {report.findings:,} findings\n"
        f"  handbook: {report.handbook_html}\n"
        f"            {report.handbook_pdf}\n\n"
        "Try:\n"
        f"  {me} bible due --db {url}\n"
        f"  {me} bible history livraison-retard --db {url}\n"
        f"  {me} customer C-000001 --db {url}\n"
        f"  {me} metrics --by channel --db {url}\n"
        f"  {me} audit --kind fact_contradiction --db {url}\n"
        f"  {me} qa --by team --db {url}\n"
        f"  {me} consistency --db {url}\n"
        f"  {me} review sample --assign qualite --db {url}   # reviews for the qualite login"
    )


@app.command("generate")
def generate_command(
    count: Annotated[int, typer.Option("--interactions", help="How many to generate.", min=0)],
    seed: Seed = 7,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="JSON Lines file (default: stdout).")
    ] = None,
    truth: Annotated[
        Path | None, typer.Option(help="Also write what was planted in each (docs/demo-data.md).")
    ] = None,
    end: Annotated[
        dt.datetime | None, typer.Option(help="Last day of the period (default: today).")
    ] = None,
    days: Annotated[int, typer.Option(help="Length of the period, in days.", min=1)] = 180,
    bible_path: Annotated[
        Path | None, typer.Option("--bible", help="The bible to write for (default: the demo's).")
    ] = None,
) -> None:
    """Write realistic interactions for a bible, as JSON Lines ready for `unisono import`."""
    try:
        bible = read_bible(bible_path or demo_bible_path())
    except InvalidBibleError as found:
        fail(f"the bible has problems: run `unisono bible check` ({len(found.problems)} found)")
    last = end.date() if end else today()
    pairs = generate_with_truth(bible, interactions=count, seed=seed, end=last, days=days)
    with ExitStack() as files:
        out = files.enter_context(output.open("wb")) if output else sys.stdout.buffer
        truth_out = files.enter_context(truth.open("wb")) if truth else None
        written = write_with_truth(pairs, out, truth_out)
    if output:
        typer.echo(f"{written:,} interactions written to {output}", err=True)


def _command_name() -> str:
    """How the user can run unisono again: its name when it is on the PATH, else its path."""
    invoked = Path(sys.argv[0])
    on_path = shutil.which("unisono")
    return "unisono" if on_path and Path(on_path).resolve() == invoked.resolve() else str(invoked)
