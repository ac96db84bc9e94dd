"""The bible's pages: browse, read a standard, edit it, its history and diffs, its workflow, and
the handbook."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from unisono.accounts.permissions import allowed
from unisono.bible import queries
from unisono.bible.editing import move_standard, save_standard, standard_text
from unisono.bible.export import TEXTS, pdf_bytes, render_handbook, standard_view
from unisono.bible.models import StandardVersion
from unisono.bible.source import InvalidBibleError
from unisono.bible.versions import unified_diff
from unisono.bible.vocabulary import SECTION_TITLES, SECTIONS, STATUSES
from unisono.bible.workflow import TRANSITIONS
from unisono.core.clock import today, utcnow
from unisono.web.deps import DbSession, Principal, Require
from unisono.web.templating import render

router = APIRouter(include_in_schema=False)
Reader = Annotated[Principal, Depends(Require("bible.read"))]
Editor = Annotated[Principal, Depends(Require("bible.edit"))]
MAX_STANDARD_TEXT = 200_000


def _labels(session: DbSession) -> tuple[dict[str, str], dict[str, str]]:
    channels = {c.id: c.label for c in queries.active_channels(session=session)}
    reasons = {r.id: r.label for r in queries.active_reasons(session=session)}
    return channels, reasons


def _version(session: DbSession, standard_id: str, number: int | None = None) -> StandardVersion:
    found = queries.get_version(session=session, standard_id=standard_id, version=number)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no standard {standard_id!r}")
    return found


@router.get("/bible", response_class=HTMLResponse)
def browse(  # noqa: PLR0917 - each filter is a query parameter
    request: Request,
    session: DbSession,
    reader: Reader,
    section: str = "",
    reason: str = "",
    channel: str = "",
    state: str = "",
) -> HTMLResponse:
    """The standards in force, by section, filtered by reason, channel and status."""
    standards = queries.browse(
        session=session,
        section=section or None,
        reason=reason or None,
        channel=channel or None,
        status=state or None,
    )
    channels, reasons = _labels(session)
    return render(
        request,
        session,
        reader,
        "bible/index.html.j2",
        current="bible",
        standards=standards,
        sections=SECTIONS,
        statuses=STATUSES,
        channels=channels,
        reasons=reasons,
        reason_rows=queries.active_reasons(session=session),
        section_titles=SECTION_TITLES,
        selected={"section": section, "reason": reason, "channel": channel, "state": state},
        revision=queries.latest_revision(session=session),
    )


@router.get("/bible/standards/{standard_id}", response_class=HTMLResponse)
def read(
    standard_id: str,
    request: Request,
    session: DbSession,
    reader: Reader,
    version: int | None = None,
) -> HTMLResponse:
    """One standard: procedure, facts, SLAs, approved answers, and where it can go next."""
    found = _version(session, standard_id, version)
    view = standard_view(session=session, version=found, language=reader.language)
    latest = _version(session, standard_id)
    return render(
        request,
        session,
        reader,
        "bible/standard.html.j2",
        current="bible",
        view=view,
        version=found,
        latest=latest,
        texts=TEXTS[reader.language],
        section_titles=SECTION_TITLES[reader.language],
        next_statuses=sorted(TRANSITIONS[latest.status]),
        may_publish=allowed(reader.role, "bible.publish"),
        saved=request.query_params.get("saved"),
    )


@router.get("/bible/standards/{standard_id}/edit", response_class=HTMLResponse)
def edit_form(standard_id: str, request: Request, session: DbSession, editor: Editor) -> Response:
    """The standard's file, to edit."""
    found = _version(session, standard_id)
    return render(
        request,
        session,
        editor,
        "bible/edit.html.j2",
        current="bible",
        version=found,
        text=standard_text(found),
        problems=[],
    )


@router.post("/bible/standards/{standard_id}/edit", response_class=HTMLResponse)
def edit(
    standard_id: str,
    request: Request,
    session: DbSession,
    editor: Editor,
    text: Annotated[str, Form(max_length=MAX_STANDARD_TEXT)],
) -> Response:
    """Validate the edited file like a file of the bible and store it as a new version."""
    found = _version(session, standard_id)
    try:
        number = save_standard(
            session=session,
            standard_id=standard_id,
            text=text.replace("\r\n", "\n"),
            now=utcnow(),
            may_publish=allowed(editor.role, "bible.publish"),
        )
    except InvalidBibleError as invalid:
        return render(
            request,
            session,
            editor,
            "bible/edit.html.j2",
            status_code=422,
            current="bible",
            version=found,
            text=text,
            problems=invalid.problems,
        )
    saved = f"?saved={number}" if number is not None else "?saved=0"
    return RedirectResponse(f"/bible/standards/{standard_id}{saved}", status.HTTP_303_SEE_OTHER)


@router.post("/bible/standards/{standard_id}/status")
def move(
    standard_id: str,
    session: DbSession,
    editor: Editor,
    target: Annotated[str, Form(alias="status")],
) -> Response:
    """Move the standard along draft → review → published (publishing needs the right role)."""
    may_publish = allowed(editor.role, "bible.publish")
    if target in ("published", "archived") and not may_publish:
        raise HTTPException(status.HTTP_403_FORBIDDEN, f"your role may not make it {target}")
    try:
        number = move_standard(
            session=session,
            standard_id=standard_id,
            status=target,
            now=utcnow(),
            may_publish=may_publish,
        )
    except LookupError as missing:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(missing)) from None
    except InvalidBibleError as invalid:
        raise HTTPException(status.HTTP_409_CONFLICT, str(invalid)) from None
    return RedirectResponse(
        f"/bible/standards/{standard_id}?saved={number}", status.HTTP_303_SEE_OTHER
    )


@router.get("/bible/standards/{standard_id}/history", response_class=HTMLResponse)
def history(standard_id: str, request: Request, session: DbSession, reader: Reader) -> Response:
    """Every version of the standard and what changed in each."""
    found = _version(session, standard_id)
    entries = queries.history(session=session, standard_id=standard_id)
    return render(
        request,
        session,
        reader,
        "bible/history.html.j2",
        current="bible",
        version=found,
        entries=list(reversed(entries)),
    )


@router.get("/bible/standards/{standard_id}/diff", response_class=HTMLResponse)
def diff(  # noqa: PLR0917 - the versions are query parameters
    standard_id: str, request: Request, session: DbSession, reader: Reader, a: int, b: int
) -> Response:
    """The changes between two versions: fields, and the file's lines."""
    before, after = _version(session, standard_id, a), _version(session, standard_id, b)
    changes = queries.diff(before=before, after=after)
    lines = unified_diff(
        before.document,
        before.body,
        after.document,
        after.body,
        before_name=f"v{a}",
        after_name=f"v{b}",
    ).splitlines()
    return render(
        request,
        session,
        reader,
        "bible/diff.html.j2",
        current="bible",
        before=before,
        after=after,
        changes=changes,
        lines=lines,
    )


@router.get("/bible/handbook.{kind}")
def handbook(kind: str, session: DbSession, _: Reader) -> Response:
    """The printable handbook of the published standards, as HTML or PDF."""
    if kind not in ("html", "pdf"):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "the handbook is html or pdf")
    try:
        html = render_handbook(session=session, statuses=("published",), today=today())
    except LookupError as missing:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(missing)) from None
    if kind == "html":
        return HTMLResponse(html)
    headers = {"Content-Disposition": 'attachment; filename="handbook.pdf"'}
    return Response(pdf_bytes(html), media_type="application/pdf", headers=headers)
