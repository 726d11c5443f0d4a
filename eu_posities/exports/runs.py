"""Turn the engine's word-diff ops into marked runs, and measure how much a pair changed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from eu_posities.diff import DiffOp
from eu_posities.exports.model import Run

_WORD = re.compile(r"\w+")


def split_breaks(kind: str, text: str, note: str = "") -> list[Run]:
    """A run per paragraph, with `break` runs where the text has a newline."""
    runs: list[Run] = []
    for index, part in enumerate(text.split("\n")):
        if index:
            runs.append(Run("break", ""))
        if part:
            runs.append(Run(kind, part, note))
    return runs


def plain_runs(text: str) -> tuple[Run, ...]:
    return tuple(split_breaks("plain", text))


def ops_to_runs(ops: Iterable[DiffOp]) -> list[Run]:
    """Redline runs of the newer text: equal → plain, insert → ins, delete → del, replace → both."""
    runs: list[Run] = []
    for op in ops:
        kind, old, new = op.op, op.old, op.new
        if kind == "equal":
            runs += split_breaks("plain", new)
        elif kind == "insert":
            runs += split_breaks("ins", new)
        elif kind == "delete":
            runs += split_breaks("del", old)
        else:  # replace: the old words struck through, then the new ones
            runs += split_breaks("del", old)
            runs += split_breaks("ins", new)
    return merge_runs(runs)


def merge_runs(runs: Iterable[Run]) -> list[Run]:
    """Join neighbouring runs of the same kind and note (fewer, longer runs in Word)."""
    merged: list[Run] = []
    for run in runs:
        if (
            merged
            and run.kind != "break"
            and merged[-1].kind == run.kind
            and merged[-1].note == run.note
        ):
            merged[-1] = Run(run.kind, merged[-1].text + run.text, run.note)
        else:
            merged.append(run)
    return merged


def _norm(text: str) -> str:
    return " ".join(text.split())


def mark_moves(
    runs: Sequence[Run], moved: Sequence[tuple[str, str]], *, source: str, note: str
) -> list[Run]:
    """Mark moved text inside `source` runs ("ins" or "del") as moved.

    `moved` holds (text, other label). Only text found inside one run is marked: a move the
    diff split over several runs stays shown as plain insertions and deletions.
    """
    target = "moved_in" if source == "ins" else "moved_out"
    result = list(runs)
    for text, other in moved:
        wanted = _norm(text)
        if not wanted:
            continue
        for index, run in enumerate(result):
            if run.kind != source:
                continue
            start = _find_normalised(run.text, wanted)
            if start is None:
                continue
            begin, end = start
            parts = [
                Run(source, run.text[:begin]),
                Run(target, run.text[begin:end], note.format(label=other)),
                Run(source, run.text[end:]),
            ]
            result[index : index + 1] = [p for p in parts if p.text]
            break
    return result


def _find_normalised(text: str, wanted: str) -> tuple[int, int] | None:
    """Where `wanted` (whitespace normalised) occurs in `text`, as offsets into `text`."""
    words = wanted.split(" ")
    pattern = r"\s+".join(re.escape(w) for w in words)
    found = re.search(pattern, text)
    return (found.start(), found.end()) if found else None


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def change_counts(ops: Iterable[DiffOp]) -> tuple[int, int, int, int]:
    """(old words, new words, deleted words, inserted words) of a pair's ops."""
    old_words = new_words = deleted = inserted = 0
    for op in ops:
        kind = op.op
        o, n = word_count(op.old), word_count(op.new)
        old_words += o if kind != "insert" else 0
        new_words += n if kind != "delete" else 0
        if kind in ("delete", "replace"):
            deleted += o
        if kind in ("insert", "replace"):
            inserted += n
    return old_words, new_words, deleted, inserted


def changed_share(ops: Iterable[DiffOp]) -> float:
    """Share of changed words, 0 (same) to 1 (all new): changed words over all words."""
    old_words, new_words, deleted, inserted = change_counts(ops)
    total = old_words + new_words
    return round((deleted + inserted) / total, 4) if total else 0.0


ELISION = "[…]"


def changed_paragraphs(runs: Sequence[Run]) -> list[Run]:
    """Only the paragraphs with a change; each stretch of unchanged ones becomes "[…]".

    A memo quotes what changed, not the whole article; an unchanged provision gives [].
    """
    paragraphs: list[list[Run]] = [[]]
    for run in runs:
        if run.kind == "break":
            paragraphs.append([])
        else:
            paragraphs[-1].append(run)
    kept: list[list[Run]] = []
    elided = False
    for paragraph in paragraphs:
        if any(r.kind != "plain" for r in paragraph):
            kept.append(paragraph)
            elided = False
        elif paragraph and not elided:
            kept.append([Run("plain", ELISION)])
            elided = True
    if all(p == [Run("plain", ELISION)] for p in kept):
        return []
    result: list[Run] = []
    for index, paragraph in enumerate(kept):
        if index:
            result.append(Run("break", ""))
        result.extend(paragraph)
    return result
