"""Tutoiement and vouvoiement in French replies: the bible says which one the company uses
(``formality: vous`` or ``tu``), and an agent should never mix both with one customer.

With ``vous`` (and when the bible does not say), every sentence that addresses the customer as
« tu » is flagged: « tu peux », « je te rappelle », « t'inquiète », « ton colis », « merci à
toi », « dis-moi ». Not tutoiement: « tu » inside a word (« statut »),
names (« M. Tu », « Ta Nguyen », a word of the customer's name), « le ton » (a tone), and
words the agent quotes. With ``tu``, vouvoiement is flagged only where it is clearly one
person's (the sentence also says « Madame », « Monsieur » or the customer's name: « vous »
may be plural), and any vouvoiement when the agent also tutoies in the same interaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from unisono.audit.checks.base import AuditContext, Finding, Kind, Message
from unisono.language.folding import match_form
from unisono.language.sentences import Span, inside, quotations, sentences

__all__ = ["Formality"]

_L, _R = r"(?<![\w'])", r"(?![\w'])"
_TU = re.compile(
    rf"{_L}(?:tu|te|toi|tes|stp)(?![\w'-])"  # pronouns (and « s'il te plaît » in short)
    rf"|(?<=-)(?:tu|toi){_R}"  # « peux-tu », « rassure-toi »
    rf"|{_L}t'(?=[a-z])"  # « t'inquiète », « je t'envoie »
    rf"|{_L}(?:ton|ta)\s+(?=[a-z])"  # « ton colis », « ta commande »
    r"|\b[a-z]{2,}(?<!ez)(?<!es)(?<!chez)-moi\b"  # imperative: « dis-moi », « envoie-moi »
)
_LETTER = re.compile(r"[a-z0-9]")
_NEXT_WORD = re.compile(r"\s*(\S+)")
# quick and wider: « \bt(?:u|e|oi|es|on|a|')(?:\b|')|\bstp\b|-moi\b », each branch opening
# with a letter (its word start checked after it), so that the engine jumps from one to the next
_MAYBE_TU = re.compile(r"t(?<!\wt)(?:u|e|oi|es|on|a|')(?:\b|')|s(?<!\ws)tp\b|-moi\b")
_VOUS = re.compile(rf"{_L}(?:vous|votre|vos){_R}")
_SINGULAR = re.compile(rf"{_L}(?:madame|monsieur|mademoiselle|mme|mlle|m\.)(?![\w])")
_TITLE_BEFORE = re.compile(r"(?:madame|monsieur|mme|mlle|m\.|mr|ms|mrs|dr)\s*$")
_TONE_BEFORE = re.compile(r"(?:\b(?:le|un|du|au|ce|mon|votre|son|leur|quel|meme|de)\s+)$")


class Formality:
    """Tutoiement where the bible says « vous » (or mixed with « vous »), and the reverse."""

    kind: Kind = "formality"

    def run(self, context: AuditContext) -> Iterable[Finding]:
        """One finding per sentence that addresses the customer the wrong way."""
        if context.language != "fr":
            return []
        names = _name_words(context.customer_name)
        tu: list[tuple[Message, Span, list[str]]] = []
        vous: list[tuple[Message, Span, bool]] = []
        wants_tu = context.bible.formality == "tu"
        for message in context.replies:
            folded = match_form(message.text)
            if not wants_tu and not _MAYBE_TU.search(folded):
                continue  # most replies: no « tu » at all, nothing to read sentence by sentence
            quoted = quotations(message.text)
            for sentence in sentences(message.text):
                if inside(quoted, sentence.start, sentence.end) and _all_quoted(quoted, sentence):
                    continue
                markers = list(_tutoiement(message.text, folded, sentence, quoted, names))
                if markers:
                    tu.append((message, sentence, markers))
                elif _VOUS.search(folded, sentence.start, sentence.end):
                    single = _singular(folded, sentence, names)
                    vous.append((message, sentence, single))
        if wants_tu:
            return [
                _finding(m, s, expected="tu", found="vous", markers=[])
                for m, s, single in vous
                if single or tu
            ]
        return [_finding(m, s, expected="vous", found="tu", markers=k) for m, s, k in tu]


def _tutoiement(
    text: str, folded: str, sentence: Span, quoted: tuple[Span, ...], names: set[str]
) -> Iterator[str]:
    """The words of ``sentence`` that say « tu » to the customer, as written."""
    for match in _TU.finditer(folded, sentence.start, sentence.end):
        start, end = match.span()
        word = text[start:end].strip()
        if inside(quoted, start, end) or _is_name(text, folded, sentence, start, word, names=names):
            continue
        if word.lower() in ("ton", "ta") and _is_tone(folded, sentence.start, start):
            continue  # « le ton », « un ton bois », « ton sur ton »: a tone, a shade
        yield word


def _is_tone(folded: str, floor: int, start: int) -> bool:
    if folded.startswith("ton sur ton", start) or folded.startswith("ton sur ton", start - 8):
        return True
    return _TONE_BEFORE.search(folded, floor, start) is not None


def _is_name(
    text: str, folded: str, sentence: Span, start: int, word: str, *, names: set[str]
) -> bool:
    """« M. Tu », « Madame Ta », « Tu Nguyen », « Toi & Moi », a word of the customer's name:
    a capitalised word inside a sentence, not followed by a lower-case word, is a name."""
    if not word[:1].isupper():
        return False
    if _TITLE_BEFORE.search(folded, max(0, start - 12), start):
        return True
    if word.lower() in names:
        return True
    first = not _LETTER.search(folded, sentence.start, start)
    following = _NEXT_WORD.match(text, start + len(word))
    return not first and (following is None or not following.group(1)[:1].islower())


def _singular(folded: str, sentence: Span, names: set[str]) -> bool:
    if _SINGULAR.search(folded, sentence.start, sentence.end):
        return True
    words = set(re.findall(r"[a-z]+", folded[sentence.start : sentence.end]))
    return bool(names & words)


def _name_words(name: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", match_form(name or "")) if len(w) >= 2}


def _all_quoted(quoted: tuple[Span, ...], sentence: Span) -> bool:
    return any(q.start <= sentence.start and sentence.end <= q.end for q in quoted)


def _finding(
    message: Message, sentence: Span, *, expected: str, found: str, markers: list[str]
) -> Finding:
    return Finding(
        kind="formality",
        standard_id=None,
        standard_version=None,
        evidence=message.text[sentence.start : sentence.end],
        expected=expected,
        found=found,
        message=message.index,
        start=sentence.start,
        end=sentence.end,
        detail={"markers": markers} if markers else {},
    )
