"""What an alignment row's score means: text similarity of the pair, 1.0 only when identical."""

from __future__ import annotations

from dataclasses import replace

import pytest
from engine_corpus import load_proposal

from eu_posities.alignment import Match, align
from eu_posities.document import ParsedProvision


@pytest.fixture(scope="module")
def articles() -> list[ParsedProvision]:
    return [p for p in load_proposal() if p.kind == "article"][:12]


def row(matches: list[Match], f: str | None, t: str | None) -> Match:
    return next(m for m in matches if (m.from_label, m.to_label) == (f, t))


def test_modified_pair_scores_below_one_and_unchanged_one(articles: list[ParsedProvision]) -> None:
    art3 = articles[2]
    # Case and punctuation only: the matching ignores these, a reader does not.
    edited = replace(art3, text=art3.text.replace("shall", "Shall", 1) + ";")
    spaced = replace(articles[3], text=articles[3].text.replace(" ", "  ", 3))
    new = [*articles[:2], edited, spaced, *articles[4:]]
    matches = align(articles, new)
    modified = row(matches, "Article 3", "Article 3")
    assert modified.status == "modified"
    assert 0.9 < modified.score < 1.0
    assert modified.to_json()["score"] < 1.0
    unchanged = row(matches, "Article 4", "Article 4")  # spacing aside, identical
    assert (unchanged.status, unchanged.score) == ("unchanged", 1.0)
    assert row(matches, "Article 1", "Article 1").score == 1.0


def test_one_character_in_a_long_article_does_not_show_as_one(
    articles: list[ParsedProvision],
) -> None:
    longest = max(articles, key=lambda p: len(p.text))
    assert len(longest.text) > 2000
    new = [replace(p, text=p.text[:-1] + "!") if p is longest else p for p in articles]
    m = row(align(articles, new), longest.label, longest.label)
    assert m.status == "modified"
    assert m.score < 1.0 and f"{m.score:.2f}" != "1.00"


def test_score_falls_with_the_amount_of_change(articles: list[ParsedProvision]) -> None:
    art = articles[5]
    words = art.text.split(" ")
    light = replace(art, text=" ".join(["new", *words]))
    heavy = replace(art, text=" ".join(words[: len(words) * 2 // 3]))
    s_light = row(align([art], [light]), art.label, art.label).score
    s_heavy = row(align([art], [heavy]), art.label, art.label).score
    assert 1.0 > s_light > s_heavy > 0.0


def test_heading_counts(articles: list[ParsedProvision]) -> None:
    art = articles[1]
    renamed = replace(art, heading=art.heading + " and scope")
    m = row(align([art], [renamed]), art.label, art.label)
    assert m.status == "modified" and m.score < 1.0


def test_added_and_deleted_score_zero(articles: list[ParsedProvision]) -> None:
    matches = align(articles[:4], [*articles[:2], articles[3]])
    assert row(matches, "Article 3", None).score == 0.0
    matches = align(articles[:2], articles[:3])
    assert row(matches, None, "Article 3").score == 0.0


def test_split_and_merge_parts_score_against_their_share(
    articles: list[ParsedProvision],
) -> None:
    arts = articles[6:12]  # Articles 7 to 12
    art7, art8, art9 = arts[0], arts[1], arts[2]
    paras = art7.text.split("\n")
    half = len(paras) // 2
    reworded = art9.text.replace("shall", "must")
    assert reworded != art9.text
    new = [
        replace(art7, text="\n".join(paras[:half])),
        replace(art7, text="\n".join(paras[half:]), number="7a", label="Article 7a"),
        replace(art8, text=art8.text + "\n" + reworded),
        *arts[3:],
    ]
    matches = align(arts, new)
    # each split part is its share of Article 7, word for word
    assert row(matches, "Article 7", "Article 7").score == 1.0
    assert row(matches, "Article 7", "Article 7a").score == 1.0
    # Article 8 went into the merge unchanged, Article 9 reworded
    assert row(matches, "Article 8", "Article 8").score == 1.0
    merged9 = row(matches, "Article 9", "Article 8")
    assert merged9.status == "merged" and 0.8 < merged9.score < 1.0
