"""The one hardened lxml parser for untrusted XML and HTML: no entities, no network, no DTDs.

Every XML or HTML document the project reads goes through `parse_xml` or `parse_html`.
Failures (hostile DOCTYPEs, truncated or binary input, unknown encodings, more markup than
the node budget of `limits` allows) become an `InputError` naming the file and the reason
in one line. Entity declarations are looked for in the decoded text as well as in the
bytes, so a UTF-16 or UTF-7 document cannot hide one.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree

from eu_posities.errors import InputError
from eu_posities.importers.limits import ReadBudget

# An internal DTD subset that declares entities is how XXE and "billion laughs" attacks start;
# no legitimate EU document needs one, so such input is refused before lxml sees it.
_ENTITY_DECL = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
_ENTITY_DECL_TEXT = re.compile(r"<!\s*ENTITY", re.IGNORECASE)
_XML_DECL_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def xml_parser() -> etree.XMLParser:
    """A fresh XML parser that resolves nothing and loads nothing."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        recover=False,
    )


def html_parser() -> etree.HTMLParser:
    """A fresh HTML parser (lxml's HTML parser never loads DTDs or entities from outside)."""
    return etree.HTMLParser(
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        encoding="utf-8",
    )


def _reject_entities(data: bytes | str, source: str) -> None:
    found = _ENTITY_DECL_TEXT.search(data) if isinstance(data, str) else _ENTITY_DECL.search(data)
    if found:
        raise InputError("refused: the document declares entities in a DOCTYPE", source=source)


def _check_not_binary(data: bytes, source: str) -> None:
    if not data.strip():
        raise InputError("empty file", source=source)
    head = data[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    if b"\x00" in head:
        raise InputError("binary data, not an XML or HTML document", source=source)


def _known_encoding(name: str, source: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InputError(f"unknown character encoding {name!r}", source=source) from None


def decode_markup(data: bytes, source: str, *, html: bool) -> tuple[str, str]:
    """Decode markup bytes to text: BOM, declared encoding, UTF-8, then Windows-1252.

    Files without a declaration are mostly UTF-8; the rest come from old Windows tools, so
    Windows-1252 (a superset of Latin-1 for printable text) is the sensible fallback.
    Returns the text and the encoding used.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"invalid {name} text after the byte-order mark (offset {exc.start})",
                    source=source,
                ) from None
    declared = _XML_DECL_ENCODING.match(data)
    if declared is None and html:
        declared = _META_CHARSET.search(data[:8192])
    if declared is not None:
        name = _known_encoding(declared.group(1).decode("ascii"), source)
        try:
            return data.decode(name), name
        except UnicodeDecodeError as exc:
            raise InputError(
                f"bytes at offset {exc.start} are not valid {name} as declared", source=source
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


_STRIP_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


def parse_xml(data: bytes, source: str, *, budget: ReadBudget | None = None) -> etree._Element:
    """Parse untrusted XML bytes; return the root element or raise `InputError`.

    `budget` is shared by the parts of one document (a DOCX, a Formex folder); without one,
    this document alone gets the whole node budget.
    """
    _check_not_binary(data, source)
    _reject_entities(data, source)
    text, _encoding = decode_markup(data, source, html=False)
    _reject_entities(text, source)
    (budget or ReadBudget(source)).take_nodes(text, source)
    # lxml refuses str input with an encoding declaration; we decoded already, so drop it.
    payload = _STRIP_DECL.sub("", text, count=1).encode("utf-8")
    try:
        root = etree.fromstring(payload, xml_parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(f"not well-formed XML ({_first_line(exc)})", source=source) from None
    except (ValueError, etree.LxmlError) as exc:
        raise InputError(f"unreadable XML ({_first_line(exc)})", source=source) from None
    if root is None:
        raise InputError("no XML content", source=source)
    return root


def parse_html(data: bytes, source: str, *, budget: ReadBudget | None = None) -> etree._Element:
    """Parse untrusted HTML or XHTML bytes leniently; return the root element."""
    _check_not_binary(data, source)
    _reject_entities(data, source)
    text, _encoding = decode_markup(data, source, html=True)
    _reject_entities(text, source)
    (budget or ReadBudget(source)).take_nodes(text, source)
    payload = _STRIP_DECL.sub("", text, count=1).encode("utf-8")
    try:
        root = etree.fromstring(payload, html_parser())
    except (etree.XMLSyntaxError, ValueError, etree.LxmlError) as exc:
        raise InputError(f"unreadable HTML ({_first_line(exc)})", source=source) from None
    if root is None:
        raise InputError("no HTML content", source=source)
    return root


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
