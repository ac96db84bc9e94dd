"""Sentences and quotations as offsets into a message."""

from __future__ import annotations

from unisono.language.sentences import inside, quotations, sentences


def texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentences(text)]


def test_sentences_end_at_punctuation_and_line_breaks() -> None:
    text = "Bonjour Madame Martin,\n\nVotre colis est parti ! Il arrive demain… Merci.\nCamille"
    assert texts(text) == [
        "Bonjour Madame Martin,",
        "Votre colis est parti !",
        "Il arrive demain…",
        "Merci.",
        "Camille",
    ]


def test_titles_and_decimals_do_not_end_a_sentence() -> None:
    text = "J'ai transmis à M. Durand le montant de 4.99 EUR. Que préférez-vous ?"
    assert texts(text) == [
        "J'ai transmis à M. Durand le montant de 4.99 EUR.",
        "Que préférez-vous ?",
    ]


def test_quotations_but_not_lines_said_between_quotes() -> None:
    text = "Vous m'écrivez « tu peux rembourser ? » et je comprends.\n« Je vous rappelle demain. »"
    (quoted,) = quotations(text)
    assert text[quoted.start : quoted.end] == "« tu peux rembourser ? »"
    assert inside(quotations(text), quoted.start + 3, quoted.start + 5)
    assert not inside(quotations(text), text.index("rappelle"), text.index("demain"))
