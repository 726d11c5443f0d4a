"""Word-level redline of two texts: immutable ops, cleaned up to read like a lawyer's redline."""

from __future__ import annotations

import re
from dataclasses import dataclass

from eu_posities.diff.halfmatch import common_prefix, common_suffix, half_match
from eu_posities.diff.sequence import matching_blocks
from eu_posities.diff.tokens import tokenize

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
TRIM_CHARS = 200  # from this size (both sides) common ends are trimmed on the text
SPLIT_CHARS = 400  # from this size (both sides) a long common run is looked for first
MIN_LINES = 3  # paragraphs per side from which pairing paragraphs first pays off


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
    ops = _by_paragraph(old, new)
    if char_detail:
        ops = [_with_detail(op) for op in ops]
    return ops


def _by_paragraph(old: str, new: str) -> list[DiffOp]:
    """Pair identical paragraphs first, then diff word by word only where they differ.

    Most amendments touch a few paragraphs of a long article; this skips tokenising the rest.
    """
    a_lines = old.splitlines(keepends=True)
    b_lines = new.splitlines(keepends=True)
    if len(a_lines) < MIN_LINES or len(b_lines) < MIN_LINES:
        return _words(old, new)
    ops: list[DiffOp] = []
    ai = bj = 0
    blocks = matching_blocks(_line_keys(a_lines), _line_keys(b_lines))
    for i, j, k in [*blocks, (len(a_lines), len(b_lines), 0)]:
        if i > ai or j > bj:
            ops = _join(ops, _words("".join(a_lines[ai:i]), "".join(b_lines[bj:j])))
        if k:
            same_a, same_b = "".join(a_lines[i : i + k]), "".join(b_lines[j : j + k])
            ops = _join(ops, [DiffOp("equal", same_a, same_b)])
        ai, bj = i + k, j + k
    return ops


def _line_keys(lines: list[str]) -> list[object]:
    """Paragraphs compared without surrounding whitespace; an empty one never anchors."""
    return [line.strip() or object() for line in lines]


def _words(old: str, new: str) -> list[DiffOp]:
    """The word-level diff proper (no shortcuts by paragraph)."""
    if old == new:
        return [DiffOp("equal", old, new)] if old else []
    if not old or not new:
        return [DiffOp("insert", "", new) if new else DiffOp("delete", old, "")]
    # Short texts go straight to tokens (the token diff trims its own ends); long ones shed
    # their common ends at C speed first.
    head, tail = _common_ends(old, new) if len(old) + len(new) >= TRIM_CHARS else (0, 0)
    # Whitespace right after the common prefix joins the prefix (equal, spacing aside).
    ho = _skip_space(old, head, len(old) - tail)
    hn = _skip_space(new, head, len(new) - tail)
    ea, eb = len(old) - tail, len(new) - tail
    if (ea - ho) + (eb - hn) >= SPLIT_CHARS:
        run = half_match(old[ho:ea], new[hn:eb])
        if run is not None:
            # A long unchanged run in the middle: diff the two sides of it on their own.
            oa, ob, na, nb = run
            ops = _words(old[ho : ho + oa], new[hn : hn + na])
            ops = _join(ops, [DiffOp("equal", old[ho + oa : ho + ob], new[hn + na : hn + nb])])
            ops = _join(ops, _words(old[ho + ob : ea], new[hn + nb : eb]))
            return _ends(ops, old, new, ho, hn, tail)
    a_tok = tokenize(old, ho, len(old) - tail)
    b_tok = tokenize(new, hn, len(new) - tail)
    # Tokens are compared as strings without their whitespace: reflowed text stays equal.
    a = _keys(a_tok)
    b = _keys(b_tok)
    blocks = _clean_up(matching_blocks(a, b), a_tok, len(a), len(b))
    return _ends(_to_ops(blocks, a_tok, b_tok), old, new, ho, hn, tail)


def _ends(ops: list[DiffOp], old: str, new: str, ho: int, hn: int, tail: int) -> list[DiffOp]:
    """Put the common prefix (up to `ho`/`hn`) and suffix (`tail`) back around `ops`."""
    if ho or hn:
        ops = _join([DiffOp("equal", old[:ho], new[:hn])], ops)
    if tail:
        ops = _join(ops, [DiffOp("equal", old[len(old) - tail :], new[len(new) - tail :])])
    return ops


def _common_ends(old: str, new: str) -> tuple[int, int]:
    """Lengths of the common prefix and suffix, cut back to whole tokens.

    Found by bisection on slice comparisons (see halfmatch), then moved back to just after a
    space or line break inside the common part, so tokens on both sides stay whole and the
    text before each cut is identical (tokenising depends on the preceding character).
    """
    head = common_prefix(old, new)
    # Cut back to just after the last space or line break (str.rfind: C speed).
    head = max(old.rfind(" ", 0, head), old.rfind("\n", 0, head)) + 1
    common = min(common_suffix(old, new), min(len(old), len(new)) - head)
    # The suffix starts right after the first space or line break inside the common suffix.
    start = len(old) - common
    breaks = [p for p in (old.find(" ", start), old.find("\n", start)) if p >= 0]
    tail = len(old) - min(breaks) - 1 if breaks else 0
    return head, tail


def _keys(tokens: list[str]) -> list[str]:
    return list(map(str.rstrip, tokens))


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _join(first: list[DiffOp], second: list[DiffOp]) -> list[DiffOp]:
    if first and second and first[-1].op == "equal" and second[0].op == "equal":
        a, b = first[-1], second[0]
        return [*first[:-1], DiffOp("equal", a.old + b.old, a.new + b.new), *second[1:]]
    return [*first, *second]


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
