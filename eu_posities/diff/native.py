"""The compiled helpers of the word diff (_native.c), when the install could build them.

They do what parts.py (`split_parts`) and words.py (`_word_pieces`) do in Python, with the
same answers, several times faster on long rewritten provisions: the C code cuts text into
words without a string object per word and runs the island clean-up and the cutting of the
pieces without a Python step per unchanged run. pip builds them when a C compiler is there
(setup.py); without one the Python twins run. `NATIVE` is the module, or None when it is
missing or was built from another version of _native.c (a stale build left in a source tree
is not used).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

ABI_VERSION = 1  # the ABI_VERSION of _native.c that this code expects


def _load() -> ModuleType | None:
    if os.environ.get("EU_POSITIES_PURE_PYTHON"):  # for comparing the two, and for bugs
        return None
    try:
        from eu_posities.diff import _native  # type: ignore[attr-defined]
    except ImportError:
        return None
    return _native if getattr(_native, "ABI_VERSION", None) == ABI_VERSION else None


NATIVE = _load()


@contextmanager
def python_only() -> Iterator[None]:
    """Run the word diff without the compiled helpers (tests and benchmarks compare them)."""
    global NATIVE
    saved, NATIVE = NATIVE, None
    try:
        yield
    finally:
        NATIVE = saved
