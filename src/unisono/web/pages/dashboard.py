"""The dashboard: the period's metrics with their intervals and trends, SLA breaches, the
audit's summary and the standards due for review."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from unisono.accounts.permissions import allowed
from unisono.bible.queries import active_channels
from unisono.consistency.store import kept_report, readiness
from unisono.core.clock import today
from unisono.dashboard.service import PERIODS, dashboard
from unisono.web.charts import trend_chart
from unisono.web.deps import DbSession, Principal, Require
from unisono.web.templating import render

router = APIRouter(include_in_schema=False)
Reader = Annotated[Principal, Depends(Require("dashboard.view"))]


@router.get("/", response_class=HTMLResponse)
def show(request: Request, session: DbSession, reader: Reader, days: int = 30) -> HTMLResponse:
    """The dashboard of the last ``days`` days with interactions (7, 30 or 90)."""
    days = days if days in PERIODS else 30
    board = dashboard(session=session, scope=reader.scope, days=days, today=today())
    consistent = allowed(reader.role, "consistency.read")
    return render(
        request,
        session,
        reader,
        "dashboard.html.j2",
        current="dashboard",
        board=board,
        periods=PERIODS,
        channel_labels={c.id: c.label for c in active_channels(session=session)},
        chart=trend_chart(board.weekly, reader.language),
        kept=kept_report(session=session) if consistent else None,
        ready=readiness(session=session) if consistent else None,
    )
