"""The names a bible may use without declaring them: placeholders, required elements, targets."""

from __future__ import annotations

from typing import Literal

Section = Literal["fundamentals", "communication", "processes", "performance"]
Status = Literal["draft", "review", "published", "archived"]
Stage = Literal["pre-sale", "sale", "after-sale"]

SECTIONS: tuple[Section, ...] = ("fundamentals", "communication", "processes", "performance")
STATUSES: tuple[Status, ...] = ("draft", "review", "published", "archived")
STAGES: tuple[Stage, ...] = ("pre-sale", "sale", "after-sale")

SECTION_TITLES = {
    "fr": {
        "fundamentals": "Les fondamentaux",
        "communication": "La communication",
        "processes": "Les processus",
        "performance": "La performance",
    },
    "en": {
        "fundamentals": "Fundamentals",
        "communication": "Communication",
        "processes": "Processes",
        "performance": "Performance",
    },
}

# Placeholders every approved answer may use, with what fills them.
PLACEHOLDERS = {
    "customer_name": "the customer's name",
    "agent_name": "the advisor's name",
    "company": "the company, from bible.yml",
    "order_id": "the order number",
    "ticket_id": "the interaction's reference",
    "tracking_number": "the parcel's tracking number",
    "delivery_date": "the promised or new delivery date",
}

# Required elements every bible knows, with their labels.
ELEMENTS = {
    "greeting": {"fr": "Salutation", "en": "Greeting"},
    "identification": {"fr": "Identification du client", "en": "Customer identification"},
    "reformulation": {"fr": "Reformulation de la demande", "en": "Restating the request"},
    "empathy": {"fr": "Empathie", "en": "Empathy"},
    "apology": {"fr": "Excuses", "en": "Apology"},
    "solution": {"fr": "Solution", "en": "Solution"},
    "next_steps": {"fr": "Prochaines étapes", "en": "Next steps"},
    "closing": {"fr": "Prise de congé", "en": "Closing"},
}

# Indicators a performance standard may set a target for, with the kinds of value they take.
TARGETS: dict[str, tuple[str, ...]] = {
    "nps": ("count",),
    "csat": ("percent",),
    "ces": ("count", "percent"),
    "fcr": ("percent",),
    "first_response_time": ("duration",),
    "resolution_time": ("duration",),
    "sla_first_response": ("percent",),
    "sla_resolution": ("percent",),
    "qa_score": ("percent", "count"),
}
