"""What counts as the new text of an e-mail: quotes, reply headers, signatures and footers go."""

from __future__ import annotations

import pytest

from unisono.interactions.importers.email_text import decode, html_to_text, new_text, unflow

ANSWER = "Bonjour Madame Martin,\n\nVotre colis arrive demain.\n\nCordialement,\nCamille"


@pytest.mark.parametrize(
    "history",
    [
        # Gmail (fr), the header wrapped over two lines
        "Le lun. 3 oct. 2026 à 10:02, Léa Martin <lea@example.org> a\nécrit :\n> Bonjour,\n> Où ?",
        # Gmail (fr), wrapped inside the address, with a non-breaking space before the colon
        "Le lun. 3 oct. 2026 à 10:02, Léa Martin <\nlea@example.org> a écrit\xa0:\n\n> Où ?",
        # Thunderbird (fr)
        "Le 03/10/2026 à 10:02, Léa Martin a écrit :\n> Où est mon colis ?",
        # Gmail (en)
        "On Mon, Oct 3, 2026 at 10:02 AM Léa Martin <lea@example.org> wrote:\n\n> Where is it?",
        # Apple Mail (en), wrapped
        "On 3 Oct 2026, at 10:02, Léa Martin <lea@example.org>\nwrote:\n> Where is it?",
        "-----Message d'origine-----\nDe : Léa Martin\nEnvoyé : lundi 3 octobre 2026 10:02\n\nOù ?",
        "-----Original Message-----\nFrom: Léa Martin\nSent: Monday, October 3, 2026\n\nWhere?",
        '----- Mail original -----\nDe: "Léa Martin" <lea@example.org>\nEnvoyé: Lundi 3 Octobre',
        # Outlook (fr): a rule, then the header block without quote marks
        "________________________________\nDe : Léa Martin <lea@example.org>\n"
        "Envoyé : lundi 3 octobre 2026 10:02\nÀ : service@maison-aubepine.fr\n"
        "Objet : Commande 4521\n\nBonjour,\nOù est mon colis ?",
        # Outlook (en)
        "From: Léa Martin <lea@example.org>\nSent: Monday, October 3, 2026 10:02 AM\n"
        "To: service@maison-aubepine.fr\nSubject: Order 4521\n\nWhere is it?",
        # Outlook's HTML rendered as text by Gmail: bold labels
        "*From:* Léa Martin <lea@example.org>\n*Sent:* Monday, October 3, 2026 10:02 AM",
        "---------- Forwarded message ---------\nDe : Léa Martin <lea@example.org>\nDate: lun.",
        "-- \nCamille Dupont\nConseillère clientèle\n01 23 45 67 89",
        "--\nCamille Dupont | Maison Aubépine",
        "Envoyé de mon iPhone",
        "Envoyé depuis mon mobile Orange",
        "Sent from my iPhone\n\n> On 3 Oct 2026, at 10:02, Léa Martin wrote:",
        "Get Outlook for iOS",
        "Obtenir Outlook pour Android",
        "Envoyé à partir de Courrier pour Windows",
    ],
)
def test_history_signatures_and_footers_are_not_new_text(history):
    assert new_text(f"{ANSWER}\n\n{history}\n") == ANSWER


def test_greeting_and_sign_off_stay():
    text = "Bonjour,\n\nMerci pour votre aide.\n\nCordialement,\nLéa\n"
    assert new_text(text) == "Bonjour,\n\nMerci pour votre aide.\n\nCordialement,\nLéa"


def test_answers_between_quoted_lines_stay():
    text = "> Quel est votre numéro de commande ?\n4521\n> Et votre code postal ?\n69003\n"
    assert new_text(text) == "4521\n69003"


def test_a_bottom_posted_answer_is_the_text_below_the_quote():
    text = (
        "Le lun. 3 oct. 2026 à 10:02, Camille <camille@maison-aubepine.fr> a écrit :\n"
        "> Votre colis arrive demain.\n\nMerci beaucoup !\nLéa\n-- \nLéa Martin, Lyon"
    )
    assert new_text(text) == "Merci beaucoup !\nLéa"


@pytest.mark.parametrize(
    "text",
    [
        # a customer quoting what an agent told her: no time and no address, not a reply header
        "Le 3 octobre, votre collègue a écrit :\n« nous vous rembourserons »\nOr rien.",
        # "De :" without "Envoyé :" under it is a sentence, not an Outlook header
        "De : mon côté, tout est en ordre.\nMerci.",
        "Envoyé le colis hier, toujours rien.",
        "-- la suite demain",
    ],
)
def test_customer_sentences_that_look_like_markers_stay(text):
    assert new_text(text) == text


def test_decode_trusts_the_declared_charset_when_the_bytes_agree():
    assert decode("Léa".encode("utf-16"), "utf-16") == "Léa"
    assert decode("Ça coûte 10 €".encode(), "utf-8") == "Ça coûte 10 €"


@pytest.mark.parametrize(
    ("payload", "charset"),
    [
        ("Ça coûte 10 € – d’accord".encode("cp1252"), "utf-8"),  # mislabelled
        ("Ça coûte 10 € – d’accord".encode("cp1252"), "iso-8859-1"),  # Outlook's Windows-1252
        ("Ça coûte 10 € – d’accord".encode(), "iso-8859-1"),  # UTF-8 under a Latin-1 label
        ("Ça coûte 10 € – d’accord".encode(), None),
        ("Ça coûte 10 € – d’accord".encode(), "x-unknown-charset"),
        ("Ça coûte 10 € – d’accord".encode("cp1252"), "unknown-8bit"),
    ],
)
def test_decode_recovers_french_text_from_wrong_labels(payload, charset):
    assert decode(payload, charset) == "Ça coûte 10 € – d’accord"


def test_decode_never_fails():
    assert decode(b"\x81\x8d\xe9", "utf-8") == "\x81\x8dé"


def test_html_keeps_line_breaks_and_drops_styles_and_scripts():
    html = (
        "<html><head><style>p {margin:0}</style><title>x</title></head><body>"
        "<p>Bonjour,</p><p>Votre colis&nbsp;: <b>arriv&eacute;</b>\n  demain.<br>Merci</p>"
        "<div>Cordialement,</div><div><br></div><div>Camille</div>"
        "<ul><li>un</li><li>deux</li></ul><script>alert(1)</script></body></html>"
    )
    assert html_to_text(html) == (
        "Bonjour,\n\nVotre colis\xa0: arrivé demain.\nMerci\n\nCordialement,\n\nCamille\n"
        "- un\n- deux"
    )


def test_html_blockquotes_become_quoted_lines():
    html = "<div>Merci</div><blockquote>Bonjour,<br>Votre colis</blockquote><div>Fin</div>"
    assert html_to_text(html) == "Merci\n\n> Bonjour,\n> Votre colis\n\nFin"
    assert new_text(html_to_text(html)) == "Merci\n\nFin"


def test_flowed_text_is_joined_within_one_quote_depth():
    text = "Le colis est arrivé ce \nmatin.\n> cité \n> encore\nNouveau \n> cité\n-- \nSig"
    assert unflow(text, delsp=False) == (
        "Le colis est arrivé ce matin.\n> cité encore\nNouveau \n> cité\n-- \nSig"
    )
    assert unflow("ab \ncd", delsp=True) == "abcd"
