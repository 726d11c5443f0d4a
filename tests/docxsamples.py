"""Made-up DOCX samples shared by the importer and CLI tests (MADE-UP TEXT, not legal text)."""

from __future__ import annotations

from pathlib import Path

import docx

MADE_UP = "MADE-UP TEST DOCUMENT - NOT LEGAL TEXT"


def write_four_columns(path: Path, *, label_column: bool) -> None:
    document = docx.Document()
    document.add_paragraph(MADE_UP + " (four-column table)")
    headers = ["Commission proposal", "EP", "Council", "Compromise"]

    def cells(*texts: str) -> list[str]:
        return list(texts)

    rows = [
        ("Recital 1", cells(
            "(1) Made-up recital text.", "(1) Made-up recital text, amended.", "",
            "(1) Made-up recital text, agreed.",
        )),
        ("Article 1", cells(
            "Article 1\nScope\n1. Widgets shall be counted.",
            "Article 1\nScope\n1. Widgets may be counted.",
            "Article 1\nScope\n1. Widgets shall be counted yearly.",
            "Article 1\nScope\n1. Widgets may be counted yearly.",
        )),
        ("", cells(
            "2. Gadgets are excluded.", "2. Gadgets are included.", "2. Gadgets are excluded.",
            "2. Gadgets are excluded.",
        )),
        ("Article 2", cells(
            "Article 2\nEntry into force\nMade-up entry into force.",
            "Article 2\nEntry into force\nMade-up entry into force.",
            "Article 2a\nReview\nMade-up review clause.",
            "Article 2\nEntry into force\nMade-up entry into force.",
        )),
    ]  # fmt: skip
    columns = (["Provision"] if label_column else []) + headers
    table = document.add_table(rows=1, cols=len(columns))
    for cell, text in zip(table.rows[0].cells, columns, strict=True):
        cell.text = text
    for label, texts in rows:
        cells = table.add_row().cells
        values = ([label] if label_column else []) + texts
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    document.save(str(path))
