"""The bible's pages: browse, read, edit (validated like a file), history, diff, workflow,
handbook."""

from __future__ import annotations

import re
from html import unescape

from tests.web.conftest import csrf_of, sign_in

STANDARD = "/bible/standards/livraison-retard"


def _edit(web, text: str):
    csrf = csrf_of(web.get(f"{STANDARD}/edit").text)
    return web.post(
        f"{STANDARD}/edit", data={"text": text, "csrf_token": csrf}, follow_redirects=False
    )


def _file_text(web) -> str:
    page = web.get(f"{STANDARD}/edit").text
    found = re.search(r'<textarea id="text"[^>]*>(.*?)</textarea>', page, re.S)
    assert found is not None
    return unescape(found.group(1))


def test_browse_by_section_reason_and_channel(web):
    sign_in(web, "conseiller")
    everything = web.get("/bible").text
    assert "Colis en retard" in everything
    assert "<h2>Les fondamentaux" in everything
    processes = web.get("/bible?section=processes").text
    assert "Colis en retard" in processes
    assert "<h2>Les fondamentaux" not in processes
    by_reason = web.get("/bible?reason=livraison.retard").text
    assert "Colis en retard" in by_reason
    assert "<strong>Retourner un article" not in by_reason
    by_channel = web.get("/bible?channel=phone&section=communication").text
    assert "<strong>Téléphone : accueil" in by_channel
    assert "<strong>E-mail : structure" not in by_channel


def test_a_standard_shows_its_facts_slas_and_answers(web):
    sign_in(web, "conseiller")
    page = web.get(STANDARD).text
    assert "geste_commercial_standard" in page
    assert "5 EUR" in page
    assert "Délais de service" in page
    assert "30 s" in page  # phone first response
    assert "Réponses approuvées" in page
    assert "Modifier" not in page  # an agent reads, does not edit


def test_an_edit_is_validated_like_a_file_and_nothing_bad_is_stored(web):
    sign_in(web, "qualite")
    text = _file_text(web)
    broken = text.replace("status: published", "status: publishd")
    answer = _edit(web, broken)
    assert answer.status_code == 422
    line = broken.splitlines().index("status: publishd") + 1
    assert f"ligne {line} · <code>status</code>" in answer.text  # the line in the edited text
    assert "publishd" in answer.text  # the text typed is kept for correction
    contradiction = text.replace(
        "geste_commercial_standard: 5 EUR", "geste_commercial_standard: 7 EUR"
    )
    answer = _edit(web, contradiction)
    assert answer.status_code == 422
    assert "contradicts" in unescape(answer.text)
    history = web.get(f"{STANDARD}/history").text  # its version links: « v1 » only
    assert ">v1</a>" in history
    assert ">v2</a>" not in history  # a bare « v2 » may be in a token or an asset's name


def test_a_valid_edit_is_a_new_version_with_its_history_and_diff(web):
    sign_in(web, "qualite")
    text = _file_text(web).replace(
        "frais_livraison_express: 9,90 EUR",
        "frais_livraison_express: 9,90 EUR\n  delai_relance: 3 jours",
    )
    answer = _edit(web, text)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"{STANDARD}?saved=2"
    page = web.get(answer.headers["location"]).text
    assert "Enregistré : version 2." in page
    assert "delai_relance" in page
    history = web.get(f"{STANDARD}/history").text
    assert "facts.delai_relance" in history
    diff = web.get(f"{STANDARD}/diff?a=1&b=2").text
    assert "+  delai_relance: 3 jours" in unescape(diff)
    assert _edit(web, text).headers["location"] == f"{STANDARD}?saved=0"  # unchanged: no version


def test_the_workflow_publishing_needs_the_right_role(web):
    csrf = sign_in(web, "qualite")
    moved = web.post(
        f"{STANDARD}/status", data={"status": "review", "csrf_token": csrf}, follow_redirects=False
    )
    assert moved.status_code == 303
    assert "en relecture" in web.get(STANDARD).text
    refused = web.post(f"{STANDARD}/status", data={"status": "published", "csrf_token": csrf})
    assert refused.status_code == 403
    text = _file_text(web).replace("status: review", "status: published")
    assert _edit(web, text).status_code == 422  # nor through the file
    web.cookies.clear()
    csrf = sign_in(web, "direction")
    published = web.post(
        f"{STANDARD}/status",
        data={"status": "published", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert published.headers["location"] == f"{STANDARD}?saved=3"
    skipped = web.post(f"{STANDARD}/status", data={"status": "draft", "csrf_token": csrf})
    assert skipped.status_code == 409  # published → draft is not a step of the workflow
    assert "cannot become draft" in skipped.text


def test_the_handbook_downloads_as_html_and_pdf(web):
    sign_in(web, "conseiller")
    html = web.get("/bible/handbook.html")
    assert html.status_code == 200
    assert "Colis en retard" in html.text
    pdf = web.get("/bible/handbook.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
