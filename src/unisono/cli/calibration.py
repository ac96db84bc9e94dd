"""``unisono calibration …``: sessions where several auditors score the same interactions, and
how well they agree."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from sqlalchemy import select

from unisono.cli.options import DbOption, JsonOption, fail, print_json, print_table
from unisono.cli.reviews import reviewing
from unisono.core.clock import utcnow
from unisono.reviews import calibration
from unisono.reviews.models import CalibrationSession

app = typer.Typer(help="Calibration sessions: create, report agreement, close.")
Name = Annotated[str, typer.Argument(help="The session's name.", show_default=False)]
By = Annotated[str, typer.Option("--by", help="Your login.", show_default=False)]


@app.command("create")
def create(
    name: Name,
    by: By,
    interaction: Annotated[
        list[str], typer.Option(help="An interaction to score; repeat (two or more).")
    ],
    scorecard: Annotated[str | None, typer.Option(help="The scorecard (its standard id).")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """A calibration session on these interactions; auditors then score each with
    `unisono review start ID --calibration NAME`."""
    with reviewing(db) as session:
        found = calibration.create_session(
            session=session,
            name=name,
            created_by=by,
            interactions=interaction,
            now=utcnow(),
            scorecard=scorecard,
        )
        shown = _session(found, calibration.session_interactions(session, found))
    if as_json:
        print_json(shown)
        return
    typer.echo(
        f"calibration session {shown['name']!r} on {shown['scorecard']}: "
        f"{len(shown['interactions'])} interactions"
    )


def _session(found: CalibrationSession, interactions: list[str]) -> dict[str, Any]:
    return {
        "name": found.name,
        "scorecard": found.scorecard,
        "scorecard_version": found.scorecard_version,
        "status": found.status,
        "created_by": found.created_by,
        "created_at": found.created_at,
        "closed_at": found.closed_at,
        "interactions": interactions,
    }


@app.command("list")
def list_(db: DbOption = None, as_json: JsonOption = False) -> None:
    """The calibration sessions."""
    with reviewing(db) as session:
        rows = [
            _session(found, calibration.session_interactions(session, found))
            for found in session.scalars(select(CalibrationSession).order_by(CalibrationSession.id))
        ]
    if as_json:
        print_json(rows)
        return
    print_table(
        ["session", "scorecard", "status", "interactions", "created by"],
        [
            [r["name"], r["scorecard"], r["status"], str(len(r["interactions"])), r["created_by"]]
            for r in rows
        ],
    )


@app.command("report")
def report(
    name: Name,
    threshold: Annotated[
        float, typer.Option(help="Criteria whose ordinal alpha is below are flagged.")
    ] = calibration.THRESHOLD,
    automatic: Annotated[
        bool, typer.Option(help="Compare the automatic audit with the auditors.")
    ] = True,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Agreement per criterion (Cohen, Fleiss, Krippendorff, Gwet), poorly agreed criteria."""
    if not 0 < threshold <= 1:
        fail(f"--threshold {threshold}: between 0 and 1")
    with reviewing(db) as session:
        result = calibration.report(
            session=session, name=name, threshold=threshold, automatic=automatic
        )
    if as_json:
        print_json(result)
        return
    _print_report(result)


_HEADERS = [
    "criterion",
    "units",
    "agreement",
    "Cohen's κ",
    "Fleiss' κ",
    "α nominal",
    "α ordinal",
    "α interval",
    "Gwet's AC1",
    "automatic AC1",
    "",
]


def _print_report(result: dict[str, Any]) -> None:
    typer.echo(
        f"{result['session']}: {len(result['auditors'])} auditors "
        f"({', '.join(result['auditors'])}), {result['interactions']} interactions, "
        f"scorecard {result['scorecard']}"
    )
    print_table(
        _HEADERS,
        [
            [
                c["criterion"],
                str(c["units"]),
                _stat(c.get("percent_agreement")),
                _stat(c.get("cohen_kappa")),
                _stat(c.get("fleiss_kappa")),
                *(
                    _stat((c.get("krippendorff_alpha") or {}).get(level))
                    for level in ("nominal", "ordinal", "interval")
                ),
                _stat(c.get("gwet_ac1")),
                _stat((c.get("automatic_vs_auditors") or {}).get("gwet_ac1")),
                "poor" if c["flagged"] else "",
            ]
            for c in result["criteria"]
        ],
    )
    overall = result["overall"]
    typer.echo(
        f"all criteria: α ordinal {_stat(overall['criteria_alpha_ordinal'])}; "
        f"QA scores: α interval {_stat(overall['score_alpha_interval'])}"
    )
    for row in result["auditor_distance"]:
        typer.echo(
            f"  {row['auditor']}: {_stat(row['mean_distance'])} points from the others "
            f"on average ({row['interactions']} interactions)"
        )


@app.command("automatic")
def automatic_agreement(
    threshold: Annotated[
        float, typer.Option(help="Criteria below this AC1 (on 20 values or more) are flagged.")
    ] = calibration.THRESHOLD,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """How well the automatic audit agrees with the auditors, per criterion."""
    with reviewing(db) as session:
        result = calibration.automatic_agreement(session=session, threshold=threshold)
    if as_json:
        print_json(result)
        return
    typer.echo(f"{result['reviews']} submitted evaluations")
    print_table(
        ["criterion", "pairs", "changed", "agreement", "Cohen's κ", "Gwet's AC1", "α ordinal", ""],
        [
            [
                c["criterion"],
                str(c["units"]),
                str(c["changed"]),
                _stat(c.get("percent_agreement")),
                _stat(c.get("cohen_kappa")),
                _stat(c.get("gwet_ac1")),
                _stat((c.get("krippendorff_alpha") or {}).get("ordinal")),
                "poor" if c["flagged"] else "",
            ]
            for c in result["criteria"]
        ],
    )


@app.command("close")
def close(name: Name, by: By, db: DbOption = None) -> None:
    """Close a session: its reviews are locked."""
    with reviewing(db) as session:
        calibration.close_session(session=session, name=name, actor=by, now=utcnow())
    typer.echo(f"calibration session {name!r} closed")


def _stat(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"
