"""Stage lineage: which stage made each change, on a made-up chain and on real texts.

The real chains are a proposal → DERIVED middle stage → adopted act (tests/lineage_chain.py
says how the middle stage is made and records which stage changed what).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict

import pytest
import real_corpus as rc
from lineage_chain import LAST, MADE_UP, MIDDLE, build

from eu_posities.alignment import align, units
from eu_posities.diff.lineage import Lineage, trace
from eu_posities.document import ParsedProvision
from eu_posities.errors import NotFound


def made_up(text: str, label: str = "Article 1") -> ParsedProvision:
    return ParsedProvision("article", label.split()[-1], label, text)


# MADE-UP texts: a proposal, a Council text and a final act of one invented article.
PROPOSAL = made_up(
    "1. Member States shall ensure that providers report within three months.\n"
    "2. The Commission may adopt guidelines."
)
COUNCIL = made_up(
    "1. Member States shall ensure that providers promptly report within six months.\n"
    "2. The Commission may adopt guidelines. It shall consult the Board."
)
FINAL = made_up(
    "1. Member States shall ensure that providers promptly report within nine months.\n"
    "2. The Commission shall adopt guidelines.",
    "Article 2",
)


def changes(lineage: Lineage) -> list[tuple[str, str, str, str, str | None]]:
    return [(c.op, c.old, c.new, c.introduced_in, c.undone_in) for c in lineage.changes]


def test_each_change_has_its_stage() -> None:
    stages = [("proposal", [PROPOSAL]), ("council", [COUNCIL]), ("final", [FINAL])]
    lineage = trace(stages, "Article 1")
    assert lineage.labels == (("Article 1",), ("Article 1",), ("Article 2",))
    assert changes(lineage) == [
        ("insert", "", "promptly ", "council", None),
        ("delete", "three ", "", "council", None),
        ("insert", "", "nine ", "final", None),
        ("replace", "may ", "shall ", "final", None),
        ("insert", "", "six", "council", "final"),
        ("insert", "", "It shall consult the Board.", "council", "final"),
    ]
    old = "".join(op.old for op in lineage.ops if op.op != "insert")
    new = "".join(op.new for op in lineage.ops if op.op != "delete")
    assert (old, new) == (PROPOSAL.text, FINAL.text)
    data = lineage.to_json()
    json.dumps(data)
    assert data["labels"] == {
        "proposal": ["Article 1"],
        "council": ["Article 1"],
        "final": ["Article 2"],
    }
    assert {"introduced_in", "undone_in", "in_final", "op", "old", "new"} <= set(data["changes"][0])  # type: ignore[index]


def test_traced_from_the_last_stage_and_text_put_back() -> None:
    dropped = made_up("1. Member States shall ensure that providers report within three months.")
    stages = [("proposal", [PROPOSAL]), ("council", [dropped]), ("final", [FINAL])]
    lineage = trace(stages, "Article 2", at="last")
    assert lineage.labels[0] == ("Article 1",)
    # the Council deleted paragraph 2, the final act put it back (with "shall" for "may")
    put_back = [c for c in lineage.changes if c.op == "delete" and c.undone_in == "final"]
    assert {c.introduced_in for c in put_back} == {"council"}
    assert [c.old for c in put_back] == ["2. The Commission", "adopt guidelines."]
    assert ("delete", "may ", "", "council", None) in changes(lineage)
    assert ("insert", "", "shall ", "final", None) in changes(lineage)


def test_unknown_label() -> None:
    with pytest.raises(NotFound, match="Article 9"):
        trace([("a", [PROPOSAL]), ("b", [COUNCIL]), ("c", [FINAL])], "Article 9")


@pytest.mark.slow
@pytest.mark.parametrize("name", ["dma", "cra"])
def test_real_chain_attribution(name: str) -> None:
    if not rc.available(name):
        pytest.skip(rc.missing_reason(name))
    first, last = rc.pair(name)
    middle, expected = build(first, last)
    stages = [("proposal", first), (MIDDLE, middle), (LAST, last)]
    alignments = [align(first, middle), align(middle, last)]
    chars = wrong = 0
    unit_tags: dict[tuple[str, str, int | None], Counter[bool]] = defaultdict(Counter)
    undone = restored = regrouped = 0
    for exp in expected:
        lineage = trace(stages, exp.first.label, alignments)
        if lineage.labels[-1] != (exp.last.label,):
            regrouped += 1  # the aligner split or merged it along the chain: other texts
            continue
        old = "".join(op.old for op in lineage.ops if op.op != "insert")
        new = "".join(op.new for op in lineage.ops if op.op != "delete")
        assert (old, new) == (exp.first.text, exp.last.text), exp.first.label
        ua, ub = units(exp.first), units(exp.last)
        pa = pb = 0
        for op in lineage.ops:
            a = op.old if op.op != "insert" else ""
            b = op.new if op.op != "delete" else ""
            if op.op != "equal":
                for side, text, at, stage_of, us in (
                    ("old", a, pa, exp.first_stage, ua),
                    ("new", b, pb, exp.last_stage, ub),
                ):
                    for k, c in enumerate(text):
                        if c.isspace():
                            continue
                        want = stage_of.get(at + k)
                        assert want is not None, (exp.first.label, text)
                        chars += 1
                        wrong += want != op.introduced_in
                        unit = next(u.index for u in us if u.start <= at + k < u.end)
                        unit_tags[exp.first.label, side, unit][want == op.introduced_in] += 1
            pa += len(a)
            pb += len(b)
        if exp.undone_insert:
            undone += 1
            assert any(
                c.op == "insert"
                and MADE_UP.rstrip(".") in c.new
                and (c.introduced_in, c.undone_in) == (MIDDLE, LAST)
                for c in lineage.changes
            ), exp.first.label
        if exp.restored:
            restored += 1
            assert any(
                c.op == "delete"
                and exp.restored[:60] in c.old
                and (c.introduced_in, c.undone_in) == (MIDDLE, LAST)
                for c in lineage.changes
            ), exp.first.label
    assert regrouped <= 2
    assert undone >= 10 and restored >= 2
    assert chars > 40_000
    # Characters of a changed paragraph that the redline puts in the change of the paragraph
    # before it (its number, a first word) go with that change: a few per thousand.
    assert wrong / chars <= 0.002, (wrong, chars)
    units_right = sum(c[True] >= 0.9 * (c[True] + c[False]) for c in unit_tags.values())
    assert units_right / len(unit_tags) >= 0.99, (units_right, len(unit_tags))
