"""Two text windows cut into parts (words or lines), each part compared as one item.

`parts(old, ao, ae, new, bo, be, lines)` cuts old[ao:ae] and new[bo:be] exactly as
`str.split` with one separator does (line breaks; or spaces and line breaks, which count as
spaces), empty parts included, and returns the two sequences of parts for `matching_blocks`
and where each part starts in its whole text (then the window's end plus one, as if a
separator followed the last part): offsets need no sums over part lengths. The line pass
(coarse.py) uses it; the compiled word path (words.py) calls the helper itself, as its C
code reads the starts as bytes.

The compiled helper (native.py) gives each part a one-character id, so rapidfuzz compares
characters instead of hashing a string object per word: a long rewritten provision is cut and
aligned several times faster. Without it the parts are the strings themselves. Both give the
same partition and the same equalities, hence the same diff.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from itertools import accumulate

from eu_posities.diff import native

Parts = tuple[Sequence[Hashable], Sequence[Hashable], Sequence[int], Sequence[int]]
_plus_one = (1).__add__


def parts(old: str, ao: int, ae: int, new: str, bo: int, be: int, lines: bool) -> Parts:
    """The parts of old[ao:ae] and new[bo:be] and their starts (see the module docstring)."""
    helpers = native.NATIVE
    if helpers is None:
        return split_parts(old, ao, ae, new, bo, be, lines)
    try:
        a, b, a_at, b_at = helpers.parts(old, ao, ae, new, bo, be, lines)
    except OverflowError:  # more distinct parts than characters can number
        return split_parts(old, ao, ae, new, bo, be, lines)
    # "n" is Py_ssize_t, as _native.c writes them (typeshed lists only fixed-width codes)
    return a, b, memoryview(a_at).cast("n"), memoryview(b_at).cast("n")  # type: ignore[call-overload]


def split_parts(old: str, ao: int, ae: int, new: str, bo: int, be: int, lines: bool) -> Parts:
    """`parts` in Python: the parts are the strings themselves."""
    a, b = _split(old[ao:ae], lines), _split(new[bo:be], lines)
    return a, b, _starts(a, ao), _starts(b, bo)


def _split(window: str, lines: bool) -> list[str]:
    return window.split("\n") if lines else window.replace("\n", " ").split(" ")


def _starts(parts: list[str], start: int) -> list[int]:
    # C-speed running sum: each part's length plus its separator
    return list(accumulate(map(_plus_one, map(len, parts)), initial=start))
