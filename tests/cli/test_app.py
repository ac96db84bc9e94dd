"""The command line as a whole: version, init, the console script and its documentation."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from unisono import __version__
from unisono.core.config import Settings
from unisono.core.migrate import head_revision

ROOT = Path(__file__).parents[2]


def test_version(cli_nodb):
    assert cli_nodb("--version").stdout == f"unisono {__version__}\n"


def test_init_creates_then_finds_the_database_up_to_date(cli_nodb, tmp_path):
    url = f"sqlite:///{tmp_path / 'sub' / 'unisono.db'}"
    first = json.loads(cli_nodb("init", "--db", url, "--json").stdout)
    assert (first["from"], first["to"]) == (None, head_revision())
    second = cli_nodb("init", "--db", url)
    assert second.exit_code == 0
    assert f"up to date (schema {head_revision()})" in second.stdout


@pytest.mark.postgresql
def test_init_on_postgresql_is_idempotent(cli):
    result = json.loads(cli("init", "--json").stdout)
    assert result["from"] == result["to"] == head_revision()


def test_an_unreachable_database_is_a_clear_error(cli_nodb):
    result = cli_nodb("init", "--db", "postgresql://nobody@127.0.0.1:9/none")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot reach the database:")


def test_an_unknown_database_kind_is_a_clear_error(cli_nodb):
    result = cli_nodb("init", "--db", "oracle://x")
    assert result.exit_code == 1
    assert "error: cannot use the database 'oracle://x'" in result.stderr


def test_the_console_script_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "unisono", "bible", "check", str(ROOT / "examples/bible")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no problems" in result.stdout


def test_cli_reference_is_up_to_date():
    typer = Path(sys.executable).with_name("typer")
    generated = subprocess.run(
        [str(typer), "unisono.cli.app", "utils", "docs", "--name", "unisono",
         "--title", "Command-line reference"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert (ROOT / "docs/cli.md").read_text(encoding="utf-8").strip() == generated.strip(), (
        "docs/cli.md is out of date: run `make docs`"
    )


def test_every_setting_is_documented():
    documented = set(
        re.findall(r"`(UNISONO_[A-Z_]+)`", (ROOT / "docs/configuration.md").read_text())
    )
    assert documented == {f"UNISONO_{name.upper()}" for name in Settings.model_fields}
