"""Stage lineage: for one provision followed through several stages, which stage made each
change between the first and the last, and where a change was later undone.

Every character of every stage's text carries the stage that wrote it. The first stage wrote
all of its own; from one stage to the next (along the alignment of the two), the redline
carries unchanged characters over with their origin, gives inserted ones the new stage, and
records, for characters that disappear, the stage that took them out. The redline of the
first stage against the last is then told stage by stage: inserted text by the stage that
wrote it, deleted text by the stage that took it out. Text that some stage wrote and a later
one took out again, and text some stage took out that a later one put back, never reach that
redline; they are listed as changes undone (`undone_in`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from eu_posities.diff.moved import redline_with_moves
from eu_posities.diff.op import DiffOp
from eu_posities.diff.ops import word_diff
from eu_posities.diff.provenance import Fate, Text, carry, redline, stage_of
from eu_posities.diff.traced import Lineage, TracedChange, TracedOp
from eu_posities.errors import InputError, NotFound

if TYPE_CHECKING:
    from eu_posities.alignment.match import Match, ProvisionLike

__all__ = ["Lineage", "TracedChange", "TracedOp", "trace"]


def trace(
    stages: Sequence[tuple[str, Sequence[ProvisionLike]]],
    label: str,
    alignments: Sequence[Sequence[Match]] | None = None,
    *,
    at: str | None = None,
) -> Lineage:
    """Trace provision `label` through `stages` ((stage key, provisions) in order, at least two).

    `alignments[k]` aligns stage k with stage k + 1 (computed when not given). The label is
    looked up in the first stage, or in the last one when `at="last"` or when the first has
    no such provision. A provision split or merged on the way is followed into all its parts:
    each stage's text is then its parts' texts, one per line, in document order.
    """
    if len(stages) < 2:
        raise InputError("a lineage needs at least two stages")
    if alignments is None:
        from eu_posities.alignment import align

        alignments = [align(a, b) for (_, a), (_, b) in zip(stages, stages[1:], strict=False)]
    if len(alignments) != len(stages) - 1:
        raise InputError("one alignment is needed between each two consecutive stages")
    groups = _groups(stages, alignments, label, at)
    texts = [
        "\n".join(p.text for p in provs if p.label in group)
        for (_, provs), group in zip(stages, groups, strict=True)
    ]
    keys = tuple(key for key, _ in stages)
    ids, dropped, moved_at = carry(texts)
    ops, final_changes, restored = _told(
        texts[0], texts[-1], ids[0], ids[-1], Fate(dropped, moved_at), keys
    )
    undone = _undone_insertions(texts, ids, dropped, keys) + restored
    ordered = [
        tuple(p.label for p in provs if p.label in group)
        for (_, provs), group in zip(stages, groups, strict=True)
    ]
    return Lineage(label, keys, tuple(ordered), tuple(ops), tuple(final_changes + undone))


def _groups(
    stages: Sequence[tuple[str, Sequence[ProvisionLike]]],
    alignments: Sequence[Sequence[Match]],
    label: str,
    at: str | None,
) -> list[set[str]]:
    """The labels the provision has in each stage."""
    first = {p.label for p in stages[0][1]}
    last = {p.label for p in stages[-1][1]}
    backwards = at == "last" or (at is None and label not in first)
    if backwards and label not in last or not backwards and label not in first:
        where = stages[-1][0] if backwards else stages[0][0]
        raise NotFound(f"no provision {label!r} in stage {where!r}")
    n = len(stages)
    groups: list[set[str]] = [set() for _ in range(n)]
    if backwards:
        groups[-1] = {label}
        for k in range(n - 2, -1, -1):
            groups[k] = {
                m.from_label for m in alignments[k] if m.from_label and m.to_label in groups[k + 1]
            }
    else:
        groups[0] = {label}
        for k in range(1, n):
            groups[k] = {
                m.to_label
                for m in alignments[k - 1]
                if m.to_label and m.from_label in groups[k - 1]
            }
    return groups


def _final_redline(first: str, last: str) -> list[DiffOp]:
    """The first → last redline as `eup diff` shows it (reordered paragraphs as moves)."""
    if first and last:
        laid = redline_with_moves(Text(first), Text(last), word_diff)
        if laid is not None:
            return laid[0]
    return redline(first, last)


def _told(
    first: str,
    last: str,
    first_ids: list[int],
    last_ids: list[int],
    fate: Fate,
    keys: tuple[str, ...],
) -> tuple[list[TracedOp], list[TracedChange], list[TracedChange]]:
    """The first → last redline with each change split by the stage that made it; the
    changes in it; and text taken out by one stage and put back by a later one."""
    ops: list[TracedOp] = []
    changes: list[TracedChange] = []
    restored: list[TracedChange] = []
    survivors = set(last_ids)
    pa = pb = 0
    dropped = fate.dropped
    for op in _final_redline(first, last):
        a = op.old if op.op != "insert" else ""
        b = op.new if op.op != "delete" else ""
        a_ids, b_ids = first_ids[pa : pa + len(a)], last_ids[pb : pb + len(b)]
        if op.op == "equal":
            ops.append(TracedOp("equal", a, b))
            # equal in the end, yet taken out on the way and put back: an undone deletion
            for start, end, stage in _runs(
                a, [None if i in survivors else dropped.get(i) for i in a_ids]
            ):
                back = [stage_of(i) for i in b_ids[start:end] if stage_of(i) > stage]
                if back:
                    text = a[start:end]
                    restored.append(TracedChange("delete", text, "", keys[stage], keys[max(back)]))
        else:
            for kind, (sa, ea), (sb, eb) in _carried_apart(a, b, a_ids, b_ids):
                if kind == "equal":
                    ops.append(TracedOp("equal", a[sa:ea], b[sb:eb]))
                    continue
                for change in _attributed(
                    a[sa:ea], b[sb:eb], a_ids[sa:ea], b_ids[sb:eb], survivors, fate, keys
                ):
                    ops.append(TracedOp(change.op, change.old, change.new, change.introduced_in))
                    changes.append(change)
        pa += len(a)
        pb += len(b)
    return ops, changes, restored


CARRIED = 12  # solid characters: a shorter stretch carried over inside a change stays in it


def _carried_apart(
    a: str, b: str, a_ids: list[int], b_ids: list[int]
) -> list[tuple[str, tuple[int, int], tuple[int, int]]]:
    """A change of the first → last redline cut where it holds text every stage carried
    over unchanged (the stages' redlines cut the texts a little differently from this one):
    ("equal" | "change", old span, new span) pieces in order. Spacing does not break a
    carried stretch, a line break does."""
    at_b = {i: k for k, i in enumerate(b_ids) if not b[k].isspace()}
    runs: list[list[int]] = []  # [start in a, end in a, start in b, end in b, solid chars]
    for k, i in enumerate(a_ids):
        if a[k].isspace():
            continue
        j = at_b.get(i)
        if j is None:
            continue
        last = runs[-1] if runs else None
        gap_a = a[last[1] : k] if last is not None else ""
        if (
            last is not None
            and not gap_a.strip()
            and "\n" not in gap_a  # a line break starts a new stretch
            and not b[last[3] : j].strip()
            and j >= last[3]
        ):
            last[1], last[3], last[4] = k + 1, j + 1, last[4] + 1
        else:
            runs.append([k, k + 1, j, j + 1, 1])
    pieces: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
    pa = pb = 0
    for sa, ea, sb, eb, solid in runs:
        # a short stretch counts when it starts a line on both sides: a paragraph's number
        # (and first words) carried over, where the change of the line before ends
        starts_line = _line_start(a, sa) and _line_start(b, sb)
        if solid < CARRIED and not starts_line or sa < pa or sb < pb:
            continue
        if sa > pa or sb > pb:
            pieces.append(("change", (pa, sa), (pb, sb)))
        pieces.append(("equal", (sa, ea), (sb, eb)))
        pa, pb = ea, eb
    if pa < len(a) or pb < len(b):
        pieces.append(("change", (pa, len(a)), (pb, len(b))))
    return pieces


def _line_start(text: str, pos: int) -> bool:
    """Whether only spacing stands between the start of the line and `pos`."""
    line = text.rfind("\n", 0, pos)
    return line >= 0 and not text[line + 1 : pos].strip()


def _attributed(
    a: str,
    b: str,
    a_ids: list[int],
    b_ids: list[int],
    survivors: set[int],
    fate: Fate,
    keys: tuple[str, ...],
) -> list[TracedChange]:
    """One change, split by who took out the old text and who wrote the new.

    Characters the stages carried over unchanged count for the stage that moved them, when
    they sit in a moved paragraph, and go with the change around them otherwise.
    """
    moved_at = fate.moved_at
    gone_by = [moved_at.get(i) if i in survivors else fate.dropped.get(i) for i in a_ids]
    came_by = [stage_of(i) or moved_at.get(i) for i in b_ids]
    gone = _runs(a, gone_by, gaps=False)
    came = _runs(b, came_by, gaps=False)
    fallback = len(keys) - 1
    if a and not gone:
        gone = [(0, len(a), came[0][2] if came else fallback)]
    if b and not came:
        came = [(0, len(b), gone[0][2] if gone else fallback)]
    return [
        TracedChange(kind, text_a, text_b, keys[stage])
        for kind, text_a, text_b, stage in _paired(a, b, gone, came)
    ]


def _runs(
    text: str, stages: Sequence[int | None], *, gaps: bool = True
) -> list[tuple[int, int, int]]:
    """(start, end, stage) of the stretches of `text` by stage, from the first to the last
    solid character of each; spacing neither starts nor breaks a stretch. A None stage breaks
    a stretch when `gaps`, and is passed over like spacing otherwise. Text of spacing only
    is one stretch, of its first character's stage."""
    out: list[tuple[int, int, int]] = []
    start = last = 0
    cur: int | None = None
    for pos, (c, st) in enumerate(zip(text, stages, strict=True)):
        if c.isspace() or st is None and not gaps:
            continue
        if st != cur:
            if cur is not None:
                out.append((start, last + 1, cur))
            start, cur = pos, st
        last = pos
    if cur is not None:
        out.append((start, last + 1, cur))
    if not out and text and stages[0] is not None and not text.strip():
        out.append((0, len(text), stages[0]))
    return out


def _paired(
    a: str, b: str, gone: list[tuple[int, int, int]], came: list[tuple[int, int, int]]
) -> list[tuple[str, str, str, int]]:
    """Ops for one change of the final redline: deletions and insertions by the same stage
    side by side become a replacement; the rest stay apart, in text order."""
    if not gone:
        return [("insert", "", b[s:e], st) for s, e, st in _full(came, len(b))]
    if not came:
        return [("delete", a[s:e], "", st) for s, e, st in _full(gone, len(a))]
    gone, came = _full(gone, len(a)), _full(came, len(b))
    out: list[tuple[str, str, str, int]] = []
    while gone or came:
        if gone and came and gone[0][2] == came[0][2]:
            (sa, ea, st), (sb, eb, _) = gone.pop(0), came.pop(0)
            out.append(("replace", a[sa:ea], b[sb:eb], st))
        elif gone:
            sa, ea, st = gone.pop(0)
            out.append(("delete", a[sa:ea], "", st))
        else:
            sb, eb, st = came.pop(0)
            out.append(("insert", "", b[sb:eb], st))
    return out


def _full(runs: list[tuple[int, int, int]], length: int) -> list[tuple[int, int, int]]:
    """Runs stretched to cover the whole text: each run reaches the next one's start."""
    if not runs:
        return []
    out = []
    for k, (_, _, st) in enumerate(runs):
        start = 0 if k == 0 else runs[k][0]
        end = runs[k + 1][0] if k + 1 < len(runs) else length
        out.append((start, end, st))
    return out


def _undone_insertions(
    texts: list[str], ids: list[list[int]], dropped: dict[int, int], keys: tuple[str, ...]
) -> list[TracedChange]:
    """Text a stage wrote that a later stage took out again."""
    out: list[TracedChange] = []
    for stage in range(1, len(texts) - 1):
        text, mine = texts[stage], ids[stage]
        marks: list[int | None] = [dropped.get(i) if stage_of(i) == stage else None for i in mine]
        for start, end, gone in _runs(text, marks):
            chunk = text[start:end].strip()
            if chunk:
                out.append(TracedChange("insert", "", chunk, keys[stage], keys[gone]))
    return out
