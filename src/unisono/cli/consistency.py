"""``unisono consistency``: the consistency index, where customers get a different answer, and
the heat maps."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from unisono.cli.options import (
    DbOption,
    JsonOption,
    database_session,
    fail,
    print_json,
    print_table,
)
from unisono.consistency.answers import PER_GROUP
from unisono.consistency.divergences import FDR
from unisono.consistency.service import BOOTSTRAP_RUNS, ConsistencyQuery
from unisono.consistency.service import consistency as report
from unisono.metrics.compute import MIN_N


def consistency(
    since: Annotated[
        dt.datetime | None, typer.Option(help="First day (default: 90 days before the last).")
    ] = None,
    until: Annotated[
        dt.datetime | None, typer.Option(help="Last day (default: the last with interactions).")
    ] = None,
    reason: Annotated[
        str | None, typer.Option(help="Only this contact reason and its sub-reasons.")
    ] = None,
    fdr: Annotated[
        float, typer.Option(help="False discovery rate of the divergences flagged.")
    ] = FDR,
    min_n: Annotated[
        int, typer.Option(help="Groups with fewer values are not compared.", min=2)
    ] = MIN_N,
    limit: Annotated[
        int, typer.Option(help="Divergences listed with their evidence (0: all).", min=0)
    ] = 20,
    answers: Annotated[
        int, typer.Option(help="Replies compared per agent, channel and reason.", min=1)
    ] = PER_GROUP,
    bootstrap: Annotated[
        int, typer.Option(help="Bootstrap runs for the intervals (0: none).", min=0)
    ] = BOOTSTRAP_RUNS,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The consistency index (0–100) per contact reason and overall, and the divergences."""
    query = ConsistencyQuery(
        since=since.date() if since else None,
        until=until.date() if until else None,
        reason=reason,
        fdr=fdr,
        min_n=min_n,
        limit=limit,
        answers_per_group=answers,
        bootstrap=bootstrap,
    )
    with database_session(db) as session:
        try:
            result = report(session=session, query=query)
        except ValueError as error:
            fail(str(error))
    if as_json:
        print_json(result)
        return
    _print(result)


def _print(result: dict[str, Any]) -> None:
    index, period = result["index"], result["period"]
    typer.echo(
        f"Consistency index {_score(index['value'])} {_range(index['ci95'])} — "
        f"{index['interactions']:,} interactions, {period['since']} to {period['until']}"
    )
    lost = {level: _score(value) for level, value in index["points_lost"].items()}
    typer.echo(
        f"Points lost between channels {lost['channel']}, between teams {lost['team']}, "
        f"between agents {lost['agent']}"
    )
    print_table(
        ["reason", "volume", "index", "95% interval", "channels", "teams", "agents", "divergences"],
        [
            [
                r["reason"],
                str(r["volume"]),
                _score(r["index"]),
                _range(r["ci95"]),
                *(_score(r["points_lost"][lv]) for lv in ("channel", "team", "agent")),
                str(r["divergences"]),
            ]
            for r in result["reasons"]
        ],
        title="By contact reason (points lost by source)",
    )
    language = result["language"]
    typer.echo(
        f"{result['divergences_flagged']} divergences flagged among {result['comparisons']} "
        f"comparisons (false discovery rate {result['settings']['fdr']:.0%})"
    )
    for item in result["divergences"]:
        typer.echo(f"{item['rank']:>3}. {item['summary'][language]}")


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _range(pair: list[float] | None) -> str:
    return "" if not pair else f"[{pair[0]:.1f}–{pair[1]:.1f}]"
