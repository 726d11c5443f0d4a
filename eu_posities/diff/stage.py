"""Diff two whole stages along an alignment: redline, flags, moves and class per pair."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from eu_posities.alignment.match import label_map
from eu_posities.diff.classify import classify, form_key
from eu_posities.diff.flags import Flag, detect_flags
from eu_posities.diff.groups import group_key, group_results
from eu_posities.diff.moved import MovedRun, redline_with_moves
from eu_posities.diff.moves import Move, place_moves
from eu_posities.diff.op import DiffOp
from eu_posities.diff.ops import word_diff
from eu_posities.diff.residual import judged

if TYPE_CHECKING:  # the alignment package imports this one; keep the runtime graph acyclic
    from eu_posities.alignment.match import Match, ProvisionLike


@dataclass(frozen=True, slots=True)
class PairDiff:
    """The redline of one alignment row (either side may be None for deleted/added).

    `moves` are the moves this pair takes part in: paragraphs moved inside it (`within`),
    text that left it and text that arrived in it. `moved_runs` say which characters of which
    ops are moved text (each names its move by index in `moves`), so a redline can show a
    moved paragraph as a move rather than as a deletion and an insertion.
    """

    from_label: str | None
    to_label: str | None
    status: str
    ops: tuple[DiffOp, ...]
    flags: tuple[Flag, ...] = ()
    moves: tuple[Move, ...] = ()
    classification: str = "substantive"
    score: float = 0.0
    heading_ops: tuple[DiffOp, ...] = ()  # only when the heading changed
    moved_runs: tuple[MovedRun, ...] = ()

    def to_json(self) -> dict[str, object]:
        ops = [op.to_json() for op in self.ops]
        for run in self.moved_runs:  # each op lists the moved runs inside it
            ops[run.op].setdefault("moved", []).append(run.to_json())  # type: ignore[attr-defined]
        data: dict[str, object] = {
            "from": self.from_label,
            "to": self.to_label,
            "status": self.status,
            "score": round(self.score, 4),
            "classification": self.classification,
            "ops": ops,
            "flags": [f.to_json() for f in self.flags],
            "moves": [m.to_json() for m in self.moves],
        }
        if self.heading_ops:
            data["heading_ops"] = [op.to_json() for op in self.heading_ops]
        return data


@dataclass(frozen=True, slots=True)
class StageDiff:
    """All pair diffs between two stages, in alignment order, and every move found."""

    from_stage: str | None
    to_stage: str | None
    pairs: tuple[PairDiff, ...]
    moves: tuple[Move, ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        """The contract's `diff` document."""
        return {
            "from": self.from_stage,
            "to": self.to_stage,
            "pairs": [p.to_json() for p in self.pairs],
        }


@dataclass
class _Draft:
    """One row while the stage diff is being built."""

    match: Match
    old: str
    new: str
    ops: list[DiffOp]
    moves: list[Move]  # moves inside the provision first; moves between provisions follow
    runs: list[MovedRun]
    inner: list[Move]  # moves whose own change of wording counts for this row
    crosses_kinds: bool = False


def diff_stages(
    from_provs: Sequence[ProvisionLike],
    to_provs: Sequence[ProvisionLike],
    matches: Sequence[Match],
    *,
    from_stage: str | None = None,
    to_stage: str | None = None,
    char_detail: bool = False,
) -> StageDiff:
    """Redline every alignment row and find text that moved, inside and between provisions.

    A deleted provision is one `delete` op of its whole text, an added one one `insert`.
    References renumbered along with their targets (per the alignment) count as editorial.
    Paragraphs reordered inside a provision are moves `within` it (paragraph-level alignment,
    or the row's `parts` when the alignment computed them); text that left one provision for
    another is a move attached to the pair it left and to the pair it arrived in. Moved text
    is judged by how its wording changed: a move alone gives no flags and is editorial.
    """
    old_prov = {p.label: p for p in from_provs}
    new_prov = {p.label: p for p in to_provs}
    labels: Mapping[str, str] = label_map(matches)
    diff = partial(word_diff, char_detail=char_detail)
    drafts = [_draft(m, old_prov, new_prov, diff) for m in matches]
    between = _between(drafts, matches, old_prov, new_prov)
    group_flags, group_class = group_results(
        matches,
        {k: p.text for k, p in old_prov.items()},
        {k: p.text for k, p in new_prov.items()},
        labels,
    )
    pairs = []
    seen_groups: set[str] = set()
    for d in drafts:
        m, old, new, ops = d.match, d.old, d.new, d.ops
        if d.runs and old and new:
            reordered = any(mv.within for mv in d.moves)
            flags, kind = judged(
                ops,
                d.runs,
                d.moves,
                labels,
                inner=d.inner,
                reordered=reordered,
                crosses_kinds=d.crosses_kinds,
            )
        else:
            flags = detect_flags(old, new, ops, labels) if old and new else []
            kind = classify(old, new, ops, flags, labels) if old and new else "substantive"
            if not old and not new:
                kind = "unchanged"
        group = group_key(m)
        if group is not None:
            # A part of a split or merge: the rest of the text lives in the sibling rows, so
            # flags come from the whole group, shown once, on its first row.
            flags = group_flags[group] if group not in seen_groups else []
            seen_groups.add(group)
            kind = group_class[group]
        heading_ops: tuple[DiffOp, ...] = ()
        if m.from_label and m.to_label:
            h_old = old_prov[m.from_label].heading if m.from_label in old_prov else ""
            h_new = new_prov[m.to_label].heading if m.to_label in new_prov else ""
            if h_old != h_new:
                heading_ops = tuple(word_diff(h_old, h_new))
                kind = _with_heading(kind, h_old, h_new, labels)
        pairs.append(
            PairDiff(
                m.from_label,
                m.to_label,
                m.status,
                tuple(ops),
                tuple(flags),
                tuple(d.moves),
                kind,
                m.score,
                heading_ops,
                tuple(d.runs),
            )
        )
    every = [mv for d in drafts for mv in d.moves if mv.within] + between
    return StageDiff(from_stage, to_stage, tuple(pairs), tuple(every))


def _draft(
    m: Match,
    old_prov: Mapping[str, ProvisionLike],
    new_prov: Mapping[str, ProvisionLike],
    diff: partial[list[DiffOp]],
) -> _Draft:
    """The row's redline; paragraphs reordered inside a 1:1 pair are laid out as moves."""
    f = old_prov.get(m.from_label) if m.from_label else None
    t = new_prov.get(m.to_label) if m.to_label else None
    old, new = (f.text if f else ""), (t.text if t else "")
    if f is not None and t is not None and old != new and group_key(m) is None:
        laid = redline_with_moves(f, t, diff, getattr(m, "parts", None))
        if laid is not None:
            ops, runs, moves = laid
            return _Draft(m, old, new, ops, moves, runs, list(moves))
    return _Draft(m, old, new, _ops(old, new, diff), [], [], [])


def _between(
    drafts: list[_Draft],
    matches: Sequence[Match],
    old_prov: Mapping[str, ProvisionLike],
    new_prov: Mapping[str, ProvisionLike],
) -> list[Move]:
    """Text that left one provision for another: found, attached to its rows, its runs marked."""
    deleted: list[tuple[str, str]] = []
    inserted: list[tuple[str, str]] = []
    where_deleted: list[tuple[int, int, int]] = []  # draft, op, offset of the piece in op.old
    where_inserted: list[tuple[int, int, int]] = []
    for n, d in enumerate(drafts):
        m = d.match
        for k, op in enumerate(d.ops):
            if op.op in ("delete", "replace") and m.from_label:
                for at, piece in _outside_runs(op.old, d.runs, k, "old"):
                    deleted.append((m.from_label, piece))
                    where_deleted.append((n, k, at))
            if op.op in ("insert", "replace") and m.to_label:
                for at, piece in _outside_runs(op.new, d.runs, k, "new"):
                    inserted.append((m.to_label, piece))
                    where_inserted.append((n, k, at))
    aligned = {(m.from_label, m.to_label) for m in matches if m.from_label and m.to_label}
    placed = place_moves(deleted, inserted, aligned=aligned)
    moves = []
    for p in placed:
        arrived = p.arrived
        move = Move(
            p.move.from_label,
            p.move.to_label,
            p.move.text,
            p.move.score,
            ops=tuple(word_diff(p.move.text, arrived)) if arrived != p.move.text else (),
        )
        moves.append(move)
        kinds = {
            getattr(old_prov.get(move.from_label), "kind", None),
            getattr(new_prov.get(move.to_label), "kind", None),
        }
        for n, d in enumerate(drafts):
            m = d.match
            if m.from_label != move.from_label and m.to_label != move.to_label:
                continue
            index = len(d.moves)
            d.moves.append(move)
            for side, spans, where in (
                ("old", p.sources, where_deleted),
                ("new", p.targets, where_inserted),
            ):
                for span, s, e in spans:
                    dn, k, at = where[span]
                    if dn == n:
                        d.runs.append(MovedRun(k, side, at + s, at + e, index))
            if m.to_label == move.to_label:
                d.inner.append(move)  # the change of its wording counts where it arrived
            if len(kinds) > 1:
                d.crosses_kinds = True
    return moves


def _outside_runs(text: str, runs: list[MovedRun], op: int, side: str) -> list[tuple[int, str]]:
    """(offset, piece) of an op's text outside the moved runs already marked in it."""
    mine = sorted((r.start, r.end) for r in runs if r.op == op and r.side == side)
    out, pos = [], 0
    for s, e in mine:
        if s > pos:
            out.append((pos, text[pos:s]))
        pos = max(pos, e)
    if pos < len(text):
        out.append((pos, text[pos:]))
    return out


def _with_heading(kind: str, old: str, new: str, labels: Mapping[str, str]) -> str:
    """A renamed heading is substantive unless only its form changed."""
    if kind == "substantive":
        return kind
    return "editorial" if form_key(old, labels) == form_key(new) else "substantive"


def _ops(old: str, new: str, diff: partial[list[DiffOp]]) -> list[DiffOp]:
    if old and new:
        return diff(old, new)
    if old:
        return [DiffOp("delete", old, "")]
    if new:
        return [DiffOp("insert", "", new)]
    return []
