"""Text that left one provision and arrived in another, found sentence by sentence."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from eu_posities.diff.op import DiffOp

# Sentences and clauses: split after a full stop, semicolon or colon, and at line breaks.
_SENTENCE_END = re.compile(r"(?<=[.;:])\s+|\n+")
MIN_WORDS = 6  # shorter fragments ("(a) the Centre;") match too easily to mean a move
THRESHOLD = 85.0


@dataclass(frozen=True, slots=True)
class Move:
    """`text` (as it read at the source) left provision `from_label` and arrived in `to_label`.

    `within`: a paragraph or point that moved inside one provision (then `from_part` and
    `to_part` are its numbers before and after, "" for an unnumbered subparagraph). `ops` is
    the redline of the moved text from its old wording to its new one (empty: not computed).
    """

    from_label: str
    to_label: str
    text: str
    score: float = 1.0
    within: bool = False
    from_part: str | None = None
    to_part: str | None = None
    ops: tuple[DiffOp, ...] = ()

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "from": self.from_label,
            "to": self.to_label,
            "text": self.text,
            "score": self.score,
            "within": self.within,
        }
        if self.within:
            data["from_part"], data["to_part"] = self.from_part, self.to_part
        if self.ops:
            data["ops"] = [op.to_json() for op in self.ops]
        return data


@dataclass(frozen=True, slots=True)
class Placed:
    """Where a move's sentences sit: (span index, start, end) in the deleted spans it left and
    in the inserted spans it arrived in, and the text as it arrived."""

    move: Move
    sources: tuple[tuple[int, int, int], ...]
    targets: tuple[tuple[int, int, int], ...]
    arrived: str


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences/clauses of `text` long enough to be recognised elsewhere."""
    out = []
    pos = 0
    for m in [*_SENTENCE_END.finditer(text), None]:
        end = m.start() if m else len(text)
        start = pos
        while start < end and text[start].isspace():
            start += 1
        stop = end
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if len(text[start:stop].split()) >= MIN_WORDS:
            out.append((start, stop))
        if m:
            pos = m.end()
    return out


def sentences(text: str) -> list[str]:
    """Sentences/clauses of `text` long enough to be recognised elsewhere."""
    return [text[s:e] for s, e in sentence_spans(text)]


def _key(s: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", s.casefold()).split())


def find_moves(
    deleted_spans: Sequence[tuple[str, str]],
    inserted_spans: Sequence[tuple[str, str]],
    *,
    threshold: float = THRESHOLD,
    aligned: Collection[tuple[str, str]] | None = None,
) -> list[Move]:
    """Pair deleted text with inserted text elsewhere.

    `deleted_spans` are (label in the FROM stage, text that disappeared there): deleted words of
    a modified provision, or the whole text of a deleted provision. `inserted_spans` are
    (label in the TO stage, text that appeared there). A deleted sentence whose best match
    among the inserted sentences of a *different* label scores at least `threshold` (rapidfuzz
    ratio, 0..100) is a move; consecutive moved sentences between the same two labels are
    reported as one Move. Text is not a move between two labels that are the same provision:
    `aligned` lists those (from, to) pairs; without it, equal labels are taken to be the same.
    """
    return [p.move for p in place_moves(deleted_spans, inserted_spans, threshold, aligned)]


def place_moves(
    deleted_spans: Sequence[tuple[str, str]],
    inserted_spans: Sequence[tuple[str, str]],
    threshold: float = THRESHOLD,
    aligned: Collection[tuple[str, str]] | None = None,
) -> list[Placed]:
    """`find_moves`, with where each move's sentences sit in the spans it was given."""
    targets: list[tuple[str, int, int, int]] = []  # label, span index, start, end
    for k, (label, text) in enumerate(inserted_spans):
        targets.extend((label, k, s, e) for s, e in sentence_spans(text))
    if not targets:
        return []
    keys = [_key(inserted_spans[k][1][s:e]) for _, k, s, e in targets]
    used: set[int] = set()
    placed: list[Placed] = []
    for span, (from_label, text) in enumerate(deleted_spans):
        for s, e in sentence_spans(text):
            sentence = text[s:e]
            found = process.extract(
                _key(sentence), keys, scorer=fuzz.ratio, score_cutoff=threshold, limit=3
            )
            best = next(
                (
                    (score, idx)
                    for _, score, idx in found
                    if idx not in used and not _same(from_label, targets[idx][0], aligned)
                ),
                None,
            )
            if best is None:
                continue
            score, idx = best
            to_label, tk, ts, te = targets[idx]
            used.add(idx)
            arrived = inserted_spans[tk][1][ts:te]
            last = placed[-1] if placed else None
            if last and last.move.from_label == from_label and last.move.to_label == to_label:
                move = Move(
                    from_label,
                    to_label,
                    f"{last.move.text} {sentence}",
                    min(last.move.score, score / 100),
                )
                placed[-1] = Placed(
                    move,
                    (*last.sources, (span, s, e)),
                    (*last.targets, (tk, ts, te)),
                    f"{last.arrived} {arrived}",
                )
            else:
                move = Move(from_label, to_label, sentence, round(score / 100, 3))
                placed.append(Placed(move, ((span, s, e),), ((tk, ts, te),), arrived))
    return placed


def _same(from_label: str, to_label: str, aligned: Collection[tuple[str, str]] | None) -> bool:
    if aligned is None:
        return from_label == to_label
    return (from_label, to_label) in aligned
