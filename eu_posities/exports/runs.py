"""Turn the engine's word-diff ops into marked runs, and measure how much a pair changed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from eu_posities.diff import DiffOp, Move, MovedRun, PairDiff
from eu_posities.exports.attribution import Who
from eu_posities.exports.i18n import t
from eu_posities.exports.model import Run

_WORD = re.compile(r"\w+")


def split_breaks(
    kind: str, text: str, note: str = "", stage: str = "", move: str = ""
) -> list[Run]:
    """A run per paragraph, with `break` runs where the text has a newline."""
    runs: list[Run] = []
    for index, part in enumerate(text.split("\n")):
        if index:
            runs.append(Run("break", ""))
        if part:
            runs.append(Run(kind, part, note, stage if kind != "plain" else "", move))
    return runs


def plain_runs(text: str) -> tuple[Run, ...]:
    return tuple(split_breaks("plain", text))


def ops_to_runs(ops: Iterable[DiffOp], stage: str = "") -> list[Run]:
    """Redline runs of the newer text: equal → plain, insert → ins, delete → del, replace → both.

    `stage` is the stage that made the changes (the revision's author in Word).
    """
    runs: list[Run] = []
    for op in ops:
        kind, old, new = op.op, op.old, op.new
        if kind == "equal":
            runs += split_breaks("plain", new)
        elif kind == "insert":
            runs += split_breaks("ins", new, stage=stage)
        elif kind == "delete":
            runs += split_breaks("del", old, stage=stage)
        else:  # replace: the old words struck through, then the new ones
            runs += split_breaks("del", old, stage=stage)
            runs += split_breaks("ins", new, stage=stage)
    return merge_runs(runs)


def move_key(move: Move) -> str:
    """The same for both ends of a move, whichever pair shows them."""
    return "\x1f".join((move.from_label, move.to_label, move.from_part or "", move.text[:80]))


def _move_note(move: Move, side: str, lang: str) -> str:
    if move.within:
        part = (move.to_part if side == "old" else move.from_part) or ""
        if not part:
            return t("moved_within", lang)
        return t("moved_to_part" if side == "old" else "moved_from_part", lang, part=part)
    if side == "old":
        return t("moved_to", lang, label=move.to_label)
    return t("moved_from", lang, label=move.from_label)


def pair_runs(
    pair: PairDiff,
    *,
    stage: str = "",
    lang: str = "en",
    old_who: Who | None = None,
    new_who: Who | None = None,
    other_moves: Sequence[Move] = (),
) -> list[Run]:
    """Redline runs of one aligned pair, moved text marked where the engine says it moved.

    `stage` made the changes, unless `old_who`/`new_who` (per character of the old and the
    new text: the stage that deleted or wrote it) say which stage made each one.
    """
    runs = redline_runs(
        pair.ops,
        stage=stage,
        lang=lang,
        moved=pair.moved_runs,
        moves=pair.moves,
        old_who=old_who,
        new_who=new_who,
    )
    if pair.moved_runs:
        return runs
    # A pair without moved runs (made by hand): find each move's text inside one changed run;
    # `other_moves` are the diff's other moves, which may concern this pair too.
    seen: set[str] = set()
    for move in (*pair.moves, *other_moves):
        if move_key(move) in seen:
            continue
        seen.add(move_key(move))
        if move.within:
            continue
        if pair.to_label and move.to_label == pair.to_label:
            note = _move_note(move, "new", lang)
            runs = mark_moves(runs, [(move.text, "")], source="ins", note=note, key=move_key(move))
        if pair.from_label and move.from_label == pair.from_label:
            note = _move_note(move, "old", lang)
            runs = mark_moves(runs, [(move.text, "")], source="del", note=note, key=move_key(move))
    return runs


def _by_stage(text: str, offset: int, who: Who | None, stage: str) -> list[tuple[str, str]]:
    """`text` (at `offset` of its side) cut where the stage that made it changes."""
    if who is None or not text:
        return [(text, stage)]
    pieces: list[tuple[str, str]] = []
    for k, char in enumerate(text):
        at = offset + k
        # Unknown or unattributed characters go with their neighbours (spacing, a lineage
        # that cut the change a little differently), else with the column's own stage.
        made = who[at] if at < len(who) and who[at] else None
        if made is None:
            made = pieces[-1][1] if pieces else _next_known(who, at) or stage
        if pieces and pieces[-1][1] == made:
            pieces[-1] = (pieces[-1][0] + char, made)
        else:
            pieces.append((char, made))
    return pieces


def _next_known(who: Who, at: int) -> str | None:
    for k in range(at, min(len(who), at + 200)):
        if who[k]:
            return who[k]
    return None


def redline_runs(
    ops: Sequence[DiffOp],
    *,
    stage: str = "",
    lang: str = "en",
    moved: Sequence[MovedRun] = (),
    moves: Sequence[Move] = (),
    old_who: Who | None = None,
    new_who: Who | None = None,
) -> list[Run]:
    """Runs of a redline: changes credited to `stage` (or per character to `old_who` and
    `new_who`), the characters of `moved` runs marked as moved (see `pair_runs`)."""
    cuts: dict[tuple[int, str], list[tuple[int, int, int]]] = {}
    for run in moved:
        cuts.setdefault((run.op, run.side), []).append((run.start, run.end, run.move))
    runs: list[Run] = []
    old_at = new_at = 0
    for index, op in enumerate(ops):
        old = op.old if op.op != "insert" else ""
        new = op.new if op.op != "delete" else ""
        if op.op == "equal":
            runs += split_breaks("plain", op.new)
            old_at, new_at = old_at + len(old), new_at + len(new)
            continue
        for side, text, offset, who, plain, moved_kind in (
            ("old", old, old_at, old_who, "del", "moved_out"),
            ("new", new, new_at, new_who, "ins", "moved_in"),
        ):
            at = 0
            spans = [(s, e, m) for s, e, m in sorted(cuts.get((index, side), [])) if m < len(moves)]
            for start, end, number in [*spans, (len(text), len(text), -1)]:
                for piece, made in _by_stage(text[at:start], offset + at, who, stage):
                    runs += split_breaks(plain, piece, stage=made)
                if number >= 0:
                    move = moves[number]
                    note = _move_note(move, side, lang)
                    for piece, made in _by_stage(text[start:end], offset + start, who, stage):
                        runs += split_breaks(moved_kind, piece, note, made, move_key(move))
                at = max(at, end)
        old_at, new_at = old_at + len(old), new_at + len(new)
    return merge_runs(runs)


def merge_runs(runs: Iterable[Run]) -> list[Run]:
    """Join neighbouring runs of the same kind, note and stage (fewer, longer runs in Word)."""
    merged: list[Run] = []
    for run in runs:
        if not run.text and run.kind != "break":
            continue
        last = merged[-1] if merged else None
        if (
            last is not None
            and run.kind != "break"
            and (last.kind, last.note, last.stage, last.move)
            == (run.kind, run.note, run.stage, run.move)
        ):
            merged[-1] = Run(run.kind, last.text + run.text, run.note, run.stage, run.move)
        else:
            merged.append(run)
    return merged


def _norm(text: str) -> str:
    return " ".join(text.split())


def mark_moves(
    runs: Sequence[Run],
    moved: Sequence[tuple[str, str]],
    *,
    source: str,
    note: str,
    key: str = "",
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
                Run(source, run.text[:begin], "", run.stage),
                Run(target, run.text[begin:end], note.format(label=other), run.stage, key),
                Run(source, run.text[end:], "", run.stage),
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
