"""The pages' templates (Jinja2, every value escaped), in the reader's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import select
from sqlalchemy.orm import Session

from unisono.accounts.permissions import ROLE_LABELS, allowed
from unisono.bible import models as bible
from unisono.web.deps import CSRF_FIELD, Principal
from unisono.web.i18n import DEFAULT_LANGUAGE, LANGUAGES, TIME_ZONE, Formatter

_ENVIRONMENT = Environment(
    loader=PackageLoader("unisono.web", "templates"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENVIRONMENT.add_extension("jinja2.ext.i18n")  # {% trans %} blocks; _() comes with each page


def N_(message: str) -> str:  # noqa: N802 - the name gettext tools look for
    """Marks ``message`` for the catalogs; it is translated where it is shown."""
    return message


# Labels to translate (English is the source language of the catalogs).
KIND_LABELS = {
    "fact_contradiction": N_("Fact contradicting the bible"),
    "forbidden_expression": N_("Expression to avoid"),
    "missing_required": N_("Missing required element"),
    "sla_breach": N_("SLA breach"),
    "formality": N_("Formality"),
    "off_standard_answer": N_("Far from the approved answer"),
}
STATUS_LABELS = {
    "draft": N_("draft"),
    "review": N_("in review"),
    "published": N_("published"),
    "archived": N_("archived"),
}
SENTIMENT_LABELS = {-1: N_("negative"), 0: N_("neutral"), 1: N_("positive")}
SIGNAL_LABELS = {
    "frustration": N_("frustration"),
    "urgency": N_("urgency"),
    "churn_threat": N_("threat to leave"),
    "escalation_threat": N_("threat to escalate"),
    "gratitude": N_("gratitude"),
}
ORIGIN_LABELS = {"record": N_("reason from the record"), "classified": N_("reason classified")}
INTERACTION_STATUS_LABELS = {
    "open": N_("open"),
    "pending": N_("pending"),
    "resolved": N_("resolved"),
    "closed": N_("closed"),
}
REVIEW_STATUS_LABELS = {
    "draft": N_("to finish"),
    "submitted": N_("submitted"),
    "disputed": N_("disputed"),
    "locked": N_("locked"),
}
TRAIL_LABELS = {
    "created": N_("started the review"),
    "scored": N_("changed values"),
    "submitted": N_("submitted"),
    "disputed": N_("disputed"),
    "dispute_accepted": N_("accepted the dispute"),
    "dispute_partial": N_("partly accepted the dispute"),
    "dispute_rejected": N_("rejected the dispute"),
    "calibration_closed": N_("closed the calibration session"),
}
TRANSITION_LABELS = {
    "draft": N_("Back to draft"),
    "review": N_("Send for review"),
    "published": N_("Publish"),
    "archived": N_("Archive"),
}


def _parse_time(value: object) -> dt.datetime | None:
    """A message's time as stored (ISO 8601 text or epoch seconds)."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, int | float):
        return dt.datetime.fromtimestamp(value, dt.UTC)
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


_ENVIRONMENT.filters["parse_time"] = _parse_time
_ENVIRONMENT.filters["parse_date"] = lambda value: dt.date.fromisoformat(str(value))

# The navigation: (page name, address, action that shows it, label to translate).
NAVIGATION = (
    ("dashboard", "/", "dashboard.view", N_("Dashboard")),
    ("bible", "/bible", "bible.read", N_("Service bible")),
    ("interactions", "/interactions", "interactions.read", N_("Interactions")),
    ("consistency", "/consistency", "consistency.read", N_("Consistency")),
    ("reviews", "/reviews", "reviews.read", N_("Reviews")),
    ("assist", "/assist", "assist.use", N_("Assist")),
)


def page(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """The template ``name`` rendered as a page (pages without a signed-in reader)."""
    return HTMLResponse(_ENVIRONMENT.get_template(name).render(**context), status_code=status_code)


def _company(session: Session) -> tuple[str, str]:
    """The company's name and time zone, from the bible in force."""
    row = session.execute(
        select(bible.BibleRevision.company, bible.BibleRevision.document)
        .order_by(bible.BibleRevision.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return "", TIME_ZONE
    zone = (row.document.get("business_hours") or {}).get("timezone") or TIME_ZONE
    return row.company, zone


def render(
    request: Request,
    session: Session,
    principal: Principal | None,
    name: str,
    *,
    status_code: int = 200,
    current: str = "",
    **context: Any,
) -> HTMLResponse:
    """A page for ``principal`` in their language, with the navigation their role allows."""
    company, zone = _company(session)
    lang = principal.language if principal else language(request, DEFAULT_LANGUAGE)
    fmt = Formatter(lang, zone)
    navigation = [
        (key, href, label)
        for key, href, action, label in NAVIGATION
        if principal is not None and allowed(principal.role, action)
    ]
    web_session = principal.web_session if principal else None
    return page(
        name,
        status_code,
        request=request,
        fmt=fmt,
        _=fmt.gettext,
        gettext=fmt.gettext,
        ngettext=fmt.ngettext,
        lang=fmt.language,
        company=company,
        principal=principal,
        role_label=ROLE_LABELS[principal.role][fmt.language]
        if principal and principal.role in ROLE_LABELS
        else "",
        can=lambda action: principal is not None and allowed(principal.role, action),
        navigation=navigation,
        current=current,
        csrf_field=CSRF_FIELD,
        kind_labels=KIND_LABELS,
        status_labels=STATUS_LABELS,
        transition_labels=TRANSITION_LABELS,
        sentiment_labels=SENTIMENT_LABELS,
        review_status_labels=REVIEW_STATUS_LABELS,
        interaction_status_labels=INTERACTION_STATUS_LABELS,
        trail_labels=TRAIL_LABELS,
        signal_labels=SIGNAL_LABELS,
        origin_labels=ORIGIN_LABELS,
        csrf_token=web_session.csrf_token if web_session else "",
        **context,
    )


def language(request: Request, default: str) -> str:
    """``?lang=`` if given, else the first of French or English the browser asks for, else
    ``default``."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return default if default in LANGUAGES else "fr"
