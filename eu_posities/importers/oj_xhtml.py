"""Official Journal XHTML (EUR-Lex "oj-" classes and ELI ids) to a stage.

The OJ rendering is structured by ELI `div`s: `cit_N` citations, `rct_N` recitals (a
two-cell table: number, text), `cpt_N` chapters, `art_N` articles with `oj-ti-art` and
`oj-sti-art`, `anx_N` annexes. Points are two-cell tables (number, text), nested for
sub-points. Footnote references are links to `oj-note` paragraphs at the end. Article
numbers are read from the printed "Article N", never from the ids.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from eu_posities.document import ParsedDocument, ParsedStage
from eu_posities.errors import InputError
from eu_posities.importers.common import (
    ARTICLE_LINE,
    NOTE_MARK,
    Draft,
    clean,
    finish,
)
from eu_posities.importers.coverage import markup_texts, measure, placed_texts
from eu_posities.importers.xmlsafe import parse_html

FORMAT = "oj-xhtml"

_PARAGRAPH_NUM = re.compile(r"^\s*(\d+[a-z]?\.)\s+(?=\S)")
_RECITAL_NUM = re.compile(r"^\((\d+[a-z]*)\)$")
_ANNEX = re.compile(r"^ANNEX\s*([IVXLC]+[a-z]?|\d+[a-z]?)?\b", re.IGNORECASE)
_HEADING_CLASSES = {"oj-ti-art", "oj-sti-art", "oj-doc-ti", "oj-ti-section-1", "oj-ti-section-2"}
_STRUCTURE_ID = re.compile(r"^(cpt|tis|prt|sct|pnt)_[^.]*$")


def _cls(element: etree._Element) -> str:
    return element.get("class") or ""


class _Document:
    """The OJ page with its footnotes resolved."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.notes: dict[str, str] = {}
        for p in root.iter("p"):
            if _cls(p) != "oj-note":
                continue
            anchor = p.find("a")
            if anchor is not None and anchor.get("id"):
                body = clean(self.text(p, drop_first_anchor=True)[0])
                self.notes[anchor.get("id", "")] = body

    def text(
        self, element: etree._Element, *, drop_first_anchor: bool = False
    ) -> tuple[str, list[str]]:
        """Text of an element, footnote references replaced by a marker; plus the notes."""
        parts: list[str] = []
        notes: list[str] = []
        dropped = not drop_first_anchor

        def walk(node: etree._Element) -> None:
            nonlocal dropped
            if node.text:
                parts.append(node.text)
            for child in node:
                if not isinstance(child.tag, str):
                    pass
                elif child.tag == "a" and not dropped:
                    dropped = True
                elif child.tag == "a" and (child.get("href") or "").startswith("#ntr"):
                    parts.append(NOTE_MARK)
                    notes.append(self.notes.get((child.get("href") or "#")[1:], ""))
                elif child.tag == "br":
                    parts.append(" ")
                else:
                    walk(child)
                if child.tail:
                    parts.append(child.tail)

        walk(element)
        return "".join(parts), [n for n in notes if n]


def parse(path: Path, data: bytes, **options: object) -> ParsedDocument:
    """Parse an OJ XHTML act into one stage."""
    root = parse_html(data, str(path))
    doc = _Document(root)
    drafts: list[Draft] = []
    title_parts: list[str] = []
    formulas: list[Draft] = []
    for div in root.iter("div"):
        ident = div.get("id") or ""
        cls = _cls(div)
        if cls == "eli-main-title" and not title_parts:
            title_parts = [clean(doc.text(p)[0]) for p in div.iter("p")]
        elif ident.startswith("cit_") and "." not in ident:
            draft = Draft(kind="citation", number=ident[4:], label=f"Citation {ident[4:]}")
            _fill(doc, div, draft, level=0)
            drafts.append(draft)
        elif ident.startswith("rct_") and "." not in ident:
            drafts.append(_recital(doc, div))
        elif ident.startswith("art_") and "." not in ident:
            drafts.append(_article(doc, div))
        elif ident.startswith("anx_") and "." not in ident:
            drafts.append(_annex(doc, div))
        if ident == "pbl_1":
            for p in div.iter("p"):
                if "ADOPTED THIS" in (p.text or "") and _cls(p) == "oj-normal":
                    formula = Draft(kind="formula", label="Formula")
                    formula.add(doc.text(p)[0])
                    formulas.append(formula)
    if not any(d.kind == "article" for d in drafts):
        raise InputError("no articles found in this OJ XHTML", source=str(path))
    # The adoption formula sits in the preamble div, before the recitals are reached.
    first_article = next(i for i, d in enumerate(drafts) if d.kind == "article")
    drafts[first_article:first_article] = formulas[:1]
    title = " ".join(t for t in title_parts if t)
    if title:
        head = Draft(kind="title", label="Title")
        head.add(title)
        drafts.insert(0, head)
    stage = ParsedStage(provisions=finish(drafts), format=FORMAT, title=title)
    body, skipped = markup_texts(root, _part, _block)
    return ParsedDocument((stage,), coverage=measure(body, placed_texts([stage]), skipped))


_COLOPHON = re.compile(r"^(ELI: http|ISSN \d{4}-\d{3}[\dX])")
_BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"}


def _block(element: etree._Element) -> bool:
    return element.tag in _BLOCKS


def _part(element: etree._Element) -> str | None:
    """What an element of the OJ page is, for text coverage (see `markup_texts`)."""
    tag, cls = element.tag, _cls(element)
    if tag in ("head", "script", "style", "nav", "button", "hr"):
        return ""
    if "oj-note" in cls.split() or cls.startswith("oj-hd-") or "oj-note-tag" in cls:
        return ""  # footnotes, their references, the Official Journal's page header
    if tag == "a" and (element.get("href") or "").startswith("#ntr"):
        return ""
    if (element.get("id") or "").startswith("TOC"):
        return ""
    if "oj-final" in cls.split():
        return "final formula and signatures"
    if tag == "p" and _COLOPHON.match("".join(element.itertext()).strip()):
        return ""  # the publication's ELI and ISSN after the act
    return None


def _path(doc: _Document, div: etree._Element) -> tuple[str, ...]:
    """Chapter/section headings above `div`, outermost first."""
    path = []
    for ancestor in div.iterancestors("div"):
        if not _STRUCTURE_ID.match(ancestor.get("id") or ""):
            continue
        parts = []
        for child in ancestor:
            if child.tag == "p" and _cls(child).startswith("oj-ti-section"):
                parts.append(clean(doc.text(child)[0]))
            elif child.tag == "div" and _cls(child) == "eli-title":
                parts.extend(clean(doc.text(p)[0]) for p in child.iter("p"))
        if parts:
            path.append(" – ".join(p for p in parts if p))
    return tuple(reversed(path))


def _recital(doc: _Document, div: etree._Element) -> Draft:
    cells = div.findall(".//td")
    number = clean(doc.text(cells[0])[0]) if cells else ""
    match = _RECITAL_NUM.match(number)
    draft = Draft(kind="recital", number=match.group(1) if match else number.strip("()"))
    if len(cells) >= 2:
        _fill(doc, cells[1], draft, level=0)
    else:
        _fill(doc, div, draft, level=0)
    return draft


def _article(doc: _Document, div: etree._Element) -> Draft:
    label = ""
    heading = ""
    for p in div.iter("p"):
        if _cls(p) == "oj-ti-art" and not label:
            label = clean(doc.text(p)[0])
        elif _cls(p) == "oj-sti-art" and not heading:
            heading = clean(doc.text(p)[0])
    match = ARTICLE_LINE.match(label)
    number = match.group(1) if match else (div.get("id") or "")[4:]
    draft = Draft(kind="article", number=number, label=f"Article {number}", heading=heading)
    draft.path = _path(doc, div)
    _fill(doc, div, draft, level=0)
    return draft


def _annex(doc: _Document, div: etree._Element) -> Draft:
    titles = [clean(doc.text(p)[0]) for p in div.iter("p") if _cls(p) == "oj-doc-ti"]
    match = _ANNEX.match(titles[0]) if titles else None
    number = (match.group(1) or "") if match else ""
    draft = Draft(kind="annex", number=number, label=f"Annex {number}".strip())
    draft.heading = " ".join(titles[1:])
    _fill(doc, div, draft, level=0)
    return draft


def _fill(doc: _Document, element: etree._Element, draft: Draft, *, level: int) -> None:
    """Add the paragraphs and points under `element` to `draft`, in order."""
    for child in element:
        tag = child.tag
        if tag == "p":
            if _cls(child) in _HEADING_CLASSES or _cls(child) == "oj-note":
                continue
            text, notes = doc.text(child)
            num = ""
            if level == 0:
                match = _PARAGRAPH_NUM.match(text.replace(NOTE_MARK, ""))
                if match and NOTE_MARK not in text[: match.end()]:
                    num, text = match.group(1), text[match.end() :]
            draft.add(text, num=num, level=level)
            draft.footnotes.extend(notes)
        elif tag == "table":
            for row in child.iter("tr"):
                if row.getparent() is not None and _nearest_table(row) is not child:
                    continue
                cells = row.findall("td")
                while len(cells) > 2 and not "".join(cells[0].itertext()).strip():
                    cells = cells[1:]  # an empty first column (an indent)
                if len(cells) == 2:
                    num = clean(doc.text(cells[0])[0])
                    start = len(draft.blocks)
                    _fill(doc, cells[1], draft, level=level + 1)
                    if len(draft.blocks) > start and not draft.blocks[start].num:
                        first = draft.blocks[start]
                        draft.blocks[start] = type(first)(
                            text=first.text, num=num, level=first.level, markers=first.markers
                        )
                    elif len(draft.blocks) == start and num:
                        draft.add("", num=num, level=level + 1)
                else:
                    for cell in cells:
                        _fill(doc, cell, draft, level=level + 1)
        elif tag in ("div", "tbody", "td", "span") or (isinstance(tag, str) and tag != "hr"):
            if tag == "div" and (child.get("id") or "").startswith(("art_", "anx_", "cpt_")):
                continue  # nested structure is read on its own
            if tag == "div" and _cls(child) in ("eli-title", "oj-final", "oj-signatory"):
                continue
            if child.find(".//p") is None and child.find(".//table") is None:
                # Text set straight in a cell or a span, not in a paragraph.
                text, notes = doc.text(child)
                if clean(text):
                    draft.add(text, level=level)
                    draft.footnotes.extend(notes)
                continue
            _fill(doc, child, draft, level=level)


def _nearest_table(row: etree._Element) -> etree._Element | None:
    for ancestor in row.iterancestors("table"):
        return ancestor
    return None
