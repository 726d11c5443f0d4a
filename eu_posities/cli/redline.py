"""Rich rendering of a stage comparison as a lawyer's redline."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from eu_posities.diff import DiffOp, Flag, Lineage, PairDiff
    from eu_posities.services.comparing import StageComparison

INSERT = "bold green underline"
DELETE = "red strike"
FLAG_STYLE = {"modal": "bold magenta", "negation": "bold red", "number": "bold yellow"}
STATUS_STYLE = {
    "unchanged": "dim",
    "modified": "yellow",
    "added": "green",
    "deleted": "red",
    "split": "cyan",
    "merged": "cyan",
}


def redline_text(ops: Iterable[DiffOp], *, marks: bool = False) -> Text:
    """Deleted words struck through in red, inserted words underlined in green.

    With `marks` (no colours: piped or NO_COLOR) they are also written as [-deleted-] and
    {+inserted+}, as `git diff --word-diff` does, since strike-through alone is lost there.
    """
    text = Text()

    def add(part: str, style: str, opening: str, closing: str) -> None:
        if not marks or not part.strip():
            text.append(part, style=style)
            return
        core = part.strip()
        start = part.index(core)
        text.append(part[:start])
        text.append(f"{opening}{core}{closing}", style=style)
        text.append(part[start + len(core) :])

    for op in ops:
        if op.op == "equal":
            text.append(op.old)
        if op.op in ("delete", "replace"):  # replace: old then new, like a redline
            add(op.old, DELETE, "[-", "-]")
        if op.op in ("insert", "replace"):
            add(op.new, INSERT, "{+", "+}")
    return text


def flag_margin(flags: Iterable[Flag]) -> Text:
    margin = Text()
    for flag in flags:
        style = FLAG_STYLE.get(flag.kind, "bold")
        margin.append(f"{flag.kind}: ", style=style)
        margin.append(f"{flag.old or '∅'} → {flag.new or '∅'}\n")
    return margin


def pair_title(pair: PairDiff) -> Text:
    old, new = pair.from_label, pair.to_label
    label = f"{old} → {new}" if old and new and old != new else old or new or "?"
    title = Text(label, style="bold")
    title.append(f"  {pair.status}", style=STATUS_STYLE.get(pair.status, ""))
    if pair.classification and pair.classification != pair.status:
        title.append(f" · {pair.classification}", style="dim")
    return title


def render_diff(
    comparison: StageComparison, *, changed_only: bool = True, marks: bool = False
) -> RenderableType:
    """One panel per aligned pair, the flags in a margin column beside the redline."""
    parts: list[RenderableType] = []
    if comparison.fictional:
        parts.append(
            Text(
                "FICTIONAL — practice text, not a negotiation document",
                style="bold black on yellow",
            )
        )
    if comparison.limite:
        parts.append(Text("LIMITE — not for public distribution", style="bold white on red"))
    shown = 0
    for pair in comparison.diff.pairs:
        if changed_only and pair.status == "unchanged":
            continue
        shown += 1
        body = Table.grid(padding=(0, 2), expand=True)
        body.add_column(ratio=4)
        body.add_column(ratio=1)
        body.add_row(redline_text(pair.ops, marks=marks), flag_margin(pair.flags))
        for move in pair.moves:
            body.add_row(
                Text(
                    f"moved {move.from_label} → {move.to_label}: {move.text}", style="italic cyan"
                ),
                Text(),
            )
        parts.append(Panel(body, title=pair_title(pair), title_align="left", border_style="dim"))
    if not shown:
        old, new = comparison.old.key, comparison.new.key
        parts.append(Text(f"No changes between {old} and {new}.", style="green"))
    return Group(*parts)


# One colour per stage after the first, so that a reader sees who wrote what.
STAGE_STYLES = ("blue", "magenta", "yellow", "cyan")


def render_trace(lineage: Lineage, *, marks: bool = False) -> RenderableType:
    """The first → last redline, each change coloured and tagged with the stage that made it.

    With `marks` (no colours) deletions read [-…-] and insertions {+…+}, as in `eup diff`.
    """
    styles = {key: STAGE_STYLES[i % len(STAGE_STYLES)] for i, key in enumerate(lineage.stages[1:])}
    legend = Text("Changes by stage: ", style="bold")
    for key, style in styles.items():
        legend.append(f" {key} ", style=f"bold {style} reverse")
        legend.append(" ")
    text = Text()
    for op in lineage.ops:
        if op.op == "equal":
            text.append(op.old)
            continue
        stage = op.introduced_in or "?"
        colour = styles.get(stage, "white")
        if op.op in ("delete", "replace"):
            text.append(f"[-{op.old}-]" if marks else op.old, style=f"{colour} strike")
        if op.op in ("insert", "replace"):
            text.append(f"{{+{op.new}+}}" if marks else op.new, style=f"{colour} underline")
        text.append(f"[{stage}]", style=f"dim {colour}")
    undone = [c for c in lineage.changes if not c.in_final]
    parts: list[RenderableType] = [legend, Panel(text, title=lineage.label, title_align="left")]
    if undone:
        table = Table("change", "made in", "undone in", box=None, padding=(0, 1))
        for change in undone:
            words = change.new or change.old
            what = ("+ " if change.op == "insert" else "- ") + " ".join(words.split())[:70]
            table.add_row(Text(what), change.introduced_in, change.undone_in or "")
        parts += [Text("Changed on the way and undone later:", style="bold"), table]
    return Group(*parts)
