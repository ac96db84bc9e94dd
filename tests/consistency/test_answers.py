"""The replies' approved answers come from the standards that applied to each interaction."""

from __future__ import annotations

import datetime as dt
from itertools import product

from sqlalchemy import select, update

from tests.bible.test_bible_load import edit
from tests.interactions.factories import interaction, write_jsonl
from unisono.bible import models as bible
from unisono.consistency.answers import _applied_versions
from unisono.consistency.sources import opened_seconds
from unisono.interactions import models as hub
from unisono.interactions.standards import applicable_versions

EMAIL_ONLY = """\
---
id: email-tone
title: Le ton des e-mails
section: communication
channels: [email]
owner: qualite@example.com
status: published
review_every: 90d
impact: Le client est mieux servi.
---
Corps.
"""


def test_versions_read_once_per_class_are_those_of_each_interaction(
    cli, minimal_bible, session, tmp_path
):
    standard = minimal_bible / "processes" / "email-tone.md"
    standard.write_text(EMAIL_ONLY, encoding="utf-8")
    assert cli("bible", "load", str(minimal_bible)).exit_code == 0
    edit(standard, "Corps.", "Corps révisé.")  # version 2
    assert cli("bible", "load", str(minimal_bible)).exit_code == 0
    channels, reasons = ("email", "chat", "phone"), ("livraison.retard", "commande.annulation")
    moments = ("2020-03-01T09:00:00+01:00", "2026-10-01T09:00:00+02:00")
    records = [
        interaction(id=f"T-{n}", channel=channel, reason=reason, opened_at=opened)
        for n, (channel, reason, opened, _) in enumerate(product(channels, reasons, moments, "ab"))
    ]
    source = write_jsonl(tmp_path / "many.jsonl", records)
    assert cli("import", str(source)).exit_code == 0
    # version 2 in force from 2025: the interactions of 2020 had version 1, those of 2026 the 2nd
    version, revised = bible.StandardVersion, dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    mine = version.standard_id == "email-tone"
    session.execute(update(version).where(mine, version.version == 1).values(valid_to=revised))
    session.execute(update(version).where(mine, version.version == 2).values(valid_from=revised))
    found = hub.Interaction
    rows = session.execute(
        select(
            found.id,
            found.external_id,
            found.reason_id,
            found.channel_id,
            opened_seconds().label("opened"),
        )
    ).all()
    applied = _applied_versions(session, rows)
    for row in rows:
        expected = applicable_versions(session=session, external_id=row.external_id)
        assert sorted(applied.get(row.id, [])) == sorted(v.id for v in expected)
    assert len(rows) == 24
    assert len({tuple(sorted(v)) for v in applied.values()}) >= 4  # before, after, channels
