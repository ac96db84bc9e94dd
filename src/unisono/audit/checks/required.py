"""Elements the applicable standards require and none of the agent's replies contains.

The built-in elements (greeting, identification, reformulation, empathy, apology, solution,
next_steps, closing) are recognised by the French and English patterns of
:mod:`unisono.language.elements`: a greeting at the start of a reply (« Maison Aubépine,
Camille à votre écoute, bonjour ! », « Bonjour Madame Martin, », « Hi Sam! »), the other
elements anywhere in any reply. Naming the customer (a word of their name) also identifies
them. The bible's own elements (``elements`` in bible.yml) are recognised by their phrases,
matched like expressions to avoid (case, accents, apostrophes, inflections), and by what the
phrases stand for (:func:`~unisono.language.elements.declared_pattern`: any date after « d'ici
le », any duration in « sous 48 heures », an order number after « commande n° »).

Only interactions the agent answered are checked; an element is reported once, for the first
(most specific) standard that requires it. An element that is neither built in nor declared
in the bible cannot be recognised and is not reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from unisono.audit.checks.base import (
    AuditContext,
    BibleRules,
    Finding,
    Kind,
    StandardRules,
)
from unisono.audit.memo import by_identity
from unisono.language.elements import declared_pattern
from unisono.language.replies import Replies, contains

__all__ = ["MissingRequired"]


@by_identity
def _declared(bible: BibleRules) -> Mapping[str, re.Pattern[str] | None]:
    return {name: declared_pattern(phrases) for name, phrases in bible.elements.items()}


class MissingRequired:
    """Required elements (greeting, closing, …) that no reply of the agent contains."""

    kind: Kind = "missing_required"

    def run(self, context: AuditContext) -> Iterable[Finding]:
        """One finding per required element missing from every reply."""
        replies = context.replies
        if not replies:
            return []
        texts = Replies(
            agent=tuple(reply.text for reply in replies),
            customer=tuple(m.text for m in context.messages if m.author == "customer"),
            language=context.language,
            customer_name=context.customer_name,
        )
        findings = []
        for element, standard in _required(context.standards).items():
            if _missing(element, context, texts):
                findings.append(_finding(element, standard))
        return findings


def _required(standards: tuple[StandardRules, ...]) -> dict[str, StandardRules]:
    """Each required element and the first standard that requires it, in the standards' order."""
    required: dict[str, StandardRules] = {}
    for standard in standards:
        for element in standard.required:
            required.setdefault(element, standard)
    return required


def _missing(element: str, context: AuditContext, texts: Replies) -> bool:
    declared = _declared(context.bible)
    if element in declared:
        found = declared[element]
        return found is None or not any(found.search(text) for text in texts.folded)
    return contains(element, texts) is False  # None: neither built in nor declared


def _finding(element: str, standard: StandardRules) -> Finding:
    return Finding(
        kind="missing_required",
        standard_id=standard.standard_id,
        standard_version=standard.version,
        evidence="",
        expected=element,
        found=None,
        detail={"element": element},
    )
