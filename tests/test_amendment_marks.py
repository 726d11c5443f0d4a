"""Marked pieces: cleaning keeps the marks in step with `clean`; two columns make one redline."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eu_posities.document import MarkedRun
from eu_posities.importers.amendments.runs import (
    as_runs,
    check_runs,
    clean_pieces,
    merge_columns,
    plain,
    split_lines,
)
from eu_posities.importers.common import NOTE_MARK, clean

_TEXT = st.text(alphabet=" ab\n\u00a0,.;" + NOTE_MARK, max_size=8)


@given(st.lists(st.tuples(_TEXT, st.booleans()), max_size=6))
def test_clean_pieces_joins_to_clean(pieces: list[tuple[str, bool]]) -> None:
    assert plain(clean_pieces(pieces)) == clean("".join(t for t, _ in pieces))


_WORDS = st.lists(st.sampled_from(["the", "AI", "system", "shall", "not", ",", "."]), max_size=6)


@given(
    st.lists(st.tuples(_WORDS, st.booleans()), max_size=5),
    st.lists(st.tuples(_WORDS, st.booleans()), max_size=5),
)
def test_merged_redline_joins_to_both_columns(old: list, new: list) -> None:
    old_runs = as_runs(clean_pieces([(" ".join(w) + " ", m) for w, m in old]), "delete")
    new_runs = as_runs(clean_pieces([(" ".join(w) + " ", m) for w, m in new]), "insert")
    merged = merge_columns(old_runs, new_runs)
    old_text = "".join(r.text for r in old_runs)
    new_text = "".join(r.text for r in new_runs)
    assert check_runs(merged, new_text, old_text)


def test_merge_uses_the_amendments_own_marks() -> None:
    # Recital 1 of the AI Act, Amendment 3 (shortened): the EP's plain words are not always
    # the Commission's ("market" / "market."), which then count as changed too.
    old = as_runs(
        clean_pieces(
            [("The purpose is to ", False), ("improve", True), (" the market ", False),
             ("by laying", True), (" down rules.", False)]
        ),
        "delete",
    )  # fmt: skip
    new = as_runs(
        clean_pieces(
            [("The purpose is ", False), ("to promote and improving", True),
             (" the market. ", False), ("This lays", True), (" down rules.", False)]
        ),
        "insert",
    )  # fmt: skip
    merged = merge_columns(old, new)
    assert [(r.op, r.text) for r in merged] == [
        ("equal", "The purpose is "),
        ("delete", "to improve"),
        ("insert", "to promote and improving"),
        ("equal", " the "),
        ("delete", "market by laying"),
        ("insert", "market. This lays"),
        ("equal", " down rules."),
    ]


def test_split_lines() -> None:
    runs = (MarkedRun("equal", "a\nb"), MarkedRun("insert", "c\n"), MarkedRun("equal", "d"))
    assert split_lines(runs) == [
        (MarkedRun("equal", "a"),),
        (MarkedRun("equal", "b"), MarkedRun("insert", "c")),
        (MarkedRun("equal", "d"),),
    ]
