"""Expressions to avoid: found whatever their case, accents, apostrophes, spacing and
inflections, never inside another word, reported with the list they are on."""

from __future__ import annotations

import pytest

from tests.audit.factories import bible, context, standard
from unisono.audit.checks.base import BibleRules, Finding, Forbidden, StandardRules
from unisono.audit.checks.expressions import ForbiddenExpressions

Rules = tuple[BibleRules, dict[str, StandardRules]]

GLOBAL = bible(
    forbidden=[
        Forbidden("pas de souci", "avec plaisir"),
        Forbidden("c'est la procédure", "voici comment nous allons procéder"),
        Forbidden("malheureusement", "en revanche, je peux vous proposer"),
        Forbidden("n'hésitez pas", "je reste à votre disposition"),
        Forbidden("désolé pour la gêne occasionnée"),
        Forbidden("calmez-vous", "je comprends votre agacement"),
        Forbidden("vous auriez dû"),
        Forbidden("Cdt", "Bien cordialement"),
    ]
)
DAMAGED = standard(
    "livraison-colis-endommage",
    forbidden=[Forbidden("vous auriez dû refuser le colis", "je m'occupe de tout")],
)


def run(*replies: str, standards: tuple[StandardRules, ...] = (DAMAGED,)) -> list[Finding]:
    return list(ForbiddenExpressions().run(context(*replies, standards=standards, rules=GLOBAL)))


@pytest.mark.parametrize(
    ("reply", "written", "expression"),
    [
        ("Pas de souci, je m'en occupe.", "Pas de souci", "pas de souci"),
        ("Je vous fais ça, pas de soucis !", "pas de soucis", "pas de souci"),
        ("PAS  DE   SOUCI, c'est noté.", "PAS  DE   SOUCI", "pas de souci"),
        ("Pas d’souci, je regarde.", "Pas d’souci", "pas de souci"),
        ("C’est LA procedure, rien à faire.", "C’est LA procedure", "c'est la procédure"),
        ("Malheureusement, le colis est reparti.", "Malheureusement", "malheureusement"),
        ("N'hesitez pas à revenir vers nous.", "N'hesitez pas", "n'hésitez pas"),
        ("N’hésitez-pas à nous écrire.", "N’hésitez-pas", "n'hésitez pas"),
        ("Désolée pour la gêne occasionnée.", "Désolée pour la gêne occasionnée",
         "désolé pour la gêne occasionnée"),
        ("Désolés pour la gêne occasionnée !", "Désolés pour la gêne occasionnée",
         "désolé pour la gêne occasionnée"),
        ("Calmez vous, je vais regarder.", "Calmez vous", "calmez-vous"),
        ("Merci. cdt.", "cdt", "Cdt"),
    ],
)  # fmt: skip
def test_variants_are_found_as_written(reply: str, written: str, expression: str) -> None:
    (finding,) = run(reply)
    assert (finding.evidence, finding.found) == (written, expression)
    assert reply[finding.start : finding.end] == written


@pytest.mark.parametrize(
    "reply",
    [
        "Heureusement, le colis est arrivé à temps.",
        "Il n'y a aucun souci de notre côté : votre commande est partie.",
        "Pas de soucière dans cette collection, mais une théière.",
        "La procédure de retour est simple : voici comment faire.",
        "N'hésitez jamais à nous écrire ? Non : je reste à votre disposition.",
        "Vous m'écrivez « c'est la procédure, paraît-il » : je vérifie tout de suite.",
        "Bien cordialement, Camille (CDT-Lyon ? non : Service Clients)",
    ],
)
def test_lookalikes_and_quotes_are_not_found(reply: str) -> None:
    assert run(reply) == []


def test_a_finding_names_its_list_and_replacement() -> None:
    (finding,) = run("Je vous envoie ça, pas de soucis.")
    assert finding.kind == "forbidden_expression"
    assert finding.standard_id is None  # bible.yml's own list
    assert finding.standard_version is None
    assert finding.expected == "avec plaisir"
    assert finding.detail == {"expression": "pas de souci", "replacement": "avec plaisir"}
    assert finding.message == 1


def test_the_longest_expression_wins_and_names_its_standard() -> None:
    (finding,) = run("Vous auriez du refuser le colis à la livraison.")
    assert finding.found == "vous auriez dû refuser le colis"
    assert (finding.standard_id, finding.standard_version) == ("livraison-colis-endommage", 1)
    assert finding.expected == "je m'occupe de tout"
    (shorter,) = run("Vous auriez dû nous prévenir.")
    assert (shorter.found, shorter.standard_id) == ("vous auriez dû", None)


def test_every_use_in_every_reply_is_reported() -> None:
    findings = run(
        "Pas de souci ! Malheureusement, c'est la procédure.",
        "Bonjour, la réponse du transporteur est arrivée.",
        "Pas de souci, à bientôt.",
    )
    assert [(f.message, f.found) for f in findings] == [
        (1, "pas de souci"),
        (1, "malheureusement"),
        (1, "c'est la procédure"),
        (3, "pas de souci"),
    ]


def test_customer_messages_are_not_checked() -> None:
    ctx = context(
        "Je comprends votre agacement, je m'en occupe.",
        standards=(DAMAGED,),
        rules=GLOBAL,
        customer_says="Calmez-vous avec vos relances, malheureusement je n'ai rien reçu !",
    )
    assert list(ForbiddenExpressions().run(ctx)) == []


def test_no_list_no_finding() -> None:
    ctx = context("Pas de souci, malheureusement.", standards=(standard("vide"),), rules=bible())
    assert list(ForbiddenExpressions().run(ctx)) == []


def test_demo_bible_lists(demo_rules: Rules) -> None:
    rules, standards = demo_rules
    ctx = context(
        "Bonjour, le transporteur dit que c'est livré. Portez plainte, svp. Cdt",
        standards=(standards["livraison-colis-perdu"], standards["email"]),
        rules=rules,
    )
    found = [(f.found, f.standard_id) for f in ForbiddenExpressions().run(ctx)]
    assert found == [
        ("le transporteur dit que c'est livré", "livraison-colis-perdu"),
        ("portez plainte", "livraison-colis-perdu"),
        ("Cdt", None),
    ]
