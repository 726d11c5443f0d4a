"""Amendment targets read into provision, path and "(new)" positions; numbers in order."""

from __future__ import annotations

import pytest

from eu_posities.importers.amendments.targets import number_key, parse_target


@pytest.mark.parametrize(
    ("printed", "kind", "label", "new", "path"),
    [
        ("Article 7 – paragraph 1 – point a", "article", "Article 7", False,
         ("paragraph 1", "point a")),
        ("Recital 1 a (new)", "recital", "Recital 1a", True, ()),
        ("Article 5a (new)", "article", "Article 5a", True, ()),
        ("Article 4 a (new)", "article", "Article 4a", True, ()),
        ("Annex III – paragraph 1 – point 5 – point a", "annex", "Annex III", False,
         ("paragraph 1", "point 5", "point a")),
        ("Title", "title", "Title", False, ()),
        ("Citation 1", "citation", "Citation 1", False, ()),
        ("Citation 4 a (new)", "citation", "Citation 4a", True, ()),
        ("Article 3 — paragraph 1 — point 44 b (new)", "article", "Article 3", False,
         ("paragraph 1", "point 44b (new)")),
        ("Article 5 — paragraph 1 — point b a (new)", "article", "Article 5", False,
         ("paragraph 1", "point ba (new)")),
        ("Article 5 – paragraph 1 – introductory part", "article", "Article 5", False,
         ("paragraph 1", "introductory part")),
        ("Article 13 — title", "article", "Article 13", False, ("title",)),
        ("Article 2 – paragraph 1 – subparagraph 1 a (new)", "article", "Article 2", False,
         ("paragraph 1", "subparagraph 1a (new)")),
        ("Annex VII — point 4 — point 4.5", "annex", "Annex VII", False,
         ("point 4", "point 4.5")),
        ("ANNEX VIII — SECTION B (new)", "annex", "Annex VIII", False, ("section B (new)",)),
        # As printed in the OJ: the number slipped behind a dash, a dash left at the end.
        ("Article — 57 a (new) — SECTION 2 — title", "article", "Article 57a", True,
         ("section 2", "title")),
        ("Article 7 — paragraph 2 — point h –", "article", "Article 7", False,
         ("paragraph 2", "point h")),
        ("Title IV", "structure", "Title IV", False, ()),
        ("Title III — Chapter 3 — title", "structure", "Title III", False,
         ("chapter 3", "title")),
    ],
)  # fmt: skip
def test_targets(printed: str, kind: str, label: str, new: bool, path: tuple[str, ...]) -> None:
    target = parse_target(printed)
    assert (target.kind, target.label, target.new, target.path) == (kind, label, new, path)


def test_insert_positions() -> None:
    assert parse_target("Recital 1 a (new)").inserts
    assert parse_target("Article 3 – paragraph 1 – point 44 b (new)").inserts
    assert not parse_target("Article 3 – paragraph 1 – point 44").inserts


def test_unreadable_target_has_no_label() -> None:
    assert parse_target("Explanatory statement").label is None
    assert parse_target("").label is None


def test_number_order() -> None:
    assert sorted(["5", "44b", "44", "44a", "4.5", "4.5a"], key=number_key) == [
        "4.5", "4.5a", "5", "44", "44a", "44b",
    ]  # fmt: skip
    # Inserted letter points sort between their neighbours: (c), (ca), (d).
    assert sorted(["d", "ca", "c", "aa", "a", "b"], key=number_key) == [
        "a", "aa", "b", "c", "ca", "d",
    ]  # fmt: skip
    roman = sorted(
        ["x", "ix", "v", "iv", "iia", "ii", "i"], key=lambda n: number_key(n, roman=True)
    )
    assert roman == ["i", "ii", "iia", "iv", "v", "ix", "x"]
