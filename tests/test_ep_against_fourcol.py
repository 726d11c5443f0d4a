"""The Parliament's stage made from its plenary amendments agrees with the "EP Mandate"
column of the real trilogue four-column document, on the provisions both contain.

Both documents are real and public (read in place from the corpus): P9_TA(2023)0236 applied
to COM(2021) 206, against ST 11320/1/23 REV 1 read by its own importer.
"""

from __future__ import annotations

import statistics

import pytest
from corpus import corpus_file

from eu_posities.amending import apply_amendments
from eu_posities.importers import parse_file
from eu_posities.importers.coverage import words

pytestmark = pytest.mark.slow


def _agreement(a: str, b: str) -> float:
    from rapidfuzz.distance import Indel

    x, y = words(a), words(b)
    return 1 - Indel.normalized_distance(x, y) if x or y else 1.0


def test_the_ep_stage_agrees_with_the_ep_mandate_column() -> None:
    proposal = parse_file(corpus_file("ai-act/commission-proposal.COM-2021-206.xhtml"))
    amendments = parse_file(corpus_file("ai-act/ep-amendments.P9-TA-2023-0236.oj.html"))
    four = parse_file(corpus_file("ai-act/four-column.ST-11320-2023-REV-1.pdf"))
    ep = apply_amendments(proposal.stages[0].provisions, amendments.amendments).stage
    column = next(s for s in four.stages if s.name == "ep-position")
    ours = {p.label: p.text for p in ep.provisions if p.kind == "article"}
    theirs = {p.label: p.text for p in column.provisions if p.kind == "article"}
    both = sorted(set(ours) & set(theirs))
    assert len(both) >= 30, both
    scores = {label: _agreement(ours[label], theirs[label]) for label in both}
    baseline = {
        p.label: _agreement(p.text, theirs[p.label])
        for p in proposal.stages[0].provisions
        if p.label in theirs
    }
    # Close to the column, and much closer than the proposal it amends.
    assert statistics.median(scores.values()) >= 0.95, sorted(scores.items(), key=lambda s: s[1])
    assert sum(1 for s in scores.values() if s >= 0.9) >= 0.8 * len(scores)
    assert statistics.median(scores.values()) > statistics.median(baseline.values()) + 0.05
