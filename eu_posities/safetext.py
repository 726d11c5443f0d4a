"""Text from documents made safe where it goes: into storage, into XML, onto a terminal.

Documents are hostile input. Three rules, one place:
- `for_storage`: what the importers keep. Control characters other than tab and newline,
  C1 controls and what XML cannot hold (lone surrogates, U+FFFE, U+FFFF) are dropped;
  carriage returns, form feeds, vertical tabs and NEL become newlines (they separate text).
  Everything else, bidi marks included, is text.
- `for_xml`: what an XML writer (python-docx) accepts; the same characters dropped.
- `for_terminal`: what may be printed. C0 and C1 controls except newline and tab, DEL, the
  bidi embedding, override and isolate controls, and lone surrogates (which cannot even be
  encoded) are shown as visible escapes (`\\x1b`, `\\u202e`): an escape sequence can then
  neither clear the screen, write the clipboard nor hide text by reordering it, and the
  reader sees that the document held one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import fields, is_dataclass, replace
from typing import Any, TypeVar

T = TypeVar("T")

# XML 1.0 Char production, minus the C1 block (legal in XML, never text in a document).
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_NOT_FOR_TERMINAL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")


_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n"})


def for_storage(text: str) -> str:
    """`text` as the importers keep it: no controls but tab and newline, nothing XML refuses."""
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return _NOT_TEXT.sub("", text.translate(_BREAKS))


def for_xml(text: str) -> str:
    """`text` without the characters an XML 1.0 document cannot hold."""
    return _NOT_XML.sub("", text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """`text` safe to print: controls (but newline and tab) and bidi controls escaped."""
    return _NOT_FOR_TERMINAL.sub(_escape, text)


def is_clean(text: str) -> bool:
    """True if `for_storage` would leave `text` unchanged."""
    return _NOT_TEXT.search(text) is None and "\r" not in text


def map_strings(value: T, clean: Callable[[str], str] = for_storage) -> T:
    """`value` with `clean` applied to every string inside it: in (frozen) dataclasses,
    tuples, lists and dicts. What `clean` leaves unchanged keeps its identity, so a clean
    document costs one pass and no copies."""
    return _map(value, clean)  # type: ignore[no-any-return]


def _map(value: Any, clean: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        new = clean(value)
        return value if new == value else new
    if isinstance(value, tuple | list):
        items = [_map(item, clean) for item in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return type(value)(items)
    if isinstance(value, dict):
        pairs = [(_map(k, clean), _map(v, clean)) for k, v in value.items()]
        if all(k is k0 and v is v0 for (k, v), (k0, v0) in zip(pairs, value.items(), strict=True)):
            return value
        return dict(pairs)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for field in fields(value):
            old = getattr(value, field.name)
            new = _map(old, clean)
            if new is not old:
                changes[field.name] = new
        return replace(value, **changes) if changes else value
    return value
