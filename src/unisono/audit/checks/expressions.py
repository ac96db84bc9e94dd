"""Expressions to avoid, in the agent's replies: the bible's own list (bible.yml) and each
applicable standard's, found whatever their case, accents, apostrophes, hyphens, spacing and
plural or feminine forms (:mod:`unisono.language.lexicon`).

The lists of a context are matched at once, by one pattern prepared per bible and set of
standards. Where two expressions overlap (« vous auriez dû » and « vous auriez dû refuser le
colis »), the one with more words is reported; an expression on several lists is reported for
the most specific standard (the first of the context), bible.yml last. Words the agent quotes
(« vous m'avez écrit "c'est impossible" ») are not the agent's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from unisono.audit.checks.base import (
    AuditContext,
    BibleRules,
    Finding,
    Forbidden,
    Kind,
    StandardRules,
)
from unisono.audit.memo import by_identities
from unisono.language.lexicon import PhraseMatcher
from unisono.language.sentences import inside, quotations

__all__ = ["ForbiddenExpressions"]


@dataclass(frozen=True)
class _Entry:
    """An expression to avoid, and the list it is on."""

    forbidden: Forbidden
    standard_id: str | None
    version: int | None


@dataclass(frozen=True)
class _Lists:
    entries: tuple[_Entry, ...]
    matcher: PhraseMatcher


@by_identities
def _lists(rules: tuple[BibleRules | StandardRules, ...]) -> _Lists:
    """Every expression of the standards, most specific first, then bible.yml's."""
    entries = []
    for rule in rules:
        if isinstance(rule, StandardRules):
            entries += [_Entry(f, rule.standard_id, rule.version) for f in rule.forbidden]
        else:
            entries += [_Entry(f, None, None) for f in rule.forbidden]
    return _Lists(tuple(entries), PhraseMatcher(e.forbidden.expression for e in entries))


class ForbiddenExpressions:
    """Expressions the bible or an applicable standard says to avoid."""

    kind: Kind = "forbidden_expression"

    def run(self, context: AuditContext) -> Iterable[Finding]:
        """One finding per expression to avoid used in a reply."""
        lists = _lists((*context.standards, context.bible))
        if not lists.entries:
            return []
        findings = []
        for message in context.replies:
            quoted = quotations(message.text)
            for match in lists.matcher.finditer(message.text):
                if not inside(quoted, match.start, match.end):
                    entry = lists.entries[match.key]
                    findings.append(
                        _finding(entry, message.index, message.text, match.start, match.end)
                    )
        return findings


def _finding(entry: _Entry, index: int, text: str, start: int, end: int) -> Finding:
    forbidden = entry.forbidden
    return Finding(
        kind="forbidden_expression",
        standard_id=entry.standard_id,
        standard_version=entry.version,
        evidence=text[start:end],
        expected=forbidden.replacement,
        found=forbidden.expression,
        message=index,
        start=start,
        end=end,
        detail={"expression": forbidden.expression, "replacement": forbidden.replacement},
    )
