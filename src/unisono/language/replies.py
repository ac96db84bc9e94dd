"""Whether an agent's replies contain a built-in element, judged as a reader would.

Most elements are recognised by the patterns of :mod:`unisono.language.elements`. Three are
also recognised by what a sentence does, since agents phrase them in countless ways:

- **reformulation**: a clause that restates the customer's words (most of its content words
  are theirs: « Le monteur n'est pas venu samedi » for « le monteur n'est jamais venu samedi »);
- **solution**: a clause that answers or acts: an action (« je vous rembourse »), or a statement
  with some content that is not a greeting, a closing, an apology, a feeling, a question, a
  restatement, nor a deflection (« ce n'est pas notre service », « je vais essayer », « je vous
  passe le service », « rappelez plus tard »: a bare transfer or attempt is no solution);
- **next_steps**: what happens next or what the customer does next: a future (« vous
  recevrez », « je vous enverrai », « we'll call you »), an instruction (« répondez à cet
  e-mail », « voyez avec le vendeur », « just reply »), a condition (« dès réception »).
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import NamedTuple

from unisono.language.cues import content_stems_folded
from unisono.language.elements import OPENING, pattern
from unisono.language.folding import match_form
from unisono.language.sentences import Span, sentences
from unisono.language.signals import instructs, signal, tells_future

__all__ = ["Replies", "contains"]

_DIGIT = re.compile(r"[0-9]")
# Where a clause ends: « : », « ; » and a dash between spaces, « , mais »; the pattern finds
# the sign (a set of characters first: the engine jumps from one to the next), and
# :func:`_cuts` takes the space before it in (« \s?[:;]\s|\s[—-]\s|,\s(?=mais\s|but\s) »).
_CLAUSE_END = re.compile(r"[:;,—-](?:(?<=[:;])\s|(?<=\s[—-])\s|(?<=,)\s(?=mais\s|but\s))")
_COURTESY = re.compile(
    r"\W*(?:merci|thanks?|bienvenue|welcome)\b|\W*(?:je suis|i'm|i am|c'est) \w+\W*$|"
    r"\W*\w+ (?:speaking|a votre ecoute)\W*$"
)
_CONDITION = re.compile(
    r"\W*(?:si|s'il|s'ils|if|once|when|quand|lorsque|des (?:reception|que|l'|le |la |les )|"
    r"as soon as|after|apres|une fois)\b"
)
_MIN_CONTENT = 2  # content words a clause needs to answer anything
_RESTATED_WORDS = 3  # content words of the customer's a restatement takes
_RESTATED_SHARE = 0.5  # of a clause's content words, taken from the customer's messages
_SIGNATURE_WORDS = 5  # words of a line under a reply that signs it
_FEELING_WORDS = 6  # an apology or a feeling with this few content words says nothing else


class Replies:
    """An interaction's texts as the element checks read them: built once per interaction,
    what several elements need (folded texts, clauses, the customer's words) is read once."""

    def __init__(
        self,
        agent: tuple[str, ...],
        customer: tuple[str, ...],
        language: str,
        customer_name: str | None = None,
    ) -> None:
        self.agent, self.customer, self.language = agent, customer, language
        self.customer_name = customer_name
        self._stems: dict[int, set[str]] = {}
        self._found: dict[str, list[list[tuple[int, int]]]] = {}

    @cached_property
    def folded(self) -> list[str]:
        """The agent's replies in match form."""
        return [match_form(text) for text in self.agent]

    @cached_property
    def clauses(self) -> list[_Clause]:
        """The agent's sentences, cut at « : », « ; », dashes and « , mais »."""
        found: list[_Clause] = []
        for number, (text, folded) in enumerate(zip(self.agent, self.folded, strict=True)):
            for span in sentences(text):
                start = span.start
                for begin, end in _cuts(folded, span.start, span.end):
                    found.append(_Clause(len(found), number, folded, start, begin, span))
                    start = end
                found.append(_Clause(len(found), number, folded, start, span.end, span))
        return found

    @cached_property
    def customer_stems(self) -> set[str]:
        """The content words of the customer's messages."""
        return {stem for text in self.customer for stem in content_stems_folded(match_form(text))}

    @cached_property
    def refuses(self) -> bool:
        """Whether the agent refuses or sends the customer elsewhere, somewhere."""
        refusal = signal("refusal", self.language)
        return any(refusal.search(text) for text in self.folded)

    def has(self, kind: str, clause: _Clause, span: Span | None = None) -> bool:
        """Whether a match of ``kind`` (an element, "refusal", "attempt") starts in the clause
        (or ``span``): every reply is searched once per kind."""
        found = self._found.get(kind)
        if found is None:
            regex = pattern(kind, self.language) or signal(kind, self.language)
            found = self._found[kind] = [
                [m.span() for m in regex.finditer(text)] for text in self.folded
            ]
        start, end = (clause.start, clause.end) if span is None else span
        return any(start <= a < end for a, _ in found[clause.text])

    def clause_at(self, text: int, offset: int) -> _Clause | None:
        """The clause of reply ``text`` that holds ``offset``."""
        for clause in self.clauses:
            if clause.text == text and clause.start <= offset < clause.end:
                return clause
        return None

    def stems(self, clause: _Clause) -> set[str]:
        """The content words of one of :attr:`clauses`."""
        found = self._stems.get(clause.number)
        if found is None:
            found = self._stems[clause.number] = set(
                content_stems_folded(clause.folded, clause.start, clause.end)
            )
        return found


def _cuts(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clause ends in ``folded[start:end]``: a sign and the spaces around it."""
    cuts: list[tuple[int, int]] = []
    after = start  # where the previous cut ended: the next one starts there at the earliest
    for cut in _CLAUSE_END.finditer(folded, start, end):
        begin = cut.start()
        space_before = begin > after and folded[begin - 1].isspace()
        if folded[begin] in ":;":
            begin -= space_before
        elif folded[begin] != ",":  # a dash: the space before it is the cut's
            if not space_before:
                continue
            begin -= 1
        cuts.append((begin, cut.end()))
        after = cut.end()
    return cuts


def contains(element: str, replies: Replies) -> bool | None:
    """Whether the agent's replies contain the built-in ``element``; None if not built in."""
    found = pattern(element, replies.language)
    if found is None:
        return None
    if element == "greeting":
        return any(
            found.search(folded, 0, _opening(text))
            for text, folded in zip(replies.agent, replies.folded, strict=True)
        )
    if element == "solution":
        return _solves(replies)
    if any(found.search(text) for text in replies.folded):
        return True
    if element == "identification":
        return _names_customer(replies, replies.folded)
    if element == "reformulation":
        return any(_restates(clause, replies) for clause in replies.clauses)
    if element == "next_steps":
        return _tells_what_next(replies)
    return False


def _opening(text: str) -> int:
    first = sentences(text)[:1]
    return max(OPENING, first[0].end if first else 0)


def _names_customer(replies: Replies, texts: list[str]) -> bool:
    name = set(re.findall(r"[a-z]{3,}", match_form(replies.customer_name or "")))
    name -= {"madame", "monsieur", "mademoiselle", "mrs", "miss"}
    return bool(name) and any(name & set(re.findall(r"[a-z]{3,}", text)) for text in texts)


class _Clause(NamedTuple):  # a tuple: made by the dozen for every interaction
    number: int
    text: int  # the reply it is in
    folded: str
    start: int
    end: int
    sentence: Span


def _restates(clause: _Clause, replies: Replies) -> bool:
    said = replies.stems(clause)
    shared = said & replies.customer_stems
    return len(shared) >= _RESTATED_WORDS and len(shared) >= _RESTATED_SHARE * len(said)


def _solves(replies: Replies) -> bool:
    """An action on the request, or (unless the agent deflects it) an answer to it; neither
    a question, nor a condition (« dès réception, je vous enverrai … »), nor a deflection."""
    acts = pattern("solution", replies.language)
    if acts is not None:
        for number, text in enumerate(replies.folded):
            for found in acts.finditer(text):
                clause = replies.clause_at(number, found.start())
                if clause is not None and _stands(clause, replies):
                    return True
    if replies.refuses:
        return False
    return any(_stands(c, replies) and _answers(c, replies) for c in replies.clauses)


def _stands(clause: _Clause, replies: Replies) -> bool:
    """Whether the clause says something for itself: not a question, a condition, a
    signature, an attempt, nor part of a refusal."""
    if clause.folded[clause.sentence.end - 1 : clause.sentence.end] == "?":
        return False
    if _CONDITION.match(clause.folded, clause.start) or _is_signature(clause):
        return False
    if replies.refuses and replies.has("refusal", clause, clause.sentence):
        return False
    attempt = signal("attempt", replies.language)
    return not _matches(attempt, clause, Span(clause.start, clause.end))


def _is_signature(clause: _Clause) -> bool:
    """A short line without a full stop: a name, a service, a company (« Service Clients »)."""
    text = clause.folded[clause.start : clause.end]
    line_end = clause.folded.find("\n", clause.end)
    whole_line = clause.folded[clause.end : len(clause.folded) if line_end < 0 else line_end]
    return (
        not whole_line.strip()
        and len(text.split()) <= _SIGNATURE_WORDS
        and (text[-1:] not in ".!?…")
    )


def _answers(clause: _Clause, replies: Replies) -> bool:
    """A statement with content that is none of the other elements' formulas."""
    said = set(replies.stems(clause))
    if _DIGIT.search(clause.folded, clause.start, clause.end):
        said.add("0")  # a value stated counts as content
    if len(said) < _MIN_CONTENT or len(said - replies.customer_stems) < _MIN_CONTENT:
        return False  # too little, or the customer's own words (a restatement)
    text = clause.folded[clause.start : clause.end]
    if _COURTESY.match(text) or signal("callback", replies.language).search(text):
        return False
    lang, span = replies.language, Span(clause.start, clause.end)
    if any(_matches(pattern(e, lang), clause, span) for e in ("greeting", "closing")):
        return False
    feeling = any(_matches(pattern(e, lang), clause, span) for e in ("apology", "empathy"))
    return not (feeling and len(said) <= _FEELING_WORDS)


def _matches(found: re.Pattern[str] | None, clause: _Clause, span: Span) -> bool:
    """Whether ``found`` is in the span (searched alone: « ^ » is its start)."""
    return found is not None and found.search(clause.folded[span.start : span.end]) is not None


def _tells_what_next(replies: Replies) -> bool:
    lang = replies.language
    attempt = signal("attempt", lang)
    if not any(tells_future(t, lang) or instructs(t, lang) for t in replies.folded):
        return False
    for clause in replies.clauses:
        said = clause.folded[clause.start : clause.end]  # searched alone, as _matches does
        if tells_future(said, lang) and attempt.search(said) is None:
            return True
        if instructs(said, lang):
            return True
    return False
