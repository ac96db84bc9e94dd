"""What a sentence of a reply does, beyond the elements: refuse or send the customer elsewhere,
attempt without answering, promise to come back, tell what happens next (a future, an
instruction). Regular expressions over match-form text, French and English, read by
:mod:`unisono.language.replies`.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["instructs", "signal", "tells_future"]

# Refusals and redirections: a reply that has one gives no answer of its own (« Sans facture,
# on ne peut rien faire : la garantie ne s'applique que … » explains the refusal). Every branch
# opens with a plain letter (no group first), so the engine jumps between candidate letters.
_REFUSAL = {
    "fr": (
        r"ce n'est pas (?:nous|de chez nous|mon service|notre faute|le bon|a nous)",
        r"c'est pas (?:nous|de chez nous|mon service|notre faute|le bon|a nous)",
        r"n'est pas de chez nous", r"voyez (?:directement )?avec (?:le|la|les|son|sa) "
        r"(?:fabricant|vendeur|marque|transporteur|partenaire)", r"adressez-vous",
        r"on ne (?:peux|peut|pouvons) (?:plus )?rien",
        r"je ne (?:peux|peut|pouvons) (?:plus )?rien",
        r"nous ne (?:peux|peut|pouvons) (?:plus )?rien", r"rien (?:de plus )?a faire",
        r"tout est (?:sur|dans|indique)", r"rappelez(?:-nous)? plus tard",
        r"recontactez(?:-nous)? plus tard", r"je vous (?:passe|transfere|mets en relation)",
        r"ne quittez pas", r"sans (?:facture|justificatif)",
    ),
    "en": (
        r"that's not (?:my|our) (?:department|fault|problem|job)",
        r"that is not (?:my|our) (?:department|fault|problem|job)",
        r"it's not (?:my|our) (?:department|fault|problem|job)",
        r"it is not (?:my|our) (?:department|fault|problem|job)",
        r"not (?:us|our fault)", r"call (?:us )?back later", r"transfer(?:ring)? you",
        r"put you through", r"nothing (?:i|we) can do", r"can't do anything",
        r"contact the (?:manufacturer|seller|carrier)", r"ask the (?:manufacturer|seller|carrier)",
        r"take it up with", r"it's all (?:on|in)",
    ),
}  # fmt: skip
# Attempts and excuses: the sentence that says one is no answer, the rest of the reply may be.
_ATTEMPT = {
    "fr": (
        r"je vais (?:essayer|tenter)", r"le systeme ne", r"je ne sais pas", r"tant pis",
        r"vous vous trompez", r"vous (?:avez|auriez) du", r"c'est (?:la procedure|impossible)",
        r"il faut que vous", r"je (?:regarde|verifie)(?! (?:que|si))", r"un instant",
        r"je me renseigne",
    ),
    "en": (
        r"(?:i'll|i will|let me) try", r"the system (?:won't|will not|doesn't|does not)",
        r"i don't know", r"you should have", r"let me (?:check|look)", r"i'm (?:checking|"
        r"looking)", r"one moment",
    ),
}  # fmt: skip
# Promises to come back: a next step, no answer yet.
_CALLBACK = {
    "fr": r"je (?:vous )?(?:rappelle|recontacte|reviens vers)",
    "en": r"(?:i'll|i will|we'll|we will) (?:\w+ )?(?:call you back|get back to you|contact you|"
    r"write back|be in touch)",
}
# Futures: « vous recevrez », « ce sera », « je vais vous rappeler », « we'll call ». A French
# future is a word ending in [eirvd]r + ai/as/a/ons/ez/ont after two letters or more, not
# « extra… », « camera… » (:func:`tells_future` finds the ending, then reads its word back);
# the other branches open with a plain character, the word start checked after it, so that
# the engine jumps between candidates (one pattern starting with « \b(?!…)(?:\w{2,}… » tried
# every position).
_FUTURE_ENDING = {"fr": re.compile(r"[eirvd]r(?:ai|as|a|ons|ez|ont)\b")}
_NOT_FUTURE = ("extra", "camera", "opera", "prefer", "consider", "esper", "gener", "oper")
_GOING_TO = r" (?:vous |te |le |la |les |l'|lui |y |en )*\w+(?:er|ir|re)\b"
_FUTURE = {
    "fr": r"s(?<!\ws)er(?:a|as|ons|ez|ont)\b|a(?<!\wa)ur(?:a|as|ez|ont)\b"
    rf"|f(?<!\wf)er(?:a|as|ez|ont)\b|v(?<!\wv)(?:ais|a|ont){_GOING_TO}"
    rf"|a(?<!\wa)ll(?:ez|ons){_GOING_TO}",
    "en": r"w(?<!\ww)ill\b(?! try)|'(?<=\w')ll\b(?! try)|g(?<!\wg)oing to\b(?! try)"
    r"|g(?<!\wg)onna\b(?! try)",
}


def tells_future(text: str, language: str) -> bool:
    """Whether ``text`` says what will happen: « vous recevrez », « je vais vous rappeler »,
    « we'll call you »."""
    language = language if language in _FUTURE else "fr"
    if signal("future", language).search(text):
        return True
    ending = _FUTURE_ENDING.get(language)
    for found in ending.finditer(text) if ending is not None else ():
        start = found.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):  # as \w
            start -= 1
        if found.start() - start >= 2 and not text.startswith(_NOT_FUTURE, start):
            return True
    return False


# Instructions: an imperative opening the text or following a sign, « et » or « puis »; set
# phrases. Read as two patterns (:func:`instructs`): the imperative at the very start, and the
# rest, every branch of which opens with a plain character (the word start checked after it),
# so that the engine jumps between candidates instead of trying every position (seven times
# faster than one pattern starting with « (?:^|[,:;.!?]\s*|\bet\s|\bpuis\s) »).
_SIGNS = ",:;.!?"
_IMPERATIVE = {
    "fr": r"(?!vous\b)[a-z]{3,}ez\b",
    "en": r"(?:just |simply |please )?(?:reply|click|go|log|bring|keep|send|call|contact|check|"
    r"visit|drop|print|pack|return|choose|let me know|tell me)\b",
}
_INSTRUCTION_PHRASES = {
    "fr": (rf"e(?<!\we)t\s{_IMPERATIVE['fr']}", rf"p(?<!\wp)uis\s{_IMPERATIVE['fr']}",
           r"i(?<!\wi)l (?:vous )?suffit\b", r"j(?<!\wj)e vous invite\b",
           r"d(?<!\wd)es (?:votre|reception|que)\b", r"p(?<!\wp)ensez a\b",
           r"n(?<!\wn)'oubliez pas\b",
           r"v(?<!\wv)ous pouvez (?:\w+ )?(?:le |la |les |l'|y |en )?\w+(?:er|ir|re)\b"),
    "en": (r"o(?<!\wo)nce\b", r"t(?<!\wt)hen\b", r"n(?<!\wn)ext\b", r"a(?<!\wa)s soon as\b",
           r"y(?<!\wy)ou can \w+"),
}  # fmt: skip


@cache
def _instruction(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    imperative = _IMPERATIVE.get(language, _IMPERATIVE["fr"])
    after_sign = [rf"{re.escape(sign)}\s*{imperative}" for sign in _SIGNS]
    phrases = _INSTRUCTION_PHRASES.get(language, _INSTRUCTION_PHRASES["fr"])
    return re.compile(imperative), re.compile("|".join([*after_sign, *phrases]))


def instructs(text: str, language: str) -> bool:
    """Whether ``text`` tells the customer what to do: « Répondez à cet e-mail », « …, puis
    cliquez », « il vous suffit de … », « just reply », « you can track it »."""
    start, anywhere = _instruction(language)
    return start.match(text) is not None or anywhere.search(text) is not None


@cache
def signal(kind: str, language: str) -> re.Pattern[str]:
    """The pattern of ``kind`` ("refusal", "attempt", "callback"; "future" is only a part of
    :func:`tells_future`; for instructions, :func:`instructs`)."""
    if kind in ("refusal", "attempt"):
        both = _REFUSAL if kind == "refusal" else _ATTEMPT
        return re.compile("|".join(both.get(language, both["fr"])))
    table = {"callback": _CALLBACK, "future": _FUTURE}[kind]
    return re.compile(table.get(language, table["fr"]))
