"""What the checks prepare once per rules object (patterns, cues, answers), kept for reuse.

The rules dataclasses hold dicts, so they cannot be hashed; they are built once per bible or
stored version and shared by every interaction they apply to, so their identity is the first
key (a dict lookup). Contexts sent to worker processes arrive as new objects with every batch,
so an object seen for the first time is looked up by its content too (:func:`fingerprint`),
and what was prepared for an equal object is reused. The objects are kept beside the value, so
an id is never reused while it is cached.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Mapping
from typing import Any, Generic, TypeVar

__all__ = ["by_identities", "by_identity", "fingerprint"]

Key = TypeVar("Key")
Value = TypeVar("Value")
_LIMIT = 1024  # entries per cache: far more than one bible's standards and their combinations


def fingerprint(rules: Any) -> Hashable:
    """The content of a rules dataclass, hashable (mappings as sorted items)."""
    if not dataclasses.is_dataclass(rules):
        return rules  # type: ignore[no-any-return]
    values = []
    for item in dataclasses.fields(rules):
        value = getattr(rules, item.name)
        values.append(tuple(sorted(value.items())) if isinstance(value, Mapping) else value)
    return type(rules).__name__, tuple(values)


class _Cache(Generic[Key, Value]):
    """Values by identity of their key objects, then by their content."""

    def __init__(self, build: Callable[[Key], Value], objects: Callable[[Key], tuple[Any, ...]]):
        self.build, self.objects = build, objects
        self.by_id: dict[tuple[int, ...], tuple[Key, Value]] = {}
        self.by_content: dict[Hashable, Value] = {}

    def __call__(self, key: Key) -> Value:
        parts = self.objects(key)
        ids = tuple(map(id, parts))
        hit = self.by_id.get(ids)
        if hit is not None:  # the objects are kept with the value: these ids are still theirs
            return hit[1]
        content = tuple(fingerprint(part) for part in parts)
        value = self.by_content.get(content)
        if value is None:
            value = self.build(key)
            if len(self.by_content) >= _LIMIT:
                self.by_content.clear()
            self.by_content[content] = value
        if len(self.by_id) >= _LIMIT:
            self.by_id.clear()
        self.by_id[ids] = (key, value)
        return value


def by_identity(build: Callable[[Key], Value]) -> Callable[[Key], Value]:
    """``build`` called once per rules object (or equal object), its result kept."""
    return _Cache(build, lambda key: (key,))


def by_identities(build: Callable[[tuple[Key, ...]], Value]) -> Callable[[tuple[Key, ...]], Value]:
    """``build`` called once per tuple of rules objects (or of equal ones), its result kept."""
    return _Cache(build, lambda keys: keys)
