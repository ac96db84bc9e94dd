"""``unisono bible …``: check, load, show, version, review and export the service bible."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from unisono.bible import queries
from unisono.bible.abcd import convert_abcd
from unisono.bible.export import render_handbook
from unisono.bible.loader import Bible, read_bible
from unisono.bible.service import load_bible
from unisono.bible.source import InvalidBibleError
from unisono.bible.versions import render_file, unified_diff
from unisono.cli.options import (
    DbOption,
    JsonOption,
    database_session,
    fail,
    print_json,
    print_table,
)
from unisono.core import clock
from unisono.reviews.freshness import standards_to_review

app = typer.Typer(help="The service bible: check, load, show, history, diff, due, export.")

BiblePath = Annotated[
    Path, typer.Argument(help="The bible folder (with bible.yml at its root).", show_default=False)
]
StandardId = Annotated[str, typer.Argument(help="The standard's id.", show_default=False)]


class ExportFormat(StrEnum):
    html = "html"
    pdf = "pdf"


def _report_problems(found: InvalidBibleError, path: Path, as_json: bool) -> NoReturn:
    """Print every problem (path:line: field: message) and stop with exit status 1."""
    if as_json:
        print_json({"ok": False, "problems": [asdict(p) for p in found.problems]})
    else:
        for problem in found.problems:
            typer.echo(str(problem), err=True)
        count = len(found.problems)
        typer.echo(f"{count} problem{'s' * (count > 1)} found in {path}", err=True)
    raise typer.Exit(1)


def _read_or_report(path: Path, as_json: bool) -> Bible:
    try:
        return read_bible(path)
    except InvalidBibleError as found:
        _report_problems(found, path, as_json)


@app.command("check")
def check(path: BiblePath, as_json: JsonOption = False) -> None:
    """Validate a bible; print every problem as path:line: field: message."""
    bible = _read_or_report(path, as_json)
    summary = bible.summary()
    if as_json:
        print_json({"ok": True, "problems": [], **summary})
    else:
        typer.echo(
            f"{path}: no problems — {summary['standards']} standards, "
            f"{summary['reasons']} contact reasons, {summary['channels']} channels"
        )


@app.command("load")
def load(path: BiblePath, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Load a bible: a new version of each changed standard; nothing at all if anything is wrong."""
    bible = _read_or_report(path, as_json)
    with database_session(db) as session:
        try:
            report = load_bible(session=session, bible=bible, now=clock.utcnow())
        except InvalidBibleError as found:
            _report_problems(found, path, as_json)
    if as_json:
        print_json(
            {
                "created": report.created,
                "updated": [{"id": i, "version": v} for i, v in report.updated],
                "unchanged": report.unchanged,
                "archived": report.archived,
                "bible_revision": report.bible_revision,
            }
        )
        return
    typer.echo(
        f"{path}: {len(report.created)} created, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged, {len(report.archived)} archived"
    )
    for standard_id, version in report.updated:
        typer.echo(f"  {standard_id}: version {version}")
    for standard_id in report.archived:
        typer.echo(f"  {standard_id}: archived (its file is gone)")


@app.command("show")
def show(
    standard_id: StandardId,
    version: Annotated[
        int | None, typer.Option(help="A past version (default: the one in force).")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print a standard as its file (front matter and procedure)."""
    with database_session(db) as session:
        found = queries.get_version(session=session, standard_id=standard_id, version=version)
        if found is None:
            fail(f"no standard {standard_id!r}" + (f" version {version}" if version else ""))
        if as_json:
            print_json(
                {"id": standard_id, "version": found.version, **found.document, "body": found.body}
            )
        else:
            typer.echo(f"# {standard_id}, version {found.version}")
            typer.echo(render_file(found.document, found.body), nl=False)


@app.command("history")
def history(standard_id: StandardId, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Every version of a standard, with what changed in each."""
    with database_session(db) as session:
        entries = queries.history(session=session, standard_id=standard_id)
    if not entries:
        fail(f"no standard {standard_id!r}")
    if as_json:
        print_json({"id": standard_id, "versions": [asdict(entry) for entry in entries]})
        return
    print_table(
        ["version", "from", "until", "status", "changed"],
        [
            [
                str(e.version),
                _when(e.valid_from),
                _when(e.valid_to) if e.valid_to else "in force",
                e.status,
                ", ".join(e.changed),
            ]
            for e in entries
        ],
        title=f"{standard_id}: {entries[-1].title}",
    )


@app.command("diff")
def diff(
    standard_id: StandardId,
    v1: Annotated[int, typer.Argument(help="The earlier version.", show_default=False)],
    v2: Annotated[int, typer.Argument(help="The later version.", show_default=False)],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """What changed between two versions of a standard."""
    with database_session(db) as session:
        before = queries.get_version(session=session, standard_id=standard_id, version=v1)
        after = queries.get_version(session=session, standard_id=standard_id, version=v2)
        for number, found in ((v1, before), (v2, after)):
            if found is None:
                fail(f"no version {number} of standard {standard_id!r}")
        assert before is not None
        assert after is not None
        changes = queries.diff(before=before, after=after)
        if as_json:
            print_json(
                {"id": standard_id, "from": v1, "to": v2, "changes": [asdict(c) for c in changes]}
            )
            return
        if not changes:
            typer.echo(f"{standard_id}: versions {v1} and {v2} are the same")
            return
        typer.echo(f"{standard_id}: changed " + ", ".join(change.field for change in changes))
        typer.echo(
            unified_diff(
                before.document,
                before.body,
                after.document,
                after.body,
                before_name=f"{standard_id} v{v1}",
                after_name=f"{standard_id} v{v2}",
            ),
            nl=False,
        )


@app.command("due")
def due(
    within: Annotated[int, typer.Option(help="Also list reviews due within N days.", min=0)] = 30,
    as_of: Annotated[
        dt.datetime | None, typer.Option(help="Count from this date (default: today).")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Standards whose review is overdue or due soon, and those the work flags: facts many
    agents contradict, scorecard criteria with poor agreement."""
    today = as_of.date() if as_of else clock.today()
    with database_session(db) as session:
        found = standards_to_review(session=session, as_of=today, within_days=within)
    rows, flagged = found["due"], found["flagged"]
    if as_json:
        print_json({"as_of": today, "within_days": within, **found})
        return
    if not rows:
        typer.echo(f"no review due by {today + dt.timedelta(days=within)}")
    else:
        print_table(
            ["standard", "title", "owner", "due", "when"],
            [
                [
                    r["standard_id"],
                    r["title"],
                    r["owner"],
                    str(r["next_review_on"] or "never reviewed"),
                    _due(r["days_left"]),
                ]
                for r in rows
            ],
            title=f"Reviews overdue or due within {within} days (as of {today})",
        )
    if flagged:
        print_table(
            ["standard", "title", "owner", "why"],
            [
                [
                    f["standard_id"],
                    f["title"],
                    f["owner"],
                    "; ".join(_signal(s) for s in f["signals"]),
                ]
                for f in flagged
            ],
            title=f"Flagged for review by the last {found['window_days']} days of work",
        )


def _signal(signal: dict[str, Any]) -> str:
    if signal["kind"] == "contradictions":
        return (
            f"facts contradicted in {signal['interactions']} interactions "
            f"by {signal['agents']} agents"
        )
    if signal["kind"] == "low_agreement":
        return f"criterion {signal['criterion']}: poor agreement in {signal['session']}"
    return f"criterion {signal['criterion']}: the automatic audit and the auditors disagree"


@app.command("export")
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    export_format: Annotated[
        ExportFormat, typer.Option("--format", help="html or pdf.")
    ] = ExportFormat.html,
    drafts: Annotated[
        bool, typer.Option(help="Include standards in draft and review (marked as such).")
    ] = False,
    db: DbOption = None,
) -> None:
    """Write the printable handbook of the bible in force (HTML or PDF)."""
    with database_session(db) as session:
        statuses = ("published", "review", "draft") if drafts else ("published",)
        try:
            html = render_handbook(session=session, statuses=statuses, today=clock.today())
        except LookupError as error:
            fail(str(error))
    output.parent.mkdir(parents=True, exist_ok=True)
    if export_format is ExportFormat.html:
        output.write_text(html, encoding="utf-8")
    else:
        from unisono.bible.export import write_pdf  # noqa: PLC0415 - WeasyPrint loads slowly

        write_pdf(html, output)
    typer.echo(f"handbook written to {output}")


@app.command("import-abcd")
def import_abcd(
    source: Annotated[Path, typer.Argument(help="The ABCD folder (guidelines.json, kb.json).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The bible folder to create.")],
    as_json: JsonOption = False,
) -> None:
    """Turn the ABCD dataset's agent guidelines into a bible folder."""
    try:
        summary = convert_abcd(source, output)
    except (OSError, ValueError) as error:
        fail(str(error))
    if as_json:
        print_json({"output": str(output), **asdict(summary)})
    else:
        typer.echo(f"{output}: bible written — {summary}")


def _when(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _due(days_left: int | None) -> str:
    if days_left is None:
        return "now"
    if days_left < 0:
        return f"{-days_left} days overdue"
    return "today" if days_left == 0 else f"in {days_left} days"
