"""Normalisation shared by the classifier, the sentiment lexicons and the search."""

from __future__ import annotations

from unisono.language.concepts import concepts
from unisono.language.detect import detect_language
from unisono.language.text import normalise, terms


def test_normalise_folds_numbers_and_emphasis():
    assert (
        normalise("Colis n°123456 toooujours PAS arrivé !!") == "colis n° # toujours pas arrive !!"
    )


def test_terms_share_a_light_lemma():
    assert terms(normalise("remboursements remboursée rembourse")) == ["rembours"] * 3


def test_concepts_name_the_same_thing_in_other_words():
    assert "@stock" in concepts(normalise("Le buffet sera-t-il réapprovisionné ?"))
    assert "@stock" in concepts(normalise("When is it back in stock?"))
    assert "@refund" in concepts(normalise("Je veux être remboursé"))


def test_detects_french_and_english_on_short_messages():
    assert detect_language("Toujours rien reçu") == "fr"
    assert detect_language("Where is my parcel?") == "en"
    assert detect_language("ok", default="en") == "en"
