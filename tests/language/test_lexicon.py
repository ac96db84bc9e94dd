"""Phrases matched whatever their case, accents, apostrophes, spacing and inflection."""

from __future__ import annotations

import pytest

from unisono.language.lexicon import PhraseMatcher


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("pas de souci", "Pas de soucis !", "Pas de soucis"),
        ("pas de souci", "pas d'souci", "pas d'souci"),
        ("c'est la procédure", "C’EST  LA   PROCEDURE", "C’EST  LA   PROCEDURE"),
        ("désolé", "Nous sommes désolées.", "désolées"),
        ("calmez-vous", "Calmez vous.", "Calmez vous"),
        ("votre commande n°", "votre commande n° 12", "votre commande n"),
    ],
)
def test_variants(phrase: str, text: str, found: str) -> None:
    match = PhraseMatcher([phrase]).search(text)
    assert match is not None
    assert text[match.start : match.end] == found


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("malheureusement", "Heureusement, tout va bien."),
        ("heureusement", "Malheureusement, non."),
        ("cdt", "Le CDT-Lyon est fermé."),
        ("souci", "une soucoupe"),
    ],
)
def test_not_inside_other_words(phrase: str, text: str) -> None:
    assert PhraseMatcher([phrase]).search(text) is None


def test_overlaps_go_to_the_longest_phrase_then_the_first_listed() -> None:
    matcher = PhraseMatcher(["vous auriez dû", "vous auriez dû refuser le colis", "Vous auriez dû"])
    (match,) = matcher.finditer("Vous auriez du refuser le colis.")
    assert match.key == 1
    (match,) = matcher.finditer("Vous auriez dû appeler.")
    assert match.key == 0
