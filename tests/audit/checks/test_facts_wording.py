"""Which fact a value states when the reply words it otherwise than the approved answers: the
standard's own text, word families, counts with another noun, English replies; and the right
values in other words that must stay unflagged."""

from __future__ import annotations

import pytest

from tests.audit.factories import bible, context, standard
from unisono.audit.checks.base import BibleRules, Finding, StandardRules
from unisono.audit.checks.facts import FactContradictions

ENGLISH = bible(language="en", formality=None)


def found(*replies: str, standards: tuple[StandardRules, ...], **kwargs: object) -> list[tuple]:
    ctx = context(*replies, standards=standards, **kwargs)  # type: ignore[arg-type]
    findings: list[Finding] = list(FactContradictions().run(ctx))
    return [(f.detail["fact"], f.found) for f in findings]


LATE = standard(
    "livraison-retard",
    facts={"delai_avant_enquete": "2 jours ouvrés", "delai_enquete_transporteur": "48 heures"},
    answers={
        "email": "J'ai ouvert une enquête auprès du transporteur : il s'est engagé à nous "
        "répondre sous {delai_enquete_transporteur}."
    },
    body="## Procédure\n\n1. Comparer la date promise au suivi.\n2. **Retard de 2 jours ouvrés "
    "ou plus**, ou suivi bloqué : ouvrir une enquête sur le portail\n   transporteur "
    "(réponse sous 48 heures), donner la nouvelle date.\n",
)


def test_a_fact_only_the_procedure_states_is_read_with_its_words() -> None:
    reply = (
        "Je comprends, c'est très contrariant. Chez nous, on attend cinq jours ouvrés de retard "
        "avant d'ouvrir une enquête, donc pour l'instant le colis est toujours en route."
    )
    assert found(reply, standards=(LATE,)) == [("delai_avant_enquete", "cinq jours ouvrés")]
    without_text = standard(
        "livraison-retard", facts=dict.fromkeys(["delai_avant_enquete"], "2 jours ouvrés")
    )
    assert found(reply, standards=(without_text,)) == []  # its name alone says too little


def test_the_procedure_in_other_words_is_not_flagged() -> None:
    reply = (
        "Au-delà de deux jours ouvrés de retard, nous ouvrons une enquête ; le transporteur "
        "nous répond sous 48 heures. Votre colis a trois jours de retard : c'est fait."
    )
    assert found(reply, standards=(LATE,)) == []


ACCOUNT = standard(
    "compte-acces",
    facts={
        "validite_lien_reinitialisation": "24 heures",
        "nombre_tentatives_connexion": "5 tentatives",
        "duree_blocage_compte": "30 minutes",
    },
    answers={
        "chat": "Je vous envoie un lien de réinitialisation, valable "
        "{validite_lien_reinitialisation}. Après {nombre_tentatives_connexion} erreurs, le "
        "compte est protégé pendant {duree_blocage_compte}."
    },
)


def test_a_word_of_the_family_of_the_name_announces_the_fact() -> None:
    reply = (
        "Votre compte est bloqué 24 heures après 5 tentatives. En attendant, je vous envoie un "
        "lien de réinitialisation, valable 24 heures."
    )
    assert found(reply, standards=(ACCOUNT,), channel="chat") == [
        ("duree_blocage_compte", "24 heures")
    ]
    right = "Votre compte est bloqué une demi-heure ; le lien reçu reste valable 24 heures."
    assert found(right, standards=(ACCOUNT,), channel="chat") == []


LOYALTY = standard(
    "fidelite-aubepine-plus",
    facts={"cotisation_aubepine_plus": "0 EUR", "gain_points": "1 point par euro"},
    answers={"social": "Aubépine+ est gratuit : vous gagnez {gain_points} dépensé."},
)


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("Bonjour Julien ! L'adhésion coûte 5 € par an, et vous gagnez 1 point par euro.",
         [("cotisation_aubepine_plus", "5 € par an")]),
        ("Bonjour Julien ! L'adhésion est gratuite, et vous gagnez 1 point par euro dépensé.", []),
        ("Bonjour Julien ! L'abonnement ne coûte rien (0 €) : 1 point par euro dépensé.", []),
    ],
)  # fmt: skip
def test_membership_in_other_words(reply: str, expected: list[tuple[str, str]]) -> None:
    assert found(reply, standards=(LOYALTY,), channel="social") == expected


TRACKING = standard(
    "livraison-suivi",
    facts={
        "nombre_tentatives_livraison": "2 tentatives",
        "delai_conservation_point_relais": "10 jours",
    },
    answers={
        "email": "En cas d'absence, le transporteur effectue {nombre_tentatives_livraison} "
        "avant de déposer le colis dans le point relais, où il est conservé "
        "{delai_conservation_point_relais}."
    },
)


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("Pas d'inquiétude : le livreur passe trois fois avant de déposer le colis en relais.",
         [("nombre_tentatives_livraison", "trois fois")]),
        ("Le livreur ne passe qu'une seule fois avant de déposer le colis en point relais.",
         [("nombre_tentatives_livraison", "une seule fois")]),
        ("Le livreur passe deux fois, puis dépose le colis au point relais.", []),
        ("Le colis est au point relais. Il y reste 7 jours, ensuite il nous est retourné.",
         [("delai_conservation_point_relais", "7 jours")]),
        ("Le colis est au point relais : il y est gardé dix jours.", []),
    ],
)  # fmt: skip
def test_counts_and_keeping_in_other_words(reply: str, expected: list[tuple[str, str]]) -> None:
    assert found(reply, standards=(TRACKING,)) == expected


def test_a_count_per_order_states_a_fact_named_per_order() -> None:
    codes = standard(
        "paiement-code-promo",
        facts={"nombre_codes_par_commande": "1 code"},
        answers={
            "chat": "Un seul code promo est accepté par commande ({nombre_codes_par_commande})."
        },
    )
    wrong = "Oui, vous pouvez cumuler jusqu'à deux codes promo par commande."
    assert found(wrong, standards=(codes,), channel="chat") == [
        ("nombre_codes_par_commande", "deux codes")
    ]
    right = "Un seul code promo par commande, mais le bon Aubépine+ se cumule."
    assert found(right, standards=(codes,), channel="chat") == []


DAMAGE = standard(
    "livraison-colis-endommage",
    facts={"delai_signalement_dommage": "3 jours", "delai_expedition_remplacement": "48 heures"},
    answers={
        "chat": "Je vous envoie un article neuf, expédié sous {delai_expedition_remplacement}."
    },
    body="## Procédure\n\n1. Nous demandons de signaler un dommage sous 3 jours après la "
    "livraison ; au-delà, on traite quand même.\n",
)


def test_a_time_given_to_act_is_no_restatement() -> None:
    reply = (
        "Vous êtes dans les temps : vous aviez 48 heures pour nous signaler le dommage. Je vous "
        "envoie un miroir neuf, expédié sous 48 heures."
    )
    assert found(reply, standards=(DAMAGE,), channel="chat") == [
        ("delai_signalement_dommage", "48 heures")
    ]
    restated = "Si je résume : vous attendez depuis 5 jours, et le miroir est arrivé fêlé."
    assert found(restated, standards=(DAMAGE,), channel="chat") == []


OPTIONS = standard(
    "livraison-options",
    facts={"frais_livraison_standard": "4,90 EUR", "frais_livraison_express": "9,90 EUR"},
    body="## Les modes de livraison\n\n| mode | délai | frais |\n|---|---|---|\n"
    "| Standard à domicile | 3 jours ouvrés | 4,90 EUR |\n"
    "| Express à domicile | 24 heures | 9,90 EUR |\n",
)


def test_a_table_of_the_procedure_names_each_value_by_its_row() -> None:
    reply = "L'express à domicile, c'est 12,90 € ; le standard à domicile coûte 4 € 90."
    assert found(reply, standards=(OPTIONS,)) == [("frais_livraison_express", "12,90 €")]


def test_the_amount_of_the_customer_order_is_not_a_fee() -> None:
    reply = "Pour votre commande de 45 €, la livraison standard à domicile coûte 4,90 €."
    assert found(reply, standards=(OPTIONS,)) == []


CHAT = standard(
    "chat",
    section="communication",
    facts={"max_simultaneous_chats": "3 conversations"},
    body="## Procedure\n\n1. Read the whole history before asking anything.\n2. An advisor "
    "handles at most 3 conversations at once.\n",
)
REFUNDS = standard(
    "returns-refunds",
    facts={"return_shipping_fee": "£0", "refund_time": "14 days", "return_window": "30 days"},
    answers={"email": "You have {return_window} to return it; drop-off returns are free."},
    body="## Rules\n\n- Drop-off returns are free ({return_shipping_fee}).\n- Refund at the "
    "latest 14 days after the return request.\n",
)


@pytest.mark.parametrize(
    ("reply", "standards", "expected"),
    [
        ("Sorry for the wait: each of us handles up to 6 conversations at once.", (CHAT,),
         [("max_simultaneous_chats", "6 conversations")]),
        ("An adviser handles three chats at most, so bear with me.", (CHAT,), []),
        ("The £15 difference is the return delivery fee, deducted from your refund.", (REFUNDS,),
         [("return_shipping_fee", "£15")]),
        ("You'll be refunded within 30 days at the latest.", (REFUNDS,),
         [("refund_time", "30 days")]),
        ("You'll get your money back within a fortnight at the latest.", (REFUNDS,), []),
        ("You have 30 days to send it back, and returns are free of charge.", (REFUNDS,), []),
    ],
)  # fmt: skip
def test_english_replies_in_other_words(
    reply: str, standards: tuple[StandardRules, ...], expected: list[tuple[str, str]]
) -> None:
    rules: BibleRules = ENGLISH
    assert found(reply, standards=standards, rules=rules, language="en") == expected


def test_a_bound_alone_does_not_name_a_cap() -> None:
    caps = standard(
        "gestes-commerciaux",
        facts={"plafond_geste_n1": "30 EUR"},
        body="| situation | geste |\n|---|---|\n| cumul sur un dossier | 30 EUR au maximum |\n",
    )
    reply = "Le paiement en 3 fois est proposé pour les paniers de 100 € à 3 000 €."
    assert found(reply, standards=(caps,)) == []
    assert found("Je peux accorder un geste jusqu'à 50 € sur ce dossier.", standards=(caps,)) == [
        ("plafond_geste_n1", "50 €")
    ]


PHONE = standard(
    "phone",
    section="communication",
    facts={"max_hold_time": "2 minutes", "callback_time": "24 hours"},
    body="## Procedure\n\n1. Put on hold only with the customer's agreement: 2 minutes at most."
    "\n2. Offer a call-back when the answer needs a long check: within 24 hours.\n",
)


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("Can I put you on hold for a minute while I check?", []),  # within the maximum
        ("I'll put you on hold for up to 5 minutes.", [("max_hold_time", "5 minutes")]),
        ("We'll call you back within 48 hours.", [("callback_time", "48 hours")]),
    ],
)
def test_a_value_within_a_maximum_keeps_to_it(reply: str, expected: list[tuple[str, str]]) -> None:
    assert found(reply, standards=(PHONE,), rules=ENGLISH, language="en", channel="phone") == (
        expected
    )


def test_an_amount_within_a_cap_is_allowed_but_a_higher_cap_is_not() -> None:
    gestures = standard(
        "gestes-commerciaux",
        facts={"geste_commercial_standard": "5 EUR", "plafond_geste_n1": "30 EUR"},
        answers={
            "phone": "Pour compenser, je vous offre un bon d'achat de {geste_commercial_standard}."
        },
        body="| situation | geste |\n|---|---|\n| cumul sur un dossier | 30 EUR au maximum |\n",
    )
    reply = (
        "Je suis autorisé à vous accorder un geste jusqu'à 50 €, et je vous propose un bon de 20 €."
    )
    assert found(reply, standards=(gestures,), channel="phone") == [("plafond_geste_n1", "50 €")]
