"""Flags on a redline: modal verbs, negations, numbers and cross-references that changed."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from eu_posities.diff.op import DiffOp

FLAG_KINDS = ("modal", "negation", "number", "reference", "reference-renumbered")

# Longest phrases first so "shall not" wins over "shall".
_MODAL = re.compile(
    r"\b(?:shall\s+not|shall|must\s+not|must|may\s+not|may|should\s+not|should|"
    r"(?:is|are)\s+(?:entitled|required|obliged)\s+to|(?:is|are)\s+to|can(?:not)?|"
    r"moet(?:en)?|dient|dienen|zal|zullen|kan|kunnen|mag|mogen|hoeft|hoeven)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:not|no|never|none|neither|nor|without|niet|geen|nooit|noch|zonder)\b", re.IGNORECASE
)
REFERENCE = re.compile(
    r"\b(?:Articles?|Art\.|[Aa]rtikel(?:en)?)\s+\d+[a-z]*(?:\(\w{1,4}\))*"
    r"(?:\s*,\s*points?\s+\(\w{1,4}\))?"
    # "Article 6(1) of Directive 2002/58/EC": an article of another act, kept in one piece
    r"(?:\s+of\s+(?:Regulation|Directive|Decision)\s+(?:\((?:EU|EC|EEC|EU, Euratom)\)\s+)?"
    r"(?:No\s+)?[\d…./]+\d(?:/[A-Z]+)?|\s+of\s+the\s+(?:Charter|Treaty)\b|\s+(?:TFEU|TEU)\b)?"
    r"|\b(?:[Pp]oints?|[Pp]aragraphs?|[Ll]id|[Oo]nderdeel)\s+(?:\(\w{1,4}\)|\d+[a-z]?)"
    r"|\b(?:Directive|Regulation|Decision|Framework Decision|Richtlijn|Verordening|Besluit)"
    r"\s+(?:\((?:EU|EC|EEC|EG|EU, Euratom)\)\s+)?(?:No\s+|nr\.\s+)?\d{2,4}/\d+(?:/[A-Z]+)?"
    r"|\b(?:[Rr]ecitals?|[Oo]verweging)\s+\(?\d+[a-z]?\)?"
    r"|\b(?:Annex|Bijlage)\s+[IVXLC]+\b"
    r"|\b(?:Chapter|Section|Hoofdstuk|Afdeling)\s+(?:[IVXLC]+|\d+)\b"
)
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    "forty|fifty|hundred|thousand|million|first|second|third|twentieth|"
    "een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twaalf|twintig|dertig|honderd|duizend"
)
_NUMBER = re.compile(
    r"(?:(?:EUR|€)\s*)?(?<![\w/])(?:\d{1,3}(?:[ ,.]\d{3})+|\d+(?:[.,]\d+)?|(?:"
    + _NUMBER_WORDS
    + r"))(?![\w/])"
    r"(?:\s*(?:%|per\s*cent|percent|procent|years?|months?|weeks?|days?|hours?|jaar|jaren|"
    r"maanden|maand|weken|dagen|dag|uur|EUR|euro|million|billion))?",
    re.IGNORECASE,
)
# Paragraph numbers ("2.") and point labels ("(1)") are structure, not quantities.
_NUMBERING = re.compile(r"(?m)^\s*\d+[a-z]?\.|\(\w{1,4}\)")
_OTHER_ACT = re.compile(r"\s(?:of|TFEU|TEU)\b")
_LABEL_IN_REF = re.compile(r"^(\D*?)(\d+[a-z]*)(.*)$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Flag:
    """One thing a negotiator must see: `kind` in FLAG_KINDS, what it was and what it became."""

    kind: str
    old: str
    new: str

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "old": self.old, "new": self.new}


CONTEXT = 40  # characters of unchanged text on each side that a flag pattern may use


def _spans(ops: Sequence[DiffOp]) -> list[tuple[int, int, int, int]]:
    """Windows (old_start, old_end, new_start, new_end) around every change.

    Each window takes the same amount of unchanged text on both sides, so a pattern hit in
    that context ("shall" before an inserted "not") shows up on both sides and cancels out.
    """
    spans = []
    po = pn = 0
    for k, op in enumerate(ops):
        lo = len(op.old) if op.op != "insert" else 0
        ln = len(op.new) if op.op != "delete" else 0
        if op.op != "equal":
            before = after = 0
            if k and ops[k - 1].op == "equal":
                before = min(CONTEXT, len(ops[k - 1].old), len(ops[k - 1].new))
            if k + 1 < len(ops) and ops[k + 1].op == "equal":
                after = min(CONTEXT, len(ops[k + 1].old), len(ops[k + 1].new))
            spans.append((po - before, po + lo + after, pn - before, pn + ln + after))
        po += lo
        pn += ln
    return spans


def _hits(
    pattern: re.Pattern[str], text: str, lo: int, hi: int, skip: list[tuple[int, int]]
) -> list[str]:
    """Matches inside text[lo:hi], minus those inside skipped spans."""
    found = []
    for m in pattern.finditer(text, lo, hi):
        s, e = m.span()
        if not any(s >= a and e <= b for a, b in skip):
            found.append(_norm(m.group(0)))
    return found


def _bare(modal: str) -> str:
    return " ".join(modal.lower().split()).removesuffix(" not")


def _norm(s: str) -> str:
    return " ".join(s.split())


def _diff_lists(old: list[str], new: list[str]) -> tuple[list[str], list[str]]:
    rest = list(new)
    gone = []
    for x in old:
        if x in rest:
            rest.remove(x)
        else:
            gone.append(x)
    return gone, rest


def renumber(reference: str, label_map: Mapping[str, str]) -> str:
    """The reference as it reads once its target is renumbered ("Article 7(2)" → "Article 8(2)")."""
    m = _LABEL_IN_REF.match(reference)
    if not m or _OTHER_ACT.search(reference):
        return reference
    head, num, tail = m.groups()
    word = head.strip().rstrip("s")
    target = label_map.get(f"{word} {num}".strip())
    if target is None:
        return reference
    new_num = target.rsplit(" ", 1)[-1]
    return f"{head}{new_num}{tail}"


def reference_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the cross-references in `text`."""
    return [m.span() for m in REFERENCE.finditer(text)]


def detect_flags(
    old: str, new: str, ops: Sequence[DiffOp], label_map: Mapping[str, str] | None = None
) -> list[Flag]:
    """Flags for each change of `ops` (the redline of `old` → `new`).

    `label_map` maps old labels to new ones ({"Article 7": "Article 8"}) from the alignment; a
    reference that changed exactly as its target was renumbered becomes `reference-renumbered`
    (editorial) instead of `reference`.
    """
    label_map = label_map or {}
    flags: list[Flag] = []
    old_cited, new_cited = reference_spans(old), reference_spans(new)
    old_refs = old_cited + [m.span() for m in _NUMBERING.finditer(old)]
    new_refs = new_cited + [m.span() for m in _NUMBERING.finditer(new)]
    for os_, oe, ns, ne in _spans(ops):
        old_modals = _hits(_MODAL, old, os_, oe, [])
        new_modals = _hits(_MODAL, new, ns, ne, [])
        # "shall" → "shall not" is a negation, not a change of modal verb
        if [_bare(m) for m in old_modals] != [_bare(m) for m in new_modals]:
            gone, came = _diff_lists(old_modals, new_modals)
            if gone or came:
                flags.append(Flag("modal", ", ".join(gone), ", ".join(came)))
        # "No" in "Regulation (EU) No 182/2011" is part of a reference, not a negation
        gone, came = _diff_lists(
            _hits(_NEGATION, old, os_, oe, old_cited), _hits(_NEGATION, new, ns, ne, new_cited)
        )
        if gone or came:
            flags.append(Flag("negation", ", ".join(gone), ", ".join(came)))
        gone, came = _diff_lists(
            _hits(_NUMBER, old, os_, oe, old_refs), _hits(_NUMBER, new, ns, ne, new_refs)
        )
        if gone or came:
            flags.append(Flag("number", ", ".join(gone), ", ".join(came)))
        gone, came = _diff_lists(
            _hits(REFERENCE, old, os_, oe, []), _hits(REFERENCE, new, ns, ne, [])
        )
        for ref in list(gone):
            moved = renumber(ref, label_map)
            if moved != ref and moved in came:
                flags.append(Flag("reference-renumbered", ref, moved))
                gone.remove(ref)
                came.remove(moved)
        if gone or came:
            flags.append(Flag("reference", ", ".join(gone), ", ".join(came)))
    return _dedupe(flags)


def _dedupe(flags: list[Flag]) -> list[Flag]:
    seen: set[Flag] = set()
    out = []
    for f in flags:
        if f not in seen:
            seen.add(f)
            out.append(f)
    return out
