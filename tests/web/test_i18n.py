"""The catalogs: every message of the pages is in them, and French has every translation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from unisono.web.i18n import Formatter

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "src" / "unisono" / "web" / "locales"


def _ids(path: Path, locale: str | None = None) -> dict[object, object]:
    with path.open("rb") as source:
        catalog = read_po(source, locale=locale)
    return {message.id: message.string for message in catalog if message.id}


def test_the_catalogs_hold_every_message_and_french_translates_them(tmp_path):
    extracted = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F",
         str(ROOT / "babel.cfg"), "-k", "N_", "-k", "ngettext:1,2", "--no-location",
         "--omit-header", "-o", str(extracted), str(ROOT)],
        check=True, cwd=ROOT,
    )  # fmt: skip
    messages = set(_ids(extracted))
    french = _ids(LOCALES / "fr" / "LC_MESSAGES" / "messages.po", "fr")
    english = _ids(LOCALES / "en" / "LC_MESSAGES" / "messages.po", "en")
    assert messages - set(french) == set(), "run `make messages` and translate"
    assert messages - set(english) == set(), "run `make messages`"
    untranslated = [
        m
        for m in messages
        if not french[m] or (isinstance(french[m], tuple) and not all(french[m]))
    ]
    assert untranslated == []


def test_numbers_dates_and_plurals_follow_the_language():
    french, english = Formatter("fr"), Formatter("en")
    assert french.number(1234567) == "1\u202f234\u202f567"
    assert english.number(1234567) == "1,234,567"
    assert french.percent(87.5, 1) == "87,5\xa0%"
    assert english.percent(87.5, 1) == "87.5%"
    assert french.ngettext("%(num)s standard", "%(num)s standards", 2) == "2 standards"
    assert french.gettext("Dashboard") == "Tableau de bord"
    assert english.gettext("Dashboard") == "Dashboard"
