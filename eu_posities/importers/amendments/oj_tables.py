"""EP amendment lists in EUR-Lex / Official Journal XHTML: one two-column table per amendment.

Each amendment is a run of `oj-ti-grseq-1` headings ("Amendment 12", "Proposal for a
regulation", the target "Article 7 — paragraph 1 — point a") and a table whose header row
reads "Text proposed by the Commission | Amendment". Every further row pairs a paragraph of
the Commission text with the amended paragraph; a cell holds paragraphs (`oj-normal`),
article numbers and headings (`oj-ti-art`, `oj-sti-art`), "deleted" (`oj-tbl-txt`), or a
nested table of number and text for numbered points and recitals. Changed words are in
`oj-bold` + `oj-italic` spans, in both columns. The document's title states the act amended.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from eu_posities.document import Amendment, Coverage, ParsedDocument
from eu_posities.errors import InputError
from eu_posities.importers.amendments.meta import read_meta
from eu_posities.importers.amendments.model import Column, build_amendment, column_words
from eu_posities.importers.amendments.runs import Piece
from eu_posities.importers.common import NOTE_MARK, clean
from eu_posities.importers.xmlsafe import parse_html

FORMAT = "ep-amendments"

_AMENDMENT = re.compile(r"^(?:Amendment|Compromise amendment)\s+(\d+\s?[a-z]?)$", re.IGNORECASE)
_AMENDED_DOC = re.compile(r"^(?:Proposal|Draft|Motion)\s+for\b|^Annex to the proposal", re.I)
_HEADER = re.compile(r"text proposed by the commission|present text|texte proposé", re.I)
_HEADING_CLASSES = {"oj-ti-art": "article", "oj-sti-art": "heading"}
_INLINE = {"span", "a", "sup", "sub", "i", "b", "em", "strong", "u"}


def _cls(element: etree._Element) -> str:
    return element.get("class") or ""


def looks_like_amendments(root: etree._Element) -> bool:
    """True when the page holds EP amendment tables (headed "Text proposed by the ...")."""
    headers = 0
    for p in root.iter("p"):
        if _cls(p) == "oj-tbl-hdr" and _HEADER.search("".join(p.itertext())):
            headers += 1
            if headers >= 1:
                return True
    return False


def pieces_of(element: etree._Element) -> list[Piece]:
    """The text of an element as (text, bold-italic) pieces, footnote references marked.

    The OJ's pretty-printing puts line breaks and indentation inside `span`s around their
    children; that white space is layout, not text, and is dropped so "values" + ". This"
    stays "values. This".
    """
    out: list[Piece] = []

    def walk(node: etree._Element, bold: bool, italic: bool) -> None:
        cls = _cls(node)
        bold = bold or "oj-bold" in cls or node.tag in ("b", "strong")
        italic = italic or "oj-italic" in cls or node.tag in ("i", "em")
        inline = node.tag in _INLINE
        if node.text and not (inline and _layout(node.text) and len(node)):
            out.append((node.text, bold and italic))
        children = [c for c in node if isinstance(c.tag, str)]
        for index, child in enumerate(children):
            if child.tag == "a" and (child.get("href") or "").startswith("#ntr"):
                out.append((NOTE_MARK, False))
            elif child.tag == "br":
                out.append((" ", False))
            else:
                walk(child, bold, italic)
            tail = child.tail
            if tail and not (inline and _layout(tail) and index == len(children) - 1):
                out.append((tail, bold and italic))

    walk(element, False, False)
    return out


def pieces_of_node(node: etree._Element) -> list[Piece]:
    """The pieces of an inline element standing in a cell (its tail not included)."""
    if node.tag == "br":
        return [(" ", False)]
    if node.tag == "a" and (node.get("href") or "").startswith("#ntr"):
        return [(NOTE_MARK, False)]
    return pieces_of(node)


def _layout(text: str) -> bool:
    return not text.strip() and "\n" in text


class _Cell:
    """Reads one cell of an amendment table into a `Column`."""

    def __init__(self, column: Column) -> None:
        self.column = column

    def read(self, element: etree._Element, prefix: list[Piece] | None = None) -> None:
        """Lines of `element`: its paragraphs, numbered rows and loose inline text."""
        pending = list(prefix or [])  # a number waiting for its text
        inline: list[Piece] = []  # text standing directly in the cell, outside any <p>

        def flush() -> None:
            nonlocal pending, inline
            if inline and clean("".join(t for t, _ in inline).replace(NOTE_MARK, "")):
                self.column.add(pending + inline)
                pending = []
            inline = []

        if element.text and not _layout(element.text):
            inline.append((element.text, False))
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag in _INLINE or child.tag == "br":
                inline.extend(pieces_of_node(child))
            elif child.tag == "p":
                flush()
                role = _HEADING_CLASSES.get(_cls(child))
                pieces = pieces_of(child)
                if role == "heading":
                    self.column.heading = [(clean("".join(t for t, _ in pieces)), False)]
                else:
                    self.column.add(pending + pieces)
                    pending = []
            elif child.tag == "table":
                flush()
                for row in _rows(child):
                    self._numbered_row(row)
            elif child.tag in ("div", "tbody", "td"):
                flush()
                self.read(child, pending)
                pending = []
            if child.tail and not _layout(child.tail):
                inline.append((child.tail, False))
        flush()
        if pending and clean("".join(t for t, _ in pending)):
            self.column.add(pending)

    def _numbered_row(self, row: etree._Element) -> None:
        cells = [c for c in row if c.tag == "td"]
        if len(cells) == 2:
            number = squeeze_number_cell(pieces_of(cells[0]))
            if clean("".join(t for t, _ in number)):
                self.read(cells[1], [*number, (" ", False)])
            else:
                self.read(cells[1])
        else:
            for cell in cells:
                self.read(cell)


_LOOSE_NUMBER = re.compile(r"^\(?\s*(\d+|[a-z]{1,4})(\s*[a-z]{1,3})?\s*[.)]?\s*$", re.IGNORECASE)


def squeeze_number_cell(pieces: list[Piece]) -> list[Piece]:
    """ "(33b )" or "1 a." as printed in a number cell, written as a stage writes it."""
    text = clean("".join(t for t, _ in pieces))
    if not _LOOSE_NUMBER.match(text) or " " not in text:
        return pieces
    marked = any(m for t, m in pieces if t.strip())
    return [(text.replace(" ", ""), marked)]


def _rows(table: etree._Element) -> list[etree._Element]:
    body = table.find("tbody")
    return [r for r in (body if body is not None else table) if r.tag == "tr"]


def _text(element: etree._Element) -> str:
    return clean("".join(t for t, _ in pieces_of(element)).replace(NOTE_MARK, ""))


def parse(path: Path, data: bytes, **options: object) -> ParsedDocument:
    """Read the amendments of an OJ / EUR-Lex XHTML amendment list."""
    root = parse_html(data, str(path))
    container = root.find(".//body")
    if container is None or not looks_like_amendments(root):
        raise InputError("no EP amendment tables found in this XHTML", source=str(path))
    title = " ".join(_text(p) for p in root.iter("p") if _cls(p) == "oj-doc-ti")
    amendments: list[Amendment] = []
    warnings: list[str] = []
    heads: list[str] = []
    number = ""
    justification: list[str] = []
    in_justification = False
    body_words = placed_words = 0
    pending: tuple[str, str, Column, Column] | None = None

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            num, target, old, new = pending
            amendments.append(
                build_amendment(num, target, old, new, justification=" ".join(justification))
            )
        pending = None

    for element in _walk(container):
        if element.tag == "p":
            text = _text(element)
            cls = _cls(element)
            if (
                not text
                or cls in ("oj-note", "oj-doc-ti", "oj-no-doc-c")
                or cls.startswith("oj-hd-")
            ):
                continue
            match = _AMENDMENT.match(text)
            if match:
                flush()
                number, heads, justification, in_justification = match.group(1), [], [], False
                number = number.replace(" ", "")
                body_words += 2
                placed_words += 2
                continue
            body_words += len(text.split())
            if text.lower() in ("justification", "justification:"):
                in_justification = True
                placed_words += 1
            elif in_justification:
                justification.append(text)
                placed_words += len(text.split())
            elif number and pending is None:
                heads.append(text)
                placed_words += len(text.split())
        elif element.tag == "table" and number and pending is None:
            rows = _rows(element)
            if not rows or not any(_HEADER.search(_text(c)) for c in rows[0].iter("td")):
                continue
            old, new = Column(), Column()
            for row in rows[1:]:
                cells = [c for c in row if c.tag == "td"]
                if len(cells) != 2:
                    warnings.append(f"amendment {number}: a table row without two columns")
                    continue
                _Cell(old).read(cells[0])
                _Cell(new).read(cells[1])
                words = sum(len(_text(c).split()) for c in cells)
                body_words += words
            placed_words += column_words(old) + column_words(new)
            target = " – ".join(h for h in heads if not _AMENDED_DOC.match(h))
            if not target:
                warnings.append(f"amendment {number}: no target heading")
            pending = (number, target, old, new)
    flush()
    if not amendments:
        raise InputError("no amendments found in this amendment list", source=str(path))
    meta: dict[str, object] = dict(read_meta(title))
    meta["amendments"] = len(amendments)
    coverage = Coverage(body_words=body_words, placed_words=min(placed_words, body_words))
    return ParsedDocument(
        stages=(),
        amendments=tuple(amendments),
        coverage=coverage,
        warnings=tuple(warnings),
        meta=meta,
    )


def _walk(container: etree._Element):  # type: ignore[no-untyped-def]
    """The headings and tables of the page in order, not descending into the tables."""
    for element in container.iter("p", "table"):
        if element.tag == "table" and any(a.tag == "table" for a in element.iterancestors()):
            continue
        if element.tag == "p" and any(a.tag == "table" for a in element.iterancestors()):
            continue
        yield element
