"""Local days and business hours of the bible's time zone, for arrays of epoch seconds.

Days are counted in the bible's time zone (a contact at 00:30 in Paris belongs to that Paris
day), and durations in business hours count only the seconds when the service is open, with the
right offset on each side of a daylight-saving change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from numpy.typing import NDArray

EPOCH = dt.date(1970, 1, 1)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Seconds = NDArray[np.int64]


def day_number(day: dt.date) -> int:
    """Days since 1970-01-01."""
    return (day - EPOCH).days


def day_of(number: int) -> dt.date:
    """The date of a day number."""
    return EPOCH + dt.timedelta(days=number)


@dataclass(frozen=True)
class Calendar:
    """The bible's time zone and opening hours (``hours[weekday]``: (open, close) "HH:MM")."""

    timezone: ZoneInfo
    hours: dict[str, list[tuple[str, str]]]

    @classmethod
    def from_bible(cls, document: dict[str, Any]) -> Calendar:
        """The calendar of a stored ``bible.yml`` (UTC and always open when it has no hours)."""
        business = document.get("business_hours")
        if not business:
            always = [("00:00", "24:00")]
            return cls(ZoneInfo("UTC"), dict.fromkeys(WEEKDAYS, always))
        hours = {day: _ranges(business.get(day, "closed")) for day in WEEKDAYS}
        return cls(ZoneInfo(business["timezone"]), hours)

    def midnight(self, day: int) -> int:
        """The epoch second at which local day ``day`` starts."""
        local = dt.datetime.combine(day_of(day), dt.time(), tzinfo=self.timezone)
        return int(local.timestamp())

    def days_of(self, moments: Seconds) -> NDArray[np.int32]:
        """The local day number of each epoch second (vectorised over a span of days)."""
        if moments.size == 0:
            return np.zeros(0, dtype=np.int32)
        first = int(moments.min()) // 86_400 - 1
        last = int(moments.max()) // 86_400 + 2
        starts = np.array([self.midnight(day) for day in range(first, last + 1)], dtype=np.int64)
        return (first + np.searchsorted(starts, moments, side="right") - 1).astype(np.int32)

    def business_seconds(self, start: Seconds, end: Seconds) -> Seconds:
        """Seconds of opening hours between each ``start`` and ``end`` (same-length arrays;
        an ``end`` before its ``start`` counts none)."""
        end = np.maximum(start, end)
        if start.size == 0:
            return np.zeros(0, dtype=np.int64)
        first = int(start.min()) // 86_400 - 1
        last = int(end.max()) // 86_400 + 2
        opens, closes = self._openings(first, last)
        if opens.size == 0:  # never open in those days
            return np.zeros(start.size, dtype=np.int64)
        # business seconds from the first opening up to t: whole openings before t, plus the
        # part of the opening t falls in
        done = np.concatenate(([0], np.cumsum(closes - opens)))
        return self._elapsed(end, opens, closes, done) - self._elapsed(start, opens, closes, done)

    def _openings(self, first: int, last: int) -> tuple[Seconds, Seconds]:
        opens, closes = [], []
        for day in range(first, last + 1):
            date = day_of(day)
            for begin, finish in self.hours[WEEKDAYS[date.weekday()]]:
                opens.append(self._at(date, begin))
                closes.append(self._at(date, finish))
        return np.array(opens, dtype=np.int64), np.array(closes, dtype=np.int64)

    def _at(self, date: dt.date, clock: str) -> int:
        hour, minute = (int(part) for part in clock.split(":"))
        if hour == 24:
            return self.midnight(day_number(date) + 1)
        moment = dt.datetime.combine(date, dt.time(hour, minute), tzinfo=self.timezone)
        return int(moment.timestamp())

    @staticmethod
    def _elapsed(moments: Seconds, opens: Seconds, closes: Seconds, done: Seconds) -> Seconds:
        index = np.searchsorted(opens, moments, side="right") - 1  # the last opening begun
        inside = np.clip(moments - opens[np.maximum(index, 0)], 0, None)
        span = closes[np.maximum(index, 0)] - opens[np.maximum(index, 0)]
        partial = np.where(index >= 0, np.minimum(inside, span), 0)
        return np.where(index >= 0, done[np.maximum(index, 0)], 0) + partial


def _ranges(value: str) -> list[tuple[str, str]]:
    if value == "closed":
        return []
    return [tuple(part.strip().split("-", 1)) for part in value.split(",")]  # type: ignore[misc]
