"""The one place Unisono reads the time, so that tests and commands agree on "now"."""

from __future__ import annotations

import datetime as dt


def utcnow() -> dt.datetime:
    """The current time, aware, in UTC."""
    return dt.datetime.now(dt.UTC)


def today() -> dt.date:
    """Today's date where the user is (the machine's local time zone)."""
    return dt.datetime.now().astimezone().date()
