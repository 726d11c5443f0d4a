"""A provision while amendments are applied to it: its lines, each with its base and its marks.

Every line of the base provision starts as itself (one "equal" run). Applying an amendment
replaces a stretch of lines: a line may get new text with word-level marks, be deleted, or be
inserted. `build` turns the lines back into a `ParsedProvision` whose `marks` hold the whole
redline: joining the non-delete runs gives its `text`, joining the non-insert runs gives the
base provision's text, line breaks included.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from eu_posities.document import Block, MarkedRun, ParsedProvision
from eu_posities.importers.amendments.runs import normalise_runs
from eu_posities.importers.common import blocks_text, num_level, split_num


@dataclass
class Line:
    """One paragraph or point: `base` its text in the base (None if inserted), `text` now
    (None if deleted), `runs` the redline between the two."""

    base: str | None
    text: str | None
    runs: tuple[MarkedRun, ...]
    block: Block
    amendment: str | None = None

    @property
    def num(self) -> str:
        return self.block.num

    @property
    def level(self) -> int:
        return self.block.level

    @property
    def changed(self) -> bool:
        return self.amendment is not None


def base_line(block: Block) -> Line:
    text = blocks_text([block])
    return Line(text, text, (MarkedRun("equal", text),) if text else (), block)


def new_block(text: str, *, level: int | None = None, previous: str = "") -> Block:
    """A block for an amended or inserted line, its number split off as a stage prints it."""
    num, rest = split_num(text)
    depth = num_level(num, previous) if level is None else level
    return Block(text=rest if num else text, num=num, level=depth)


@dataclass
class Working:
    """A provision of the stage being built (from the base, or inserted by an amendment)."""

    kind: str
    number: str
    label: str
    heading: str = ""
    path: tuple[str, ...] = ()
    lines: list[Line] = field(default_factory=list)
    source: ParsedProvision | None = None
    deleted: bool = False
    amendments: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, provision: ParsedProvision) -> Working:
        blocks = provision.blocks or ((Block(provision.text),) if provision.text else ())
        return cls(
            kind=provision.kind,
            number=provision.number,
            label=provision.label,
            heading=provision.heading,
            path=provision.path,
            lines=[base_line(b) for b in blocks],
            source=provision,
        )

    def touch(self, number: str) -> None:
        if number not in self.amendments:
            self.amendments.append(number)

    @property
    def base_text(self) -> str:
        if self.source is None:
            return ""
        return "\n".join(line.base for line in self.lines if line.base is not None)

    def build(self) -> ParsedProvision:
        """The provision as the amended stage holds it (or, if deleted, as struck)."""
        kept = [line for line in self.lines if line.text is not None and not self.deleted]
        blocks = tuple(line.block for line in kept)
        text = blocks_text(blocks) if self.source is None or self.amendments else None
        if text is None and self.source is not None:
            text = self.source.text
        marks: tuple[MarkedRun, ...] = ()
        if self.amendments or self.source is None:
            marks = redline(self.lines, deleted=self.deleted)
        if self.source is not None:
            base = self.source
            if not self.amendments:
                # A heading above it may have been reworded; its own text was not.
                if base.path != self.path:
                    return replace(base, path=self.path)
                return base
            return replace(
                base,
                text="" if self.deleted else (text or ""),
                heading=self.heading,
                path=self.path,
                blocks=() if self.deleted else blocks,
                marks=marks,
                amendments=tuple(self.amendments),
            )
        return ParsedProvision(
            kind=self.kind,
            number=self.number,
            label=self.label,
            text=text or "",
            heading=self.heading,
            path=self.path,
            blocks=blocks,
            marks=marks,
            amendments=tuple(self.amendments),
        )


def redline(lines: list[Line], *, deleted: bool = False) -> tuple[MarkedRun, ...]:
    """The provision's runs: each line's runs, lines separated by "\\n" on each side.

    A separator is written after every line that exists on a side and the last one on each
    side is taken back, so both texts come out without a trailing line break.
    """
    runs: list[MarkedRun] = []
    for line in lines:
        base_side = line.base is not None
        new_side = line.text is not None and not deleted
        if deleted or not new_side:
            runs.extend(MarkedRun("delete", r.text) for r in line.runs if r.op != "insert")
        elif not base_side:
            runs.extend(MarkedRun("insert", r.text) for r in line.runs if r.op != "delete")
        else:
            runs.extend(line.runs)
        if base_side and new_side:
            runs.append(MarkedRun("equal", "\n"))
        elif base_side:
            runs.append(MarkedRun("delete", "\n"))
        elif new_side:
            runs.append(MarkedRun("insert", "\n"))
    return normalise_runs(_drop_last_break(_drop_last_break(runs, "insert"), "delete"))


def _drop_last_break(runs: list[MarkedRun], skip: str) -> list[MarkedRun]:
    """Remove the final "\\n" of the side that does not see `skip` runs."""
    for index in range(len(runs) - 1, -1, -1):
        run = runs[index]
        if run.op == skip or not run.text:
            continue
        if not run.text.endswith("\n"):
            return runs  # that side does not end with a separator (it is empty)
        head = run.text[:-1]
        out = runs[:index]
        if head:
            out.append(MarkedRun(run.op, head, run.changed))
        if run.op == "equal":
            # The other side keeps its separator: the one it had here is now its own.
            out.append(MarkedRun(skip, "\n"))
        out.extend(runs[index + 1 :])
        return out
    return runs
