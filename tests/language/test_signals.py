"""What a sentence does: instructions (two patterns: the imperative opening the text, the rest
anywhere) and futures (a French future found by its ending, its word read back) must say what
the one pattern each replaces said."""

from __future__ import annotations

import pytest

from unisono.language.signals import instructs, tells_future


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("repondez a cet e-mail avec la photo", "fr", True),  # the imperative opens the text
        ("merci. envoyez-nous la facture", "fr", True),  # after a sign
        ("merci :envoyez-nous la facture", "fr", True),
        ("verifiez l'adresse puis cliquez sur le lien", "fr", True),
        ("il vous suffit de repondre", "fr", True),
        ("des reception du colis, le remboursement part", "fr", True),
        ("n'oubliez pas le bon de retour", "fr", True),
        ("vous pouvez le renvoyer gratuitement", "fr", True),
        ("vous avez raison", "fr", False),  # « avez » opens no instruction here
        ("nous avons bien recu votre colis chez nous", "fr", False),
        ("fil vous suffit", "fr", False),  # « il » must be a word
        ("les codes sont valables", "fr", False),
        ("just reply to this e-mail", "en", True),
        ("thanks. please click the link", "en", True),
        ("once it arrives, we refund you", "en", True),
        ("you can track it online", "en", True),
        ("the courier replied yesterday", "en", False),
        ("we sent it, nothing else", "en", False),
    ],
)
def test_instructions(text, language, expected):
    assert instructs(text, language) is expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("vous recevrez un e-mail", "fr", True),
        ("je vous rappellerai demain", "fr", True),
        ("ce sera fait ce soir", "fr", True),  # a short future, listed
        ("le technicien devra passer", "fr", True),
        ("je vais vous rappeler", "fr", True),
        ("vous allez le recevoir", "fr", True),
        ("c'est vrai", "fr", False),  # [eirvd]r + ending after one letter only
        ("la camera est cassee", "fr", False),  # a word the future's ending does not make one
        ("un colis extra-large", "fr", False),
        ("il va bien", "fr", False),  # « va » then no infinitive
        ("we'll call you back", "en", True),
        ("it will arrive tomorrow", "en", True),
        ("i will try", "en", False),
        ("we are sorry", "en", False),
    ],
)
def test_futures(text, language, expected):
    assert tells_future(text, language) is expected
