"""Cue words: the words that tell what a value in a sentence is about.

« Votre remboursement sera effectué sous 14 jours »: the words before a value (and a few after)
say which policy value it is. Words are compared by a short prefix (:func:`stem`: « rembourse »,
« remboursement », « remboursons » share « rembo »), function words and units left out.
Words of the same idea in other words, and in English, are :mod:`unisono.language.families`.
"""

from __future__ import annotations

import re

from unisono.language.folding import match_form

__all__ = ["STEM_SIZE", "content_stems", "content_stems_folded", "stem"]

STEM_SIZE = 5
_WORD = re.compile(r"[a-z]+")


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS = _set(
    # French
    "les des une que qui quoi dont est sont sera seront etre avec pour par sur sous dans chez "
    "vous nous votre vos notre nos leur leurs son ses mon mes ton tes elle elles ils lui moi "
    "toi cet cette ces aux mais donc car puis alors plus moins tres bien tout tous toute toutes "
    "avant apres entre depuis pendant jusqu ici fait faire peut pouvez avez avons ont etes "
    "sommes suis ete ainsi aussi encore deja comme quand soit selon "
    # English
    "the and for with from within your you our ours their this that these those will would "
    "can could shall should may might has have had are was were been being into onto about "
    "than then there here what which who whom when where how all any each every some more "
    "most very just also only once its they them she her his him not but yet"
)
_UNIT_WORDS = _set(
    "jour jours journee heure heures semaine semaines mois ans annee annees minute minutes "
    "seconde secondes ouvre ouvres ouvrable ouvrables day days hour hours week weeks month "
    "months year years business working eur euro euros usd dollar dollars gbp pound pounds "
    "cent cents centime centimes percent pourcent"
)
_NUMBER_WORDS = _set(
    "zero un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze "
    "quinze seize vingt trente quarante cinquante soixante cent mille one two three four five "
    "seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty hundred half "
    "demi demie quinzaine huitaine dizaine douzaine"
)

_SKIP = _STOPWORDS | _UNIT_WORDS | _NUMBER_WORDS
_STEMS_KEPT = 200_000  # words whose stems are kept (then the cache starts over)
_STEMS: dict[str, str] = {}
_CONTENT: dict[str, str] = {}  # word -> its stem, "" for a word that is no content word


def stem(word: str) -> str:
    """The prefix words are compared by, once their endings are off: « bloquée », « bloque »
    and « bloquer » are all « bloqu »; « opening » is « open », « issued » and « issue »
    « issu », « livrées » « livr »."""
    found = _STEMS.get(word)
    if found is None:
        if len(_STEMS) >= _STEMS_KEPT:
            _STEMS.clear()
        found = _STEMS[word] = _stem(word)
    return found


def _stem(word: str) -> str:
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) > len(ending) + 3:
            word = word[: -len(ending)]
            if word[-1] == word[-2] and word[-1] not in "aeiouls":
                word = word[:-1]  # « shipped », « shipping »: « ship »
            break
    if word.endswith("s") and len(word) > 4:
        word = word[:-1]
    while word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word[:STEM_SIZE]


def content_stems(text: str) -> list[str]:
    """The stems of the content words of ``text`` (any case and accents), in order."""
    return content_stems_folded(match_form(text))


def content_stems_folded(folded: str, start: int = 0, end: int | None = None) -> list[str]:
    """:func:`content_stems` of ``folded[start:end]``, already in match form."""
    stop = len(folded) if end is None else end
    kept = _CONTENT
    found = []
    for word in _WORD.findall(folded, start, stop):
        known = kept.get(word)
        if known is None:  # a word seen for the first time (the hot path is a dict lookup)
            if len(kept) >= _STEMS_KEPT:
                kept.clear()
            known = kept[word] = "" if len(word) < 3 or word in _SKIP else stem(word)
        if known:
            found.append(known)
    return found
