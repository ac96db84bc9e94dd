"""Word families: the words a reply may use for the idea of a fact's name, in French and
English, and the nouns counts may be written with."""

from __future__ import annotations

from unisono.language.cues import content_stems, stem
from unisono.language.families import KIND_WORDS, counted_alike, in_english, related


def test_endings_are_off_before_words_are_compared() -> None:
    assert {stem(w) for w in ("bloquée", "bloque", "bloquer", "bloquees")} == {"bloqu"}
    assert stem("opening") == stem("open")
    assert stem("issued") == stem("issue") == stem("issues")
    assert stem("shipped") == stem("shipping") == stem("ship")
    assert content_stems("Les codes sont livrés") == [stem("code"), stem("livre")]


def test_a_name_brings_the_words_of_its_family() -> None:
    assert set(content_stems("bloqué débloquer")) <= set(related(content_stems("blocage"), "fr"))
    assert set(content_stems("adhésion abonnement")) <= set(
        related(content_stems("cotisation"), "fr")
    )
    assert set(content_stems("locked")) <= set(related(content_stems("lockout"), "en"))
    assert set(content_stems("émis")) <= set(related(content_stems("émission"), "fr"))


def test_french_names_have_english_words() -> None:
    assert set(content_stems("membership")) <= set(in_english(content_stems("cotisation")))
    assert set(content_stems("refund")) <= set(in_english(content_stems("remboursement")))
    assert in_english(content_stems("zzz inconnu")) == []


def test_kind_words_name_no_fact() -> None:
    assert {stem("delai"), stem("time"), stem("fee"), stem("window")} <= KIND_WORDS
    assert stem("remboursement") not in KIND_WORDS


def test_counts_of_nouns_that_count_the_same_thing() -> None:
    assert counted_alike("foi", "tentative")  # « trois fois » for « 2 tentatives »
    assert counted_alike("chat", "conversation")
    assert not counted_alike("point", "code")
