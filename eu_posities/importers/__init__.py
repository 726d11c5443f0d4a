"""Importers: turn a file a negotiator received into parsed stages (no database here).

`parse_file(path, fmt="auto")` detects the format and returns a `ParsedDocument`: one
`ParsedStage` per text in the file (several for a multi-column table or a LEOS mandate) and
whatever else the file holds. A four-column document (PDF or DOCX with a header row naming
the stages and numbered rows) is recognised before the generic PDF and DOCX readers and
read by `fourcol`: one stage per column, and its rows. Every format module has `parse(path,
data, **options) -> ParsedDocument`. Every failure is an `InputError` naming the file and the
reason.

The file is read once, as a regular file under the size limit (`limits`), and every string
of the result passes `safetext.for_storage`: whatever the format module did, no control
character or text XML cannot hold reaches the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from eu_posities.document import ParsedDocument
from eu_posities.errors import InputError
from eu_posities.importers.detect import MAX_BYTES, detect_data, detect_format, read_limited
from eu_posities.importers.limits import check_lines
from eu_posities.safetext import for_storage, map_strings

FORMATS = (
    "eurlex-html",
    "oj-xhtml",
    "formex",
    "akn",
    "fourcol",
    "docx",
    "pdf",
    "text",
    "dutch",
    "ep-amendments",
    "ep-consolidated",
)

__all__ = ["FORMATS", "MAX_BYTES", "detect_format", "parse_file"]


def _parser(fmt: str) -> Callable[..., ParsedDocument]:
    # Imported lazily so `eup --help` does not pay for pdfplumber and python-docx.
    if fmt == "eurlex-html":
        from eu_posities.importers import eurlex_html

        return eurlex_html.parse
    if fmt == "oj-xhtml":
        from eu_posities.importers import oj_xhtml

        return oj_xhtml.parse
    if fmt == "formex":
        from eu_posities.importers import formex

        return formex.parse
    if fmt == "akn":
        from eu_posities.importers import akn

        return akn.parse
    if fmt == "fourcol":
        from eu_posities.importers import fourcol

        return fourcol.parse
    if fmt == "docx":
        from eu_posities.importers import docx_import

        return docx_import.parse
    if fmt == "pdf":
        from eu_posities.importers import pdf_import

        return pdf_import.parse
    if fmt == "text":
        from eu_posities.importers import text

        return text.parse
    if fmt == "dutch":
        from eu_posities.importers import dutch

        return dutch.parse
    if fmt == "ep-amendments":
        from eu_posities.importers import amendments

        return amendments.parse
    if fmt == "ep-consolidated":
        from eu_posities.importers import amendments

        return amendments.parse_consolidated
    raise InputError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")


def parse_file(path: Path, fmt: str = "auto", **options: object) -> ParsedDocument:
    """Parse `path` (a file, or a Formex folder) into a document.

    Options: `max_bytes` (size limit, default 50 MB), `recast` ("proposal" or "current",
    for recast proposals), `leos_both` (LEOS mandate: also the Commission text), `marks`
    (PDF and DOCX: "auto" reads Council change marks when the document states the
    convention or strikes text through, "council" always, "none" never; see
    `importers.marks`). Every document comes with its text coverage
    (`ParsedDocument.coverage`, see `importers.coverage`).
    """
    path = Path(path)
    limit = int(options.pop("max_bytes", MAX_BYTES))  # type: ignore[call-overload]
    recast = str(options.pop("recast", "proposal"))
    if recast not in ("proposal", "current"):
        raise InputError(f"recast must be 'proposal' or 'current', not {recast!r}")
    if fmt != "auto" and fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})", source=str(path))
    folder = path.is_dir()
    data = b"" if folder else read_limited(path, limit)  # no such file, FIFO, too big: refused
    if fmt == "auto":
        fmt = detect_format(path, max_bytes=limit) if folder else detect_data(path, data)
        if fmt == "text":
            from eu_posities.importers.dutch import detect_dutch

            fmt = detect_dutch(data) or fmt
    if fmt in ("text", "dutch"):
        check_lines(data, str(path))
    parse = _parser(fmt)
    try:
        document = parse(path, data, max_bytes=limit, **options)
    except InputError:
        raise
    except RecursionError:
        raise InputError("document nested too deeply", source=str(path)) from None
    from eu_posities.importers.recast import apply_recast, has_recast_markers

    if any(has_recast_markers(stage) for stage in document.stages):
        stages = tuple(apply_recast(stage, recast) for stage in document.stages)
        document = replace(document, stages=stages)
    return map_strings(document, for_storage)
