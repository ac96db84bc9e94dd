"""Reading values with units, as the bible writes facts and as agents write them in replies."""

from __future__ import annotations

from decimal import Decimal

import pytest

from unisono.language.quantities import find_quantities, parse_quantity

DAY = 86_400


@pytest.mark.parametrize(
    ("text", "base"),
    [
        ("14 jours", (14 * DAY, "second", None)),
        ("quinze jours", (15 * DAY, "second", None)),
        ("2 semaines", (14 * DAY, "second", None)),
        ("two weeks", (14 * DAY, "second", None)),
        ("48 heures", (48 * 3600, "second", None)),
        ("1h30", (5400, "second", None)),
        ("30 minutes", (1800, "second", None)),
        ("quatre-vingt-dix jours", (90 * DAY, "second", None)),
        ("12 mois", (12, "month", None)),
        ("un an", (12, "month", None)),
        ("un an et demi", (18, "month", None)),
        ("5 jours ouvrés", (5, "business_day", None)),
        ("3 business days", (3, "business_day", None)),
        ("4,90 EUR", (Decimal("4.90"), "EUR", None)),
        ("4€99", (Decimal("4.99"), "EUR", None)),
        ("0 €", (0, "EUR", None)),
        ("1 000 EUR", (1000, "EUR", None)),
        ("£10", (10, "GBP", None)),
        ("20 %", (20, "%", None)),
        ("10 pour cent", (10, "%", None)),
        ("3", (3, "", None)),
        ("2 tentatives", (2, "tentative", None)),
        ("5 EUR par jour", (5, "EUR", "day")),
        ("4,99 €/mois", (Decimal("4.99"), "EUR", "month")),
        ("10 % par an", (10, "%", "year")),
    ],
)
def test_a_fact_value_is_read_in_a_base_unit(text, base):
    quantity = parse_quantity(text)
    assert (*quantity.base(), quantity.per) == base


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("bientôt", "cannot read 'bientôt' as a value"),
        ("14 jourz", "unknown unit 'jourz': did you mean 'jour'?"),
        ("14 jours ou plus", "unexpected 'ou plus' after the value"),
    ],
)
def test_a_fact_that_is_not_one_value_is_refused(text, message):
    with pytest.raises(ValueError, match=message):
        parse_quantity(text)


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        ("dix jours", "10 jours", True),
        ("12 mois", "un an", True),
        ("10 jours", "2 semaines", False),
        ("5 EUR", "5 EUR par mois", False),
        ("5 jours ouvrés", "5 jours", False),
    ],
)
def test_equal_values_compare_equal_whatever_their_form(left, right, same):
    assert parse_quantity(left).same_as(parse_quantity(right)) is same


def test_every_value_stated_in_a_reply_is_found_with_its_place():
    reply = "Vous serez remboursé sous quinze jours ; les frais de 4,99 € par mois cessent."
    found = find_quantities(reply)
    assert [reply[f.start : f.end] for f in found] == ["quinze jours", "4,99 € par mois"]
    assert found[0].quantity.same_as(parse_quantity("15 jours"))
    assert found[1].quantity.per == "month"


def test_an_article_is_not_a_count():
    assert find_quantities("Je lance un remboursement et une enquête.") == []


def test_a_rate_does_not_reach_across_punctuation():
    found = find_quantities("Remboursé sous 5 jours ouvrés, par virement ; 3 000 EUR, par carte.")
    assert [(f.quantity.unit, f.quantity.per) for f in found] == [
        ("business_day", None),
        ("EUR", None),
    ]
    assert find_quantities("4,99 € par mois")[0].quantity.per == "month"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Nous répondons sous huitaine.", 8, "day"),  # idioms of one and two weeks
        ("Remboursement sous quinzaine, promis.", 15, "day"),
        ("You'll hear from us within a fortnight.", 2, "week"),
        ("Vous pouvez annuler dans l'heure qui suit la commande.", 1, "hour"),
        ("We reply within the hour.", 1, "hour"),
        ("You can cancel within half an hour of ordering.", Decimal("0.5"), "hour"),
        ("Une demi-heure de blocage, pas plus.", Decimal("0.5"), "hour"),
        ("At 200 points you get a £15 voucher.", 15, "GBP"),  # the article is not « 1 »
        ("Return postage is £4.50, taken off your refund.", Decimal("4.50"), "GBP"),
        ("Le livreur ne passe qu'une seule fois.", 1, "foi"),
        ("Only a single code per order.", 1, "code"),
    ],
)
def test_values_written_in_other_surface_forms(text: str, value: object, unit: str) -> None:
    found = [f.quantity for f in find_quantities(text)]
    assert [(q.value, q.unit) for q in found][-1] == (value, unit)


def test_an_amount_after_a_count_is_no_rate() -> None:
    (points, amount) = find_quantities("At 200 points a £10 voucher is created.")
    assert (points.quantity.unit, points.quantity.per) == ("point", None)
    assert (amount.quantity.value, amount.quantity.unit) == (10, "GBP")
    assert parse_quantity("£5 a year").per == "year"  # a rate still is one
