"""Sentiment and signals of customer messages, and the mood over an interaction."""

from __future__ import annotations

import pytest

from unisono.language.sentiment import interaction_mood, message_mood


@pytest.mark.parametrize(
    ("text", "sentiment", "signals"),
    [
        ("Bonjour, où en est ma commande ? Merci d'avance", 0, ()),
        ("C'est inadmissible, je relance encore une fois !!!", -1, ("frustration",)),
        ("Si rien ne bouge je résilie et je vais commander ailleurs.", -1, ("churn_threat",)),
        ("Mon avocat va vous écrire, et je préviens l'UFC-Que Choisir", -1,
         ("escalation_threat",)),
        ("Je vais tout poster sur Facebook", -1, ("escalation_threat",)),
        ("C'est urgent, j'en ai besoin pour samedi", 0, ("urgency",)),
        ("Merci beaucoup pour votre aide, parfait !", 1, ("gratitude",)),
        ("Je ne suis pas content du tout", -1, ()),
        ("Thanks a lot, that's perfect", 1, ("gratitude",)),
        ("I'll take my business elsewhere", -1, ("churn_threat",)),
        ("My lawyer will be in touch", -1, ("escalation_threat",)),
    ],
)  # fmt: skip
def test_messages(text, sentiment, signals):
    mood = message_mood(text)
    assert (mood.sentiment, mood.signals) == (sentiment, signals)


def test_the_mood_of_an_interaction_from_first_to_last_message():
    mood = interaction_mood(
        [(0, "Mon colis est arrivé cassé, je suis très déçue."),
         (2, "Vous pouvez m'envoyer l'étiquette ?"),
         (4, "Super, merci beaucoup !")]
    )  # fmt: skip
    assert (mood.first, mood.last, mood.change) == (-1, 1, 2)
    assert mood.signals == ("frustration", "gratitude")
    assert [index for index, _ in mood.messages] == [0, 2, 4]
    empty = interaction_mood([])
    assert (empty.first, empty.change, empty.signals) == (None, None, ())
