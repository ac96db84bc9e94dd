"""Spotlights: interactions worth a human review beyond the fair sample — a low satisfaction
score, a fact contradicting the bible, a customer who was unhappy. Each is a plugin: a name,
labels, and the query of the interactions it picks in a period; ``register`` adds one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import BigInteger, Select, exists, select, type_coerce

from unisono.audit import models as audit
from unisono.interactions import models as hub
from unisono.language.models import InteractionLanguage


@dataclass(frozen=True)
class Bounds:
    """A period in epoch seconds: [low, high)."""

    low: int
    high: int


class Spotlight(Protocol):
    """Interactions of a period that deserve a look."""

    @property
    def name(self) -> str:
        """How it is asked for (``low_csat``)."""
        ...

    @property
    def label_fr(self) -> str:
        """What it picks, in French."""
        ...

    @property
    def label_en(self) -> str:
        """What it picks, in English."""
        ...

    def query(self, bounds: Bounds) -> Select[int]:
        """The ids of the interactions of the period it picks."""
        ...


def _in_period(bounds: Bounds) -> Select[int]:
    opened: Any = type_coerce(hub.Interaction.opened_at, BigInteger)
    return select(hub.Interaction.id).where(opened >= bounds.low, opened < bounds.high)


@dataclass(frozen=True)
class LowCsat:
    """A CSAT answer of 1 or 2."""

    name: str = "low_csat"
    label_fr: str = "CSAT de 1 ou 2"
    label_en: str = "CSAT of 1 or 2"
    highest: int = 2

    def query(self, bounds: Bounds) -> Select[int]:
        """Interactions whose customer answered the CSAT survey with ``highest`` or less."""
        survey = hub.Survey
        low = exists().where(
            survey.interaction_id == hub.Interaction.id,
            survey.kind == "csat",
            survey.score <= self.highest,
        )
        return _in_period(bounds).where(low)


@dataclass(frozen=True)
class Contradictions:
    """A stated fact that contradicts the bible (found by the audit)."""

    name: str = "contradictions"
    label_fr: str = "fait contraire à la bible"
    label_en: str = "fact contradicting the bible"

    def query(self, bounds: Bounds) -> Select[int]:
        """Interactions with a ``fact_contradiction`` finding."""
        finding = audit.Finding
        found = exists().where(
            finding.interaction_id == hub.Interaction.id, finding.kind == "fact_contradiction"
        )
        return _in_period(bounds).where(found)


@dataclass(frozen=True)
class NegativeSentiment:
    """A customer whose messages were negative over the contact (the analysis's sentiment)."""

    name: str = "negative_sentiment"
    label_fr: str = "client mécontent (sentiment négatif)"
    label_en: str = "unhappy customer (negative sentiment)"

    def query(self, bounds: Bounds) -> Select[int]:
        """Interactions whose customer's sentiment over the contact is negative."""
        mood = InteractionLanguage
        negative = exists().where(mood.interaction_id == hub.Interaction.id, mood.sentiment < 0)
        return _in_period(bounds).where(negative)


SPOTLIGHTS: dict[str, Spotlight] = {}


def register(spotlight: Spotlight) -> None:
    """Make a spotlight available by its name."""
    SPOTLIGHTS[spotlight.name] = spotlight


def spotlight(name: str) -> Spotlight:
    """The spotlight called ``name``; ValueError naming the available ones."""
    if name not in SPOTLIGHTS:
        known = ", ".join(sorted(SPOTLIGHTS))
        raise ValueError(f"no spotlight {name!r} in this installation: choose among {known}")
    return SPOTLIGHTS[name]


register(LowCsat())
register(Contradictions())
register(NegativeSentiment())
