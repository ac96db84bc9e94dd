"""`unisono bible due`: standards whose review is overdue or coming up."""

from __future__ import annotations

import json

from tests.bible.test_bible_load import edit, load


def test_due_lists_overdue_and_upcoming_reviews(cli, minimal_bible):
    # remboursement-retard: reviewed 2026-10-01 every 90 days -> due 2026-12-30
    # vision: reviewed 2026-01-15 every 365 days -> due 2027-01-15
    load(cli, minimal_bible)
    due = json.loads(
        cli("bible", "due", "--as-of", "2026-12-01", "--within", "30", "--json").stdout
    )
    assert [(d["standard_id"], d["days_left"]) for d in due["due"]] == [
        ("remboursement-retard", 29)
    ]
    due = json.loads(cli("bible", "due", "--as-of", "2027-01-20", "--within", "0", "--json").stdout)
    assert [(d["standard_id"], d["days_left"]) for d in due["due"]] == [
        ("remboursement-retard", -21),
        ("vision", -5),
    ]
    text = cli("bible", "due", "--as-of", "2027-01-20", "--within", "0").stdout
    assert "21 days overdue" in text


def test_never_reviewed_is_due_now_and_drafts_are_not_listed(cli, minimal_bible):
    edit(minimal_bible / "processes/vision.md", "reviewed_on: 2026-01-15\n", "")
    edit(minimal_bible / "processes/remboursement-retard.md", "status: published", "status: draft")
    load(cli, minimal_bible)
    due = json.loads(cli("bible", "due", "--as-of", "2026-11-22", "--within", "0", "--json").stdout)
    assert [(d["standard_id"], d["next_review_on"]) for d in due["due"]] == [("vision", None)]
    assert "now" in cli("bible", "due", "--as-of", "2026-11-22").stdout
