"""Parsed documents kept as JSON: the bundled demo's real documents, read once by a script.

A *pack* is what an importer made of a real document (`ParsedDocument`), written as
gzipped JSON by `scripts/make_demo_packs.py` with the source file's name and digest, so
that the demo loads long PDFs in a second instead of parsing them at every first start.
The pack is data the importers produced, not a text of its own: the script checks that
parsing the source again gives the same pack (`--check`).
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import json
import types
import typing
from pathlib import Path
from typing import Any, get_type_hints

from eu_posities import document
from eu_posities.document import ParsedDocument
from eu_posities.errors import InputError

FORMAT = "eu-posities-pack"
VERSION = 1


def encode(value: Any) -> Any:
    """A document-model value as JSON data (dataclasses as objects, tuples as lists)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    return value


def decode(kind: Any, value: Any) -> Any:
    """JSON data back into the document-model type `kind`."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return None if value is None else decode(options[0], value)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], v) for v in value)
        return tuple(decode(a, v) for a, v in zip(args, value, strict=True))
    if origin is dict or kind is dict:
        return dict(value)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        return kind(**{name: decode(hints[name], v) for name, v in value.items() if name in hints})
    return value


@functools.cache
def _hints(kind: type) -> dict[str, Any]:
    """The field types of a document-model class (resolved once: decoding reads thousands)."""
    names = {f.name for f in dataclasses.fields(kind)}
    return {k: v for k, v in get_type_hints(kind, vars(document)).items() if k in names}


def write_pack(path: Path, parsed: ParsedDocument, *, source: dict[str, Any]) -> None:
    data = {"format": FORMAT, "version": VERSION, "source": source, "document": encode(parsed)}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # mtime=0: the same document always gives the same bytes.
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def read_pack(path: Path) -> tuple[ParsedDocument, dict[str, Any]]:
    """The document a pack holds, and what it says of its source."""
    try:
        data = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"not a readable pack ({exc})", source=str(path)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        raise InputError("not an eu-posities pack of this version", source=str(path))
    return decode(ParsedDocument, data["document"]), dict(data.get("source") or {})
