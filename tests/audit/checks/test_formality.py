"""Tutoiement where the bible says « vous », vouvoiement where it says « tu », and the traps:
« tu » inside words, names, quoted customers, « le ton »."""

from __future__ import annotations

import pytest

from tests.audit.factories import bible, context
from unisono.audit.checks.base import Finding
from unisono.audit.checks.formality import Formality


def run(*replies: str, formality: str | None = "vous", **kwargs: str) -> list[Finding]:
    ctx = context(*replies, rules=bible(formality=formality), **kwargs)  # type: ignore[arg-type]
    return list(Formality().run(ctx))


@pytest.mark.parametrize(
    ("reply", "marker"),
    [
        ("Tu peux me redonner ton numéro de commande ?", ["Tu", "ton"]),
        ("Je te rappelle dans l'après-midi.", ["te"]),
        ("Je regarde ta commande tout de suite.", ["ta"]),
        ("T'inquiète, je m'en occupe.", ["T'"]),
        ("Je t’envoie le lien par e-mail.", ["t’"]),
        ("Merci à toi pour ta patience.", ["toi", "ta"]),
        ("Dis-moi si tu as besoin d'autre chose !", ["Dis-moi", "tu"]),
        ("Peux-tu vérifier tes spams ?", ["tu", "tes"]),
        ("Rassure-toi, le colis est en route.", ["toi"]),
        ("Un instant stp.", ["stp"]),
    ],
)
def test_tutoiement_is_flagged_with_its_sentence(reply: str, marker: list[str]) -> None:
    (finding,) = run(f"Bonjour Léa, merci pour votre message. {reply}")
    assert finding.kind == "formality"
    assert (finding.expected, finding.found, finding.standard_id) == ("vous", "tu", None)
    assert finding.evidence == reply
    assert finding.detail == {"markers": marker}


@pytest.mark.parametrize(
    "reply",
    [
        "Le statut de votre commande est « expédiée ».",
        "Vous pouvez suivre votre colis ; le tutoriel est en ligne.",
        "J'ai bien noté le ton de votre message, et je le comprends.",
        "Monsieur Tu, votre commande est partie ce matin.",
        "J'ai transmis votre dossier à Mme Ta, notre responsable.",
        "Bonjour Tu Nguyen, merci pour votre message.",
        "Vous m'écrivez « tu peux rembourser ta cliente ? » : je m'en occupe.",
        "Pouvez-vous me donner votre numéro de commande, s'il vous plaît ?",
        "Dites-moi si vous avez besoin d'autre chose, et envoyez-moi une photo.",
        "Aujourd'hui, le transporteur a-t-il pu passer ? Je vérifie.",
        "Le plaid Toi & Moi est en stock, dans un ton bois ou en ton sur ton.",
        "Je vous tiens informée, et je vous envoie le tutoriel.",
    ],
)
def test_traps_are_not_tutoiement(reply: str) -> None:
    assert run(reply, customer="Tu Nguyen") == []


def test_the_customer_may_tutoyer() -> None:
    ctx = context(
        "Bonjour, je regarde votre commande.",
        customer_says="Salut, tu peux regarder ma commande stp ?",
        rules=bible(formality="vous"),
    )
    assert list(Formality().run(ctx)) == []


def test_every_sentence_and_reply_is_reported() -> None:
    findings = run("Je regarde ta commande.", "C'est bon. Tu vas recevoir un e-mail.")
    assert [(f.message, f.evidence) for f in findings] == [
        (1, "Je regarde ta commande."),
        (2, "Tu vas recevoir un e-mail."),
    ]
    (finding,) = run("Bonjour ! Cdt Tu vas recevoir un e-mail de confirmation.")
    assert finding.detail == {"markers": ["Tu"]}


def test_english_replies_are_not_checked() -> None:
    assert run("Thank you, I'll call you back at 2 pm. Ta!", language="en") == []


def test_with_tu_clear_vouvoiement_is_flagged() -> None:
    findings = run(
        "Salut Léa ! Tu peux me donner ton numéro de commande ?",
        "Merci Madame, pouvez-vous patienter un instant ?",
        formality="tu",
    )
    assert [(f.evidence, f.expected, f.found) for f in findings] == [
        ("Merci Madame, pouvez-vous patienter un instant ?", "tu", "vous"),
    ]


def test_with_tu_a_possibly_plural_vous_alone_is_not_flagged() -> None:
    assert run("Salut ! Nous vous envoyons le colis demain.", formality="tu") == []


def test_with_tu_mixing_is_flagged() -> None:
    (finding,) = run("Salut ! Je regarde ta commande. Vous recevrez un e-mail.", formality="tu")
    assert (finding.evidence, finding.found) == ("Vous recevrez un e-mail.", "vous")


def test_a_bible_without_formality_is_read_as_vous() -> None:
    (finding,) = run("Je te rappelle demain.", formality=None)
    assert finding.expected == "vous"
