"""Replies that ignore the approved answer: how much of what the approved answer says for the
interaction's channel the agent's reply says too.

The approved answer is the one of the first applicable standard of the ``processes`` section
that has one for the channel, among the standards of the contact reason, which come before the
communication standards (these give a channel's layout — « [Réponse : …] » — not an answer to
compare with; a process standard after them applies to every reason). Its facts are filled
with the bible's values, the company with its name; other placeholders and « [bracketed] »
directions are left out; an answer written as alternatives (« [Colis en point relais] … »
lines) is compared one alternative at a time. On both sides the greeting, the closing and the
signature are left out (they say nothing of the answer, and have their own check), and so are
the names of the customer, the agent and the company.

The similarity is the Dice coefficient of the two sets of content stems
(:func:`unisono.language.cues.content_stems`: words of three letters or more, function words,
units and numbers left out, compared by their first five letters), for the reply that comes
closest. A reply scoring below :data:`THRESHOLD` is reported.

:data:`THRESHOLD` was chosen on the demo data (``unisono demo generate``, seeds 1 and 2,
25,000 interactions, whose replies are built from the approved answers with variations,
fillers, added sentences and slips): none of the 21,060 French replies whose own process
standard applied scores below 0.41 (1 % below 0.49), while 93 % of the same replies compared
with the approved answer of another contact reason on the same channel score below 0.35 (90 %
below 0.32). Hand-written paraphrases of an approved answer score 0.45-0.70, replies that
answer the request without following the answer 0.08-0.15: 0.35 leaves a margin on both
sides. Replies in another language than the bible's are not compared, nor replies that are
only a greeting or a closing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from unisono.audit.checks.base import (
    AuditContext,
    BibleRules,
    Finding,
    Kind,
    Message,
    StandardRules,
)
from unisono.audit.memo import by_identities
from unisono.language.cues import content_stems, content_stems_folded
from unisono.language.elements import pattern
from unisono.language.folding import match_form
from unisono.language.sentences import Span, sentences

__all__ = ["THRESHOLD", "OffStandardAnswers", "approved_answer"]

THRESHOLD = 0.35
_FOUND_CHARS = 300
_PLACEHOLDER = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")
_DIRECTION = re.compile(r"\[[^\]\n]*\]")
_ALTERNATIVE = re.compile(r"^\s*\[[^\]\n]*\]\s*(\S.*)$")
_SPACES = re.compile(r"[ \t]+")
_FORMULA = 70  # characters: a sentence this short with a greeting (closing) is one
_FORMULA_REACH = 30  # a longer sentence is one when it opens with it
_SIGNATURE = 40  # characters: a short line at the end is a signature (name, service, reference)


@dataclass(frozen=True)
class _Script:
    """An approved answer, filled, and the content stems of each of its alternatives."""

    text: str
    variants: tuple[frozenset[str], ...]


class OffStandardAnswers:
    """Replies far from the approved answer of the standard for the reason and channel."""

    kind: Kind = "off_standard_answer"

    def run(self, context: AuditContext) -> Iterable[Finding]:
        """At most one finding: the interaction's replies all stay far from the answer."""
        if not context.replies or context.language != context.bible.language:
            return []
        standard = _approved_by(context.standards, context.channel)
        if standard is None:
            return []
        script = _scripts((standard, context.bible))[context.channel]
        drop = _name_stems(context)
        scored = [(_similarity(script, m, context.language, drop), m) for m in context.replies]
        said = [(score, m) for score, m in scored if score is not None]
        if not said:
            return []  # greetings and closings only: nothing to compare yet
        best, reply = max(said, key=lambda item: item[0])
        if best >= THRESHOLD:
            return []
        return [_finding(standard, script, reply, context, best)]


def approved_answer(context: AuditContext) -> tuple[StandardRules, str] | None:
    """The approved answer for the interaction's channel, as the agent should have written it
    (facts, company and names filled), with its standard; None when there is none."""
    standard = _approved_by(context.standards, context.channel)
    if standard is None:
        return None
    script = _scripts((standard, context.bible))[context.channel]
    return standard, _expected(script.text, context)


def _approved_by(standards: tuple[StandardRules, ...], channel: str) -> StandardRules | None:
    """The first process standard with an answer for ``channel``, among those before the first
    communication standard: the standards of the contact reason (or of a parent reason) come
    first; a process standard after a communication one applies to every reason
    (« gestes commerciaux »), and its answer is no answer to this request."""
    for standard in standards:
        if standard.section != "processes":
            return None
        if channel in standard.answers:
            return standard
    return None


@by_identities
def _scripts(rules: tuple[StandardRules | BibleRules, ...]) -> dict[str, _Script]:
    standard, bible = rules
    assert isinstance(standard, StandardRules)
    assert isinstance(bible, BibleRules)
    values = {fact.name: fact.raw for fact in standard.facts} | {"company": bible.company}
    scripts = {}
    drop = set(content_stems(bible.company))
    for channel, answer in standard.answers.items():
        filled = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group()), answer)
        plain = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), " "), answer)
        variants = tuple(
            frozenset(_core_stems(v, bible.language)) - drop for v in _alternatives(plain)
        )
        scripts[channel] = _Script(filled, variants)
    return scripts


def _alternatives(answer: str) -> list[str]:
    """The answer, or each of its alternatives: lines « [Case] text » with the common lines.
    A script whose every line is labelled (« [Accueil] … », « [Reformulation] … ») is one."""
    lines = answer.splitlines()
    labelled = {i: m.group(1) for i, line in enumerate(lines) if (m := _ALTERNATIVE.match(line))}
    written = [line for line in lines if line.strip()]
    if not labelled or len(labelled) == len(written):
        return [_DIRECTION.sub(" ", answer)]
    common = [_DIRECTION.sub(" ", line) for i, line in enumerate(lines) if i not in labelled]
    return ["\n".join(common)] + ["\n".join([*common, text]) for text in labelled.values()]


def _core_stems(text: str, language: str) -> list[str]:
    """The content stems of ``text`` without its opening greeting, its closing and the
    signature under it."""
    folded = match_form(text)
    spans = sentences(text)
    greeting, closing = pattern("greeting", language), pattern("closing", language)
    first, last = 0, len(spans)
    while first < last and _says(greeting, folded, spans[first], opening=False):
        first += 1
    while last > first and (
        _says(closing, folded, spans[last - 1])
        or spans[last - 1].end - spans[last - 1].start <= _SIGNATURE
    ):
        last -= 1  # the closing, and the signature under it
    if first >= last:
        return []
    # between sentences there are only spaces: their words are those of the whole stretch
    return content_stems_folded(folded, spans[first].start, spans[last - 1].end)


def _says(found: re.Pattern[str] | None, folded: str, span: Span, *, opening: bool = True) -> bool:
    """Whether the sentence is a closing (greeting): a short one that has it, or (``opening``)
    a longer one that opens with it (« Je reste à votre disposition pour … »)."""
    if found is None:
        return False
    if span.end - span.start <= _FORMULA:
        return found.search(folded, span.start, span.end) is not None
    return opening and found.search(folded, span.start, span.start + _FORMULA_REACH) is not None


def _similarity(script: _Script, reply: Message, language: str, drop: set[str]) -> float | None:
    """Dice of the reply's content stems with the closest alternative; None: no content."""
    said = set(_core_stems(reply.text, language)) - drop
    if not said:
        return None
    return max(
        (2 * len(said & v) / (len(said) + len(v)) for v in script.variants if v), default=1.0
    )


def _name_stems(context: AuditContext) -> set[str]:
    names = f"{context.customer_name or ''} {(context.agent or '').replace('.', ' ')}"
    return set(content_stems(names)) | set(content_stems(context.bible.company))


def _finding(
    standard: StandardRules, script: _Script, reply: Message, context: AuditContext, score: float
) -> Finding:
    first = sentences(reply.text)[:1] or (Span(0, len(reply.text)),)
    return Finding(
        kind="off_standard_answer",
        standard_id=standard.standard_id,
        standard_version=standard.version,
        evidence=reply.text[first[0].start : first[0].end],
        expected=_expected(script.text, context),
        found=reply.text[:_FOUND_CHARS],
        message=reply.index,
        start=first[0].start,
        end=first[0].end,
        detail={"similarity": round(score, 3), "threshold": THRESHOLD},
    )


def _expected(text: str, context: AuditContext) -> str:
    """The approved answer as the agent should have written it (names filled when known)."""
    agent = (context.agent or "").split(".")[0]
    names = {"customer_name": context.customer_name or "", "agent_name": agent.title()}
    filled = _PLACEHOLDER.sub(lambda m: names.get(m.group(1), "…"), _DIRECTION.sub("", text))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in filled.strip().splitlines())
