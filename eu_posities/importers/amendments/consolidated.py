"""A consolidated EP amendment: one amendment restating the whole act, read as a stage.

The Parliament sometimes adopts a single amendment that replaces the whole proposal ("Amendment
1 — AMENDMENTS BY THE EUROPEAN PARLIAMENT to the Commission proposal"): the full text as the
EP wants it, its new words in bold italic, and "▌" wherever Commission text was cut. In the
OJ this is an ordinary OJ XHTML act, so the structure is read by the OJ importer; this module
adds the marks (bold italic = inserted) and takes the ▌ out of the text (a stage's text never
holds one; each provision counts its cuts in `markers["cuts"]`). The text cut is not in the
document: `eu_posities.amending.rebase_consolidated` recovers it from the base.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from lxml import etree

from eu_posities.document import Block, MarkedRun, ParsedDocument, ParsedProvision, ParsedStage
from eu_posities.errors import InputError
from eu_posities.importers import oj_xhtml
from eu_posities.importers.amendments.meta import read_meta
from eu_posities.importers.amendments.oj_tables import pieces_of
from eu_posities.importers.amendments.runs import (
    Piece,
    as_runs,
    clean_pieces,
    normalise_runs,
    plain,
)
from eu_posities.importers.common import ARTICLE_LINE, NOTE_MARK, blocks_text, clean
from eu_posities.importers.xmlsafe import parse_html

FORMAT = "ep-consolidated"
CUT = "▌"

_PROCEDURE_LINE = re.compile(r"^\d{4}/\d{4}\s*\(\w{3}\)$")
_SQUASH = re.compile(r"[\s\x00▌]+")
_ANNEX = re.compile(r"^ANNEX\s*([IVXLC]+|\d+)?\b", re.IGNORECASE)


def looks_consolidated(data: bytes) -> bool:
    """An OJ act that is one EP amendment restating a proposal (▌ marks its cuts)."""
    return CUT.encode() in data and b"AMENDMENTS BY THE EUROPEAN PARLIAMENT" in data


def _squash(text: str) -> str:
    return _SQUASH.sub("", text)


_CLOSING = frozenset(",.;:)]’”")
_OPENING = frozenset("([‘“")


def without_cuts(pieces: list[Piece]) -> tuple[list[Piece], int]:
    """The pieces with every ▌ taken out (and the space it leaves), and how many there were.

    "Internet ▌ in" becomes "Internet in", "Internet ▌ ." "Internet.", "(▌ e.g." "(e.g.".
    """
    cleaned = clean_pieces(pieces)
    if not any(CUT in text for text, _ in cleaned):
        return cleaned, 0
    chars = [(c, marked) for text, marked in cleaned for c in text]
    cuts = 0
    i = 0
    while i < len(chars):
        if chars[i][0] != CUT:
            i += 1
            continue
        cuts += 1
        del chars[i]
        before = chars[i - 1][0] if i > 0 else ""
        after = chars[i][0] if i < len(chars) else ""
        if before == " " and after == " ":
            del chars[i]
            after = chars[i][0] if i < len(chars) else ""
        if before == " " and (after in _CLOSING or not after):
            del chars[i - 1]
            i -= 1
        elif after == " " and (before in _OPENING or not before):
            del chars[i]
    grouped: list[Piece] = []
    for char, marked in chars:
        if grouped and grouped[-1][1] == marked:
            grouped[-1] = (grouped[-1][0] + char, marked)
        else:
            grouped.append((char, marked))
    return clean_pieces(grouped), cuts


def parse(path: Path, data: bytes, **options: object) -> ParsedDocument:
    """Read a consolidated EP amendment into the Parliament's stage."""
    document = oj_xhtml.parse(path, data, **options)
    root = parse_html(data, str(path))
    titles = [t for t in root.iter("div") if (t.get("class") or "") == "eli-main-title"]
    if len(titles) < 2 or CUT.encode() not in data:
        raise InputError("not a consolidated EP amendment (no ▌, no act title)", source=str(path))
    ta_title = " ".join(clean("".join(p.itertext())) for p in titles[0].iter("p"))
    act_lines = [clean("".join(p.itertext())) for p in titles[1].iter("p")]
    # "2022/0047 (COD)" above the title is the procedure, not part of the title.
    act_title = " ".join(t for t in act_lines if not _PROCEDURE_LINE.match(t))
    act_title = act_title.replace(CUT, "").strip()
    pieces_by_label = _pieces_by_label(root)
    stage = document.stages[0]
    provisions: list[ParsedProvision] = []
    unmarked = 0
    for provision in stage.provisions:
        if provision.kind == "title":
            provision = replace(provision, text=act_title, blocks=(Block(act_title),))
            provisions.append(provision)
            continue
        marked, missing = _marked(provision, pieces_by_label.get(provision.label, {}))
        unmarked += missing
        provisions.append(marked)
    meta: dict[str, object] = dict(read_meta(ta_title))
    meta.update(consolidated=True, amendment="1", cuts=sum(_cuts(p) for p in provisions))
    warnings = list(document.warnings)
    if unmarked:
        warnings.append(f"{unmarked} paragraphs whose bold-italic marks could not be placed")
    parsed = ParsedStage(
        provisions=tuple(provisions),
        format=FORMAT,
        title=act_title,
        meta={"consolidated": True},
    )
    return ParsedDocument(
        stages=(parsed,), coverage=document.coverage, warnings=tuple(warnings), meta=meta
    )


def _cuts(provision: ParsedProvision) -> int:
    return int(provision.markers.get("cuts", 0))


def _label(div: etree._Element) -> str:
    ident = div.get("id") or ""
    if ident.startswith("cit_"):
        return f"Citation {ident[4:]}"
    if ident.startswith("rct_"):
        cells = div.findall(".//td")
        number = clean("".join(cells[0].itertext())).strip("()") if cells else ident[4:]
        return f"Recital {number}"
    if ident.startswith("art_"):
        for p in div.iter("p"):
            if (p.get("class") or "") == "oj-ti-art":
                match = ARTICLE_LINE.match(clean("".join(p.itertext())).replace(CUT, "").strip())
                if match:
                    return f"Article {match.group(1)}"
        return f"Article {ident[4:]}"
    if ident.startswith("anx_"):
        for p in div.iter("p"):
            if (p.get("class") or "") == "oj-doc-ti":
                match = _ANNEX.match(clean("".join(p.itertext())))
                return f"Annex {(match.group(1) or '') if match else ''}".strip()
    return ""


def _pieces_by_label(root: etree._Element) -> dict[str, dict[str, list[list[Piece]]]]:
    """For each provision: its paragraphs' marked pieces, found by their squashed text."""
    out: dict[str, dict[str, list[list[Piece]]]] = {}
    for div in root.iter("div"):
        ident = div.get("id") or ""
        if "." in ident or not ident.startswith(("cit_", "rct_", "art_", "anx_")):
            continue
        label = _label(div)
        if not label:
            continue
        found: dict[str, list[list[Piece]]] = defaultdict(list)
        for p in div.iter("p"):
            pieces = pieces_of(p)
            key = _squash("".join(t for t, _ in pieces))
            if key:
                found[key].append(pieces)
        out.setdefault(label, found)
    return out


def _drop_chars(pieces: list[Piece], count: int) -> list[Piece]:
    """The pieces without their first `count` non-space characters."""
    out: list[Piece] = []
    for text, marked in pieces:
        if count <= 0:
            out.append((text, marked))
            continue
        cut = 0
        while cut < len(text) and count > 0:
            if not text[cut].isspace() and text[cut] not in (NOTE_MARK, CUT):
                count -= 1
            cut += 1
        out.append((text[cut:], marked))
    return out


def _marked(
    provision: ParsedProvision, found: dict[str, list[list[Piece]]]
) -> tuple[ParsedProvision, int]:
    """The provision's lines with their marks and without ▌; how many lines had no marks."""
    blocks: list[Block] = []
    runs: list[MarkedRun] = []
    cuts = 0
    missing = 0
    for index, block in enumerate(provision.blocks):
        candidates = found.get(_squash(block.text), [])
        numbered = found.get(_squash(block.num + block.text), []) if block.num else []
        if candidates:
            pieces, line_cuts = without_cuts(candidates.pop(0))
        elif numbered:
            # "1. Text" in one paragraph of the source; the stage keeps "1." as the number.
            pieces, line_cuts = without_cuts(_drop_chars(numbered.pop(0), len(_squash(block.num))))
        else:
            pieces, line_cuts = without_cuts([(block.text.replace(NOTE_MARK, ""), False)])
            if provision.kind != "formula" and any(t.strip() for t, _ in pieces):
                missing += 1
        cuts += line_cuts
        if CUT in block.num:
            # A whole point cut: its number cell holds only the ▌.
            cuts += block.num.count(CUT)
            block = replace(block, num=clean(block.num.replace(CUT, "")))
        text = plain(pieces)
        num_marked = bool(pieces) and pieces[0][1] and bool(block.num)
        new = Block(text=text, num=block.num, level=block.level, markers=block.markers)
        if not text and not block.num:
            continue
        if index and runs:
            runs.append(MarkedRun("equal", "\n"))
        if block.num:
            runs.append(MarkedRun("insert" if num_marked else "equal", block.num))
            if text:
                runs.append(MarkedRun("insert" if num_marked else "equal", " "))
        runs.extend(as_runs(pieces, "insert"))
        blocks.append(new)
    heading = provision.heading.replace(CUT, " ")
    heading = clean(re.sub(r"\s+([,.;:)])", r"\1", heading))
    markers = dict(provision.markers)
    if cuts:
        markers["cuts"] = cuts
    text = blocks_text(blocks)
    marks = normalise_runs(runs)
    if "".join(r.text for r in marks) != text:
        marks = (MarkedRun("equal", text),)
    return replace(
        provision, text=text, heading=heading, blocks=tuple(blocks), markers=markers, marks=marks
    ), missing
