"""The status workflow of a standard: draft → review → published → archived."""

from __future__ import annotations

# Besides the main path, a review can send a standard back to draft, a published standard can
# be reopened for review, and an archived one revived as a draft; nothing skips the review.
TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"review", "archived"}),
    "review": frozenset({"draft", "published", "archived"}),
    "published": frozenset({"review", "archived"}),
    "archived": frozenset({"draft"}),
}


def transition_error(before: str, after: str) -> str | None:
    """Why a standard may not go from ``before`` to ``after``; None when it may."""
    if before == after or after in TRANSITIONS[before]:
        return None
    allowed = " or ".join(sorted(TRANSITIONS[before]))
    return f"a {before} standard cannot become {after} (next: {allowed}); see docs/bible-format.md"
