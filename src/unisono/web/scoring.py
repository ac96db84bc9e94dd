"""Scorecard forms: the criteria values a review form sends (``value-<criterion>``, ``na`` for
not applicable, empty for unchanged), and the reviews service's refusals in the reader's
words. The rules themselves stay in ``unisono.reviews.service``."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import Depends, Request

from unisono.reviews.service import CriteriaPendingError, ReasonMissingError
from unisono.web.i18n import Formatter

FormFields = dict[str, str]
NOT_APPLICABLE = "na"
# The values an auditor gives (the bible's scorecards note 0, 0.5 or 1, or "not applicable").
CHOICES = ((1.0, "met"), (0.5, "partly met"), (0.0, "not met"))


async def _fields(request: Request) -> FormFields:
    """The form's text fields (the CSRF check has read the form already: it is cached)."""
    form = await request.form()
    return {key: value for key, value in form.items() if isinstance(value, str)}


Fields = Annotated[FormFields, Depends(_fields)]


class FormValueError(ValueError):
    """A value the form sent that is no criterion value."""

    def __init__(self, criterion: str, value: str) -> None:
        super().__init__(f"{criterion}: {value!r} is not a value")
        self.criterion, self.value = criterion, value


def criteria_values(fields: FormFields, criteria: list[str]) -> dict[str, float | None]:
    """The values set for ``criteria`` (those left empty are not set)."""
    values: dict[str, float | None] = {}
    for criterion in criteria:
        sent = fields.get(f"value-{criterion}", "").strip()
        if not sent:
            continue
        if sent == NOT_APPLICABLE:
            values[criterion] = None
            continue
        try:
            number = float(sent)
        except ValueError:
            raise FormValueError(criterion, sent) from None
        if math.isnan(number):
            raise FormValueError(criterion, sent)
        values[criterion] = number
    return values


def criteria_reasons(fields: FormFields, criteria: list[str]) -> dict[str, str]:
    """The reasons given for ``criteria`` (empty ones left out)."""
    return {
        criterion: text
        for criterion in criteria
        if (text := fields.get(f"reason-{criterion}", "").strip())
    }


def problem_text(error: ValueError, fmt: Formatter, labels: dict[str, str]) -> str:
    """What went wrong, in the reader's language (``labels``: criterion id → label)."""
    _ = fmt.gettext
    if isinstance(error, ReasonMissingError):
        automatic = (
            _("not applicable") if error.automatic is None else fmt.percent(error.automatic * 100)
        )
        return _(
            "%(criterion)s: say why you depart from the automatic value (%(value)s).",
            criterion=labels.get(error.criterion, error.criterion),
            value=automatic,
        )
    if isinstance(error, CriteriaPendingError):
        names = ", ".join(labels.get(name, name) for name in error.pending)
        return _(
            "Score every criterion first (a value, or not applicable): %(names)s.", names=names
        )
    if isinstance(error, FormValueError):
        return _(
            "%(criterion)s: choose a value in the list.",
            criterion=labels.get(error.criterion, error.criterion),
        )
    return _("Nothing was changed: %(reason)s.", reason=str(error))
