"""EUR-Lex HTML/XHTML of Commission proposals (Word-derived paragraph classes) to stages.

The source is a flat run of `<p class="...">` paragraphs whose classes come from the
Commission's Word template (`li ManualHeading3`, `li ManualNumPar1`, `li Point1`,
`li ManualConsidrant`, `Formuledadoption`, `Fait`, `Annexetitre`). We first read it into
`Para` records (class, number, text, footnotes) and then walk them with a small state
machine over the parts of a proposal: cover, explanatory memorandum, preamble, enacting
terms, legislative financial statement, annexes. Classes are not trusted blindly: real
proposals mark some article headings `Normal` or `Text1`, so an "Article N" line is
recognised by its words wherever it sits in the enacting terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from eu_posities.document import ParsedDocument, ParsedStage
from eu_posities.importers.common import (
    ANNEX_LINE,
    ARTICLE_LINE,
    CHAPTER_LINE,
    NOTE_MARK,
    SECTION_LINE,
    SUBSECTION_LINE,
    Draft,
    clean,
    finish,
    introduces_quote,
)
from eu_posities.importers.coverage import measure, placed_texts
from eu_posities.importers.recast import is_label
from eu_posities.importers.xmlsafe import parse_html

FORMAT = "eurlex-html"

_LEVEL_CLASS = re.compile(r"^(?:li )?(ManualNumPar|Point|Tiret|Text|Bullet|ListDash)(\d)$")
_RECITAL_NUM = re.compile(r"^\((\d+[a-z]*)\)$")
_ANNEX_TITLE = re.compile(r"^ANNEX(?:ES)?\b\s*([IVXLC]+[a-z]?\b|\d+[a-z]?\b)?\s*[:.]?\s*(.*)$")


@dataclass
class Para:
    """One paragraph of the source, before we know what it belongs to."""

    cls: str
    text: str
    num: str = ""
    notes: list[str] = field(default_factory=list)

    plain: str = ""

    def __post_init__(self) -> None:
        self.plain = clean(self.text)


def _classes(element: etree._Element) -> str:
    return " ".join((element.get("class") or "").split())


class _Reader:
    """Reads the paragraphs of a COM document, resolving footnote references to their text."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.order = {node: i for i, node in enumerate(root.iter())}
        self.notes: dict[str, list[tuple[int, str]]] = {}
        for dd in root.iter("dd"):
            ident = dd.get("id")
            if ident:
                body = self._text(dd, skip_num=True)[0]
                self.notes.setdefault(ident, []).append((self.order[dd], body))

    def paragraphs(self) -> list[Para]:
        out = []
        for p in self.root.iter("p"):
            if any(a.tag == "dl" or _classes(a) == "signature" for a in p.iterancestors()):
                continue
            text, num, refs = self._text(p, skip_num=False)
            notes = [self._note(ref, self.order[p]) for ref in refs]
            out.append(Para(cls=_classes(p), text=text, num=num, notes=[n for n in notes if n]))
        return out

    def _note(self, ref: str, position: int) -> str:
        candidates = self.notes.get(ref, [])
        after = [text for pos, text in candidates if pos > position]
        return after[0] if after else (candidates[0][1] if candidates else "")

    def _text(self, element: etree._Element, *, skip_num: bool) -> tuple[str, str, list[str]]:
        parts: list[str] = []
        nums: list[str] = []
        refs: list[str] = []

        def walk(node: etree._Element) -> None:
            if node.text:
                parts.append(node.text)
            for child in node:
                if not isinstance(child.tag, str):
                    pass
                else:
                    cls = _classes(child)
                    is_ref = cls == "footnoteRef" or (
                        cls.startswith("FootnoteReference") and child.find(".//a") is not None
                    )
                    if is_ref:
                        parts.append(NOTE_MARK)
                        for anchor in child.iter("a"):
                            href = anchor.get("href") or ""
                            if href.startswith("#"):
                                refs.append(href[1:])
                        if cls == "footnoteRef":
                            href = child.get("href") or ""
                            if href.startswith("#"):
                                refs.append(href[1:])
                    elif cls == "num" and not "".join(parts).strip() and not nums:
                        nums.append("" if skip_num else "".join(child.itertext()))
                    elif child.tag == "br":
                        parts.append("\n")  # "Article 1<br/>Subject matter" in one paragraph
                    elif cls == "tab":
                        parts.append(" ")
                    else:
                        walk(child)
                if child.tail:
                    parts.append(child.tail)

        walk(element)
        return "".join(parts), clean("".join(nums)), refs


def parse(path: Path, data: bytes, **options: object) -> ParsedDocument:
    """Parse a Commission proposal in EUR-Lex HTML into one stage."""
    root = parse_html(data, str(path))
    paras = _Reader(root).paragraphs()
    walker = _Walker(paras)
    provisions, title = walker.run()
    if not any(p.kind in ("article", "recital", "annex") for p in provisions):
        from eu_posities.errors import InputError

        raise InputError("no articles, recitals or annexes found in this HTML", source=str(path))
    stage = ParsedStage(provisions=provisions, format=FORMAT, title=title)
    body = [p.plain for p, part in zip(paras, walker.skipped, strict=True) if not part]
    parts: dict[str, list[str]] = {}
    for para, part in zip(paras, walker.skipped, strict=True):
        if part:
            parts.setdefault(part, []).append(para.plain)
    return ParsedDocument((stage,), coverage=measure(body, placed_texts([stage]), parts))


def _level(cls: str) -> int:
    match = _LEVEL_CLASS.match(cls)
    if not match:
        return 0
    kind, depth = match.group(1), int(match.group(2))
    if kind == "ManualNumPar":
        return max(depth - 1, 0)
    if kind in ("Point", "Bullet"):
        return max(depth, 1)
    return depth + 1


def _looks_like_heading(para: Para) -> bool:
    text = para.plain
    return (
        bool(text)
        and not para.num
        and len(text) < 200
        and text[-1] not in ".;:,"
        and not ARTICLE_LINE.match(text)
        and not text.startswith("(")
        and not is_label(text)
    )


_TITLE_OR_CHAPTER = re.compile(
    r"^(TITLE|Title|title|CHAPTER|Chapter|chapter)\s+([IVXLCivxlc]+|\d+)\b\s*[-–—:.]?\s*(.*)$"
)
_ZONE_PARTS = {
    "front": "cover page",
    "memo": "explanatory memorandum",
    "lfs": "legislative financial statement",
    "after": "final formula and signatures",
}


class _Walker:
    """The state machine over the parts of a proposal."""

    def __init__(self, paras: list[Para]) -> None:
        self.paras = paras
        self.zone = "front"
        self.drafts: list[Draft] = []
        self.current: Draft | None = None
        self.chapter = ""
        self.section = ""
        self.subsection = ""
        self.pending: str | None = None  # "chapter" or "section" awaiting its title line
        self.expect_heading = False
        self.title_parts: list[str] = []
        self.citations = 0
        self.recast_label = ""
        self.skipped: list[str] = []  # per paragraph: the part it was left out with, or ""

    def run(self) -> tuple[tuple, str]:
        has_act_start = any(p.cls == "Institutionquiagit" for p in self.paras)
        if not has_act_start:
            self.zone = "preamble"
        for para in self.paras:
            self.step(para)
            part = _ZONE_PARTS.get(self.zone, "")
            if para.cls == "Institutionquiagit" or para.plain.rstrip(":").lower() == "whereas":
                part = "preamble"
            self.skipped.append(part)
        title = " ".join(self.title_parts)
        if title:
            self.drafts.insert(0, Draft(kind="title", label="Title", heading=""))
            self.drafts[0].add(title)
        return finish(self.drafts), title

    def open(self, draft: Draft) -> Draft:
        self.drafts.append(draft)
        self.current = draft
        if self.recast_label:
            # A recast margin label printed above the provision belongs to it.
            draft.add(self.recast_label)
            self.recast_label = ""
        return draft

    def step(self, para: Para) -> None:
        cls, text = para.cls, para.plain
        if cls == "Exposdesmotifstitre":
            self.zone, self.current = "memo", None
            return
        if cls in ("Statut", "Typedudocument", "Titreobjet") and self.zone in ("memo", "front"):
            if cls == "Statut":
                self.title_parts = []  # the cover page repeats the title; keep the act's
            self.title_parts.append(text)
            return
        if cls == "Institutionquiagit":
            self.zone, self.current = "preamble", None
            return
        if cls == "Fichefinanciretitre":
            self.zone, self.current = "lfs", None
            return
        if cls == "Annexetitre" or (cls.startswith("Annexe") and ANNEX_LINE.match(text)):
            self.start_annex(text)
            return
        if self.zone in ("front", "memo", "lfs", "after"):
            return
        if not text:
            return
        if is_label(text) and not para.num and self.current is None:
            self.recast_label = text
            return
        if self.zone == "preamble":
            self.preamble(para)
        elif self.zone == "enacting":
            self.enacting(para)
        elif self.zone == "annex" and self.current is not None:
            self.add_block(para)

    def preamble(self, para: Para) -> None:
        cls, text = para.cls, para.plain
        recital = _RECITAL_NUM.match(para.num)
        if cls.endswith("ManualConsidrant") and recital:
            draft = self.open(Draft(kind="recital", number=recital.group(1)))
            draft.add(para.text)
            draft.footnotes.extend(para.notes)
        elif cls == "Formuledadoption":
            draft = self.open(Draft(kind="formula", label="Formula"))
            draft.add(para.text)
            self.zone, self.current = "enacting", None
        elif ARTICLE_LINE.match(text):
            # A proposal without an adoption formula: the enacting terms start here.
            self.zone = "enacting"
            self.enacting(para)
        elif text.rstrip(":").strip().lower() == "whereas":
            self.current = None
        elif self.current is not None and self.current.kind == "recital":
            self.add_block(para)  # a recital running over several paragraphs
        else:
            self.citations += 1
            draft = self.open(Draft(kind="citation", number=str(self.citations)))
            draft.label = f"Citation {self.citations}"
            draft.add(para.text)
            draft.footnotes.extend(para.notes)

    def enacting(self, para: Para) -> None:
        cls, text = para.cls, para.plain
        if cls == "Fait":
            self.zone, self.current = "after", None
            return
        lines = [clean(line) for line in para.text.split("\n") if clean(line)]
        if len(lines) > 1 and ARTICLE_LINE.match(lines[0]) and not para.num:
            # Number and heading in one paragraph, separated by a line break.
            self.enacting(Para(cls=cls, text=lines[0]))
            if self.current is not None and self.expect_heading:
                self.expect_heading = False
                self.current.heading = " ".join(lines[1:])
            return
        article = ARTICLE_LINE.match(text)
        if article and introduces_quote(self.current):
            article = None  # an article quoted by an amending provision
        if article and not para.num:
            draft = Draft(
                kind="article", number=article.group(1), label=f"Article {article.group(1)}"
            )
            draft.path = tuple(p for p in (self.chapter, self.section, self.subsection) if p)
            self.open(draft)
            self.expect_heading = True
            self.pending = None
            return
        if self.expect_heading and self.current is not None:
            self.expect_heading = False
            if _looks_like_heading(para) and (
                "Heading" in cls or cls in ("Normal", "Text1", "Titrearticle")
            ):
                self.current.heading = text
                return
        if cls == "SectionTitle" and not para.num:
            self.section_title(text)
            return
        if self.pending and self.current is None and _looks_like_heading(para):
            self.heading_line(text, self.pending)  # the title line of a chapter or section
            return
        if cls.endswith("ManualHeading1") and not para.num:
            self.heading_line(text, "chapter")
            return
        if cls.endswith("ManualHeading2") and not para.num:
            self.heading_line(text, "section")
            return
        # Headings typed as ordinary paragraphs ("Section 4" + line break + title).
        if not para.num and len(text) < 150 and not text.endswith((".", ";", ",")):
            if CHAPTER_LINE.match(text) and text.split()[0].isupper():
                self.heading_line(text, "chapter")
                return
            if SECTION_LINE.match(text):
                self.heading_line(text, "section")
                return
            if SUBSECTION_LINE.match(text):
                self.heading_line(text, "subsection")
                return
        if self.current is not None:
            self.add_block(para)

    def section_title(self, text: str) -> None:
        """A `SectionTitle` paragraph: "TITLE III", a "Chapter 1" inside it, or the title
        line of either (proposals with Titles number their Chapters inside each Title)."""
        match = _TITLE_OR_CHAPTER.match(text)
        if match is None:
            self.heading_line(text, self.pending or "chapter")
            return
        word, rest = match.group(1).lower(), match.group(3)
        head = f"{match.group(1)} {match.group(2)}"
        if word == "chapter" and self.chapter.lower().startswith("title"):
            self.section = f"{head} – {rest}" if rest else head
            self.subsection = ""
            self.pending = None if rest else "section"
        else:
            self.chapter = f"{head} – {rest}" if rest else head
            self.section = self.subsection = ""
            self.pending = None if rest else "chapter"
        self.current = None

    def heading_line(self, text: str, level: str) -> None:
        chapter = CHAPTER_LINE.match(text) if level == "chapter" else None
        section = SECTION_LINE.match(text)
        subsection = SUBSECTION_LINE.match(text)
        if chapter:
            head = f"{chapter.group(1)} {chapter.group(2)}"
            self.chapter = f"{head} – {chapter.group(3)}" if chapter.group(3) else head
            self.section = self.subsection = ""
            self.pending = None if chapter.group(3) else "chapter"
        elif section:
            head = f"Section {section.group(2)}"
            self.section = f"{head} – {section.group(3)}" if section.group(3) else head
            self.subsection = ""
            self.pending = None if section.group(3) else "section"
        elif subsection:
            head = f"{subsection.group(1)} {subsection.group(2)}"
            self.subsection = f"{head} – {subsection.group(3)}" if subsection.group(3) else head
            self.pending = None if subsection.group(3) else "subsection"
        elif self.pending == "chapter" and level == "chapter":
            self.chapter = f"{self.chapter} – {text}"
            self.pending = None
        elif self.pending == "section":
            self.section = f"{self.section} – {text}"
            self.pending = None
        elif self.pending == "subsection":
            self.subsection = f"{self.subsection} – {text}"
            self.pending = None
        self.current = None

    def start_annex(self, text: str) -> None:
        match = _ANNEX_TITLE.match(text)
        number = (match.group(1) or "") if match else ""
        draft = Draft(kind="annex", number=number, label=f"Annex {number}".strip())
        if match and match.group(2):
            draft.heading = match.group(2)
        self.open(draft)
        self.zone = "annex"

    def add_block(self, para: Para) -> None:
        assert self.current is not None
        draft = self.current
        first_of_annex = draft.kind == "annex" and not draft.heading and not draft.blocks
        if first_of_annex and _looks_like_heading(para):
            draft.heading = para.plain
            return
        draft.add(para.text, num=para.num, level=_level(para.cls))
        draft.footnotes.extend(para.notes)
