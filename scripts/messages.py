"""Update the web app's catalogs from the templates and code: ``make messages``.

Extracts every message into ``messages.pot``, then merges it into the French and English
catalogs (new messages appear untranslated, gone ones are marked obsolete). English is the
source language: its catalog stays empty, each message standing for itself.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "src" / "unisono" / "web" / "locales"


def main() -> None:
    """Extract, then update each catalog."""
    template = LOCALES / "messages.pot"
    babel = [sys.executable, "-m", "babel.messages.frontend"]
    subprocess.run(  # noqa: S603 - our own command line
        [*babel, "extract", "-F", str(ROOT / "babel.cfg"), "-k", "N_", "-k", "ngettext:1,2",
         "--no-location", "--sort-output", "--omit-header", "-o", str(template), str(ROOT)],
        check=True,
    )  # fmt: skip
    for language in ("fr", "en"):
        subprocess.run(  # noqa: S603 - our own command line
            [*babel, "update", "-i", str(template), "-d", str(LOCALES), "-l", language,
             "--no-fuzzy-matching", "--ignore-obsolete"],
            check=True,
        )  # fmt: skip


if __name__ == "__main__":
    main()
