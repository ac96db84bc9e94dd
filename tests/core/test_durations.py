"""Durations as the bible writes them, and as the handbook shows them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from unisono.core.durations import describe_duration, format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30s", 30), ("2m", 120), ("4h", 14_400), ("5d", 432_000), ("2w", 1_209_600),
     ("1h30m", 5400), ("90D", 7_776_000)],
)  # fmt: skip
def test_parse(text, seconds):
    assert parse_duration(text) == timedelta(seconds=seconds)


@pytest.mark.parametrize("text", ["4 h", "4", "h4", "4x", "1h1h", ""])
def test_bad_durations_say_how_to_write_one(text):
    with pytest.raises(ValueError, match="bad duration"):
        parse_duration(text)


def test_format_round_trips():
    for text in ("30s", "2m", "4h", "2d", "1h30m", "90d"):
        assert format_duration(parse_duration(text)) == text


@pytest.mark.parametrize(
    ("text", "fr", "en"),
    [("30s", "30 s", "30 s"), ("2m", "2 min", "2 min"), ("4h", "4 h", "4 h"),
     ("48h", "48 h", "48 h"), ("1h30m", "1 h 30", "1 h 30"), ("5d", "5 jours", "5 days")],
)  # fmt: skip
def test_describe_for_a_reader(text, fr, en):
    assert describe_duration(parse_duration(text), "fr") == fr
    assert describe_duration(parse_duration(text), "en") == en
