"""``unisono demo``: try Unisono on a fresh embedded database with the demo bible."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import typer

from unisono.cli.options import DbOption, JsonOption, engine_for, print_json
from unisono.core.clock import today
from unisono.core.config import get_settings
from unisono.demo.service import prepare_demo


def demo(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Start over on the demo database: load the demo bible and write its handbook."""
    settings = get_settings()
    demo_dir = settings.data_dir / "demo"
    if db is None:
        database = demo_dir / "unisono-demo.db"
        for suffix in ("", "-wal", "-shm"):  # start over: the demo is always the same
            database.with_name(database.name + suffix).unlink(missing_ok=True)
        db = f"sqlite:///{database}"
    engine = engine_for(db)
    try:
        report = prepare_demo(engine=engine, output_dir=demo_dir, today=today())
    finally:
        engine.dispose()
    url = engine.url.render_as_string()
    if as_json:
        print_json({"database": url, **vars(report)})
        return
    me = _command_name()
    typer.echo(
        f"Demo ready on {url}\n"
        f"  bible: {report.bible} — {report.standards} standards, {report.reasons} contact "
        f"reasons, {report.channels} channels\n"
        f"  handbook: {report.handbook_html}\n"
        f"            {report.handbook_pdf}\n\n"
        "Try:\n"
        f"  {me} bible due --db {url}\n"
        f"  {me} bible history livraison-retard --db {url}\n"
        f"  {me} bible show livraison-retard --db {url}"
    )


def _command_name() -> str:
    """How the user can run unisono again: its name when it is on the PATH, else its path."""
    invoked = Path(sys.argv[0])
    on_path = shutil.which("unisono")
    return "unisono" if on_path and Path(on_path).resolve() == invoked.resolve() else str(invoked)
