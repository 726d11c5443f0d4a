"""Comparison tables in a PDF, read with pdfplumber's table finder on the ruled pages only.

pdfplumber finds a ruled table's cells from its lines; on a long document that costs
seconds per page, so only the pages the glyph layer saw rules on are given to it. A table
whose header row names the texts ("Commission proposal | EP | Council | Compromise")
becomes one stage per column, across pages (see `importers.tables`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eu_posities.document import Coverage, ParsedStage
from eu_posities.errors import InputError
from eu_posities.importers.tables import is_comparison_table, stages_from_table, table_coverage

FORMAT = "pdf"


def table_stages(
    source: Path | bytes, pages: list[int], name: str
) -> tuple[list[ParsedStage], Coverage | None]:
    """One stage per column of the comparison table on `pages` (0-based), [] if none, and
    the table's text coverage."""
    import io

    import pdfplumber

    stream: Any = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with pdfplumber.open(stream, pages=[p + 1 for p in pages]) as pdf:
            rows = _table_rows(pdf.pages)
    except Exception as exc:  # noqa: BLE001 - pdfminer fails on hostile input in many ways
        raise InputError(f"damaged PDF table ({type(exc).__name__})", source=name) from None
    if not rows:
        return [], None
    stages = stages_from_table(rows, FORMAT, detect_headings=False)
    return stages, table_coverage(rows, stages) if stages else None


def _table_rows(pages: list[Any]) -> list[list[str]]:
    """Rows of the comparison table running over the pages, header first; [] if none."""
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
                rows.extend(cleaned)  # the table goes on; a repeated header is dropped later
        page.close()
    return rows
