"""The consistency report's shapes: the index block, one row per contact reason, and each
divergence with its numbers (intervals), the groups compared and a sentence in French and in
English. docs/consistency.md documents the JSON."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from unisono.bible import models as bible
from unisono.consistency.cells import Cells
from unisono.consistency.divergences import Comparison
from unisono.consistency.evidence import Evidence, FactHabit
from unisono.consistency.index import Intervals, Scores
from unisono.consistency.metrics import LEVELS, METRICS, Metric
from unisono.consistency.sources import RESOLUTION_OFFSET_S
from unisono.consistency.variance import Fit
from unisono.core.durations import describe_duration
from unisono.metrics.stats import Z95


@dataclass(frozen=True)
class Labels:
    """What the reader sees: the bible's language, reason and channel labels."""

    language: str
    reasons: dict[str, str]
    channels: dict[str, str]


def load_labels(session: Session, language: str) -> Labels:
    """The labels of the bible's reasons and channels."""
    reasons = dict(session.execute(select(bible.Reason.id, bible.Reason.label)).all())
    channels = dict(session.execute(select(bible.Channel.id, bible.Channel.label)).all())
    return Labels(language, reasons, channels)


def _number(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else round(float(value), 2)


def index_block(scores: Scores, intervals: Intervals, volume: float) -> dict[str, Any]:
    """The overall index, its interval and the points lost to each source."""
    return {
        "value": _number(scores.overall),
        "ci95": None if intervals.overall is None else [_number(v) for v in intervals.overall],
        "interactions": int(volume),
        "points_lost": {level: _number(scores.overall_lost[level]) for level in LEVELS},
        "bootstrap_runs": intervals.runs,
    }


def reason_rows(
    cells: Cells,
    *,
    scores: Scores,
    intervals: Intervals,
    fits: dict[int, Fit],
    flagged: list[Comparison],
    labels: Labels,
) -> list[dict[str, Any]]:
    """One row per contact reason with interactions: its index and what makes it up."""
    volume = np.bincount(cells.reason, cells.volume, len(cells.reasons))
    counts = np.bincount([c.reason for c in flagged], minlength=len(cells.reasons))
    rows = []
    for code in (int(c) for c in np.flatnonzero(volume > 0)):
        name = cells.reasons[code]
        components = [
            _component(row, code, scores, fits)
            for row in range(len(METRICS))
            if not np.isnan(scores.consistency[row, code])
        ]
        interval = intervals.reasons[code]
        rows.append(
            {
                "reason": name,
                "label": labels.reasons.get(name, name),
                "volume": int(volume[code]),
                "index": _number(scores.reason_index[code]),
                "ci95": None if np.isnan(interval).any() else [_number(v) for v in interval],
                "points_lost": {lv: _number(scores.reason_lost[lv][code]) for lv in LEVELS},
                "divergences": int(counts[code]),
                "components": components,
            }
        )
    return sorted(rows, key=lambda r: (r["index"] is None, r["index"] or 0, -r["volume"]))


def _component(row: int, code: int, scores: Scores, fits: dict[int, Fit]) -> dict[str, Any]:
    metric, fit = METRICS[row], fits[row]
    spreads = {level: fit.levels[level].tau2[code] for level in LEVELS}
    return {
        "metric": metric.id,
        "family": metric.family,
        "consistency": _number(scores.consistency[row, code]),
        "weight": _number(scores.weights[row, code]),
        "between_sd": {
            lv: None if np.isnan(v) else _number(math.sqrt(v)) for lv, v in spreads.items()
        },
        "squared_departure": {lv: _number(scores.lost[lv][row, code]) for lv in LEVELS},
    }


def metric_rows() -> list[dict[str, Any]]:
    """The metrics compared, with their material differences."""
    return [
        {
            "id": m.id,
            "family": m.family,
            "material_difference": m.material,
            "unit": m.unit,
            "label": {"fr": m.label_fr, "en": m.label_en},
        }
        for m in METRICS
    ]


def shown_value(metric: Metric, value: float) -> float | None:
    """A mean in the unit the reader expects (resolution time: seconds, geometric mean)."""
    if math.isnan(value):
        return None
    if metric.id == "resolution_time":
        return round(max(math.exp(value) - RESOLUTION_OFFSET_S, 0.0))
    return round(value, 2)


def _interval(metric: Metric, mean: float, v: float) -> list[float | None]:
    half = Z95 * math.sqrt(max(v, 0.0))
    return [shown_value(metric, mean - half), shown_value(metric, mean + half)]


def divergence_row(
    comparison: Comparison,
    cells: Cells,
    *,
    others: dict[str, Any],
    evidence: Evidence,
    labels: Labels,
    rank: int,
) -> dict[str, Any]:
    """One flagged divergence with its numbers, the groups compared, examples and summary."""
    metric = METRICS[comparison.metric]
    c = comparison
    group = {
        "channel": cells.channels[c.channel],
        "team": cells.teams[c.team] if c.team >= 0 else None,
        "agent": cells.agents[c.agent] if c.agent >= 0 else None,
    }
    low, high = c.difference_ci95
    ratio = metric.id == "resolution_time"
    difference = (
        [math.exp(c.difference), math.exp(low), math.exp(high)]
        if ratio
        else [c.difference, low, high]
    )
    reason = cells.reasons[c.reason]
    worse = (c.difference > 0) != metric.higher_is_better
    habit = evidence.habit if worse else None  # a group doing better has no wrong habit
    return {
        "rank": rank,
        "reason": reason,
        "reason_label": labels.reasons.get(reason, reason),
        "metric": metric.id,
        "level": c.level,
        "group": group,
        "compared_with": others,
        "n": c.n,
        "value": shown_value(metric, c.mean),
        "ci95": _interval(metric, c.mean, c.v),
        "shrunk": shown_value(metric, c.shrunk),
        "rest": {
            "n": c.rest_n,
            "value": shown_value(metric, c.rest_mean),
            "ci95": _interval(metric, c.rest_mean, c.rest_v),
        },
        "difference": round(difference[0], 3),
        "difference_ci95": [round(v, 3) for v in difference[1:]],
        "difference_unit": "ratio" if ratio else ("pts" if metric.unit == "%" else metric.unit),
        "unit": "s" if ratio else metric.unit,
        "p_value": c.p_value,
        "q_value": c.q_value,
        "reach": round(c.reach, 1),
        "fact": None if habit is None else _habit(habit),
        "examples": evidence.examples,
        "summary": {
            lang: f"{labels.reasons.get(reason, reason)} — " + summary(c, group, habit, lang)
            for lang in ("fr", "en")
        },
    }


def _habit(habit: FactHabit) -> dict[str, Any]:
    return {
        "fact": habit.fact,
        "expected": habit.expected,
        "found": habit.found,
        "interactions": habit.interactions,
        "share": round(habit.share, 1),
    }


def _who(group: dict[str, Any], level: str, language: str) -> tuple[str, str]:
    """The group and the rest it is compared with, in words."""
    channel, team, agent = group["channel"], group["team"], group["agent"]
    if language == "fr":
        if level == "channel":
            return f"le canal {channel}", "les autres canaux"
        if level == "team":
            return f"l'équipe {team} ({channel})", f"les autres équipes du canal {channel}"
        return f"{agent} ({team}, {channel})", f"le reste de {team} sur {channel}"
    if level == "channel":
        return f"the {channel} channel", "the other channels"
    if level == "team":
        return f"team {team} ({channel})", f"the other teams on {channel}"
    return f"{agent} ({team}, {channel})", f"the rest of {team} on {channel}"


def _format(metric: Metric, value: float, language: str) -> str:
    if metric.id == "resolution_time":
        seconds = max(math.exp(value) - RESOLUTION_OFFSET_S, 0.0)
        return describe_duration(dt.timedelta(seconds=round(seconds)), language)
    text = f"{value:+.0f}" if metric.id == "nps" else f"{value:.1f}"
    if language == "fr":
        text = text.replace(".", ",")
    unit = {"%": " %" if language == "fr" else "%", "pts": " pts"}.get(metric.unit, "")
    return text + unit


def summary(c: Comparison, group: dict[str, Any], habit: FactHabit | None, language: str) -> str:
    """One sentence saying where customers get a different answer."""
    metric = METRICS[c.metric]
    who, rest = _who(group, c.level, language)
    value, other = _format(metric, c.mean, language), _format(metric, c.rest_mean, language)
    if habit is not None and habit.found:
        share = _format(metric, habit.share, language)
        if language == "fr":
            return (
                f"{who} annonce {habit.fact} = « {habit.found} » dans {share} de ses "
                f"interactions (faits contraires : {value}, contre {other} pour {rest}) ; "
                f"la bible dit « {habit.expected} »."
            )
        return (
            f"{who} states {habit.fact} as “{habit.found}” in {share} of its interactions "
            f"(contradicted facts: {value}, against {other} for {rest}); the bible says "
            f"“{habit.expected}”."
        )
    label = metric.label(language)
    if language == "fr":
        return f"{who} : {label} {value}, contre {other} pour {rest}."
    return f"{who}: {label} {value}, against {other} for {rest}."
