"""Rich renderings shared by the screens: stage tags, status colours, timelines, redlines."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Group
from rich.text import Text

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
DELETE_STYLE = "red strike"
FLAG_STYLE = "bold black on yellow"


def stage_tags(stage: dict[str, Any], short: bool = False) -> Text:
    """The visible warning tags of a stage: practice text, LIMITE (`short`: one word each)."""
    tags = Text()
    if stage.get("fictional"):
        word = " FICTIONAL " if short else " FICTIONAL — practice text "
        tags.append(word, style="bold black on yellow")
    if stage.get("limite"):
        if tags:
            tags.append(" ")
        tags.append(" LIMITE ", style="bold white on red")
    return tags


def stage_title(
    stage: dict[str, Any], extra: str = "", *, date: bool = True, short: bool = False
) -> Text:
    """A column or pane header: key, date, tags."""
    title = Text(stage["key"], style="bold")
    if date and stage.get("date"):
        title.append(f"  {stage['date']}", style="dim")
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


def timeline(stages: list[dict[str, Any]]) -> Group:
    """The stages of a dossier in order: filled dot when the text is there, hollow when known."""
    width = max((len(s["key"]) for s in stages), default=0)
    lines = []
    for stage in stages:
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(
            "● " if stage["imported"] else "○ ", style="green" if stage["imported"] else "dim"
        )
        line.append(f"{stage['date'] or '—':<10} ", style="dim")
        line.append(f"{stage['key']:<{width}} ", style="bold" if stage["imported"] else "dim")
        tags = stage_tags(stage, short=True)  # one word: the line must fit 80 columns
        if tags:
            line.append_text(tags)
            line.append(" ")
        count = f"{stage['provisions']} provisions" if stage["imported"] else "known, no text"
        line.append(f"{count}  {stage['ref']}".rstrip())
        lines.append(line)
    return Group(*lines)


def concern_line(summary: dict[str, int]) -> Text:
    total = summary["concerns"]
    if not total:
        return Text("no concerns recorded", style="dim")
    line = Text(f"{summary['resolved']} of {total} concerns resolved", style="bold")
    if summary["open"]:
        line.append(f" · {summary['open']} open", style="red")
    return line


def marked_text(ops: Iterable[Any], flags: Iterable[dict[str, Any]] = ()) -> Text:
    """A redline: deletions struck through in red, insertions underlined in green.

    Words that a flag names (modal verb, number, negation) are highlighted on top.
    """
    flagged = {w.lower() for f in flags for w in (f.get("old") or "", f.get("new") or "") if w}
    text = Text()
    for op in ops:
        kind, old, new = _op_parts(op)
        if kind == "equal":
            text.append(old)
        if kind in ("delete", "replace"):
            _append(text, old, DELETE_STYLE, flagged)
        if kind in ("insert", "replace"):
            _append(text, new, INSERT_STYLE, flagged)
    return text


def _op_parts(op: Any) -> tuple[str, str, str]:
    if isinstance(op, dict):
        return op["op"], op.get("old") or "", op.get("new") or ""
    return op.op, op.old or "", op.new or ""


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


def provision_body(provision: dict[str, Any] | None) -> Text:
    if provision is None:
        return Text("— not in this stage —", style="dim italic")
    body = Text(provision["label"], style="bold")
    if provision.get("heading"):
        body.append(f"\n{provision['heading']}", style="italic")
    body.append("\n\n" + provision["text"])
    return body


def group(*parts: Any) -> Group:
    return Group(*parts)
