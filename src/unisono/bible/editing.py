"""Editing a standard in the web app: the same file, the same validation, a new version.

An edit is the standard's file (YAML front matter and Markdown body) as ``bible load`` would
read it; it is checked against the bible in force and stored as a new version when it changed.
A later ``bible load`` of the files replaces it like any other version: keep the files in step
(docs/web.md).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from unisono.bible import models, queries
from unisono.bible.loader import read_standard_text
from unisono.bible.schemas import BibleConfig, StandardDoc
from unisono.bible.service import current_versions, store_standard
from unisono.bible.source import InvalidBibleError, Problem
from unisono.bible.versions import render_file


def standard_text(version: models.StandardVersion) -> str:
    """A version written as its standard file, ready to edit."""
    return render_file(version.document, version.body)


PUBLISHING = ("published", "archived")  # statuses only some roles may give (docs/web.md)


def save_standard(
    *, session: Session, standard_id: str, text: str, now: dt.datetime, may_publish: bool = True
) -> int | None:
    """Validate ``text`` as the file of ``standard_id`` and store it: the new version's number,
    None when nothing changed; InvalidBibleError lists every problem as ``path:line``. Without
    ``may_publish``, the edit may not move the standard to published or archived."""
    revision = queries.latest_revision(session=session)
    current = current_versions(session=session)
    version = current.get(standard_id)
    if revision is None or version is None:
        raise LookupError(f"no standard {standard_id!r} in force")
    config = BibleConfig.model_validate(revision.document)
    others = [
        StandardDoc.model_validate(other.document)
        for other_id, other in sorted(current.items())
        if other_id != standard_id and other.status != "archived"
    ]
    standard = read_standard_text(text, version.source_path, config, others)
    if standard.doc.id != standard_id:
        raise InvalidBibleError(
            [
                Problem(
                    version.source_path,
                    2,
                    "id",
                    f"the id cannot change here ({standard_id!r}): create a new file instead",
                )
            ]
        )
    if (
        not may_publish
        and standard.doc.status in PUBLISHING
        and standard.doc.status != version.status
    ):
        raise InvalidBibleError(
            [
                standard.source.problem(
                    ("status",), f"your role may not make a standard {standard.doc.status}"
                )
            ]
        )
    report = store_standard(session=session, standard=standard, now=now)
    return report.updated[0][1] if report.updated else None


def move_standard(
    *, session: Session, standard_id: str, status: str, now: dt.datetime, may_publish: bool = True
) -> int:
    """Give ``standard_id`` a new version with ``status`` (draft → review → published, …);
    InvalidBibleError when the workflow does not allow that step."""
    version = queries.get_version(session=session, standard_id=standard_id)
    if version is None:
        raise LookupError(f"no standard {standard_id!r} in force")
    document = {**version.document, "status": status}
    saved = save_standard(
        session=session,
        standard_id=standard_id,
        text=render_file(document, version.body),
        now=now,
        may_publish=may_publish,
    )
    return saved if saved is not None else version.version
