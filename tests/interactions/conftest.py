"""Interaction tests run on a database with the minimal bible loaded."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, Cli


def load_minimal_bible(cli: Cli, url: str) -> str:
    """Load the minimal bible (channels, reasons) into the database at ``url``."""
    result = cli("bible", "load", str(FIXTURES / "bible-minimal"), "--db", url)
    assert result.exit_code == 0, result
    return url


@pytest.fixture
def bible_db(cli: Cli) -> str:
    """This test's database URL, with the minimal bible loaded."""
    return load_minimal_bible(cli, cli.db_url)
