"""Audit tests: the rules of the demo bible, read once."""

from __future__ import annotations

import pytest

from unisono.audit.checks.base import BibleRules, StandardRules
from unisono.audit.rules import from_bible
from unisono.bible.loader import read_bible
from unisono.demo.service import demo_bible_path


@pytest.fixture(scope="session")
def demo_rules() -> tuple[BibleRules, dict[str, StandardRules]]:
    """bible.yml's rules and each standard's, from the demo bible of Maison Aubépine."""
    return from_bible(read_bible(demo_bible_path()))
