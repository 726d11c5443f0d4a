"""Replacing, deleting and inserting lines of a provision, with the redline of each line.

The amendment's own marks are used when its Commission column is the base text to the
letter: its bold-italic words then are the inserts and the deletes. Where the column differs
from the base (a quote fixed, a number printed otherwise), the line is diffed word by word
against the base instead, so the marks always join to the base text exactly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from eu_posities.amending.locate import Quote
from eu_posities.amending.similarity import normalise, ratio
from eu_posities.amending.working import Line, Working, new_block
from eu_posities.document import Block, MarkedRun
from eu_posities.importers.amendments.runs import check_runs, merge_columns, normalise_runs
from eu_posities.importers.common import blocks_text

_PAIR = 0.45  # below this, a new line is not a rewording of the base line next to it
_SPACE_BEFORE_PUNCT = re.compile(r" +([,.;:)])")


def diff_runs(base: str, text: str) -> tuple[MarkedRun, ...]:
    """The word-level redline of two lines, as runs."""
    from eu_posities.diff import word_diff

    runs: list[MarkedRun] = []
    for op in word_diff(base, text):
        if op.op == "equal" and op.old == op.new:
            runs.append(MarkedRun("equal", op.old))
        else:
            runs.append(MarkedRun("delete", op.old))
            runs.append(MarkedRun("insert", op.new))
    return normalise_runs(runs)


def line_runs(
    base: str,
    text: str,
    old_runs: Sequence[MarkedRun] | None = None,
    new_runs: Sequence[MarkedRun] | None = None,
) -> tuple[MarkedRun, ...]:
    """Runs from `base` to `text`: the amendment's marks when they fit, else a word diff."""
    if old_runs is not None and new_runs is not None:
        old_plain = "".join(r.text for r in old_runs)
        new_plain = "".join(r.text for r in new_runs)
        if old_plain == base and new_plain == text:
            runs = merge_columns(old_runs, new_runs)
            if check_runs(runs, text, base):
                return runs
    return diff_runs(base, text)


def align_lines(base: Sequence[str], new: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """Pair base lines with the new lines that reword them, in order (the rest: del / ins)."""
    a = [normalise(t) for t in base]
    b = [normalise(t) for t in new]
    n, m = len(a), len(b)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            similar = ratio(a[i], b[j])
            paired = score[i + 1][j + 1] + similar if similar >= _PAIR else -1.0
            score[i][j] = max(paired, score[i + 1][j], score[i][j + 1])
    pairs: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        similar = ratio(a[i], b[j])
        if similar >= _PAIR and score[i][j] == score[i + 1][j + 1] + similar:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            pairs.append((i, None))
            i += 1
        else:
            pairs.append((None, j))
            j += 1
    pairs.extend((k, None) for k in range(i, n))
    pairs.extend((None, k) for k in range(j, m))
    return pairs


def replace_lines(
    work: Working,
    quote: Quote,
    number: str,
    new_lines: Sequence[str],
    old_runs: Sequence[Sequence[MarkedRun]],
    new_runs: Sequence[Sequence[MarkedRun]],
) -> None:
    """Put the amended lines in place of the quoted stretch of base lines."""
    span = work.lines[quote.start : quote.end]
    exact_rows = len(old_runs) == len(span)
    out: list[Line] = []
    previous = ""
    for i, j in align_lines([line.base or "" for line in span], new_lines):
        if i is not None and j is None:
            line = span[i]
            out.append(Line(line.base, None, line.runs, line.block, number))
            continue
        if j is None:
            continue
        block = new_block(new_lines[j], previous=previous)
        text = blocks_text([block])
        previous = block.num or previous
        marks = new_runs[j] if j < len(new_runs) and text == new_lines[j] else None
        if i is None:
            if not block.num:
                # An unnumbered new line continues the point or paragraph before it.
                level = out[-1].level if out else span[0].level if span else 0
                block = Block(block.text, block.num, level, block.markers)
            out.append(Line(None, text, (MarkedRun("insert", text),), block, number))
            continue
        line = span[i]
        base = line.base or ""
        block = Block(block.text, block.num, line.block.level, block.markers)
        old = old_runs[i] if exact_rows else None
        out.append(Line(base, text, line_runs(base, text, old, marks), block, number))
    work.lines[quote.start : quote.end] = out
    work.touch(number)


def replace_inside(work: Working, quote: Quote, number: str, new_text: str) -> None:
    """Replace part of one line (the quote sat inside a longer paragraph)."""
    line = work.lines[quote.start]
    base = line.base or ""
    head, tail = base[: quote.at], base[quote.to :]
    joined = f"{head}{new_text}{tail}" if new_text else f"{head.rstrip()} {tail.lstrip()}"
    joined = _SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(joined.split()))
    block = new_block(joined)
    block = Block(block.text, block.num, line.block.level)
    text = blocks_text([block])
    work.lines[quote.start] = Line(base, text, diff_runs(base, text), block, number)
    work.touch(number)


def insert_lines(
    work: Working, at: int, number: str, new_lines: Sequence[str], level: int | None = None
) -> None:
    """Insert whole new lines before line `at`; `level` is that of the siblings, if known."""
    previous = work.lines[at - 1].num if 0 < at <= len(work.lines) else ""
    out = []
    for index, text in enumerate(new_lines):
        block = new_block(text, previous=previous)
        if level is not None and (index == 0 or block.num):
            block = Block(block.text, block.num, max(level, block.level) if index else level)
        line_text = blocks_text([block])
        out.append(Line(None, line_text, (MarkedRun("insert", line_text),), block, number))
        previous = block.num or previous
    work.lines[at:at] = out
    work.touch(number)
