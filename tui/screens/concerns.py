"""The concern matrix: concerns × stages of one dossier, coloured by status, with `resolved_in`."""

from __future__ import annotations

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
from eu_posities.tui.widgets.render import STATUS_STYLE, stage_tags, status_cell

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

# On a narrow terminal (80 columns) every stage column must still be there: shorter names.
NARROW = {
    "Council": "Cncl",
    "EP cttee": "EPc",
    "Trilogue": "Tri",
    "Agreement": "Agr",
    "Kamerbrief": "KB",
}

# Statuses in four letters or fewer; the preview below the matrix spells the cell out.
NARROW_STATUS = {"open": "open", "partly": "part", "resolved": "res", "dropped": "drop"}

# Concern keys are cut to this on a narrow terminal (the preview shows the whole key).
NARROW_CONCERN = 16


def short_name(stage: StageSummary, *, narrow: bool = False) -> Text:
    """A column heading: short stage name, then F / L when fictional or LIMITE."""
    if stage.key in SHORT:
        short = SHORT[stage.key]
        if narrow:
            short = NARROW.get(short, short)
    else:  # a second stage of a kind: tell them apart by date or the start of the key
        kind = SHORT.get(stage.kind, stage.kind[:10])
        if narrow:
            kind = NARROW.get(kind, kind)
            # "2024-12" as "12/24": the month matters, the century does not.
            where = f"{stage.date[5:7]}/{stage.date[2:4]}" if len(stage.date) >= 7 else ""
            where = where or stage.key.split("-")[0]
        else:
            where = stage.date[:7] or stage.key.split("-")[0]
        short = f"{kind} {where}"
    name = Text(short)
    if stage.fictional:
        name.append(" F", style="bold black on yellow")
    if stage.limite:
        name.append(" L", style="bold white on red")
    return name


def narrow_status(status: str | None, resolved_here: bool = False) -> Text:
    """A status cell in at most five cells: "res✓" where the concern was resolved."""
    if not status:
        return Text("·", style="dim", justify="center")
    word = NARROW_STATUS.get(status, status[:4]) + ("✓" if resolved_here else "")
    return Text(word, style=STATUS_STYLE.get(status, ""), justify="center")


class ConcernMatrixScreen(Screen[None]):
    """Move with the arrows; enter opens a concern, a assesses it in the column's stage."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("enter", "open", "Open", show=False),
        Binding("a", "assess", "Assess"),
        Binding("r", "reload", "Reload", show=False),
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
        # How much to shorten so that every stage column fits (see `_cells`).
        self.narrow = 0

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(id="matrix-legend")
        # The concern column stays put when the stages scroll sideways.
        yield DataTable(id="matrix", cursor_type="cell", zebra_stripes=True, fixed_columns=1)
        yield Static(id="matrix-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Concerns · {self.dossier_key}"
        self.query_one(DataTable).loading = True
        self.reload()

    def reload(self) -> None:
        self.load()

    def data_changed(self) -> None:
        """Someone assessed, imported or removed a stage's text: the matrix as it is now."""
        self.reload()

    def action_reload(self) -> None:
        self.reload()

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
        self.narrow = self._narrowness()
        self._fill()
        self._legend()
        self.query_one(DataTable).focus()

    def _narrowness(self) -> int:
        """0: whole words; 1: "Resolved in" by the short column name; 2: short everything."""
        return next((n for n in (0, 1) if self._fits(self._cells(n))), 2)

    def _cells(self, narrow: int) -> list[list[Text]]:
        """The heading row, then one row per concern."""
        if narrow >= 2:
            head = [Text("Concern"), *(short_name(s, narrow=True) for s in self.stages)]
            head.append(Text("Res. in"))
        else:
            head = [Text("Concern"), *(short_name(s) for s in self.stages), Text("Resolved in")]
        names = {s.key: short_name(s, narrow=narrow >= 2) for s in self.stages}
        rows = [head]
        for concern in self.concerns:
            name = Text(concern.key, style="bold")
            if narrow >= 2 and len(concern.key) > NARROW_CONCERN:
                name = Text(concern.key[: NARROW_CONCERN - 1] + "…", style="bold")
            cells = [name]
            for stage in self.stages:
                status = concern.status_by_stage.get(stage.key)
                here = concern.resolved_in == stage.key
                cells.append(
                    narrow_status(status, here) if narrow >= 2 else status_cell(status, here)
                )
            resolved = concern.resolved_in or "—"
            if narrow and resolved in names:
                cells.append(names[resolved].copy())
            else:
                cells.append(Text(resolved))
            rows.append(cells)
        return rows

    def _fits(self, rows: list[list[Text]]) -> bool:
        table = self.query_one(DataTable)
        widths = [max(row[i].cell_len for row in rows) for i in range(len(rows[0]))]
        needed = sum(widths) + 2 * table.cell_padding * len(widths)
        room = (table.size.width or self.size.width) - 2  # a vertical scrollbar may come
        return needed <= room

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        cursor = table.cursor_coordinate
        scroll_x = table.scroll_x
        rows = self._cells(self.narrow)
        table.clear(columns=True)
        keys = ["concern", *(s.key for s in self.stages), "resolved_in"]
        for heading, key in zip(rows[0], keys, strict=True):
            table.add_column(heading, key=key)
        for concern, cells in zip(self.concerns, rows[1:], strict=True):
            table.add_row(*cells, key=concern.key)
        table.loading = False
        if self.concerns:
            # Start on the first stage column: enter opens, `a` assesses in that stage.
            row = cursor.row if cursor.row < len(self.concerns) else 0
            column = min(max(cursor.column, 1), len(keys) - 1)
            table.cursor_coordinate = Coordinate(row, column)
            table.scroll_x = scroll_x  # a refresh does not jump back to the left

    def _legend(self) -> None:
        """Short column name = stage key; lines break between items, never inside one."""
        if not self.concerns:
            self.query_one("#matrix-legend", Static).update(
                Text("No concerns recorded for this dossier.", style="italic")
            )
            return
        items: list[Text] = []
        for stage in self.stages:
            item = short_name(stage, narrow=self.narrow >= 2)
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
        if not self.stages:
            return
        narrow = self._narrowness()
        if narrow != self.narrow:
            self.narrow = narrow
            self._fill()
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
