"""Rich rendering of a stage diff (the contract's `diff` JSON) as a lawyer's redline."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

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


def redline_text(ops: list[dict[str, Any]], *, marks: bool = False) -> Text:
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
        kind = op["op"]
        if kind == "equal":
            text.append(op["old"])
        if kind in ("delete", "replace"):  # replace: old then new, like a redline
            add(op["old"], DELETE, "[-", "-]")
        if kind in ("insert", "replace"):
            add(op["new"], INSERT, "{+", "+}")
    return text


def flag_margin(flags: list[dict[str, Any]]) -> Text:
    margin = Text()
    for flag in flags:
        style = FLAG_STYLE.get(flag["kind"], "bold")
        margin.append(f"{flag['kind']}: ", style=style)
        margin.append(f"{flag.get('old') or '∅'} → {flag.get('new') or '∅'}\n")
    return margin


def pair_title(pair: dict[str, Any]) -> Text:
    old, new = pair.get("from"), pair.get("to")
    label = f"{old} → {new}" if old and new and old != new else old or new or "?"
    title = Text(label, style="bold")
    status = pair.get("status", "")
    title.append(f"  {status}", style=STATUS_STYLE.get(status, ""))
    if pair.get("classification") and pair["classification"] != status:
        title.append(f" · {pair['classification']}", style="dim")
    return title


def render_diff(
    diff: dict[str, Any], *, changed_only: bool = True, marks: bool = False
) -> RenderableType:
    """One panel per aligned pair, the flags in a margin column beside the redline."""
    parts: list[RenderableType] = []
    if diff.get("fictional"):
        parts.append(
            Text(
                "FICTIONAL — practice text, not a negotiation document",
                style="bold black on yellow",
            )
        )
    if diff.get("limite"):
        parts.append(Text("LIMITE — not for public distribution", style="bold white on red"))
    shown = 0
    for pair in diff["pairs"]:
        if changed_only and pair.get("status") == "unchanged":
            continue
        shown += 1
        body = Table.grid(padding=(0, 2), expand=True)
        body.add_column(ratio=4)
        body.add_column(ratio=1)
        body.add_row(
            redline_text(pair.get("ops", []), marks=marks), flag_margin(pair.get("flags", []))
        )
        for move in pair.get("moves", []):
            body.add_row(
                Text(f"moved {move['from']} → {move['to']}: {move['text']}", style="italic cyan"),
                Text(),
            )
        parts.append(Panel(body, title=pair_title(pair), title_align="left", border_style="dim"))
    if not shown:
        parts.append(Text(f"No changes between {diff['from']} and {diff['to']}.", style="green"))
    return Group(*parts)
