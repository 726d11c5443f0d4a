"""The help screen: every key of the app, what the markers and colours mean."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from eu_posities.kinds import MAX_COMPARE_STAGES
from eu_posities.tui.widgets.render import (
    CHANGE_MARK,
    DELETE_STYLE,
    FLAG_STYLE,
    INSERT_STYLE,
    Warnings,
    stage_tags,
)

KEYS = (
    ("enter", "open the dossier, provision, concern or search hit"),
    ("escape", "back / close"),
    ("c", "concern matrix of the dossier"),
    ("/", "full-text search over all stages"),
    ("i", "import a document as a stage"),
    ("e", "export a memo, table or report (dossier: the table of the view)"),
    ("s", f"dossier: choose the stages to compare (1 to {MAX_COMPARE_STAGES})"),
    ("m", "dossier: switch columns / redline"),
    ("M", "dossier: the redline as the documents marked it (bold, struck) / as computed"),
    ("n  p", "dossier: next / previous change"),
    ("o", "dossier: open a concern of the provision (a list when several)"),
    ("g", "dossier: go to a provision: 7, Article 7, rec 12, Annex II"),
    ("t", "dossier: notes on the provision (who, when; in the exports)"),
    ("l", "dossier: link or unlink concerns, or add one"),
    ("a", "dossier: fix the alignment; concerns: assess the concern"),
    ("r", "reload now (open screens also update by themselves)"),
    ("ctrl+p", "command palette"),
    ("?", "this help"),
    ("q", "quit (in search, q is a letter of the query: escape goes back)"),
)


def help_text() -> Group:
    keys = Table.grid(padding=(0, 2))
    keys.add_column(style="bold cyan", no_wrap=True)
    keys.add_column()
    for key, does in KEYS:
        keys.add_row(key, does)
    markers = Text("Markers against the first stage: ")
    for status, (symbol, style) in CHANGE_MARK.items():
        markers.append(symbol, style=f"bold {style}")
        markers.append(f" {status}  ")
    markers.append("(with 3 or 4 stages one per later stage, in order; · kept)  ")
    markers.append("◆key", style="bold magenta")
    markers.append(" or ")
    markers.append("◆2", style="bold magenta")
    markers.append(" linked concerns")
    redline = Text("Redlines: ")
    redline.append("inserted", style=INSERT_STYLE)
    redline.append(" · ")
    redline.append("deleted", style=DELETE_STYLE)
    redline.append(" · ")
    redline.append("shall→may", style=FLAG_STYLE)
    redline.append(" a changed modal verb, number or negation")
    tags = stage_tags(Warnings(fictional=True, limite=True))
    tags.append(" made-up practice text; restricted document: do not share")
    return Group(Text("Keys", style="bold underline"), keys, Text(""), markers, redline, tags)


class HelpScreen(ModalScreen[None]):
    """All keys; escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(help_text())
