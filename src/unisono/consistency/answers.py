"""The answers themselves: how far the replies given for a contact reason are from the approved
answer, and from each other.

Replies are sampled: at most ``per_group`` interactions per reason × channel × team × agent,
chosen by a fixed hash of their id (the same sample every time), among those in the bible's
language. Each interaction's agent messages make one text; texts and approved answers (facts,
company and names filled, as the audit fills them) become TF-IDF vectors (scikit-learn: words
hashed into 2^20 features, accents and case folded, sublinear counts). Two values per reply,
in points (0–100):

- ``answer_distance`` = 100·(1 − cos(reply, approved answer for its channel)), where there is one;
- ``answer_spread`` = 100·(1 − cos(reply, the common answer)), the common answer being the
  normalised mean of the sampled replies for the same reason on the same channel.

Both are compared between the teams and agents of a channel only: the bible gives each channel
its own approved answer, and a phone transcript is not worded like an e-mail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from unisono.audit import models as audit
from unisono.audit.checks.answers import approved_answer
from unisono.audit.checks.base import AuditContext
from unisono.audit.context import RulesCache, standards_of
from unisono.bible import models as bible
from unisono.consistency.cells import CellBuilder, Keys
from unisono.consistency.sources import Window, opened_seconds
from unisono.core.db import in_chunks
from unisono.interactions import models as hub
from unisono.interactions.standards import applicable_versions_query
from unisono.language.text import fold

PER_GROUP = 30
Floats = NDArray[Any]  # floating-point values


@dataclass(frozen=True)
class Replies:
    """The sampled replies, their cells, approved answers and distances."""

    interactions: list[str]  # external ids
    agents: list[str | None]
    keys: Keys
    texts: list[str]
    approved: list[str | None]
    distance: Floats  # from the approved answer (nan: none for the channel)
    spread: Floats  # from the reason's common answer

    @property
    def size(self) -> int:
        """How many replies."""
        return len(self.texts)


def _sample_query(window: Window, per_group: int, language: str) -> Select[*tuple[Any, ...]]:
    """At most ``per_group`` analysed interactions in ``language`` per cell, by a fixed hash
    of their id."""
    interaction = hub.Interaction
    opened = opened_seconds()
    cell = (
        interaction.reason_id,
        interaction.channel_id,
        interaction.team_id,
        interaction.agent_id,
    )
    rank = func.row_number().over(
        partition_by=cell, order_by=((interaction.id * 7919) % 10007, interaction.id)
    )
    ranked = (
        select(interaction.id, rank.label("rank"))
        .join(audit.Analysis, audit.Analysis.interaction_id == interaction.id)
        .where(audit.Analysis.language == language)
        .where(opened >= window.low, opened < window.high)
        .where(interaction.reason_id.is_not(None), interaction.agent_id.is_not(None))
        .subquery()
    )
    sampled = select(ranked.c.id).where(ranked.c.rank <= per_group)
    return (
        select(
            interaction.id,
            interaction.external_id,
            interaction.reason_id,
            interaction.channel_id,
            interaction.team_id,
            interaction.agent_id,
            opened.label("opened"),
            interaction.messages,
            hub.Agent.external_id,
        )
        .join(hub.Agent, hub.Agent.id == interaction.agent_id)
        .where(interaction.id.in_(sampled))
        .order_by(interaction.id)
    )


def sample_replies(
    session: Session, window: Window, builder: CellBuilder, *, per_group: int, language: str
) -> Replies:
    """The sampled replies in the bible's language, with their distances."""
    rows = [
        row
        for row in session.execute(_sample_query(window, per_group, language))
        if any(m.get("from") == "agent" for m in row.messages)
    ]
    if not rows:
        empty = np.zeros(0)
        return Replies([], [], Keys.of([], [], [], []), [], [], empty, empty)
    approved = _approved_answers(session, rows)
    reasons = {name: code for code, name in enumerate(builder.reasons)}
    channels = {name: code for code, name in enumerate(builder.channels)}
    keys = Keys.of(
        [reasons.get(row.reason_id, -1) for row in rows],
        [channels.get(row.channel_id, -1) for row in rows],
        [-1 if row.team_id is None else row.team_id for row in rows],
        [row.agent_id for row in rows],
    )
    texts = ["\n".join(m["text"] for m in row.messages if m.get("from") == "agent") for row in rows]
    distance, spread = _distances(
        texts, approved, keys.reason * (int(keys.channel.max()) + 1) + keys.channel
    )
    return Replies(
        [row.external_id for row in rows],
        [row[8] for row in rows],
        keys,
        texts,
        approved,
        distance,
        spread,
    )


def _approved_answers(session: Session, rows: list[Any]) -> list[str | None]:
    """Each interaction's approved answer for its channel, from the standard versions that
    applied to it (computed once per reason, channel and set of versions)."""
    applied = _applied_versions(session, rows)
    cache = RulesCache()
    cache.load(session, {v for versions in applied.values() for v in versions})
    known: dict[tuple[Any, ...], str | None] = {}
    answers = []
    for row in rows:
        versions = sorted(applied.get(row.id, []))
        bible = cache.bible_at(row.opened)
        key = (row.reason_id, row.channel_id, tuple(versions), id(bible))
        if key not in known:
            context = AuditContext(
                interaction_id="",
                channel=row.channel_id,
                reason=row.reason_id,
                language=bible.language,
                messages=(),
                standards=standards_of(cache, versions, row.reason_id),
                bible=bible,
                opened_at=dt.datetime.fromtimestamp(row.opened, dt.UTC),
            )
            found = approved_answer(context)
            known[key] = None if found is None else found[1]
        answers.append(known[key])
    return answers


def _applied_versions(session: Session, rows: list[Any]) -> dict[int, list[int]]:
    """The standard versions that applied to each interaction (by row id). They depend on its
    reason, its channel and which versions' validity dates it opened after, nothing else
    (``applicable_versions_query``): they are read for one interaction of each such class."""
    version = bible.StandardVersion
    dates = {
        int(moment.timestamp())
        for pair in session.execute(select(version.valid_from, version.valid_to))
        for moment in pair
        if moment is not None
    }
    periods = np.searchsorted(sorted(dates), [row.opened for row in rows], side="right")
    classes: dict[tuple[Any, ...], list[int]] = {}
    for row, period in zip(rows, periods.tolist(), strict=True):
        classes.setdefault((row.reason_id, row.channel_id, period), []).append(row.id)
    members = {ids[0]: ids for ids in classes.values()}
    applied: dict[int, list[int]] = {}
    for chunk in in_chunks(list(members)):
        query = applicable_versions_query().where(hub.Interaction.id.in_(chunk))
        for interaction_id, version_id in session.execute(query):
            for member in members[interaction_id]:
                applied.setdefault(member, []).append(version_id)
    return applied


def _distances(
    texts: list[str], approved: list[str | None], pair: NDArray[np.int64]
) -> tuple[Floats, Floats]:
    # imported here, not at the top: SciPy and scikit-learn add seconds to every command
    from scipy import sparse  # noqa: PLC0415
    from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer  # noqa: PLC0415
    from sklearn.preprocessing import normalize  # noqa: PLC0415

    answers = sorted({a for a in approved if a is not None})
    # hashed words and pairs of words: no vocabulary held in memory (a dict of every pair of
    # words of 30,000 replies takes a gigabyte), collisions among 2^20 slots are negligible
    counts = HashingVectorizer(
        preprocessor=fold,
        ngram_range=(1, 2),
        n_features=2**20,
        alternate_sign=False,
        norm=None,
        dtype=np.float32,
    ).transform(texts + answers)
    vectors = TfidfTransformer(sublinear_tf=True).fit_transform(counts)
    replies, targets = vectors[: len(texts)], vectors[len(texts) :]
    distance = np.full(len(texts), np.nan)
    if answers:
        position = {answer: index for index, answer in enumerate(answers)}
        has = np.array([a is not None for a in approved])
        rows = np.array([position[a] for a in approved if a is not None], dtype=np.int64)
        distance[has] = 100 * (1 - _cosines(replies[has], targets, rows))
    codes, inverse = np.unique(pair, return_inverse=True)  # the common answer of each
    # reason on each channel
    means = sparse.csr_matrix(
        (np.ones(len(texts)), (inverse, np.arange(len(texts)))), shape=(codes.size, len(texts))
    )
    common = normalize(means @ replies)
    spread = 100 * (1 - _cosines(replies, common, inverse.ravel()))
    return distance, spread


def _cosines(vectors: Any, targets: Any, chosen: NDArray[np.int64]) -> Floats:
    """The cosine of each of ``vectors`` with its ``chosen`` row of ``targets`` (all
    L2-normalised): the vectors of each target times that target alone — a product with every
    target would pair each word of a reply with every common answer holding it, and gathering
    each vector's target row would copy the dense common answers once per reply."""
    found = np.empty(chosen.size)
    for target in np.unique(chosen):
        rows = np.flatnonzero(chosen == target)
        found[rows] = (vectors[rows] @ targets[target].T).toarray().ravel()
    clipped: Floats = np.clip(found, 0, 1)
    return clipped


def add_answers(builder: CellBuilder, replies: Replies) -> None:
    """The replies' two distances, into the cell table."""
    if replies.size:
        builder.add_values("answer_distance", replies.keys, replies.distance)
        builder.add_values("answer_spread", replies.keys, replies.spread)
