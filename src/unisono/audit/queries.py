"""Reading the audit back: findings in the contract shape, and IQS (the mean QA score) per
group, computed in the database."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, Select, case, func, literal, select, type_coerce, union_all
from sqlalchemy.orm import Session

from unisono.accounts.permissions import DataScope
from unisono.audit import models
from unisono.interactions import models as hub
from unisono.interactions.search import scoped
from unisono.metrics import rollups
from unisono.metrics.calendar import day_number
from unisono.metrics.stats import Z95


@dataclass(frozen=True)
class FindingFilters:
    """Which findings to list."""

    interaction: str | None = None
    kind: str | None = None
    agent: str | None = None
    standard: str | None = None
    limit: int | None = 100


def findings(*, session: Session, filters: FindingFilters) -> list[dict[str, Any]]:
    """Findings, newest interactions first, in the shape of `audit --json` (PRODUCT.md)."""
    finding, interaction = models.Finding, hub.Interaction
    query = (
        select(finding, interaction.external_id)
        .join(interaction, interaction.id == finding.interaction_id)
        .order_by(interaction.opened_at.desc(), finding.id)
    )
    if filters.interaction is not None:
        query = query.where(interaction.external_id == filters.interaction)
    if filters.kind is not None:
        query = query.where(finding.kind == filters.kind)
    if filters.standard is not None:
        query = query.where(finding.standard_id == filters.standard)
    if filters.agent is not None:
        query = query.join(hub.Agent, hub.Agent.id == interaction.agent_id).where(
            hub.Agent.external_id == filters.agent
        )
    if filters.limit:
        query = query.limit(filters.limit)
    return [_shape(row, external_id) for row, external_id in session.execute(query)]


def _shape(row: models.Finding, external_id: str) -> dict[str, Any]:
    return {
        "interaction_id": external_id,
        "kind": row.kind,
        "standard_id": row.standard_id,
        "standard_version": row.standard_version,
        "evidence": row.evidence,
        "expected": row.expected,
        "found": row.found,
        "message": row.message,
        "start": row.start,
        "end": row.end,
        "detail": row.detail,
    }


def quality(
    *, session: Session, by: str | None, since: dt.date | None, until: dt.date | None,
    scope: DataScope | None = None,
) -> dict[str, Any]:  # fmt: skip
    """IQS per group: the mean QA score, its 95% interval, the mean without critical fails,
    and how many interactions failed a critical criterion (of those ``scope`` sees)."""
    score, interaction = models.QaScore, hub.Interaction
    opened = type_coerce(interaction.opened_at, BigInteger)
    key, query = _grouped(session, by, opened, since, until)
    if scope is not None:
        query = scoped(query, scope)
    query = (
        query.add_columns(
            func.count(score.score),
            func.avg(score.score),
            func.avg(score.score * score.score),
            func.avg(score.score_without_critical),
            func.sum(case((score.critical_failed, 1), else_=0)),
        )
        .where(score.score.is_not(None))
        .group_by(key)
        .order_by(key)
    )
    groups = []
    for row in session.execute(query):
        group_key, n, mean, squares, without, critical = row
        groups.append(
            {
                "key": group_key,
                "n": n,
                "iqs": mean,
                "iqs_ci95": _interval(mean, squares, n),
                "iqs_without_critical": without,
                "critical_failed": int(critical or 0),
            }
        )
    return {"by": by, "groups": groups}


def _grouped(
    session: Session, by: str | None, opened: Any, since: dt.date | None, until: dt.date | None
) -> tuple[Any, Select[Any]]:
    score, interaction = models.QaScore, hub.Interaction
    query = select().select_from(score).join(interaction, interaction.id == score.interaction_id)
    context = rollups.context(session.connection())
    if context is not None and since is not None:
        query = query.where(opened >= context.calendar.midnight(day_number(since)))
    if context is not None and until is not None:
        query = query.where(opened < context.calendar.midnight(day_number(until) + 1))
    if by == "agent":
        query = query.join(hub.Agent, hub.Agent.id == interaction.agent_id)
        return hub.Agent.external_id, query.add_columns(hub.Agent.external_id)
    if by == "team":
        query = query.join(hub.Team, hub.Team.id == interaction.team_id)
        return hub.Team.name, query.add_columns(hub.Team.name)
    if by in ("channel", "reason"):
        column = interaction.channel_id if by == "channel" else interaction.reason_id
        return column, query.add_columns(column)
    if by == "month":
        months = _months(session, opened)
        query = query.join(months, (opened >= months.c.start) & (opened < months.c.end))
        return months.c.month, query.add_columns(months.c.month)
    return score.scorecard, query.add_columns(score.scorecard)


def _months(session: Session, opened: Any) -> Any:
    """A table of the months the scored interactions fall in, with their bounds in epoch
    seconds in the bible's time zone."""
    context = rollups.context(session.connection())
    bounds = session.execute(select(func.min(opened), func.max(opened))).one()
    calendar = context.calendar if context else None
    first = dt.datetime.fromtimestamp(bounds[0] or 0, dt.UTC).date().replace(day=1)
    last = dt.datetime.fromtimestamp(bounds[1] or 0, dt.UTC).date()
    rows, month = [], first
    while month <= last:
        following = (month + dt.timedelta(days=32)).replace(day=1)
        start, end = (
            calendar.midnight(day_number(d)) if calendar else 0 for d in (month, following)
        )
        rows.append(
            select(
                literal(month.strftime("%Y-%m")).label("month"),
                literal(start).label("start"),
                literal(end).label("end"),
            )
        )
        month = following
    return union_all(*rows).subquery("months")


def _interval(mean: float | None, squares: float | None, n: int) -> list[float] | None:
    if mean is None or squares is None or n < 2:
        return None
    variance = max(squares - mean * mean, 0.0) * n / (n - 1)
    half = Z95 * math.sqrt(variance / n)
    return [mean - half, mean + half]
