"""EP amendment lists: readers for each form the Parliament publishes them in.

`parse(path, data)` reads an amendment list whatever its container: EUR-Lex / OJ XHTML
tables (`oj_tables`), the EP's two-column PDF (`pdf_columns`), the EP's Word template with
its hidden tags (`docx_template`) and AT4AM / Akoma Ntoso amendment XML (`at4am`). Each gives
a `ParsedDocument` with no stages and the list in `amendments`; its `meta` holds what the
document says it amends (`procedure`, `amends`, `subject`, `title`, `ref`, `date`).
A consolidated amendment (one amendment restating the whole act, `consolidated`) is read as
the Parliament's stage instead (format "ep-consolidated").
"""

from __future__ import annotations

from pathlib import Path

from eu_posities.document import ParsedDocument
from eu_posities.errors import InputError

FORMAT = "ep-amendments"
CONSOLIDATED = "ep-consolidated"


def parse(path: Path, data: bytes, **options: object) -> ParsedDocument:
    """Read an EP amendment list (HTML/XHTML, PDF, DOCX or AT4AM XML)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data.startswith(b"%PDF"):
        from eu_posities.importers.amendments.pdf_columns import parse as parse_pdf_columns

        return parse_pdf_columns(path, data, **options)
    if data.startswith(b"PK\x03\x04"):
        from eu_posities.importers.amendments.docx_template import parse as parse_docx_template

        return parse_docx_template(path, data, **options)
    from eu_posities.importers.amendments.sniff import html_kind, xml_kind

    if head.startswith(b"<") and xml_kind(data):
        from eu_posities.importers.amendments.at4am import parse as parse_at4am

        return parse_at4am(path, data, **options)
    if html_kind(data) == CONSOLIDATED:
        return parse_consolidated(path, data, **options)
    if head.startswith(b"<"):
        from eu_posities.importers.amendments.oj_tables import parse as parse_oj_tables

        return parse_oj_tables(path, data, **options)
    raise InputError("not an EP amendment list this tool can read", source=str(path))


def parse_consolidated(path: Path, data: bytes, **options: object) -> ParsedDocument:
    """Read a consolidated EP amendment into the Parliament's stage."""
    from eu_posities.importers.amendments.consolidated import parse as parse_consolidated

    return parse_consolidated(path, data, **options)
