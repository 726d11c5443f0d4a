"""The PDF import as it was before the glyph layer (pdfplumber), kept as the benchmark baseline.

pdfplumber's table finder runs on every page, then its text lines are split like plain
text. Only `bench_pdf.py` uses this; the importer itself reads PDFs through
`eu_posities.importers.pdf`.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from eu_posities.document import ParsedDocument, ParsedStage
from eu_posities.importers.tables import is_comparison_table, read_label, stages_from_table
from eu_posities.importers.text import split_text

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:/|of|van)\s*\d{1,4})?$", re.IGNORECASE
)
_STARTS_BLOCK = re.compile(
    r"^(\d+[a-z]?\.\s|\(\w{1,4}\)|[–—•-]\s|Article\s+\d|CHAPTER\b|Chapter\s+[IVXLC\d]|Section\s+\d"
    r"|ANNEX\b|Whereas|HA(VE|S) ADOPTED|Having regard|Done at)"
)
_HYPHENATED = re.compile(r"[A-Za-zÀ-ÿ]-$")


def parse(path: Path) -> ParsedDocument:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        table_rows = _table_rows(pdf.pages)
        if table_rows:
            stages = stages_from_table(table_rows, "pdf", detect_headings=False)
            if stages:
                return ParsedDocument(tuple(stages))
        pages = [_page_lines(page) for page in pdf.pages]
    lines = _paragraphs(_strip_running_lines(pages))
    stage = ParsedStage(provisions=split_text(lines), format="pdf", meta={"pages": len(pages)})
    return ParsedDocument((stage,))


def _table_rows(pages: list[Any]) -> list[list[str]]:
    rows: list[list[str]] = []
    for page in pages:
        for table in page.extract_tables():
            cleaned = [[(cell or "").strip() for cell in row] for row in table if row]
            if not cleaned:
                continue
            if not rows:
                if is_comparison_table(cleaned):
                    rows.extend(cleaned)
            elif len(cleaned[0]) == len(rows[0]):
                rows.extend(cleaned)
    return rows


def _page_lines(page: Any) -> list[tuple[str, float]]:
    lines = page.extract_text_lines(strip=True, return_chars=False)
    if not lines:
        return []
    left = min(line["x0"] for line in lines)
    right = max(line["x1"] for line in lines)
    width = max(right - left, 1.0)
    return [(line["text"], (line["x1"] - left) / width) for line in lines if line["text"].strip()]


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _strip_running_lines(pages: list[list[tuple[str, float]]]) -> list[tuple[str, float]]:
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_shape(text) for text, _ in lines[:2] + lines[-2:]})
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


def _paragraphs(lines: list[tuple[str, float]]) -> list[str]:
    out: list[str] = []
    previous_reach = 0.0
    for text, reach in lines:
        text = text.strip()
        if not text:
            continue
        if out and _HYPHENATED.search(out[-1]) and text[:1].islower():
            out[-1] = out[-1][:-1] + text
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
