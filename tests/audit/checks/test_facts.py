"""Facts stated with another value than the bible's: which value states which fact, in
French and English, with the right values written in other words left alone."""

from __future__ import annotations

import pytest

from tests.audit.factories import bible, context, standard
from unisono.audit.checks.base import BibleRules, Finding, StandardRules
from unisono.audit.checks.facts import FactContradictions

Rules = tuple[BibleRules, dict[str, StandardRules]]

RETURNS = standard(
    "retour-demande",
    facts={
        "delai_retour": "30 jours",
        "delai_remboursement": "14 jours",
        "frais_de_retour": "0 EUR",
        "frais_enlevement_meuble": "29 EUR",
    },
    answers={
        "email": "Bonjour {customer_name},\n\nVous disposez de {delai_retour} après la livraison "
        "pour nous le retourner. Le retour en point relais est gratuit ({frais_de_retour}). "
        "Dès réception, nous vous remboursons au plus tard sous {delai_remboursement}.\n\n"
        "Pour un meuble, l'enlèvement à domicile coûte {frais_enlevement_meuble}.",
    },
)


def run(ctx_replies: tuple[str, ...], *standards: StandardRules, **kwargs: str) -> list[Finding]:
    return list(FactContradictions().run(context(*ctx_replies, standards=standards, **kwargs)))


def found(findings: list[Finding]) -> list[tuple[str, str | None, str | None]]:
    return [(f.detail["fact"], f.expected, f.found) for f in findings]


@pytest.mark.parametrize(
    "reply",
    [
        "Dès réception, nous vous remboursons au plus tard sous 14 jours.",
        "Le remboursement intervient sous deux semaines après réception du colis.",
        "Vous serez remboursée sous quatorze jours.",
        "Vous serez remboursé sous quinze jours, le temps de contrôler l'article.",
        "Vous avez trente jours pour nous retourner l'article, et le retour est gratuit (0 €).",
        "Vous disposez d'un mois ? Non : vous disposez de 30 jours pour le retourner.",
        "Le retour en point relais ne vous coûte rien (0 EUR).",
    ],
)
def test_right_values_in_other_words_are_not_flagged(reply: str) -> None:
    assert run((reply,), RETURNS) == []


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (
            "Dès réception, nous vous remboursons au plus tard sous 30 jours.",
            [("delai_remboursement", "14 jours", "30 jours")],
        ),
        (
            "Vous disposez de quinze jours après la livraison pour nous le retourner.",
            [("delai_retour", "30 jours", "quinze jours")],
        ),
        (
            "Vous serez remboursé sous dix jours ouvrés.",
            [("delai_remboursement", "14 jours", "dix jours ouvrés")],
        ),
        (
            "Le retour en point relais est gratuit (4,90 EUR).",
            [("frais_de_retour", "0 EUR", "4,90 EUR")],
        ),
        (
            "Pour un meuble, l'enlèvement à domicile coûte 39 €.",
            [("frais_enlevement_meuble", "29 EUR", "39 €")],
        ),
    ],
)
def test_wrong_values_are_flagged_with_their_fact(
    reply: str, expected: list[tuple[str, str, str]]
) -> None:
    assert found(run((reply,), RETURNS)) == expected


def test_a_finding_quotes_the_sentence_and_names_the_standard() -> None:
    text = "Bonjour Madame Martin,\n\nVotre article sera remboursé sous 30 jours. Bonne journée."
    (finding,) = run((text,), RETURNS)
    assert finding.kind == "fact_contradiction"
    assert (finding.standard_id, finding.standard_version) == ("retour-demande", 1)
    assert finding.evidence == "Votre article sera remboursé sous 30 jours."
    assert text[finding.start : finding.end] == finding.evidence
    assert finding.message == 1  # the customer's message comes first


def test_two_facts_in_one_sentence_are_told_apart() -> None:
    reply = (
        "Vous disposez de 30 jours pour nous retourner l'article, "
        "et nous vous remboursons sous 30 jours après réception."
    )
    assert found(run((reply,), RETURNS)) == [("delai_remboursement", "14 jours", "30 jours")]


def test_a_value_with_no_word_of_any_fact_is_not_read_as_a_statement() -> None:
    replies = (
        "Je vous rappelle dans 2 jours pour faire le point.",
        "Votre colis est parti il y a 10 jours de notre entrepôt de Lyon.",
        "Le canapé Lison coûte 899 €, et le fauteuil assorti 349 €.",
    )
    assert run(replies, RETURNS) == []


def test_times_of_day_dates_and_numbers_are_not_durations() -> None:
    express = standard(
        "livraison-options",
        facts={"delai_livraison_express": "24 heures", "delai_livraison_standard": "3 jours"},
        answers={
            "email": "Livraison express en {delai_livraison_express}, livraison "
            "standard en {delai_livraison_standard}."
        },
    )
    replies = (
        "La livraison express en 24 heures concerne les commandes passées avant 13 h.",
        "Notre service est ouvert de 8 h 30 à 19 h 30, et le samedi à partir de 9 h.",
        "Votre livraison standard (commande MA-9725873) arrive le 12 juin, livreur à 14h.",
        "Le livreur passera à 10 h. Appelez-nous au 01 23 45 67 89, 24h/24 et 7j/7.",
    )
    assert run(replies, express) == []


def test_a_span_before_an_appointment_is_a_duration() -> None:
    assembly = standard(
        "service-montage",
        facts={"delai_annulation_montage": "48 heures"},
        answers={
            "email": "Vous pouvez l'annuler gratuitement jusqu'à "
            "{delai_annulation_montage} avant le rendez-vous."
        },
    )
    (finding,) = run(("Vous pouvez l'annuler gratuitement jusqu'à 2 heures avant.",), assembly)
    assert finding.found == "2 heures"


def test_units_are_compared_in_base_units() -> None:
    loyalty = standard(
        "fidelite",
        facts={"validite_points": "12 mois", "delai_expedition": "48 heures"},
        answers={
            "email": "Vos points sont valables {validite_points}. "
            "Le colis est expédié sous {delai_expedition}."
        },
    )
    assert run(("Vos points sont valables un an.", "Le colis est expédié sous 48h."), loyalty) == []
    assert run(("Le colis est expédié sous 2 jours.",), loyalty) == []
    assert found(run(("Vos points sont valables 6 mois.",), loyalty)) == [
        ("validite_points", "12 mois", "6 mois")
    ]


def test_quoted_customer_words_are_not_the_agent_statement() -> None:
    reply = "Vous m'écrivez « on m'a dit remboursé sous 30 jours » : c'est bien sous 14 jours."
    assert run((reply,), RETURNS) == []


def test_an_amount_the_answer_leaves_to_the_agent_is_not_a_fee() -> None:
    refund = standard(
        "retour-remboursement",
        facts={"frais_de_retour": "0 EUR", "delai_bancaire": "5 jours ouvrés"},
        answers={
            "email": "Le remboursement de {amount} a été émis ; il apparaît sur votre "
            "compte sous {delai_bancaire}. Le retour reste gratuit ({frais_de_retour})."
        },
    )
    reply = "Le remboursement de 341,00 € a été émis ; il apparaît sous 5 jours ouvrés."
    rules = bible(placeholders={"amount": "Montant concerné"})
    assert run((reply,), refund, rules=rules) == []  # type: ignore[arg-type]


def test_only_replies_of_the_agent_are_read() -> None:
    ctx = context(
        "Je comprends. Nous vous remboursons sous 14 jours.",
        standards=(RETURNS,),
        customer_says="On m'a dit que je serais remboursé sous 30 jours !",
    )
    assert list(FactContradictions().run(ctx)) == []


def test_no_fact_no_finding() -> None:
    assert run(("Remboursé sous 30 jours.",), standard("sans-faits")) == []


def test_demo_bible_paraphrases_and_wrong_values(demo_rules: Rules) -> None:
    rules, standards = demo_rules
    late = (standards["livraison-retard"], standards["email"])
    clean = (
        "Bonjour Léa Martin,\n\nJ'ai ouvert ce matin une enquête auprès du transporteur ; il "
        "nous répond sous deux jours. En attendant, je vous offre un bon d'achat de 5 € (code "
        "RETARD-7Q2K), déjà actif sur votre compte.\n\nBien cordialement,\n\nCamille"
    )
    ctx = context(clean, standards=late, rules=rules)
    assert list(FactContradictions().run(ctx)) == []
    wrong = clean.replace("sous deux jours", "sous 5 jours").replace("5 €", "10 €")
    ctx = context(wrong, standards=late, rules=rules)
    assert found(list(FactContradictions().run(ctx))) == [
        ("delai_enquete_transporteur", "48 heures", "5 jours"),
        ("geste_commercial_standard", "5 EUR", "10 €"),
    ]


def test_english_replies_against_a_french_bible(demo_rules: Rules) -> None:
    rules, standards = demo_rules
    refund = (standards["retour-remboursement"],)
    right = "Your refund has been issued and will show on your account within 5 business days."
    wrong = "Your refund will show on your bank account within 10 days."
    ctx = context(right, wrong, standards=refund, rules=rules, language="en")
    assert found(list(FactContradictions().run(ctx))) == [
        ("delai_bancaire", "5 jours ouvrés", "10 days")
    ]


def test_an_english_bible() -> None:
    rules = bible(language="en", formality=None)
    refunds = standard(
        "refund-late",
        facts={"refund_delay": "14 days", "return_fee": "£0"},
        answers={
            "email": "Hello {customer_name}, we refund you within {refund_delay}. "
            "Returns are free ({return_fee})."
        },
    )
    ctx = context(
        "We will refund you within two weeks.",
        "Returns cost £4.99 though.",
        "We refund you within 30 days of receiving it.",
        standards=(refunds,),
        rules=rules,
        language="en",
    )
    assert found(list(FactContradictions().run(ctx))) == [
        ("return_fee", "£0", "£4.99"),
        ("refund_delay", "14 days", "30 days"),
    ]


CARDS = standard(
    "carte-cadeau",
    facts={"montant_minimum_carte_cadeau": "10 EUR", "montant_maximum_carte_cadeau": "500 EUR"},
    answers={
        "email": "Nos cartes cadeaux vont de {montant_minimum_carte_cadeau} à "
        "{montant_maximum_carte_cadeau}."
    },
)


def test_the_bounds_of_a_range_are_told_apart() -> None:
    reply = "Les cartes cadeaux vont de 10 € à 300 €, je ne peux pas faire 400 € sur une carte."
    assert found(run((reply,), CARDS)) == [("montant_maximum_carte_cadeau", "500 EUR", "300 €")]


@pytest.mark.parametrize(
    "reply",
    [
        "Le retour en point relais coûte 0 € 00, il est gratuit.",  # cents after the currency
        "Vous m'aviez dit vingt-neuf euros : l'enlèvement d'un meuble coûte bien 29 €.",
        "Si je résume : vous attendez votre remboursement depuis 30 jours.",  # their words
        "Votre colis a trois jours de retard, et vos 45 jours de patience méritent mieux.",
        "Je reviens vers vous dans trois minutes pour le remboursement.",  # no 14-day delay
    ],
)
def test_values_that_state_no_fact_wrongly(reply: str) -> None:
    assert run((reply,), RETURNS) == []


def test_cents_written_after_the_currency() -> None:
    fee = standard(
        "livraison",
        facts={"frais_livraison_express": "9,90 EUR"},
        answers={"email": "La livraison express coûte {frais_livraison_express}."},
    )
    assert run(("La livraison express coûte 9 € 90.",), fee) == []
    assert run(("La livraison express coûte neuf euros quatre-vingt-dix.",), fee) == []
    assert found(run(("La livraison express coûte 12 € 90.",), fee)) == [
        ("frais_livraison_express", "9,90 EUR", "12 € 90")
    ]
