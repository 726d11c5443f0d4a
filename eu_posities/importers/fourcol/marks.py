"""Change marks inside a four-column cell: struck, inserted and underlined text.

The convention of the Council's four-column documents: text added against the Commission
proposal in bold (bold italic in the EP and Council columns), text taken out struck through
(a thin rule through the middle of the characters; the struck words stay in the text
layer), sometimes underlined as well. `span_marks` is the one place where the look of
printed text becomes a mark, so that the general mark reading of the Council texts can
replace it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence

from eu_posities.document import MarkedRun
from eu_posities.importers.pdf import Rule, Span

_SPACES = re.compile(r" {2,}")
_CLOSING = ",.;:)]"
_OPENING = "([‘“«"
_PIECES = re.compile(r"\s+|\S+")
Mark = tuple[str, bool]  # ("equal" | "insert" | "delete", underlined)


def rules_near(
    rules: Sequence[Rule], tops: Sequence[float], top: float, bottom: float
) -> list[Rule]:
    """The rules (sorted by `top`, whose tops are `tops`) lying between `top` and `bottom`."""
    found = []
    for index in range(bisect_left(tops, top), len(rules)):
        rule = rules[index]
        if rule.top > bottom:
            break
        if rule.bottom <= bottom:
            found.append(rule)
    return found


def span_marks(span: Span, rules: Sequence[Rule]) -> tuple[Mark, ...] | Mark:
    """The mark of a span's text: one for the whole span, or one per character.

    Struck: a thin rule crosses a character between its baseline and its x-height and covers
    most of its width. Underlined: a thin rule just below the baseline. Bold (or bold
    italic) text that is not struck is inserted.
    """
    plain: Mark = ("insert" if span.bold else "equal", False)
    size, baseline, x = span.size, span.baseline, span.x
    strike_low, strike_high = baseline - 0.6 * size, baseline - 0.12 * size
    under_low, under_high = baseline - 0.05 * size, baseline + 0.3 * size
    touching = []
    for rule in rules:
        middle = (rule.top + rule.bottom) / 2
        if rule.x1 <= x[0] or rule.x0 >= x[-1]:
            continue
        if strike_low <= middle <= strike_high:
            touching.append((rule, True))
        elif under_low <= middle <= under_high:
            touching.append((rule, False))
    if not touching:
        return plain
    marks: list[Mark] = []
    for index in range(len(span.text)):
        x0, x1 = x[index], x[index + 1]
        need = 0.5 * max(x1 - x0, 0.1)
        struck = underlined = False
        for rule, strike in touching:
            if min(rule.x1, x1) - max(rule.x0, x0) >= need:
                if strike:
                    struck = True
                else:
                    underlined = True
        marks.append(("delete", underlined) if struck else (plain[0], underlined))
    if all(mark == marks[0] for mark in marks):
        return marks[0]
    return tuple(marks)


def tidy(runs: Sequence[MarkedRun]) -> tuple[MarkedRun, ...]:
    """Neighbouring runs with the same mark merged, the spaces between words placed right.

    A space is kept as plain text where both the stage text (runs that are not struck) and
    the base text (runs that are not inserted) need it, as struck text where only the base
    needs it, as inserted text where only the stage text does, and dropped where neither
    does: so both read with single spaces, none at either end, none before a comma or a
    full stop ("known [struck words], restrict") and none after an opening bracket or quote
    ("[" + struck "24 " + inserted "36 " + "months" reads "[36 months").
    """
    pieces: list[tuple[str, str, bool]] = []
    for run in runs:
        for piece in _PIECES.findall(run.text):
            pieces.append((run.op, piece, run.changed))
    # The next word each text sees after every piece (None: no more words).
    next_stage: list[str | None] = [None] * (len(pieces) + 1)
    next_base: list[str | None] = [None] * (len(pieces) + 1)
    for index in range(len(pieces) - 1, -1, -1):
        op, piece, _ = pieces[index]
        word = None if piece.isspace() else piece
        next_stage[index] = word if word and op != "delete" else next_stage[index + 1]
        next_base[index] = word if word and op != "insert" else next_base[index + 1]
    out: list[MarkedRun] = []
    stage_open = base_open = False  # a word was written and no space after it yet
    for index, (op, piece, changed) in enumerate(pieces):
        if not piece.isspace():
            out.append(MarkedRun(op, piece, changed))
            if op != "delete":
                stage_open = piece[-1] not in _OPENING
            if op != "insert":
                base_open = piece[-1] not in _OPENING
            continue
        separator = "\n" if "\n" in piece else " "
        stage_next, base_next = next_stage[index + 1], next_base[index + 1]
        for_stage = stage_open and stage_next is not None and stage_next[0] not in _CLOSING
        for_base = base_open and base_next is not None and base_next[0] not in _CLOSING
        if for_stage and for_base:
            out.append(MarkedRun("equal", separator))
        elif for_stage:
            out.append(MarkedRun("insert", separator, changed))
        elif for_base:
            out.append(MarkedRun("delete", separator, changed))
        stage_open = stage_open and not for_stage
        base_open = base_open and not for_base
    merged: list[MarkedRun] = []
    for run in out:
        if merged and merged[-1].op == run.op and merged[-1].changed == run.changed:
            merged[-1] = MarkedRun(run.op, merged[-1].text + run.text, run.changed)
        else:
            merged.append(run)
    return tuple(merged)


def stage_text(runs: Iterable[MarkedRun]) -> str:
    """The text the stage holds: every run but the struck ones."""
    return "".join(run.text for run in runs if run.op != "delete").strip()


def base_text(runs: Iterable[MarkedRun]) -> str:
    """The text the marks were made against: every run but the inserted ones."""
    return _SPACES.sub(" ", "".join(run.text for run in runs if run.op != "insert")).strip()


def has_marks(runs: Iterable[MarkedRun]) -> bool:
    return any(run.op != "equal" for run in runs)
