"""The demo data generator: valid, reproducible, realistic records and a precise ground truth."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import orjson
import pytest

from unisono.bible.loader import Bible, read_bible
from unisono.demo.generator import generate, generate_with_truth, write_jsonl, write_with_truth
from unisono.demo.service import demo_bible_path
from unisono.interactions.schemas import Vocabulary, validate_interaction
from unisono.language.quantities import find_quantities, parse_quantity

END = dt.date(2026, 11, 30)  # the period spans the end of summer time (25 October 2026)
COUNT = 3000
Pair = tuple[dict[str, Any], dict[str, Any]]


@pytest.fixture(scope="module")
def bible() -> Bible:
    return read_bible(demo_bible_path())


@pytest.fixture(scope="module")
def pairs(bible: Bible) -> list[Pair]:
    return list(generate_with_truth(bible, interactions=COUNT, seed=11, end=END))


def _agent_texts(record: dict[str, Any]) -> list[tuple[int, str]]:
    return [(i, m["text"]) for i, m in enumerate(record["messages"]) if m["from"] == "agent"]


def _share(pairs: list[Pair], test: Any) -> float:
    return sum(1 for record, truth in pairs if test(record, truth)) / len(pairs)


def test_every_record_is_a_valid_interaction(bible: Bible, pairs: list[Pair]) -> None:
    hours = bible.config.business_hours
    assert hours is not None
    vocabulary = Vocabulary(
        frozenset(bible.config.channels), frozenset(bible.reason_ids()), ZoneInfo(hours.timezone)
    )
    for record, _ in pairs:
        validate_interaction(record, vocabulary)
    assert [record["id"] for record, _ in pairs[:3]] == ["T-000001", "T-000002", "T-000003"]
    assert len({record["id"] for record, _ in pairs}) == COUNT


def test_same_seed_same_bytes_other_seed_other_bytes(bible: Bible) -> None:
    def written(seed: int) -> bytes:
        out = io.BytesIO()
        assert write_jsonl(generate(bible, interactions=200, seed=seed, end=END), out) == 200
        return out.getvalue()

    first = written(5)
    assert first == written(5)
    assert first != written(6)
    assert first.count(b"\n") == 200


_OTHER_PROCESS = (
    "import datetime, hashlib, io, sys\n"
    "from unisono.bible.loader import read_bible\n"
    "from unisono.demo.generator import generate, write_jsonl\n"
    "from unisono.demo.service import demo_bible_path\n"
    "out = io.BytesIO()\n"
    "records = generate(read_bible(demo_bible_path()), interactions=200, seed=3, "
    "end=datetime.date(2026, 11, 30))\n"
    "write_jsonl(records, out)\n"
    "sys.stdout.write(hashlib.sha256(out.getvalue()).hexdigest())\n"
)


@pytest.fixture(scope="module", autouse=True)
def other_process() -> Iterator[subprocess.Popen[str]]:
    """The same generation in another process with another hash seed, run beside the tests."""
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    process = subprocess.Popen(
        [sys.executable, "-c", _OTHER_PROCESS], stdout=subprocess.PIPE, text=True, env=env
    )
    yield process
    process.kill()
    process.communicate()


def test_output_does_not_depend_on_the_hash_seed(
    bible: Bible, other_process: subprocess.Popen[str]
) -> None:
    """No set or hash order may leak into the data: another process gives the same bytes."""
    out = io.BytesIO()
    write_jsonl(generate(bible, interactions=200, seed=3, end=END), out)
    stdout, _ = other_process.communicate(timeout=60)
    assert other_process.returncode == 0
    assert stdout == hashlib.sha256(out.getvalue()).hexdigest()


def test_records_and_truth_are_written_line_for_line(bible: Bible, tmp_path: Path) -> None:
    records, truths = tmp_path / "demo.jsonl", tmp_path / "truth.jsonl"
    with records.open("wb") as out, truths.open("wb") as truth_out:
        pairs = generate_with_truth(bible, interactions=50, seed=2, end=END)
        assert write_with_truth(pairs, out, truth_out) == 50
    lines = [orjson.loads(line) for line in records.read_bytes().splitlines()]
    truth = [orjson.loads(line) for line in truths.read_bytes().splitlines()]
    assert [r["id"] for r in lines] == [t["id"] for t in truth]
    assert all(r["agent"] == t["agent"] for r, t in zip(lines, truth, strict=True))


def test_counts_and_period_are_the_ones_asked(bible: Bible) -> None:
    assert list(generate(bible, interactions=0, seed=1, end=END)) == []
    one_day = list(generate(bible, interactions=40, seed=1, end=END, days=1))
    assert len(one_day) == 40
    assert {record["opened_at"][:10] for record in one_day} == {"2026-11-30"}
    with pytest.raises(ValueError, match="negative"):
        generate(bible, interactions=-1, seed=1, end=END)


def test_the_mix_looks_like_a_real_contact_centre(pairs: list[Pair]) -> None:
    assert 0.07 <= _share(pairs, lambda r, t: t["language"] == "en") <= 0.14
    assert 0.03 <= _share(pairs, lambda r, t: "reason" not in r) <= 0.08
    assert 0.2 <= _share(pairs, lambda r, t: bool(r["surveys"])) <= 0.4
    assert 0.06 <= _share(pairs, lambda r, t: t["repeat_of"] is not None) <= 0.2
    assert _share(pairs, lambda r, t: any(m["from"] == "bot" for m in r["messages"])) >= 0.08
    messages = sum(len(record["messages"]) for record, _ in pairs) / len(pairs)
    assert 3.5 <= messages <= 5.5
    channels = Counter(record["channel"] for record, _ in pairs)
    assert channels["phone"] > channels["email"] > channels["social"] > 0
    teams = {record["team"] for record, _ in pairs}
    assert {"N1-Lyon", "N1-Nantes", "N2-Expertise", "Chat-Rennes", "Social-Media"} <= teams
    assert 30 <= len({record["agent"] for record, _ in pairs}) <= 40
    statuses = Counter(record["status"] for record, _ in pairs)
    assert statuses["closed"] > statuses["pending"] > 0
    assert all(len({s["kind"] for s in r["surveys"]}) == len(r["surveys"]) for r, _ in pairs)
    kinds = Counter(p["kind"] for _, truth in pairs for p in truth["planted"])
    for kind in ("fact_contradiction", "forbidden_expression", "missing_required", "formality"):
        assert 0.005 * COUNT <= kinds[kind] <= 0.2 * COUNT, kind
    assert kinds["sla_breach"] > 0.1 * COUNT


def test_statuses_follow_resolution(pairs: list[Pair]) -> None:
    for record, _ in pairs:
        resolved = record["resolved_at"] is not None
        assert resolved == (record["status"] in ("resolved", "closed")), record["id"]
        times = [dt.datetime.fromisoformat(m["at"]) for m in record["messages"]]
        assert times == sorted(times)
        assert times[0] >= dt.datetime.fromisoformat(record["opened_at"])


def test_repeat_contacts_follow_their_first_contact(pairs: list[Pair]) -> None:
    by_id = {record["id"]: (record, truth) for record, truth in pairs}
    repeats = [(r, t) for r, t in pairs if t["repeat_of"] in by_id]
    assert repeats
    for record, truth in repeats:
        first, first_truth = by_id[truth["repeat_of"]]
        assert first["customer"] == record["customer"]
        assert first_truth["reason"] == truth["reason"]
        assert first["opened_at"] < record["opened_at"] or first["id"] < record["id"]
        assert truth["attempt"] == first_truth["attempt"] + 1


def test_planted_wrong_facts_differ_and_paraphrases_agree(bible: Bible, pairs: list[Pair]) -> None:
    values = {name: f.quantity for s in bible.standards for name, f in s.doc.facts.items()}
    raws = {name: f.raw for s in reversed(bible.standards) for name, f in s.doc.facts.items()}
    read = functools.cache(parse_quantity)
    stated: Counter[tuple[bool, bool]] = Counter()
    for number, (record, truth) in enumerate(pairs):
        for fact in truth["facts"]:
            text = record["messages"][fact["message"]]["text"]
            assert fact["found"] in text
            found = read(fact["found"])
            assert found.same_as(values[fact["fact"]]) == fact["correct"], fact
            if not fact["correct"] or number % 10 == 0:  # what the audit will read in the text
                # base(), not same_as(): find_quantities reads "5 jours ouvrés, par courrier"
                # as a rate per "courrier"
                assert any(q.quantity.base() == found.base() for q in find_quantities(text)), fact
            stated[fact["found"] != raws[fact["fact"]], fact["correct"]] += 1
        planted = [p for p in truth["planted"] if p["kind"] == "fact_contradiction"]
        assert len(planted) == sum(1 for f in truth["facts"] if not f["correct"])
        for contradiction in planted:
            assert contradiction["expected"] == raws[contradiction["fact"]]
    assert stated[True, True] > 50  # equivalent forms ("2 semaines", "quatorze jours")
    assert stated[True, False] > 20  # wrong values


def test_a_team_states_a_fact_differently(pairs: list[Pair]) -> None:
    by_team = Counter(
        (truth["team"], p["fact"])
        for _, truth in pairs
        for p in truth["planted"]
        if p["kind"] == "fact_contradiction" and p["source"] == "team"
    )
    assert {team for team, _ in by_team} == {"Chat-Rennes", "N1-Nantes"}


_PLAIN = str.maketrans("àâäçéèêëîïôöùûüÿ", "aaaceeeeiioouuuy")


def _plain(text: str) -> str:
    """Lower case without accents (what fold does, faster on thousands of messages)."""
    return text.lower().translate(_PLAIN)


def _forbidden_pattern(bible: Bible) -> re.Pattern[str]:
    """Every expression to avoid, folded, hyphens or spaces alike, plural or not, as words."""
    expressions = [f.expression for f in bible.config.forbidden]
    expressions += [f.expression for s in bible.standards for f in s.doc.forbidden]
    alternatives = [re.escape(_plain(e)).replace("\\-", "[- ]") for e in dict.fromkeys(expressions)]
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")s?(?!\w)")


def test_expressions_to_avoid_appear_only_where_planted(bible: Bible, pairs: list[Pair]) -> None:
    pattern = _forbidden_pattern(bible)
    for record, truth in pairs:
        planted = {p["message"] for p in truth["planted"] if p["kind"] == "forbidden_expression"}
        for p in truth["planted"]:
            if p["kind"] == "forbidden_expression":
                assert p["found"] in record["messages"][p["message"]]["text"]
        for index, text in _agent_texts(record):
            folded = _plain(text).replace("desolee", "desole").replace("desoles", "desole")
            assert bool(pattern.search(folded)) == (index in planted), (record["id"], text)


_GREETING = re.compile(r"\b(bonjour|hello|hi|dear|good morning)\b", re.IGNORECASE)
_CLOSING = re.compile(
    r"cordialement|belle journée|bonne journée|bonne fin de journée|très vite|merci de votre appel"
    r"|merci pour votre confiance|regards|have a (great|lovely|nice) day|thank you for calling"
    r"|\bbest,",
    re.IGNORECASE,
)
_TU = re.compile(r"\b(tu|toi|ta|ton|tes|te)\b|\bt'", re.IGNORECASE)


def test_missing_greetings_closings_and_tutoiement_are_planted_precisely(pairs: list[Pair]) -> None:
    for record, truth in pairs:
        agent = _agent_texts(record)
        if not agent:
            continue
        missing = {p["element"] for p in truth["planted"] if p["kind"] == "missing_required"}
        said = " ".join(text for _, text in agent)
        assert bool(_GREETING.search(said)) == ("greeting" not in missing), record["id"]
        assert bool(_CLOSING.search(said)) == ("closing" not in missing), record["id"]
        tutoie = {p["message"] for p in truth["planted"] if p["kind"] == "formality"}
        if truth["language"] == "fr":
            for index, text in agent:
                assert bool(_TU.search(text)) == (index in tutoie), (record["id"], text)


def test_sla_breaches_match_the_times(pairs: list[Pair]) -> None:
    breaches = 0
    for record, truth in pairs:
        opened = dt.datetime.fromisoformat(record["opened_at"])
        for breach in (p for p in truth["planted"] if p["kind"] == "sla_breach"):
            breaches += 1
            if breach["actual_s"] is None:
                continue
            if breach["sla"] == "first_response":
                first = next(m["at"] for m in record["messages"] if m["from"] == "agent")
                end = dt.datetime.fromisoformat(first)
            else:
                end = dt.datetime.fromisoformat(record["resolved_at"])
            assert (end - opened).total_seconds() == breach["actual_s"] > breach["target_s"]
            assert breach["business_s"] <= breach["actual_s"]
    assert breaches


def test_phone_and_chat_open_during_business_hours(bible: Bible, pairs: list[Pair]) -> None:
    hours = bible.config.business_hours
    assert hours is not None
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    live = [r for r, _ in pairs if r["channel"] in ("phone", "chat")]
    for record in live:
        opened = dt.datetime.fromisoformat(record["opened_at"])
        ranges = getattr(hours, days[opened.weekday()])
        clock = opened.strftime("%H:%M")
        assert any(start <= clock < end for start, end in ranges), record["opened_at"]
    written = [r for r, _ in pairs if r["channel"] in ("email", "web_form")]
    at_night = [r for r in written if r["opened_at"][11:13] in ("21", "22", "23", "00", "06")]
    assert at_night  # e-mails also come in outside opening hours


def test_offsets_follow_daylight_saving_time(bible: Bible, pairs: list[Pair]) -> None:
    paris = ZoneInfo("Europe/Paris")
    offsets = Counter()
    for record, _ in pairs:
        stamps = [record["opened_at"], *(m["at"] for m in record["messages"])]
        for stamp in stamps:
            moment = dt.datetime.fromisoformat(stamp)
            assert moment.utcoffset() == moment.astimezone(paris).utcoffset(), stamp
            offsets[stamp[-6:]] += 1
    assert offsets["+02:00"]
    assert offsets["+01:00"]
    assert all(record["opened_at"][:10] <= "2026-11-30" for record, _ in pairs)
    assert min(record["opened_at"][:10] for record, _ in pairs) >= "2026-06-03"
