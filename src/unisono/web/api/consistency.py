"""REST endpoints for the consistency index (the same as `unisono consistency --json`) and its
heat maps."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, status

from unisono.consistency.answers import PER_GROUP
from unisono.consistency.divergences import FDR
from unisono.consistency.service import (
    BOOTSTRAP_RUNS,
    ConsistencyQuery,
    consistency,
    heatmap_only,
)
from unisono.metrics.compute import MIN_N
from unisono.web.deps import DbSession, Principal, Require

router = APIRouter(tags=["consistency"])
Reader = Annotated[Principal, Depends(Require("consistency.read"))]


@router.get("/consistency")
def read(  # noqa: PLR0917 - each setting is a query parameter
    session: DbSession,
    _: Reader,
    since: dt.date | None = None,
    until: dt.date | None = None,
    reason: str | None = None,
    fdr: Annotated[float, Query(gt=0, lt=1)] = FDR,
    min_n: Annotated[int, Query(ge=2)] = MIN_N,
    limit: Annotated[int, Query(ge=0)] = 20,
    answers: Annotated[int, Query(ge=1)] = PER_GROUP,
    bootstrap: Annotated[int, Query(ge=0, le=2000)] = BOOTSTRAP_RUNS,
) -> dict[str, Any]:
    """The consistency index, divergences with evidence, and heat maps (docs/consistency.md)."""
    query = ConsistencyQuery(since, until, reason, fdr, min_n, limit, answers, bootstrap)
    try:
        return consistency(session=session, query=query)
    except ValueError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from None


@router.get("/consistency/heatmap/{dimension}")
def heatmap(  # noqa: PLR0917 - each setting is a query parameter
    dimension: Literal["channel", "team"],
    session: DbSession,
    _: Reader,
    since: dt.date | None = None,
    until: dt.date | None = None,
    reason: str | None = None,
    min_n: Annotated[int, Query(ge=2)] = MIN_N,
) -> dict[str, Any]:
    """One heat map: contact reason × channel or × team."""
    query = ConsistencyQuery(since, until, reason, min_n=min_n)
    try:
        return heatmap_only(session=session, query=query, dimension=dimension)
    except ValueError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from None
