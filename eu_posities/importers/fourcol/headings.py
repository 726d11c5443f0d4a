"""Row headings of a four-column table: the provision a row belongs to, and which part of it.

"Article 16, first paragraph, point (aa new)" is part "first paragraph, point (aa new)" of
"Article 16"; "Article 26(1), point (c)" part "(1), point (c)" of "Article 26"; "Article
16a (new)" is "Article 16a"; "Recital (12)" is "Recital 12" ("Recital -12a": one put before
"12a"); "Annex III, point 1(a)" part "point 1(a)" of "Annex III". "Title" alone is the
act's title, "Citation 2" a citation.
Headings of the act's divisions ("Chapter 3", "Title III", "Section 2") name no provision:
they are the path of the provisions below them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(
    r"^(?P<kind>articles?|art\.|recitals?|citations?|annex(?:es)?|title|chapter|section|"
    r"part|sub-?section|formula|preamble|enacting\s+terms)\b\.?\s*"
    r"(?P<number>\(?(?:-?\d+[a-z]{0,3}|[IVXLC]+[a-z]?)\)?(?![\w]))?"
    r"(?P<new>\s*[(\[]?\s*new\s*[)\]]?(?![\w]))?"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
# "Article26(1)": a missing space after the kind.
_GLUED = re.compile(r"^(Article|Recital|Annex|Citation)(?=\d|[IVX]+\b)", re.IGNORECASE)
_DIVISIONS = {"title", "chapter", "section", "part", "subsection", "sub-section"}
_KIND = {"article": "article", "articles": "article", "art.": "article", "recital": "recital",
         "recitals": "recital", "citation": "citation", "citations": "citation",
         "annex": "annex", "annexes": "annex", "title": "title", "formula": "formula",
         "preamble": "preamble", "enacting terms": "formula"}  # fmt: skip
_PREFIX = {"article": "Article", "recital": "Recital", "citation": "Citation", "annex": "Annex"}


@dataclass(frozen=True, slots=True)
class RowHeading:
    """A row heading read: the provision (`label`, `kind`, `number`) and the `part` of it.

    `label` is None for the heading of a division ("Chapter 3"), then `division` holds it.
    """

    kind: str | None
    number: str
    label: str | None
    part: str
    division: str = ""


def read_heading(text: str) -> RowHeading | None:
    """Read a row heading; None when it names no provision or division."""
    text = _GLUED.sub(r"\1 ", re.sub(r"\s+", " ", text).strip())
    match = _HEADING.match(text)
    if not match:
        return None
    word = re.sub(r"\s+", " ", match.group("kind").lower())
    number = (match.group("number") or "").strip("()")
    rest = match.group("rest").strip()
    if match.group("new") and not number:
        return None  # "Article new": no number to name it by
    part = re.sub(r"^[,;:.\s–—-]+", "", rest).strip()
    if word in _DIVISIONS and (number or word != "title"):
        division = f"{match.group('kind').capitalize()} {number}".strip()
        return RowHeading(None, number, None, part, division=division)
    kind = _KIND[word]
    if kind in ("title", "formula", "preamble"):
        if number:
            return None
        return RowHeading(kind, "", kind.capitalize(), part)
    if not number:
        return None
    if kind == "annex":
        number = number.upper() if re.fullmatch(r"[ivxlc]+", number, re.I) else number
    elif not number.lstrip("-")[:1].isdigit():
        return None  # "Article IV" is not how these acts number articles
    return RowHeading(kind, number, f"{_PREFIX[kind]} {number}", part)
