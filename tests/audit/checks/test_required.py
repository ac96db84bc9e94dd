"""Required elements: recognised however the agent phrases them, per channel, in French and
English; reported once, for the most specific standard, when no reply has them."""

from __future__ import annotations

import pytest

from tests.audit.factories import bible, context, standard
from unisono.audit.checks.base import BibleRules, Finding, StandardRules
from unisono.audit.checks.required import MissingRequired

Rules = tuple[BibleRules, dict[str, StandardRules]]
ALL = ("greeting", "identification", "reformulation", "empathy", "apology", "solution",
       "next_steps", "closing")  # fmt: skip


def missing(*replies: str, required: tuple[str, ...] = ALL, **kwargs: str) -> list[str]:
    ctx = context(*replies, standards=(standard(required=required),), **kwargs)  # type: ignore[arg-type]
    return [f.detail["element"] for f in MissingRequired().run(ctx)]


EMAIL_FR = (
    "Bonjour Madame Martin,\n\n"
    "Si je comprends bien, votre commande MA-4471203 n'est toujours pas arrivée. Je comprends "
    "votre inquiétude, et nous sommes sincèrement désolés de ce retard.\n\n"
    "J'ai ouvert une enquête auprès du transporteur. Vous recevrez sa réponse par e-mail d'ici "
    "jeudi.\n\nBien cordialement,\n\nCamille\nService Clients Maison Aubépine"
)
PHONE_FR = (
    "Maison Aubépine, Camille à votre écoute, bonjour !",
    "Puis-je avoir votre numéro de commande, s'il vous plaît ?",
    "Vous souhaitez donc changer l'adresse de livraison. Je suis navrée pour ce contretemps, "
    "c'est très agaçant. C'est fait : je l'ai corrigée, et je vous rappelle demain pour confirmer.",
    "Merci de votre appel, et belle journée !",
)
CHAT_EN = (
    "Hi Sam! Camille here from Maison Aubépine, let me look into this.",
    "Could I have your order number, please?",
    "So you'd like to return the lamp. I'm so sorry it arrived broken, I can imagine how "
    "frustrating that is. I have sent you a free return label; you will receive the refund "
    "within 14 days of us receiving it.",
    "Have a lovely day!",
)


def test_every_element_in_a_french_email() -> None:
    assert missing(EMAIL_FR) == []


def test_every_element_on_the_phone_over_several_replies() -> None:
    assert missing(*PHONE_FR, channel="phone") == []


def test_every_element_in_an_english_chat() -> None:
    assert missing(*CHAT_EN, channel="chat", language="en", customer="Sam Taylor") == []


def test_a_greeting_must_open_a_reply() -> None:
    late = "Votre colis est parti ce matin de Lyon. Toute l'équipe vous dit bonjour."
    assert missing(late, required=("greeting",)) == ["greeting"]
    assert missing("Service Clients Maison Aubépine, Camille.", required=("greeting",)) == [
        "greeting"
    ]


def test_a_forgotten_closing_leaves_only_a_signature() -> None:
    reply = "Bonjour Madame Martin,\n\nMerci pour votre message. Votre colis est parti.\n\nCamille"
    assert missing(reply, required=("greeting", "closing")) == ["closing"]


@pytest.mark.parametrize(
    ("element", "reply"),
    [
        ("identification", "Votre commande n° 4471203 est bien partie."),
        ("identification", "Pour retrouver votre dossier, pouvez-vous me donner votre nom ?"),
        ("identification", "Merci Léa, c'est noté."),  # naming the customer
        ("reformulation", "Si j'ai bien compris, le colis est arrivé abîmé."),
        ("reformulation", "Vous m'indiquez que le code promo ne fonctionne pas."),
        ("empathy", "C'est vraiment frustrant, à votre place je le serais aussi."),
        ("apology", "Nous vous prions de nous excuser pour ce retard."),
        ("apology", "Toutes nos excuses pour ce contretemps."),
        ("solution", "Je vous rembourse les frais de livraison dès maintenant."),
        ("solution", "Le remboursement a été émis ce matin."),
        ("next_steps", "Un technicien passera chez vous le 3 décembre."),
        ("next_steps", "Je reviens vers vous au plus tard vendredi."),
        ("closing", "Je reste à votre disposition pour toute autre question."),
        ("closing", "Au revoir et à bientôt !"),
    ],
)
def test_elements_phrased_differently(element: str, reply: str) -> None:
    assert missing(reply, required=(element,)) == []


@pytest.mark.parametrize(
    ("element", "reply"),
    [
        ("apology", "I do apologise for the wait."),
        ("empathy", "I'm sorry to hear the parcel was damaged."),
        ("reformulation", "If I understand correctly, the parcel never arrived."),
        ("solution", "We'll send a replacement today."),
        ("next_steps", "You'll get a confirmation e-mail shortly."),
        ("closing", "Kind regards,\nCamille"),
        ("identification", "Could you give me your order number?"),
    ],
)
def test_english_elements(element: str, reply: str) -> None:
    assert missing(reply, required=(element,), language="en") == []


def test_elements_not_there_are_reported() -> None:
    reply = "Bonjour,\n\nJe regarde.\n\nCamille"
    assert missing(reply, customer=None) == [
        "identification", "reformulation", "empathy", "apology", "solution", "next_steps",
        "closing",
    ]  # fmt: skip


def test_custom_elements_are_matched_by_their_phrases() -> None:
    rules = bible(elements={"passage_en_prive": ("en message privé", "en MP")})
    ctx = context(
        "Bonjour Léa ! Nous vous écrivons en messages privés pour régler cela. Belle journée !",
        standards=(standard(required=("greeting", "passage_en_prive", "closing")),),
        rules=rules,
        channel="social",
    )
    assert list(MissingRequired().run(ctx)) == []
    ctx = context("Bonjour Léa ! On regarde. Belle journée !", standards=ctx.standards, rules=rules)
    assert [f.detail["element"] for f in MissingRequired().run(ctx)] == ["passage_en_prive"]


def test_reported_once_for_the_most_specific_standard() -> None:
    specific = standard("livraison-retard", required=("greeting", "apology"), version=3)
    channel = standard("email", section="communication", required=("greeting", "closing"))
    ctx = context("Votre colis arrive demain.", standards=(specific, channel))
    findings: list[Finding] = list(MissingRequired().run(ctx))
    assert [(f.detail["element"], f.standard_id, f.standard_version) for f in findings] == [
        ("greeting", "livraison-retard", 3),
        ("apology", "livraison-retard", 3),
        ("closing", "email", 1),
    ]
    assert all(f.kind == "missing_required" and f.evidence == "" for f in findings)


def test_interactions_without_a_reply_are_not_checked() -> None:
    assert missing() == []


def test_unknown_elements_are_not_reported() -> None:
    assert missing("Bonjour.", required=("signature_manuscrite",)) == []


def test_demo_bible_phone_call(demo_rules: Rules) -> None:
    rules, standards = demo_rules
    ctx = context(
        *PHONE_FR,
        standards=(standards["commande-modification"], standards["telephone"]),
        rules=rules,
        channel="phone",
    )
    assert list(MissingRequired().run(ctx)) == []


@pytest.mark.parametrize(
    ("reply", "present"),
    [
        ("Je vous rappelle au plus tard le 19 novembre.", True),
        ("Votre livraison est reprogrammée le jeudi 19 novembre.", True),
        ("Vous aurez une réponse sous 3 jours ouvrés.", True),
        ("Vous aurez une réponse dès demain.", True),
        ("Nous revenons vers vous rapidement.", False),
        ("Nous revenons vers vous bientôt.", False),
    ],
)
def test_a_declared_element_stands_for_more_than_its_phrases(reply: str, present: bool) -> None:
    rules = bible(
        elements={
            "engagement_date": ("d'ici le", "au plus tard le", "sous 48 heures", "dès demain"),
        }
    )
    ctx = context(reply, standards=(standard(required=("engagement_date",)),), rules=rules)
    assert (list(MissingRequired().run(ctx)) == []) is present


def test_an_order_number_restated_after_its_noun() -> None:
    rules = bible(language="en", elements={"order_number": ("order number", "order no")})
    ctx = context(
        "I have cancelled order HH-209977 for you.",
        standards=(standard(required=("order_number",)),),
        rules=rules,
        language="en",
    )
    assert list(MissingRequired().run(ctx)) == []
