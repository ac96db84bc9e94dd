"""Fast folding gives what text.fold gives, one character for one."""

from __future__ import annotations

import pytest

from unisono.language import folding, text


@pytest.mark.parametrize(
    "sample",
    [
        "Désolée pour la gêne occasionnée, Œuvre ÇA VA ? « Très » bien… 4,99 € ½ ﬁn",
        "N’hésitez pas : l’équipe Aubépine+ vous répond sous 48\u00a0h\u202f!",
        "Straße, ångström, naïve, coöperate, 😀, 東京",
    ],
)
def test_fold_is_text_fold(sample: str) -> None:
    assert folding.fold(sample) == text.fold(sample)


def test_match_form_keeps_offsets_and_unifies_apostrophes_and_dashes() -> None:
    sample = "N’hésitez‐pas — C`est LA procédure"
    form = folding.match_form(sample)
    assert len(form) == len(sample)
    assert form == "n'hesitez-pas - c'est la procedure"


def test_a_character_that_lowers_to_two_keeps_its_place() -> None:
    assert len(folding.fold("İstanbul")) == len("İstanbul")
