"""Text that left one provision and arrived in another, found sentence by sentence."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

# Sentences and clauses: split after a full stop, semicolon or colon, and at line breaks.
_SENTENCE_END = re.compile(r"(?<=[.;:])\s+|\n+")
MIN_WORDS = 6  # shorter fragments ("(a) the Centre;") match too easily to mean a move
THRESHOLD = 85.0


@dataclass(frozen=True, slots=True)
class Move:
    """`text` (as it read at the source) left provision `from_label` and arrived in `to_label`."""

    from_label: str
    to_label: str
    text: str
    score: float = 1.0

    def to_json(self) -> dict[str, object]:
        return {
            "from": self.from_label,
            "to": self.to_label,
            "text": self.text,
            "score": self.score,
        }


def sentences(text: str) -> list[str]:
    """Sentences/clauses of `text` long enough to be recognised elsewhere."""
    parts = (p.strip() for p in _SENTENCE_END.split(text))
    return [p for p in parts if len(p.split()) >= MIN_WORDS]


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
    targets: list[tuple[str, str]] = []
    for label, text in inserted_spans:
        targets.extend((label, s) for s in sentences(text))
    if not targets:
        return []
    keys = [_key(s) for _, s in targets]
    used: set[int] = set()
    moves: list[Move] = []
    for from_label, text in deleted_spans:
        for sentence in sentences(text):
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
            to_label = targets[idx][0]
            used.add(idx)
            last = moves[-1] if moves else None
            if last and last.from_label == from_label and last.to_label == to_label:
                moves[-1] = Move(
                    from_label, to_label, f"{last.text} {sentence}", min(last.score, score / 100)
                )
            else:
                moves.append(Move(from_label, to_label, sentence, round(score / 100, 3)))
    return moves


def _same(from_label: str, to_label: str, aligned: Collection[tuple[str, str]] | None) -> bool:
    if aligned is None:
        return from_label == to_label
    return (from_label, to_label) in aligned
