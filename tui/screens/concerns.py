"""The concern matrix: concerns × stages of one dossier, coloured by status, with `resolved_in`."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from eu_posities.readmodels import ConcernRecord, StageSummary
from eu_posities.services import reading
from eu_posities.tui import workspace
from eu_posities.tui.widgets.render import stage_tags, status_cell

SHORT = {
    "commission-proposal": "COM",
    "bnc-fiche": "BNC",
    "council-general-approach": "GA",
    "council-mandate": "Council",
    "presidency-compromise": "Pres",
    "ep-committee-report": "EP cttee",
    "ep-position": "EP",
    "trilogue": "Trilogue",
    "provisional-agreement": "Agreement",
    "final-act": "Final",
    "kamerbrief": "Kamerbrief",
}


def short_name(stage: StageSummary) -> Text:
    """A column heading: short stage name, then F / L when fictional or LIMITE."""
    if stage.key in SHORT:
        short = SHORT[stage.key]
    else:  # a second stage of a kind: tell them apart by date or the start of the key
        where = stage.date[:7] or stage.key.split("-")[0]
        short = f"{SHORT.get(stage.kind, stage.kind[:10])} {where}"
    name = Text(short)
    if stage.fictional:
        name.append(" F", style="bold black on yellow")
    if stage.limite:
        name.append(" L", style="bold white on red")
    return name


class ConcernMatrixScreen(Screen[None]):
    """Move with the arrows; enter opens a concern, a assesses it in the column's stage."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("enter", "open", "Open", show=False),
        Binding("a", "assess", "Assess"),
    ]

    class Loaded(Message):
        def __init__(self, stages: tuple[StageSummary, ...], concerns: list[ConcernRecord]) -> None:
            super().__init__()
            self.stages, self.concerns = stages, concerns

    def __init__(self, dossier: str) -> None:
        super().__init__()
        self.dossier_key = dossier
        self.stages: tuple[StageSummary, ...] = ()
        self.concerns: list[ConcernRecord] = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(id="matrix-legend")
        yield DataTable(id="matrix", cursor_type="cell", zebra_stripes=True)
        yield Static(id="matrix-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Concerns · {self.dossier_key}"
        self.query_one(DataTable).loading = True
        self.reload()

    def reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        engine = workspace.engine(self)
        self.post_message(
            self.Loaded(
                reading.stages(engine, self.dossier_key),
                reading.concerns(engine, self.dossier_key),
            )
        )

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        self.stages, self.concerns = message.stages, message.concerns
        table = self.query_one(DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column("Concern", key="concern")
        for stage in self.stages:
            table.add_column(short_name(stage), key=stage.key)
        table.add_column("Resolved in", key="resolved_in")
        for concern in self.concerns:
            cells: list[Any] = [Text(concern.key, style="bold")]
            for stage in self.stages:
                status = concern.status_by_stage.get(stage.key)
                cells.append(status_cell(status, concern.resolved_in == stage.key))
            cells.append(Text(concern.resolved_in or "—"))
            table.add_row(*cells, key=concern.key)
        table.loading = False
        if self.concerns:
            # Start on the first stage column: enter opens, `a` assesses in that stage.
            row = cursor.row if cursor.row < len(self.concerns) else 0
            table.cursor_coordinate = Coordinate(row, max(cursor.column, 1))
        self._legend()
        table.focus()

    def _legend(self) -> None:
        """Short column name = stage key; lines break between items, never inside one."""
        if not self.concerns:
            self.query_one("#matrix-legend", Static).update(
                Text("No concerns recorded for this dossier.", style="italic")
            )
            return
        items: list[Text] = []
        for stage in self.stages:
            item = short_name(stage)
            item.append(f" {stage.key}", style="dim")
            items.append(item)
        if any(stage_tags(stage) for stage in self.stages):
            items.append(Text("(F: fictional practice text, L: LIMITE)", style="dim"))
        room = max(20, self.size.width)
        legend, line = Text(), 0
        for item in items:
            if line and line + 3 + item.cell_len > room:
                legend.append("\n")
                line = 0
            elif line:
                legend.append(" · ", style="dim")
                line += 3
            legend.append_text(item)
            line += item.cell_len
        self.query_one("#matrix-legend", Static).update(legend)

    def on_resize(self) -> None:
        if self.stages:
            self._legend()

    @on(DataTable.CellHighlighted)
    def preview(self) -> None:
        """Title, linked provisions and the highlighted cell's status, below the matrix."""
        concern, stage = self._selected()
        if concern is None:
            return
        text = Text(concern.title_nl, style="bold")
        if concern.title_en:
            text.append(f" — {concern.title_en}", style="italic")
        text.append("\nLinked: " + (", ".join(concern.provisions) or "none"))
        if stage:
            status = concern.status_by_stage.get(stage)
            text.append(f"\n{stage}")
            tags = stage_tags(next(s for s in self.stages if s.key == stage), short=True)
            if tags:
                text.append(" ")
                text.append_text(tags)
            text.append(f": {status or 'not assessed'}")
        text.append(f"\nResolved in: {concern.resolved_in or '—'}")
        text.append("   enter: details · a: assess in this stage", style="dim")
        self.query_one("#matrix-preview", Static).update(text)

    def _selected(self) -> tuple[ConcernRecord | None, str | None]:
        table = self.query_one(DataTable)
        if not self.concerns:
            return None, None
        row, column = table.cursor_coordinate
        concern = self.concerns[min(row, len(self.concerns) - 1)]
        stage = self.stages[column - 1].key if 1 <= column <= len(self.stages) else None
        return concern, stage

    @on(DataTable.CellSelected)
    def action_open(self) -> None:
        from eu_posities.tui.screens.concern_detail import ConcernDetailScreen

        concern, _ = self._selected()
        if concern:
            self.app.push_screen(ConcernDetailScreen(self.dossier_key, concern.key))

    def action_assess(self) -> None:
        from eu_posities.tui.dialogs.assess import open_assessment

        concern, stage = self._selected()
        if concern:
            open_assessment(self, self.dossier_key, concern.key, stage)
