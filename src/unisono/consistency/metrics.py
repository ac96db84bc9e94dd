"""What the consistency index compares between channels, teams and agents: the outcomes, the
audit results and the answers, each as one value per interaction, with the difference that
matters for it (its *material difference*, the unit in which spreads are measured)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Family = Literal["outcomes", "audit", "answers"]
FAMILIES: tuple[Family, ...] = ("outcomes", "audit", "answers")


@dataclass(frozen=True)
class Metric:
    """One thing compared; its per-interaction value is in ``unit``."""

    id: str
    family: Family
    material: float  # the difference that matters, in the value's unit
    binary: bool  # values are 0 or 100 (a rate in percent)
    unit: str
    label_fr: str
    label_en: str
    higher_is_better: bool
    # compared between channels too; resolution times and the wording of answers differ between
    # channels by design (the bible gives each its targets and its approved answer)
    across_channels: bool = True

    def label(self, language: str) -> str:
        """The metric's name in French or English."""
        return self.label_fr if language == "fr" else self.label_en


METRICS: tuple[Metric, ...] = (
    Metric(
        "csat",
        "outcomes",
        10.0,
        True,
        "%",
        "CSAT (part de 4-5)",
        "CSAT (share of 4-5)",
        higher_is_better=True,
    ),
    Metric("nps", "outcomes", 20.0, False, "pts", "NPS", "NPS", higher_is_better=True),
    Metric(
        "fcr",
        "outcomes",
        10.0,
        True,
        "%",
        "résolution au premier contact",
        "first-contact resolution",
        higher_is_better=True,
    ),
    # the log of (seconds + 60): a material difference is a doubling
    Metric(
        "resolution_time",
        "outcomes",
        0.6931471805599453,
        False,
        "log",
        "délai de résolution",
        "resolution time",
        higher_is_better=False,
        across_channels=False,
    ),
    Metric(
        "escalations",
        "outcomes",
        5.0,
        True,
        "%",
        "escalades",
        "escalations",
        higher_is_better=False,
    ),
    Metric(
        "qa_score", "audit", 10.0, False, "pts", "score qualité", "QA score", higher_is_better=True
    ),
    Metric(
        "fact_contradictions",
        "audit",
        5.0,
        True,
        "%",
        "faits contraires à la bible",
        "facts contradicting the bible",
        higher_is_better=False,
    ),
    Metric(
        "answer_distance",
        "answers",
        10.0,
        False,
        "pts",
        "écart à la réponse validée",
        "distance from the approved answer",
        higher_is_better=False,
        across_channels=False,
    ),
    Metric(
        "answer_spread",
        "answers",
        10.0,
        False,
        "pts",
        "écart à la réponse commune",
        "distance from the common answer",
        higher_is_better=False,
        across_channels=False,
    ),
)
BY_ID = {metric.id: metric for metric in METRICS}
INDEX = {metric.id: position for position, metric in enumerate(METRICS)}
LEVELS: tuple[str, ...] = ("channel", "team", "agent")
