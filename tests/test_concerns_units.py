"""Parts of the concern ledger without a database: suggestions, resolved_in, alert comparison."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from testdata import TEST_DATA

from eu_posities.alignment import align
from eu_posities.concerns.alerts import Change, changes_of
from eu_posities.concerns.suggest import suggest_for
from eu_posities.diff import diff_stages
from eu_posities.document import ParsedProvision
from eu_posities.importers import parse_file
from eu_posities.readmodels import resolved_in

ROOT = Path(__file__).resolve().parents[1]
STRICT = {f"Article {n}" for n in range(7, 12)}
LENIENT = STRICT | {"Annex I", "Annex II"}  # the detection-order templates


def terms(key: str) -> list[str]:
    data = json.loads((ROOT / "data/concerns.json").read_text(encoding="utf-8"))
    spec = next(c for c in data["concerns"] if c["key"] == key)
    return [*spec["terms_en"], *spec["terms_nl"]]


@pytest.fixture(scope="module")
def proposal() -> tuple[ParsedProvision, ...]:
    [stage] = parse_file(TEST_DATA / "commission-proposal.eurlex.html").stages
    return stage.provisions


def test_detection_order_articles_rank_on_top(proposal: tuple[ParsedProvision, ...]) -> None:
    ranked = suggest_for(
        proposal, {"detectiebevel": terms("detectiebevel")}, threshold=0.0, limit=None
    )
    top5 = {s.provision for s in ranked[:5]}
    assert {f"Article {n}" for n in range(7, 11)} <= top5
    top8 = [s.provision for s in ranked[:8]]
    assert sum(p in LENIENT for p in top8) / 8 >= 0.75
    assert sum(p in STRICT for p in top8) / 8 >= 0.6
    # The default threshold keeps every relevant article, drops recitals that only mention it.
    shown = suggest_for(proposal, {"detectiebevel": terms("detectiebevel")})
    assert {s.provision for s in shown} >= STRICT
    assert not any(s.provision.startswith("Recital") for s in shown)
    assert all(s.provision in LENIENT for s in shown)
    assert [s.score for s in shown] == sorted((s.score for s in shown), reverse=True)


def test_limit_and_reason(proposal: tuple[ParsedProvision, ...]) -> None:
    shown = suggest_for(proposal, {"detectiebevel": terms("detectiebevel")}, limit=3)
    assert len(shown) == 3
    seven = next(
        s
        for s in suggest_for(proposal, {"d": terms("detectiebevel")})
        if s.provision == "Article 7"
    )
    assert seven.why.startswith("heading 'Issuance of detection orders' matches 'detection order'")
    assert "under 'Section 2 – Detection obligations'" in seven.why


def test_rejected_links_are_not_suggested(proposal: tuple[ParsedProvision, ...]) -> None:
    shown = suggest_for(proposal, {"d": terms("detectiebevel")}, exclude={("d", "Article 7")})
    assert "Article 7" not in {s.provision for s in shown}


def test_dutch_terms_find_the_letters_sections() -> None:
    [letter] = parse_file(
        TEST_DATA / "kamerbrief-2024-12-20-voortgangsbrief-aanpak-seksuele-delicten.txt"
    ).stages
    wanted = {k: terms(k) for k in ("detectiebevel", "kindersekspoppen", "vog")}
    # The letter's headings name no concern: text hits alone give a low score.
    found = suggest_for(letter.provisions, wanted, threshold=0.05)
    best: dict[str, str] = {}
    for s in found:
        best.setdefault(s.concern, s.provision)
    assert best == {
        "detectiebevel": "Section 8",
        "kindersekspoppen": "Section 7",
        "vog": "Section 7",
    }


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ({}, None),
        ({"a": "open", "b": "resolved"}, "b"),
        ({"a": "resolved", "b": "resolved"}, "a"),
        ({"a": "resolved", "b": "partly"}, None),
        ({"a": "open", "b": "resolved", "c": "open", "d": "resolved", "e": "resolved"}, "d"),
        ({"a": "dropped"}, None),
    ],
)
def test_resolved_in(statuses: dict[str, str], expected: str | None) -> None:
    assert resolved_in(statuses) == expected


def made_up(label: str, text: str) -> ParsedProvision:
    """A made-up provision for tests (not legal text)."""
    return ParsedProvision(kind="article", number=label.split()[-1], label=label, text=text)


def compare(old: list[ParsedProvision], new: list[ParsedProvision]) -> dict[str, Change]:
    return changes_of(diff_stages(old, new, align(old, new)))


def test_alert_flags() -> None:
    old = [
        made_up("Article 1", "The authority shall decide within four weeks and 10 days, not later.")
    ]
    new = [made_up("Article 1", "The authority may decide within six weeks and 12 days, later.")]
    change = compare(old, new)["Article 1"]
    assert change.status == "modified"
    kinds = {(f["kind"], f["old"], f["new"]) for f in change.flags}
    assert ("modal", "shall", "may") in kinds
    assert ("number", "four weeks", "six weeks") in kinds and (
        "number",
        "10 days",
        "12 days",
    ) in kinds
    assert ("negation", "not", "") in kinds


def test_comparison_follows_renumbering_and_deletion() -> None:
    old = [
        made_up("Article 1", "Made-up text one about the scope of this test regulation."),
        made_up("Article 2", "Made-up text two: providers shall keep records for five years."),
        made_up("Article 3", "Made-up text three about penalties that Member States lay down."),
    ]
    new = [
        made_up("Article 1", "Made-up text one about the scope of this test regulation."),
        made_up("Article 2", "Made-up text three about penalties that Member States lay down."),
    ]
    changes = compare(old, new)
    assert changes["Article 1"].status == "unchanged"
    assert changes["Article 2"].status == "deleted"
    assert (changes["Article 3"].status, changes["Article 3"].new_labels) == (
        "unchanged",
        ("Article 2",),
    )
