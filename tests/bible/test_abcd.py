"""The ABCD importer: 55 procedures with their ordered actions, a bible that checks and loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unisono.bible.abcd import AbcdSummary, convert_abcd
from unisono.bible.loader import Bible, read_bible

# The dataset lives in the `shared` folder beside the repository, not in it.
ABCD = (Path(__file__).parents[2] / ".." / "shared" / "datasets" / "abcd").resolve()

pytestmark = pytest.mark.skipif(
    not (ABCD / "kb.json").is_file(), reason=f"the ABCD dataset is not at {ABCD}"
)


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, AbcdSummary]:
    target = tmp_path_factory.mktemp("abcd") / "bible"
    return target, convert_abcd(ABCD, target)


@pytest.fixture(scope="module")
def bible(converted: tuple[Path, AbcdSummary]) -> Bible:
    return read_bible(converted[0])  # raises InvalidBibleError if anything is wrong


def _procedures(bible: Bible) -> dict[str, list[str]]:
    return {s.doc.id: s.doc.required for s in bible.standards if s.doc.section == "processes"}


def test_one_procedure_per_subflow(converted: tuple[Path, AbcdSummary], bible: Bible) -> None:
    _, summary = converted
    assert len(_procedures(bible)) == 55
    assert summary == AbcdSummary(standards=56, procedures=55, reasons=65, actions=30)
    assert {s.doc.section for s in bible.standards} == {"processes", "fundamentals"}


def test_required_actions_follow_kb_order(bible: Bible) -> None:
    kb = json.loads((ABCD / "kb.json").read_text(encoding="utf-8"))
    required = _procedures(bible)
    assert required["abcd-product_defect-refund_initiate"] == [
        action.replace("-", "_") for action in kb["refund_initiate"]
    ]
    # guideline "Reset Two-Factor Auth" is kb.json's reset_2fa
    assert required["abcd-account_access-reset_2fa"] == [
        "pull_up_account",
        "enter_details",
        "send_link",
    ]


def test_reasons_and_elements(bible: Bible) -> None:
    config = bible.config
    stages = {reason.id: reason.stage for reason in config.reasons}
    assert stages["single_item_query"] == "pre-sale"
    assert stages["shipping_issue"] == "sale"
    assert stages["purchase_dispute"] == "after-sale"
    assert sum(len(reason.children) for reason in config.reasons) == 55
    assert config.elements["notify_team"].label == "Notify Internal Team"
    assert config.elements["membership"].label == "Membership Privileges"
    assert all(element.phrases for element in config.elements.values())


def test_body_lists_the_guideline_steps(bible: Bible) -> None:
    standard = next(s for s in bible.standards if s.doc.id == "abcd-shipping_issue-status")
    assert standard.doc.title == "Shipping Status"
    assert standard.doc.reasons == ["shipping_issue.status"]
    assert "1. **Pull up Account**:" in standard.body
    assert "   - Order ID" in standard.body


def test_the_cli_writes_a_bible_that_loads(cli, tmp_path: Path) -> None:
    target = tmp_path / "abcd-bible"
    result = cli("bible", "import-abcd", str(ABCD), "-o", str(target), "--json", db=False)
    assert result.exit_code == 0, result
    assert json.loads(result.stdout)["procedures"] == 55
    report = json.loads(cli("bible", "load", str(target), "--json").stdout)
    assert len(report["created"]) == 56
    assert cli("bible", "history", "abcd-account_access-reset_2fa").exit_code == 0


def test_a_folder_of_another_shape_is_refused(cli_nodb, tmp_path: Path) -> None:
    source = tmp_path / "abcd"
    source.mkdir()
    for name in ("guidelines.json", "kb.json", "ontology.json"):
        (source / name).write_text('{"x": 1}', encoding="utf-8")
    result = cli_nodb("bible", "import-abcd", str(source), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "does not have the ABCD dataset's shape" in result.stderr


def test_refuses_a_non_empty_target(converted: tuple[Path, AbcdSummary]) -> None:
    target, _ = converted
    with pytest.raises(ValueError, match="not an empty folder"):
        convert_abcd(ABCD, target)


def test_an_unmatched_subflow_is_named(tmp_path: Path) -> None:
    source = tmp_path / "abcd"
    source.mkdir()
    for name in ("kb.json", "ontology.json"):
        (source / name).write_text((ABCD / name).read_text(encoding="utf-8"), encoding="utf-8")
    guidelines = json.loads((ABCD / "guidelines.json").read_text(encoding="utf-8"))
    subflows = guidelines["Account Access"]["subflows"]
    subflows["Unlock Vault"] = subflows.pop("Reset Two-Factor Auth")
    (source / "guidelines.json").write_text(json.dumps(guidelines), encoding="utf-8")
    with pytest.raises(ValueError, match="Unlock Vault"):
        convert_abcd(source, tmp_path / "out")
    assert not (tmp_path / "out").exists()
