"""Recast proposals: one document that holds both the current law and the proposed text.

A recast proposal prints the whole act, with margin labels saying where each block comes
from ("2011/93/EU", "2011/93/EU (adapted)", "new") and arrows inside the words:
⌦ … ⌫ is old wording that goes, ⇨ … ⇦ is new wording. Importers keep the words as they are;
this module reads the labels and arrows into `Block.markers` and produces either text:
`recast="proposal"` (the proposed act) or `recast="current"` (the act in force).
"""

from __future__ import annotations

import re
from dataclasses import replace

from eu_posities.document import Block, ParsedProvision, ParsedStage
from eu_posities.importers.common import blocks_text, clean

DELETED = re.compile(r"⌦(.*?)⌫", re.S)
INSERTED = re.compile(r"⇨(.*?)⇦", re.S)
_ARROWS = re.compile(r"[⌦⌫⇨⇦]")
# Margin labels: "new", "⇩ new", "2011/93/EU", "2011/93/EU (adapted)", "2011/93/EU Article 2".
LABEL = re.compile(
    r"^(?:⇩\s*)?(?:new|\d{2,4}/\d{1,4}/(?:EU|EC|EEC|Euratom|EURATOM|JHA|CFSP)"
    r"(?:\s+(?:Art(?:icle)?\.?|recital)\s*[\w()]+(?:\s*\(\w+\))?)?(?:\s*\(adapted\))?"
    r"|\(adapted\)|corrigendum)$",
    re.IGNORECASE,
)


def is_label(text: str) -> bool:
    """True for a recast margin label such as "2011/93/EU (adapted)" or "new"."""
    return len(text) < 80 and bool(LABEL.match(text.strip()))


def has_recast_markers(stage: ParsedStage) -> bool:
    """True if the stage carries recast arrows or margin labels."""
    for provision in stage.provisions:
        if _ARROWS.search(provision.heading):
            return True
        for block in provision.blocks:
            if _ARROWS.search(block.text) or (is_label(block.text) and "/" in block.text):
                return True
    return False


def _status(label: str) -> str:
    low = label.lower()
    if low.endswith("new"):
        return "new"
    if "adapted" in low:
        return "adapted"
    return "unchanged"


def render(text: str, mode: str) -> str:
    """The words of `text` as they read in the proposal or in the current act."""
    text = DELETED.sub(" ", text) if mode == "proposal" else INSERTED.sub(" ", text)
    return clean(_ARROWS.sub("", text))


def apply_recast(stage: ParsedStage, mode: str = "proposal") -> ParsedStage:
    """Return the proposal or the current-law reading of a recast stage."""
    label = ""
    provisions: list[ParsedProvision] = []
    for provision in stage.provisions:
        blocks: list[Block] = []
        start_label = label
        for block in provision.blocks:
            if is_label(block.text) and not block.num:
                label = clean(block.text.lstrip("⇩"))
                continue
            status = _status(label) if label else "unchanged"
            if mode == "current" and status == "new":
                continue
            text = render(block.text, mode)
            if not text:
                continue
            markers = dict(block.markers)
            markers.update(
                recast_label=label,
                recast=status,
                deleted=[clean(m) for m in DELETED.findall(block.text)],
                inserted=[clean(m) for m in INSERTED.findall(block.text)],
            )
            blocks.append(replace(block, text=text, markers=markers))
        if not blocks and provision.blocks and mode == "current":
            continue  # a provision that is wholly new in the recast
        if not blocks and provision.kind != "article" and provision.blocks:
            continue
        markers = dict(provision.markers)
        markers["recast_label"] = start_label or (
            blocks[0].markers["recast_label"] if blocks else ""
        )
        provisions.append(
            replace(
                provision,
                heading=render(provision.heading, mode),
                blocks=tuple(blocks),
                text=blocks_text(blocks),
                markers=markers,
            )
        )
    meta = dict(stage.meta)
    meta["recast"] = mode
    return replace(stage, provisions=tuple(provisions), meta=meta)
