"""The canonical interaction (PRODUCT.md's JSON Lines shape), validated with pydantic.

Every importer turns its source into this shape, so that the rules for a valid interaction live
in one place. Validation needs a context (:class:`Vocabulary`): the channels and contact reasons
of the bible in force, and the time zone for times written without an offset.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal, NotRequired
from zoneinfo import ZoneInfo

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationInfo,
    model_validator,
    with_config,
)
from typing_extensions import TypedDict

Author = Literal["customer", "agent", "bot"]
Status = Literal["open", "pending", "resolved", "closed"]


@dataclass(frozen=True)
class Vocabulary:
    """What an interaction may refer to: the bible's channels and reasons, and the time zone in
    which times without an offset are read."""

    channels: frozenset[str]
    reasons: Mapping[str, str]  # reason id -> its journey stage
    timezone: ZoneInfo


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ExternalId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class _Shape(BaseModel):
    # Checks that need Python run once per interaction (InteractionIn._in_context), not once
    # per field, and the parts of an interaction are plain dicts (TypedDict), not objects:
    # validation is most of an import's time, and this makes it three times faster.
    model_config = ConfigDict(extra="ignore")


@with_config(ConfigDict(extra="ignore"))
class CustomerIn(TypedDict):
    """The customer an interaction is with."""

    id: ExternalId
    name: NotRequired[str | None]
    email: NotRequired[str | None]
    phone: NotRequired[str | None]


# "from" is a Python keyword: the functional form keeps the contract's key.
MessageIn = TypedDict("MessageIn", {"from": Author, "at": dt.datetime, "text": str})
MessageIn.__doc__ = """One message of the conversation: who wrote it, when, and what."""
MessageIn.__pydantic_config__ = ConfigDict(extra="ignore")  # type: ignore[attr-defined]


@with_config(ConfigDict(extra="ignore"))
class _Answer(TypedDict):
    at: NotRequired[dt.datetime | None]
    comment: NotRequired[str | None]


class NpsIn(_Answer):
    """Net Promoter Score answer, 0-10."""

    kind: Literal["nps"]
    score: Annotated[int, Field(ge=0, le=10)]


class CsatIn(_Answer):
    """Customer satisfaction answer, 1-5."""

    kind: Literal["csat"]
    score: Annotated[int, Field(ge=1, le=5)]


class CesIn(_Answer):
    """Customer effort answer, 1-7."""

    kind: Literal["ces"]
    score: Annotated[int, Field(ge=1, le=7)]


SurveyIn = Annotated[NpsIn | CsatIn | CesIn, Field(discriminator="kind")]


class InteractionIn(_Shape):
    """One contact of a customer on one channel, with its messages and survey answers."""

    id: ExternalId
    channel: str
    reason: str | None = None
    customer: CustomerIn
    agent: ExternalId | None = None
    team: ExternalId | None = None
    opened_at: dt.datetime
    resolved_at: dt.datetime | None = None
    status: Status = "open"
    messages: list[MessageIn] = []
    surveys: list[SurveyIn] = []

    @model_validator(mode="after")
    def _in_context(self, info: ValidationInfo) -> InteractionIn:
        vocabulary: Vocabulary | None = (info.context or {}).get("vocabulary")
        if self._plainly_valid(vocabulary):
            return self
        problems = [*self._known(vocabulary), *self._zoned(vocabulary), *self._coherent()]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def _plainly_valid(self, vocabulary: Vocabulary | None) -> bool:
        """The common case, checked at the least cost: known names, zoned times, in order."""
        return (
            vocabulary is not None
            and self.channel in vocabulary.channels
            and (self.reason is None or self.reason in vocabulary.reasons)
            and self._all_aware()
            and (self.resolved_at is None or self.resolved_at >= self.opened_at)
            and len(self.surveys) < 2
        )

    def _known(self, vocabulary: Vocabulary | None) -> Iterator[str]:
        if vocabulary is None:
            return
        if self.channel not in vocabulary.channels:
            known = ", ".join(sorted(vocabulary.channels))
            yield f"channel: unknown channel {self.channel!r} (the bible's channels: {known})"
        if self.reason is not None and self.reason not in vocabulary.reasons:
            yield f"reason: unknown contact reason {self.reason!r}: not in the bible's reasons tree"

    def _zoned(self, vocabulary: Vocabulary | None) -> Iterator[str]:
        """Times without an offset are read in the bible's time zone, when there is one."""
        if self._all_aware():
            return
        for name, part, key in self._times():
            moment = part.get(key) if isinstance(part, dict) else getattr(part, key)
            if moment is None or moment.tzinfo is not None:
                continue
            if vocabulary is None:
                yield f"{name}: a time zone offset is required, e.g. 2026-10-01T09:12:00+02:00"
            elif isinstance(part, dict):
                part[key] = moment.replace(tzinfo=vocabulary.timezone)
            else:
                setattr(part, key, moment.replace(tzinfo=vocabulary.timezone))

    def _times(self) -> Iterator[tuple[str, Any, str]]:
        yield "opened_at", self, "opened_at"
        yield "resolved_at", self, "resolved_at"
        for number, message in enumerate(self.messages):
            yield f"messages[{number}].at", message, "at"
        for number, survey in enumerate(self.surveys):
            yield f"surveys[{number}].at", survey, "at"

    def _all_aware(self) -> bool:
        if self.opened_at.tzinfo is None:
            return False
        if self.resolved_at is not None and self.resolved_at.tzinfo is None:
            return False
        for message in self.messages:
            if message["at"].tzinfo is None:
                return False
        for survey in self.surveys:
            at = survey.get("at")
            if at is not None and at.tzinfo is None:
                return False
        return True

    def _coherent(self) -> Iterator[str]:
        if self.resolved_at is not None and self.resolved_at < self.opened_at:
            yield (
                f"resolved_at: {self.resolved_at.isoformat()} is before opened_at "
                f"{self.opened_at.isoformat()}"
            )
        kinds = [survey["kind"] for survey in self.surveys]
        repeated = sorted({kind for kind in kinds if kinds.count(kind) > 1})
        if repeated:
            yield f"surveys: more than one {' and '.join(repeated)} answer for one interaction"

    @property
    def first_response_at(self) -> dt.datetime | None:
        """When an agent first wrote (bot and automatic messages do not count)."""
        return min((m["at"] for m in self.messages if m["from"] == "agent"), default=None)


INTERACTION = TypeAdapter(InteractionIn)


def validate_interaction(data: Any, vocabulary: Vocabulary | None) -> InteractionIn:
    """Validate a decoded record (a dict) as an interaction; raise pydantic's ValidationError."""
    return INTERACTION.validate_python(data, context={"vocabulary": vocabulary})


def validate_interaction_json(line: bytes | str, vocabulary: Vocabulary | None) -> InteractionIn:
    """Validate one JSON text as an interaction; raise pydantic's ValidationError."""
    return INTERACTION.validate_json(line, context={"vocabulary": vocabulary})
