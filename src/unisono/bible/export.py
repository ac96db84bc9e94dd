"""The printable handbook: the bible in force as one HTML document, and as a PDF (WeasyPrint)."""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.dates import format_date
from jinja2 import Environment, PackageLoader, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from unisono.bible import models, queries
from unisono.bible.vocabulary import ELEMENTS, SECTION_TITLES, SECTIONS
from unisono.core.durations import describe_duration

_CSS = Path(__file__).parent / "templates" / "handbook.css"
_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")
_ENVIRONMENT = Environment(
    loader=PackageLoader("unisono.bible", "templates"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True)
class HandbookStandard:
    """One standard as the handbook shows it."""

    version: models.StandardVersion
    body_html: Markup
    reasons: list[str]
    channels: list[str]
    required: list[str]
    slas: list[tuple[str, str, str]]  # (kind, channel, target)
    answers: list[tuple[str, Markup]]  # (channel label, answer with placeholders marked)


def render_handbook(*, session: Session, statuses: tuple[str, ...], today: dt.date) -> str:
    """The handbook of the bible in force as one HTML document; LookupError before any load."""
    revision = queries.latest_revision(session=session)
    if revision is None:
        raise LookupError("no bible loaded yet: run `unisono bible load PATH` first")
    language = revision.language
    labels = _Labels(revision, session)
    standards = queries.current_standards(session=session, statuses=statuses)
    sections = [
        (section, SECTION_TITLES[language][section], [
            _standard(version, labels, language)
            for version in sorted(standards, key=lambda v: (v.source_path, v.title))
            if version.section == section
        ])
        for section in SECTIONS
    ]  # fmt: skip
    template = _ENVIRONMENT.get_template("handbook.html.j2")
    return template.render(
        revision=revision,
        config=revision.document,
        t=TEXTS[language],
        lang=language,
        edition=format_date(today, format="long", locale=language),
        sections=[s for s in sections if s[2]],
        reasons=labels.reason_rows(),
        channels=labels.channels,
        css=Markup(_CSS.read_text(encoding="utf-8")),  # noqa: S704 - our own style sheet
        date=lambda day: format_date(day, format="long", locale=language) if day else "—",
    )


def write_pdf(html: str, target: Path) -> None:
    """Typeset the handbook as a PDF (selectable text, page numbers, outline)."""
    from weasyprint import HTML  # noqa: PLC0415 - WeasyPrint takes a second to import

    HTML(string=html, base_url=str(target.parent)).write_pdf(target)


def pdf_bytes(html: str) -> bytes:
    """The handbook typeset as a PDF, in memory (for a download)."""
    from weasyprint import HTML  # noqa: PLC0415 - WeasyPrint takes a second to import

    return bytes(HTML(string=html).write_pdf())


def standard_view(
    *, session: Session, version: models.StandardVersion, language: str
) -> HandbookStandard:
    """One standard as the handbook shows it, in ``language`` (fr or en)."""
    revision = queries.latest_revision(session=session)
    if revision is None:
        raise LookupError("no bible loaded yet")
    labels = _Labels(revision, session)
    labels.language = language
    return _standard(version, labels, language)


class _Labels:
    """The labels of channels, reasons and elements, from the bible in force."""

    def __init__(self, revision: models.BibleRevision, session: Session) -> None:
        self.language = revision.language
        self.channels = {c.id: c.label for c in queries.active_channels(session=session)}
        self.reasons = queries.active_reasons(session=session)
        self.reason_labels = {r.id: r.label for r in self.reasons}
        self.elements = {
            name: spec["label"] for name, spec in revision.document.get("elements", {}).items()
        }

    def element(self, name: str) -> str:
        builtin = ELEMENTS.get(name)
        return builtin[self.language] if builtin else self.elements.get(name, name)

    def reason_rows(self) -> list[tuple[int, models.Reason]]:
        """Every reason with its depth in the tree, in the bible's order."""
        return [(r.id.count("."), r) for r in self.reasons]


def _standard(version: models.StandardVersion, labels: _Labels, language: str) -> HandbookStandard:
    facts = {fact.name: fact.raw for fact in version.facts}
    channel = labels.channels.get
    order = list(labels.channels)
    everywhere = TEXTS[language]["all_channels"]
    slas = sorted(version.slas, key=lambda s: (s.kind, _position(order, s.channel_id)))
    answers = sorted(version.answers, key=lambda a: _position(order, a.channel_id))
    return HandbookStandard(
        version=version,
        body_html=Markup(_MARKDOWN.render(version.body)),  # noqa: S704 - markdown-it escapes HTML
        reasons=[labels.reason_labels.get(r.reason_id, r.reason_id) for r in version.reasons],
        channels=[channel(c.channel_id, c.channel_id) for c in version.channels],
        required=[labels.element(name) for name in version.required],
        slas=[
            (
                sla.kind,
                channel(sla.channel_id, sla.channel_id) if sla.channel_id else everywhere,
                describe_duration(dt.timedelta(seconds=sla.target_s), language),
            )
            for sla in slas
        ],
        answers=[(channel(a.channel_id, a.channel_id), _answer(a.text, facts)) for a in answers],
    )


def _position(order: list[str], channel_id: str | None) -> int:
    """Where a channel comes in the bible (all-channel targets first, unknown ones last)."""
    if channel_id is None:
        return -1
    return order.index(channel_id) if channel_id in order else len(order)


def _answer(text: str, facts: dict[str, str]) -> Markup:
    """The answer with facts filled in and other placeholders marked for the reader."""
    parts: list[Any] = []
    for literal, name, _, _ in string.Formatter().parse(text):
        parts.append(escape(literal))
        if name is None:
            continue
        if name in facts:
            parts.append(Markup('<span class="fact">{}</span>').format(facts[name]))
        else:
            parts.append(Markup('<span class="placeholder">{}</span>').format("{" + name + "}"))
    return Markup("").join(parts)


TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Bible du Service Clients",
        "edition": "Édition du",
        "contents": "Sommaire",
        "vision": "Notre vision",
        "standard": "Standard",
        "version": "version",
        "owner": "Responsable",
        "status": "Statut",
        "reviewed_on": "Revu le",
        "next_review": "Prochaine revue",
        "impact": "Ce que le client y gagne",
        "applies_to": "S'applique à",
        "reasons": "Motifs de contact",
        "channels": "Canaux",
        "all_channels": "tous les canaux",
        "facts": "Faits de référence",
        "sla": "Délais de service",
        "first_response": "Première réponse",
        "resolution": "Résolution",
        "required": "Éléments attendus dans chaque réponse",
        "forbidden": "Expressions à éviter",
        "instead": "dire plutôt",
        "answers": "Réponses approuvées",
        "targets": "Objectifs",
        "appendix": "Annexes",
        "reason_tree": "Les motifs de contact",
        "stage": "Étape du parcours",
        "channel_list": "Les canaux",
        "global_forbidden": "Expressions à éviter sur tous les canaux",
        "business_hours": "Horaires du service clients",
        "closed": "fermé",
        "draft": "brouillon",
        "review": "en relecture",
        "published": "publié",
        "archived": "archivé",
        "pre-sale": "avant-vente",
        "sale": "vente",
        "after-sale": "après-vente",
        "mon": "lundi", "tue": "mardi", "wed": "mercredi", "thu": "jeudi", "fri": "vendredi",
        "sat": "samedi", "sun": "dimanche",
        "page": "page",
        "colon": "\u202f:", "q_open": "«\u202f", "q_close": "\u202f»",
    },
    "en": {
        "title": "Customer Service Handbook",
        "edition": "Edition of",
        "contents": "Contents",
        "vision": "Our vision",
        "standard": "Standard",
        "version": "version",
        "owner": "Owner",
        "status": "Status",
        "reviewed_on": "Reviewed on",
        "next_review": "Next review",
        "impact": "What the customer gains",
        "applies_to": "Applies to",
        "reasons": "Contact reasons",
        "channels": "Channels",
        "all_channels": "all channels",
        "facts": "Reference facts",
        "sla": "Service levels",
        "first_response": "First response",
        "resolution": "Resolution",
        "required": "Elements every reply contains",
        "forbidden": "Expressions to avoid",
        "instead": "say instead",
        "answers": "Approved answers",
        "targets": "Targets",
        "appendix": "Appendix",
        "reason_tree": "Contact reasons",
        "stage": "Journey stage",
        "channel_list": "Channels",
        "global_forbidden": "Expressions to avoid on every channel",
        "business_hours": "Opening hours",
        "closed": "closed",
        "draft": "draft",
        "review": "in review",
        "published": "published",
        "archived": "archived",
        "pre-sale": "pre-sale",
        "sale": "sale",
        "after-sale": "after-sale",
        "mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
        "fri": "Friday", "sat": "Saturday", "sun": "Sunday",
        "page": "page",
        "colon": ":", "q_open": "“", "q_close": "”",
    },
}  # fmt: skip
