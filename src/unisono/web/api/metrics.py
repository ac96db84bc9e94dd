"""REST endpoints for metrics (the same as `unisono metrics --json`) and survey links."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from pydantic import BaseModel

from unisono.metrics.compute import MIN_N
from unisono.metrics.service import Filters, metrics, scoped_filters
from unisono.metrics.service import Query as MetricsQuery
from unisono.surveys.links import Invitation, make_link
from unisono.surveys.service import find_interaction
from unisono.web.deps import DbSession, Principal, Require

router = APIRouter(tags=["metrics"])
Reader = Annotated[Principal, Depends(Require("metrics.read"))]
Linker = Annotated[Principal, Depends(Require("surveys.link"))]
By = Literal["channel", "team", "agent", "reason", "stage", "day", "week", "month"]


@router.get("/metrics")
def read(  # noqa: PLR0917 - each filter is a query parameter
    session: DbSession,
    reader: Reader,
    by: By | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    channel: str | None = None,
    team: str | None = None,
    agent: str | None = None,
    reason: str | None = None,
    stage: str | None = None,
    business_hours: bool = False,
    min_n: Annotated[int, Query(ge=1)] = MIN_N,
    retention: bool = False,
) -> dict[str, Any]:
    """The metrics of a period (docs/metrics.md), overall or grouped."""
    filters = scoped_filters(Filters(channel, team, agent, reason, stage), reader.scope)
    query = MetricsQuery(since, until, by, filters,
                         business_hours, min_n, retention)  # fmt: skip
    try:
        return metrics(session=session, query=query)
    except ValueError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from None


class LinkRequest(BaseModel):
    """Which survey to ask."""

    kind: Literal["nps", "csat", "ces"]


@router.post("/interactions/{interaction_id}/survey-links", tags=["surveys"])
def survey_link(
    interaction_id: str, body: LinkRequest, request: Request, session: DbSession, _: Linker
) -> dict[str, str]:
    """A signed link to send the customer: it opens the survey page, answered once."""
    if find_interaction(session=session, external_id=interaction_id) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no interaction {interaction_id!r}")
    url = make_link(request.app.state.settings, Invitation(interaction_id, body.kind))
    return {"interaction": interaction_id, "kind": body.kind, "url": url}
