"""Where in a provision an amendment applies: its path read as a stretch of lines.

A target's path ("paragraph 2", "point c", "point ii") narrows the provision down to a
region of lines, by the numbers printed at the start of the lines; then the Commission
column's text is looked for in that region by fuzzy matching (`find_quote`). Numbers in real
proposals are not always right (a duplicated "(a)", a point printed "(1)" that is the second
one), so a quote not found in its region is looked for in the whole provision too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eu_posities.amending.similarity import MATCH, normalise, ratio, within
from eu_posities.amending.working import Line
from eu_posities.importers.amendments.targets import Step, is_roman, number_key

_DASHES = frozenset("–—-•")


def bare(num: str) -> str:
    """A printed number without its dressing: "1." -> "1", "(a)" -> "a", "(44b)" -> "44b"."""
    text = num.strip().strip("()").rstrip(".)").strip()
    return re.sub(r"\s+", "", text).lower()


def style(num: str, previous: str = "") -> str:
    """What numbers a line: "paragraph" (1.), "digit" ((1), 1)), "letter", "roman", "indent".

    "(v)", "(x)", "(c)" are roman numerals after a roman one and letters otherwise; "(i)"
    is the letter i right after "(h)".
    """
    num = num.strip()
    if not num:
        return ""
    if num[0] in _DASHES:
        return "indent"
    value = bare(num)
    if re.match(r"^\d+(\.\d+)*[a-z]{0,3}$", value):
        return "paragraph" if num.endswith(".") and not num.startswith("(") else "digit"
    if len(value) == 1 and value in "ivxlc":
        before = bare(previous)
        if value == "i":
            return "letter" if before == "h" else "roman"
        return "roman" if before and is_roman(before) and before != "c" else "letter"
    if is_roman(value):
        return "roman"
    return "letter"


def line_style(lines: list[Line], index: int) -> str:
    """The style of line `index`'s number, read with the numbered line before it."""
    previous = ""
    for j in range(index - 1, -1, -1):
        if lines[j].num:
            previous = lines[j].num
            break
    return style(lines[index].num, previous)


@dataclass(frozen=True, slots=True)
class Region:
    """Lines [start, end) of a provision; `exact` False when the path could not be followed."""

    start: int
    end: int
    exact: bool = True
    why: str = ""


def _subtree_end(lines: list[Line], index: int, end: int) -> int:
    """Where the paragraph or point starting at `index` ends (its sub-points included).

    Levels in a parsed base are not always right (points of a definition may sit at the
    level of the definitions), so a line at the same level still belongs to the point when
    the point's text ends with a colon and the line is numbered in another style.
    """
    head = lines[index]
    head_style = line_style(lines, index)
    child_style = ""
    for j in range(index + 1, end):
        line = lines[j]
        this_style = line_style(lines, j)
        if head_style and this_style == head_style:
            return j
        if line.level > head.level:
            continue
        if this_style and this_style == child_style:
            continue
        previous = lines[j - 1].text or lines[j - 1].base or ""
        if (
            line.level == head.level
            and this_style
            and this_style not in ("paragraph", head_style)
            and previous.rstrip().endswith(":")
        ):
            child_style = this_style
            continue
        if not line.num and head_style == "paragraph":
            continue  # a further subparagraph of the same numbered paragraph
        return j
    return end


def _top(lines: list[Line], region: Region) -> int:
    return min((lines[i].level for i in range(region.start, region.end)), default=0)


def step_region(lines: list[Line], region: Region, step: Step) -> Region | None:
    """The part `step` names inside `region`, or None when it is not there."""
    kind, number = step.kind, step.number.lower()
    start, end = region.start, region.end
    if kind == "paragraph":
        for i in range(start, end):
            if style(lines[i].num) == "paragraph" and bare(lines[i].num) == number:
                return Region(i, _subtree_end(lines, i, end))
        if not any(style(lines[i].num) == "paragraph" for i in range(start, end)):
            # Unnumbered paragraphs: the n-th line at the top level, with its points.
            return _nth_group(lines, region, number, numbered_too=True)
        return None
    if kind == "subparagraph":
        return _nth_group(lines, region, number, numbered_too=False)
    if kind == "point":
        for i in range(start, end):
            if i == start and region.exact and start != 0 and lines[i].level == 0:
                continue  # the paragraph's own line is not one of its points
            if lines[i].num and bare(lines[i].num) == number and line_style(lines, i) != "indent":
                return Region(i, _subtree_end(lines, i, end))
        return None
    if kind == "indent":
        dashes = [i for i in range(start, end) if line_style(lines, i) == "indent"]
        index = _ordinal(number)
        if index is not None and index < len(dashes):
            i = dashes[index]
            return Region(i, _subtree_end(lines, i, end))
        return None
    if kind == "introductory part":
        return Region(start, start + 1) if end > start else None
    return None


def _ordinal(number: str) -> int | None:
    return int(number) - 1 if number.isdigit() and int(number) > 0 else None


def _nth_group(
    lines: list[Line], region: Region, number: str, *, numbered_too: bool
) -> Region | None:
    """The n-th subparagraph: a top-level line without a number starts each one."""
    top = _top(lines, region)
    starts = [region.start]
    for i in range(region.start + 1, region.end):
        line = lines[i]
        if line.level == top and (not line.num or numbered_too and style(line.num) == "paragraph"):
            starts.append(i)
    index = _ordinal(number)
    if index is None or index >= len(starts):
        return None
    stop = starts[index + 1] if index + 1 < len(starts) else region.end
    return Region(starts[index], stop)


def follow(lines: list[Line], steps: tuple[Step, ...]) -> Region:
    """The region a path names; as far as it could be followed, `exact` False beyond that."""
    region = Region(0, len(lines))
    for step in steps:
        found = step_region(lines, region, step)
        if found is None:
            return Region(region.start, region.end, False, f"{step} not found")
        region = found
    return region


def insertion_point(lines: list[Line], parent: Region, step: Step) -> tuple[int, int | None]:
    """Where a new part goes (after its predecessor by number), and its siblings' level."""
    if step.kind == "subparagraph":
        group = _nth_group(lines, parent, _before(step.number), numbered_too=False)
        return (group.end if group else parent.end), lines[parent.start].level if lines else 0
    siblings, roman = _siblings(lines, parent, step)
    key = number_key(step.number, roman=roman)
    best: int | None = None
    first_after: int | None = None
    for i in siblings:
        line_key = number_key(bare(lines[i].num), roman=roman)
        if line_key < key:
            best = i
        elif first_after is None:
            first_after = i
    if best is not None:
        return _subtree_end(lines, best, parent.end), lines[best].level
    if first_after is not None:
        return first_after, lines[first_after].level
    if step.kind == "paragraph" and step.number == "1":
        return parent.start, None
    return parent.end, None


def _siblings(lines: list[Line], parent: Region, step: Step) -> tuple[list[int], bool]:
    """The lines numbered like the new part (paragraphs, points by digit, letter or roman)."""
    number = step.number.lower()
    if step.kind == "paragraph":
        wanted = {"paragraph"}
    elif number[:1].isdigit():
        wanted = (
            {"digit", "paragraph"}
            if parent.start == 0 and not _has(lines, parent, "digit")
            else {"digit"}
        )
    else:
        wanted = {"letter"}
        if (is_roman(number) or is_roman(number[:-1])) and _has(lines, parent, "roman"):
            head = lines[parent.start]
            if style(head.num) == "letter" or not _has(lines, parent, "letter"):
                wanted = {"roman"}
    out = []
    for i in range(parent.start, parent.end):
        if i == parent.start and parent.start != 0 and step.kind != "paragraph":
            continue  # the parent's own line
        if line_style(lines, i) in wanted:
            out.append(i)
    return out, wanted == {"roman"}


def _has(lines: list[Line], region: Region, kind: str) -> bool:
    return any(line_style(lines, i) == kind for i in range(region.start + 1, region.end))


def _comparable(new: str, old: str) -> bool:
    """Both numbers of the same kind: digits with digits, letters with letters."""
    return new[:1].isdigit() == old[:1].isdigit()


def _before(number: str) -> str:
    match = re.match(r"^(\d+)", number)
    return match.group(1) if match else "1"


@dataclass(frozen=True, slots=True)
class Quote:
    """Where the Commission text sits: lines [start, end), or chars [at, to) of line `start`."""

    start: int
    end: int
    score: float
    at: int = -1
    to: int = -1

    @property
    def partial(self) -> bool:
        return self.at >= 0


def find_quote(lines: list[Line], region: Region, quote: list[str]) -> Quote | None:
    """The stretch of base lines in `region` that best matches the quoted lines."""
    wanted = normalise(" ".join(quote))
    if not wanted:
        return None
    candidates = [i for i in range(region.start, region.end) if lines[i].base is not None]
    if not candidates:
        return None
    texts = {i: normalise(lines[i].base or "") for i in candidates}
    best: Quote | None = None
    count = len(quote)
    for index, i in enumerate(candidates):
        joined = ""
        for length in range(1, count + 3):
            if index + length > len(candidates):
                break
            j = candidates[index + length - 1]
            joined = f"{joined} {texts[j]}".strip()
            if len(joined) > 1.5 * len(wanted) + 20:
                break
            if len(joined) * 1.5 + 20 < len(wanted):
                continue
            score = ratio(wanted, joined)
            if best is None or score > best.score:
                best = Quote(i, j + 1, score)
    if best is not None and best.score >= MATCH:
        return best
    if count == 1:
        partial = _inside_a_line(lines, candidates, quote[0])
        if partial is not None and (best is None or partial.score >= best.score):
            return partial
    return best if best is not None and best.score >= MATCH else None


def _inside_a_line(lines: list[Line], candidates: list[int], quote: str) -> Quote | None:
    """The quote as part of one longer line (an amendment to a sentence of a paragraph)."""
    best: Quote | None = None
    for i in candidates:
        text = lines[i].base or ""
        if len(text) < len(quote):
            continue
        score, at, to = within(quote, text)
        if score >= MATCH and (best is None or score > best.score):
            best = Quote(i, i + 1, score, at, to)
    return best
