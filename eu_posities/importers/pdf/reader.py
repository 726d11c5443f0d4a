"""PDF to a parsed document: running text with its change marks, or a comparison table.

Pages are read one at a time (glyph layer) into marked lines; only the lines are kept.
Pages ruled like a table are handed to pdfplumber's table finder, which reads a
comparison table ("Commission proposal | EP | Council | Compromise") into one stage per
column. Otherwise furniture and footnotes are set aside, lines become paragraphs, and the
paragraphs are split into provisions, with the Council's change marks read when the
document has them (`marks="auto"`: when it states the convention or strikes text through;
`"council"`: always; `"none"`: the text as printed, bold and strike ignored).
"""

from __future__ import annotations

import re
from pathlib import Path

from eu_posities.document import ParsedDocument, ParsedStage
from eu_posities.errors import InputError
from eu_posities.importers.marks.convention import MARKS, marks_reading
from eu_posities.importers.marks.split import split_paragraphs
from eu_posities.importers.marks.text import CHANGE_MARKS
from eu_posities.importers.pdf.glyphs import Page, read_pages
from eu_posities.importers.pdf.layout import Body, read_body
from eu_posities.importers.pdf.lines import TextLine, footnote_separator, page_lines

FORMAT = "pdf"
_NOTE_START = re.compile(r"^(\d{1,3})(?:\s+(.*))?$")


def parse(path: Path, data: bytes, **options: object) -> ParsedDocument:
    """Parse a PDF into one stage, or one stage per column of a comparison table."""
    marks = str(options.get("marks", "auto"))
    if marks not in MARKS:
        raise InputError(f"marks must be one of {', '.join(MARKS)}, not {marks!r}")
    source = str(path)
    pages: list[list[TextLine]] = []
    heights: list[float] = []
    separators: list[float | None] = []
    ruled: list[int] = []
    for page in read_pages(data or path, name=source, exact=False):
        pages.append(page_lines(page))
        heights.append(page.height)
        separators.append(footnote_separator(page))
        if _ruled(page):
            ruled.append(page.number - 1)
    if not any(pages):
        raise InputError(
            f"no text layer on any of its {len(pages)} pages (a scanned PDF?): "
            "run it through OCR first",
            source=source,
        )
    body = read_body(pages, heights, separators)
    if ruled:
        from eu_posities.importers.pdf.tables import table_stages

        stages, coverage = table_stages(data or path, ruled, source)
        if stages:
            return ParsedDocument(tuple(stages), coverage=coverage, meta=dict(body.meta))
    dutch = _as_dutch(pages, source)
    if dutch is not None:
        return dutch
    return _running_text(body, len(pages), marks, source)


def document_facts(source: Path | bytes) -> dict[str, object]:
    """What the page furniture of a PDF says (`limite`, `release`, `ref`), without
    importing it: a quick look before an import, e.g. to warn about a LIMITE document."""
    pages: list[list[TextLine]] = []
    heights: list[float] = []
    separators: list[float | None] = []
    for page in read_pages(source, exact=False):
        pages.append(page_lines(page))
        heights.append(page.height)
        separators.append(footnote_separator(page))
    return dict(read_body(pages, heights, separators).meta)


def _ruled(page: Page) -> bool:
    """A page with at least three vertical rules: a ruled table, maybe a comparison table."""
    columns = {
        round(rule.x0 / 3)
        for rule in (*page.lines, *page.rects)
        if rule.width <= 2.5 and rule.height >= 8
    }
    return len(columns) >= 3


def _as_dutch(pages: list[list[TextLine]], source: str) -> ParsedDocument | None:
    """A BNC-fiche or Kamerbrief printed to PDF is commentary, split by its own sections."""
    from eu_posities.importers import dutch

    text = "\n\f".join("\n".join(line.plain for line in lines) for lines in pages)
    if not dutch.document_type(text):
        return None
    return dutch.parse_document(text, source=source)


def _running_text(body: Body, pages: int, marks: str, source: str) -> ParsedDocument:
    paragraphs = body.paragraphs
    marked, record, warnings = marks_reading(paragraphs, marks)
    meta: dict[str, object] = dict(body.meta)
    if not marked:
        paragraphs = [p.without(CHANGE_MARKS) for p in paragraphs]
    split = split_paragraphs(
        paragraphs, marked=marked, notes=body.notes, footnotes=footnote_texts(body.footnotes)
    )
    if not split.provisions and not split.struck:
        raise InputError("no articles, recitals or annexes found in this PDF", source=source)
    if record is not None:
        record["unmatched_chars"] = split.unmatched
        meta["marks"] = record
    if split.unmatched > 20:
        warnings.append(
            f"the marks of {split.unmatched} characters could not be read back from the page"
        )
    stage = ParsedStage(
        provisions=split.provisions,
        format=FORMAT,
        title=split.title,
        meta={"pages": pages},
        struck=split.struck,
    )
    return ParsedDocument((stage,), coverage=split.coverage, warnings=tuple(warnings), meta=meta)


def footnote_texts(lines: list[str]) -> dict[str, str]:
    """Footnote lines ("6", "Regulation (EU) ...", or "6 Regulation ...") by number."""
    notes: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        text = " ".join(line.split())
        start = _NOTE_START.match(text)
        if start:
            current = notes.setdefault(start.group(1), [])
            if start.group(2):
                current.append(start.group(2))
        elif current is not None and text:
            current.append(text)
    return {number: " ".join(parts) for number, parts in notes.items() if parts}
