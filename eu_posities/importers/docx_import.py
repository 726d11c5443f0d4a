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
from pathlib import Path

from lxml import etree

from eu_posities.document import ParsedDocument, ParsedStage
from eu_posities.errors import InputError
from eu_posities.importers.common import ARTICLE_LINE, NOTE_MARK, clean
from eu_posities.importers.detect import MAX_BYTES, read_limited
from eu_posities.importers.docx_numbering import Numbering
from eu_posities.importers.furniture import furniture_meta
from eu_posities.importers.limits import ReadBudget, open_zip, open_zip_part
from eu_posities.importers.marks.convention import marks_reading
from eu_posities.importers.marks.docx_marks import RunMarks, marks_of, size, superscript
from eu_posities.importers.marks.split import split_paragraphs
from eu_posities.importers.marks.text import CHANGE_MARKS, STRUCK, MarkedText
from eu_posities.importers.tables import is_comparison_table, stages_from_table, table_coverage
from eu_posities.importers.xmlsafe import parse_xml

FORMAT = "docx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_HEADING_STYLE = re.compile(r"(heading|titre|title|kop)", re.IGNORECASE)
_ARTICLE_WITH_TITLE = re.compile(r"^(Article\s+\d+[a-z]*)\s*[-–—:.]?\s+(\S.*)$")
# "Article 1 Subject matter" on one line (a converted PDF): a label and a short heading.
_LABEL_AND_HEADING = re.compile(r"^Article\s+\d+[a-z]*\s+[A-Z][^.;:]{0,120}[^.;:,]$")
_NOTE_NUMBER = re.compile(r"^(\d{1,3})\s+(?=\S)")


def _part(
    archive: zipfile.ZipFile, name: str, source: str, budget: ReadBudget
) -> etree._Element | None:
    # Unpacked and parsed under the limits: bounded bytes per part and in total, bounded nodes.
    data = open_zip_part(archive, name, source=source, budget=budget)
    if data is None:
        return None
    return parse_xml(data, f"{source}:{name}", budget=budget)


class _Paragraphs:
    """Paragraph text with tracked changes applied and footnote references removed, and the
    marks of its runs (bold, struck, underlined) for Council texts."""

    def __init__(
        self, styles: dict[str, str], notes: dict[str, str], numbering: Numbering, runs: RunMarks
    ) -> None:
        self.styles = styles
        self.notes = notes
        self.numbering = numbering
        self.runs = runs
        self.tracked = {"insertions": 0, "deletions": 0}

    def marked(self, paragraph: etree._Element) -> tuple[MarkedText, list[str], list[str], float]:
        """The paragraph's marked text, its footnotes (from footnote references), the
        numbers of superscript footnote references, and its main font size (0 if unset)."""
        texts: list[str] = []
        flags = bytearray()
        notes: list[str] = []
        references: list[str] = []
        sizes: dict[float, int] = {}

        def put(text: str, flag: int) -> None:
            texts.append(text)
            flags.extend(bytes([flag]) * len(text))

        def walk(node: etree._Element, flag: int) -> None:
            for child in node:
                tag = child.tag
                if tag in (f"{_W}del", f"{_W}moveFrom"):
                    self.tracked["deletions"] += 1
                    continue  # deleted text
                if tag in (f"{_W}pPr", f"{_W}rPr"):
                    continue  # formatting
                if tag in (f"{_W}ins", f"{_W}moveTo"):
                    self.tracked["insertions"] += 1
                if tag == f"{_W}r":
                    text = "".join(t.text or "" for t in child.iter(f"{_W}t"))
                    if superscript(child) and text.strip().isdigit():
                        references.append(text.strip())  # a footnote number set raised
                        continue
                    if text.strip():
                        sizes[size(child)] = sizes.get(size(child), 0) + len(text)
                    walk(child, self.runs.flags(child))
                elif tag == f"{_W}t":
                    put(child.text or "", flag)
                elif tag == f"{_W}tab":
                    put(" ", flag)
                elif tag in (f"{_W}br", f"{_W}cr"):
                    put("\n", 0)
                elif tag == f"{_W}footnoteReference":
                    put(NOTE_MARK, 0)
                    note = self.notes.get(child.get(f"{_W}id", ""))
                    if note:
                        notes.append(note)
                else:
                    walk(child, flag)

        walk(paragraph, 0)
        main = max(sizes, key=lambda k: sizes[k]) if sizes else 0.0
        return MarkedText("".join(texts), bytes(flags)), notes, references, main

    def text(self, paragraph: etree._Element) -> tuple[str, list[str]]:
        marked, notes, _references, _size = self.marked(paragraph)
        return marked.text, notes

    def style(self, paragraph: etree._Element) -> str:
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        ident = style.get(f"{_W}val", "") if style is not None else ""
        return self.styles.get(ident, ident)

    def marked_lines(self, paragraph: etree._Element) -> tuple[list[MarkedText], list[str], float]:
        """The printed lines of a paragraph, marked; "Article 5 Title" headings split in two.
        Also the footnote reference numbers and the font size."""
        marked, _notes, references, main = self.marked(paragraph)
        lines = [_clean_marked(line) for line in _split_lines(marked)]
        lines = [line for line in lines if line.text]
        number, _level = self.numbering.number(paragraph)
        if number and lines:
            lines[0] = MarkedText.of(f"{number} ", _mark_of(paragraph)) + lines[0]
        if len(lines) == 1:
            match = _ARTICLE_WITH_TITLE.match(lines[0].text)
            headed = _HEADING_STYLE.search(self.style(paragraph)) or _LABEL_AND_HEADING.match(
                lines[0].text
            )
            if match and headed and not ARTICLE_LINE.match(lines[0].text):
                cut = match.start(2)
                return [lines[0][: match.end(1)], lines[0][cut:]], references, main
        return lines, references, main

    def lines(self, paragraph: etree._Element) -> list[str]:
        """The printed lines of a paragraph; "Article 5 Title" headings split in two."""
        return [line.text for line in self.marked_lines(paragraph)[0]]


def _split_lines(text: MarkedText) -> list[MarkedText]:
    out, start = [], 0
    for index, char in enumerate(text.text):
        if char == "\n":
            out.append(text[start:index])
            start = index + 1
    out.append(text[start:])
    return out


def _clean_marked(line: MarkedText) -> MarkedText:
    """`clean` for a marked line: footnote markers out (with the space before them)."""
    if NOTE_MARK in line.text:
        keep = [i for i, c in enumerate(line.text) if c != NOTE_MARK]
        line = MarkedText("".join(line.text[i] for i in keep), bytes(line.flags[i] for i in keep))
    return line.clean()


def _mark_of(paragraph: etree._Element) -> int:
    """The mark of a paragraph's list number: struck when its paragraph mark is (Word
    draws the number in the mark's format; its bold is the paragraph's typography)."""
    return marks_of(paragraph.find(f"{_W}pPr/{_W}rPr")) & STRUCK


def parse(path: Path, data: bytes, **options: object) -> ParsedDocument:
    """Parse a DOCX file into one stage, or one stage per column of a comparison table."""
    source = str(path)
    budget = ReadBudget(source)  # the one budget every part of this file is read under
    data = data or read_limited(path, int(options.get("max_bytes", MAX_BYTES)))  # type: ignore[call-overload]
    with open_zip(data, source) as archive:
        document = _part(archive, "word/document.xml", source, budget)
        if document is None:
            raise InputError("not a Word document (no word/document.xml)", source=source)
        styles_root = _part(archive, "word/styles.xml", source, budget)
        numbering = Numbering(_part(archive, "word/numbering.xml", source, budget), styles_root)
        paragraphs = _Paragraphs(_styles(styles_root), {}, numbering, RunMarks(styles_root))
        paragraphs.notes = _footnotes(
            _part(archive, "word/footnotes.xml", source, budget), paragraphs
        )
        title = _title(_part(archive, "docProps/core.xml", source, budget))
        furniture = _furniture(archive, source, budget, paragraphs)
    body = document.find(f"{_W}body")
    if body is None:
        raise InputError("the Word document has no body", source=source)
    # One pass in document order, so that Word's list numbers are counted as printed.
    lines: list[MarkedText] = []
    references: list[tuple[str, ...]] = []
    sizes: list[float] = []
    tables: list[list[list[str]]] = []
    for element in body:
        if element.tag == f"{_W}p":
            found, numbers, main = paragraphs.marked_lines(element)
            for index, line in enumerate(found):
                lines.append(line)
                references.append(tuple(numbers) if index == 0 else ())
                sizes.append(main)
        elif element.tag == f"{_W}tbl":
            rows = _table_rows(element, paragraphs)
            tables.append(rows)
            for row in rows:
                for cell in row:
                    for text in cell.splitlines():
                        lines.append(MarkedText(text))
                        references.append(())
                        sizes.append(0.0)
    comparison = [rows for rows in tables if is_comparison_table(rows)]
    if comparison:
        table = max(comparison, key=len)
        stages = stages_from_table(table, FORMAT)
        if stages:
            return ParsedDocument(
                tuple(_with_title(stage, title, paragraphs.tracked) for stage in stages),
                coverage=table_coverage(table, stages),
            )
    from eu_posities.importers import dutch

    plain = "\n".join(line.text for line in lines)
    if dutch.document_type(plain):
        # A BNC-fiche or Kamerbrief in Word: commentary, split by its own sections.
        return dutch.parse_document(plain, source=source)
    lines, references, footnotes = _converted_footnotes(lines, references, sizes)
    marked, record, warnings = marks_reading(lines, options.get("marks", "auto"))
    if not marked:
        lines = [line.without(CHANGE_MARKS) for line in lines]
    split = split_paragraphs(lines, marked=marked, notes=references, footnotes=footnotes)
    if not split.provisions and not split.struck:
        raise InputError("no articles, recitals or annexes found in this document", source=source)
    meta = furniture_meta(furniture, [line.text for line in lines[:60]])
    if record is not None:
        record["unmatched_chars"] = split.unmatched
        meta["marks"] = record
    stage = ParsedStage(
        provisions=split.provisions,
        format=FORMAT,
        title=title or split.title,
        meta={"tracked_changes": dict(paragraphs.tracked)},
        struck=split.struck,
    )
    return ParsedDocument((stage,), coverage=split.coverage, warnings=tuple(warnings), meta=meta)


def _converted_footnotes(
    lines: list[MarkedText], references: list[tuple[str, ...]], sizes: list[float]
) -> tuple[list[MarkedText], list[tuple[str, ...]], dict[str, str]]:
    """Footnotes a PDF → Word conversion left in the body: paragraphs set smaller than the
    text that start with a footnote number (raised, or printed). They are taken out of the
    body and returned by number."""
    weights: dict[float, int] = {}
    for line, main in zip(lines, sizes, strict=True):
        weights[main] = weights.get(main, 0) + len(line)
    usual = max((k for k in weights if k), key=lambda k: weights[k], default=0.0)
    if not usual:
        return lines, references, {}
    kept: list[MarkedText] = []
    kept_refs: list[tuple[str, ...]] = []
    notes: dict[str, str] = {}
    current = ""
    for line, refs, main in zip(lines, references, sizes, strict=True):
        small = 0 < main < 0.9 * usual
        number = _NOTE_NUMBER.match(line.text)
        if small and (refs or number):
            current = refs[0] if refs else number.group(1) if number else ""
            notes[current] = line.text[number.end() :].strip() if number and not refs else line.text
            continue
        if small and current:
            notes[current] = f"{notes[current]} {line.text}"
            continue
        current = ""
        kept.append(line)
        kept_refs.append(refs)
    return kept, kept_refs, notes


def _furniture(
    archive: zipfile.ZipFile, source: str, budget: ReadBudget, paragraphs: _Paragraphs
) -> list[str]:
    """The texts of the headers and footers (the page furniture of a Word document)."""
    texts: list[str] = []
    for name in sorted(archive.namelist()):
        if re.match(r"^word/(header|footer)\d*\.xml$", name):
            root = _part(archive, name, source, budget)
            if root is not None:
                for p in root.iter(f"{_W}p"):
                    text = clean(paragraphs.text(p)[0])
                    if text:
                        texts.append(text)
    return texts


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
