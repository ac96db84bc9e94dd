"""The audit checks; adding a check is adding a module and a line here."""

from __future__ import annotations

from unisono.audit.checks.base import Check
from unisono.audit.checks.sla import SlaCheck

CHECKS: tuple[Check, ...] = (SlaCheck(),)
