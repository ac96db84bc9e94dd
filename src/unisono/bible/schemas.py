"""The bible's shapes: ``bible.yml`` and a standard's front matter, validated with pydantic.

Validators that need the rest of the bible (known channels, reasons, elements) read it from the
validation context, so that every error keeps its exact location in the file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

from unisono.bible.vocabulary import Section, Stage, Status
from unisono.core.durations import format_duration, parse_duration
from unisono.language.quantities import Quantity, parse_quantity

ALL_CHANNELS = "*"


@dataclass(frozen=True)
class BibleContext:
    """What a standard may refer to: the channels, reasons and elements of its bible."""

    channels: frozenset[str]
    reasons: frozenset[str]
    elements: frozenset[str]


def _known(kind: str, attribute: str) -> Any:
    def check(value: str, info: ValidationInfo) -> str:
        context = (info.context or {}).get("bible")
        known: frozenset[str] | None = getattr(context, attribute, None)
        if known is not None and value != ALL_CHANNELS and value not in known:
            raise ValueError(f"unknown {kind} {value!r} (known: {', '.join(sorted(known))})")
        return value

    return AfterValidator(check)


def _duration(value: Any) -> Any:
    if isinstance(value, dt.timedelta):
        return value
    return parse_duration(str(value))


@dataclass(frozen=True)
class Fact:
    """A policy value as written in the bible (``raw``) and as read (``quantity``)."""

    raw: str
    quantity: Quantity


def _fact(value: Any) -> Any:
    if isinstance(value, Fact):
        return value
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError("expected a value with its unit, e.g. '14 jours' or '4,90 EUR'")
    return Fact(str(value), parse_quantity(str(value)))


def _per_channel(value: Any) -> Any:
    return value if isinstance(value, dict) else {ALL_CHANNELS: value}


def _collapse_all_channels(targets: dict[str, dt.timedelta]) -> Any:
    texts = {channel: format_duration(target) for channel, target in targets.items()}
    return texts[ALL_CHANNELS] if list(texts) == [ALL_CHANNELS] else texts


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
ReasonId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")]
StandardId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
Duration = Annotated[dt.timedelta, BeforeValidator(_duration), PlainSerializer(format_duration)]
FactValue = Annotated[Fact, BeforeValidator(_fact), PlainSerializer(lambda fact: fact.raw)]
ChannelRef = Annotated[str, _known("channel", "channels")]
ReasonRef = Annotated[str, _known("contact reason", "reasons")]
ElementRef = Annotated[str, _known("required element", "elements")]
ChannelTargets = Annotated[
    dict[ChannelRef, Duration],
    BeforeValidator(_per_channel),
    PlainSerializer(_collapse_all_channels),
]


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt key must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Forbidden(Strict):
    """An expression to avoid, with the replacement to suggest."""

    expression: Text
    replacement: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"expression": value} if isinstance(value, str) else value


class Reason(Strict):
    """A contact reason, a node of the reasons tree."""

    id: ReasonId
    label: Text
    stage: Stage
    examples: list[Text] = []
    children: list[Reason] = []


_TIME_RANGE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")


def _opening_hours(value: Any) -> Any:
    if value is None or str(value).strip().lower() in ("closed", "fermé", "ferme"):
        return []
    if not isinstance(value, str):
        raise ValueError("expected 'HH:MM-HH:MM' (several separated by commas) or closed")
    ranges = []
    for part in value.split(","):
        match = _TIME_RANGE.match(part.strip())
        if not match or part.strip()[:5] >= part.strip()[6:]:
            raise ValueError(
                f"bad opening hours {part.strip()!r}: write 'HH:MM-HH:MM' with the start "
                "before the end, several ranges separated by commas, or closed"
            )
        ranges.append((part.strip()[:5], part.strip()[6:]))
    return ranges


def _show_hours(ranges: list[tuple[str, str]]) -> str:
    return ", ".join(f"{start}-{end}" for start, end in ranges) or "closed"


def _timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown time zone {value!r} (e.g. Europe/Paris)") from error
    return value


OpeningHours = Annotated[
    list[tuple[str, str]], BeforeValidator(_opening_hours), PlainSerializer(_show_hours)
]


class BusinessHours(Strict):
    """Opening hours per day of the week, in one time zone; a day left out is closed."""

    timezone: Annotated[str, AfterValidator(_timezone)]
    mon: OpeningHours = []
    tue: OpeningHours = []
    wed: OpeningHours = []
    thu: OpeningHours = []
    fri: OpeningHours = []
    sat: OpeningHours = []
    sun: OpeningHours = []


class Element(Strict):
    """A required element a bible defines by the phrases that show it."""

    label: Text
    phrases: Annotated[list[Text], Field(min_length=1)]


class BibleConfig(Strict):
    """``bible.yml``: the company, its vision and what every standard refers to."""

    company: Text
    vision: Text
    language: Annotated[str, StringConstraints(pattern=r"^(fr|en)$")]
    formality: Annotated[str, StringConstraints(pattern=r"^(vous|tu)$")] | None = None
    fcr_window: Duration = dt.timedelta(days=7)
    channels: Annotated[dict[Identifier, Text], Field(min_length=1)]
    business_hours: BusinessHours | None = None
    reasons: Annotated[list[Reason], Field(min_length=1)]
    forbidden: list[Forbidden] = []
    placeholders: dict[Identifier, Text] = {}
    elements: dict[Identifier, Element] = {}

    @property
    def effective_formality(self) -> str | None:
        """The formality French advisors use (vous unless the bible says tu)."""
        return self.formality or ("vous" if self.language == "fr" else None)


class Sla(Strict):
    """Service-level targets: one duration for all channels, or one per channel."""

    first_response: ChannelTargets | None = None
    resolution: ChannelTargets | None = None


AUDIT_CHECKS = (
    "fact_contradiction",
    "forbidden_expression",
    "formality",
    "sla_breach",
    "off_standard_answer",
)  # the automatic checks a scorecard criterion can rest on, besides required elements


def _criterion_check(value: str, info: ValidationInfo) -> str:
    context = (info.context or {}).get("bible")
    elements: frozenset[str] | None = getattr(context, "elements", None)
    if value in AUDIT_CHECKS or elements is None or value in elements:
        return value
    known = ", ".join((*AUDIT_CHECKS, *sorted(elements)))
    raise ValueError(f"unknown check or element {value!r} (known: {known})")


class Criterion(Strict):
    """A criterion of a scorecard: scored by automatic checks (a check, or a required element
    whose absence fails it), or by an auditor (``manual``); critical ones fail the score."""

    id: Identifier
    label: Text
    weight: Annotated[float, Field(ge=0)]
    critical: bool = False
    manual: bool = False
    checks: list[Annotated[str, AfterValidator(_criterion_check)]] = []

    @model_validator(mode="after")
    def _scored_somehow(self) -> Criterion:
        if self.manual == bool(self.checks):
            raise ValueError("a criterion has checks, or is manual (scored by an auditor)")
        if self.weight == 0 and not self.critical:
            raise ValueError("a weight of 0 only makes sense for a critical criterion")
        return self


class StandardDoc(Strict):
    """A standard's front matter."""

    id: StandardId
    title: Text
    section: Section
    reasons: list[ReasonRef] = []
    channels: list[ChannelRef] | None = None
    owner: Text
    status: Status
    review_every: Duration
    reviewed_on: dt.date | None = None
    impact: Text
    sla: Sla | None = None
    facts: dict[Identifier, FactValue] = {}
    required: list[ElementRef] = []
    forbidden: list[Forbidden] = []
    examples: list[Text] = []
    answers: dict[ChannelRef, Text] = {}
    targets: dict[str, FactValue] = {}
    scorecard: list[Criterion] = []

    @property
    def next_review_on(self) -> dt.date | None:
        """When the standard is next due for review; None when it never was reviewed."""
        if self.reviewed_on is None:
            return None
        return self.reviewed_on + self.review_every

    def applies_to_channel(self, channel: str) -> bool:
        """Whether the standard covers ``channel`` (no channel list means every channel)."""
        return self.channels is None or channel in self.channels
