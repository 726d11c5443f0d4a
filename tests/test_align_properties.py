"""Alignment properties on random deletions, insertions and renumbering (hypothesis)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from engine_corpus import load_proposal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eu_posities.alignment import align
from eu_posities.document import ParsedProvision

PROPOSAL = [p for p in load_proposal() if p.kind in ("recital", "article")]


def made_up(k: int, kind: str) -> ParsedProvision:
    """A clearly made-up provision (never real legal text) to insert."""
    words = " ".join(f"placeholder{k}x{i}" for i in range(25 + k % 7))
    return ParsedProvision(kind, f"new{k}", f"New {k}", f"Made-up test text {k}: {words}.")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    keep=st.lists(st.booleans(), min_size=len(PROPOSAL), max_size=len(PROPOSAL)),
    inserts=st.lists(st.integers(0, len(PROPOSAL)), max_size=8),
    renumber=st.booleans(),
)
def test_deletions_insertions_renumbering_are_recovered(
    keep: list[bool], inserts: list[int], renumber: bool
) -> None:
    kept = [p for p, k in zip(PROPOSAL, keep, strict=True) if k]
    new: list[tuple[str | None, ParsedProvision]] = [(p.label, p) for p in kept]
    for k, pos in enumerate(sorted(inserts, reverse=True)):
        at = min(pos, len(new))
        kind = new[at - 1][1].kind if at and new else "article"
        new.insert(at, (None, made_up(k, kind)))
    if renumber:
        counters: dict[str, int] = {}
        renamed = []
        for src, p in new:
            counters[p.kind] = counters.get(p.kind, 0) + 1
            n = counters[p.kind]
            label = f"{'Article' if p.kind == 'article' else 'Recital'} {n}"
            renamed.append((src, replace(p, number=str(n), label=label)))
        new = renamed
    matches = align(PROPOSAL, [p for _, p in new])
    got = {(m.from_label, m.to_label) for m in matches}
    want = {(src, p.label) for src, p in new}
    want |= {(p.label, None) for p, k in zip(PROPOSAL, keep, strict=True) if not k}
    assert got == want
    for m in matches:
        if m.from_label and m.to_label:
            assert m.status == "unchanged"
            assert m.method == ("number" if m.from_label == m.to_label else "content")


@pytest.mark.parametrize("kind", ["recital", "article"])
def test_reversed_order_still_pairs_identical_texts(kind: str) -> None:
    """A reordered stage is unusual, but identical texts are matched wherever they went."""
    part = [p for p in PROPOSAL if p.kind == kind][:12]
    matches = align(part, part[::-1])
    assert {(m.from_label, m.to_label) for m in matches} == {(p.label, p.label) for p in part}
