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
    """Merge neighbouring runs with the same mark; never a double space in the stage text.

    The spaces around a struck word belong to the words beside it, so removing the struck
    runs leaves one space between the words that remain.
    """
    merged: list[MarkedRun] = []
    for run in runs:
        if not run.text:
            continue
        if merged and merged[-1].op == run.op and merged[-1].changed == run.changed:
            merged[-1] = MarkedRun(run.op, merged[-1].text + run.text, run.changed)
        else:
            merged.append(run)
    out: list[MarkedRun] = []
    last_kept = ""  # the last character of the stage text so far
    for run in merged:
        text = run.text
        if run.op != "delete":
            if last_kept in ("", " ", "\n"):
                text = text.lstrip(" ")
            if last_kept in ("", "\n"):
                text = text.lstrip("\n ")
            if not text:
                continue
            last_kept = text[-1]
        out.append(MarkedRun(run.op, text, run.changed))
    while out and out[-1].op != "delete" and out[-1].text.rstrip() != out[-1].text:
        stripped = out[-1].text.rstrip()
        out[-1:] = [MarkedRun(out[-1].op, stripped, out[-1].changed)] if stripped else []
    return tuple(out)


def stage_text(runs: Iterable[MarkedRun]) -> str:
    """The text the stage holds: every run but the struck ones."""
    return "".join(run.text for run in runs if run.op != "delete").strip()


def base_text(runs: Iterable[MarkedRun]) -> str:
    """The text the marks were made against: every run but the inserted ones."""
    return _SPACES.sub(" ", "".join(run.text for run in runs if run.op != "insert")).strip()


def has_marks(runs: Iterable[MarkedRun]) -> bool:
    return any(run.op != "equal" for run in runs)
