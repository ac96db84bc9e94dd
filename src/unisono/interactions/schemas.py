"""The canonical interaction (PRODUCT.md's JSON Lines shape), validated with pydantic.

Every importer turns its source into this shape, so that the rules for a valid interaction live
in one place. Validation needs a context (:class:`Vocabulary`): the channels and contact reasons
of the bible in force, and the time zone for times written without an offset.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationInfo,
    model_validator,
)

Author = Literal["customer", "agent", "bot"]
SurveyKind = Literal["nps", "csat", "ces"]
Status = Literal["open", "pending", "resolved", "closed"]
SCORE_RANGES: dict[str, tuple[int, int]] = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}


@dataclass(frozen=True)
class Vocabulary:
    """What an interaction may refer to: the bible's channels and reasons, and the time zone in
    which times without an offset are read."""

    channels: frozenset[str]
    reasons: frozenset[str]
    timezone: ZoneInfo


def _vocabulary(info: ValidationInfo) -> Vocabulary | None:
    return (info.context or {}).get("vocabulary")


def _aware(value: dt.datetime, info: ValidationInfo) -> dt.datetime:
    if value.tzinfo is not None:
        return value
    vocabulary = _vocabulary(info)
    if vocabulary is None:
        raise ValueError("a time zone offset is required, e.g. 2026-10-01T09:12:00+02:00")
    return value.replace(tzinfo=vocabulary.timezone)


def _known_channel(value: str, info: ValidationInfo) -> str:
    vocabulary = _vocabulary(info)
    if vocabulary is not None and value not in vocabulary.channels:
        known = ", ".join(sorted(vocabulary.channels))
        raise ValueError(f"unknown channel {value!r} (the bible's channels: {known})")
    return value


def _known_reason(value: str | None, info: ValidationInfo) -> str | None:
    vocabulary = _vocabulary(info)
    if value is not None and vocabulary is not None and value not in vocabulary.reasons:
        raise ValueError(f"unknown contact reason {value!r}: not in the bible's reasons tree")
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ExternalId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
When = Annotated[dt.datetime, AfterValidator(_aware)]


class _Shape(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)


class CustomerIn(_Shape):
    """The customer an interaction is with."""

    id: ExternalId
    name: str | None = None
    email: str | None = None
    phone: str | None = None


class MessageIn(_Shape):
    """One message of the conversation."""

    author: Author = Field(alias="from")
    at: When
    text: str


class SurveyIn(_Shape):
    """A survey answer: NPS 0-10, CSAT 1-5 or CES 1-7, with an optional comment."""

    kind: SurveyKind
    score: int
    at: When | None = None
    comment: str | None = None

    @model_validator(mode="after")
    def _score_in_range(self) -> SurveyIn:
        low, high = SCORE_RANGES[self.kind]
        if not low <= self.score <= high:
            raise ValueError(f"{self.kind} score {self.score} is out of range {low}-{high}")
        return self


class InteractionIn(_Shape):
    """One contact of a customer on one channel, with its messages and survey answers."""

    id: ExternalId
    channel: Annotated[str, AfterValidator(_known_channel)]
    reason: Annotated[str | None, AfterValidator(_known_reason)] = None
    customer: CustomerIn
    agent: ExternalId | None = None
    team: ExternalId | None = None
    opened_at: When
    resolved_at: When | None = None
    status: Status = "open"
    messages: list[MessageIn] = []
    surveys: list[SurveyIn] = []

    @model_validator(mode="after")
    def _consistent(self) -> InteractionIn:
        if self.resolved_at is not None and self.resolved_at < self.opened_at:
            raise ValueError(
                f"resolved_at {self.resolved_at.isoformat()} is before opened_at "
                f"{self.opened_at.isoformat()}"
            )
        kinds = [survey.kind for survey in self.surveys]
        repeated = sorted({kind for kind in kinds if kinds.count(kind) > 1})
        if repeated:
            raise ValueError(f"more than one {' and '.join(repeated)} answer for one interaction")
        return self

    @property
    def first_response_at(self) -> dt.datetime | None:
        """When an agent first wrote (bot and automatic messages do not count)."""
        return min((m.at for m in self.messages if m.author == "agent"), default=None)


INTERACTION = TypeAdapter(InteractionIn)


def validate_interaction(data: Any, vocabulary: Vocabulary | None) -> InteractionIn:
    """Validate a decoded record (a dict) as an interaction; raise pydantic's ValidationError."""
    return INTERACTION.validate_python(data, context={"vocabulary": vocabulary})


def validate_interaction_json(line: bytes | str, vocabulary: Vocabulary | None) -> InteractionIn:
    """Validate one JSON text as an interaction; raise pydantic's ValidationError."""
    return INTERACTION.validate_json(line, context={"vocabulary": vocabulary})
