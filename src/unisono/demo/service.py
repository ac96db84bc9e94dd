"""The demo: a fresh embedded database with the demo bible loaded and its handbook written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from unisono.bible.export import render_handbook, write_pdf
from unisono.bible.loader import read_bible
from unisono.bible.service import load_bible
from unisono.core.clock import utcnow
from unisono.core.db import session_scope
from unisono.core.migrate import upgrade


def demo_bible_path() -> Path:
    """The demo bible: packaged beside the code in a wheel, under examples/ in a checkout."""
    packaged = Path(__file__).resolve().parent.parent / "demo_bible"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "examples" / "bible"


@dataclass(frozen=True)
class DemoReport:
    """What the demo prepared."""

    bible: Path
    standards: int
    reasons: int
    channels: int
    handbook_html: Path
    handbook_pdf: Path


def prepare_demo(*, engine: Engine, output_dir: Path, today: dt.date) -> DemoReport:
    """Migrate ``engine``'s database, load the demo bible and write its handbook."""
    bible = read_bible(demo_bible_path())
    upgrade(engine)
    output_dir.mkdir(parents=True, exist_ok=True)
    html_path, pdf_path = output_dir / "handbook.html", output_dir / "handbook.pdf"
    with session_scope(engine) as session:
        load_bible(session=session, bible=bible, now=utcnow())
        html = render_handbook(session=session, statuses=("published",), today=today)
    html_path.write_text(html, encoding="utf-8")
    write_pdf(html, pdf_path)
    summary = bible.summary()
    return DemoReport(
        bible.root,
        summary["standards"],
        summary["reasons"],
        summary["channels"],
        html_path,
        pdf_path,
    )
