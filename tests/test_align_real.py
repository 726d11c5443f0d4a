"""Alignment on real negotiations: truth of real proposal → act pairs, moves out of order.

The real pairs come from the shared corpus (skipped where it is absent); the out-of-order
cases are built from the real CSA Regulation proposal by moving its own articles.
"""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
import real_corpus as rc
from engine_corpus import load_proposal

from eu_posities.alignment import align
from eu_posities.document import ParsedProvision


@pytest.mark.parametrize("name", rc.WITH_TRUTH)
def test_truth_of_real_pairs(name: str) -> None:
    if not rc.available(name):
        pytest.skip(rc.missing_reason(name))
    old, new = rc.pair(name)
    entries = rc.truth(name)
    rows = {(m.from_label, m.to_label) for m in align(old, new)}
    found = rc.found(entries, rows)
    missed = [e for e, ok in zip(entries, found, strict=True) if not ok]
    assert sum(found) / len(entries) >= 0.99, missed


def test_real_moves_and_rewritten_groups() -> None:
    """CRA: Article 6 split into the act's Articles 7 and 8; Article 19 merged into Article 27
    with Article 18, rewritten; DMA: Article 32 moved to the end, as Article 50."""
    for name in ("cra", "dma"):
        if not rc.available(name):
            pytest.skip(rc.missing_reason(name))
    rows = {(m.from_label, m.to_label): m for m in align(*rc.pair("cra"))}
    assert {rows["Article 6", "Article 7"].status, rows["Article 6", "Article 8"].status} == {
        "split"
    }
    assert rows["Article 19", "Article 27"].status == "merged"
    assert rows["Article 18", "Article 27"].status == "merged"
    assert rows["Article 9", None].status == "deleted"  # machinery products: really gone
    dma = {(m.from_label, m.to_label): m for m in align(*rc.pair("dma"))}
    assert dma["Article 32", "Article 50"].method == "moved"


@pytest.mark.slow
def test_real_pair_alignment_is_fast() -> None:
    if not rc.available("cra"):
        pytest.skip(rc.missing_reason("cra"))
    old, new = rc.pair("cra")  # 135 and 217 provisions
    align(old, new, parts=True)
    start = time.process_time()
    align(old, new, parts=True)
    assert time.process_time() - start < 0.5  # typically 0.1 s; generous for busy machines


def _renumbered(provs: list[ParsedProvision]) -> list[ParsedProvision]:
    """Articles numbered 1, 2, ... in their new order (final-act style)."""
    out, n = [], 0
    for p in provs:
        if p.kind == "article":
            n += 1
            p = replace(p, number=str(n), label=f"Article {n}")
        out.append(p)
    return out


@pytest.fixture(scope="module")
def proposal() -> list[ParsedProvision]:
    return load_proposal()


def test_article_moved_to_another_chapter_is_matched_there(
    proposal: list[ParsedProvision],
) -> None:
    arts = [p for p in proposal if p.kind == "article"]
    moved = next(p for p in arts if p.label == "Article 20")
    rest = [p for p in arts if p is not moved]
    at = next(k for k, p in enumerate(rest) if p.label == "Article 60")
    new = _renumbered([*rest[: at + 1], moved, *rest[at + 1 :]])
    got = {m.from_label: m for m in align(arts, new)}
    assert got["Article 20"].to_label == "Article 60"  # after Article 60, itself now 59
    assert got["Article 20"].method == "moved"
    assert got["Article 20"].status == "unchanged"
    assert all(m.to_label for m in got.values())  # nothing reported deleted
    assert sum(m.method == "moved" for m in got.values()) == 1


def test_split_with_a_part_far_away(proposal: list[ParsedProvision]) -> None:
    arts = [p for p in proposal if p.kind == "article"]
    art7 = next(p for p in arts if p.label == "Article 7")
    lines = art7.text.split("\n")
    first = replace(art7, text="\n".join(lines[:6]), blocks=())
    second = replace(art7, text="\n".join(lines[6:]), heading="Made-up heading", blocks=())
    new = []
    for p in arts:
        new.append(first if p is art7 else p)
        if p.label == "Article 50":
            new.append(second)
    new = _renumbered(new)
    rows = [m for m in align(arts, new) if m.from_label == "Article 7"]
    assert sorted(m.to_label or "" for m in rows) == ["Article 51", "Article 7"]
    assert {m.status for m in rows} == {"split"}
    far = next(m for m in rows if m.to_label == "Article 51")
    assert far.method == "moved"


def test_a_heading_change_alone_does_not_break_a_match(proposal: list[ParsedProvision]) -> None:
    arts = [p for p in proposal if p.kind == "article"]
    # MADE-UP headings for every article, and the articles renumbered from 2
    new = [
        replace(p, heading=f"Made-up heading {k}", number=str(k + 2), label=f"Article {k + 2}")
        for k, p in enumerate(arts)
    ]
    rows = align(arts, new)
    assert [(m.from_label, m.to_label) for m in rows] == [
        (a.label, b.label) for a, b in zip(arts, new, strict=True)
    ]
    assert {m.status for m in rows} == {"modified"}  # the heading changed, the text did not
