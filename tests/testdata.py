"""Where the test documents are: copies of public documents in tests/data (see SOURCES.md).

The real corpus, read in place, is reached through `corpus.corpus_file`.
"""

from __future__ import annotations

from pathlib import Path

TEST_DATA = Path(__file__).resolve().parent / "data"
