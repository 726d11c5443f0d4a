"""Redlines over several stages: each change carries the stage that made it (`eup trace`),
and the "as marked" view: a stage's changes exactly as its own document marked them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Group
from rich.text import Text

from eu_posities.diff import DiffOp, Lineage
from eu_posities.readmodels import StageSummary
from eu_posities.tui.widgets.render import marked_text, stage_title

# One colour per later stage: the second stage's changes in the first colour, and so on.
STAGE_COLOURS = ("magenta", "cyan", "yellow", "blue", "green")
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
UNDONE_SHOWN = 60  # characters of an undone change quoted


def stage_number(position: int) -> str:
    """'²' for the second stage: the tag after each change, explained in the legend."""
    return str(position + 1).translate(SUPERSCRIPT)


def stage_colour(position: int) -> str:
    return STAGE_COLOURS[(position - 1) % len(STAGE_COLOURS)] if position else "white"


def legend(stages: Sequence[StageSummary]) -> Text:
    """Which number and colour stands for which stage."""
    line = Text()
    for position, stage in enumerate(stages):
        if position:
            line.append("   ")
        style = f"bold {stage_colour(position)}" if position else "bold"
        line.append(f"{stage_number(position)} {stage.key}", style=style)
    return line


def lineage_view(stages: Sequence[StageSummary], lineage: Lineage | None, note: str = "") -> Group:
    """The first → last redline of one provision with every change tagged by its stage."""
    parts: list[Any] = [legend(stages)]
    if lineage is None:
        parts.append(Text(note or "No lineage for this provision.", style="dim italic"))
        return Group(*parts)
    position = {key: k for k, key in enumerate(lineage.stages)}
    labels = Text(" → ".join(", ".join(ls) or "—" for ls in lineage.labels), style="bold")
    parts += [labels, Text("")]
    text = Text()
    for op in lineage.ops:
        if op.op == "equal":
            text.append(op.old)
            continue
        at = position.get(op.introduced_in or "", 0)
        colour = stage_colour(at)
        # The stage's number as a badge in front of its change (a trailing digit would read
        # as part of the next word or number).
        text.append(stage_number(at), style=f"bold reverse {colour}")
        if op.op in ("delete", "replace"):
            text.append(op.old, style=f"{colour} strike")
        if op.op in ("insert", "replace"):
            text.append(op.new, style=f"bold {colour} underline")
    parts.append(text)
    undone = [c for c in lineage.changes if not c.in_final]
    if undone:
        parts += [Text(""), Text("Changed on the way and undone later:", style="bold")]
        for change in undone:
            words = " ".join((change.new or change.old).split())
            quoted = words if len(words) <= UNDONE_SHOWN else words[:UNDONE_SHOWN] + "…"
            what = "wrote" if change.op == "insert" else "took out"
            line = Text(f" {change.introduced_in} {what} ", style="dim")
            line.append(f"“{quoted}”")
            line.append(f", undone by {change.undone_in}", style="dim")
            parts.append(line)
    return Group(*parts)


def marked_view(
    stages: Sequence[StageSummary],
    marks: Sequence[tuple[str, Sequence[DiffOp] | None]],
    note: str = "",
) -> Group:
    """Per chosen stage, its provision's redline as its document marked it, where it did."""
    by_key = {s.key: s for s in stages}
    parts: list[Any] = [Text("As marked: the documents' own bold and strikethrough", style="bold")]
    if note:
        parts.append(Text(note, style="dim italic"))
    for key, ops in marks:
        parts += [Text(""), stage_title(by_key[key])]
        against = by_key[key].meta.get("marked_against") or by_key[key].meta.get("amending")
        if against:
            parts.append(Text(f"marked against {against}", style="dim"))
        if ops is None:
            parts.append(Text("Its document did not mark its changes here.", style="dim italic"))
        else:
            parts.append(marked_text(ops))
    return Group(*parts)
