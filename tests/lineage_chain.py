"""A three-stage chain built from a real proposal → act pair, with the stage of every change.

The middle stage is DERIVED, not real: for each article the proposal and the act have in
common, its paragraphs and points are walked in the act's order (paragraph-level alignment)
and every other one that differs takes the act's wording in the middle stage, the others
keep the proposal's; so the middle stage introduced half of the changes and the act the
rest. On top of that, in every third article the middle stage adds a made-up sentence that
the act does not have (a change undone by the act), and in every fifth article it drops an
unchanged paragraph that the act keeps (a deletion the act undoes). `Expected` records, for
every character of the proposal and of the act, which stage changed it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from eu_posities.alignment import align, part_alignment, units
from eu_posities.document import ParsedProvision

MIDDLE, LAST = "middle", "act"
MADE_UP = "Made-up test sentence: the Board shall report on this twice a year."


@dataclass
class Expected:
    """What the derivation did to one article."""

    first: ParsedProvision
    last: ParsedProvision
    # for each character of the first / last text that is part of a change: its stage
    first_stage: dict[int, str] = field(default_factory=dict)
    last_stage: dict[int, str] = field(default_factory=dict)
    undone_insert: str | None = None  # made-up text the middle stage added, the act removed
    restored: str | None = None  # a paragraph the middle stage dropped, the act put back


def build(
    first: list[ParsedProvision], last: list[ParsedProvision]
) -> tuple[list[ParsedProvision], list[Expected]]:
    """The middle stage (articles only, labelled as in the act) and what it did per article."""
    by_old = {p.label: p for p in first}
    by_new = {p.label: p for p in last}
    middle: list[ParsedProvision] = []
    expected: list[Expected] = []
    pairs = [
        (m.from_label, m.to_label)
        for m in align(first, last)
        if m.status in ("modified", "unchanged") and m.from_label and m.to_label
    ]
    for n, (fl, tl) in enumerate(p for p in pairs if by_old[p[0]].kind == "article"):
        old, new = by_old[fl], by_new[tl]
        text, exp = _derive(old, new, n)
        middle.append(replace(new, text=text, blocks=()))
        expected.append(exp)
    return middle, expected


def _derive(old: ParsedProvision, new: ParsedProvision, n: int) -> tuple[str, Expected]:
    exp = Expected(old, new)
    ua, ub = units(old), units(new)
    line_a = [old.text[u.start : u.end] for u in ua]
    line_b = [new.text[u.start : u.end] for u in ub]
    lines: list[str] = []
    changed = 0
    restore_at: int | None = None
    for part in part_alignment(old, new):
        i, j = part.from_index, part.to_index
        a = line_a[i] if i is not None else None
        b = line_b[j] if j is not None else None
        if a == b:
            assert a is not None
            if n % 5 == 0 and restore_at is None and len(a.split()) >= 6:
                restore_at = len(lines)  # dropped by the middle stage, kept by the act
                exp.restored = a
                continue
            lines.append(a)
            continue
        taken = changed % 2 == 0 or part.moved
        changed += 1
        stage = MIDDLE if taken else LAST
        if i is not None:
            for k in range(ua[i].start, ua[i].end):
                exp.first_stage[k] = stage
        if j is not None:
            for k in range(ub[j].start, ub[j].end):
                exp.last_stage[k] = stage
        kept = b if taken else a
        if kept is not None:
            lines.append(kept)
    if n % 3 == 0 and lines:
        lines[0] = f"{lines[0]} {MADE_UP}"
        exp.undone_insert = MADE_UP
    if not lines:
        lines = [MADE_UP]
    return "\n".join(lines), exp
