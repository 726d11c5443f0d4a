"""Dutch commentary documents (BNC-fiche, Kamerbrief) as text to a stage of numbered sections.

The input is the text of the document as a PDF or Word export gives it: hard line breaks,
page breaks (a form feed, or a line that starts with one space, as pdftotext writes the first
line of a page), footnotes at the foot of each page and glued footnote markers in the body
("bereikt.19"). We read it in three passes: drop page furniture (footnotes collected, repeated
running headers and page numbers dropped), cut it at the numbered section headings
("7. Stand van zaken ..."), then split each section into paragraphs. Each paragraph is a
block labelled "Section 7, paragraph 3"; references to provisions of a proposal ("artikel 16",
"art. 10, tweede lid", "artikelen 7 tot en met 11") are kept as markers so a commentary can be
linked to the articles it discusses. References to Dutch law ("artikel 429ter van het Wetboek
van Strafrecht") are not references to the proposal and are left out of those markers.
`parse_file` reaches this parser as format `dutch`, chosen automatically for plain text that
`document_type` recognises as a fiche or a letter to parliament.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eu_posities.document import Block, ParsedDocument, ParsedProvision, ParsedStage
from eu_posities.errors import InputError

FORMAT = "dutch"

_SECTION = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
_SUBSECTION = re.compile(r"^([a-z])\)\s+(\S.*)$")
_POINT = re.compile(r"^(\d{1,2}\.|[a-z]\)|[-–•])\s+(\S.*)$")
_FOOTNOTE_LINE = re.compile(r"^(\d{1,3})\s+(\S.*)$")
# A footnote marker glued to the word or punctuation before it: "(hierna: CBS).1", "bereikt.19".
_GLUED_MARK = re.compile(r"(?<=[A-Za-zÀ-ÿ)\].,;:’”\"'])(\d{1,3})(?=[\s,.;:)]|$)")
_PAGE_NUMBER = re.compile(
    r"^(?:-\s*)?(?:pagina\s+)?\d{1,3}(?:\s*(?:van|/)\s*\d{1,3})?(?:\s*-)?$", re.I
)
_DATE_LINE = re.compile(
    r"\b(\d{1,2})\s+(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\s+(\d{4})\b"
)
_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december")  # fmt: skip

_ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6,
             "zevende": 7, "achtste": 8, "negende": 9, "tiende": 10}  # fmt: skip
_NUM = r"(?:\d+[a-z]*|[IVXLC]+\b)"
_REF = re.compile(
    r"\b(?P<word>artikelen|artikel|art\.|overwegingen|overweging|bijlagen|bijlage)\s+"
    rf"(?P<list>{_NUM}(?:\s*(?:,|en|tot en met|t/m|–|-)\s*{_NUM})*)"
    r"(?P<lid>\s*,?\s*(?:(?P<ord>eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende)\s+lid"
    r"|lid\s+(?P<lidnum>\d+)))?",
    re.IGNORECASE,
)
# After these words a reference points at Dutch law or a treaty, not at the proposal.
_NATIONAL = re.compile(
    r"^[^.;]{0,40}?\b(Wetboek|Sr\b|Sv\b|WvSr|Grondwet|EVRM|VWEU|VEU|Verdrag|Handvest|[Ww]et\b|[A-Z][a-z]+wet\b)"
)
_PROPOSAL = re.compile(r"^[^.;]{0,25}?\b(voorstel|richtlijn|verordening|Commissievoorstel)", re.I)


@dataclass
class _Section:
    number: str
    heading: str
    lines: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)


def parse(path: Path, data: bytes, **options: object) -> ParsedDocument:
    """Parse a BNC-fiche or Kamerbrief (its text) into one commentary stage."""
    return parse_document(decode(data, str(path)), source=str(path))


def parse_document(text: str, *, source: str = "") -> ParsedDocument:
    """The document of a Dutch commentary text: its stage and its text coverage (the body
    once page furniture and footnotes are set aside, against the sections' text)."""
    from eu_posities.importers.coverage import measure, placed_texts

    stage = parse_text(text, source=source)
    body, _notes = _strip_page_furniture(text)
    return ParsedDocument((stage,), coverage=measure(body, placed_texts([stage])))


def decode(data: bytes, source: str = "") -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("text is neither UTF-8 nor Windows-1252", source=source or None)


def detect_dutch(data: bytes) -> str | None:
    """`dutch` when the bytes are the text of a BNC-fiche or Kamerbrief (for `--format auto`)."""
    try:
        text = decode(data[:20000])
    except InputError:
        return None
    return FORMAT if document_type(text) else None


def document_type(text: str) -> str | None:
    """'bnc-fiche' or 'kamerbrief' when `text` looks like one (used for format detection)."""
    head = text[:20000]
    numbered = sum(1 for line in head.splitlines() if _SECTION.match(line.strip()))
    if numbered < 2:
        return None
    if re.search(r"\bFiche\b", head) and "Nederlandse positie" in head:
        return "bnc-fiche"
    if re.search(
        r"Tweede Kamer der Staten-Generaal|Eerste Kamer der Staten-Generaal|Kamerstukken", head
    ):
        return "kamerbrief"
    return None


def parse_text(text: str, *, source: str = "") -> ParsedStage:
    """The stage of a Dutch document: an introduction, then one `section` per numbered section."""
    kind = document_type(text) or "dutch"
    title = _title(text.splitlines(), kind)  # before running headers (which repeat it) go
    body, notes = _strip_page_furniture(text)
    sections = _cut_sections(body, notes)
    if not any(s.number for s in sections):
        raise InputError(
            "no numbered sections found (not a BNC-fiche or Kamerbrief?)", source=source or None
        )
    provisions = tuple(_build(s) for s in sections if s.lines or s.number)
    meta: dict[str, Any] = {"document_type": kind}
    date = _letter_date(body)
    if date:
        meta["date"] = date
    return ParsedStage(provisions=provisions, format=FORMAT, title=title, language="nl", meta=meta)


# --- pass 1: page furniture -------------------------------------------------------------------


def _strip_page_furniture(text: str) -> tuple[list[str], dict[int, str]]:
    """Body lines (page breaks as "", headers dropped) and the footnotes by number."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    repeated = _running_headers(raw)
    body: list[str] = []
    notes: dict[int, str] = {}
    next_mark = next_note = 1
    in_notes = False
    for line in raw:
        page_start = line.startswith("\f") or (
            line.startswith(" ") and not line.startswith("  ") and line.strip()
        )
        stripped = line.replace("\f", "").strip()
        if page_start:
            in_notes = False
            # Blank lines around the page furniture say nothing: a sentence that runs on
            # (no full stop, next page starts in lower case) continues its paragraph.
            while body and not body[-1]:
                body.pop()
            runs_on = (
                bool(body)
                and not body[-1].rstrip().endswith((".", "!", "?", ":"))
                and stripped[:1].islower()
            )
            if body and not runs_on:
                body.append("")
        if in_notes:
            match = _FOOTNOTE_LINE.match(stripped)
            if match and int(match.group(1)) == next_note:
                notes[next_note] = match.group(2).strip()
                next_note += 1
            elif stripped and notes:
                last = next_note - 1
                notes[last] = f"{notes[last]} {stripped}"
            continue
        match = _FOOTNOTE_LINE.match(stripped)
        if match and int(match.group(1)) == next_note and next_note < next_mark:
            in_notes = True
            notes[next_note] = match.group(2).strip()
            next_note += 1
            continue
        if stripped in repeated or _PAGE_NUMBER.match(stripped):
            continue

        def unmark(m: re.Match[str]) -> str:
            nonlocal next_mark
            if int(m.group(1)) == next_mark:
                next_mark += 1
                return f"\x00{m.group(1)}\x00"
            return m.group(0)

        body.append(_GLUED_MARK.sub(unmark, stripped))
    return body, notes


def _running_headers(lines: list[str]) -> set[str]:
    """Short lines repeated on three or more pages: running headers and footers."""
    counts = Counter(line.replace("\f", "").strip() for line in lines)
    return {
        line
        for line, count in counts.items()
        if count >= 3
        and line
        and len(line) < 100
        and not _SECTION.match(line)
        and not line[0].islower()
        and not line.endswith((",", "."))
    }


# --- pass 2: sections -------------------------------------------------------------------------


def _cut_sections(body: list[str], notes: dict[int, str]) -> list[_Section]:
    sections = [_Section(number="", heading="Inleiding")]
    expected = 1
    i = 0
    while i < len(body):
        line = body[i]
        match = _SECTION.match(line)
        if match and int(match.group(1)) == expected and _is_heading(match.group(2)):
            heading = match.group(2)
            following = body[i + 1] if i + 1 < len(body) else ""
            continues = following and following[0].islower() and not _SUBSECTION.match(following)
            if len(line) > 60 and continues and len(following) < 60:
                heading = f"{heading} {following}"
                i += 1
            sections.append(_Section(number=str(expected), heading=_clean(heading)))
            expected += 1
        elif expected > 1 and _is_unnumbered_heading(body, i):
            sections.append(_Section(number="", heading=line.strip()))
        else:
            sections[-1].lines.append(line)
        i += 1
    for section in sections:
        marks = re.findall(r"\x00(\d+)\x00", "\n".join(section.lines) + section.heading)
        section.footnotes = [_clean(f"{n} {notes[int(n)]}") for n in marks if int(n) in notes]
    return sections


def _is_heading(text: str) -> bool:
    return bool(text) and (text[0].isupper() or text[0].isdigit()) and len(text) < 160


def _is_unnumbered_heading(body: list[str], i: int) -> bool:
    """A short capitalised line alone after a blank line, before a long paragraph ("Tot slot")."""
    line = body[i].strip()
    before = body[i - 1].strip() if i > 0 else ""
    after = body[i + 1].strip() if i + 1 < len(body) else ""
    return (
        0 < len(line) <= 40
        and line[0].isupper()
        and not line.endswith((".", ",", ":", ";"))
        and not before
        and len(after) > 50
        and after[0].isupper()
    )


# --- pass 3: paragraphs -----------------------------------------------------------------------


def _paragraphs(lines: list[str]) -> list[list[str]]:
    """Lines grouped into paragraphs at blank lines; a page break inside a sentence joins."""
    groups: list[list[str]] = [[]]
    for line in lines:
        if not line.strip():
            if groups[-1]:
                groups.append([])
            continue
        groups[-1].append(line)
    return [g for g in groups if g]


def _join(lines: list[str]) -> str:
    out = ""
    for line in lines:
        line = line.strip()
        if not out:
            out = line
        elif out.endswith("-") and not out.endswith((" -", " –")):
            out += line  # "EU-" + "Richtlijn": a hyphenated compound broken over two lines
        else:
            out += " " + line
    return out


def _clean(text: str) -> str:
    text = re.sub(r"\s*\x00\d+\x00", "", text)
    return " ".join(text.split())


def _build(section: _Section) -> ParsedProvision:
    label = f"Section {section.number}" if section.number else section.heading
    blocks: list[Block] = []
    subsection = ""
    counter = 0
    for group in _paragraphs(section.lines):
        # (number, subsection letter, lines); a subsection heading is its own item.
        items: list[tuple[str, str, list[str]]] = [("", subsection, [])]
        for line in group:
            sub = _SUBSECTION.match(line.strip())
            if sub and len(line) < 90 and sub.group(2)[0].isupper():
                subsection = sub.group(1)
                items.append((f"{subsection})", subsection, [sub.group(2)]))
                items.append(("", subsection, []))
                continue
            point = _POINT.match(line.strip())
            # A dash opens a point only in a list, not where it is a sentence's dash.
            last_num, _, last_lines = items[-1]
            in_list = last_num != "" or (
                bool(last_lines) and last_lines[-1].rstrip().endswith((":", ";"))
            )
            dash = point is not None and point.group(1) in "-–•"
            if (
                point
                and (point.group(1)[0].isdigit() or (dash and in_list))
                and point.group(2)[0].islower()
            ):
                items.append((point.group(1), subsection, [point.group(2)]))
            else:
                items[-1][2].append(line)
        para_label = f"{label}, paragraph {counter}"
        for num, letter, item_lines in items:
            if not item_lines:
                continue
            text = _clean(_join(item_lines))
            markers: dict[str, Any]
            if num.endswith(")") and num[0].isalpha():
                markers = {"label": f"{label}, {num}", "subsection": letter, "heading": text}
            elif num:
                markers = {"label": f"{para_label}, {num}"}
            else:
                counter += 1
                para_label = f"{label}, paragraph {counter}"
                markers = {"label": para_label}
            if letter and "subsection" not in markers:
                markers["subsection"] = letter
            refs = extract_refs(text)
            if refs:
                markers["refs"] = refs
            blocks.append(Block(text=text, num=num, level=1 if num else 0, markers=markers))
    text = "\n".join(f"{b.num} {b.text}".strip() for b in blocks)
    refs = sorted({r for b in blocks for r in b.markers.get("refs", [])}, key=_ref_order)
    kind = "section" if section.number else "paragraph"
    return ParsedProvision(
        kind=kind,
        number=section.number,
        label=label,
        text=text,
        heading=section.heading if section.number or section.heading != "Inleiding" else "",
        blocks=tuple(blocks),
        footnotes=tuple(section.footnotes),
        markers={"refs": refs} if refs else {},
    )


# --- references -------------------------------------------------------------------------------


def extract_refs(text: str) -> list[str]:
    """Provision labels a Dutch text refers to: "artikelen 7 tot en met 9" -> Article 7, 8, 9.

    A paragraph number ("tweede lid") narrows the reference but the label stays the article's,
    since concern links and alignments work on whole provisions.
    """
    found: list[str] = []
    for match in _REF.finditer(text):
        after = text[match.end() : match.end() + 80]
        if _NATIONAL.match(after) and not _PROPOSAL.match(after):
            continue
        word = match.group("word").lower()
        prefix = (
            "Recital"
            if word.startswith("overweging")
            else "Annex"
            if word.startswith("bijlage")
            else "Article"
        )
        for number in _expand(match.group("list")):
            label = f"{prefix} {number}"
            if label not in found:
                found.append(label)
    return found


def _expand(listing: str) -> list[str]:
    parts = re.split(r"\s*(,|\ben\b|tot en met|t/m|–|-)\s*", listing)
    numbers: list[str] = []
    range_next = False
    for part in parts:
        if part in ("tot en met", "t/m", "–", "-"):
            range_next = True
            continue
        if part in (",", "en") or not part:
            continue
        if range_next and numbers and numbers[-1].isdigit() and part.isdigit():
            start, end = int(numbers[-1]), int(part)
            if 0 < end - start <= 50:
                numbers.extend(str(n) for n in range(start + 1, end + 1))
        else:
            numbers.append(part)
        range_next = False
    return numbers


def _ref_order(label: str) -> tuple[str, int, str]:
    kind, _, number = label.partition(" ")
    digits = re.match(r"\d+", number)
    return (kind, int(digits.group(0)) if digits else 0, number)


# --- metadata ---------------------------------------------------------------------------------


def _letter_date(lines: list[str]) -> str:
    for line in lines[:80]:
        if line.strip().startswith(("Den Haag", "'s-Gravenhage", "Datum")):
            match = _DATE_LINE.search(line)
            if match:
                day, month, year = match.groups()
                return f"{year}-{_MONTHS.index(month.lower()) + 1:02d}-{int(day):02d}"
    return ""


def _title(lines: list[str], kind: str) -> str:
    for line in lines[:40]:
        stripped = _clean(line)
        if kind == "bnc-fiche" and stripped.startswith("Fiche"):
            return stripped
    return ""
