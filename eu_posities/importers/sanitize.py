"""The last pass of every import: every string of a parsed document made safe to store."""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any, TypeVar

from eu_posities.safetext import for_storage, is_clean

T = TypeVar("T")


def clean_value(value: T) -> T:
    """`value` with every string in it passed through `for_storage` (unchanged if clean)."""
    return _clean(value)  # type: ignore[no-any-return]


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return value if is_clean(value) else for_storage(value)
    if isinstance(value, tuple | list):
        items = [_clean(item) for item in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return type(value)(items)
    if isinstance(value, dict):
        pairs = [(_clean(k), _clean(v)) for k, v in value.items()]
        if all(k is k0 and v is v0 for (k, v), (k0, v0) in zip(pairs, value.items(), strict=True)):
            return value
        return dict(pairs)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for field in fields(value):
            old = getattr(value, field.name)
            new = _clean(old)
            if new is not old:
                changes[field.name] = new
        return replace(value, **changes) if changes else value
    return value


def clean_document(document: T) -> T:
    """A parsed document with no control characters or XML-illegal text anywhere in it."""
    return clean_value(document)
