"""The one place amendment readers touch a PDF: words with their position and font.

Everything else works on `Page` and `Word` records, so the PDF library behind `read_pages`
can be replaced (by a faster glyph layer) without touching the readers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eu_posities.errors import InputError

MAX_PAGES = 2000


@dataclass(frozen=True, slots=True)
class Word:
    """A word on a page: its box (points, top-down), its size, bold and italic."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]


def _style(fontname: str) -> tuple[bool, bool]:
    name = fontname.split("+")[-1].lower()
    bold = "bold" in name or "black" in name or "heavy" in name
    italic = "italic" in name or "oblique" in name
    return bold, italic


def read_pages(path: Path, *, first: int = 0, count: int | None = None) -> list[Page]:
    """The words of each page (all pages, or `count` pages from `first`).

    pdfplumber under the importers' limits (`limits.open_pdf`): every stream decoded with a
    bounded decoder, each page laid out under the page budget and freed after use.
    """
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    from eu_posities.importers.limits import open_pdf, pdf_pages, read_input

    source = str(path)
    pages: list[Page] = []
    last = None if count is None else first + count
    try:
        with open_pdf(read_input(path, source=source), source) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise InputError(f"more than {MAX_PAGES} pages", source=source)
            for index, page in enumerate(pdf_pages(pdf), start=1):
                if index <= first:
                    continue
                if last is not None and index > last:
                    break
                words = []
                for w in page.extract_words(extra_attrs=["fontname", "size"], use_text_flow=False):
                    bold, italic = _style(str(w.get("fontname", "")))
                    words.append(
                        Word(
                            text=w["text"],
                            x0=float(w["x0"]),
                            x1=float(w["x1"]),
                            top=float(w["top"]),
                            bottom=float(w["bottom"]),
                            size=float(w.get("size", 0.0)),
                            bold=bold,
                            italic=italic,
                        )
                    )
                pages.append(Page(index, float(page.width), float(page.height), tuple(words)))
    except InputError:
        raise
    except RecursionError:
        raise InputError("damaged PDF (nested too deeply)", source=source) from None
    except Exception as exc:  # noqa: BLE001 - pdfminer fails on hostile input in many ways
        reason = "" if isinstance(exc, PDFSyntaxError | PSException) else f" ({type(exc).__name__})"
        raise InputError(f"damaged or unreadable PDF{reason}", source=source) from None
    return pages


def page_texts(path: Path, count: int) -> Iterator[str]:
    """The plain words of the first pages, one page at a time, for recognising a PDF."""
    for index in range(count):
        try:
            pages = read_pages(path, first=index, count=1)
        except InputError:
            return
        if not pages:
            return
        yield " ".join(w.text for w in pages[0].words)
