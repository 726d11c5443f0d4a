"""Recognising an amendment list by its content, whatever the container (HTML, PDF, DOCX, XML)."""

from __future__ import annotations

import re
from pathlib import Path

from eu_posities.errors import InputError
from eu_posities.importers.limits import read_docx_part

_HEADER = re.compile(
    rb"Text proposed by the Commission|Present text|Texte propos\xc3\xa9 par la Commission"
)
_NUMBERED = re.compile(rb"Amendment\s*(?:</span>\s*)?(?:<[^>]+>\s*)*\d")
_CUT = "▌".encode()
_PAGES = 12  # an EP amendment list starts within its first pages
FORMAT = "ep-amendments"


def html_kind(data: bytes) -> str | None:
    """ "ep-consolidated", "ep-amendments" or None for an HTML/XHTML file."""
    if _CUT in data and b"AMENDMENTS BY THE EUROPEAN PARLIAMENT" in data:
        return "ep-consolidated"
    if _HEADER.search(data) and _NUMBERED.search(data):
        return "ep-amendments"
    return None


def xml_kind(data: bytes) -> str | None:
    """AT4AM / Akoma Ntoso amendments: an `<amendment>` document (or a list of them)."""
    head = data[:65536]
    if re.search(rb"<(?:\w+:)?amendment[\s>]", head) or re.search(
        rb"<(?:\w+:)?amendmentList[\s>]", head
    ):
        return "ep-amendments"
    return None


def docx_kind(path: Path) -> str | None:
    """An EP amendment template (hidden `<NumAm>` tags) or a Word amendment list."""
    try:
        xml = read_docx_part(path)
    except InputError:
        return None  # the DOCX importer reports what is wrong with the file
    if xml is None:
        return None
    if b"&lt;NumAm&gt;" in xml or (_HEADER.search(xml) and b"Amendment" in xml):
        return "ep-amendments"
    return None


_EP_COVER = re.compile(r"European Parliament.*\b(OPINION|REPORT|AMENDMENTS|DRAFT)\b", re.S)


def pdf_kind(path: Path) -> str | None:
    """An EP amendment list printed to PDF: an EP cover, then the two-column header.

    A PDF without the EP's cover page is looked at on its first page only, so telling an
    amendment list from other PDFs stays cheap.
    """
    from eu_posities.importers.amendments.pdf_words import page_texts

    for index, text in enumerate(page_texts(path, _PAGES)):
        if re.search(r"Text proposed by the Commission", text) and re.search(
            r"\bAmendment\s+\d", text
        ):
            # A four-column document quotes the Commission too, but names its columns.
            return None if "Draft Agreement" in text or "Council Mandate" in text else FORMAT
        if index == 0 and not _EP_COVER.search(text):
            return None
    return None
