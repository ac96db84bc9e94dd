"""Chart data for the pages: plain JSON that static/charts.js hands to Plotly (served from the
installed plotly package, never from a CDN)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from unisono.web.i18n import Formatter


def plotly_js() -> Path:
    """plotly.min.js as the plotly package installs it (MIT licence)."""
    return Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))


def trend_chart(weekly: list[dict[str, Any]], language: str) -> dict[str, Any]:
    """NPS and CSAT per week with their 95% intervals, and the weekly volume."""
    _ = Formatter(language).gettext
    weeks = [str(group["key"]) for group in weekly]

    def series(block: str, field: str) -> tuple[list[Any], list[Any], list[Any]]:
        values, low, high = [], [], []
        for group in weekly:
            metric = group[block]
            interval = metric.get("ci95") or [None, None]
            small = metric.get("small_sample", False)
            values.append(None if small else metric.get(field))
            low.append(None if small else interval[0])
            high.append(None if small else interval[1])
        return values, low, high

    nps, csat = series("nps", "value"), series("csat", "value")
    return {
        "weeks": weeks,
        "volume": [group["volume"] for group in weekly],
        "series": [
            {"name": _("NPS"), "values": nps[0], "low": nps[1], "high": nps[2], "axis": "y"},
            {
                "name": _("CSAT (%)"),
                "values": csat[0],
                "low": csat[1],
                "high": csat[2],
                "axis": "y",
            },
        ],
        "labels": {
            "volume": _("Interactions"),
            "week": _("Week of"),
            "interval": _("95% interval"),
        },
        "locale": language,
    }


# Heat map colours: the consistency of a cell (0–100, the index's scale) in five bands, the
# number always written in the cell; small cells are greyed and not coloured (never ranked).
BANDS = ((90.0, "c5"), (80.0, "c4"), (70.0, "c3"), (60.0, "c2"), (0.0, "c1"))


def band(consistency: float | None, *, small: bool) -> str:
    """The CSS class of a heat map cell."""
    if small:
        return "small"
    if consistency is None:
        return "none"
    return next(name for low, name in BANDS if consistency >= low)


def heatmap_table(heatmap: dict[str, Any], dimension: str) -> list[dict[str, Any]]:
    """The rows of a reason × ``dimension`` heat map as the page draws them: per reason, one
    cell per column (None where the reason has no interaction there)."""
    cells = {(cell["reason"], cell[dimension]): cell for cell in heatmap["cells"]}
    rows = []
    for reason in heatmap["rows"]:
        row = []
        for column in heatmap["columns"]:
            cell = cells.get((reason, column))
            if cell is not None:
                cell = {**cell, "band": band(cell["consistency"], small=cell["small_sample"])}
            row.append(cell)
        rows.append({"reason": reason, "cells": row})
    return rows
