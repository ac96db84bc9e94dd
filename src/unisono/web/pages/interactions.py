"""The interactions' pages: search with filters, one interaction with its findings in the text,
and a customer's timeline across channels (customer 360)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import HTMLResponse

from unisono.audit.checks.base import KINDS
from unisono.bible import queries as bible
from unisono.bible.export import standard_view
from unisono.interactions.detail import interaction_detail
from unisono.interactions.queries import customer_timeline
from unisono.interactions.search import SearchFilters, people, period_bounds, search
from unisono.interactions.standards import specificity
from unisono.language.sentiment import SIGNALS
from unisono.reviews.queries import ReviewFilters, list_reviews, within
from unisono.web.deps import DbSession, Principal, Require
from unisono.web.highlight import conversation
from unisono.web.templating import render

router = APIRouter(include_in_schema=False)
Reader = Annotated[Principal, Depends(Require("interactions.read"))]
CustomerReader = Annotated[Principal, Depends(Require("customers.read"))]
FILTERS = (
    "channel",
    "team",
    "agent",
    "reason",
    "since",
    "until",
    "finding",
    "min_score",
    "max_score",
    "q",
    "sentiment",
    "signal",
    "origin",
)
MOODS = {"negative": -1, "neutral": 0, "positive": 1}
ORIGINS = ("record", "classified")


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


@router.get("/interactions", response_class=HTMLResponse)
def list_(request: Request, session: DbSession, reader: Reader, page: int = 1) -> HTMLResponse:
    """Interactions matching the filters of the address, newest first, a page at a time."""
    asked = {name: request.query_params.get(name, "").strip() for name in FILTERS}
    since, until = period_bounds(
        session=session, since=_date(asked["since"]), until=_date(asked["until"])
    )
    filters = SearchFilters(
        channel=asked["channel"] or None,
        team=asked["team"] or None,
        agent=asked["agent"] or None,
        reason=asked["reason"] or None,
        since=since,
        until=until,
        finding=asked["finding"] or None,
        min_score=_number(asked["min_score"]),
        max_score=_number(asked["max_score"]),
        text=asked["q"] or None,
        sentiment=MOODS.get(asked["sentiment"]),
        signal=asked["signal"] if asked["signal"] in SIGNALS else None,
        reason_origin=asked["origin"] if asked["origin"] in ORIGINS else None,
    )
    results = search(session=session, filters=filters, scope=reader.scope, page=page)
    teams, agents = people(session=session, scope=reader.scope)
    return render(
        request,
        session,
        reader,
        "interactions/list.html.j2",
        current="interactions",
        results=results,
        asked=asked,
        teams=teams,
        agents=agents,
        kinds=KINDS,
        moods=MOODS,
        signals=SIGNALS,
        origins=ORIGINS,
        channels={c.id: c.label for c in bible.active_channels(session=session)},
        reasons=bible.active_reasons(session=session),
        query={k: v for k, v in asked.items() if v},
    )


@router.get("/interactions/{interaction_id}", response_class=HTMLResponse)
def show(interaction_id: str, request: Request, session: DbSession, reader: Reader) -> HTMLResponse:
    """The conversation with its findings highlighted, the standards beside it, the surveys."""
    detail = interaction_detail(session=session, external_id=interaction_id, scope=reader.scope)
    if detail is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no interaction {interaction_id!r}")
    views = [  # the most specific first: its targets and approved answer are the ones that count
        standard_view(session=session, version=v, language=reader.language)
        for v in sorted(detail.standards, key=lambda v: specificity(
            section=v.section, reasons=[r.reason_id for r in v.reasons],
            standard_id=v.standard_id, reason=detail.interaction.reason_id,
        ))
    ]  # fmt: skip
    shared = within(ReviewFilters(interaction=interaction_id, purpose="evaluation"), reader.scope)
    reviews = [] if shared is None else list_reviews(session=session, filters=shared)
    return render(
        request,
        session,
        reader,
        "interactions/detail.html.j2",
        current="interactions",
        detail=detail,
        row=detail.interaction,
        messages=conversation(detail),
        standards=views,
        channels={c.id: c.label for c in bible.active_channels(session=session)},
        reasons={r.id: r.label for r in bible.active_reasons(session=session)},
        raised=[n for n in SIGNALS if detail.reading and getattr(detail.reading, n)],
        reviews=reviews,
        my_review=next((r for r in reviews if r["auditor"] == reader.name), None),
    )


@router.get("/customers/{customer_id}", response_class=HTMLResponse)
def customer(
    customer_id: str, request: Request, session: DbSession, reader: CustomerReader
) -> HTMLResponse:
    """One customer's interactions on every channel, oldest first, repeat contacts marked."""
    timeline = customer_timeline(session=session, customer_id=customer_id, scope=reader.scope)
    if timeline is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no customer {customer_id!r}")
    return render(
        request,
        session,
        reader,
        "interactions/customer.html.j2",
        current="interactions",
        timeline=timeline,
        channels={c.id: c.label for c in bible.active_channels(session=session)},
    )
