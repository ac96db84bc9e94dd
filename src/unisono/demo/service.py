"""The demo: a fresh embedded database with the demo bible, realistic interactions and the
handbook, ready to explore."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from unisono.audit.service import analyze
from unisono.bible.export import render_handbook, write_pdf
from unisono.bible.loader import read_bible
from unisono.bible.service import load_bible
from unisono.consistency.store import keep_up_to_date
from unisono.core.clock import utcnow
from unisono.core.db import session_scope
from unisono.core.migrate import upgrade
from unisono.demo.generator import generate, write_jsonl
from unisono.demo.users import DemoLogin, create_demo_users
from unisono.interactions.importers import IMPORTERS
from unisono.interactions.importers.base import ImportOptions
from unisono.interactions.service import import_source
from unisono.metrics import rollups


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
    interactions: int
    findings: int
    handbook_html: Path
    handbook_pdf: Path
    logins: list[DemoLogin]


def prepare_demo(
    *, engine: Engine, output_dir: Path, today: dt.date, interactions: int, seed: int,
    handbook: bool = True,
) -> DemoReport:  # fmt: skip
    """Migrate ``engine``'s database, load the demo bible, import ``interactions`` generated
    interactions ending ``today``, audit them, create a user per role, and write the handbook
    into ``output_dir`` (unless ``handbook`` is false: the tests' seeded databases)."""
    bible = read_bible(demo_bible_path())
    upgrade(engine)
    output_dir.mkdir(parents=True, exist_ok=True)
    with session_scope(engine) as session:
        load_bible(session=session, bible=bible, now=utcnow())
        html = render_handbook(session=session, statuses=("published",), today=today)
    data = output_dir / "interactions.jsonl"
    with data.open("wb") as out:
        write_jsonl(generate(bible, interactions=interactions, seed=seed, end=today), out)
    summary = import_source(
        engine=engine, importer=IMPORTERS["jsonl"], path=data, options=ImportOptions(),
        rejects=output_dir / "rejects.jsonl", now=utcnow(),
    )  # fmt: skip
    findings = analyze(engine=engine, now=utcnow()).findings
    with session_scope(engine) as session:
        logins = create_demo_users(session=session, now=utcnow())
        rollups.refresh(session.connection())  # the first dashboard opens at once
        keep_up_to_date(session=session, now=utcnow())  # and its consistency index
    html_path, pdf_path = output_dir / "handbook.html", output_dir / "handbook.pdf"
    html_path.write_text(html, encoding="utf-8")
    if handbook:
        write_pdf(html, pdf_path)
    counts = bible.summary()
    return DemoReport(
        bible.root, counts["standards"], counts["reasons"], counts["channels"],
        summary.imported + summary.updated + summary.unchanged, sum(findings.values()),
        html_path, pdf_path, logins,
    )  # fmt: skip
