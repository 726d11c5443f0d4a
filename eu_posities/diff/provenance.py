"""Character provenance along a chain of stages: the stage that wrote, removed or moved each.

A character's id is its stage and its position in that stage's text; carried-over text keeps
its ids from stage to stage.
"""

from __future__ import annotations

from dataclasses import dataclass

from eu_posities.diff.op import DiffOp
from eu_posities.diff.ops import word_diff

WIDTH = 1 << 32  # a character's id: stage * WIDTH + its position in that stage's text


@dataclass(frozen=True, slots=True)
class Text:
    """A stage's text of the provision, as the paragraph alignment reads a provision."""

    text: str
    label: str = ""
    kind: str = ""
    heading: str = ""


def carry(texts: list[str]) -> tuple[list[list[int]], dict[int, int], dict[int, int]]:
    """Each stage text's character ids; for each id that disappeared, the stage it did; for
    each id carried over in a paragraph that moved, the (last) stage that moved it.

    From one stage to the next, paragraphs and points are paired first (a paragraph that
    kept its wording keeps its identity even when a redline of the whole text would pair
    its words with other text), then each pair is redlined on its own.
    """
    from eu_posities.alignment.parts import part_alignment
    from eu_posities.alignment.units import units

    ids = [list(range(len(texts[0])))]
    dropped: dict[int, int] = {}
    moved_at: dict[int, int] = {}
    for stage in range(1, len(texts)):
        old, new, old_ids = texts[stage - 1], texts[stage], ids[-1]
        new_ids = [stage * WIDTH + k for k in range(len(new))]  # written here, unless carried
        carried: set[int] = set()
        ua, ub = units(Text(old)), units(Text(new))
        for part in part_alignment(Text(old), Text(new)):
            if part.from_index is None or part.to_index is None:
                continue
            a, b = ua[part.from_index], ub[part.to_index]
            pa, pb = a.start, b.start
            for op in redline(old[a.start : a.end], new[b.start : b.end]):
                x = op.old if op.op != "insert" else ""
                y = op.new if op.op != "delete" else ""
                if op.op == "equal":
                    mine = _carried(x, y, old_ids[pa : pa + len(x)], stage, pb)
                    new_ids[pb : pb + len(y)] = mine
                    carried.update(mine)
                    if part.moved:
                        moved_at.update(dict.fromkeys(mine, stage))
                pa += len(x)
                pb += len(y)
        for i in old_ids:
            if i not in carried:
                dropped[i] = stage
        ids.append(new_ids)
    return ids, dropped, moved_at


def _carried(a: str, b: str, a_ids: list[int], stage: int, at: int) -> list[int]:
    """Ids of equal text `b` (the same as `a` but for spacing): a's ids, character for
    character; spacing that differs counts as written by `stage`."""
    if a == b:
        return list(a_ids)
    out: list[int] = []
    i = 0
    for pos, c in enumerate(b):
        while i < len(a) and a[i] != c and a[i].isspace():
            i += 1  # spacing that `b` does not have
        if i < len(a) and a[i] == c:
            out.append(a_ids[i])
            i += 1
        else:
            out.append(stage * WIDTH + at + pos)  # spacing that `a` did not have
    return out


def redline(old: str, new: str) -> list[DiffOp]:
    if old and new:
        return word_diff(old, new)
    if old:
        return [DiffOp("delete", old, "")]
    return [DiffOp("insert", "", new)] if new else []


def stage_of(i: int) -> int:
    return i // WIDTH


@dataclass(frozen=True, slots=True)
class Fate:
    """What happened to characters on the way: the stage that took each one out, the stage
    that (last) moved each one carried over in a moved paragraph."""

    dropped: dict[int, int]
    moved_at: dict[int, int]
