"""Audit contexts for tests: a bible's rules, standards and replies, with sensible defaults."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from unisono.audit.checks.base import (
    AuditContext,
    BibleRules,
    Fact,
    Forbidden,
    Message,
    StandardRules,
)
from unisono.language.quantities import parse_quantity

OPENED = dt.datetime(2026, 11, 16, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def bible(
    *,
    language: str = "fr",
    formality: str | None = "vous",
    forbidden: Sequence[Forbidden] = (),
    elements: Mapping[str, tuple[str, ...]] | None = None,
    placeholders: Mapping[str, str] | None = None,
) -> BibleRules:
    """The rules of a bible.yml."""
    return BibleRules(
        company="Maison Aubépine",
        language=language,
        formality=formality,
        forbidden=tuple(forbidden),
        elements=dict(elements or {}),
        placeholders=dict(placeholders or {}),
    )


def fact(name: str, raw: str) -> Fact:
    """A fact as the bible writes it."""
    return Fact(name, raw, parse_quantity(raw))


def standard(
    standard_id: str = "remboursement-retard",
    *,
    section: str = "processes",
    facts: Mapping[str, str] | None = None,
    forbidden: Sequence[Forbidden] = (),
    required: Sequence[str] = (),
    answers: Mapping[str, str] | None = None,
    body: str = "",
    version: int = 1,
) -> StandardRules:
    """The rules of one standard (``body``: its procedure, as Markdown)."""
    return StandardRules(
        standard_id=standard_id,
        version=version,
        section=section,
        title=standard_id.replace("-", " ").capitalize(),
        facts=tuple(fact(name, raw) for name, raw in (facts or {}).items()),
        forbidden=tuple(forbidden),
        required=tuple(required),
        answers=dict(answers or {}),
        body=body,
    )


def context(
    *replies: str,
    standards: Sequence[StandardRules] = (),
    rules: BibleRules | None = None,
    channel: str = "email",
    language: str = "fr",
    customer: str | None = "Léa Martin",
    customer_says: str | None = "Bonjour, ma commande n'est toujours pas arrivée.",
    agent: str | None = "camille.dupont",
) -> AuditContext:
    """An interaction: the customer's message (if any), then each agent reply in turn."""
    texts = ([("customer", customer_says)] if customer_says else []) + [
        ("agent", text) for text in replies
    ]
    messages = tuple(
        Message(index, author, OPENED + dt.timedelta(minutes=5 * index), text)
        for index, (author, text) in enumerate(texts)
    )
    return AuditContext(
        interaction_id="T-1001",
        channel=channel,
        reason="livraison.retard",
        language=language,
        messages=messages,
        standards=tuple(standards),
        bible=rules or bible(),
        opened_at=OPENED,
        customer_name=customer,
        agent=agent,
    )
