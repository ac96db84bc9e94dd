"""The audit checks; adding a check is adding a module and a line here."""

from __future__ import annotations

from unisono.audit.checks.answers import OffStandardAnswers
from unisono.audit.checks.base import Check
from unisono.audit.checks.expressions import ForbiddenExpressions
from unisono.audit.checks.facts import FactContradictions
from unisono.audit.checks.formality import Formality
from unisono.audit.checks.required import MissingRequired
from unisono.audit.checks.sla import SlaCheck

CHECKS: tuple[Check, ...] = (
    FactContradictions(),
    ForbiddenExpressions(),
    MissingRequired(),
    Formality(),
    SlaCheck(),
    OffStandardAnswers(),
)
