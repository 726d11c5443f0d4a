"""Slide normalisation of the word diff: an insertion or deletion that could sit in several
places between unchanged text is put at a paragraph or sentence boundary."""

from __future__ import annotations

from difftools import check_shape, edited, rebuild
from hypothesis import given, settings

from eu_posities.diff import DiffOp, word_diff

# MADE-UP text (tests/data/contract/split-merge-*.MADE-UP.txt): two articles merged into one.
ART3 = (
    "Member States shall designate one or more competent authorities responsible for the "
    "supervision of the sample registers kept by providers."
)
ART4 = (
    "The competent authorities shall have the power to request access to the sample registers "
    "and to carry out on-site inspections of the premises of providers."
)


def changes(ops: list[DiffOp]) -> list[DiffOp]:
    return [op for op in ops if op.op != "equal"]


def test_merged_paragraph_is_inserted_after_the_unchanged_sentence() -> None:
    old, new = ART3, f"1. {ART3}\n2. {ART4}"
    ops = word_diff(old, new)
    assert rebuild(ops) == (old, new)
    check_shape(ops)
    inserted = [op.new for op in changes(ops)]
    assert inserted == ["1. ", f"\n2. {ART4}"]
    # the old sentence, trailing "providers." included, stays one unchanged run
    assert ops[1].op == "equal" and ops[1].old == ART3


def test_split_paragraph_is_deleted_after_the_unchanged_sentence() -> None:
    old, new = f"1. {ART3}\n2. {ART4}", ART3
    ops = word_diff(old, new)
    assert rebuild(ops) == (old, new)
    check_shape(ops)
    assert [op.old for op in changes(ops)] == ["1. ", f"\n2. {ART4}"]


def test_added_sentence_starts_at_the_sentence() -> None:
    old = "The register is kept by providers."
    new = "The register is kept by providers. Reports are sent to providers."
    ops = word_diff(old, new)
    assert rebuild(ops) == (old, new)
    check_shape(ops)
    # the old sentence stays whole; spacing before the new one may ride with either side
    assert [op.new.strip() for op in changes(ops)] == ["Reports are sent to providers."]
    assert ops[0].op == "equal" and ops[0].old == old


def test_unambiguous_change_is_not_moved() -> None:
    ops = word_diff("kept by the providers.", "kept by all the providers.")
    assert [op.new for op in changes(ops)] == ["all "]


@settings(max_examples=300, deadline=None)
@given(edited())
def test_slide_keeps_reconstruction_and_shape(pair: tuple[str, str]) -> None:
    old, new = pair
    ops = word_diff(old, new)
    assert rebuild(ops) == (old, new)
    check_shape(ops)


@settings(max_examples=300, deadline=None)
@given(edited())
def test_slide_never_adds_or_merges_hunks(pair: tuple[str, str]) -> None:
    from eu_posities.diff.ops import _line_aligned, _merged, _pieces
    from eu_posities.diff.slide import slid

    old, new = pair
    if old == new:
        return
    before = _line_aligned(_merged(_pieces(old, new)))
    after = slid(list(before), DiffOp)
    assert [op.op for op in after if op.op != "equal"] == [
        op.op for op in before if op.op != "equal"
    ]
    assert rebuild(after) == (old, new)


def test_made_up_merge_end_to_end() -> None:
    """The MADE-UP split/merge files, parsed, aligned and diffed as `eup diff` does."""
    from pathlib import Path

    from eu_posities.alignment import align
    from eu_posities.diff import diff_stages
    from eu_posities.importers import parse_file

    data = Path(__file__).parent / "data" / "contract"
    provs = [
        parse_file(data / f"split-merge-{n}.MADE-UP.txt").stages[0].provisions
        for n in ("from", "to")
    ]
    result = diff_stages(provs[0], provs[1], align(provs[0], provs[1]))
    merged = next(p for p in result.pairs if (p.from_label, p.to_label) == ("Article 3",) * 2)
    assert [op.op for op in merged.ops] == ["insert", "equal", "insert"]
    assert merged.ops[1].old.endswith("kept by providers.")
    assert merged.ops[2].new.lstrip().startswith("2. The competent authorities")
