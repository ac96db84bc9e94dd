"""`unisono bible export`: the printable handbook, in HTML and as a real PDF."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from tests.bible.test_bible_load import edit, load


@pytest.fixture
def loaded(cli, minimal_bible):
    load(cli, minimal_bible)
    return minimal_bible


def test_html_handbook_has_the_sections_in_order_with_each_standard(cli, loaded, tmp_path):
    target = tmp_path / "handbook.html"
    result = cli("bible", "export", "--format", "html", "-o", str(target))
    assert result.exit_code == 0, result
    html = target.read_text(encoding="utf-8")
    assert '<h1 class="cover-title">Bible du Service Clients</h1>' in html
    assert "Une seule voix : la même réponse sur tous les canaux." in html
    assert html.index("Les fondamentaux") < html.index("Les processus") < html.index("Annexes")
    standard = html[html.index('id="standard-remboursement-retard"') :]
    for expected in (
        "Remboursement d&#39;une commande livrée en retard",
        "version 1",
        "qualite@example.com",
        "1 octobre 2026",  # reviewed on
        "30 décembre 2026",  # next review
        "<code>delai_remboursement</code></th><td>14 jours",
        '<td>Chat</td><td class="num">2 min</td>',
        '<td>tous les canaux</td><td class="num">48 h</td>',
        "<li>Empathie</li>",
        "ce n&#39;est pas de notre faute",
        "<li>Vérifier la date de livraison promise.</li>",  # the Markdown body, rendered
    ):
        assert expected in standard, expected
    # facts are filled into approved answers, other placeholders are marked
    assert 'sous <span class="fact">14 jours</span>' in standard
    assert '<span class="placeholder">{customer_name}</span>' in standard


def test_customer_text_in_the_bible_is_escaped(cli, loaded, tmp_path):
    edit(
        loaded / "processes/vision.md",
        "Une seule voix.",
        "Une seule voix. <script>alert(1)</script>",
    )
    load(cli, loaded)
    target = tmp_path / "handbook.html"
    cli("bible", "export", "-o", str(target))
    html = target.read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_drafts_are_left_out_unless_asked_for(cli, loaded, tmp_path):
    edit(loaded / "processes/vision.md", "status: published", "status: review")
    load(cli, loaded)
    target = tmp_path / "handbook.html"
    cli("bible", "export", "-o", str(target))
    assert 'id="standard-vision"' not in target.read_text(encoding="utf-8")
    cli("bible", "export", "--drafts", "-o", str(target))
    html = target.read_text(encoding="utf-8")
    assert '<span class="status status-review">en relecture</span>' in html


def test_pdf_handbook_is_real_text_with_page_numbers(cli, loaded, tmp_path):
    target = tmp_path / "handbook.pdf"
    result = cli("bible", "export", "--format", "pdf", "-o", str(target))
    assert result.exit_code == 0, result
    reader = PdfReader(target)
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 4
    assert "Bible du Service Clients" in pages[0]
    assert "Sommaire" in pages[1]
    # every page but the cover carries "n / total" in its footer
    for number, text in enumerate(pages[1:], start=2):
        assert re.search(rf"\b{number} / {len(pages)}\b", text), text
    body = "\n".join(pages)
    assert "Remboursement d'une commande livrée en retard" in body
    assert [item.title for item in reader.outline if not isinstance(item, list)][:2] == [
        "Bible du Service Clients",
        "Sommaire",
    ]


def test_export_before_any_load_says_so(cli, tmp_path):
    result = cli("bible", "export", "-o", str(tmp_path / "h.html"))
    assert result.exit_code == 1
    assert "no bible loaded yet: run `unisono bible load PATH` first" in result.stderr
