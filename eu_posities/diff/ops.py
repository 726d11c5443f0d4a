"""Word-level redline of two texts: immutable ops, cleaned up to read like a lawyer's redline."""

from __future__ import annotations

import re
from dataclasses import dataclass

from eu_posities.diff.sequence import matching_blocks
from eu_posities.diff.tokens import token_key, tokenize

OP_KINDS = ("equal", "insert", "delete", "replace")

# Short function words and marks: an unchanged island made only of these between two changes
# is noise ("the", "of", ",") and is folded into one replacement.
_WEAK_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "or",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "as",
        "is",
        "are",
        "be",
        "that",
        "this",
        "which",
        "from",
        "its",
        "it",
        "de",
        "het",
        "een",
        "en",
        "of",
        "van",
        "in",
        "op",
        "te",
        "voor",
        "met",
        "aan",
        "bij",
        "door",
        "die",
        "dat",
        "als",
        "is",
        "zijn",
        "om",
        "tot",
    ]
)
_WORDLIKE = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One redline operation. `insert` has old == "", `delete` has new == "".

    `detail` is only filled by `word_diff(..., char_detail=True)` on a `replace` of a single
    word: character-level sub-ops inside that word (same rules: equal/insert/delete/replace).
    """

    op: str
    old: str
    new: str
    detail: tuple[DiffOp, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The contract's `{"op", "old", "new"}` shape (plus `detail` when present)."""
        data: dict[str, object] = {"op": self.op, "old": self.old, "new": self.new}
        if self.detail:
            data["detail"] = [d.to_json() for d in self.detail]
        return data


def word_diff(old: str, new: str, *, char_detail: bool = False) -> list[DiffOp]:
    """Diff two texts word by word.

    Joining `.old` of all non-insert ops gives `old` exactly, joining `.new` of all non-delete
    ops gives `new` exactly. Whitespace differences alone do not count as changes (an `equal`
    op may then carry differently spaced `old` and `new`). Ops alternate between `equal` and a
    change, so no two neighbours share a kind.
    """
    if old == new:
        return [DiffOp("equal", old, new)] if old else []
    a_tok = tokenize(old)
    b_tok = tokenize(new)
    intern: dict[str, int] = {}
    a = [intern.setdefault(token_key(t), len(intern)) for t in a_tok]
    b = [intern.setdefault(token_key(t), len(intern)) for t in b_tok]
    blocks = _clean_up(matching_blocks(a, b), a_tok, len(a), len(b))
    ops = _to_ops(blocks, a_tok, b_tok)
    if char_detail:
        ops = [_with_detail(op) for op in ops]
    return ops


def _is_weak(tokens: list[str], start: int, length: int) -> bool:
    for t in tokens[start : start + length]:
        word = t.strip().lower()
        if _WORDLIKE.search(word) and word not in _WEAK_WORDS:
            return False
    return True


def _clean_up(
    blocks: list[tuple[int, int, int]], a_tok: list[str], n: int, m: int
) -> list[tuple[int, int, int]]:
    """Drop equal islands that only split one change into two, until nothing changes.

    An island goes when it holds only weak words/marks (at most 3 tokens), or when it is no
    longer than the changes on both sides of it (the diff-match-patch semantic rule, counted
    in tokens).
    """
    changed = True
    while changed and len(blocks) > 0:
        changed = False
        kept: list[tuple[int, int, int]] = []
        for idx, (i, j, k) in enumerate(blocks):
            prev_i, prev_j = (
                (kept[-1][0] + kept[-1][2], kept[-1][1] + kept[-1][2]) if kept else (0, 0)
            )
            before = max(i - prev_i, j - prev_j)
            if idx + 1 < len(blocks):
                ni, nj, _ = blocks[idx + 1]
            else:
                ni, nj = n, m
            after = max(ni - (i + k), nj - (j + k))
            if (
                before
                and after
                and ((k <= 3 and _is_weak(a_tok, i, k)) or (k <= before and k <= after))
            ):
                changed = True
                continue
            kept.append((i, j, k))
        blocks = kept
    return blocks


def _to_ops(blocks: list[tuple[int, int, int]], a_tok: list[str], b_tok: list[str]) -> list[DiffOp]:
    ops: list[DiffOp] = []
    ai = bj = 0
    for i, j, k in [*blocks, (len(a_tok), len(b_tok), 0)]:
        old = "".join(a_tok[ai:i])
        new = "".join(b_tok[bj:j])
        if old or new:
            kind = "replace" if old and new else ("delete" if old else "insert")
            ops.append(DiffOp(kind, old, new))
        if k:
            ops.append(DiffOp("equal", "".join(a_tok[i : i + k]), "".join(b_tok[j : j + k])))
        ai, bj = i + k, j + k
    return ops


def _with_detail(op: DiffOp) -> DiffOp:
    """Character sub-ops for a one-word replacement ("Member" → "member", "7" → "8")."""
    if (
        op.op != "replace"
        or len(tokenize(op.old.strip())) != 1
        or len(tokenize(op.new.strip())) != 1
    ):
        return op
    a_chars, b_chars = list(op.old), list(op.new)
    intern: dict[str, int] = {}
    a = [intern.setdefault(c, len(intern)) for c in a_chars]
    b = [intern.setdefault(c, len(intern)) for c in b_chars]
    detail = _to_ops(matching_blocks(a, b), a_chars, b_chars)
    return DiffOp(op.op, op.old, op.new, tuple(detail))
