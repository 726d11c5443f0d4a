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
    from eu_posities.importers.limits import open_pdf, pdf_pages, pdf_tables, read_input

    data = source if isinstance(source, bytes) else read_input(source, source=name)
    try:
        # pdfminer under the importers' limits: bounded streams, pages and table finding.
        with open_pdf(data, name) as pdf:
            rows = _table_rows([pdf_tables(page) for page in pdf_pages(pdf, pages)])
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer fails on hostile input in many ways
        raise InputError(f"damaged PDF table ({type(exc).__name__})", source=name) from None
    if not rows:
        return [], None
    stages = stages_from_table(rows, FORMAT, detect_headings=False)
    return stages, table_coverage(rows, stages) if stages else None


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
