"""``unisono analyze``, ``unisono audit`` and ``unisono qa``: check interactions against the
bible, list the findings, and the quality scores."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from unisono.audit.checks.base import KINDS
from unisono.audit.queries import FindingFilters, findings, quality
from unisono.audit.service import analyze as run_analysis
from unisono.cli.options import (
    DbOption,
    JsonOption,
    database_session,
    engine_for,
    fail,
    print_json,
    print_table,
)
from unisono.consistency.store import keep_up_to_date
from unisono.core.clock import utcnow
from unisono.core.db import session_scope
from unisono.core.migrate import DatabaseNotReadyError, ensure_current
from unisono.language.reasons import UNKNOWN

GROUPINGS = ("agent", "team", "channel", "reason", "month")


def analyze(
    consistency: Annotated[
        bool,
        typer.Option(
            help="Then compute the consistency report the web app shows (when the data changed)."
        ),
    ] = True,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check what is not checked yet (or was, against another content or bible version)."""
    engine = engine_for(db)
    try:
        ensure_current(engine)
        summary = run_analysis(engine=engine, now=utcnow())
        kept = None
        if consistency:
            with session_scope(engine) as session:
                kept = keep_up_to_date(session=session, now=utcnow())
    except DatabaseNotReadyError as error:
        fail(str(error))
    finally:
        engine.dispose()
    index = kept.report["index"]["value"] if kept else None
    if as_json:
        print_json({"analyzed": summary.analyzed, "findings": dict(summary.findings),
                    "classified_reasons": dict(summary.reasons),
                    "consistency_index": index})  # fmt: skip
        return
    counts = ", ".join(f"{count} {kind}" for kind, count in summary.findings.most_common())
    typer.echo(f"{summary.analyzed} interactions analysed; findings: {counts or 'none'}")
    if summary.reasons:
        unknown = summary.reasons.get(UNKNOWN, 0)
        total = sum(summary.reasons.values())
        typer.echo(f"reasons classified for {total} interactions without one ({unknown} unknown)")
    if kept is not None:
        typer.echo(
            f"consistency index {index if index is not None else '—'} "
            f"(kept for the web app; computed in {kept.seconds:g} s)"
        )


def audit(
    interaction: Annotated[str | None, typer.Option(help="Only this interaction.")] = None,
    kind: Annotated[str | None, typer.Option(help=f"Only one of {', '.join(KINDS)}.")] = None,
    agent: Annotated[str | None, typer.Option(help="Only this agent's interactions.")] = None,
    standard: Annotated[str | None, typer.Option(help="Only this standard's findings.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many (0: all).", min=0)] = 100,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The findings: where interactions departed from the bible, with the evidence."""
    if kind is not None and kind not in KINDS:
        fail(f"--kind {kind!r}: choose one of {', '.join(KINDS)}")
    filters = FindingFilters(interaction, kind, agent, standard, limit or None)
    with database_session(db) as session:
        rows = findings(session=session, filters=filters)
    if as_json:
        print_json(rows)
        return
    print_table(
        ["interaction", "kind", "standard", "evidence", "expected", "found"],
        [
            [
                r["interaction_id"],
                r["kind"],
                f"{r['standard_id'] or 'bible.yml'}"
                + (f" v{r['standard_version']}" if r["standard_version"] else ""),
                _short(r["evidence"]),
                _short(r["expected"]),
                _short(r["found"]),
            ]
            for r in rows
        ],
    )


def qa(
    by: Annotated[str | None, typer.Option(help=f"One of {', '.join(GROUPINGS)}.")] = None,
    since: Annotated[dt.datetime | None, typer.Option(help="First day opened.")] = None,
    until: Annotated[dt.datetime | None, typer.Option(help="Last day opened.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Quality scores (IQS: the mean QA score), with and without critical fails."""
    if by is not None and by not in GROUPINGS:
        fail(f"--by {by!r}: choose one of {', '.join(GROUPINGS)}")
    with database_session(db) as session:
        report = quality(session=session, by=by, since=_day(since), until=_day(until))
    if as_json:
        print_json(report)
        return
    print_table(
        [by or "scorecard", "n", "IQS", "95% interval", "without critical fails", "critical fails"],
        [
            [
                str(g["key"]),
                str(g["n"]),
                _percent(g["iqs"]),
                _interval(g["iqs_ci95"]),
                _percent(g["iqs_without_critical"]),
                str(g["critical_failed"]),
            ]
            for g in report["groups"]
        ],
    )


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def _short(value: Any, width: int = 60) -> str:
    text = "" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} %"


def _interval(pair: list[float] | None) -> str:
    return "—" if not pair or pair[0] is None else f"[{pair[0]:.1f}–{pair[1]:.1f}]"
