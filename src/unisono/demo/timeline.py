"""Time for the demo data: the bible's opening hours and time zone, on integer epoch seconds.

Every instant is an ``int`` of UTC epoch seconds. Local times come from a cache of UTC offsets
per UTC hour (time zones change offset on whole UTC hours), so that writing millions of ISO
timestamps with the right offset on both sides of a DST change stays cheap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache
from zoneinfo import ZoneInfo

from unisono.bible.schemas import BusinessHours

DAY = 86_400
HOUR = 3_600
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Without business hours in the bible, a plain office week.
_DEFAULT_HOURS = {day: [("09:00", "18:00")] for day in _WEEKDAYS[:5]}


@cache
def _clock_faces() -> list[str]:
    """ "HH:MM:SS" for every second of a day: formatting millions of times becomes a lookup."""
    return [f"{s // HOUR:02d}:{s % HOUR // 60:02d}:{s % 60:02d}" for s in range(DAY)]


def _seconds(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * HOUR + int(minutes) * 60


class Clock:
    """Opening hours in one time zone, asked about instants in UTC epoch seconds."""

    def __init__(self, hours: BusinessHours | None) -> None:
        self.zone = ZoneInfo(hours.timezone if hours else "Europe/Paris")
        table = {day: getattr(hours, day) for day in _WEEKDAYS} if hours else _DEFAULT_HOURS
        self.ranges: list[list[tuple[int, int]]] = [
            [(_seconds(start), _seconds(end)) for start, end in table.get(day, [])]
            for day in _WEEKDAYS
        ]
        self.always_open = not any(self.ranges)
        self._offsets: dict[int, int] = {}
        self._offset_texts: dict[int, str] = {}
        self._dates: dict[int, str] = {}
        self._days: dict[int, list[tuple[int, int]]] = {}

    def offset(self, t: int) -> int:
        """The UTC offset in seconds at instant ``t``."""
        hour = t // HOUR
        found = self._offsets.get(hour)
        if found is None:
            moment = dt.datetime.fromtimestamp(hour * HOUR, dt.UTC).astimezone(self.zone)
            delta = moment.utcoffset()
            found = int(delta.total_seconds()) if delta is not None else 0
            self._offsets[hour] = found
        return found

    def local(self, t: int) -> int:
        """Local wall-clock seconds since the epoch (for weekday and time-of-day arithmetic)."""
        return t + self.offset(t)

    def to_utc(self, local: int) -> int:
        """The instant whose local wall-clock time is ``local``."""
        return local - self.offset(local - self.offset(local))

    def iso(self, t: int) -> str:
        """``t`` as an ISO 8601 local time with its offset: ``2026-10-01T09:12:00+02:00``."""
        offset = self.offset(t)
        local = t + offset
        day = local // DAY
        date = self._dates.get(day)
        if date is None:
            date = self._dates[day] = dt.date.fromordinal(_EPOCH_ORDINAL + day).isoformat() + "T"
        suffix = self._offset_texts.get(offset)
        if suffix is None:
            sign, size = ("+" if offset >= 0 else "-"), abs(offset)
            suffix = self._offset_texts[offset] = (
                f"{sign}{size // HOUR:02d}:{size % HOUR // 60:02d}"
            )
        return date + _clock_faces()[local % DAY] + suffix

    def day_start(self, date: dt.date) -> int:
        """The instant of local midnight starting ``date``."""
        return self.to_utc((date.toordinal() - _EPOCH_ORDINAL) * DAY)

    def date_of(self, t: int) -> dt.date:
        """The local date of instant ``t``."""
        return dt.date.fromordinal(_EPOCH_ORDINAL + self.local(t) // DAY)

    def is_open(self, t: int) -> bool:
        """Whether the service is open at instant ``t``."""
        if self.always_open:
            return True
        return any(a <= t < b for a, b in self._openings(self.local(t) // DAY))

    def next_open(self, t: int) -> int:
        """``t`` when open, else the next opening instant."""
        if self.always_open:
            return t
        for opens, _ in self._intervals_from(t):
            return max(opens, t)
        return t  # pragma: no cover - the intervals never run out

    def add_business(self, t: int, seconds: int) -> int:
        """The instant after ``seconds`` of opening time counted from ``t``."""
        if self.always_open:
            return t + seconds
        for opens, closes in self._intervals_from(t):
            start = max(opens, t)
            if start + seconds < closes:
                return start + seconds
            seconds -= closes - start
        return t  # pragma: no cover - the intervals never run out

    def business_seconds(self, start: int, end: int) -> int:
        """How many seconds of opening time lie between ``start`` and ``end``."""
        if self.always_open:
            return max(0, end - start)
        total = 0
        for opens, closes in self._intervals_from(start):
            if opens >= end:
                break
            total += min(closes, end) - max(opens, start)
        return total

    def _intervals_from(self, t: int) -> Iterator[tuple[int, int]]:
        """The opening intervals that end after ``t``, in order (endless: some day opens)."""
        day = self.local(t) // DAY
        while True:
            for opens, closes in self._openings(day):
                if closes > t:
                    yield opens, closes
            day += 1

    def _openings(self, day: int) -> list[tuple[int, int]]:
        """The opening intervals, as instants, of the local day numbered ``day``."""
        found = self._days.get(day)
        if found is None:
            base = day * DAY
            found = [
                (self.to_utc(base + start), self.to_utc(base + end))
                for start, end in self.ranges[(day + 3) % 7]  # 1970-01-01 was a Thursday
            ]
            self._days[day] = found
        return found


def _presence(second: int) -> float:
    """How many people write or call at this local time of day (relative, 0–1)."""
    hour = second / HOUR
    if hour < 7:
        return 0.04
    if hour < 9:
        return 0.35 + 0.3 * (hour - 7)
    if hour < 12:
        return 1.0 if hour >= 10 else 0.9
    if hour < 14:
        return 0.7  # lunch: fewer calls, some e-mails
    if hour < 17:
        return 0.95
    if hour < 20:
        return 0.75
    return 0.5 if hour < 22 else 0.15


SLOT = 600  # arrivals are drawn per 10-minute slot, then uniformly inside it


def arrival_slots(clock: Clock, weekday: int, *, inside: bool) -> tuple[list[int], list[float]]:
    """Slot starts (local seconds of day) with cumulative weights, inside or outside hours.

    A closed day has no inside slots; its outside slots cover the whole day.
    """
    ranges = clock.ranges[weekday]
    starts: list[int] = []
    cumulative: list[float] = []
    total = 0.0
    for start in range(0, DAY, SLOT):
        within = clock.always_open or any(a <= start and start + SLOT <= b for a, b in ranges)
        overlaps = within or any(start < b and a < start + SLOT for a, b in ranges)
        if (inside and not within) or (not inside and overlaps):
            continue  # a slot that straddles an opening or a closing is left out of both
        total += _presence(start)
        starts.append(start)
        cumulative.append(total)
    return starts, cumulative
