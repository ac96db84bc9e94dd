"""The column mapping of a CSV import: which column holds which canonical field, and how a row's
cells become canonical values (docs/importers.md, "CSV").

The mapping is a YAML file checked with pydantic; an error names the mapping key at fault. Cells
are read strictly: a value is translated only when the mapping says how (``values``), a date only
in the formats it gives, a score only when it is a whole number.
"""

from __future__ import annotations

import codecs
import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from unisono.interactions.importers.base import SourceError

KINDS = ("nps", "csat", "ces")
SCORES = tuple(f"surveys.{kind}" for kind in KINDS)
SURVEY_FIELDS = tuple(f"{score}{part}" for score in SCORES for part in ("", ".comment", ".at"))
CUSTOMER_FIELDS = ("customer.id", "customer.name", "customer.email", "customer.phone")
INTERACTION_FIELDS = (
    *("id", "channel", "reason", *CUSTOMER_FIELDS, "agent", "team"),
    *("opened_at", "resolved_at", "status", *SURVEY_FIELDS),
)
MESSAGE_FIELDS = ("message.from", "message.at", "message.text")  # layout: message
PAIR_FIELDS = ("customer_message", "customer_message.at", "agent_message", "agent_message.at")
TIMES = frozenset(
    ("opened_at", "resolved_at", "message.at", "customer_message.at", "agent_message.at")
) | {f"{score}.at" for score in SCORES}
DEFAULTABLE = ("channel", "reason", "agent", "team", "status")
DELIMITERS = {"tab": "\t", "\\t": "\t"}


class RowError(ValueError):
    """A cell that cannot be read as the canonical field its column is mapped to."""


def normalise(text: str) -> str:
    """Text compared loosely: Unicode-normalised (non-breaking spaces become spaces), spaces
    collapsed, case folded. Headers and translated values are matched this way."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _text(value: Any) -> str:
    # YAML reads `5` or `2026` as numbers; a header or a cell is text.
    return value if isinstance(value, str) else str(value)


class CsvMapping(BaseModel):
    """The mapping file: layout, file format, columns, defaults and value translations."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    layout: Literal["interaction", "message"] = "interaction"
    delimiter: str | None = None  # sniffed from the header line when absent
    encoding: str | None = None  # UTF-8, then windows-1252, when absent
    date_format: list[str] = []  # ISO 8601 when empty
    columns: dict[str, str]
    defaults: dict[str, str] = {}
    values: dict[str, dict[str, str]] = {}

    @field_validator("date_format", mode="before")
    @classmethod
    def _formats(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("columns", "defaults", mode="before")
    @classmethod
    def _texts(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        return {_text(key): _text(item) for key, item in value.items()}

    @field_validator("values", mode="before")
    @classmethod
    def _tables(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        return {_text(key): cls._texts(table) for key, table in value.items()}

    @field_validator("delimiter")
    @classmethod
    def _one_character(cls, value: str | None) -> str | None:
        value = DELIMITERS.get(value, value) if value else value
        if value is not None and len(value) != 1:
            raise ValueError('one character, e.g. ";" or "," or tab')
        return value

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            name = codecs.lookup(value).name
        except LookupError:
            raise ValueError(f"unknown encoding {value!r}") from None
        return "utf-8-sig" if name == "utf-8" else name  # a byte-order mark is not data

    @model_validator(mode="after")
    def _complete(self) -> CsvMapping:
        allowed = set(INTERACTION_FIELDS)
        allowed.update(MESSAGE_FIELDS if self.layout == "message" else PAIR_FIELDS)
        for field in self.columns:
            if field not in allowed:
                raise ValueError(
                    f"columns.{field}: not a field of the {self.layout} layout "
                    f"(fields: {', '.join(sorted(allowed))})"
                )
        for field in self.defaults:
            if field not in DEFAULTABLE:
                raise ValueError(f"defaults.{field}: only {', '.join(DEFAULTABLE)} take a default")
        for field in self.values:
            if field not in self.columns or field in TIMES:
                raise ValueError(f"values.{field}: not a mapped column holding text or a score")
        self._require()
        return self

    def _require(self) -> None:
        needed = ["id", *(MESSAGE_FIELDS if self.layout == "message" else ["opened_at"])]
        if "agent_message" in self.columns:
            needed.append("agent_message.at")  # an agent's reply time is never made up
        for field in needed:
            if field not in self.columns:
                raise ValueError(f"columns.{field}: required, give the header of its column")
        if "channel" not in self.columns and "channel" not in self.defaults:
            raise ValueError("columns.channel: required (or give defaults.channel)")
        if not {"customer.id", "customer.email"} & self.columns.keys():
            raise ValueError("columns.customer.id: required (or map customer.email)")


def load_mapping(path: Path) -> CsvMapping:
    """Read and check a mapping file; raise SourceError naming the key at fault."""
    try:
        document = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as error:
        raise SourceError(f"{path}: cannot read the mapping: {error}") from error
    try:
        return CsvMapping.model_validate(document)
    except ValidationError as error:
        problem = error.errors()[0]
        where = ".".join(str(part) for part in problem["loc"])
        message = problem["msg"].removeprefix("Value error, ")
        raise SourceError(f"{path}: {where + ': ' if where else ''}{message}") from error


def resolve_columns(
    mapping: CsvMapping, headers: list[str], *, mapping_path: Path, source: Path
) -> dict[str, int]:
    """Each mapped field's column index, matching headers loosely (:func:`normalise`)."""
    positions: dict[str, list[int]] = {}
    for index, header in enumerate(headers):
        positions.setdefault(normalise(header), []).append(index)
    resolved: dict[str, int] = {}
    for field, header in mapping.columns.items():
        found = positions.get(normalise(header), [])
        if len(found) != 1:
            problem = "no column" if not found else f"{len(found)} columns"
            listed = ", ".join(f'"{name.strip()}"' for name in headers)
            raise SourceError(
                f'{mapping_path}: columns.{field}: {problem} "{header}" in {source.name} '
                f"(its columns: {listed})"
            )
        resolved[field] = found[0]
    return resolved


class RowMapper:
    """Turns the cells of one row into canonical values, as the mapping says."""

    def __init__(
        self, mapping: CsvMapping, columns: dict[str, int], timezone: ZoneInfo | None
    ) -> None:
        self.mapping, self.columns, self.timezone = mapping, columns, timezone
        self.tables = {
            field: {normalise(source): target for source, target in table.items()}
            for field, table in mapping.values.items()
        }

    def cell(self, cells: list[str], field: str) -> str | None:
        """The field's cell, translated, or its default; None when empty."""
        # Quoted multi-line cells keep the file's line ends; a text has "\n" only.
        text = (
            cells[self.columns[field]].replace("\r\n", "\n").strip()
            if field in self.columns
            else ""
        )
        if not text:
            return self.mapping.defaults.get(field)
        return self.tables.get(field, {}).get(normalise(text), text)

    def value(self, cells: list[str], field: str) -> Any:
        """The field's canonical value: text, a time in ISO 8601, or a score; None when empty."""
        text = self.cell(cells, field)
        if text is None:
            return None
        try:
            if field in TIMES:
                return self._time(text)
            if field in SCORES:
                return _score(text)
        except ValueError as error:
            header = self.mapping.columns[field]
            raise RowError(f'{field} ("{header}"): {error}') from None
        return text

    def fields(self, cells: list[str]) -> dict[str, Any]:
        """The interaction-level fields of a row that are not empty, flat (``customer.id``)."""
        found = {field: self.value(cells, field) for field in INTERACTION_FIELDS}
        return {field: value for field, value in found.items() if value is not None}

    def message(self, cells: list[str]) -> dict[str, Any] | None:
        """The message of a row of the message layout; None when its text is empty."""
        text = self.value(cells, "message.text")
        if text is None:
            return None
        author, at = self.value(cells, "message.from"), self.value(cells, "message.at")
        for field, found in (("message.from", author), ("message.at", at)):
            if found is None:
                raise RowError(f'{field} ("{self.mapping.columns[field]}"): empty')
        return {"from": author, "at": at, "text": text}

    def pair(self, cells: list[str], opened_at: str | None) -> list[dict[str, Any]]:
        """The customer's message and the agent's reply of a row of the interaction layout."""
        messages = []
        customer = self.value(cells, "customer_message")
        if customer is not None:
            at = self.value(cells, "customer_message.at") or opened_at
            messages.append({"from": "customer", "at": at, "text": customer})
        agent = self.value(cells, "agent_message")
        if agent is not None:
            at = self.value(cells, "agent_message.at")
            if at is None:
                header = self.mapping.columns["agent_message.at"]
                raise RowError(f'agent_message.at ("{header}"): empty beside a reply')
            messages.append({"from": "agent", "at": at, "text": agent})
        return messages

    def _time(self, text: str) -> str:
        value = _parse_time(text, self.mapping.date_format)
        if value.tzinfo is None and self.timezone is not None:
            value = value.replace(tzinfo=self.timezone)
        return value.isoformat()


def _parse_time(text: str, formats: list[str]) -> dt.datetime:
    if not formats:
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f'"{text}" is not an ISO 8601 date') from None
    for pattern in formats:
        try:
            return dt.datetime.strptime(text, pattern)  # noqa: DTZ007 - the zone is added after
        except ValueError:
            continue
    raise ValueError(f'"{text}" is not a date in the format {" or ".join(formats)}')


def _score(text: str) -> int:
    try:
        number = float(text.replace(",", "."))  # French exports write 4,0
    except ValueError:
        raise ValueError(f'"{text}" is not a number') from None
    if not number.is_integer():
        raise ValueError(f'"{text}" is not a whole number')
    return int(number)


def assemble(fields: dict[str, Any], messages: list[dict[str, Any]]) -> dict[str, Any]:
    """The canonical interaction from flat fields and messages (PRODUCT.md's shape)."""
    data: dict[str, Any] = {}
    customer: dict[str, Any] = {}
    for field, value in fields.items():
        if field.startswith("customer."):
            customer[field.removeprefix("customer.")] = value
        elif not field.startswith("surveys."):
            data[field] = value
    if "id" not in customer and "email" in customer:
        customer["id"] = customer["email"]  # documented: the e-mail identifies the customer
    data["customer"] = customer
    if "opened_at" not in data and messages:
        data["opened_at"] = _earliest([message["at"] for message in messages])
    data["messages"] = messages
    data["surveys"] = [_survey(fields, kind) for kind in KINDS if f"surveys.{kind}" in fields]
    return data


def _survey(fields: dict[str, Any], kind: str) -> dict[str, Any]:
    survey = {"kind": kind, "score": fields[f"surveys.{kind}"]}
    for part in ("at", "comment"):
        if f"surveys.{kind}.{part}" in fields:
            survey[part] = fields[f"surveys.{kind}.{part}"]
    return survey


def _earliest(times: list[str]) -> str:
    try:
        return min(times, key=dt.datetime.fromisoformat)
    except TypeError:  # offsets on some times only: fall back to the order of the file
        return times[0]
