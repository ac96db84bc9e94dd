"""Values stated in a text, apart from times of day, identifiers and quotations."""

from __future__ import annotations

from unisono.language.statements import UnitTrigger, every_value, stated_values

TRIGGER = UnitTrigger(["duration", "money", "percent", "count"], ["tentative"])


def values(text: str) -> list[str]:
    return [text[s.start : s.end] for s in stated_values(text, TRIGGER)]


def test_values_in_digits_and_words() -> None:
    text = "Remboursé sous quinze jours, 2 tentatives, 4,99 € par mois et 10 % de remise."
    assert values(text) == ["quinze jours", "2 tentatives", "4,99 € par mois", "10 %"]


def test_times_of_day_are_not_durations() -> None:
    text = (
        "Commandez avant 13 h, nous sommes ouverts de 8 h 30 à 19 h 30, le samedi de 9 h à "
        "18 h, à partir de 9 h, 24h/24. Le livreur passe à 14h."
    )
    assert values(text) == []


def test_spans_of_hours_are_durations() -> None:
    text = "Annulable jusqu'à 24 heures avant, expédié sous 48h, délai de 1h30."
    assert values(text) == ["24 heures", "48h", "1h30"]


def test_identifiers_and_quotations_are_left_out() -> None:
    text = "Commande MA-9725873 : vous m'écrivez « livré en 3 jours », il faut 5 jours."
    assert values(text) == ["5 jours"]


def test_every_value_reads_the_whole_text() -> None:
    assert [s.quantity.unit for s in every_value("En 3 fois, 2 tentatives, sous 14 jours.")] == [
        "foi",
        "tentative",
        "day",
    ]


def test_values_of_the_customer_case_are_not_statements() -> None:
    text = (
        "Pour votre commande de 45 €, merci. Votre colis est parti il y a 3 jours, il est "
        "bloqué depuis trois jours ouvrés et il vous reste 40 points. You ordered 2 days ago; "
        "the parcel has been stuck at the Leeds depot for three working days."
    )
    assert values(text) == []


def test_policy_values_that_look_like_the_customer_case() -> None:
    text = (
        "Le colis est au point relais. Il y reste 7 jours. We offer a voucher after 3 business "
        "days of delay. If your parcel is more than 4 working days late, we open an enquiry."
    )
    assert values(text) == ["7 jours", "3 business days", "4 working days"]


def test_thresholds_and_caps_are_bounds() -> None:
    text = "Au-delà de 2 jours ouvrés, puis 5 jours ouvrés au plus ; sous 14 jours au plus tard."
    bounds = [s.bound for s in stated_values(text, TRIGGER)]
    assert bounds == ["min", "max", None]


def test_the_text_of_a_bible_reads_every_rule() -> None:
    text = "1. Livraison standard.\n2. **2 business days late or more**: open an investigation."
    (rule,) = every_value(text.replace("**", ""), rules=True)
    assert (text.replace("**", "")[rule.start : rule.end], rule.bound) == ("2 business days", "min")
    assert every_value(text.replace("**", "")) == []  # « late » after it: a reply's own case
