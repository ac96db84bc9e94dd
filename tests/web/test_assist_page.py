"""The assist page: a pasted customer message gets its reason, the standard and the approved
answer for the channel (the same as the API and `unisono suggest`), the customer's record fills
the placeholders; the free question search; the pasted text is shown back as text."""

from __future__ import annotations

import re

from tests.web.conftest import sign_in

MESSAGE = "Bonjour, mon colis devait arriver hier et toujours rien, c'est inadmissible !"


def test_a_message_gets_the_approved_answer_of_its_standard(web):
    csrf = sign_in(web, "conseiller")
    assert "Répondre à un message client" in web.get("/assist").text
    page = web.post("/assist", data={"csrf_token": csrf, "text": MESSAGE, "channel": "email",
                                     "customer": "CD-1"}).text  # fmt: skip
    asked = {"text": MESSAGE, "channel": "email", "customer": "CD-1"}
    api = web.post("/api/v1/assist/suggest", headers={"X-CSRF-Token": csrf}, json=asked).json()
    assert api["standard_id"] == "livraison-retard"
    assert "Colis en retard" in page
    assert 'href="/bible/standards/livraison-retard"' in page
    assert "Juliette Roux" in page  # the customer's record filled {customer_name}
    assert "{agent_name}" not in page  # the signed-in agent signs the answer
    shown = re.search(r'<div class="answer">(.*?)</div>', page, re.S).group(1)
    for placeholder in set(api["missing_placeholders"]) - {"agent_name"}:
        assert f'<span class="placeholder" title="à compléter">{{{placeholder}}}</span>' in shown
    assert "48 heures" in shown  # the standard's facts fill their placeholders
    assert "Expressions à éviter" in page
    assert "c&#39;est la faute du transporteur" in page


def test_errors_are_said_and_the_pasted_text_stays_text(web):
    csrf = sign_in(web, "conseiller")
    unknown = web.post("/assist", data={"csrf_token": csrf, "text": "Bonjour", "channel": "email",
                                        "customer": "C-NOBODY"})  # fmt: skip
    assert unknown.status_code == 422
    assert "Aucun client n’a cet identifiant." in unknown.text
    channel = web.post("/assist", data={"csrf_token": csrf, "text": "Bonjour", "channel": "fax"})
    assert channel.status_code == 422
    assert "Choisissez un canal de la liste." in channel.text
    hostile = "<script>alert('x')</script> mon colis est en retard"
    page = web.post("/assist", data={"csrf_token": csrf, "text": hostile, "channel": "chat"}).text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; mon colis est en retard" in page


def test_a_free_question_finds_the_standards_that_answer_it(web):
    sign_in(web, "equipe")
    page = web.get("/assist", params={"q": "comment me faire rembourser ?", "channel": "chat"})
    assert page.status_code == 200
    matches = re.search(r'<section class="card" id="matches">(.*?)</section>', page.text, re.S)
    links = re.findall(r'href="/bible/standards/([^"]+)"', matches.group(1))
    assert links
    assert any("rembours" in link for link in links)
    nothing = web.get("/assist", params={"q": "zzzz qqqq"}).text
    assert "Rien dans la bible ne répond à cette question." in nothing
