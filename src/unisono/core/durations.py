"""Durations as the bible writes them: ``30s``, ``2m``, ``4h``, ``5d``, ``2w``, ``1h30m``."""

from __future__ import annotations

import re
from datetime import timedelta

UNIT_SECONDS = {"w": 604_800, "d": 86_400, "h": 3_600, "m": 60, "s": 1}
_PART = re.compile(r"(\d+)([wdhms])")
_WHOLE = re.compile(r"(?:\d+[wdhms])+")


def parse_duration(text: str) -> timedelta:
    """Read a duration such as ``4h`` or ``1h30m``; raise ValueError with an example otherwise."""
    compact = text.strip().lower()
    if not _WHOLE.fullmatch(compact):
        raise ValueError(
            f"bad duration {text!r}: write a number and a unit without a space "
            "(s, m, h, d or w), e.g. 30s, 2m, 4h, 5d, 1h30m"
        )
    units = [unit for _, unit in _PART.findall(compact)]
    if len(set(units)) != len(units):
        raise ValueError(f"bad duration {text!r}: each unit may appear once")
    seconds = sum(int(number) * UNIT_SECONDS[unit] for number, unit in _PART.findall(compact))
    return timedelta(seconds=seconds)


def format_duration(value: timedelta) -> str:
    """Write a duration the way the bible does, largest units first (``1h30m``, ``90d``)."""
    remaining = int(value.total_seconds())
    if remaining == 0:
        return "0s"
    parts = []
    for unit in ("d", "h", "m", "s"):  # weeks are shown as days: "90d" reads better than "12w6d"
        count, remaining = divmod(remaining, UNIT_SECONDS[unit])
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts)


def describe_duration(value: timedelta, language: str) -> str:
    """A duration for a reader: ``2 min``, ``4 h``, ``48 h``, ``5 jours`` / ``5 days``."""
    seconds = int(value.total_seconds())
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        minutes, rest = divmod(seconds, 60)
        return f"{minutes} min" + (f" {rest} s" if rest else "")
    days, rest = divmod(seconds, 86_400)
    if rest == 0 and days >= 3:
        word = "jours" if language == "fr" else "days"
        return f"{days} {word}"
    hours, rest = divmod(seconds, 3600)
    return f"{hours} h" + (f" {rest // 60:02d}" if rest >= 60 else "")
