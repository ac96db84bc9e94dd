"""Phrases found in text whatever their case, accents, apostrophes, hyphens, spacing and
inflection: « pas de souci » also matches « Pas de soucis », « pas d'souci » and « PAS  DE
SOUCI », never the inside of another word (« malheureusement » is not « heureusement »).

A phrase becomes a regular expression over :func:`~unisono.language.folding.match_form` text:
its words in order, separated by any run of spaces, apostrophes, hyphens or punctuation; a
short French word may be elided (« de » matches « d' »); a longer word also matches its plural
and feminine forms (a light stemming: « désolé » matches « désolée », « désolés »). Verb
conjugations are not guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from unisono.language.folding import fold, match_form

__all__ = ["PhraseMatcher", "phrase_pattern", "words"]

_WORD = re.compile(r"[a-z0-9]+")
_SEPARATOR = r"[\s'\-.,;:!?…\"«»“”()/]+"
_SEPARATOR_OR_NONE = _SEPARATOR[:-1] + "*"
# French words that lose their vowel before another vowel: « de » -> « d' », « que » -> « qu' »
_ELIDED = {
    "de": "d", "le": "l", "la": "l", "je": "j", "ne": "n", "que": "qu", "se": "s", "ce": "c",
    "me": "m", "te": "t", "si": "s", "jusque": "jusqu", "lorsque": "lorsqu", "puisque": "puisqu",
}  # fmt: skip
_ENDINGS = ("es", "s", "x", "e")  # plural and feminine endings, longest first
_INFLECTED = "(?:e|es|s|x|ee|ees)?"  # « désolé »: désolée, désolés, désolées
_FEMININE = "(?:e|es|s|x)?"  # « sûr »: sûre, sûrs; « perdu »: perdue
_PLURAL = "(?:s|x)?"  # « nickel »: nickels, never « nickelé »
_FEMININE_AFTER = frozenset("tdrniu")
_LEFT, _RIGHT = r"(?<![a-z0-9-])", r"(?![a-z0-9]|-[a-z0-9])"  # whole words, not compounds
_INVARIABLE = {
    "vous", "nous", "pas", "plus", "tous", "dans", "sous", "mais", "sans", "avec", "pour",
    "chez", "leur", "tres", "apres", "depuis", "alors", "this", "your", "yours", "please",
}  # fmt: skip


def words(text: str) -> list[str]:
    """The folded words of ``text``."""
    return _WORD.findall(fold(text))


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _word_pattern(word: str) -> str:
    if word in _ELIDED:
        return f"{word}|{_ELIDED[word]}(?=')" if word != "si" else word
    if word.isdigit() or word in _INVARIABLE or (len(word) < 4 and word != "sur"):
        return re.escape(word)
    stem = _stem(word)
    if stem != word:
        return re.escape(stem) + _INFLECTED
    return re.escape(word) + (_FEMININE if word[-1] in _FEMININE_AFTER else _PLURAL)


def phrase_pattern(phrase: str, *, bounded: bool = True) -> str | None:
    """The regular expression (over match-form text) of ``phrase``, None when it has no word;
    ``bounded``: only as whole words. Words an apostrophe joins may also be written together
    (« don't hesitate »: « dont hesitate »)."""
    form = match_form(phrase)
    found = list(_WORD.finditer(form))
    if not found:
        return None
    parts = [f"(?:{_word_pattern(found[0].group())})"]
    for before, match in pairwise(found):
        gap = form[before.end() : match.start()]
        parts.append(_SEPARATOR_OR_NONE if gap == "'" else _SEPARATOR)
        parts.append(f"(?:{_word_pattern(match.group())})")
    inner = "".join(parts)
    return _LEFT + inner + _RIGHT if bounded else inner


@dataclass(frozen=True)
class Match:
    """A phrase found in a text: its key (index in the matcher's list) and its place."""

    key: int
    start: int
    end: int


@dataclass(frozen=True)
class _Phrase:
    key: int
    size: int  # words
    clue: str  # a literal every match contains: a quick test before the pattern
    pattern: re.Pattern[str]


@lru_cache(maxsize=4096)
def _compiled(phrase: str) -> tuple[str, re.Pattern[str]] | None:
    found = words(phrase)
    pattern = phrase_pattern(phrase)
    if pattern is None:
        return None
    longest = max(found, key=len)
    clue = _stem(longest) if len(longest) >= 4 and longest not in _INVARIABLE else longest
    return clue, re.compile(pattern)


class PhraseMatcher:
    """Finds several phrases in a text; a match's ``key`` is the phrase's index in the list.

    Where matches overlap, the phrase with more words wins, then the one listed first.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = list(phrases)
        self._phrases = []
        for key, phrase in enumerate(self.phrases):
            compiled = _compiled(phrase)
            if compiled is not None:
                self._phrases.append(_Phrase(key, len(words(phrase)), *compiled))

    def finditer(self, text: str) -> Iterator[Match]:
        """Every match in ``text`` (original text: it is folded here), left to right."""
        folded = match_form(text)
        found = [
            (match.start(), -phrase.size, phrase.key, match.end())
            for phrase in self._phrases
            if phrase.clue in folded
            for match in phrase.pattern.finditer(folded)
        ]
        found.sort()
        end = 0
        for start, _, key, stop in found:
            if start >= end:
                yield Match(key, start, stop)
                end = stop

    def search(self, text: str) -> Match | None:
        """The first match in ``text``, or None."""
        return next(self.finditer(text), None)
