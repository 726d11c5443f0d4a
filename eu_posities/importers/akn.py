"""Akoma Ntoso 3.0 and AKN4EU (including LEOS mandates) to stages.

AKN documents are `akomaNtoso/(act|bill|doc)` with `preface` (title), `preamble`
(`citations`, `recitals`, formulas), `body` (`chapter`/`section`/`article`, each with
`num` and `heading`) and `conclusions`. Provisions are keyed on the printed `num`, never on
`eId`/`xml:id`, which LEOS regenerates at random between versions. Older CIRSFID files put
the article title in a second `num` instead of `heading`.

A LEOS mandate is a Commission proposal with the Council's changes as soft actions:
`leos:origin` ("ec" Commission, "cn" Council) and `leos:softaction` ("add", "del",
"move_from" on the moved element in its new place, "move_to" on the ghost left in the old
place). Reading one gives the Council text; with `leos_both=True` also the Commission text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree

from eu_posities.document import Coverage, ParsedDocument, ParsedStage
from eu_posities.errors import InputError
from eu_posities.importers.common import ARTICLE_LINE, NOTE_MARK, Draft, clean, finish, local
from eu_posities.importers.xmlsafe import parse_xml

FORMAT = "akn"
LEOS = "urn:eu:europa:ec:leos"
_ORIGIN = f"{{{LEOS}}}origin"
_SOFT = f"{{{LEOS}}}softaction"
_RECITAL_NUM = re.compile(r"^\(?(\d+[a-z]*)\)?$")
_ANNEX = re.compile(r"^ANNEX\s*([IVXLC]+|\d+)?", re.IGNORECASE)
_STRUCTURE = {"part", "title", "chapter", "section", "subsection"}
_DEEPER = {"point", "indent", "alinea"}
_SKIP = {"meta", "authorialNote", "num", "heading", "subheading"}

# "trans" (a Commission-internal restructuring) also occurs in plain proposals.
_MANDATE_ACTIONS = {"add", "del", "move_from", "move_to"}

# Which soft actions each reading leaves out.
_EXCLUDED = {
    "council": {"del", "move_to"},
    "commission": {"add", "move_from"},
}


class _Reading:
    """One reading of the document (plain, Council or Commission) and what it leaves out."""

    def __init__(self, excluded: set[str]) -> None:
        self.excluded = excluded

    def keeps(self, element: etree._Element) -> bool:
        return element.get(_SOFT, "") not in self.excluded

    def inline(self, element: etree._Element, draft: Draft | None) -> str:
        parts: list[str] = [element.text or ""]
        for child in element:
            name = local(child.tag)
            if name == "authorialNote":
                parts.append(NOTE_MARK)
                if draft is not None:
                    draft.footnotes.append(clean(self.inline(child, None)))
            elif name and self.keeps(child):
                text = self.inline(child, draft)
                parts.append(f" {text} " if name == "p" else text)
            parts.append(child.tail or "")
        return "".join(parts)

    def markers(self, element: etree._Element) -> dict[str, Any]:
        for node in (element, *element.iterancestors()):
            action = node.get(_SOFT)
            if action in _MANDATE_ACTIONS:
                return {"origin": node.get(_ORIGIN, ""), "softaction": action}
        origin = element.get(_ORIGIN)
        return {"origin": origin} if origin == "cn" else {}

    def blocks(self, element: etree._Element, draft: Draft, level: int, state: dict) -> None:
        """Add the text paragraphs under `element`, numbers attached to the next paragraph."""
        for child in element:
            name = local(child.tag)
            if not name or not self.keeps(child):
                continue
            if name == "num" and local(element.tag) in ("article", "recital"):
                continue  # the provision's own number, read by the caller
            if name == "num":
                state["num"] = clean(self.inline(child, draft))
            elif name in _SKIP or name in ("article",) or name in _STRUCTURE:
                continue
            elif name in ("p", "block", "blockContainer") or (
                name == "content" and not any(local(c.tag) == "p" for c in child)
            ):
                text = self.inline(child, draft)
                if clean(text.replace(NOTE_MARK, "")):
                    num, state["num"] = state.get("num", ""), ""
                    draft.add(text, num=num, level=level, markers=self.markers(child))
            elif name == "table":
                for row in child.iter("{*}tr"):
                    cells = [clean(self.inline(cell, draft)) for cell in row]
                    draft.add(" | ".join(cells), level=level)
            else:
                deeper = level + 1 if name in _DEEPER and local(element.tag) != "article" else level
                self.blocks(child, draft, deeper, state)


def _nums(element: etree._Element) -> list[etree._Element]:
    return [c for c in element if local(c.tag) == "num"]


def _child(element: etree._Element, name: str) -> etree._Element | None:
    for child in element:
        if local(child.tag) == name:
            return child
    return None


def _read(root: etree._Element, reading: _Reading) -> tuple[list[Draft], str]:
    drafts: list[Draft] = []
    title = ""
    for preface in root.iter("{*}preface"):
        long_title = _child(preface, "longTitle")
        source = long_title if long_title is not None else preface
        title = clean(reading.inline(source, None))
        break
    citations = 0
    for element in root.iter():
        name = local(element.tag)
        if not name or not reading.keeps(element):
            continue
        if any(not reading.keeps(a) for a in element.iterancestors()):
            continue
        if any(local(a.tag) in ("quotedStructure", "mod", "embeddedStructure")
               for a in element.iterancestors()):  # fmt: skip
            continue
        if name == "citation":
            citations += 1
            draft = Draft(kind="citation", number=str(citations), label=f"Citation {citations}")
            reading.blocks(element, draft, 0, {})
            drafts.append(draft)
        elif name == "recital":
            nums = _nums(element)
            printed = clean(reading.inline(nums[0], None)) if nums else ""
            match = _RECITAL_NUM.match(printed)
            draft = Draft(kind="recital", number=match.group(1) if match else printed)
            reading.blocks(element, draft, 0, {})
            for block_index, block in enumerate(draft.blocks):
                if block.num == printed:  # the recital number is the provision's, not text
                    draft.blocks[block_index] = type(block)(
                        text=block.text, level=block.level, markers=block.markers
                    )
            draft.markers = reading.markers(element)
            drafts.append(draft)
        elif name in ("formula", "block") and "ADOPTED" in "".join(element.itertext()):
            if element.get("name") not in ("actingEntity", "preambleFormula"):
                draft = Draft(kind="formula", label="Formula")
                reading.blocks(element, draft, 0, {})
                if not draft.blocks:  # <block name="preamble.final">HAVE ADOPTED ...</block>
                    draft.add(reading.inline(element, draft))
                drafts.append(draft)
        elif name == "article":
            drafts.append(_article(element, reading))
    return drafts, title


def _article(element: etree._Element, reading: _Reading) -> Draft:
    nums = _nums(element)
    label = clean(reading.inline(nums[0], None)) if nums else ""
    match = ARTICLE_LINE.match(label)
    number = match.group(1) if match else label.replace("Article", "").strip()
    heading_el = _child(element, "heading")
    if heading_el is not None:
        heading = reading.inline(heading_el, None)
    elif len(nums) > 1:
        heading = reading.inline(nums[1], None)  # CIRSFID files: the title as a second num
    else:
        heading = ""
    draft = Draft(kind="article", number=number, label=f"Article {number}", heading=heading)
    path = []
    for ancestor in element.iterancestors():
        if local(ancestor.tag) in _STRUCTURE:
            parts = [_child(ancestor, "num"), _child(ancestor, "heading")]
            text = " – ".join(clean(reading.inline(p, None)) for p in parts if p is not None)
            if text:
                path.append(text)
    draft.path = tuple(reversed(path))
    draft.markers = reading.markers(element)
    reading.blocks(element, draft, 0, {})
    return draft


def is_mandate(root: etree._Element) -> bool:
    """True if the document carries LEOS soft actions or Council-origin elements."""
    for element in root.iter():
        if element.get(_SOFT) in _MANDATE_ACTIONS or element.get(_ORIGIN) == "cn":
            return True
    return False


def parse(path: Path, data: bytes, **options: object) -> ParsedDocument:
    """Parse an AKN file: one stage, or the Council (and Commission) text of a mandate."""
    root = parse_xml(data, str(path))
    if local(root.tag) != "akomaNtoso":
        raise InputError(f"not Akoma Ntoso (root element <{local(root.tag)}>)", source=str(path))
    if not is_mandate(root):
        drafts, title = _read(root, _Reading(set()))
        stage = _stage(path, drafts, title, None)
        return ParsedDocument((stage,), coverage=_coverage(root, _Reading(set()), stage))
    readings = ["council", "commission"] if options.get("leos_both") else ["council"]
    stages = []
    for reading in readings:
        drafts, title = _read(root, _Reading(_EXCLUDED[reading]))
        stages.append(_stage(path, drafts, title, reading))
    # Coverage of the first reading (the Council's): what the other leaves out is not lost.
    return ParsedDocument(
        tuple(stages), coverage=_coverage(root, _Reading(_EXCLUDED[readings[0]]), stages[0])
    )


def _coverage(root: etree._Element, reading: _Reading, stage: ParsedStage) -> Coverage:
    """Text coverage of one reading: the text of the act, notes and metadata aside."""
    from eu_posities.importers.coverage import markup_texts, measure, placed_texts

    def part(element: etree._Element) -> str | None:
        name = local(element.tag)
        if not name or name in ("meta", "authorialNote"):
            return ""  # metadata, footnotes, comments
        if not reading.keeps(element):
            return "text this reading leaves out"
        if name in ("quotedStructure", "embeddedStructure"):
            return None
        if name == "coverPage":
            return "cover page"
        parent = element.getparent()
        if (name == "formula" and parent is not None and local(parent.tag) == "preamble") or (
            name == "intro" and parent is not None and local(parent.tag) == "recitals"
        ):
            # "THE EUROPEAN PARLIAMENT AND THE COUNCIL ...," and "Whereas:": set phrases.
            return "preamble formulas"
        if name == "conclusions" or (name == "clause" and local(element.getparent().tag) == "body"):
            # The closing clause ("This Regulation shall be binding ...") and signatures.
            return "final formula and signatures"
        return None

    def block(element: etree._Element) -> bool:
        return local(element.tag) in _TEXT_BLOCKS

    body, skipped = markup_texts(root, part, block)
    return measure(body, placed_texts([stage]), skipped)


_TEXT_BLOCKS = {
    "p", "num", "heading", "subheading", "docTitle", "docType", "docNumber", "docStage",
    "docProponent", "longTitle", "td", "th", "li", "block", "formula",
}  # fmt: skip


# A text's name becomes its stage key when the user names none: a standard stage kind.
_STAGE_NAMES = {"council": "council-mandate", "commission": "commission-proposal"}


def _stage(path: Path, drafts: list[Draft], title: str, name: str | None) -> ParsedStage:
    if not any(d.kind in ("article", "recital") for d in drafts):
        raise InputError("no articles or recitals found in this Akoma Ntoso file", source=str(path))
    if title:
        head = Draft(kind="title", label="Title")
        head.add(title)
        drafts.insert(0, head)
    meta = {"leos_reading": name} if name else {}
    stage_name = _STAGE_NAMES[name] if name else None
    return ParsedStage(
        provisions=finish(drafts), format=FORMAT, name=stage_name, title=title, meta=meta
    )
