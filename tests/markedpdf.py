"""Made-up Council texts as PDF, marked the way Council PDFs are (reportlab draws them).

A line is a list of (text, marks) pieces; marks is a string of letters: "b" bold (a bold
font), "s" struck (a thin filled rectangle through the middle of the glyphs), "l" struck
with a stroked line instead, "r" struck in red, "u" underlined (a thin rectangle at the
baseline), "^" a raised footnote number. Every page repeats Council furniture at its
foot; footnotes sit below a short separator rule.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

MADE_UP = "MADE-UP TEST DOCUMENT - NOT LEGAL TEXT"
SIZE = 12.0
LEFT = 72.0
Piece = tuple[str, str]
Line = list[Piece] | str


def write(path: Path, pages: list[list[Line]], *, footnotes: dict[int, list[str]] | None = None,
          furniture: bool = True, number: str = "9999/24") -> None:  # fmt: skip
    """Write `pages` of lines (a str is one plain piece) to `path`."""
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    for page_number, lines in enumerate(pages, start=1):
        y = height - 72
        for line in lines:
            pieces = [(line, "")] if isinstance(line, str) else line
            _line(c, pieces, y)
            y -= SIZE * 1.6
        for note in (footnotes or {}).get(page_number, []):
            c.setLineWidth(0.5)
            c.line(LEFT, 130, LEFT + 140, 130)
            c.setFont("Times-Roman", 9)
            c.drawString(LEFT, 118, note)
        if furniture:
            c.setFont("Times-Roman", 12)
            c.drawString(LEFT, 50, f"{number} RB/ab")
            c.drawRightString(width - LEFT, 50, str(page_number))
            c.drawString(250, 34, "TREE.2.B")
            c.setFont("Times-Bold", 16)
            c.drawString(360, 34, "LIMITE")
            c.drawRightString(width - LEFT, 34, "EN")
        c.showPage()
    c.save()


def _line(c: canvas.Canvas, pieces: list[Piece], y: float) -> None:
    x = LEFT
    for text, marks in pieces:
        if "^" in marks:
            c.setFont("Times-Roman", 7)
            c.drawString(x, y + 4, text)
            x += c.stringWidth(text, "Times-Roman", 7)
            continue
        font = "Times-Bold" if "b" in marks else "Times-Roman"
        c.setFont(font, SIZE)
        c.setFillColorRGB(0, 0, 0)
        c.drawString(x, y, text)
        advance = c.stringWidth(text, font, SIZE)
        if "s" in marks or "r" in marks:
            if "r" in marks:
                c.setFillColorRGB(0.8, 0.1, 0.1)
            c.rect(x, y + 0.24 * SIZE, advance, 0.6, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
        if "l" in marks:
            c.setLineWidth(0.6)
            c.line(x, y + 0.24 * SIZE, x + advance, y + 0.24 * SIZE)
        if "u" in marks:
            c.rect(x, y - 0.15 * SIZE, advance, 0.6, stroke=0, fill=1)
        x += advance


CONVENTION = [
    "1. The changes in the document compared with the Commission's proposal are",
    "underlined: additions are marked with bold, deletions with strikethrough.",
]


def council_text(*, convention: bool = True) -> list[list[Line]]:
    """A made-up presidency compromise with every kind of mark the importer reads."""
    cover: list[Line] = [
        MADE_UP,
        "NOTE",
        "From: Presidency",
        "To: Delegations",
        "Subject: Made-up proposal for a regulation on made-up widgets",
        *(CONVENTION if convention else ["1. Delegations will find the made-up text."]),
    ]
    preamble: list[Line] = [
        "Proposal for a",
        "REGULATION OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL on made-up widgets",
        "Whereas:",
        [("(1) Made-up recital one with ", ""), ("struck words", "s"), (" and ", ""),
         ("bold words", "b"), (".", "")],
        "(2) deleted",
        [("(2a) New made-up recital added by the presidency.", "b")],
        [("(3) ", ""), ("Made-up recital three that the presidency deleted in full.", "s")],
        [("(4) Made-up recital four is ", ""), ("changed", "bu"), (" since the last text.", "")],
        "(27a) A made-up recital numbered as the Council numbers them.",
        "HAVE ADOPTED THIS REGULATION:",
    ]  # fmt: skip
    enacting: list[Line] = [
        "Article 1",
        "Subject matter",
        [("1. This Regulation applies to made-up ", ""), ("old", "s"), (" ", ""), ("new", "b"),
         (" widgets", ""), ("1", "^"), (".", "")],
        [("2. Made-up widgets shall be counted ", ""), ("every year", "r"), (" and ", ""),
         ("recorded", "l"), (" in a register.", "")],
        "Article 24 [deleted]",
        "Article 88c",
        "Made-up new article",
        [("Made-up text of a new article.", "b")],
        [("Article 5", "s")],
        [("Made-up heading struck through", "s")],
        [("1. Made-up text of an article deleted in full, struck through.", "s")],
        "ANNEX VIIIa",
        "MADE-UP ANNEX",
        "1. Made-up annex text that stays.",
    ]  # fmt: skip
    return [cover, preamble, enacting]


FOOTNOTES = {3: ["1 Made-up footnote text that is no provision text."]}
