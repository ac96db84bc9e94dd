"""The consistency service: does the customer hear the same song whoever and wherever they ask?
The index per contact reason and overall with its interval and its sources, the divergences
ranked with their evidence, and the heat maps. Definitions: docs/consistency.md."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unisono.audit import models as audit
from unisono.bible import queries as bible_queries
from unisono.consistency import answers, evidence, heatmap, report, sources
from unisono.consistency.cells import CellBuilder, Cells
from unisono.consistency.divergences import FDR, Comparison, compare
from unisono.consistency.index import bootstrap, fit_all, score
from unisono.consistency.variance import Fit
from unisono.metrics import rollups
from unisono.metrics.calendar import day_of
from unisono.metrics.compute import MIN_N
from unisono.metrics.service import period_facts

BOOTSTRAP_RUNS = 200


@dataclass(frozen=True)
class ConsistencyQuery:
    """What to compute (defaults: the last 90 days with interactions, every reason)."""

    since: dt.date | None = None
    until: dt.date | None = None
    reason: str | None = None  # a reason and its sub-reasons
    fdr: float = FDR
    min_n: int = MIN_N
    limit: int = 20  # divergences listed with their evidence (0: all)
    answers_per_group: int = answers.PER_GROUP
    bootstrap: int = BOOTSTRAP_RUNS
    seed: int = 0


@dataclass(frozen=True)
class Computed:
    """Everything the report is made of."""

    first: int
    last: int
    cells: Cells
    fits: dict[int, Fit]
    window: sources.Window
    replies: answers.Replies
    analysed: int


def compute(session: Session, query: ConsistencyQuery) -> Computed:
    """The cell table of the period and every metric's variance components."""
    if not 0 < query.fdr < 1:
        raise ValueError(f"the false discovery rate must be between 0 and 1, not {query.fdr}")
    connection = session.connection()
    first, last, period = period_facts(session=session, since=query.since, until=query.until)
    context = rollups.context(connection)
    revision = bible_queries.latest_revision(session=session)
    if context is None or revision is None:
        raise ValueError("no bible loaded yet: run `unisono bible load PATH` first")
    calendar = context.calendar
    window = sources.Window(calendar.midnight(first), calendar.midnight(last + 1), context.window_s)
    builder = CellBuilder(period.reasons, period.channels)
    sources.add_outcomes(builder, period.facts)
    sources.add_audit(builder, connection, window)
    sources.add_escalations(builder, connection, window)
    replies = answers.sample_replies(
        session, window, builder, per_group=query.answers_per_group, language=revision.language
    )
    answers.add_answers(builder, replies)
    cells = builder.build(*sources.people(connection))
    if query.reason is not None:
        cells = cells.only_reasons(query.reason)
    analysed = session.scalar(select(func.count()).select_from(audit.Analysis)) or 0
    return Computed(first, last, cells, fit_all(cells), window, replies, analysed)


def consistency(*, session: Session, query: ConsistencyQuery) -> dict[str, Any]:
    """The consistency report (the shape of `unisono consistency --json`)."""
    done = compute(session, query)
    cells, fits = done.cells, done.fits
    reasons = len(cells.reasons)
    volume = np.bincount(cells.reason, cells.volume, reasons).astype(np.float64)
    scores = score(fits, volume, reasons)
    intervals = bootstrap(fits, volume, reasons, runs=query.bootstrap, seed=query.seed)
    found = compare(fits, min_n=query.min_n, fdr=query.fdr)
    revision = bible_queries.latest_revision(session=session)
    labels = report.load_labels(session, revision.language if revision else "fr")
    shown = found.flagged[: query.limit] if query.limit else found.flagged
    divergences = _divergences(session, done, shown, labels)
    return {
        "period": {
            "since": day_of(done.first),
            "until": day_of(done.last),
            "days": done.last - done.first + 1,
        },
        "reason_filter": query.reason,
        "language": labels.language,
        "index": report.index_block(scores, intervals, float(volume.sum())),
        "reasons": report.reason_rows(
            cells,
            scores=scores,
            intervals=intervals,
            fits=fits,
            flagged=found.flagged,
            labels=labels,
        ),
        "divergences": divergences,
        "divergences_flagged": len(found.flagged),
        "comparisons": found.comparisons,
        "heatmaps": {
            f"reason_{d}": heatmap.heatmap(d, cells, fits, found.flagged, query.min_n)
            for d in heatmap.DIMENSIONS
        },
        "metrics": report.metric_rows(),
        "settings": {
            "fdr": query.fdr,
            "min_n": query.min_n,
            "answers_per_group": query.answers_per_group,
            "bootstrap_runs": query.bootstrap,
            "seed": query.seed,
        },
        "notes": _notes(done, query),
    }


def _divergences(
    session: Session, done: Computed, shown: list[Comparison], labels: report.Labels
) -> list[dict[str, Any]]:
    """The divergences shown, with their evidence."""
    return [
        report.divergence_row(
            c,
            done.cells,
            others=_others(done.fits[c.metric], c, done.cells),
            evidence=evidence.gather(
                session, evidence.Group(c, done.cells, done.window), done.replies
            ),
            labels=labels,
            rank=rank,
        )
        for rank, c in enumerate(shown, start=1)
    ]


def heatmap_only(*, session: Session, query: ConsistencyQuery, dimension: str) -> dict[str, Any]:
    """One heat map (reason × ``dimension``), without the index's interval or evidence."""
    if dimension not in heatmap.DIMENSIONS:
        raise ValueError(
            f"heat map by {dimension!r}: choose one of {', '.join(heatmap.DIMENSIONS)}"
        )
    done = compute(session, query)
    found = compare(done.fits, min_n=query.min_n, fdr=query.fdr)
    return heatmap.heatmap(dimension, done.cells, done.fits, found.flagged, query.min_n)


def _others(fit: Fit, comparison: Comparison, cells: Cells) -> dict[str, Any]:
    """The groups the divergent group was compared with."""
    level = fit.levels[comparison.level]
    grouping, shape = level.grouping, fit.structure
    stratum = grouping.stratum[comparison.group]
    mates = [g for g in np.flatnonzero(grouping.stratum == stratum) if g != comparison.group]
    first = grouping.first[mates]
    if comparison.level == "channel":
        return {"channels": [cells.channels[c] for c in shape.channel[first]]}
    channel = cells.channels[comparison.channel]
    if comparison.level == "team":
        return {"channel": channel, "teams": [cells.teams[t] for t in shape.team[first]]}
    return {
        "channel": channel,
        "team": cells.teams[comparison.team],
        "agents": [cells.agents[a] for a in shape.agent[first]],
    }


def _notes(done: Computed, query: ConsistencyQuery) -> list[str]:
    notes = [
        f"answers: {done.replies.size} replies compared, at most {query.answers_per_group} per "
        "agent, channel and reason (a fixed sample), in the bible's language only",
    ]
    if done.analysed == 0:
        notes.append(
            "no interaction is analysed yet: run `unisono analyze` for the audit "
            "results and the answers"
        )
    if not done.fits:
        notes.append("no interaction with a contact reason in the period")
    return notes
