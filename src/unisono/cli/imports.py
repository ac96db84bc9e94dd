"""``unisono import``: bring interactions in from a file or a folder."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeRemainingColumn

from unisono.cli.options import DbOption, JsonOption, engine_for, fail, print_json
from unisono.core import clock
from unisono.core.config import get_settings
from unisono.core.migrate import DatabaseNotReadyError, ensure_current
from unisono.interactions.importers import IMPORTERS, importer_for
from unisono.interactions.importers.base import ImportOptions, SourceError
from unisono.interactions.service import NoBibleError, import_source


def import_interactions(
    path: Annotated[Path, typer.Argument(help="The file (or folder of .eml files) to import.")],
    source_format: Annotated[
        str | None,
        typer.Option("--format", help=f"One of {', '.join(IMPORTERS)}; default: from the name."),
    ] = None,
    mapping: Annotated[
        Path | None, typer.Option(help="CSV: the column mapping file (docs/importers.md).")
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option(help="Time zone of times without an offset (default: the bible's)."),
    ] = None,
    support: Annotated[
        list[str] | None,
        typer.Option(help="E-mail: the company's addresses or @domains (repeatable)."),
    ] = None,
    rejects: Annotated[
        Path | None, typer.Option(help="Where to list refused records (default: data dir).")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import interactions: new ones added, changed ones updated, bad ones listed with why."""
    try:
        importer = importer_for(path, source_format)
        zone = ZoneInfo(timezone) if timezone else None
    except (SourceError, ZoneInfoNotFoundError, ValueError) as error:
        fail(str(error))
    extra = {"support_addresses": support} if support else {}
    options = ImportOptions(mapping=mapping, timezone=zone, extra=extra)
    stamp = clock.utcnow().strftime("%Y%m%dT%H%M%S")
    rejects = rejects or get_settings().data_dir / "rejects" / f"{path.name}.{stamp}.jsonl"
    engine = engine_for(db)
    try:
        ensure_current(engine)
        with _progress(importer.total(path) if path.exists() else 0) as advance:
            summary = import_source(
                engine=engine, importer=importer, path=path, options=options,
                rejects=rejects, now=clock.utcnow(), progress=advance,
            )  # fmt: skip
    except (SourceError, NoBibleError, DatabaseNotReadyError, OSError) as error:
        fail(str(error))
    finally:
        engine.dispose()
    if as_json:
        print_json(asdict(summary))
        return
    typer.echo(
        f"{path}: {summary.imported} imported, {summary.updated} updated, "
        f"{summary.unchanged} unchanged, {summary.rejected} rejected"
    )
    if summary.rejects:
        typer.echo(f"rejected records and why: {summary.rejects}")


@contextmanager
def _progress(total: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on a terminal (stderr); nothing when output goes to a file."""
    if not (sys.stderr.isatty() and total):
        yield None
        return
    columns = (BarColumn(), TaskProgressColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("importing", total=total)
        yield lambda done: bar.update(task, completed=done)
