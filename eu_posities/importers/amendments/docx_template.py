"""EP amendment lists as Word documents: the EP templates and their hidden structure tags.

The Parliament's Word templates (draft reports, opinions, amendments tabled in committee)
mark each amendment with tags typed into the text in hidden runs (character style
`HideTWBExt` or `HideTWBInt`): `<RepeatBlock-Amend>`, `<Amend>Amendment <NumAm>12</NumAm>`,
`<RepeatBlock-By><Members>Name</Members>`, `<AuNomDe>{GROUP}on behalf of …</AuNomDe>`,
`<DocAmend>Proposal for a regulation</DocAmend>`, `<Article>Recital 4</Article>`, then the
two-column table (a spacer row, the "Text proposed by the Commission | Amendment" row, the
text), `Or. <Original>{EN}en</Original>`, `<TitreJust>Justification</TitreJust>` and
`</Amend>`. When the tags are there they drive the reading; a document without them (a
committee's amendment block, or tags lost in editing) is read by its visible words:
"Amendment 12", the document amended, the target, the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from eu_posities.document import Amendment, Coverage, ParsedDocument
from eu_posities.errors import InputError
from eu_posities.importers.amendments.meta import read_meta
from eu_posities.importers.amendments.model import Column, build_amendment
from eu_posities.importers.amendments.runs import Piece
from eu_posities.importers.common import NOTE_MARK, clean
from eu_posities.importers.limits import read_docx_part
from eu_posities.importers.xmlsafe import parse_xml

FORMAT = "ep-amendments"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HIDDEN_STYLES = frozenset({"HideTWBExt", "HideTWBInt"})
MAX_XML = 200 * 1024 * 1024

_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)>")
_AMENDMENT = re.compile(r"^(?:Amendment|Compromise amendment)\s+(\d+\s?[a-z]?)$", re.IGNORECASE)
_DOCUMENT = re.compile(r"^(?:Proposal|Draft|Motion)\s+for\b", re.IGNORECASE)
_LANGUAGE = re.compile(r"^Or\.\s*[a-z]{2}$", re.IGNORECASE)


@dataclass
class _Para:
    """A paragraph: its visible pieces and the tags found in its hidden runs, in order."""

    pieces: list[Piece] = field(default_factory=list)
    tokens: list[tuple[str, str]] = field(default_factory=list)  # ("tag"|"text", value)

    @property
    def text(self) -> str:
        return clean("".join(t for t, _ in self.pieces).replace(NOTE_MARK, ""))

    def inside(self, tag: str) -> str:
        """The visible text between `<tag>` and `</tag>` in this paragraph."""
        out: list[str] = []
        depth = 0
        for kind, value in self.tokens:
            if kind == "tag" and value == f"<{tag}>":
                depth += 1
            elif kind == "tag" and value == f"</{tag}>":
                depth -= 1
            elif kind == "text" and depth > 0:
                out.append(value)
        return clean("".join(out))

    def has(self, tag: str) -> bool:
        return any(kind == "tag" and value == tag for kind, value in self.tokens)


def _on(element: etree._Element | None) -> bool:
    if element is None:
        return False
    return element.get(f"{W}val", "true").lower() not in ("0", "false", "off", "none")


def _paragraph(p: etree._Element) -> _Para:
    para = _Para()
    for run in p.iter(f"{W}r"):
        if any(a.tag == f"{W}del" for a in run.iterancestors()):
            continue  # a tracked deletion is not in the document's text
        props = run.find(f"{W}rPr")
        style = props.find(f"{W}rStyle") if props is not None else None
        hidden = (style is not None and style.get(f"{W}val") in HIDDEN_STYLES) or (
            props is not None and _on(props.find(f"{W}vanish"))
        )
        marked = props is not None and _on(props.find(f"{W}b")) and _on(props.find(f"{W}i"))
        for child in run:
            if child.tag == f"{W}t" and child.text:
                if hidden:
                    for match in _TAG.finditer(child.text):
                        para.tokens.append(("tag", match.group(0)))
                else:
                    para.pieces.append((child.text, marked))
                    para.tokens.append(("text", child.text))
            elif child.tag in (f"{W}tab", f"{W}br", f"{W}cr") and not hidden:
                para.pieces.append((" ", marked))
                para.tokens.append(("text", " "))
            elif child.tag == f"{W}footnoteReference":
                para.pieces.append((NOTE_MARK, False))
    return para


def _cell_column(cell: etree._Element, column: Column) -> None:
    for p in cell.iter(f"{W}p"):
        para = _paragraph(p)
        if para.text:
            column.add(para.pieces)


def _rows(table: etree._Element) -> list[list[etree._Element]]:
    return [[c for c in row if c.tag == f"{W}tc"] for row in table if row.tag == f"{W}tr"]


def _cells_text(cells: list[etree._Element]) -> list[str]:
    return [clean(" ".join(_paragraph(p).text for p in c.iter(f"{W}p"))) for c in cells]


@dataclass
class _Reading:
    number: str
    heads: list[str] = field(default_factory=list)
    target: str = ""
    members: list[str] = field(default_factory=list)
    old: Column = field(default_factory=Column)
    new: Column = field(default_factory=Column)
    table_read: bool = False
    justification: list[str] = field(default_factory=list)
    in_justification: bool = False

    def read_table(self, table: etree._Element) -> int:
        """Read the two-column table; the words read."""
        words = 0
        header_seen = False
        for cells in _rows(table):
            texts = _cells_text(cells)
            if not any(texts):
                continue  # the spacer row
            if not header_seen and len(cells) == 2 and all(len(t) < 60 for t in texts):
                header_seen = True  # "Text proposed by the Commission | Amendment"
                words += sum(len(t.split()) for t in texts)
                continue
            if len(cells) != 2:
                continue
            _cell_column(cells[0], self.old)
            _cell_column(cells[1], self.new)
            words += sum(len(t.split()) for t in texts)
        self.table_read = True
        return words

    def finish(self) -> Amendment:
        heads = self.heads
        at = next((i for i, h in enumerate(heads) if _DOCUMENT.match(h)), None)
        if not self.target and at:
            # Without tags: the names above "Proposal for a …" are the tabling members.
            self.members.extend(heads[:at])
            heads = heads[at:]
        target = self.target or " – ".join(h for h in heads if not _DOCUMENT.match(h))
        return build_amendment(
            self.number,
            target,
            self.old,
            self.new,
            justification=" ".join(self.justification),
            members=", ".join(m for m in self.members if m),
        )


def _body(path: Path) -> etree._Element:
    xml = read_docx_part(path)  # under the importers' limits
    if xml is None:
        raise InputError("damaged Word document (no word/document.xml)", source=str(path))
    root = parse_xml(xml, str(path))
    body = root.find(f"{W}body")
    if body is None:
        raise InputError("Word document without a body", source=str(path))
    return body


def _blocks(element: etree._Element):  # type: ignore[no-untyped-def]
    """Paragraphs and tables of the body in order (content controls opened)."""
    for child in element:
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            yield from _blocks(child)


def parse(path: Path, data: bytes, **options: object) -> ParsedDocument:
    """Read the amendments of an EP Word amendment document."""
    body = _body(path)
    tagged = any(
        "<NumAm>" in value for p in body.iter(f"{W}p") for _, value in _paragraph(p).tokens
    )
    amendments: list[Amendment] = []
    current: _Reading | None = None
    front: list[str] = []
    body_words = placed = 0
    for block in _blocks(body):
        if block.tag == f"{W}tbl":
            words = sum(len(t.split()) for row in _rows(block) for t in _cells_text(row))
            body_words += words
            if current is not None and not current.table_read:
                placed += current.read_table(block)
            continue
        para = _paragraph(block)
        text = para.text
        body_words += len(text.split())
        number = para.inside("NumAm") if tagged else ""
        match = None if tagged else _AMENDMENT.match(text)
        if number or match:
            if current is not None:
                amendments.append(current.finish())
            current = _Reading((number or (match.group(1) if match else "")).replace(" ", ""))
            placed += len(text.split())
            continue
        if current is None:
            front.append(text)
            continue
        if para.has("</Amend>") and not text:
            continue
        placed += len(text.split())
        if tagged and para.inside("Members"):
            current.members.append(para.inside("Members"))
        elif tagged and para.has("<AuNomDe>"):
            current.members.append(re.sub(r"^\{[^}]*\}", "", para.inside("AuNomDe")))
        elif tagged and para.inside("Article"):
            current.target = para.inside("Article")
        elif tagged and para.inside("DocAmend"):
            current.heads.append(para.inside("DocAmend"))
        elif para.has("<TitreJust>") or text.lower() in ("justification", "justification:"):
            current.in_justification = True
        elif current.in_justification and text:
            current.justification.append(text)
        elif not current.table_read and text and not tagged:
            current.heads.append(text)
        elif _LANGUAGE.match(text) or not text:
            pass
        else:
            placed -= len(text.split())  # text after the table that belongs to nothing
    if current is not None:
        amendments.append(current.finish())
    if not amendments:
        raise InputError("no EP amendments found in this Word document", source=str(path))
    front_words = sum(len(t.split()) for t in front)
    meta: dict[str, object] = dict(read_meta(" ".join(front)))
    meta["amendments"] = len(amendments)
    meta["tagged"] = tagged
    coverage = Coverage(
        body_words=body_words,
        placed_words=min(placed, body_words),
        skipped_words=front_words,
        skipped=("cover and introduction",),
    )
    return ParsedDocument(stages=(), amendments=tuple(amendments), coverage=coverage, meta=meta)
