"""The real corpus on this machine, read in place (never copied: some files are LIMITE).

`EU_POSITIES_CORPUS` points at it; by default the `shared/corpus` folder next to the
repository. A test that needs a file skips, saying so, when the corpus is not here.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CORPUS = Path(
    os.environ.get("EU_POSITIES_CORPUS")
    or Path(__file__).resolve().parents[2] / "shared" / "corpus"
)


def corpus_file(relative: str) -> Path:
    """The corpus file at `relative`, or skip the test when it is absent."""
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"{relative} not found: the real corpus is not on this machine")
    return path
