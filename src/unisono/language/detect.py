"""Which language a text is written in, French or English, robust on short messages: the most
frequent function words and accents of each, counted (good enough to tell the two apart; the
language module grows richer models later)."""

from __future__ import annotations

import re

from unisono.language.text import fold

_WORDS = re.compile(r"[a-zà-ÿ']+")
_MARKERS = {
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "un",
            "une",
            "des",
            "du",
            "de",
            "et",
            "est",
            "pas",
            "je",
            "vous",
            "nous",
            "votre",
            "vos",
            "pour",
            "sur",
            "avec",
            "dans",
            "que",
            "qui",
            "ce",
            "cette",
            "mon",
            "ma",
            "mes",
            "bonjour",
            "merci",
            "cordialement",
            "bonne",
            "journee",
            "commande",
            "colis",
            "oui",
            "non",
            "tres",
            "sous",
            "avez",
            "etes",
            "sera",
            "serez",
            "ai",
            "suis",
            "desole",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "a",
            "an",
            "and",
            "is",
            "are",
            "not",
            "i",
            "you",
            "we",
            "your",
            "our",
            "for",
            "on",
            "with",
            "in",
            "that",
            "which",
            "this",
            "my",
            "hello",
            "hi",
            "thanks",
            "thank",
            "regards",
            "good",
            "day",
            "order",
            "parcel",
            "yes",
            "no",
            "very",
            "within",
            "have",
            "will",
            "be",
            "sorry",
            "please",
            "it",
            "of",
            "to",
        ]
    ),
}
_ACCENTS = re.compile(r"[éèêàùçôîûœ]")


def detect_language(text: str, default: str = "fr") -> str:
    """``fr`` or ``en``: the language whose common words (and, for French, accents) the text
    has more of; ``default`` when it cannot tell."""
    words = _WORDS.findall(fold(text))
    french = sum(word in _MARKERS["fr"] for word in words) + len(_ACCENTS.findall(text.lower()))
    english = sum(word in _MARKERS["en"] for word in words)
    if french == english:
        return default
    return "fr" if french > english else "en"
