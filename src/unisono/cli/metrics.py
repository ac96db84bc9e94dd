"""``unisono metrics``: NPS, CSAT, CES, FCR, response times, SLA — overall, by a dimension or
over time, with their n and intervals; ``metrics compare`` for two groups or two periods."""

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
from unisono.metrics.compute import MIN_N
from unisono.metrics.service import DIMENSIONS, SERIES, Filters, Query, compare, metrics

app = typer.Typer(
    help="Metrics: NPS, CSAT, CES, FCR, response times, SLA (docs/metrics.md).",
    invoke_without_command=True,
)
Day = Annotated[dt.datetime | None, typer.Option(help="First day (default: 90 days before until).")]
Until = Annotated[
    dt.datetime | None, typer.Option(help="Last day (default: the last day with interactions).")
]
BusinessHours = Annotated[
    bool, typer.Option("--business-hours", help="Count times in the bible's opening hours only.")
]
MinN = Annotated[int, typer.Option(help="Below this n a figure is marked small, not ranked.")]


@app.callback()
def show(
    context: typer.Context,
    by: Annotated[
        str | None, typer.Option(help=f"One of {', '.join(DIMENSIONS + SERIES)}.")
    ] = None,
    since: Day = None,
    until: Until = None,
    channel: Annotated[str | None, typer.Option(help="Only this channel.")] = None,
    team: Annotated[str | None, typer.Option(help="Only this team.")] = None,
    agent: Annotated[str | None, typer.Option(help="Only this agent.")] = None,
    reason: Annotated[
        str | None, typer.Option(help="Only this reason (and its sub-reasons).")
    ] = None,
    stage: Annotated[str | None, typer.Option(help="Only this journey stage.")] = None,
    business_hours: BusinessHours = False,
    min_n: MinN = MIN_N,
    with_retention: Annotated[
        bool, typer.Option("--retention", help="Also customer retention and churn (overall).")
    ] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The metrics of a period, overall or grouped; every rate with its n and 95% interval."""
    if context.invoked_subcommand is not None:
        return
    if by is not None and by not in DIMENSIONS + SERIES:
        fail(f"--by {by!r}: choose one of {', '.join(DIMENSIONS + SERIES)}")
    filters = Filters(channel, team, agent, reason, stage)
    query = Query(_date(since), _date(until), by, filters, business_hours, min_n, with_retention)
    with database_session(db) as session:
        try:
            report = metrics(session=session, query=query)
        except ValueError as error:
            fail(str(error))
    if as_json:
        print_json(report)
    elif by is None:
        _print_overall(report)
    else:
        _print_groups(report)


@app.command("compare")
def compare_command(
    a: Annotated[str, typer.Option("--a", help="First selection: key=value,… (see below).")],
    b: Annotated[str, typer.Option("--b", help="Second selection.")],
    since: Day = None,
    until: Until = None,
    business_hours: BusinessHours = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Compare two groups or two periods: is the difference significant?

    A selection is comma-separated key=value pairs among channel, team, agent, reason, stage,
    since and until, e.g. --a channel=email --b channel=chat, or
    --a since=2026-09-01,until=2026-09-30 --b since=2026-10-01,until=2026-10-31.
    """
    base = Query(_date(since), _date(until), None, Filters(), business_hours)
    with database_session(db) as session:
        try:
            result = compare(session=session, first=_selection(base, a), second=_selection(base, b))
        except ValueError as error:
            fail(str(error))
    if as_json:
        print_json(result)
    else:
        _print_comparison(result, a, b)


def _selection(base: Query, text: str) -> Query:
    fields: dict[str, Any] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, _, value = part.partition("=")
        if key in ("since", "until"):
            fields[key] = dt.date.fromisoformat(value)
        elif key in DIMENSIONS:
            fields.setdefault("filters", {})[key] = value
        else:
            raise typer.BadParameter(
                f"{key!r}: use channel, team, agent, reason, stage, since, until"
            )
    filters = Filters(**fields.pop("filters", {}))
    return Query(fields.get("since", base.since), fields.get("until", base.until), None, filters,
                 base.business_hours, base.min_n)  # fmt: skip


def _date(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def _pct(value: float | None, interval: list[float | None] | None = None) -> str:
    if value is None:
        return "—"
    text = f"{value:.1f} %"
    if interval and interval[0] is not None and interval[1] is not None:
        text += f" [{interval[0]:.1f}–{interval[1]:.1f}]"
    return text


def _seconds(value: float | None) -> str:
    if value is None:
        return "—"
    minutes, seconds = divmod(round(value), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d}" if hours else f"{minutes} min {seconds:02d}"


def _row(report: dict[str, Any]) -> list[str]:
    nps, csat, ces, fcr = report["nps"], report["csat"], report["ces"], report["fcr"]
    frt, resolution, sla = report["first_response_time"], report["resolution_time"], report["sla"]
    nps_text = (
        "—" if nps["value"] is None else f"{nps['value']:+.0f} ±{nps['value'] - nps['ci95'][0]:.0f}"
    )
    return [
        f"{report['volume']:,}",
        f"{nps_text} (n={nps['n']})",
        f"{_pct(csat['value'])} (n={csat['n']})",
        f"{_pct(ces['pct_easy'])} (n={ces['n']})",
        f"{_pct(fcr['value'])} (n={fcr['n']})",
        f"{_seconds(frt['median_s'])} / {_seconds(frt['p90_s'])}",
        f"{_seconds(resolution['median_s'])} / {_seconds(resolution['p90_s'])}",
        f"{_pct(sla['first_response_met'])} / {_pct(sla['resolution_met'])}",
    ]


HEADERS = ["volume", "NPS ±95%", "CSAT", "CES easy", "FCR", "1st response med/p90",
           "resolution med/p90", "SLA 1st/resol."]  # fmt: skip


def _title(report: dict[str, Any]) -> str:
    period = report["period"]
    title = f"{period['since']} → {period['until']} ({period['days']} days)"
    if report["filters"]:
        title += " — " + ", ".join(f"{k}={v}" for k, v in report["filters"].items())
    return title + (" — business hours" if report["business_hours"] else "")


def _print_overall(report: dict[str, Any]) -> None:
    rows = [[h, v] for h, v in zip(HEADERS, _row(report), strict=True)]
    kept = report.get("retention")
    if kept is not None:
        rows.append(["retention / churn", f"{_pct(kept['value'])} / {_pct(kept['churn'])}"])
    print_table(["metric", "value"], rows, title=_title(report))


def _print_groups(report: dict[str, Any]) -> None:
    rows = [[_key(g), *_row(g)] for g in report["groups"]]
    print_table([report["by"], *HEADERS], rows, title=_title(report))
    if any(g["small_sample"] for g in report["groups"]):
        typer.echo("* fewer interactions than the minimum n: not to be compared or ranked")


def _key(group: dict[str, Any]) -> str:
    key = "(none)" if group["key"] is None else str(group["key"])
    return key + (" *" if group["small_sample"] else "")


def _print_comparison(result: dict[str, Any], a: str, b: str) -> None:
    rows = []
    for name, difference in result["differences"].items():
        value = difference["difference"]
        if value is None:
            rows.append([name, "—", "—", "not enough data"])
            continue
        low, high = difference["ci95"]
        verdict = "significant" if difference["significant"] else "not significant"
        p_value = difference.get("p_value")
        if p_value is not None:
            verdict += f" (p = {p_value:.3f})"
        rows.append([name, f"{value:+.1f}", f"[{low:+.1f}, {high:+.1f}]", verdict])
    print_table(["metric", "A − B", "95% interval", ""], rows, title=f"A: {a}   B: {b}")
