"""The compiled helpers of the word diff (eu_posities/diff/_native.c) and their Python twins.

Both paths must give the same redline, character for character: on random texts, on texts of
every character width, and on every changed article pair of the real proposal → act pairs.
CI builds the helpers and sets EU_POSITIES_REQUIRE_NATIVE, so a failed build fails there.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import real_corpus as rc
from difftools import WORDS, edited
from hypothesis import given, settings
from hypothesis import strategies as st

from eu_posities.alignment import align
from eu_posities.diff import word_diff
from eu_posities.diff.native import NATIVE, python_only
from eu_posities.diff.ops import _MARKS_AROUND, _WEAK_WORDS, _tokens, is_weak_span
from eu_posities.diff.parts import parts, split_parts

needs_native = pytest.mark.skipif(
    NATIVE is None, reason="the compiled helpers were not built (no C compiler at install)"
)


def both(old: str, new: str) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    compiled = [tuple(op) for op in word_diff(old, new)]
    with python_only():
        python = [tuple(op) for op in word_diff(old, new)]
    return compiled, python


def test_the_helpers_are_built_where_required() -> None:
    if os.environ.get("EU_POSITIES_REQUIRE_NATIVE"):
        assert NATIVE is not None, "eu_posities.diff._native did not build or load"
    if NATIVE is None or not NATIVE.__file__:
        return
    source = Path(__file__).resolve().parent.parent / "eu_posities" / "diff" / "_native.c"
    built = Path(NATIVE.__file__)
    if built.parent == source.parent:  # an in-place build of this tree (pip install -e)
        assert built.stat().st_mtime >= source.stat().st_mtime, (
            "_native.c changed after the build: run pip install -e . again"
        )


# Words of every width: Latin-1, two-byte (’, €, –) and four-byte (𝐀) characters.
WIDE_WORDS = st.one_of(WORDS, st.sampled_from(["provider’s", "€10", "–", "𝐀rticle", "é", "", "x"]))
SEPARATORS = st.sampled_from([" ", " ", "\n", "  ", "\n\n", " \n"])


@st.composite
def wide_texts(draw: st.DrawFn) -> str:
    items = draw(st.lists(st.tuples(WIDE_WORDS, SEPARATORS), max_size=30))
    return "".join(w + s for w, s in items)


def _equalities(a: object, b: object) -> list[list[bool]]:
    items = list(a) + list(b)  # type: ignore[call-overload]
    return [[x == y for y in items] for x in items]


@needs_native
@settings(max_examples=300, deadline=None)
@given(wide_texts(), wide_texts(), st.booleans(), st.data())
def test_parts_are_those_of_str_split(old: str, new: str, lines: bool, data: st.DataObject) -> None:
    ao = data.draw(st.integers(0, len(old)))
    ae = data.draw(st.integers(ao, len(old)))
    bo = data.draw(st.integers(0, len(new)))
    be = data.draw(st.integers(bo, len(new)))
    a, b, a_at, b_at = parts(old, ao, ae, new, bo, be, lines)
    pa, pb, pa_at, pb_at = split_parts(old, ao, ae, new, bo, be, lines)
    assert list(a_at) == list(pa_at) and list(b_at) == list(pb_at)
    assert len(a) == len(pa) and len(b) == len(pb)
    # equal parts have equal ids, across both sides, and different parts different ids
    assert _equalities(a, b) == _equalities(pa, pb)


@needs_native
@settings(max_examples=300, deadline=None)
@given(edited(200))
def test_the_redline_is_the_same_without_the_helpers(pair: tuple[str, str]) -> None:
    compiled, python = both(*pair)
    assert compiled == python


@needs_native
@settings(max_examples=200, deadline=None)
@given(wide_texts(), wide_texts())
def test_the_redline_is_the_same_in_every_character_width(old: str, new: str) -> None:
    old, new = old * 8, (new + old) * 4  # long enough for the word path
    compiled, python = both(old, new)
    assert compiled == python


@needs_native
@pytest.mark.slow
@pytest.mark.parametrize("name", list(rc.PAIRS))
def test_real_pairs_give_the_same_redline_without_the_helpers(name: str) -> None:
    if not rc.available(name):
        pytest.skip(rc.missing_reason(name))
    old, new = rc.pair(name)
    by_label = {p.label: p for p in new}
    old_by = {p.label: p for p in old}
    pairs = [
        (old_by[m.from_label].text, by_label[m.to_label].text)
        for m in align(old, new)
        if m.from_label and m.to_label
    ]
    changed = [(a, b) for a, b in pairs if a != b]
    assert len(changed) > 20
    for a, b in changed:
        compiled, python = both(a, b)
        assert compiled == python


@needs_native
def test_bad_windows_are_refused_in_one_line() -> None:
    assert NATIVE is not None
    with pytest.raises(IndexError, match="window outside the text"):
        NATIVE.parts("abc", 0, 9, "abc", 0, 3, False)
    with pytest.raises(IndexError):
        NATIVE.parts("abc", 2, 1, "abc", 0, 3, True)
    a, b, a_at, b_at = NATIVE.parts("a b", 0, 3, "a c", 0, 3, False)
    with pytest.raises(ValueError, match="word starts outside their window"):
        NATIVE.word_pieces(
            "a b", 0, 3, "a c", 0, 3, [], b_at + a_at, b_at, _tokens, is_weak_span, 6, 3
        )
    with pytest.raises(IndexError, match="opcode outside the words"):
        NATIVE.word_pieces(
            "a b",
            0,
            3,
            "a c",
            0,
            3,
            [("equal", 0, 9, 0, 9)],
            a_at,
            b_at,
            _tokens,
            is_weak_span,
            6,
            3,
        )


# --- the weak-island test, as one regular expression ---


def _weak_words_reference(words: list[str]) -> bool:
    """The rule as first written: each word, marks stripped and lower-cased, is weak or empty."""
    for word in words:
        bare = word.strip(_MARKS_AROUND).lower()
        if bare and bare not in _WEAK_WORDS:
            return False
    return True


ISLAND_WORDS = st.lists(
    st.one_of(
        st.sampled_from(sorted(_WEAK_WORDS)),
        st.sampled_from(["The", "OF,", "(of", "the;", "“and”", "–", "", "İs", "ſo", "a-b", "Art"]),
        st.text(alphabet="aeiostnhf,.;()’-İſ", max_size=5),
    ),
    min_size=1,
    max_size=3,
)


@settings(max_examples=500, deadline=None)
@given(ISLAND_WORDS, st.sampled_from([" ", "\n"]))
def test_weak_spans_are_the_weak_words_rule(words: list[str], separator: str) -> None:
    text = separator.join(words)
    assert bool(is_weak_span(text, 0, len(text))) == _weak_words_reference(re.split("[ \n]", text))


@needs_native
@pytest.mark.slow
def test_more_distinct_words_than_ids_fall_back_to_python() -> None:
    # 0x110000 distinct words: one more than there are characters to number them
    old = " ".join(map(str, range(0x110001)))
    new = "x"
    assert parts(old, 0, len(old), new, 0, 1, False) == split_parts(
        old, 0, len(old), new, 0, 1, False
    )
