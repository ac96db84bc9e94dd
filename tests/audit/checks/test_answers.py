"""Replies that ignore the approved answer: a paraphrase of the answer passes, an off-script
reply is reported with its similarity and the answer it should have followed."""

from __future__ import annotations

from tests.audit.factories import bible, context, standard
from unisono.audit.checks.answers import THRESHOLD, OffStandardAnswers
from unisono.audit.checks.base import BibleRules, Finding, StandardRules

Rules = tuple[BibleRules, dict[str, StandardRules]]

PARAPHRASE = (
    "Bonjour Madame Martin,\n\n"
    "Je suis vraiment navrée que votre commande MA-1234567 ne soit pas arrivée à temps, je "
    "comprends que ce soit agaçant.\n\n"
    "J'ai contrôlé le suivi du colis et lancé une enquête chez le transporteur, qui doit nous "
    "répondre d'ici deux jours. La livraison est maintenant prévue le jeudi 19 novembre. En "
    "dédommagement, voici un bon d'achat de 5 € (code RETARD-7Q2K), déjà disponible sur votre "
    "compte.\n\nSi vous n'avez rien reçu à cette date, je reviens vers vous pour vous proposer "
    "un renvoi ou un remboursement, comme vous préférez.\n\nBien cordialement,\n\nCamille"
)
OFF_SCRIPT = (
    "Bonjour,\n\nVotre colis a du retard, c'est le transporteur qui a un souci, nous n'y "
    "pouvons rien. Il faut attendre encore quelques jours, il finira par arriver. "
    "Recontactez-nous la semaine prochaine si rien n'a bougé.\n\nCordialement,\n\nCamille"
)


def late(demo_rules: Rules) -> tuple[BibleRules, tuple[StandardRules, ...]]:
    rules, standards = demo_rules
    return rules, (standards["livraison-retard"], standards["email"])


def run(*replies: str, demo_rules: Rules, **kwargs: str) -> list[Finding]:
    rules, standards = late(demo_rules)
    ctx = context(*replies, standards=standards, rules=rules, **kwargs)  # type: ignore[arg-type]
    return list(OffStandardAnswers().run(ctx))


def test_a_paraphrase_of_the_approved_answer_passes(demo_rules: Rules) -> None:
    assert run(PARAPHRASE, demo_rules=demo_rules) == []


def test_an_off_script_reply_is_reported(demo_rules: Rules) -> None:
    (finding,) = run(OFF_SCRIPT, demo_rules=demo_rules)
    assert finding.kind == "off_standard_answer"
    assert (finding.standard_id, finding.standard_version) == ("livraison-retard", 1)
    assert finding.detail["threshold"] == THRESHOLD
    assert finding.detail["similarity"] < THRESHOLD
    assert finding.evidence == "Bonjour,"
    assert finding.found == OFF_SCRIPT
    assert finding.message == 1
    expected = finding.expected or ""
    assert expected.startswith("Bonjour Léa Martin,\n\nMerci pour votre message")
    assert "sous 48 heures" in expected  # facts filled in
    assert "bon d'achat de 5 EUR, code …" in expected  # other placeholders marked
    assert expected.endswith("Camille\nService Clients Maison Aubépine")


def test_the_closest_reply_counts(demo_rules: Rules) -> None:
    assert run("Bonjour Madame Martin,", PARAPHRASE, "Belle journée !", demo_rules=demo_rules) == []


def test_greetings_and_closings_alone_are_not_compared(demo_rules: Rules) -> None:
    assert run("Bonjour Madame Martin !", "Bien cordialement, Camille", demo_rules=demo_rules) == []


def test_replies_in_another_language_are_not_compared(demo_rules: Rules) -> None:
    reply = "Hello, your parcel is late; we have opened an enquiry with the carrier."
    assert run(reply, demo_rules=demo_rules, language="en") == []


def test_the_process_standard_answer_is_used_not_a_channel_layout() -> None:
    layout = standard(
        "email",
        section="communication",
        answers={"email": "Bonjour {customer_name},\n\n[Réponse.]\n\nBien cordialement,"},
    )
    ctx = context("Bonjour, votre colis arrive demain. Cordialement.", standards=(layout,))
    assert list(OffStandardAnswers().run(ctx)) == []


def test_an_answer_written_as_alternatives_is_compared_one_case_at_a_time() -> None:
    tracking = standard(
        "livraison-suivi",
        answers={
            "chat": "[En transit] Votre colis est en route et sera livré le {delivery_date}.\n"
            "[Colis en point relais] Votre colis vous attend au point relais {pickup_point}, "
            "où il est conservé {delai_conservation}. Pensez à votre pièce d'identité.",
        },
        facts={"delai_conservation": "10 jours"},
    )
    reply = "Bonjour ! Votre colis vous attend au point relais Tabac de la Gare : il y est "
    reply += "conservé dix jours, pensez à prendre une pièce d'identité."
    ctx = context(reply, standards=(tracking,), channel="chat")
    assert list(OffStandardAnswers().run(ctx)) == []


def test_an_english_bible() -> None:
    refunds = standard(
        "refund",
        answers={
            "email": "Hello {customer_name},\n\nYour return has arrived and we have "
            "issued your refund of {amount}. It will show on your account within "
            "{refund_delay}.\n\nKind regards,\n{agent_name}"
        },
        facts={"refund_delay": "5 business days"},
    )
    rules = bible(language="en", formality=None)
    close = "Hi Sam,\n\nWe received your return and issued the refund of £40; it should show "
    close += "on your account within five business days.\n\nBest regards,\nAlex"
    off = "Hi Sam,\n\nPlease send us a photo of the damaged item so we can look into it.\n\nAlex"
    kwargs = {"standards": (refunds,), "rules": rules, "language": "en", "customer": "Sam Lee"}
    assert list(OffStandardAnswers().run(context(close, **kwargs))) == []  # type: ignore[arg-type]
    assert len(list(OffStandardAnswers().run(context(off, **kwargs)))) == 1  # type: ignore[arg-type]


def test_a_process_standard_for_every_reason_gives_no_answer_to_compare() -> None:
    channel = standard("email", section="communication", answers={"email": "Bonjour, [Réponse.]"})
    gestures = standard(
        "gestes-commerciaux",
        answers={"email": "Pour ce désagrément, je vous offre un bon d'achat de 5 EUR."},
    )
    ctx = context("Bonjour, votre colis arrive demain matin.", standards=(channel, gestures))
    assert list(OffStandardAnswers().run(ctx)) == []
