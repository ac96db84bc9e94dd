"""The evidence of a divergence: example interactions of the group, with quotes — the wrong
facts it states (and how often), its lowest scores and the customers' comments, the replies
farthest from the approved answer. A few rows per divergence, read with small queries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import BigInteger, Select, select, type_coerce
from sqlalchemy.orm import Session

from unisono.audit import models as audit
from unisono.consistency.answers import Replies
from unisono.consistency.cells import Cells
from unisono.consistency.divergences import Comparison
from unisono.consistency.metrics import METRICS
from unisono.consistency.sources import Window, following_query, opened_seconds
from unisono.interactions import models as hub

EXAMPLES = 3
QUOTE_CHARS = 280
_FINDINGS_READ = 500  # the group's most recent contradictions looked at to find its habit


@dataclass(frozen=True)
class FactHabit:
    """The fact a group gets wrong most often, the value it states most, and how often."""

    fact: str
    expected: str | None
    found: str | None
    interactions: int
    share: float  # of the group's analysed interactions, in percent


@dataclass(frozen=True)
class Evidence:
    """Example interactions, and for wrong facts the group's habit."""

    examples: list[dict[str, Any]]
    habit: FactHabit | None = None


class Group:
    """The interactions of a compared group: its reason, channel, team and agent."""

    def __init__(self, comparison: Comparison, cells: Cells, window: Window) -> None:
        self.comparison = comparison
        self.reason = cells.reasons[comparison.reason]
        self.channel = cells.channels[comparison.channel]
        self.team = None if comparison.team < 0 else int(cells.team_ids[comparison.team])
        self.agent = None if comparison.agent < 0 else int(cells.agent_ids[comparison.agent])
        self.window = window

    def where(self, query: Select[*tuple[Any, ...]], rows: Any = None) -> Select[*tuple[Any, ...]]:
        """Only the group's interactions of the period (``rows``: a subquery of interactions
        with an ``opened`` column, instead of the interactions themselves)."""
        columns: Any = hub.Interaction if rows is None else rows.c
        opened = opened_seconds() if rows is None else columns.opened
        query = query.where(
            columns.reason_id == self.reason,
            columns.channel_id == self.channel,
            opened >= self.window.low,
            opened < self.window.high,
        )
        if self.team is not None:
            query = query.where(columns.team_id == self.team)
        if self.agent is not None:
            query = query.where(columns.agent_id == self.agent)
        return query


def gather(session: Session, group: Group, replies: Replies) -> Evidence:
    """The evidence for the divergence on the group's metric."""
    metric = METRICS[group.comparison.metric].id
    if metric == "fact_contradictions":
        return _contradictions(session, group)
    if metric in ("answer_distance", "answer_spread"):
        return Evidence(_far_replies(group, replies, metric))
    if metric in ("csat", "nps"):
        return Evidence(_surveys(session, group, metric))
    if metric == "qa_score":
        return Evidence(_low_scores(session, group))
    if metric == "resolution_time":
        return Evidence(_slowest(session, group))
    return Evidence(_followed(session, group, metric))


def _contradictions(session: Session, group: Group) -> Evidence:
    finding, interaction = audit.Finding, hub.Interaction
    query = group.where(
        select(
            finding.detail,
            finding.expected,
            finding.found,
            finding.evidence,
            interaction.external_id,
            hub.Agent.external_id,
        )
        .join(interaction, interaction.id == finding.interaction_id)
        .outerjoin(hub.Agent, hub.Agent.id == interaction.agent_id)
        .where(finding.kind == "fact_contradiction")
        .order_by(interaction.opened_at.desc(), finding.id)
        .limit(_FINDINGS_READ)
    )
    rows = session.execute(query).all()
    if not rows:
        return Evidence([])
    facts = Counter(str(row[0].get("fact")) for row in rows)
    fact = facts.most_common(1)[0][0]
    mine = [row for row in rows if str(row[0].get("fact")) == fact]
    found = Counter(row[2] for row in mine if row[2]).most_common(1)
    interactions = len({row[4] for row in mine})
    share = 100 * interactions / max(group.comparison.n, 1)
    habit = FactHabit(fact, mine[0][1], found[0][0] if found else None, interactions, share)
    examples = [
        {
            "interaction_id": row[4],
            "agent": row[5],
            "quote": _cut(row[3]),
            "expected": row[1],
            "found": row[2],
        }
        for row in mine[:EXAMPLES]
    ]
    return Evidence(examples, habit)


def _far_replies(group: Group, replies: Replies, metric: str) -> list[dict[str, Any]]:
    keys, comparison = replies.keys, group.comparison
    if not replies.size:
        return []
    wanted = (keys.reason == comparison.reason) & (keys.channel == comparison.channel)
    if group.team is not None:
        wanted &= keys.team == group.team
    if group.agent is not None:
        wanted &= keys.agent == group.agent
    values = replies.distance if metric == "answer_distance" else replies.spread
    index = np.flatnonzero(wanted & ~np.isnan(values))
    farthest = index[np.argsort(-values[index], kind="stable")][:EXAMPLES]
    return [
        {
            "interaction_id": replies.interactions[i],
            "agent": replies.agents[i],
            "quote": _cut(replies.texts[i]),
            "expected": _cut(replies.approved[i]),
            "value": round(float(values[i]), 1),
        }
        for i in farthest
    ]


def _surveys(session: Session, group: Group, kind: str) -> list[dict[str, Any]]:
    survey, interaction = hub.Survey, hub.Interaction
    query = group.where(
        select(interaction.external_id, hub.Agent.external_id, survey.score, survey.comment)
        .join(survey, survey.interaction_id == interaction.id)
        .outerjoin(hub.Agent, hub.Agent.id == interaction.agent_id)
        .where(survey.kind == kind)
        .order_by(survey.score, survey.comment.is_(None), interaction.id)
        .limit(EXAMPLES)
    )
    return [
        {"interaction_id": row[0], "agent": row[1], "value": row[2], "quote": _cut(row[3])}
        for row in session.execute(query)
    ]


def _low_scores(session: Session, group: Group) -> list[dict[str, Any]]:
    score, interaction = audit.QaScore, hub.Interaction
    query = group.where(
        select(interaction.id, interaction.external_id, hub.Agent.external_id, score.score)
        .join(score, score.interaction_id == interaction.id)
        .outerjoin(hub.Agent, hub.Agent.id == interaction.agent_id)
        .where(score.score.is_not(None))
        .order_by(score.score, interaction.id)
        .limit(EXAMPLES)
    )
    rows = session.execute(query).all()
    quotes = _first_findings(session, [row[0] for row in rows])
    return [
        {
            "interaction_id": row[1],
            "agent": row[2],
            "value": round(row[3], 1),
            "quote": quotes.get(row[0]),
        }
        for row in rows
    ]


def _first_findings(session: Session, ids: list[int]) -> dict[int, str]:
    finding = audit.Finding
    query = (
        select(finding.interaction_id, finding.evidence)
        .where(finding.interaction_id.in_(ids))
        .order_by(finding.id)
    )
    found: dict[int, str] = {}
    for interaction_id, evidence in session.execute(query):
        found.setdefault(interaction_id, _cut(evidence) or "")
    return found


def _slowest(session: Session, group: Group) -> list[dict[str, Any]]:
    interaction = hub.Interaction
    took = type_coerce(interaction.resolved_at, BigInteger) - opened_seconds()
    query = group.where(
        select(interaction.external_id, hub.Agent.external_id, took)
        .outerjoin(hub.Agent, hub.Agent.id == interaction.agent_id)
        .where(interaction.resolved_at.is_not(None))
        .order_by(took.desc(), interaction.id)
        .limit(EXAMPLES)
    )
    return [
        {"interaction_id": row[0], "agent": row[1], "value": int(row[2]), "quote": None}
        for row in session.execute(query)
    ]


def _followed(session: Session, group: Group, metric: str) -> list[dict[str, Any]]:
    """Interactions after which the customer came back (FCR), or was handed to another team."""
    rows = following_query(group.window).subquery()
    flag = rows.c.escalated if metric == "escalations" else rows.c.repeated
    query = group.where(select(rows.c.id).where(flag > 0).order_by(rows.c.id), rows)
    ids = list(session.scalars(query.limit(EXAMPLES)))
    interaction = hub.Interaction
    shown = (
        select(interaction.external_id, hub.Agent.external_id, interaction.messages)
        .outerjoin(hub.Agent, hub.Agent.id == interaction.agent_id)
        .where(interaction.id.in_(ids))
        .order_by(interaction.id)
    )
    return [
        {"interaction_id": row[0], "agent": row[1], "quote": _last_reply(row[2])}
        for row in session.execute(shown)
    ]


def _last_reply(messages: list[dict[str, Any]]) -> str | None:
    replies = [m["text"] for m in messages if m.get("from") == "agent"]
    return _cut(replies[-1]) if replies else None


def _cut(text: str | None) -> str | None:
    if text is None:
        return None
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"
