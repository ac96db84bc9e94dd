"""The interface's languages: gettext catalogs (French and English) and Babel's formatting of
dates, numbers and durations in the reader's locale.

The catalogs are the ``.po`` files under ``locales/``, compiled in memory when first used: no
compiled ``.mo`` file is committed or built, so a catalog can never be out of date with its
source (docs/web.md).
"""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_timedelta
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import Translations

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
TIME_ZONE = "Europe/Paris"  # until the bible's zone is known: the demo company's


@cache
def translations(language: str) -> Translations:
    """The catalog of ``language``, compiled from its .po file once per process."""
    source = resources.files("unisono.web") / "locales" / language / "LC_MESSAGES" / "messages.po"
    with source.open("rb") as po:
        catalog = read_po(po, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


class Formatter:
    """Everything a page writes in the reader's language: translated text, dates, numbers."""

    def __init__(self, language: str, time_zone: str = TIME_ZONE) -> None:
        self.language = language if language in LANGUAGES else DEFAULT_LANGUAGE
        self.time_zone = time_zone
        self._zone = ZoneInfo(time_zone)
        self._catalog = translations(self.language)

    def gettext(self, message: str, **values: Any) -> str:
        """``message`` translated, ``%(name)s`` placeholders filled from ``values``."""
        text = self._catalog.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        """The singular or plural form for ``n``; ``%(num)s`` is ``n`` formatted."""
        text = self._catalog.ngettext(singular, plural, n)
        return text % {"num": self.number(n), **values}

    def date(self, value: dt.date | dt.datetime | None, style: str = "medium") -> str:
        """A date (a datetime is first put in the company's time zone)."""
        if value is None:
            return "—"
        if isinstance(value, dt.datetime):
            return format_datetime(
                value,
                "d MMM y" if style == "medium" else style,
                tzinfo=self._zone,
                locale=self.language,
            )
        return format_date(value, format=style, locale=self.language)

    def datetime(self, value: dt.datetime | None) -> str:
        """A moment, to the minute, in the company's time zone."""
        if value is None:
            return "—"
        return format_datetime(value, "d MMM y HH:mm", tzinfo=self._zone, locale=self.language)

    def number(self, value: float | None, digits: int = 0) -> str:
        """A number with the locale's separators; ``—`` when there is none."""
        if value is None:
            return "—"
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(value, format=pattern, locale=self.language)

    def percent(self, value: float | None, digits: int = 0) -> str:
        """A value given in percent (0–100), written the locale's way (``87 %`` / ``87%``)."""
        if value is None:
            return "—"
        pattern = Locale.parse(self.language).percent_formats[None].pattern  # "#,##0 %" in fr
        if digits:
            pattern = pattern.replace("0", "0." + "0" * digits, 1)
        return format_percent(value / 100, format=pattern, locale=self.language)

    def duration(self, seconds: float | None) -> str:
        """A duration for a reader (``3 heures`` / ``3 hours``)."""
        if seconds is None:
            return "—"
        return format_timedelta(
            dt.timedelta(seconds=seconds), threshold=1.5, format="short", locale=self.language
        )
