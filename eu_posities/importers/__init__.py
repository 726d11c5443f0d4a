"""Importers: turn a file a negotiator received into parsed stages (no database here).

`parse_file(path, fmt="auto")` detects the format and returns one `ParsedStage` per text in
the file (several for a multi-column table or a LEOS mandate). Every failure is an
`InputError` naming the file and the reason.
"""

from __future__ import annotations

from pathlib import Path

from eu_posities.document import ParsedStage

FORMATS = ("eurlex-html", "oj-xhtml", "formex", "akn", "docx", "pdf", "text")


def parse_file(path: Path, fmt: str = "auto", **options: object) -> list[ParsedStage]:
    """Parse `path` into stages. Implemented in the importer modules of this package."""
    raise NotImplementedError
