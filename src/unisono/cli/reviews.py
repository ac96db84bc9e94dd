"""``unisono review …``: auditors' reviews on the scorecard, agents' disputes, the sample to
review, and how well the automatic audit agrees with the auditors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from sqlalchemy.orm import Session

from unisono.cli.options import (
    DbOption,
    JsonOption,
    database_session,
    fail,
    print_json,
    print_table,
)
from unisono.core.clock import utcnow
from unisono.reviews import queries, sampling, service
from unisono.reviews.models import DECISIONS, PURPOSES, STATUSES

app = typer.Typer(help="Reviews: score interactions, dispute, decide, sample, agreement.")

ReviewId = Annotated[int, typer.Argument(help="The review's number.", show_default=False)]
Auditor = Annotated[str, typer.Option("--auditor", help="The auditor's login.", show_default=False)]
Assignments = Annotated[
    list[str] | None,
    typer.Option("--set", help="criterion=value (0 to 1, or na); repeat for each criterion."),
]
NOT_APPLICABLE = ("na", "n/a", "none", "null")


def parse_values(items: list[str] | None, option: str = "--set") -> dict[str, float | None]:
    """``criterion=value`` pairs; ``na`` means not applicable."""
    values: dict[str, float | None] = {}
    for item in items or []:
        name, sep, raw = item.partition("=")
        if not sep or not name.strip():
            fail(f"{option} {item!r}: write criterion=value")
        text = raw.strip().lower().replace(",", ".")
        if text in NOT_APPLICABLE:
            values[name.strip()] = None
            continue
        try:
            values[name.strip()] = float(text)
        except ValueError:
            fail(f"{option} {item!r}: the value is a number between 0 and 1, or na")
    return values


def parse_reasons(items: list[str] | None) -> dict[str, str]:
    """``criterion=why`` pairs."""
    reasons = {}
    for item in items or []:
        name, sep, text = item.partition("=")
        if not sep or not name.strip():
            fail(f"--reason {item!r}: write criterion=why")
        reasons[name.strip()] = text
    return reasons


@contextmanager
def reviewing(db: str | None) -> Iterator[Session]:
    """A session where a refused step stops the command with its reason (nothing written)."""
    with database_session(db) as session:
        try:
            yield session
        except (service.ReviewNotFoundError, ValueError) as error:
            session.rollback()
            fail(str(error))


def _show(session: Session, review: Any, as_json: bool) -> None:
    shape = queries.review_shape(session, review)
    if as_json:
        print_json(shape)
        return
    typer.echo(
        f"Review #{shape['id']} of {shape['interaction_id']} ({shape['agent']}, "
        f"{shape['channel']}, {shape['reason']}) by {shape['auditor']} — {shape['purpose']}, "
        f"{shape['status']}; score {_score(shape['score'])} (without critical fails "
        f"{_score(shape['score_without_critical'])})"
    )
    print_table(
        ["criterion", "weight", "automatic", "value", "source", "reason"],
        [
            [
                c["id"] + (" (critical)" if c["critical"] else ""),
                f"{c['weight']:g}",
                _value(c["automatic"]),
                "—" if c["source"] == "pending" else _value(c["value"]),
                c["source"],
                c["reason"] or "",
            ]
            for c in shape["criteria"]
        ],
    )
    for dispute in shape["disputes"]:
        typer.echo(
            f"dispute #{dispute['id']} by {dispute['agent']}: {dispute['reason']} — "
            f"{dispute['decision'] or 'open'}"
            + (f" by {dispute['decided_by']}" if dispute["decided_by"] else "")
        )
    for event in shape["trail"]:
        typer.echo(f"  {event['at']:%Y-%m-%d %H:%M} {event['actor']}: {event['action']}")


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _value(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


def _run(db: str | None, as_json: bool, step: Callable[[Session], Any]) -> None:
    with reviewing(db) as session:
        review = step(session)
        session.flush()
        _show(session, review, as_json)


@app.command("start")
def start(
    interaction: Annotated[str, typer.Argument(help="The interaction's id.", show_default=False)],
    auditor: Auditor,
    scorecard: Annotated[str | None, typer.Option(help="The scorecard (its standard id).")] = None,
    calibration_name: Annotated[
        str | None,
        typer.Option("--calibration", help="Score it in this calibration session (blind)."),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Start reviewing an interaction: the automatic criteria come prefilled."""

    _run(
        db,
        as_json,
        lambda s: service.start_review(
            session=s,
            interaction=interaction,
            auditor=auditor,
            now=utcnow(),
            scorecard=scorecard,
            calibration=calibration_name,
        ),
    )


@app.command("score")
def score(
    review: ReviewId,
    auditor: Auditor,
    values: Assignments = None,
    reason: Annotated[
        list[str] | None,
        typer.Option(help="criterion=why, when departing from the automatic value."),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Score criteria (0 to 1, or na); say why when departing from the automatic value."""
    parsed, reasons = parse_values(values), parse_reasons(reason)
    if not parsed:
        fail("nothing to score: give --set criterion=value")
    _run(
        db,
        as_json,
        lambda s: service.score_review(
            session=s, review_id=review, actor=auditor, values=parsed, reasons=reasons, now=utcnow()
        ),
    )


@app.command("submit")
def submit(
    review: ReviewId, auditor: Auditor, db: DbOption = None, as_json: JsonOption = False
) -> None:
    """Submit a review once every criterion is scored (or n/a)."""
    _run(
        db,
        as_json,
        lambda s: service.submit_review(session=s, review_id=review, actor=auditor, now=utcnow()),
    )


@app.command("show")
def show(review: ReviewId, db: DbOption = None, as_json: JsonOption = False) -> None:
    """A review: its criteria, disputes and trail."""
    _run(db, as_json, lambda s: service.get_review(session=s, review_id=review))


@app.command("dispute")
def dispute(
    review: ReviewId,
    agent: Annotated[
        str, typer.Option(help="The agent's login (the interaction's agent).", show_default=False)
    ],
    reason: Annotated[str, typer.Option(help="Why the review is disputed.", show_default=False)],
    propose: Annotated[
        list[str] | None, typer.Option(help="criterion=value proposed instead; repeat.")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Dispute a submitted review (the interaction's agent)."""
    proposed = parse_values(propose, "--propose")

    def step(session: Session) -> Any:
        service.dispute_review(
            session=session,
            review_id=review,
            agent=agent,
            reason=reason,
            proposed=proposed,
            now=utcnow(),
        )
        return service.get_review(session=session, review_id=review)

    _run(db, as_json, step)


@app.command("decide")
def decide(
    review: ReviewId,
    by: Annotated[
        str,
        typer.Option("--by", help="Who decides (not the agent who disputed).", show_default=False),
    ],
    decision: Annotated[
        str, typer.Option(help=f"One of {', '.join(DECISIONS)}.", show_default=False)
    ],
    values: Assignments = None,
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Decide a dispute: accepted (its values apply), partial (--set the ones kept) or
    rejected (the scores are locked)."""
    parsed = parse_values(values)
    _run(
        db,
        as_json,
        lambda s: service.decide_dispute(
            session=s,
            review_id=review,
            decider=by,
            decision=decision,
            now=utcnow(),
            values=parsed,
            note=note,
        ),
    )


@app.command("list")
def list_(
    auditor: Annotated[str | None, typer.Option(help="Only this auditor's reviews.")] = None,
    agent: Annotated[
        str | None, typer.Option(help="Only reviews of this agent's interactions.")
    ] = None,
    status: Annotated[str | None, typer.Option(help=f"One of {', '.join(STATUSES)}.")] = None,
    purpose: Annotated[str | None, typer.Option(help=f"One of {', '.join(PURPOSES)}.")] = None,
    calibration_name: Annotated[
        str | None, typer.Option("--calibration", help="Only this calibration session.")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many (0: all).", min=0)] = 100,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Reviews, newest first."""
    for name, value, allowed in (("--status", status, STATUSES), ("--purpose", purpose, PURPOSES)):
        if value is not None and value not in allowed:
            fail(f"{name} {value!r}: choose one of {', '.join(allowed)}")
    filters = queries.ReviewFilters(
        auditor, agent, status, purpose, calibration_name, limit or None
    )
    with reviewing(db) as session:
        rows = queries.list_reviews(session=session, filters=filters)
    if as_json:
        print_json(rows)
        return
    print_table(
        [
            "review",
            "interaction",
            "agent",
            "channel",
            "reason",
            "auditor",
            "status",
            "score",
            "sample",
        ],
        [
            [
                str(r["id"]),
                r["interaction_id"],
                r["agent"] or "",
                r["channel"],
                r["reason"] or "",
                r["auditor"],
                r["status"],
                _score(r["score"]),
                r["sample"] or "",
            ]
            for r in rows
        ],
    )


@app.command("sample")
def sample(
    since: Annotated[
        dt.datetime | None, typer.Option(help="First day (default: 30 days before the last).")
    ] = None,
    until: Annotated[
        dt.datetime | None, typer.Option(help="Last day (default: the last with interactions).")
    ] = None,
    per_agent: Annotated[
        int, typer.Option(help="Interactions per agent (the same for all).", min=0)
    ] = 5,
    spotlight: Annotated[
        list[str] | None,
        typer.Option(help="Also a spotlight (low_csat, contradictions, negative_sentiment)."),
    ] = None,
    per_spotlight: Annotated[int, typer.Option(help="Interactions per spotlight.", min=0)] = 10,
    seed: Annotated[int | None, typer.Option(help="For the same sample again.")] = None,
    assign: Annotated[
        str | None, typer.Option(help="Start a review of each for this auditor.")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """A fair sample to review: the same quota per agent, spread over their channels and
    reasons, and spotlights."""
    request = sampling.SampleRequest(
        since.date() if since else None,
        until.date() if until else None,
        per_agent,
        tuple(spotlight or ()),
        per_spotlight,
        seed,
    )
    with reviewing(db) as session:
        result = sampling.draw(session=session, request=request, assign_to=assign, now=utcnow())
    if as_json:
        print_json(result)
        return
    period = result["period"]
    typer.echo(
        f"{len(result['picks'])} interactions to review ({period['since']} to {period['until']}, "
        f"{result['agents']} agents, {result['per_agent']} each)"
    )
    print_table(
        ["interaction", "agent", "team", "channel", "reason", "why"],
        [
            [
                p["interaction_id"],
                p["agent"],
                p["team"] or "",
                p["channel"],
                p["reason"] or "",
                p["why"],
            ]
            for p in result["picks"]
        ],
    )
    if result["reviews"]:
        typer.echo(f"{len(result['reviews'])} reviews started for {result['assigned_to']}")
