"""Independent readings of the real AI Act documents, to check the four-column importer.

These read the PDFs' text layer (pypdfium2's plain text, in content order) with a few
regular expressions, sharing no code with the importer: the row numbers and statuses of
the four-column document, and the articles of the Council's general approach.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

FOUR_COLUMN = "ai-act/four-column.ST-11320-2023-REV-1.pdf"
PROPOSAL = "ai-act/commission-proposal.COM-2021-206.xhtml"
GENERAL_APPROACH = "ai-act/council-general-approach.ST-15698-2022.pdf"

# In the text layer a row starts a line: its status letter (when it has one) and its number,
# "G 309a", sometimes followed by the first words of a cell. Every row of this document is
# numbered 306 to 5xx; the numbered paragraphs of the cover note come before the table.
_ROW = re.compile(r"^(?:([GYR]) )?(\d{3}[a-z]{0,2})(?= |$)")
_ARTICLE = re.compile(r"^\s*Article\s+(\d+[a-z]*)\s*$")


def _page_lines(path: Path) -> list[list[str]]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        out = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            out.append(textpage.get_text_range().splitlines())
            textpage.close()
            page.close()
        return out
    finally:
        pdf.close()


def rows_in_text(path: Path, first_page: int) -> list[tuple[str, str | None]]:
    """(row number, status letter or None) of every row, in the order of the text layer."""
    rows = []
    for lines in _page_lines(path)[first_page - 1 :]:
        for line in lines:
            match = _ROW.match(line.strip())
            if match:
                rows.append((match.group(2), match.group(1)))
    return rows


def articles_in_text(path: Path) -> dict[str, str]:
    """Each "Article N" of a clean Council text, from its heading line to the next one.

    The first two lines of every page (document number, directorate) are left out; the
    footnotes are not, which can only add words to the reference.
    """
    articles: dict[str, list[str]] = {}
    current = None
    for lines in _page_lines(path):
        for line in lines[2:]:
            match = _ARTICLE.match(line)
            if match:
                current = f"Article {match.group(1)}"
                articles.setdefault(current, [])
            elif current:
                articles[current].append(line)
    return {label: " ".join(lines) for label, lines in articles.items()}


def words(text: str) -> list[str]:
    """Words for comparing texts: quotes, dashes and surrounding punctuation evened out."""
    for old, new in (("’", "'"), ("‘", "'"), ("–", "-"), ("—", "-"), ("\ufffe", "-")):
        text = text.replace(old, new)
    return [w.strip(".,;:()\"'") for w in text.split() if w.strip(".,;:()\"'")]


def agreement(text: str, reference: str) -> tuple[float, float]:
    """(share of the words of `text` found in order in `reference`, and the other way)."""
    ours, theirs = words(text), words(reference)
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    return same / max(len(ours), 1), same / max(len(theirs), 1)
