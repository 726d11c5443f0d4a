"""Plain text (and text extracted from PDF or DOCX) split into provisions by its wording.

EU acts print their structure in words: "Whereas:" opens the recitals ("(1) ..."), "HAVE
ADOPTED THIS REGULATION:" the enacting terms, "CHAPTER I" and "Section 2" lines group the
articles, an "Article 7" line starts an article whose next short line is its heading,
"Done at" ends the enacting terms and "ANNEX I" lines start annexes. A Commission proposal
also carries an explanatory memorandum and a legislative financial statement; neither
yields provisions.
"""

from __future__ import annotations

import re
from pathlib import Path

from eu_posities.document import ParsedDocument, ParsedStage
from eu_posities.errors import InputError
from eu_posities.importers.common import (
    ARTICLE_LINE,
    CHAPTER_LINE,
    SECTION_LINE,
    SUBSECTION_LINE,
    Draft,
    finish,
    introduces_quote,
    num_level,
    split_num,
)
from eu_posities.importers.recast import is_label
from eu_posities.importers.xmlsafe import decode_markup

FORMAT = "text"

_RECITAL = re.compile(r"^\((\d+[a-z]?)\)\s*(.*)$")
_ANNEX = re.compile(r"^ANNEX\b(?:\s+([IVXLC]+|\d+)\b)?\s*[:.]?\s*(.*)$")
_ACT_START = re.compile(
    r"^THE (EUROPEAN PARLIAMENT|COUNCIL OF THE EUROPEAN UNION|EUROPEAN COMMISSION)\b.*,$"
)
_CITATION = re.compile(r"^(Having regard|After (transmission|consulting)|Acting in accordance)")
_FORMULA = re.compile(r"\bHA(VE|S) ADOPTED THIS\b")
_SKIP_TITLES = re.compile(r"^(EXPLANATORY MEMORANDUM|LEGISLATIVE FINANCIAL STATEMENT)$")
_NUM_ONLY = re.compile(r"^(\d+[a-z]?\.|\([a-z0-9]{1,4}\)|[–—•-])$")
_FOOTNOTE_MARK = re.compile(r"^\d{1,3}$")


def _looks_like_heading(line: str) -> bool:
    return (
        len(line) < 200
        and line[-1] not in ".;:,"
        and not split_num(line)[0]
        and not ARTICLE_LINE.match(line)
        and not is_label(line)
    )


class TextSplitter:
    """Splits lines of an act into provision drafts, in order."""

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self.current: Draft | None = None
        self.state = "preamble"
        self.chapter = ""
        self.section = ""
        self.subsection = ""
        self.pending_title: str | None = None
        self.pending_num = ""
        self.expect_heading = False
        self.citations = 0
        self.seen_whereas = False

    def run(self, lines: list[str]) -> list[Draft]:
        lines = [" ".join(line.split()) for line in lines]
        lines = [line for line in lines if line]
        start = self._act_start(lines)
        for line in lines[start:]:
            self.step(line)
        return self.drafts

    @staticmethod
    def _act_start(lines: list[str]) -> int:
        """Skip an explanatory memorandum: start at the acting institution after it."""
        memo = next((i for i, line in enumerate(lines) if line == "EXPLANATORY MEMORANDUM"), None)
        if memo is None:
            return 0
        for index in range(memo + 1, len(lines)):
            if _ACT_START.match(lines[index]):
                return index
        return 0

    def open(self, draft: Draft) -> Draft:
        self.drafts.append(draft)
        self.current = draft
        self.pending_num = ""
        return draft

    def step(self, line: str) -> None:
        if _SKIP_TITLES.match(line):
            self.state, self.current = "skip", None
            return
        annex = _ANNEX.match(line)
        if annex and self.state in ("enacting", "end", "skip", "annex") and len(line) < 120:
            draft = self.open(Draft(kind="annex", number=annex.group(1) or ""))
            draft.label = f"Annex {draft.number}".strip()
            draft.heading = annex.group(2)
            self.state = "annex"
            return
        if self.state == "skip":
            return
        if line.startswith("Done at") and self.state == "enacting":
            self.state, self.current = "end", None
            return
        if self.state == "end":
            return
        article = ARTICLE_LINE.match(line)
        if article and self.state == "enacting" and introduces_quote(self.current):
            article = None  # an article quoted by an amending provision
        if article and self.state in ("preamble", "recitals", "enacting"):
            self.state = "enacting"
            number = article.group(1)
            draft = self.open(Draft(kind="article", number=number, label=f"Article {number}"))
            draft.path = tuple(p for p in (self.chapter, self.section, self.subsection) if p)
            self.expect_heading = True
            return
        if self.state in ("preamble", "recitals"):
            self.preamble(line)
        elif self.state == "enacting":
            self.enacting(line)
        elif self.state == "annex" and self.current is not None:
            if not self.current.heading and not self.current.blocks and _looks_like_heading(line):
                self.current.heading = line
            else:
                self.block(line)

    def preamble(self, line: str) -> None:
        if line.rstrip(":").lower() == "whereas":
            self.state, self.current, self.seen_whereas = "recitals", None, True
            return
        if _FORMULA.search(line):
            self.open(Draft(kind="formula", label="Formula")).add(line)
            self.state, self.current = "enacting", None
            return
        recital = _RECITAL.match(line)
        if recital and (self.state == "recitals" or not self.seen_whereas):
            draft = self.open(Draft(kind="recital", number=recital.group(1)))
            draft.add(recital.group(2))
            return
        if _CITATION.match(line):
            self.citations += 1
            number = str(self.citations)
            self.open(Draft(kind="citation", number=number, label=f"Citation {number}")).add(line)
            return
        if _FOOTNOTE_MARK.match(line):
            return
        in_preamble_text = self.current is not None and self.current.kind in ("recital", "citation")
        if in_preamble_text and not self._continues(line):
            assert self.current is not None
            self.current.add(line)

    def _continues(self, line: str) -> bool:
        """Join a line that carries on the previous paragraph (broken by a footnote or a
        page): it starts with punctuation, or in lower case after an unfinished sentence."""
        assert self.current is not None
        if not self.current.blocks or self.pending_num or is_label(line):
            return False
        last = self.current.blocks[-1]
        starts_low = line[0].islower() and not split_num(line)[0]
        if line[0] in ",.;:)" or (starts_low and last.text[-1:] not in ".;:"):
            glue = "" if line[0] in ",.;:)" else " "
            self.current.blocks[-1] = type(last)(
                text=last.text + glue + line, num=last.num, level=last.level, markers=last.markers
            )
            return True
        return False

    def enacting(self, line: str) -> None:
        if _FOOTNOTE_MARK.match(line):
            return  # a footnote marker printed on its own line
        if self.expect_heading and self.current is not None:
            self.expect_heading = False
            if _looks_like_heading(line):
                self.current.heading = line
                return
        chapter = CHAPTER_LINE.match(line)
        if chapter and len(line) < 150 and chapter.group(1).lower() != "part":
            head = f"{chapter.group(1)} {chapter.group(2)}"
            self.chapter = f"{head} – {chapter.group(3)}" if chapter.group(3) else head
            self.section = self.subsection = ""
            self.pending_title = None if chapter.group(3) else "chapter"
            self.current = None
            return
        section = SECTION_LINE.match(line)
        if section and len(line) < 150:
            head = f"Section {section.group(2)}"
            self.section = f"{head} – {section.group(3)}" if section.group(3) else head
            self.subsection = ""
            self.pending_title = None if section.group(3) else "section"
            self.current = None
            return
        subsection = SUBSECTION_LINE.match(line)
        if subsection and len(line) < 150:
            head = f"{subsection.group(1)} {subsection.group(2)}"
            self.subsection = f"{head} – {subsection.group(3)}" if subsection.group(3) else head
            self.pending_title = None if subsection.group(3) else "subsection"
            self.current = None
            return
        if self.pending_title and self.current is None:
            if self.pending_title == "chapter":
                self.chapter = f"{self.chapter} – {line}"
            elif self.pending_title == "section":
                self.section = f"{self.section} – {line}"
            else:
                self.subsection = f"{self.subsection} – {line}"
            self.pending_title = None
            return
        if self.current is not None:
            self.block(line)

    def block(self, line: str) -> None:
        assert self.current is not None
        if self._continues(line):
            return
        if _NUM_ONLY.match(line):
            self.pending_num = line
            return
        num, text = split_num(line)
        if self.pending_num and not num:
            num, self.pending_num = self.pending_num, ""
        previous = self.current.blocks[-1].num if self.current.blocks else ""
        self.current.add(text, num=num, level=num_level(num, previous))


def split_text(lines: list[str]) -> tuple:
    """Provisions of the act printed in `lines`."""
    return finish(TextSplitter().run(lines))


def parse(path: Path, data: bytes, **options: object) -> ParsedDocument:
    """Parse a plain-text file into one stage."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary data, not text", source=str(path))
    text, encoding = decode_markup(data, str(path), html=False)
    provisions = split_text(text.splitlines())
    if not provisions:
        raise InputError("no articles, recitals or annexes found in this text", source=str(path))
    stage = ParsedStage(provisions=provisions, format=FORMAT, meta={"encoding": encoding})
    return ParsedDocument((stage,))
