"""Diff two whole stages along an alignment: redline, flags, moves and class per pair."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eu_posities.diff.classify import classify, form_key
from eu_posities.diff.flags import Flag, detect_flags
from eu_posities.diff.moves import Move, find_moves
from eu_posities.diff.op import DiffOp
from eu_posities.diff.ops import word_diff

if TYPE_CHECKING:  # the alignment package imports this one; keep the runtime graph acyclic
    from eu_posities.alignment.match import Match, ProvisionLike


@dataclass(frozen=True, slots=True)
class PairDiff:
    """The redline of one alignment row (either side may be None for deleted/added)."""

    from_label: str | None
    to_label: str | None
    status: str
    ops: tuple[DiffOp, ...]
    flags: tuple[Flag, ...] = ()
    moves: tuple[Move, ...] = ()
    classification: str = "substantive"
    score: float = 0.0
    heading_ops: tuple[DiffOp, ...] = ()  # only when the heading changed

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "from": self.from_label,
            "to": self.to_label,
            "status": self.status,
            "score": round(self.score, 4),
            "classification": self.classification,
            "ops": [op.to_json() for op in self.ops],
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


def diff_stages(
    from_provs: Sequence[ProvisionLike],
    to_provs: Sequence[ProvisionLike],
    matches: Sequence[Match],
    *,
    from_stage: str | None = None,
    to_stage: str | None = None,
    char_detail: bool = False,
) -> StageDiff:
    """Redline every alignment row and find text that moved between provisions.

    A deleted provision is one `delete` op of its whole text, an added one one `insert`.
    References renumbered along with their targets (per the alignment) count as editorial.
    A move is attached to the pair it left and to the pair it arrived in.
    """
    old_text = {p.label: p.text for p in from_provs}
    new_text = {p.label: p.text for p in to_provs}
    old_head = {p.label: p.heading for p in from_provs}
    new_head = {p.label: p.heading for p in to_provs}
    labels: Mapping[str, str] = _label_map(matches)
    drafts: list[tuple[Match, str, str, list[DiffOp]]] = []
    deleted: list[tuple[str, str]] = []
    inserted: list[tuple[str, str]] = []
    for m in matches:
        old = old_text.get(m.from_label, "") if m.from_label else ""
        new = new_text.get(m.to_label, "") if m.to_label else ""
        ops = _ops(old, new, char_detail)
        drafts.append((m, old, new, ops))
        for op in ops:
            if op.op in ("delete", "replace") and m.from_label:
                deleted.append((m.from_label, op.old))
            if op.op in ("insert", "replace") and m.to_label:
                inserted.append((m.to_label, op.new))
    aligned = {(m.from_label, m.to_label) for m in matches if m.from_label and m.to_label}
    moves = find_moves(deleted, inserted, aligned=aligned)
    group_flags, group_class = _groups(matches, old_text, new_text, labels)
    pairs = []
    seen_groups: set[str] = set()
    for m, old, new, ops in drafts:
        flags = detect_flags(old, new, ops, labels) if old and new else []
        group = _group_key(m)
        if group is not None:
            # A part of a split or merge: the rest of the text lives in the sibling rows, so
            # flags come from the whole group, shown once, on its first row.
            flags = group_flags[group] if group not in seen_groups else []
            seen_groups.add(group)
        mine = tuple(
            mv for mv in moves if mv.from_label == m.from_label or mv.to_label == m.to_label
        )
        kind = classify(old, new, ops, flags, labels) if old and new else "substantive"
        if not old and not new:
            kind = "unchanged"
        if group is not None:
            kind = group_class[group]
        heading_ops: tuple[DiffOp, ...] = ()
        if m.from_label and m.to_label:
            h_old, h_new = old_head.get(m.from_label, ""), new_head.get(m.to_label, "")
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
                mine,
                kind,
                m.score,
                heading_ops,
            )
        )
    return StageDiff(from_stage, to_stage, tuple(pairs), tuple(moves))


def _with_heading(kind: str, old: str, new: str, labels: Mapping[str, str]) -> str:
    """A renamed heading is substantive unless only its form changed."""
    if kind == "substantive":
        return kind
    return "editorial" if form_key(old, labels) == form_key(new) else "substantive"


def _group_key(m: Match) -> str | None:
    if m.status == "split" and m.from_label:
        return "from:" + m.from_label
    if m.status == "merged" and m.to_label:
        return "to:" + m.to_label
    return None


def _groups(
    matches: Sequence[Match],
    old_text: Mapping[str, str],
    new_text: Mapping[str, str],
    labels: Mapping[str, str],
) -> tuple[dict[str, list[Flag]], dict[str, str]]:
    """Flags and class of each split (old vs. its parts joined) and merge (parts vs. new)."""
    olds: dict[str, list[str]] = {}
    news: dict[str, list[str]] = {}
    for m in matches:
        key = _group_key(m)
        if key is None or not m.from_label or not m.to_label:
            continue
        olds.setdefault(key, [])
        news.setdefault(key, [])
        if m.from_label not in olds[key]:
            olds[key].append(m.from_label)
        if m.to_label not in news[key]:
            news[key].append(m.to_label)
    flags: dict[str, list[Flag]] = {}
    kinds: dict[str, str] = {}
    for key in olds:
        old = "\n".join(old_text.get(label, "") for label in olds[key])
        new = "\n".join(new_text.get(label, "") for label in news[key])
        ops = word_diff(old, new)
        flags[key] = detect_flags(old, new, ops, labels)
        kinds[key] = classify(old, new, ops, flags[key], labels)
    return flags, kinds


def _ops(old: str, new: str, char_detail: bool) -> list[DiffOp]:
    if old and new:
        return word_diff(old, new, char_detail=char_detail)
    if old:
        return [DiffOp("delete", old, "")]
    if new:
        return [DiffOp("insert", "", new)]
    return []


def _label_map(matches: Sequence[Match]) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in matches:
        if m.from_label and m.to_label and m.status in ("unchanged", "modified", "split"):
            out.setdefault(m.from_label, m.to_label)
    return out
