"""The word diff of a long window: whole words at C speed, tokens only where they matter.

Tokenising a window (tokens.py, a regular expression) costs more than aligning it. A long
window is therefore aligned on its space-separated words first (an exact LCS by rapidfuzz),
and the readability clean-up runs on those words; only the small changes that are left
("providers," that became "providers;", "Article 7(2)" that became "Article 8(2)") are diffed
again token by token, so that a changed comma or number shows as just that. A long rewritten
stretch stays one replacement: its words had no common run long enough to survive the
clean-up, and a token diff would find nothing more.

Two paths give the same pieces. With the compiled helpers (native.py), the words are ids
(parts.py) and the clean-up and cutting run in C, calling back for token diffs and weak
islands; without them, the words are `str.split` strings and the same steps run here.
"""

from __future__ import annotations

from collections.abc import Callable

from rapidfuzz.distance import Indel

from eu_posities.diff import native
from eu_posities.diff.sequence import Match, matching_blocks

REFINE_WORDS = 6  # a change this small (words, each side) is diffed again by tokens
WEAK_ISLAND = 3  # an unchanged run of this many words or fewer goes if its words are weak

Piece = tuple[str, str, str]
Step = Callable[[str, int, int, str, int, int], list[Piece]]
Weak = Callable[[str, int, int], object]


def word_pieces(
    old: str, ao: int, ae: int, new: str, bo: int, be: int, tokens: Step, weak: Weak
) -> list[Piece]:
    """Pieces of old[ao:ae] → new[bo:be] (both starting after spacing or a word start).

    `tokens` diffs a small window token by token; `weak(text, start, end)` is true when the
    unchanged words text[start:end] are only function words and marks (an island the clean-up
    drops between two changes).
    """
    helpers = native.NATIVE
    if helpers is None:
        return _word_pieces(old, ao, ae, new, bo, be, tokens, weak)
    # Line breaks count as spaces: the words joined by single spaces give the window back.
    try:
        a, b, a_at, b_at = helpers.parts(old, ao, ae, new, bo, be, False)
    except OverflowError:  # more distinct words than characters can number
        return _word_pieces(old, ao, ae, new, bo, be, tokens, weak)
    # the exact LCS of the words (rapidfuzz, C++), as opcodes: tuples, cheap to read in C
    opcodes = Indel.opcodes(a, b).as_list()
    pieces: list[Piece] = helpers.word_pieces(
        old, ao, ae, new, bo, be, opcodes, a_at, b_at, tokens, weak, REFINE_WORDS, WEAK_ISLAND
    )
    return pieces


def _word_pieces(
    old: str, ao: int, ae: int, new: str, bo: int, be: int, tokens: Step, weak: Weak
) -> list[Piece]:
    """`word_pieces` in Python: the words are strings, offsets are summed at the runs' edges."""
    # Line breaks become spaces, one character for one: offsets stay right, and the parts
    # joined by single spaces give the window back.
    a = old[ao:ae].replace("\n", " ").split(" ")
    b = new[bo:be].replace("\n", " ").split(" ")
    runs = _without_islands(matching_blocks(a, b), len(a), len(b), a, weak)
    pieces: list[Piece] = []
    append = pieces.append
    pi = pj = 0  # the change before a run starts at part pi (pj) ...
    sa, sb = ao, bo  # ... which starts at offset sa (sb)
    for i, j, k in runs:
        # Offsets from the lengths of the parts in between, each with its separator; summed
        # here, at the runs' edges, rather than for every part: no list of big numbers. Most
        # changes are no word or one word on a side.
        da, db = i - pi, j - pj
        ea = (
            sa if not da else (sa + len(a[pi]) + 1 if da == 1 else sa + sum(map(len, a[pi:i])) + da)
        )
        eb = (
            sb if not db else (sb + len(b[pj]) + 1 if db == 1 else sb + sum(map(len, b[pj:j])) + db)
        )
        if da or db:
            # the change between two unchanged runs: up to the start of the next run
            if ea > ae:
                ea = ae
            if eb > be:
                eb = be
            # a change of a few words is diffed again by tokens, unless each word is one token
            if (
                da <= REFINE_WORDS
                and db <= REFINE_WORDS
                and not (
                    (a[pi].isalnum() if da == 1 else all(map(str.isalnum, a[pi:i])))
                    and (b[pj].isalnum() if db == 1 else all(map(str.isalnum, b[pj:j])))
                )
            ):
                pieces += tokens(old, sa, ea, new, sb, eb)
            else:
                o, w = old[sa:ea], new[sb:eb]
                append(("replace" if o and w else ("delete" if o else "insert"), o, w))
        if k:
            pi, pj = i + k, j + k
            run = sum(map(len, a[i:pi])) + k  # the same words on both sides
            sa, sb = ea + run, eb + run
            if sa > ae:
                sa = ae
            if sb > be:
                sb = be
            append(("equal", old[ea:sa], new[eb:sb]))
    return pieces


def _without_islands(
    blocks: list[Match], n: int, m: int, parts: list[str], weak: Weak
) -> list[Match]:
    """The unchanged runs minus the islands that only split one change in two, ending with
    an empty run at (n, m).

    An island between two changes goes when it is at most WEAK_ISLAND weak words, or no longer than
    the changes on both sides of it (the diff-match-patch semantic rule, counted in words).
    One pass with a stack: dropping an island lengthens the changes next to it, so the run
    before it is checked again against the new neighbour.
    """
    # kept[0] is an empty run at the start, never dropped: every run has one before it
    kept: list[Match] = [(0, 0, 0)]
    pop, push = kept.pop, kept.append
    for nxt in [*blocks, (n, m, 0)]:
        ni, nj = nxt[0], nxt[1]
        while len(kept) > 1:
            i, j, k = kept[-1]
            pi, pj, pk = kept[-2]
            before = i - pi - pk if i - pi > j - pj else j - pj - pk
            after = ni - i - k if ni - i > nj - j else nj - j - k
            if (
                before
                and after
                and (k <= before and k <= after or k <= WEAK_ISLAND and _weak(weak, parts, i, k))
            ):
                pop()
                continue
            break
        push(nxt)
    del kept[0]
    return kept


def _weak(weak: Weak, parts: list[str], start: int, length: int) -> object:
    words = " ".join(parts[start : start + length])
    return weak(words, 0, len(words))
