"""Paragraph-level alignment inside aligned pairs: renumbering, insertions, reordering, groups.

Built on the real CSA Regulation proposal (COM(2022) 209): later versions of its articles are
made by moving, renumbering and inserting its own paragraphs; an inserted paragraph is
made-up test text and says so. The DMA pair checks a real reordering.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
import real_corpus as rc
from engine_corpus import load_proposal

from eu_posities.alignment import Match, align, part_alignment, units
from eu_posities.document import ParsedProvision

INSERTED = "Made-up test paragraph: providers shall keep a register of these made-up measures."


@pytest.fixture(scope="module")
def provisions() -> dict[str, ParsedProvision]:
    return {p.label: p for p in load_proposal()}


def renumbered(paragraphs: list[str]) -> str:
    """Number top-level paragraphs 1., 2., ... in order (points keep their letters)."""
    out, n = [], 0
    for line in paragraphs:
        if re.match(r"\d+[a-z]?\. ", line):
            n += 1
            line = re.sub(r"^\d+[a-z]?\. ", f"{n}. ", line)
        out.append(line)
    return "\n".join(out)


def rows(parts: tuple) -> list[tuple[str | None, str | None, str, bool]]:  # type: ignore[type-arg]
    return [(p.from_num, p.to_num, p.status, p.moved) for p in parts]


def test_units_follow_blocks_and_lines(provisions: dict[str, ParsedProvision]) -> None:
    art = provisions["Article 4"]
    from_blocks = units(art)
    from_lines = units(replace(art, blocks=()))
    assert [u.num for u in from_blocks] == [u.num for u in from_lines]
    assert [u.num for u in from_blocks][:5] == ["1.", "(a)", "(b)", "(c)", "2."]
    for u in from_blocks:
        line = art.text[u.start : u.end]
        assert line.startswith(u.num) and line.endswith(u.text)


def test_paragraph_inserted_at_the_start_renumbers_the_rest(
    provisions: dict[str, ParsedProvision],
) -> None:
    art = provisions["Article 12"]
    lines = art.text.split("\n")
    new = replace(art, text=renumbered([f"1. {INSERTED}", *lines]), blocks=())
    parts = part_alignment(art, new)
    got = rows(parts)
    assert got[0] == (None, "1.", "added", False)
    assert got[1:3] == [("1.", "2.", "unchanged", False), ("2.", "3.", "unchanged", False)]
    assert got[-1] == ("3.", "4.", "unchanged", False)
    assert all(status == "unchanged" for *_, status, _ in got[1:])


def test_inserted_1a_sits_between_its_neighbours(provisions: dict[str, ParsedProvision]) -> None:
    art = provisions["Article 12"]
    lines = art.text.split("\n")
    new = replace(art, text="\n".join([lines[0], f"1a. {INSERTED}", *lines[1:]]), blocks=())
    got = rows(part_alignment(art, new))
    assert got[:3] == [
        ("1.", "1.", "unchanged", False),
        (None, "1a.", "added", False),
        ("2.", "2.", "unchanged", False),
    ]


def test_reordered_paragraphs_are_moved_not_deleted(provisions: dict[str, ParsedProvision]) -> None:
    art = provisions["Article 4"]
    lines = art.text.split("\n")
    # paragraph 5 moves to the front; numbering follows the new order
    new = replace(art, text=renumbered([lines[11], *lines[:11]]), blocks=())
    parts = part_alignment(art, new)
    first = parts[0]
    assert rows((first,)) == [("5.", "1.", "unchanged", True)]
    assert not any(p.status in ("added", "deleted") for p in parts)
    assert sum(p.moved for p in parts) == 1


def test_reordered_points_inside_a_paragraph(provisions: dict[str, ParsedProvision]) -> None:
    art = provisions["Article 4"]
    lines = art.text.split("\n")  # 1. (a) (b) (c) 2. ...
    a, b, c = (re.sub(r"^\(\w\) ", "", x) for x in lines[1:4])
    new_lines = [lines[0], f"(a) {c}", f"(b) {a}", f"(c) {b}", *lines[4:]]
    parts = part_alignment(art, replace(art, text="\n".join(new_lines), blocks=()))
    by_from = {p.from_num: p for p in parts[:4]}
    assert (by_from["(c)"].to_num, by_from["(a)"].to_num, by_from["(b)"].to_num) == (
        "(a)",
        "(b)",
        "(c)",
    )
    assert [p.status for p in parts[:4]] == ["unchanged"] * 4
    assert sum(p.moved for p in parts) == 1  # (a) and (b) kept their order: (c) moved


def test_added_and_deleted_rows_list_their_units(provisions: dict[str, ParsedProvision]) -> None:
    arts = [provisions["Article 4"], provisions["Article 12"]]
    matches = align(arts, arts[:1], parts=True)
    deleted = next(m for m in matches if m.to_label is None)
    assert deleted.parts is not None
    assert {p.status for p in deleted.parts} == {"deleted"}
    assert len(deleted.parts) == len(units(provisions["Article 12"]))


def test_split_rows_share_out_the_source_units(provisions: dict[str, ParsedProvision]) -> None:
    art7 = provisions["Article 7"]
    lines = art7.text.split("\n")
    half = len(lines) // 2
    new = [
        replace(art7, text="\n".join(lines[:half]), blocks=()),
        replace(art7, text="\n".join(lines[half:]), number="7a", label="Article 7a", blocks=()),
    ]
    matches = align([art7], new, parts=True)
    split = {m.to_label: m for m in matches}
    assert {m.status for m in matches} == {"split"}
    first, second = split["Article 7"].parts, split["Article 7a"].parts
    assert first is not None and second is not None
    assert [p.from_index for p in first] == list(range(half))
    assert [p.from_index for p in second] == list(range(half, len(lines)))
    assert {p.status for p in first + second} == {"unchanged"}


def test_json_rows_carry_parts(provisions: dict[str, ParsedProvision]) -> None:
    arts = [provisions["Article 4"], provisions["Article 12"]]
    plain = align(arts, arts)
    assert all("parts" not in m.to_json() for m in plain)
    rows_json = [m.to_json() for m in align(arts, arts, parts=True)]
    json.dumps(rows_json)
    for row in rows_json:
        assert isinstance(row["parts"], list) and row["parts"]
        for part in row["parts"]:
            assert set(part) >= {"from", "to", "from_index", "to_index", "status", "score"}


def _real_pair_row(name: str, old: str, new: str) -> Match:
    if not rc.available(name):
        pytest.skip(rc.missing_reason(name))
    a, b = rc.pair(name)
    return next(m for m in align(a, b, parts=True) if (m.from_label, m.to_label) == (old, new))


def test_real_reordering_in_the_dma() -> None:
    """DMA Article 32 (proposal) became Article 50: its paragraph 4 moved up to paragraph 2,
    its paragraph 2 became the second subparagraph of the new paragraph 2."""
    row = _real_pair_row("dma", "Article 32", "Article 50")
    assert row.method == "moved"
    assert row.parts is not None
    got = [(p.from_num, p.to_num, p.moved) for p in row.parts]
    assert got[:3] == [("1.", "1.", False), ("4.", "2.", True), ("2.", "", False)]
    assert (None, "3.", False) in got and ("3.", "4.", False) in got
