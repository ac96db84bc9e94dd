"""Which standards applied to an interaction: its channel, its reason or a parent's, in force."""

from __future__ import annotations

import json

from tests.bible.test_bible_load import edit
from tests.interactions.factories import interaction, write_jsonl
from unisono.interactions.standards import applicable_versions, specificity

STANDARD = """\
---
id: {id}
title: Un standard
section: {section}
{scope}owner: qualite@example.com
status: {status}
review_every: 90d
impact: Le client est mieux servi.
---
Corps.
"""


def test_channel_reason_parent_and_version_in_force(cli, minimal_bible, session, tmp_path):
    folder = minimal_bible / "processes"
    standards = {
        "chat-only": ("communication", "channels: [chat]\n", "published"),
        "email-tone": ("communication", "channels: [email]\n", "published"),
        "any-delivery": ("processes", "reasons: [livraison]\n", "published"),
        "cancellation": ("processes", "reasons: [commande.annulation]\n", "published"),
        "a-draft": ("processes", "reasons: [livraison.retard]\n", "draft"),
        "vision-like": ("fundamentals", "", "published"),
    }
    for name, (section, scope, status) in standards.items():
        text = STANDARD.format(id=name, section=section, scope=scope, status=status)
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    assert cli("bible", "load", str(minimal_bible)).exit_code == 0
    source = write_jsonl(tmp_path / "one.jsonl", [interaction(id="T-1", channel="email")])
    assert json.loads(cli("import", str(source), "--json").stdout)["imported"] == 1

    def applied() -> list[tuple[str, int]]:
        found = applicable_versions(session=session, external_id="T-1")
        return [(v.standard_id, v.version) for v in found]

    # email, livraison.retard: the e-mail tone, the delivery standard (a parent reason), and
    # remboursement-retard (email, livraison.retard); not chat, cancellation, draft or vision
    assert applied() == [("any-delivery", 1), ("email-tone", 1), ("remboursement-retard", 1)]
    # a new version loaded later does not change what applied to an interaction of the past
    edit(folder / "email-tone.md", "Corps.", "Corps révisé.")
    assert cli("bible", "load", str(minimal_bible)).exit_code == 0
    session.expire_all()
    assert ("email-tone", 1) in applied()


def test_the_most_specific_standard_comes_first():
    def key(standard_id: str, section: str, reasons: tuple[str, ...]) -> tuple:
        return specificity(
            section=section, reasons=reasons, standard_id=standard_id, reason="livraison.retard"
        )

    standards = {
        "email": key("email", "communication", ()),
        "every-complaint": key(
            "every-complaint", "processes", ("livraison.retard", "sav.garantie")
        ),
        "late-parcel": key("late-parcel", "processes", ("livraison.retard",)),
        "any-delivery": key("any-delivery", "processes", ("livraison",)),
        "anything": key("anything", "processes", ()),
    }
    ordered = sorted(standards, key=standards.__getitem__)
    # the deepest reason first; among those, the one naming fewest reasons; communication last
    assert ordered == ["late-parcel", "every-complaint", "any-delivery", "anything", "email"]
