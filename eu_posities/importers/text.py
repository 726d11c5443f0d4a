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

from eu_posities.document import ParsedDocument, ParsedProvision, ParsedStage
from eu_posities.errors import InputError
from eu_posities.importers.common import (
    ARTICLE_LINE,
    CHAPTER_LINE,
    SECTION_LINE,
    SUBSECTION_LINE,
    Draft,
    continues_reference,
    finish,
    introduces_quote,
    num_level,
    split_num,
)
from eu_posities.importers.coverage import lines_coverage
from eu_posities.importers.recast import is_label
from eu_posities.importers.xmlsafe import decode_markup

FORMAT = "text"

# "(-12a)": a recital the Council inserted before an inserted "(12a)".
_RECITAL = re.compile(r"^\((-?\d+[a-z]?)\)\s*(.*)$")
_ANNEX = re.compile(r"^ANNEX\b(?:\s+([IVXLC]+[a-z]?|\d+[a-z]?)\b)?\s*[:.]?\s*(.*)$")
_ACT_START = re.compile(
    r"^THE (EUROPEAN PARLIAMENT|COUNCIL OF THE EUROPEAN UNION|EUROPEAN COMMISSION)\b.*,$"
)
_CITATION = re.compile(r"^(Having regard|After (transmission|consulting)|Acting in accordance)")
_FORMULA = re.compile(r"\bHA(VE|S) ADOPTED THIS\b")
_SKIP_TITLES = re.compile(r"^(EXPLANATORY MEMORANDUM|LEGISLATIVE FINANCIAL STATEMENT)$")
# The title of an act after a Council cover note: "Proposal for a" / "REGULATION OF THE ...".
_ACT_TITLE = re.compile(
    r"^((ANNEX )?Proposal for an?\b|(REGULATION|DIRECTIVE|DECISION)\b.*\bOF THE\b|"
    r"(Proposition de|PROPOSITION DE) (règlement|directive|décision|RÈGLEMENT|DIRECTIVE))"
)
# Lines of a Council note around a text: "NOTE", "From:", "Subject:", "No. prev. doc.: ...".
_COVER_NOTE = re.compile(
    r"^(NOTE|OUTCOME OF PROCEEDINGS|I/A ITEM NOTE|COVER NOTE|From:|To:|Subject:|"
    r"No\. (prev\. doc|Cion doc)\.?:|Origine:|Destinataire:|Objet:|Interinstitutional File:)"
)
_NUM_ONLY = re.compile(r"^(\d+[a-z]?\.|\([a-z0-9]{1,4}\)|[–—•-])$")
_FOOTNOTE_MARK = re.compile(r"^\d{1,3}$")
_CAPITALS = re.compile(r"^[^a-zà-ÿ]*[A-ZÀ-Þ]{2,}[^a-zà-ÿ]*$")


def _looks_like_heading(line: str) -> bool:
    return (
        len(line) < 200
        and line[-1] not in ".;:,"
        and not split_num(line)[0]
        and not ARTICLE_LINE.match(line)
        and not is_label(line)
    )


class TextSplitter:
    """Splits lines of an act into provision drafts, in order.

    Besides the drafts it records, per input line, where the line went: `owners[i]` the
    draft it became part of and `roles[i]` how ("block": the provision's text, "head": its
    label or heading, "path": a chapter or section title, "title": the act's title), or
    `skipped[i]` the part deliberately left out ("explanatory memorandum", ...). A line
    with neither was lost: text coverage counts it as missing.
    """

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self.owners: list[Draft | None] = []
        self.roles: list[str] = []
        self.skipped: list[str] = []
        self.title: list[str] = []
        self.part = ""
        self.current: Draft | None = None
        self.state = "preamble"
        self.chapter = ""
        self.section = ""
        self.subsection = ""
        self.pending_title: str | None = None
        # The level whose title was just read in capitals: a next line in capitals goes on.
        self.title_wraps = ""
        self.pending_num = ""
        self.expect_heading = False
        self.citations = 0
        self.seen_whereas = False
        self.skip_part = ""

    def run(self, lines: list[str]) -> list[Draft]:
        lines = [" ".join(line.split()) for line in lines]
        count = len(lines)
        self.owners, self.roles, self.skipped = [None] * count, [""] * count, [""] * count
        start, parts = self._act_start(lines)
        for index, part in enumerate(parts):
            self.skipped[index] = part
        for index in range(start, count):
            if lines[index]:
                self.feed(index, lines[index])
        return self.drafts

    def feed(self, index: int, line: str) -> None:
        """Read line `index` and record where it went."""
        current = self.current
        size = len(current.blocks) if current is not None else -1
        last = current.blocks[-1] if current is not None and current.blocks else None
        heading = current.heading if current is not None else None
        pending, titles, drafts = self.pending_num, len(self.title), len(self.drafts)
        paths = (self.chapter, self.section, self.subsection)
        self.part = ""
        self.step(line)
        now = self.current
        if now is None and len(self.drafts) > drafts:
            now = self.drafts[-1]  # opened and closed at once (the enacting formula)
        if self.part:
            self.skipped[index] = self.part
        elif len(self.title) > titles:
            self.roles[index] = "title"
        elif now is not None and now is not current:
            self.owners[index] = now
            self.roles[index] = "block" if now.blocks or self.pending_num else "head"
        elif now is not None and (
            len(now.blocks) != size
            or (now.blocks and now.blocks[-1] is not last)
            or self.pending_num != pending
        ):
            self.owners[index], self.roles[index] = now, "block"
        elif now is not None and now.heading != heading:
            self.owners[index], self.roles[index] = now, "head"
        elif (self.chapter, self.section, self.subsection) != paths:
            self.roles[index] = "path"

    def _act_start(self, lines: list[str]) -> tuple[int, list[str]]:
        """Where the act starts, and the names of the parts before it: a cover page and an
        explanatory memorandum (start at the acting institution after it), or a Council
        note (start at the title of the act it carries)."""
        memo = next((i for i, line in enumerate(lines) if line == "EXPLANATORY MEMORANDUM"), None)
        if memo is not None:
            for index in range(memo + 1, len(lines)):
                if _ACT_START.match(lines[index]):
                    return index, ["cover page"] * memo + ["explanatory memorandum"] * (
                        index - memo
                    )
        head = lines[:200]
        if sum(1 for line in head if _COVER_NOTE.match(line)) >= 2:
            for index, line in enumerate(lines):
                if _ACT_TITLE.match(line) and index > 0:
                    return index, ["cover note"] * index
        return 0, []

    def skip(self, part: str) -> None:
        """Note that the line being read belongs to a part deliberately left out."""
        self.part = part

    def open(self, draft: Draft) -> Draft:
        self.drafts.append(draft)
        self.current = draft
        self.pending_num = ""
        return draft

    def step(self, line: str) -> None:
        if _SKIP_TITLES.match(line):
            self.state, self.current = "skip", None
            self.skip_part = line.lower()
            self.skip(self.skip_part)
            return
        annex = _ANNEX.match(line)
        if annex and self.state in ("enacting", "end", "skip", "annex") and len(line) < 120:
            draft = self.open(Draft(kind="annex", number=annex.group(1) or ""))
            draft.label = f"Annex {draft.number}".strip()
            draft.heading = annex.group(2)
            self.state = "annex"
            return
        if self.state == "skip":
            self.skip(self.skip_part)
            return
        if line.startswith(("Done at", "Fait à")) and self.state == "enacting":
            self.state, self.current = "end", None
            self.skip("final formula and signatures")
            return
        if self.state == "end":
            self.skip("final formula and signatures")
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
        if line.rstrip(":").lower() in ("whereas", "considérant ce qui suit"):
            self.state, self.current, self.seen_whereas = "recitals", None, True
            self.skip("preamble")
            return
        if _ACT_START.match(line):
            self.skip("preamble")
            return
        if _FORMULA.search(line):
            self.open(Draft(kind="formula", label="Formula")).add(line)
            self.state, self.current = "enacting", None
            return
        recital = _RECITAL.match(line)
        current = self.current
        last = (
            current.blocks[-1].text
            if current and current.kind == "recital" and current.blocks
            else ""
        )
        if recital and last and continues_reference(last, line):
            recital = None  # "(4) of this Regulation": the recital's sentence goes on
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
            self.skip("footnote references")
            return
        in_preamble_text = self.current is not None and self.current.kind in ("recital", "citation")
        if in_preamble_text and not self._continues(line):
            assert self.current is not None
            self.current.add(line)
        elif not in_preamble_text and not self.citations and not self.drafts:
            self.title.append(line)  # the act's title, before its citations

    def _continues(self, line: str) -> bool:
        """Join a line that carries on the previous paragraph (broken by a footnote or a
        page): it starts with punctuation, or in lower case after an unfinished sentence."""
        assert self.current is not None
        if not self.current.blocks or self.pending_num or is_label(line):
            return False
        last = self.current.blocks[-1]
        starts_low = line[0].islower() and not split_num(line)[0]
        wrapped = continues_reference(last.text, line)  # "... (3) and" + "(4) of this"
        if line[0] in ",.;:)" or wrapped or (starts_low and last.text[-1:] not in ".;:"):
            glue = "" if line[0] in ",.;:)" else " "
            self.current.blocks[-1] = type(last)(
                text=last.text + glue + line, num=last.num, level=last.level, markers=last.markers
            )
            return True
        return False

    def enacting(self, line: str) -> None:
        if _FOOTNOTE_MARK.match(line):
            self.skip("footnote references")  # a footnote marker printed on its own line
            return
        if self.expect_heading and self.current is not None:
            self.expect_heading = False
            if _looks_like_heading(line):
                self.current.heading = line
                return
        chapter = CHAPTER_LINE.match(line)
        if chapter and (chapter.group(3)[:1].islower() or line[-1] in ",;"):
            chapter = None  # "Chapter 2 of this Title;": a sentence that wrapped, not a heading
        if chapter and len(line) < 150 and chapter.group(1).lower() != "part":
            head = f"{chapter.group(1)} {chapter.group(2)}"
            named = f"{head} – {chapter.group(3)}" if chapter.group(3) else head
            self.title_wraps = ""  # a heading line ends the title before it
            if chapter.group(1).lower() == "chapter" and self.chapter.lower().startswith("title"):
                # Acts with Titles number their Chapters inside each Title: the chapter is
                # the level below (as eurlex_html.py reads the same act).
                self.section, self.subsection = named, ""
                self.pending_title = None if chapter.group(3) else "section"
            else:
                self.chapter, self.section, self.subsection = named, "", ""
                self.pending_title = None if chapter.group(3) else "chapter"
            self.current = None
            return
        section = SECTION_LINE.match(line)
        if section and (section.group(3)[:1].islower() or line[-1] in ",;"):
            section = None
        if section and len(line) < 150:
            self.title_wraps = ""
            head = f"Section {section.group(2)}"
            self.section = f"{head} – {section.group(3)}" if section.group(3) else head
            self.subsection = ""
            self.pending_title = None if section.group(3) else "section"
            self.current = None
            return
        subsection = SUBSECTION_LINE.match(line)
        if subsection and (subsection.group(3)[:1].islower() or line[-1] in ",;"):
            subsection = None
        if subsection and len(line) < 150:
            self.title_wraps = ""
            head = f"{subsection.group(1)} {subsection.group(2)}"
            self.subsection = f"{head} – {subsection.group(3)}" if subsection.group(3) else head
            self.pending_title = None if subsection.group(3) else "subsection"
            self.current = None
            return
        wrapped, self.title_wraps = self.title_wraps, ""
        if wrapped and self.current is None and _CAPITALS.match(line):
            # "POST-MARKET MONITORING, INFORMATION SHARING, MARKET" + "SURVEILLANCE": a
            # title in capitals set on two lines.
            self._add_title(wrapped, f" {line}")
            self.title_wraps = wrapped
            return
        if self.pending_title and self.current is None:
            self._add_title(self.pending_title, f" – {line}")
            self.title_wraps = self.pending_title if _CAPITALS.match(line) else ""
            self.pending_title = None
            return
        if self.current is not None:
            self.block(line)

    def _add_title(self, level: str, text: str) -> None:
        if level == "chapter":
            self.chapter += text
        elif level == "section":
            self.section += text
        else:
            self.subsection += text

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


def act_title(splitter: TextSplitter, lines: list[str]) -> str:
    """The act's title ("Proposal for a REGULATION ... (Text with EEA relevance)"); title
    lines before its first line are a cover page, recorded as skipped."""
    indices = [i for i, role in enumerate(splitter.roles) if role == "title"]
    first = next((i for i in indices if _ACT_TITLE.match(" ".join(lines[i].split()))), None)
    if first is None:
        first = indices[0] if indices else 0
    for index in indices:
        if index < first:
            splitter.roles[index], splitter.skipped[index] = "", "cover page"
    title = " ".join(" ".join(lines[i].split()) for i in indices if i >= first)
    # A Council note carries the act in its annex: "ANNEX Proposal for a" on one line.
    return title.removeprefix("ANNEX ")


_EEA = re.compile(
    r"\s*\((Text with EEA relevance|Texte présentant de l'intérêt pour l'EEE)\)\s*$", re.I
)


def title_provision(title: str) -> ParsedProvision | None:
    """The act's title as the provision "Title", as the EUR-Lex and Formex readers give it:
    in a comparison a Council or Parliament text then keeps its title row instead of
    showing the title as deleted."""
    text = _EEA.sub("", title).strip()
    if not _ACT_TITLE.match(text):
        return None  # a heading of the document, not the title of an act
    draft = Draft(kind="title", label="Title", heading="")
    draft.add(text)
    return draft.build()


def with_title(provisions: tuple[ParsedProvision, ...], title: str) -> tuple[ParsedProvision, ...]:
    head = title_provision(title)
    if head is None or any(p.kind == "title" for p in provisions):
        return provisions
    return (head, *provisions)


def split_text(lines: list[str]) -> tuple:
    """Provisions of the act printed in `lines`."""
    return finish(TextSplitter().run(lines))


def parse(path: Path, data: bytes, **options: object) -> ParsedDocument:
    """Parse a plain-text file into one stage."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary data, not text", source=str(path))
    text, encoding = decode_markup(data, str(path), html=False)
    lines = text.splitlines()
    splitter = TextSplitter()
    provisions = finish(splitter.run(lines))
    if not provisions:
        raise InputError("no articles, recitals or annexes found in this text", source=str(path))
    title = act_title(splitter, lines)
    stage = ParsedStage(
        provisions=with_title(provisions, title),
        format=FORMAT,
        title=title,
        meta={"encoding": encoding},
    )
    coverage = lines_coverage(lines, splitter, (stage,))
    return ParsedDocument((stage,), coverage=coverage)
