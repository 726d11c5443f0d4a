"""The real CSA Regulation proposal (COM(2022) 209) as parsed provisions, for engine tests.

Read from the EUR-Lex HTML fixture `tests/data/commission-proposal.eurlex.html` (see
tests/data/SOURCES.md) with the project's own EUR-Lex importer.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from eu_posities.document import ParsedProvision
from eu_posities.importers import parse_file

PROPOSAL = Path(__file__).parent / "data" / "commission-proposal.eurlex.html"


@cache
def _parsed() -> tuple[ParsedProvision, ...]:
    (stage,) = parse_file(PROPOSAL).stages
    return stage.provisions


def load_proposal() -> list[ParsedProvision]:
    """Title, citations, recitals, articles and annexes of COM(2022) 209, in document order."""
    return list(_parsed())
