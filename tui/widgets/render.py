"""Rich renderings shared by the screens: stage tags, status colours, timelines, redlines."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from rich.console import Group
from rich.text import Text

from eu_posities.diff import DiffOp, Flag
from eu_posities.readmodels import ConcernTally, ProvisionView, StageSummary

STATUS_STYLE = {
    "open": "bold white on red",
    "partly": "bold black on yellow",
    "resolved": "bold black on green",
    "dropped": "white on grey37",
}

# Marker, style and word for each alignment status in the provision tree and headers.
CHANGE_MARK: dict[str, tuple[str, str]] = {
    "modified": ("~", "yellow"),
    "added": ("+", "green"),
    "deleted": ("-", "red"),
    "split": ("<", "magenta"),
    "merged": (">", "magenta"),
    "renumbered": ("#", "cyan"),
    "moved": ("^", "blue"),
}

INSERT_STYLE = "bold green underline"
AMENDMENT_STYLE = "bold blue"  # EP amendment numbers ("AM 232")
DELETE_STYLE = "red strike"
FLAG_STYLE = "bold black on yellow"


class Tagged(Protocol):
    """Anything shown with a stage's warnings: a stage, a search hit."""

    @property
    def fictional(self) -> bool: ...

    @property
    def limite(self) -> bool: ...


@dataclass(frozen=True)
class Warnings:
    """Just the warnings, for a legend: `stage_tags(Warnings(fictional=True, limite=True))`."""

    fictional: bool = False
    limite: bool = False


def stage_tags(stage: Tagged, short: bool = False) -> Text:
    """The visible warning tags of a stage: practice text, LIMITE (`short`: one word each)."""
    tags = Text()
    if stage.fictional:
        word = " FICTIONAL " if short else " FICTIONAL — practice text "
        tags.append(word, style="bold black on yellow")
    if stage.limite:
        if tags:
            tags.append(" ")
        tags.append(" LIMITE ", style="bold white on red")
    return tags


def stage_title(
    stage: StageSummary, extra: str = "", *, date: bool = True, short: bool = False
) -> Text:
    """A column or pane header: key, date, tags."""
    title = Text(stage.key, style="bold")
    if date and stage.date:
        title.append(f"  {stage.date}", style="dim")
    if extra:
        title.append(f"  {extra}")
    tags = stage_tags(stage, short)
    if tags:
        title.append("  ")
        title.append_text(tags)
    return title


def status_cell(status: str | None, resolved_here: bool = False) -> Text:
    if not status:
        return Text("·", style="dim", justify="center")
    word = status + (" ✓" if resolved_here else "")
    return Text(f" {word} ", style=STATUS_STYLE.get(status, ""), justify="center")


def change_mark(statuses: Iterable[str | None]) -> Text:
    """The markers of one comparison row: one per distinct change against the first stage."""
    marks = Text()
    for status in dict.fromkeys(s for s in statuses if s and s != "unchanged"):
        symbol, style = CHANGE_MARK.get(status, ("?", "white"))
        marks.append(symbol, style=f"bold {style}")
    return marks


def timeline(stages: Iterable[StageSummary]) -> Group:
    """The stages of a dossier in order: filled dot when the text is there, hollow when known."""
    stages = list(stages)
    width = max((len(s.key) for s in stages), default=0)
    lines = []
    for stage in stages:
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append("● " if stage.imported else "○ ", style="green" if stage.imported else "dim")
        line.append(f"{stage.date or '—':<10} ", style="dim")
        line.append(f"{stage.key:<{width}} ", style="bold" if stage.imported else "dim")
        tags = stage_tags(stage, short=True)  # one word: the line must fit 80 columns
        if tags:
            line.append_text(tags)
            line.append(" ")
        count = f"{stage.provisions} provisions" if stage.imported else "known, no text"
        line.append(f"{count}  {stage.ref}".rstrip())
        lines.append(line)
    return Group(*lines)


def concern_line(tally: ConcernTally) -> Text:
    if not tally.concerns:
        return Text("no concerns recorded", style="dim")
    line = Text(f"{tally.resolved} of {tally.concerns} concerns resolved", style="bold")
    if tally.open:
        line.append(f" · {tally.open} open", style="red")
    return line


def marked_text(ops: Iterable[DiffOp], flags: Iterable[Flag] = ()) -> Text:
    """A redline: deletions struck through in red, insertions underlined in green.

    Words that a flag names (modal verb, number, negation) are highlighted on top.
    """
    flagged = {w.lower() for f in flags for w in (f.old, f.new) if w}
    text = Text()
    for op in ops:
        if op.op == "equal":
            # The two sides differ only in spacing; the wider keeps a change off its neighbour.
            text.append(op.new if len(op.new) >= len(op.old) else op.old)
        if op.op in ("delete", "replace"):
            _append(text, op.old, DELETE_STYLE, flagged)
        if op.op in ("insert", "replace"):
            _append(text, op.new, INSERT_STYLE, flagged)
    return text


def _append(text: Text, words: str, style: str, flagged: set[str]) -> None:
    if not flagged:
        text.append(words, style=style)
        return
    for piece in _split_keep(words):
        hit = piece.strip().lower() in flagged
        text.append(piece, style=f"{style} on yellow" if hit else style)


def _split_keep(words: str) -> list[str]:
    pieces: list[str] = []
    current = ""
    for char in words:
        if char.isspace() and current and not current[-1].isspace():
            pieces.append(current)
            current = ""
        current += char
    if current:
        pieces.append(current)
    return pieces


def provision_body(provision: ProvisionView | None) -> Text:
    if provision is None:
        return Text("— not in this stage —", style="dim italic")
    body = Text(provision.label, style="bold")
    if provision.heading:
        body.append(f"\n{provision.heading}", style="italic")
    body.append("\n\n" + provision.text)
    return body


def group(*parts: Any) -> Group:
    return Group(*parts)
