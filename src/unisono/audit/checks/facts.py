"""Facts the agent states with another value than the bible's: « remboursé sous 10 jours »
when the applicable standard says ``delai_remboursement: 14 jours``.

Which value in a reply states which fact? A value can only state a fact of the same kind (a
duration a duration; an amount in the same currency; a percentage; a count of the same noun, or
of one counted alike; a rate per the same unit), and the words around it must say which one: the
fact's cue words (:mod:`unisono.audit.fact_cues`: its name, the approved answers around its
placeholder, the standard's text around its value, and their word families), weighed by how
close they stand to the value. The best announced fact is the one stated; a value that no cue
ties to a fact well enough (:data:`MIN_SCORE`, half of it from the value's own sentence) is not
read as a statement: precision first. Values are compared in base units (« 2 semaines » is 14
days, « 48h » 2 days, « un an » 12 months); « quinze jours » and « huit jours » (« quinzaine »,
« huitaine ») are the idioms for two weeks and one week.

Not flagged: a value right for a fact nearly as well announced as the best one (or named by a
word next to it); a value announced like an amount the answers leave to the agent (« votre
remboursement de {amount} ») or like a value the answers write out; times of day, dates,
identifiers, « 24h/24 », the customer's own case and quoted words
(:mod:`unisono.language.statements`), restatements (« si je résume »), but a time given to act
is a statement (« vous aviez 48 heures pour le signaler »). In a sentence, a fact stated right
is taken: another value there is read as the next best fact (« sous 48 heures ou sous 30
jours »).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from unisono.audit.checks.base import AuditContext, Finding, Kind
from unisono.audit.fact_targets import (
    AFTER_WEIGHTS,
    BEFORE_WEIGHTS,
    Book,
    Group,
    Index,
    Target,
    book,
    group,
)
from unisono.audit.memo import by_identities
from unisono.language.cues import content_stems_folded, stem
from unisono.language.families import KIND_WORDS, counted_alike
from unisono.language.folding import match_form
from unisono.language.quantities import Quantity
from unisono.language.sentences import Span, sentences
from unisono.language.statements import BOUND_STEMS, Statement, stated_values

__all__ = ["MIN_SCORE", "FactContradictions"]

MIN_SCORE = 0.9  # cue score below which a value is not read as stating any fact
_OWN_SHARE = 0.5  # share of MIN_SCORE a target needs from the words of the value's sentence
_NEAR = 0.8  # closeness of the words that may name a target beside the best one
CLOSE = 0.6  # another target scoring this share of the best one is as likely
_EARLIER = 0.5  # weight of the words before an earlier value of the same kind
_MAXIMA = frozenset({"max", "maxim", "plafo", "cap"})  # words of the names of limits
_WEAK_WORDS = frozenset(BOUND_STEMS["min"] + BOUND_STEMS["max"]) | KIND_WORDS
_PREVIOUS_WEIGHTS = (0.5, 0.4, 0.3, 0.2)  # the last words of the sentence before
_RESTATED = re.compile(
    r"\b(?:si je (?:vous )?(?:comprends|resume)|si j'ai bien compris|vous (?:attendiez|aviez|"
    r"pensiez|etiez)|on vous a (?:dit|indique|promis)|if i understand|so you|you(?:'re| are) "
    r"(?:still )?waiting|you (?:had|thought|were told|were promised))\b"
)
_ALLOWANCE = re.compile(r"\s*(?:pour|to|afin de) ")  # « vous aviez 48 heures pour signaler »
_PLAUSIBLE = 100  # a duration stated for a fact is within this factor of the fact's value
_REACH = 150  # characters read around a value: more than its cue words need
_DAY = 86_400
_IDIOMS = {"quinze jours": 14 * _DAY, "quinzaine": 14 * _DAY, "huit jours": 7 * _DAY}
Scored = list[tuple[float, Target]]
Weighted = list[tuple[str, float]]  # cue stems with their closeness


@by_identities
def _book(rules: tuple[object, ...]) -> Book:
    *standards, bible = rules
    return book(tuple(standards), bible)  # type: ignore[arg-type]


class FactContradictions:
    """Facts stated with another value than the applicable standards'."""

    kind: Kind = "fact_contradiction"

    def run(self, context: AuditContext) -> Iterable[Finding]:
        """One finding per value that states a fact wrongly."""
        if not any(s.facts for s in context.standards):
            return []
        facts = _book((*context.standards, context.bible))
        findings = []
        for message in context.replies:
            statements = stated_values(message.text, facts.trigger)
            if statements:
                found = _check_message(facts, message.text, statements, context.language)
                findings += [_finding(t, message.index, message.text, s) for s, t in found]
        return findings


def _check_message(
    facts: Book, text: str, statements: list[Statement], language: str
) -> list[tuple[Statement, Target]]:
    """Values read in order: a value right for a fact takes it in its sentence; a wrong value
    is then read as the best fact not taken there. Returns the wrong ones and their facts."""
    folded = match_form(text)
    taken: dict[Span, set[str]] = {}
    doubtful: list[tuple[Statement, Scored]] = []
    earlier: dict[tuple[Span, Group], int] = {}
    spans = sentences(text)
    for statement in statements:
        sentence = statement.sentence
        if _in_clause(_RESTATED, folded, statement) and not _allowance(folded, statement):
            continue  # « Si je résume : vous attendez depuis deux semaines »: their words
        kind = sentence, group(statement.quantity)
        words = _around(folded, statement, earlier.get(kind))
        before = _previous_words(folded, _previous(spans, sentence))
        scored = _scored(facts, statement, (words, before), facts.english and language == "en")
        earlier[kind] = statement.end
        near = {word for word, closeness in words if closeness >= _NEAR}
        if not scored or scored[0][0] < MIN_SCORE or scored[0][1].fact is None:
            continue  # no fact is announced, or something the answers leave to the agent
        done = taken.setdefault(sentence, set())
        right = _right_for(scored, statement, folded, done, near)
        if right is None:
            doubtful.append((statement, scored))
        elif right[1]:
            done.add(right[0].name)  # stated: another value of the sentence is another fact
    wrong = []
    for statement, scored in doubtful:
        done = taken[statement.sentence]
        for score, target in scored:
            if score >= MIN_SCORE and target.fact and target.name not in done:
                wrong.append((statement, target))
                done.add(target.name)  # once per sentence: « de 10 € à 300 €, pas 400 € »
                break
    return wrong


def _scored(
    facts: Book, statement: Statement, words: tuple[Weighted, Weighted], english_reply: bool
) -> Scored:
    """The targets the value may state, best cue score first: per target, the sum over its
    cue stems of the best closeness x weight. A target must be announced (:func:`_announced`),
    and have half its due from the value's own sentence (the one before only adds to it)."""
    index = facts.index_for(statement.quantity.dimension, english=english_reply)
    inside, before = words
    own = _best_per_word(index, inside)
    best = dict(own)
    for key, value in _best_per_word(index, before).items():
        best[key] = max(value, best.get(key, 0.0))
    scores: dict[int, float] = {}
    seen: dict[int, list[str]] = {}
    for (number, word), value in best.items():
        scores[number] = scores.get(number, 0.0) + value
        seen.setdefault(number, []).append(word)
    own_scores: dict[int, float] = {}
    for (number, word), value in own.items():
        if word not in _WEAK_WORDS:
            own_scores[number] = own_scores.get(number, 0.0) + value
    scored = []
    for number, score in scores.items():
        target = facts.targets[number]
        said = seen[number]
        unbound = [word for word in said if word not in _WEAK_WORDS]  # a bound, a kind say little
        if not _announced(target, said, unbound):
            continue
        if own_scores.get(number, 0.0) < MIN_SCORE * _OWN_SHARE:
            continue
        if target.quantity is None:
            if statement.quantity.dimension == "money":
                scored.append((score, target))
        elif _compatible(_in_terms_of(statement.quantity, target), target.quantity):
            scored.append((score, target))
    scored.sort(key=lambda item: -item[0])
    return scored


def _announced(target: Target, said: list[str], unbound: list[str]) -> bool:
    """Two cue words, or a word of the target's name (« coûte » alone does not make a price
    the fee of a fact); a bound that names it (« up to » for ``max_…``) needs another word."""
    if len(unbound) >= 2 or not target.named.isdisjoint(unbound):
        return True
    return bool(unbound) and not target.named.isdisjoint(said)


def _best_per_word(index: Index, words: Weighted) -> dict[tuple[int, str], float]:
    """Per target and cue word, the best closeness x weight of the word around the value."""
    best: dict[tuple[int, str], float] = {}
    for word, closeness in words:
        for number, weight in index.get(word, ()):
            value = closeness * weight
            if value > best.get((number, word), 0.0):
                best[number, word] = value
    return best


def _right_for(
    scored: Scored, statement: Statement, folded: str, done: set[str], words: set[str]
) -> tuple[Target, bool] | None:
    """The target the value states rightly: the best one, or one nearly as well announced
    (or named by a word next to the value) and not already stated in the sentence, with True;
    or a maximum nearly as well announced that the value keeps to, with False (the value does
    not state it: another value of the sentence still may)."""
    best_score, best = scored[0]
    text = folded[statement.start : statement.end]
    for score, target in scored:
        close = score >= CLOSE * best_score
        if not close and not target.named & words:
            continue
        if target.quantity is None or (target is not best and target.name in done):
            continue
        said = _in_terms_of(statement.quantity, target)
        if _same(said, text, target.quantity):
            return target, True
        if close and _within_limit(statement, said, target):
            return target, False
    return None


def _within_limit(statement: Statement, said: Quantity, target: Target) -> bool:
    """A value below a maximum, not said as the maximum: « can I put you on hold for a
    minute? » keeps to ``max_hold_time: 2 minutes`` (a threshold, though, is a point: « at 250
    points » states another one than 200)."""
    fact = target.quantity
    if statement.bound is not None or fact is None or not target.named & _MAXIMA:
        return False
    if said.dimension == fact.dimension == "duration" and said.per == fact.per:
        return _seconds(said) <= _seconds(fact)
    return said.dimension == fact.dimension and said.unit == fact.unit and said.value <= fact.value


def _previous(spans: tuple[Span, ...], sentence: Span) -> Span | None:
    before = [span for span in spans if span.end <= sentence.start]
    return before[-1] if before else None


def _around(folded: str, statement: Statement, earlier: int | None) -> Weighted:
    """The stems before and after the value in its sentence, each with its closeness weight;
    words before an earlier value of the same kind in the sentence weigh less: they announce
    that one (« 30 jours pour retourner l'article ; remboursé sous 30 jours »)."""
    sentence = statement.sentence
    start = max(sentence.start, statement.start - _REACH)
    cut = start if earlier is None else max(start, earlier)
    near = content_stems_folded(folded, cut, statement.start)[::-1]
    far = content_stems_folded(folded, start, cut)[::-1]
    weights = iter(BEFORE_WEIGHTS)
    weighted = list(zip(near, weights, strict=False))
    weighted += [(stem, weight * _EARLIER) for stem, weight in zip(far, weights, strict=False)]
    after = content_stems_folded(folded, statement.end, min(sentence.end, statement.end + _REACH))
    weighted += zip(after, AFTER_WEIGHTS, strict=False)
    if statement.bound is not None:  # « jusqu'à 500 € »: a maximum, a ceiling
        weighted += [(stem, 1.0) for stem in BOUND_STEMS[statement.bound]]
    return weighted


def _previous_words(folded: str, previous: Span | None) -> Weighted:
    """The last words of the sentence before, which count a little: « une enquête auprès du
    transporteur. Il nous répond sous 48 heures »."""
    if previous is None:
        return []
    start = max(previous.start, previous.end - _REACH)
    last = content_stems_folded(folded, start, previous.end)[::-1]
    return list(zip(last, _PREVIOUS_WEIGHTS, strict=False))


def _in_clause(found: re.Pattern[str], folded: str, statement: Statement) -> bool:
    """Whether ``found`` is in the sentence of the value, up to the end of its clause
    (« Si je résume : vous attendez depuis 30 jours ; … »)."""
    sentence = statement.sentence
    after = [i for i in (folded.find(c, statement.end, sentence.end) for c in ":;") if i >= 0]
    return found.search(folded, sentence.start, min(after, default=sentence.end)) is not None


def _allowance(folded: str, statement: Statement) -> bool:
    """A time given to do something: « vous aviez 48 heures pour nous le signaler »."""
    return statement.quantity.dimension == "duration" and bool(
        _ALLOWANCE.match(folded, statement.end)
    )


def _in_terms_of(said: Quantity, target: Target) -> Quantity:
    """A count as the fact counts: a noun counted alike (« le livreur passe trois fois » for
    « 2 tentatives »), per what the fact's name says (« deux codes par commande » for
    ``nombre_codes_par_commande: 1 code``)."""
    fact = target.quantity
    if fact is None or said.dimension != "count" or fact.dimension != "count":
        return said
    if said.per is not None and fact.per is None and stem(said.per) in target.named:
        said = replace(said, per=None)
    if said.unit != fact.unit and counted_alike(said.unit, fact.unit):
        said = replace(said, unit=fact.unit)
    return said


def _compatible(said: Quantity, target: Quantity) -> bool:
    if said.dimension == "money" == target.dimension and target.value == 0:
        return said.unit == target.unit  # anything but free, even « £5 a year », says a price
    if said.dimension != target.dimension or (said.per is None) != (target.per is None):
        return False
    if said.dimension in ("money", "count"):
        return said.unit == target.unit  # the same currency; a count of the same noun
    if said.dimension == "duration":
        low, high = sorted((_seconds(said), _seconds(target)))
        return low * _PLAUSIBLE >= high  # « trois minutes » does not state a 48-hour delay
    return True


def _seconds(quantity: Quantity) -> Decimal:
    value, unit = quantity.base()
    return value * {"second": 1, "month": 2_592_000, "business_day": 120_960}.get(unit, 1)


def _same(said: Quantity, text: str, target: Quantity) -> bool:
    if said.same_as(target):
        return True
    seconds, unit = target.base()
    return unit == "second" and any(
        idiom in text and seconds == Decimal(value) for idiom, value in _IDIOMS.items()
    )


def _finding(target: Target, index: int, text: str, statement: Statement) -> Finding:
    assert target.fact is not None
    assert target.standard is not None
    sentence = statement.sentence
    return Finding(
        kind="fact_contradiction",
        standard_id=target.standard.standard_id,
        standard_version=target.standard.version,
        evidence=text[sentence.start : sentence.end],
        expected=target.fact.raw,
        found=text[statement.start : statement.end],
        message=index,
        start=sentence.start,
        end=sentence.end,
        detail={"fact": target.name},
    )
