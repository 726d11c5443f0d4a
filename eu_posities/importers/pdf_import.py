"""PDF to stages: running text split like plain text, or a multi-page comparison table.

A PDF only has lines on pages. We rebuild the text a reader sees: running headers and
footers (lines repeated at the top or bottom of most pages) and page numbers are dropped,
words hyphenated at a line end are joined, and wrapped lines are joined into paragraphs
(a line continues the previous one when that one ran to the right margin). Tables found
by pdfplumber with a header row naming the texts ("Commission proposal | EP | Council |
Compromise") become one stage per column, across pages.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from eu_posities.document import ParsedDocument, ParsedStage
from eu_posities.errors import InputError
from eu_posities.importers.detect import read_limited
from eu_posities.importers.limits import MAX_PDF_PAGES, open_pdf, pdf_pages, pdf_tables
from eu_posities.importers.tables import is_comparison_table, read_label, stages_from_table
from eu_posities.importers.text import split_text

FORMAT = "pdf"
MAX_PAGES = MAX_PDF_PAGES

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:/|of|van)\s*\d{1,4})?$", re.IGNORECASE
)
_STARTS_BLOCK = re.compile(
    r"^(\d+[a-z]?\.\s|\(\w{1,4}\)|[–—•-]\s|Article\s+\d|CHAPTER\b|Chapter\s+[IVXLC\d]|Section\s+\d"
    r"|ANNEX\b|Whereas|HA(VE|S) ADOPTED|Having regard|Done at)"
)
_HYPHENATED = re.compile(r"[A-Za-zÀ-ÿ]-$")


def _as_dutch_document(text: str, source: str) -> list[ParsedStage]:
    """A BNC-fiche or Kamerbrief printed to PDF is commentary, split by its own sections."""
    from eu_posities.importers import dutch

    if dutch.document_type(text):
        return [dutch.parse_text(text, source=source)]
    return []


def parse(path: Path, data: bytes, **options: object) -> ParsedDocument:
    """Parse a PDF into one stage, or one stage per column of a comparison table."""
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    source = str(path)
    try:
        # Under the limits (stream sizes, pages, objects drawn); one pass, each page freed.
        with open_pdf(data or read_limited(path), source) as pdf:
            page_tables, pages = [], []
            for page in pdf_pages(pdf):
                page_tables.append(pdf_tables(page))
                pages.append(_page_lines(page))
        table_rows = _table_rows(page_tables)
        if table_rows:
            stages = stages_from_table(table_rows, FORMAT, detect_headings=False)
            if stages:
                return ParsedDocument(tuple(stages))
    except InputError:
        raise
    except RecursionError:
        raise InputError("damaged PDF (nested too deeply)", source=source) from None
    except Exception as exc:  # noqa: BLE001 - pdfminer fails on hostile input in many ways
        reason = "" if isinstance(exc, PDFSyntaxError | PSException) else f" ({type(exc).__name__})"
        raise InputError(f"damaged or unreadable PDF{reason}", source=source) from None
    # Pages joined with form feeds, as the Dutch parser expects page breaks.
    page_texts = ["\n".join(text for text, _indent in page) for page in pages]
    dutch = _as_dutch_document("\n\f".join(page_texts), source)
    if dutch:
        return ParsedDocument(tuple(dutch))
    lines = paragraphs(strip_running_lines(pages))
    provisions = split_text(lines)
    if not provisions:
        raise InputError(
            "no articles, recitals or annexes found (a scanned PDF without text?)", source=source
        )
    stage = ParsedStage(provisions=provisions, format=FORMAT, meta={"pages": len(pages)})
    return ParsedDocument((stage,))


def _table_rows(page_tables: list[list[Any]]) -> list[list[str]]:
    """Rows of the comparison table running over the pages, header first; [] if none."""
    rows: list[list[str]] = []
    for tables in page_tables:
        for table in tables:
            cleaned = [[(cell or "").strip() for cell in row] for row in table if row]
            if not cleaned:
                continue
            if not rows:
                if is_comparison_table(cleaned):
                    rows.extend(cleaned)
            elif len(cleaned[0]) == len(rows[0]):
                rows.extend(cleaned)  # the table goes on; a repeated header is dropped later
    return rows


def _page_lines(page: Any) -> list[tuple[str, float]]:
    """The text lines of a page with how far right each line reaches (0..1 of the text width)."""
    lines = page.extract_text_lines(strip=True, return_chars=False)
    if not lines:
        return []
    left = min(line["x0"] for line in lines)
    right = max(line["x1"] for line in lines)
    width = max(right - left, 1.0)
    return [(line["text"], (line["x1"] - left) / width) for line in lines if line["text"].strip()]


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def strip_running_lines(pages: list[list[tuple[str, float]]]) -> list[tuple[str, float]]:
    """Drop page numbers and lines repeated at the top or bottom of most pages."""
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = {_shape(text) for text, _ in lines[:2] + lines[-2:]}
        counts.update(edge)
    threshold = max(2, (len(pages) + 1) // 2)
    running = {shape for shape, count in counts.items() if count >= threshold and len(pages) > 1}
    out: list[tuple[str, float]] = []
    for lines in pages:
        for index, (text, reach) in enumerate(lines):
            at_edge = index < 2 or index >= len(lines) - 2
            if at_edge and (_shape(text) in running or _PAGE_NUMBER.match(text.strip())):
                continue
            out.append((text, reach))
    return out


def paragraphs(lines: list[tuple[str, float]]) -> list[str]:
    """Join hyphenated words and wrapped lines into paragraphs."""
    out: list[str] = []
    previous_reach = 0.0
    for text, reach in lines:
        text = text.strip()
        if not text:
            continue
        if out and _HYPHENATED.search(out[-1]) and text[:1].islower():
            out[-1] = out[-1][:-1] + text  # "regu-" + "lation" -> "regulation"
        elif (
            out
            and previous_reach > 0.85
            and not _STARTS_BLOCK.match(text)
            and read_label(text) is None
            and out[-1][-1:] not in ":"
        ):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
        previous_reach = reach
    return out
