"""The consistency page: the index with its interval and where its points are lost, the heat
maps reason × channel and reason × team, and the divergences with their evidence — from the
report kept at the end of the last analysis (docs/consistency.md, "In the web app")."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from unisono.accounts.permissions import DataScope
from unisono.bible.queries import active_channels
from unisono.consistency.store import compute_and_keep, kept_report, readiness
from unisono.core.clock import utcnow
from unisono.interactions import models as hub
from unisono.interactions.search import scoped
from unisono.web.charts import heatmap_table
from unisono.web.deps import DbSession, Principal, Require
from unisono.web.templating import render

router = APIRouter(include_in_schema=False)
Reader = Annotated[Principal, Depends(Require("consistency.read"))]
Computer = Annotated[Principal, Depends(Require("consistency.compute"))]


def visible_examples(session: Session, report: dict[str, Any], scope: DataScope) -> set[str]:
    """The divergences' example interactions the reader may open (the others are quoted
    without a link)."""
    ids = {e["interaction_id"] for d in report["divergences"] for e in d["examples"]}
    if scope.everything or not ids:
        return ids
    query = scoped(select(hub.Interaction.external_id), scope)
    return set(session.scalars(query.where(hub.Interaction.external_id.in_(ids))))


@router.get("/consistency", response_class=HTMLResponse)
def show(request: Request, session: DbSession, reader: Reader) -> HTMLResponse:
    """The kept report, said to be out of date when the data changed since."""
    kept = kept_report(session=session)
    report = kept.report if kept else None
    return render(
        request, session, reader, "consistency.html.j2", current="consistency",
        kept=kept, report=report, ready=readiness(session=session),
        channel_labels={c.id: c.label for c in active_channels(session=session)},
        reason_labels={r["reason"]: r["label"] for r in report["reasons"]} if report else {},
        metric_labels={m["id"]: m["label"] for m in report["metrics"]} if report else {},
        heat_channels=heatmap_table(report["heatmaps"]["reason_channel"], "channel")
        if report else [],
        heat_teams=heatmap_table(report["heatmaps"]["reason_team"], "team") if report else [],
        linked=visible_examples(session, report, reader.scope) if report else set(),
        computed=request.query_params.get("computed"),
    )  # fmt: skip


@router.post("/consistency/compute")
def compute(session: DbSession, _: Computer) -> Response:
    """Compute the report again on the data as it is now (seconds on a large organisation)."""
    try:
        compute_and_keep(session=session, now=utcnow())
    except ValueError as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from None
    return RedirectResponse("/consistency?computed=1", status.HTTP_303_SEE_OTHER)
