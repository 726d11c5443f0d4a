"""Slide insertions and deletions to paragraph and sentence boundaries (the classic diff slide).

An inserted or deleted run between two unchanged runs can often sit in several places with the
same cost: when the text ends as it began ("kept by {+providers. 2. ... of+} providers."), the
minimal diff may re-use the trailing word of the old text. The slide moves such a run along
the equal text around it to the place that reads best: after a line break, after a sentence
end, at the edge of the text, and otherwise leaves it where it was. The number of ops never
changes (an inner equal run is never used up), and the texts are rebuilt exactly.
"""

from __future__ import annotations

from collections.abc import Callable

from rapidfuzz.distance import Postfix, Prefix

from eu_posities.diff.op import DiffOp

MAX_SLIDE = 200  # characters each way: a longer slide only happens in repetitive text
_SENTENCE_END = frozenset(".;:!?")
_UNKNOWN = "a"  # stands for a character outside the window: an ordinary letter
_EDGE = "\x00"  # stands for the very start or end of the text in a window (importers drop NULs)


def slid(ops: list[DiffOp], make: Callable[[str, str, str], DiffOp]) -> list[DiffOp]:
    """Move each insert/delete between two equal ops to its most readable place.

    `ops` alternate between equal ops and changes (as `word_diff` makes them); `make(kind,
    old, new)` builds an op.
    """
    if not ops:
        return ops
    last = len(ops) - 1
    moved = False
    # Ops alternate (equal, change, equal, ...): only every other op can slide.
    for k in range(1 if ops[0].op == "equal" else 2, last, 2):
        op = ops[k]
        kind = op.op
        if kind == "insert":
            text = op.new
        elif kind == "delete":
            text = op.old
        else:
            continue
        prev, nxt = ops[k - 1], ops[k + 1]
        # Cheap tests first: this runs over every change of every redline. The change can
        # only slide over characters that the equal text on both sides shares with it.
        first, end = text[:1], text[-1:]
        right = (
            _common_head(nxt.old, nxt.new, text, k + 1 == last)
            if nxt.old[:1] == first and nxt.new[:1] == first
            else 0
        )
        if prev.old[-1:] != end or prev.new[-1:] != end:
            left = 0
        elif not right and end.isspace() and not (prev.old[-2:] == text[-2:] == prev.new[-2:]):
            continue  # at most this one space could move left, which never reads better
        else:
            left = _common_tail(prev.old, prev.new, text, k - 1 == 0)
        if not right and (not left or text[-left:].isspace()):
            continue  # at most spacing could move, which never reads better
        if not text.strip():
            continue
        before = prev.new if kind == "insert" else prev.old
        after = nxt.new if kind == "insert" else nxt.old
        window, start = _window(before, text, after, left, right, k - 1 == 0, k + 1 == last)
        n = len(text)
        best, best_score = 0, _score(window, start, start + n)
        for d in range(-left, right + 1):
            if d and (score := _score(window, start + d, start + d + n)) > best_score:
                best, best_score = d, score
        if best:
            ops[k - 1], ops[k], ops[k + 1] = _moved(prev, text, nxt, best, kind, make)
            moved = True
    if not moved:
        return ops
    return [op for op in ops if op.old or op.new]  # an outer equal run may be used up


def _moved(
    prev: DiffOp, text: str, nxt: DiffOp, d: int, kind: str, make: Callable[[str, str, str], DiffOp]
) -> tuple[DiffOp, DiffOp, DiffOp]:
    """The three ops with the change moved by `d` characters (left when negative)."""
    if d < 0:
        shift = text[d:]
        a_old, a_new = prev.old[:d], prev.new[:d]
        moved = shift + text[:d]
        b_old, b_new = shift + nxt.old, shift + nxt.new
    else:
        shift = text[:d]
        a_old, a_new = prev.old + shift, prev.new + shift
        moved = text[d:] + shift
        b_old, b_new = nxt.old[d:], nxt.new[d:]
    # A line break before the moved change stays in it: the equal text around a change is
    # shown from one side only, so spacing moved into it could vanish from the redline.
    change = make(kind, "", moved) if kind == "insert" else make(kind, moved, "")
    return make("equal", a_old, a_new), change, make("equal", b_old, b_new)


def _common_tail(old: str, new: str, text: str, outer: bool) -> int:
    """How far the change can slide left: characters that end all three strings."""
    limit = min(len(old), len(new), len(text), MAX_SLIDE)
    if not outer or len(old) != len(new):
        limit = min(limit, len(old) - 1, len(new) - 1)  # an inner equal run stays non-empty
    if limit <= 0:
        return 0
    # the last n characters agree in all three when each side agrees with `text` (C speed)
    tail = text[-limit:]
    return int(min(Postfix.similarity(old[-limit:], tail), Postfix.similarity(new[-limit:], tail)))


def _common_head(old: str, new: str, text: str, outer: bool) -> int:
    """How far the change can slide right: characters that start all three strings."""
    limit = min(len(old), len(new), len(text), MAX_SLIDE)
    if not outer or len(old) != len(new):
        limit = min(limit, len(old) - 1, len(new) - 1)
    if limit <= 0:
        return 0
    head = text[:limit]
    return int(min(Prefix.similarity(old[:limit], head), Prefix.similarity(new[:limit], head)))


def _window(
    before: str, text: str, after: str, left: int, right: int, first: bool, last: bool
) -> tuple[str, int]:
    """The characters around the change that every slide of it reads, and where the change
    starts in them: scoring indexes one short string instead of joining long ones.

    `_EDGE` stands for the very start or end of the text; text beyond the window that is not
    read reads as a letter.
    """
    head = before[-(left + 2) :]
    pad = (_EDGE if first and len(head) == len(before) else _UNKNOWN) * (left + 2)
    tail = after[: right + 2]
    end = (_EDGE if last and len(tail) == len(after) else _UNKNOWN) * (right + 3)
    return pad + head + text + tail + end, len(pad) + len(head)


def _score(w: str, s: int, e: int) -> int:
    """How well a change over w[s:e] reads: its start and end each score 0..6."""
    # A change that opens with spacing starts, for the reader, at the word after it.
    while s < e and w[s].isspace():
        s += 1
    if s == e:
        return -1
    # the start: of the text, of a line (paragraph), of a sentence, of a word, at a mark
    before = w[s - 1]
    if before == _EDGE:
        start = 6
    elif before == "\n":
        start = 5
    elif before.isspace():
        start = 4 if w[s - 2] in _SENTENCE_END else 2
    else:
        first = w[s]
        start = 1 if first != _EDGE and not first.isalnum() else 0
    # the end: of the text, of a line, at a line end, of a sentence, of a word, at a mark
    after, last = w[e], w[e - 1]
    if after == _EDGE:
        return start + 6
    if last == "\n":
        return start + 5
    if after == "\n":
        return start + 4
    if last.isspace():
        return start + (4 if w[e - 2] in _SENTENCE_END else 2)
    if after.isspace():
        return start + 2
    return start + (1 if not after.isalnum() else 0)
