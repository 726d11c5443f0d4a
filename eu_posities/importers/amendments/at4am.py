"""AT4AM / Akoma Ntoso amendments: `<amendment>` documents with two `quotedStructure`s.

The EP's amendment editor (AT4AM, later NSESA) writes each amendment as an Akoma Ntoso
`amendment` (AKN 2.0 with the EP's `xml4ep` vocabulary, or AKN 3.0): the proponents in the
`preface` (`docIntroducer` / `docProponent` persons), the target in the `amendmentHeading`
(`<inline name="AMposition">Recital 3</inline>`, after the `docType` "Proposal for a
decision"), the two texts in `amendmentContent/block[@name="changeBlock"]/mod` as two
`quotedStructure`s (the current text first, the proposed one second, also told apart by
`ep:tref` ".../content/current" and ".../content/proposed"), the changed words in `change`
elements (or `ins`/`del`), "Or. en" in a `remark`, and the `amendmentJustification`. Several
amendments come concatenated in one file or inside an `amendmentList`.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from eu_posities.document import Amendment, Coverage, ParsedDocument
from eu_posities.errors import InputError
from eu_posities.importers.amendments.meta import read_meta
from eu_posities.importers.amendments.model import Column, build_amendment, column_words
from eu_posities.importers.amendments.runs import Piece
from eu_posities.importers.common import NOTE_MARK, clean, local
from eu_posities.importers.xmlsafe import parse_xml

FORMAT = "ep-amendments"

_MARKED = {"change", "ins", "del"}
_SKIP = {"authorialNote", "noteRef", "remark"}
_LINE_HOLDERS = {
    "p", "block", "heading", "subheading", "num", "intro", "wrapUp", "listIntroduction",
    "listWrapUp", "alinea",
}  # fmt: skip
_UNIT_WITH_NUM = {"recital", "citation", "article", "paragraph", "point", "indent", "subparagraph",
                  "list", "item", "section", "chapter", "title", "part", "annex"}  # fmt: skip


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in element if local(c.tag) == name]


def _descendants(element: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in element.iter() if local(c.tag) == name]


def _text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return clean("".join(element.itertext()))


def _pieces(element: etree._Element, marked: bool = False) -> list[Piece]:
    """The text of an inline stretch as pieces; `change`/`ins`/`del` and bold italic marked."""
    out: list[Piece] = []
    name = local(element.tag)
    style = (element.get("class") or "") + " " + (element.get("style") or "")
    marked = marked or name in _MARKED or ("bold" in style and "italic" in style)
    if element.text:
        out.append((element.text, marked))
    for child in element:
        child_name = local(child.tag)
        if child_name in ("noteRef", "authorialNote"):
            out.append((NOTE_MARK, False))
        elif child_name == "eol":
            out.append((" ", False))
        elif child_name:
            out.extend(_pieces(child, marked))
        if child.tail:
            out.append((child.tail, marked))
    return out


def _lines(element: etree._Element, column: Column, number: str = "") -> None:
    """The lines of a quoted structure: each numbered unit's text, its number first."""
    pending = number
    for child in element:
        name = local(child.tag)
        if not name or name in _SKIP:
            continue
        if name == "num":
            continue  # read with the unit it numbers
        if name == "heading":
            column.heading = [(_text(child), False)]
            continue
        if name in _UNIT_WITH_NUM or name in ("content", "hcontainer", "container"):
            nums = _children(child, "num")
            own = _text(nums[0]) if nums else ""
            if name == "article" and own:
                own = ""  # "Article 5a" is the target's label, not text
            _lines(child, column, " ".join(n for n in (pending, own) if n))
            pending = ""
        elif name in _LINE_HOLDERS or name in ("table",):
            prefix: list[Piece] = [(pending + " ", False)] if pending else []
            column.add(prefix + _pieces(child))
            pending = ""
        else:
            _lines(child, column, pending)
            pending = ""
    if pending:
        column.add([(pending, False)])


def _quoted(mod: etree._Element) -> tuple[etree._Element | None, etree._Element | None]:
    """The current and the proposed text of a `mod`."""
    quoted = _children(mod, "quotedStructure") or _children(mod, "quotedText")
    current = proposed = None
    for q in quoted:
        role = next((v for k, v in q.attrib.items() if k.endswith("tref")), "")
        if role.endswith("current"):
            current = q
        elif role.endswith("proposed"):
            proposed = q
    if current is None and proposed is None and quoted:
        current = quoted[0] if len(quoted) > 1 else None
        proposed = quoted[-1]
    return current, proposed


def _number(amendment: etree._Element, position: int) -> tuple[str, bool]:
    for frbr in _descendants(amendment, "FRBRnumber"):
        if frbr.get("value"):
            return frbr.get("value", ""), True
    for holder in ("amendmentHeading", "preface"):
        for section in _descendants(amendment, holder):
            for name in ("num", "docNumber"):
                found = _descendants(section, name)
                if found and re.search(r"\d", _text(found[0])):
                    return re.sub(r"^\D+", "", _text(found[0])), True
    return str(position), False


def _target(amendment: etree._Element) -> str:
    heading = next(iter(_descendants(amendment, "amendmentHeading")), None)
    if heading is None:
        return ""
    positions = [_text(i) for i in _descendants(heading, "inline") if i.get("name") == "AMposition"]
    if positions:
        return " – ".join(p for p in positions if p)
    blocks = [_text(b) for b in _descendants(heading, "block")]
    return " – ".join(b for b in blocks if b and not re.match(r"^(Proposal|Draft)\b", b))


def _members(amendment: etree._Element) -> str:
    names = [_text(p) for p in _descendants(amendment, "person")]
    names += [_text(p) for p in _descendants(amendment, "docProponent")]
    return ", ".join(n for n in names if n)


def _justification(amendment: etree._Element) -> str:
    parts = []
    for just in _descendants(amendment, "amendmentJustification"):
        for child in just:
            if local(child.tag) == "block" and child.get("name") == "justificationHeading":
                continue
            parts.append(_text(child))
    return " ".join(p for p in parts if p)


def _words(text: str) -> int:
    return len(text.split())


def _coverage(root: etree._Element, amendments: list[Amendment], read: int) -> Coverage:
    """Words of the amendment bodies against the words read into amendments."""
    body = skipped = heads = 0
    for element in _descendants(root, "amendmentBody"):
        body += _words(" ".join(element.itertext()))
        for block in _descendants(element, "block"):
            if block.get("name") in ("versionTitle", "comment", "justificationHeading"):
                skipped += _words(" ".join(block.itertext()))
        for heading in _descendants(element, "amendmentHeading"):
            heads += _words(" ".join(heading.itertext()))  # document amended and target
    placed = heads + read + sum(_words(a.justification) for a in amendments)
    return Coverage(
        body_words=body,
        placed_words=min(placed, body),
        skipped_words=skipped,
        skipped=("column titles and Or. xx",),
    )


def parse(path: Path, data: bytes, **options: object) -> ParsedDocument:
    """Read the amendments of an AT4AM / Akoma Ntoso amendment file."""
    root = parse_xml(data, str(path))
    found = [e for e in root.iter() if local(e.tag) == "amendment"]
    if not found:
        raise InputError("no <amendment> in this Akoma Ntoso file", source=str(path))
    amendments: list[Amendment] = []
    warnings: list[str] = []
    unnumbered = read = 0
    for position, element in enumerate(found, start=1):
        number, stated = _number(element, position)
        unnumbered += 0 if stated else 1
        old, new = Column(), Column()
        mods = _descendants(element, "mod")
        if not mods:
            warnings.append(f"amendment {number}: no <mod> with the two texts")
        for mod in mods:
            current, proposed = _quoted(mod)
            if current is not None:
                _lines(current, old)
            if proposed is not None:
                _lines(proposed, new)
        read += column_words(old) + column_words(new)
        amendments.append(
            build_amendment(
                number,
                _target(element),
                old,
                new,
                justification=_justification(element),
                members=_members(element),
            )
        )
    if unnumbered:
        warnings.append(f"{unnumbered} amendments carry no number; numbered by their position")
    title = " ".join(_text(d) for d in _descendants(root, "docTitle"))
    doc_types = [_text(d) for d in _descendants(root, "docType")]
    meta: dict[str, object] = dict(read_meta(title or (doc_types[0] if doc_types else "")))
    meta["amendments"] = len(amendments)
    return ParsedDocument(
        stages=(),
        amendments=tuple(amendments),
        coverage=_coverage(root, amendments, read),
        warnings=tuple(warnings),
        meta=meta,
    )
