"""Alignment of the real CSA Regulation proposal against generated later stages."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from engine_corpus import load_proposal
from stagegen import accuracy, generate

from eu_posities.alignment import Match, align, label_map
from eu_posities.document import ParsedProvision
from eu_posities.errors import NotFound


@pytest.fixture(scope="module")
def proposal() -> list[ParsedProvision]:
    return load_proposal()


def pairs(matches: list[Match]) -> list[tuple[str | None, str | None]]:
    return [(m.from_label, m.to_label) for m in matches]


def test_proposal_loads_all_provisions(proposal: list[ParsedProvision]) -> None:
    labels = [p.label for p in proposal]
    assert labels.index("Recital 1") + 1 == labels.index("Recital 2")
    assert labels.count("Recital 84") == 1 and "Article 89" in labels and "Annex VIII" in labels
    assert len(proposal) == 1 + 7 + 1 + 84 + 89 + 8  # title, citations, formula, ...


def test_identical_stages_align_unchanged_by_number(proposal: list[ParsedProvision]) -> None:
    matches = align(proposal, proposal)
    assert pairs(matches) == [(p.label, p.label) for p in proposal]
    assert {m.status for m in matches} == {"unchanged"}
    assert {m.method for m in matches} == {"number"}


def test_renumbering_alone_is_unchanged_by_content(proposal: list[ParsedProvision]) -> None:
    arts = [p for p in proposal if p.kind == "article"][:20]
    shifted = [replace(p, number=str(k + 2), label=f"Article {k + 2}") for k, p in enumerate(arts)]
    matches = align(arts, shifted)
    assert pairs(matches) == [(a.label, b.label) for a, b in zip(arts, shifted, strict=True)]
    assert {(m.status, m.method) for m in matches} == {("unchanged", "content")}
    assert label_map(matches)["Article 1"] == "Article 2"


def test_kinds_stay_apart(proposal: list[ParsedProvision]) -> None:
    recital = next(p for p in proposal if p.label == "Recital 3")
    article = next(p for p in proposal if p.label == "Article 3")
    as_article = replace(recital, kind="article", label="Article 3", number="3")
    matches = align([recital, article], [as_article])
    assert ("Recital 3", "Article 3") not in pairs(matches)
    assert ("Recital 3", None) in pairs(matches)


def test_split_and_merge_rows(proposal: list[ParsedProvision]) -> None:
    arts = [p for p in proposal if p.kind == "article"][6:12]  # Articles 7 to 12
    art7, art8, art9 = arts[0], arts[1], arts[2]
    paras = art7.text.split("\n")
    half = len(paras) // 2
    new = [
        replace(art7, text="\n".join(paras[:half])),
        replace(art7, text="\n".join(paras[half:]), number="7a", label="Article 7a"),
        replace(art8, text=art8.text + "\n" + art9.text),
        *arts[3:],
    ]
    matches = align(arts, new)
    rows = {(m.from_label, m.to_label): m.status for m in matches}
    assert rows[("Article 7", "Article 7")] == "split"
    assert rows[("Article 7", "Article 7a")] == "split"
    assert rows[("Article 8", "Article 8")] == "merged"
    assert rows[("Article 9", "Article 8")] == "merged"
    assert rows[("Article 10", "Article 10")] == "unchanged"


def test_overrides_win(proposal: list[ParsedProvision]) -> None:
    arts = [p for p in proposal if p.kind == "article"][:10]
    matches = align(
        arts, arts, overrides=[("Article 2", "Article 3"), ("Article 3", None), (None, "Article 2")]
    )
    rows = {(m.from_label, m.to_label): (m.status, m.method) for m in matches}
    assert rows[("Article 2", "Article 3")] == ("modified", "manual")
    assert rows[("Article 3", None)] == ("deleted", "manual")
    assert rows[(None, "Article 2")] == ("added", "manual")
    assert rows[("Article 4", "Article 4")] == ("unchanged", "number")
    two = align(arts, arts, overrides=[("Article 2", "Article 2"), ("Article 2", "Article 3")])
    assert {(m.to_label, m.status) for m in two if m.from_label == "Article 2"} == {
        ("Article 2", "split"),
        ("Article 3", "split"),
    }


def test_override_with_unknown_label(proposal: list[ParsedProvision]) -> None:
    with pytest.raises(NotFound, match="Article 999"):
        align(proposal, proposal, overrides=[("Article 999", "Article 1")])


def test_json_shape(proposal: list[ParsedProvision]) -> None:
    new, _ = generate(proposal, 3)
    rows = [m.to_json() for m in align(proposal, new)]
    json.dumps(rows)
    for row in rows:
        assert set(row) >= {"from", "to", "score", "status", "method"}
        assert 0 <= row["score"] <= 1 or row["method"] != "manual"
        assert row["status"] in ("unchanged", "modified", "added", "deleted", "split", "merged")


@pytest.mark.parametrize("style", ["council", "final"])
def test_accuracy_on_generated_stages(proposal: list[ParsedProvision], style: str) -> None:
    scores = []
    for seed in range(12):
        new, truth = generate(proposal, seed, style=style)
        scores.append(accuracy(pairs(align(proposal, new)), truth))
    assert sum(scores) / len(scores) >= 0.97
    assert min(scores) >= 0.93


def test_statuses_match_truth(proposal: list[ParsedProvision]) -> None:
    new, truth = generate(proposal, 5)
    got = {(m.from_label, m.to_label): m.status for m in align(proposal, new)}
    want = {(t.from_label, t.to_label): t.status for t in truth}
    agree = sum(got.get(k) == v for k, v in want.items())
    assert agree / len(want) >= 0.97


def test_generator_is_deterministic(proposal: list[ParsedProvision]) -> None:
    assert generate(proposal, 7) == generate(proposal, 7)
    assert generate(proposal, 7)[0] != generate(proposal, 8)[0]


def test_generated_labels_are_unique(proposal: list[ParsedProvision]) -> None:
    for seed in range(30):
        new, _ = generate(proposal, seed, intensity=2.5)
        labels = [p.label for p in new]
        assert len(labels) == len(set(labels)), seed
