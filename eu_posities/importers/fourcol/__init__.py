"""Four-column documents (3 to 5 text columns, PDF or DOCX) to one stage per column and rows.

    from eu_posities.importers.fourcol import parse, detect

    detect(path, data)             # "pdf" | "docx" when the file is a four-column table, else None
    document = parse(path, data)   # ParsedDocument: stages (one per text column), rows, coverage

The trilogue "four-column document" (Commission | EP | Council | draft agreement) and the
tables this tool exports have numbered rows, a row heading ("Article 16, first paragraph,
point (a)"), one cell per stage and, optionally, a status (G/Y/R) and comments. Readers
model the source as a `SourceTable` (`pdf_reader`, `docx_reader`); `assemble` maps it onto
the document model: `ParsedRow`s, and per column a `ParsedStage` named by its stage key
(`headers.stage_key`), whose provisions join the cells of their rows in row order.
"""

from __future__ import annotations

from pathlib import Path

from eu_posities.document import ParsedDocument
from eu_posities.errors import InputError

FORMAT = "fourcol"

__all__ = ["FORMAT", "detect", "parse"]


def detect(path: Path, data: bytes) -> str | None:
    """The format ("pdf" or "docx") of a four-column document; None for any other file."""
    if data.startswith(b"%PDF"):
        from eu_posities.importers.fourcol.pdf_reader import looks_like_fourcol

        return "pdf" if looks_like_fourcol(data, name=str(path)) else None
    if data.startswith(b"PK\x03\x04"):
        from eu_posities.importers.fourcol.docx_reader import looks_like_fourcol as docx_like

        return "docx" if docx_like(path) else None
    return None


def parse(path: Path, data: bytes, **options: object) -> ParsedDocument:
    """Parse a four-column PDF or DOCX; an `InputError` if it holds no such table."""
    from eu_posities.importers.fourcol.assemble import assemble

    source = str(path)
    if data.startswith(b"%PDF"):
        from eu_posities.importers.fourcol.pdf_reader import read_pdf

        table = read_pdf(data, name=source)
        fmt = "pdf"
    elif data.startswith(b"PK\x03\x04"):
        from eu_posities.importers.fourcol.docx_reader import read_docx

        limit = options.get("max_bytes")
        table = read_docx(path, max_bytes=int(limit) if isinstance(limit, int) else None)
        fmt = "docx"
    else:
        raise InputError("a four-column document must be a PDF or a Word file", source=source)
    if table is None:
        raise InputError(
            "no four-column table found (a header row naming the stages and numbered rows)",
            source=source,
        )
    return assemble(table, fmt)
