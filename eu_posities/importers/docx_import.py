"""DOCX (Word) documents to stages: running text, or a multi-column comparison table.

The document XML is read directly (through the hardened parser) rather than through
python-docx's paragraph API, because python-docx drops text inside tracked insertions
(`w:ins`). Tracked insertions count as text, tracked deletions (`w:del`) do not: the file
is read as it would print with all changes accepted. python-docx writes such files (the
tests use it); for reading, every part goes through `eu_posities.importers.xmlsafe`.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from eu_posities.document import ParsedDocument, ParsedStage
from eu_posities.errors import InputError
from eu_posities.importers.common import ARTICLE_LINE, NOTE_MARK, clean
from eu_posities.importers.detect import MAX_BYTES
from eu_posities.importers.docx_numbering import Numbering
from eu_posities.importers.tables import is_comparison_table, stages_from_table
from eu_posities.importers.text import split_text
from eu_posities.importers.xmlsafe import parse_xml

FORMAT = "docx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_HEADING_STYLE = re.compile(r"(heading|titre|title|kop)", re.IGNORECASE)
_ARTICLE_WITH_TITLE = re.compile(r"^(Article\s+\d+[a-z]*)\s*[-–—:.]?\s+(\S.*)$")


def _part(archive: zipfile.ZipFile, name: str, source: str, limit: int) -> etree._Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > limit:
        raise InputError(f"{name} unpacks to more than {limit // (1024 * 1024)} MB", source=source)
    try:
        data = archive.read(name)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        raise InputError(f"damaged DOCX file ({name}: {exc})", source=source) from None
    return parse_xml(data, f"{source}:{name}")


class _Paragraphs:
    """Paragraph text with tracked changes applied and footnote references removed."""

    def __init__(self, styles: dict[str, str], notes: dict[str, str], numbering: Numbering) -> None:
        self.styles = styles
        self.notes = notes
        self.numbering = numbering
        self.tracked = {"insertions": 0, "deletions": 0}

    def text(self, paragraph: etree._Element) -> tuple[str, list[str]]:
        parts: list[str] = []
        notes: list[str] = []

        def walk(node: etree._Element) -> None:
            for child in node:
                tag = child.tag
                if tag in (f"{_W}del", f"{_W}moveFrom"):
                    self.tracked["deletions"] += 1
                    continue  # deleted text
                if tag in (f"{_W}pPr", f"{_W}rPr"):
                    continue  # formatting
                if tag in (f"{_W}ins", f"{_W}moveTo"):
                    self.tracked["insertions"] += 1
                if tag == f"{_W}t":
                    parts.append(child.text or "")
                elif tag == f"{_W}tab":
                    parts.append(" ")
                elif tag in (f"{_W}br", f"{_W}cr"):
                    parts.append("\n")
                elif tag == f"{_W}footnoteReference":
                    parts.append(NOTE_MARK)
                    note = self.notes.get(child.get(f"{_W}id", ""))
                    if note:
                        notes.append(note)
                else:
                    walk(child)

        walk(paragraph)
        return "".join(parts), notes

    def style(self, paragraph: etree._Element) -> str:
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        ident = style.get(f"{_W}val", "") if style is not None else ""
        return self.styles.get(ident, ident)

    def lines(self, paragraph: etree._Element) -> list[str]:
        """The printed lines of a paragraph; "Article 5 Title" headings split in two."""
        text, _notes = self.text(paragraph)
        lines = [clean(line) for line in text.split("\n")]
        lines = [line for line in lines if line]
        number, _level = self.numbering.number(paragraph)
        if number and lines:
            lines[0] = f"{number} {lines[0]}"
        if len(lines) == 1 and _HEADING_STYLE.search(self.style(paragraph)):
            match = _ARTICLE_WITH_TITLE.match(lines[0])
            if match and not ARTICLE_LINE.match(lines[0]):
                return [match.group(1), match.group(2)]
        return lines


def parse(path: Path, data: bytes, **options: object) -> ParsedDocument:
    """Parse a DOCX file into one stage, or one stage per column of a comparison table."""
    limit = int(options.get("max_bytes", MAX_BYTES))  # type: ignore[call-overload]
    source = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError("damaged DOCX file (not a readable ZIP archive)", source=source) from None
    with archive:
        document = _part(archive, "word/document.xml", source, limit)
        if document is None:
            raise InputError("not a Word document (no word/document.xml)", source=source)
        styles_root = _part(archive, "word/styles.xml", source, limit)
        numbering = Numbering(_part(archive, "word/numbering.xml", source, limit), styles_root)
        paragraphs = _Paragraphs(_styles(styles_root), {}, numbering)
        paragraphs.notes = _footnotes(
            _part(archive, "word/footnotes.xml", source, limit), paragraphs
        )
        title = _title(_part(archive, "docProps/core.xml", source, limit))
    body = document.find(f"{_W}body")
    if body is None:
        raise InputError("the Word document has no body", source=source)
    # One pass in document order, so that Word's list numbers are counted as printed.
    lines: list[str] = []
    tables: list[list[list[str]]] = []
    for element in body:
        if element.tag == f"{_W}p":
            lines.extend(paragraphs.lines(element))
        elif element.tag == f"{_W}tbl":
            rows = _table_rows(element, paragraphs)
            tables.append(rows)
            lines.extend(line for row in rows for cell in row for line in cell.splitlines())
    comparison = [rows for rows in tables if is_comparison_table(rows)]
    if comparison:
        stages = stages_from_table(max(comparison, key=len), FORMAT)
        if stages:
            return ParsedDocument(
                tuple(_with_title(stage, title, paragraphs.tracked) for stage in stages)
            )
    from eu_posities.importers import dutch

    if dutch.document_type("\n".join(lines)):
        # A BNC-fiche or Kamerbrief in Word: commentary, split by its own sections.
        return dutch.parse_document("\n".join(lines), source=source)
    provisions = split_text(lines)
    if not provisions:
        raise InputError("no articles, recitals or annexes found in this document", source=source)
    meta = {"tracked_changes": dict(paragraphs.tracked)}
    return ParsedDocument(
        (ParsedStage(provisions=provisions, format=FORMAT, title=title, meta=meta),)
    )


def _with_title(stage: ParsedStage, title: str, tracked: dict[str, int]) -> ParsedStage:
    return ParsedStage(
        provisions=stage.provisions,
        format=stage.format,
        name=stage.name,
        title=title,
        meta={"tracked_changes": dict(tracked)},
    )


def _table_rows(table: etree._Element, paragraphs: _Paragraphs) -> list[list[str]]:
    rows = []
    for row in table.findall(f"{_W}tr"):
        cells = []
        for cell in row.findall(f"{_W}tc"):
            texts = ["\n".join(paragraphs.lines(p)) for p in cell.iter(f"{_W}p")]
            cells.append("\n".join(t for t in texts if t))
        rows.append(cells)
    return [row for row in rows if row]


def _styles(root: etree._Element | None) -> dict[str, str]:
    if root is None:
        return {}
    names = {}
    for style in root.iter(f"{_W}style"):
        name = style.find(f"{_W}name")
        if name is not None:
            names[style.get(f"{_W}styleId", "")] = name.get(f"{_W}val", "")
    return names


def _footnotes(root: etree._Element | None, paragraphs: _Paragraphs) -> dict[str, str]:
    if root is None:
        return {}
    notes = {}
    for note in root.iter(f"{_W}footnote"):
        text = " ".join(paragraphs.text(p)[0] for p in note.iter(f"{_W}p"))
        if clean(text):
            notes[note.get(f"{_W}id", "")] = clean(text)
    return notes


def _title(core: etree._Element | None) -> str:
    """The title from the document properties (`dc:title`), "" if none."""
    if core is None:
        return ""
    for element in core.iter("{http://purl.org/dc/elements/1.1/}title"):
        return clean(element.text or "")
    return ""
