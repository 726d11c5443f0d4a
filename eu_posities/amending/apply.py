"""Apply an EP amendment list to its base text: the Parliament's stage, amendment by amendment.

`apply_amendments(base, amendments)` is pure: it takes the base provisions (normally the
Commission proposal) and the amendments as read, and returns an `AmendedStage`: every
provision of the base, amended where an amendment says so, new provisions at their "(new)"
positions, deleted ones in `struck`; each provision knows the amendments that produced it
(`amendments`) and carries the redline (`marks`). Every amendment gets a result: applied, or
not and why. Nothing is dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from eu_posities.amending.edit import insert_lines, replace_inside, replace_lines
from eu_posities.amending.locate import Quote, Region, find_quote, follow, insertion_point
from eu_posities.amending.results import AmendedStage, AmendmentResult
from eu_posities.amending.similarity import MATCH, normalise, ratio
from eu_posities.amending.structure import apply_structure, is_structural
from eu_posities.amending.working import Working
from eu_posities.document import Amendment, ParsedProvision, ParsedStage
from eu_posities.importers.amendments.runs import split_lines
from eu_posities.importers.amendments.targets import Target, number_key, parse_target

FORMAT = "ep-amendments"
_ELIDED = re.compile(r"^\s*[\[(]?\s*(\.\.\.|…)\s*[\])]?\s*$")
_KIND_ORDER = ("title", "citation", "recital", "formula", "article", "annex")


class _Stage:
    """The provisions being amended, in order, found by label."""

    def __init__(self, base: Sequence[ParsedProvision]) -> None:
        self.works = [Working.of(p) for p in base]
        self.by_label: dict[str, Working] = {}
        for work in self.works:
            self.by_label.setdefault(_label_key(work.label), work)

    def find(self, label: str) -> Working | None:
        return self.by_label.get(_label_key(label))

    def insert(self, work: Working) -> None:
        """Put a new provision after its predecessor by number (Recital 1a after Recital 1)."""
        key = number_key(work.number)
        after = None
        before = None
        for index, other in enumerate(self.works):
            if other.kind != work.kind:
                continue
            if number_key(other.number) < key:
                after = index
            elif before is None:
                before = index
        self.by_label.setdefault(_label_key(work.label), work)
        if after is not None:
            self.works.insert(after + 1, work)
        elif before is not None:
            self.works.insert(before, work)
        else:
            order = _KIND_ORDER.index(work.kind) if work.kind in _KIND_ORDER else len(_KIND_ORDER)
            at = len(self.works)
            for index, other in enumerate(self.works):
                other_order = _KIND_ORDER.index(other.kind) if other.kind in _KIND_ORDER else 99
                if other_order > order:
                    at = index
                    break
            self.works.insert(at, work)


def _label_key(label: str) -> str:
    return "".join(label.split()).lower()


def apply_amendments(
    base: Sequence[ParsedProvision],
    amendments: Sequence[Amendment],
    *,
    title: str = "",
    name: str | None = None,
) -> AmendedStage:
    """The stage the amendments make of `base`, and a result for every amendment."""
    stage = _Stage(base)
    results: dict[int, AmendmentResult] = {}
    structural: list[tuple[int, Amendment, Target]] = []
    for index, amendment in enumerate(amendments):
        target = parse_target(amendment.target)
        if target.label is None:
            results[index] = _fail(amendment, f"target not understood: {amendment.target!r}")
        elif is_structural(target):
            structural.append((index, amendment, target))
        else:
            results[index] = _apply_one(stage, amendment, target)
    for index, amendment, target in structural:
        results[index] = apply_structure(stage.works, amendment, target)
    provisions: list[ParsedProvision] = []
    struck: list[ParsedProvision] = []
    for work in stage.works:
        if work.source is not None and work.lines and not work.heading:
            # Every line and the heading deleted one amendment at a time: the article is gone.
            work.deleted = work.deleted or all(line.text is None for line in work.lines)
        built = work.build()
        (struck if work.deleted else provisions).append(built)
    if not title:
        title = next((p.text for p in provisions if p.kind == "title"), "")
    ordered = tuple(results[i] for i in range(len(amendments)))
    applied = sum(1 for r in ordered if r.applied)
    meta = {"amendments": len(amendments), "applied": applied}
    parsed = ParsedStage(
        provisions=tuple(provisions),
        format=FORMAT,
        name=name,
        title=title,
        meta=meta,
        struck=tuple(struck),
    )
    return AmendedStage(stage=parsed, results=ordered)


def _fail(amendment: Amendment, problem: str, score: float = 0.0) -> AmendmentResult:
    return AmendmentResult(amendment, applied=False, problem=problem, score=score)


def _done(
    amendment: Amendment, work: Working, where: str = "", score: float = 1.0
) -> AmendmentResult:
    place = f"{work.label}, {where}" if where else work.label
    return AmendmentResult(amendment, applied=True, where=place, score=score)


def _apply_one(stage: _Stage, amendment: Amendment, target: Target) -> AmendmentResult:
    label = target.label or ""
    work = stage.find(label)
    steps = target.steps
    if target.new and not steps:
        return _insert_provision(stage, work, amendment, target)
    if work is None:
        if amendment.kind == "insert" and not steps:
            return _insert_provision(stage, None, amendment, target)
        return _fail(amendment, f"provision not in the base: {label}")
    if work.deleted:
        return _fail(amendment, f"provision already deleted: {label} (by an earlier amendment)")
    if steps and steps[-1].kind == "title":
        return _heading(work, amendment)
    if amendment.kind == "delete" and not steps and _ELIDED.match(amendment.old):
        # "Article 17 – [...] – deleted": the Commission column abbreviates what goes.
        return _delete_all(work, amendment)
    if amendment.kind == "insert" or not amendment.old:
        return _insert_part(work, amendment, target)
    return _modify(work, amendment, target)


def _delete_all(work: Working, amendment: Amendment) -> AmendmentResult:
    for line in work.lines:
        line.amendment = amendment.number
    work.deleted = True
    work.touch(amendment.number)
    return _done(amendment, work, "deleted")


def _insert_provision(
    stage: _Stage, existing: Working | None, amendment: Amendment, target: Target
) -> AmendmentResult:
    label = target.label or ""
    if existing is not None and not existing.deleted:
        who = "an earlier amendment" if existing.source is None else "the base"
        return _fail(amendment, f"already exists: {label} is in {who}")
    if not amendment.new and not amendment.new_heading:
        return _fail(amendment, f"nothing to insert: {label} has no text")
    work = Working(kind=target.kind, number=target.number, label=label, source=None)
    work.heading = amendment.new_heading
    neighbour = _neighbour(stage, target)
    if neighbour is not None and target.kind == "article":
        work.path = neighbour.path
    if amendment.new:
        insert_lines(work, 0, amendment.number, amendment.new.split("\n"))
    work.touch(amendment.number)
    stage.insert(work)
    return _done(amendment, work)


def _neighbour(stage: _Stage, target: Target) -> Working | None:
    """The provision a new one follows (its chapter headings are the new one's too)."""
    key = number_key(target.number)
    found = None
    for work in stage.works:
        if work.kind == target.kind and number_key(work.number) < key:
            found = work
    return found


def _heading(work: Working, amendment: Amendment) -> AmendmentResult:
    old = amendment.old_heading or amendment.old
    new = amendment.new_heading or amendment.new
    if old and work.heading and ratio(normalise(old), normalise(work.heading)) < MATCH:
        if normalise(new) == normalise(work.heading):
            done = _done(amendment, work, "heading", 1.0)
            return replace(done, note=f"the base already reads {work.heading!r}")
        return _fail(amendment, f"heading differs: {work.label} is headed {work.heading!r}")
    work.heading = " ".join(new.split("\n"))
    work.touch(amendment.number)
    return _done(amendment, work, "heading")


def _insert_part(work: Working, amendment: Amendment, target: Target) -> AmendmentResult:
    steps = target.steps
    new_lines = amendment.new.split("\n") if amendment.new else []
    if not new_lines:
        return _fail(amendment, "nothing to insert: the amendment column is empty")
    if not steps or not steps[-1].new:
        region = follow(work.lines, steps)
        if not region.exact:
            return _fail(amendment, f"position not found: {region.why} in {work.label}")
        insert_lines(work, region.end, amendment.number, new_lines, _level(work, region))
        return _done(amendment, work, _lines(region.end, region.end + len(new_lines)))
    parent = follow(work.lines, steps[:-1])
    if not parent.exact:
        return _fail(amendment, f"position not found: {parent.why} in {work.label}")
    at, level = insertion_point(work.lines, parent, steps[-1])
    if level is None:
        level = _sibling_level(work, parent, at, steps[-1].kind)
    insert_lines(work, at, amendment.number, new_lines, level)
    return _done(amendment, work, _lines(at, at + len(new_lines)))


def _level(work: Working, region: Region) -> int | None:
    if region.start < len(work.lines):
        return work.lines[region.start].level
    return None


def _sibling_level(work: Working, parent: Region, at: int, kind: str) -> int | None:
    if kind == "paragraph" or kind == "subparagraph":
        return 0
    for index in (at - 1, at):
        if parent.start < index < parent.end and 0 <= index < len(work.lines):
            line = work.lines[index]
            if line.num:
                return line.level
    if parent.start < len(work.lines):
        return work.lines[parent.start].level + 1
    return None


def _lines(start: int, end: int) -> str:
    return f"line {start + 1}" if end - start <= 1 else f"lines {start + 1}-{end}"


def _modify(work: Working, amendment: Amendment, target: Target) -> AmendmentResult:
    quote_lines = amendment.old.split("\n")
    region = follow(work.lines, target.steps)
    quote = find_quote(work.lines, region, quote_lines)
    whole = Region(0, len(work.lines))
    note = ""
    if quote is None and (region.start, region.end) != (0, len(work.lines)):
        quote = find_quote(work.lines, whole, quote_lines)
        if quote is not None:
            note = f"found outside {', '.join(target.path)}" + (
                f" ({region.why})" if region.why else ""
            )
    if quote is None:
        where = f"{work.label} ({', '.join(target.path)})" if target.path else work.label
        best = _best_score(work, quote_lines)
        return _fail(amendment, f"Commission text not found: in {where}", best)
    clash = _clash(work, quote)
    if clash:
        return _fail(amendment, f"overlaps: the same text is amended by amendment {clash}")
    new_lines = amendment.new.split("\n") if amendment.new else []
    covers_all = quote.start == 0 and quote.end == len(work.lines) and not quote.partial
    if amendment.kind == "delete" and covers_all and not target.steps:
        result = _delete_all(work, amendment)
        return AmendmentResult(amendment, True, where=result.where, score=quote.score)
    if not target.steps and amendment.new_heading:
        work.heading = amendment.new_heading
    if quote.partial:
        if len(new_lines) > 1:
            return _fail(amendment, "not applied: the quoted sentence becomes several paragraphs")
        replace_inside(work, quote, amendment.number, new_lines[0] if new_lines else "")
    else:
        replace_lines(
            work,
            quote,
            amendment.number,
            new_lines,
            split_lines(amendment.old_marks),
            split_lines(amendment.new_marks),
        )
    done = _done(amendment, work, _lines(quote.start, quote.end), quote.score)
    return replace(done, note=note) if note else done


def _clash(work: Working, quote: Quote) -> str | None:
    for line in work.lines[quote.start : quote.end]:
        if line.amendment is not None:
            return line.amendment
    return None


def _best_score(work: Working, quote_lines: list[str]) -> float:
    wanted = normalise(" ".join(quote_lines))
    scores = [ratio(wanted, normalise(line.base or "")) for line in work.lines if line.base]
    return max(scores, default=0.0)
