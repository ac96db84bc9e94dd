"""What every audit check is: given one interaction in its context (the standards that applied
to it), the findings where the agent departed from them, each with its evidence.

A check reads an :class:`AuditContext` and yields :class:`Finding` objects; it never touches the
database, so that checks are tested on plain text and run in worker processes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal, Protocol

from unisono.language.quantities import Quantity

Kind = Literal[
    "fact_contradiction",
    "forbidden_expression",
    "missing_required",
    "sla_breach",
    "formality",
    "off_standard_answer",
]
KINDS: tuple[Kind, ...] = (
    "fact_contradiction", "forbidden_expression", "missing_required", "sla_breach", "formality",
    "off_standard_answer",
)  # fmt: skip


@dataclass(frozen=True)
class Finding:
    """One place where an interaction departs from a standard, with the evidence."""

    kind: Kind
    standard_id: str | None  # None: a rule of bible.yml itself (global expressions, formality)
    standard_version: int | None
    evidence: str  # the quoted text: the sentence, the expression as written
    expected: str | None = None  # what the bible says (a fact's value, a replacement, …)
    found: str | None = None  # what the agent said or did
    message: int | None = None  # index of the message in the interaction
    start: int | None = None  # character offsets of the evidence in that message's text
    end: int | None = None
    detail: Mapping[str, Any] = field(default_factory=dict)  # e.g. {"fact": …}, {"element": …}


@dataclass(frozen=True)
class Fact:
    """A policy value of a standard: as written, and as read."""

    name: str
    raw: str
    quantity: Quantity


@dataclass(frozen=True)
class Forbidden:
    """An expression to avoid, with the replacement the bible suggests."""

    expression: str
    replacement: str | None = None


@dataclass(frozen=True)
class StandardRules:
    """What the checks need from one version of one standard."""

    standard_id: str
    version: int
    section: str
    title: str
    facts: tuple[Fact, ...] = ()
    forbidden: tuple[Forbidden, ...] = ()
    required: tuple[str, ...] = ()  # element names, in order
    answers: Mapping[str, str] = field(default_factory=dict)  # channel -> approved answer
    body: str = ""  # the procedure, as Markdown
    first_response_s: Mapping[str, int] = field(default_factory=dict)  # channel or "*" -> s
    resolution_s: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class BibleRules:
    """What the checks need from bible.yml."""

    company: str
    language: str  # "fr" or "en"
    formality: str | None  # "vous" or "tu" (French), None when the bible does not say
    forbidden: tuple[Forbidden, ...] = ()
    elements: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # name -> phrases
    placeholders: Mapping[str, str] = field(default_factory=dict)  # extra names -> labels


@dataclass(frozen=True)
class Message:
    """One message of the interaction."""

    index: int
    author: str  # "customer", "agent" or "bot"
    at: dt.datetime
    text: str


@dataclass(frozen=True)
class AuditContext:
    """One interaction, and the rules that applied to it when it happened."""

    interaction_id: str
    channel: str
    reason: str | None
    language: str  # the language the agent wrote in: "fr" or "en"
    messages: tuple[Message, ...]
    standards: tuple[StandardRules, ...]  # the applicable versions, most specific first
    bible: BibleRules
    opened_at: dt.datetime
    first_response_at: dt.datetime | None = None
    resolved_at: dt.datetime | None = None
    customer_name: str | None = None
    agent: str | None = None

    @cached_property
    def replies(self) -> tuple[Message, ...]:
        """The agent's messages (bots' are not the agent's)."""
        return tuple(m for m in self.messages if m.author == "agent")


class Check(Protocol):
    """One kind of audit."""

    kind: Kind

    def run(self, context: AuditContext) -> Iterable[Finding]:
        """Every finding of this kind in the interaction."""
        ...
