"""Where the test documents are: copies in tests/data, and the real corpus beside the project."""

from __future__ import annotations

import os
from pathlib import Path

TEST_DATA = Path(__file__).resolve().parent / "data"
# The real documents (some LIMITE): read in place, never copied into the repository.
CORPUS = Path(
    os.environ.get("EU_POSITIES_CORPUS")
    or Path(__file__).resolve().parents[2] / "shared" / "corpus"
)
