"""One dossier: the provision tree beside a comparison of its stages (columns or redline)."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, Tree

from eu_posities.readmodels import GridRow, ProvisionView, StageSummary
from eu_posities.services import comparing, notes, reading
from eu_posities.services.comparing import StageComparison, Tracer
from eu_posities.services.paragraphs import ParagraphRow, ViewContext, paragraph_rows, view_context
from eu_posities.tui import workspace
from eu_posities.tui.widgets.comparison import MAX_COLUMNS, ComparisonPane
from eu_posities.tui.widgets.provision_tree import ProvisionTree, mark_legend, spelled_marks
from eu_posities.tui.widgets.render import stage_title

SEARCH_MARK_STYLE = "bold reverse"


@dataclass
class Comparison:
    """What the worker loaded for the chosen stages."""

    stages: tuple[StageSummary, ...]  # every stage of the dossier, in order
    chosen: list[str]
    rows: tuple[GridRow, ...]
    texts: dict[str, dict[str, ProvisionView]]  # stage -> label -> provision
    # row key -> the concerns linked to the row's provision in any stage shown
    badges: dict[str, list[str]]
    problem: str = ""
    # (old, new) -> the comparison, or why it could not be made
    diffs: dict[tuple[str, str], StageComparison | str] = field(default_factory=dict)
    context: ViewContext = field(default_factory=ViewContext)
    # the chosen stages aligned once for the redline of three or more (or why not)
    tracer: Tracer | str | None = None
    paragraphs: dict[int, tuple[ParagraphRow, ...]] = field(default_factory=dict)
    notes: dict[tuple[str, str], int] = field(default_factory=dict)  # (stage, label) -> count


class DossierScreen(Screen[None]):
    """Provisions with change markers and concern badges; the comparison beside them."""

    # The (compact) footer fits 80 columns with the keys a reader needs first; the others
    # work all the same and the help (?) lists them all.
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("n", "next_change", "Next"),
        Binding("p", "previous_change", "Prev"),
        Binding("g", "goto", "Go to"),
        Binding("m", "toggle_mode", "Mode"),
        Binding("M", "toggle_marked", "As marked", show=False),
        Binding("s", "pick_stages", "Stages"),
        Binding("e", "export", "Export"),
        Binding("slash", "app.search", "Search", key_display="/"),
        Binding("i", "app.import_document", "Import"),
        Binding("t", "notes", "Notes", show=False),
        Binding("l", "link_concern", "Link concern", show=False),
        Binding("a", "align", "Fix alignment", show=False),
        Binding("o", "open_concern", "Concern", show=False),
        Binding("c", "concerns", "Matrix", show=False),
        Binding("enter", "focus_comparison", "Read", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    mode: reactive[str] = reactive("columns")
    # The redline as the documents marked it (Council bold/strikethrough, EP bold italic).
    as_marked: reactive[bool] = reactive(False)

    class Loaded(Message):
        def __init__(self, comparison: Comparison) -> None:
            super().__init__()
            self.comparison = comparison

    class ContextLoaded(Message):
        def __init__(self, chosen: list[str], context: ViewContext) -> None:
            super().__init__()
            self.chosen, self.context = chosen, context

    class TracerLoaded(Message):
        def __init__(self, chosen: list[str], tracer: Tracer | str) -> None:
            super().__init__()
            self.chosen, self.tracer = chosen, tracer

    class MarksLoaded(Message):
        def __init__(self, badges: dict[str, list[str]], notes: dict[tuple[str, str], int]) -> None:
            super().__init__()
            self.badges, self.notes = badges, notes

    class DiffLoaded(Message):
        def __init__(self, key: tuple[str, str], diff: StageComparison | None, error: str) -> None:
            super().__init__()
            self.key, self.diff, self.error = key, diff, error

    def __init__(
        self,
        dossier: str,
        *,
        stages: list[str] | None = None,
        provision: str | None = None,
        highlight: str | None = None,
    ) -> None:
        super().__init__()
        self.dossier_key = dossier
        self.wanted_stages = stages
        self.wanted_provision: str | list[str] | None = provision
        self.highlight = highlight  # a search whose words are marked in the texts
        self.data: Comparison | None = None
        self.current = -1

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(id="stage-strip")
        with Horizontal(id="dossier-body"):
            yield ProvisionTree(id="provision-tree")
            yield ComparisonPane(id="comparison")
        yield Static(id="change-status")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self.title = self.dossier_key
        self.query_one("#provision-tree").border_title = "Provisions"
        self.query_one("#comparison").border_title = "Columns"
        self.query_one("#provision-tree").loading = True
        if self.highlight:
            self.query_one(ComparisonPane).mark = self._mark_search
        self.load(self.wanted_stages)

    def reload(self) -> None:
        """Load again, staying on the provision being read."""
        self.wanted_provision = self.current_labels() or self.wanted_provision
        self.load(self.data.chosen if self.data else self.wanted_stages)

    # --- loading ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="comparison")
    def load(self, wanted: list[str] | None) -> None:
        engine = workspace.engine(self)
        stages = reading.stages(engine, self.dossier_key)
        with_text = [s.key for s in stages if s.imported]
        chosen = [k for k in (wanted or default_stages(stages)) if k in with_text]
        texts: dict[str, dict[str, ProvisionView]] = {}
        for key in chosen:
            texts[key] = {p.label: p for p in reading.provisions(engine, self.dossier_key, key)}
        problem, rows = "", ()
        if chosen:
            try:
                rows = comparing.grid(engine, self.dossier_key, chosen).rows
            except Exception as exc:  # noqa: BLE001  (shown; the first stage stays usable)
                problem, chosen = f"cannot align the stages: {exc}", chosen[:1]
                rows = comparing.grid(engine, self.dossier_key, chosen).rows
        else:
            problem = "No stage of this dossier has text yet: press i to import one."
        links = reading.badges(engine, self.dossier_key, chosen) if chosen else {}
        badges = row_badges(rows, chosen, links)
        counts = notes.note_counts(engine, self.dossier_key, chosen) if chosen else {}
        found = Comparison(stages, chosen, rows, texts, badges, problem, notes=counts)
        self.post_message(self.Loaded(found))

    @work(thread=True, exclusive=True, group="context")
    def load_context(self, data: Comparison) -> None:
        """The four-column rows and EP amendments beside the texts: after the first paint."""
        by_key = {s.key: s for s in data.stages}
        stages = [by_key[k] for k in data.chosen]
        try:
            context = view_context(workspace.engine(self), self.dossier_key, stages, data.texts)
        except Exception as exc:  # noqa: BLE001  (the texts stay usable without it)
            self.app.call_from_thread(
                self.notify, f"No row numbers or amendments: {workspace.error_text(exc)}"
            )
            return
        self.post_message(self.ContextLoaded(data.chosen, context))

    @on(ContextLoaded)
    def context_loaded(self, message: ContextLoaded) -> None:
        if self.data is None or self.data.chosen != message.chosen:
            return
        self.data.context = message.context
        self.data.paragraphs.clear()
        if self.current >= 0:
            self.show_row(self.current)

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        self.data = data = message.comparison
        tree = self.query_one(ProvisionTree)
        tree.loading = False
        base = data.texts.get(data.chosen[0], {}) if data.chosen else {}
        paths = {label: p.path for label, p in base.items()}
        tree.show_rows(data.rows, paths, data.badges)
        # the tree is 30% of the screen, 24 to 44 cells (app.tcss); its corners take some
        tree.border_subtitle = mark_legend(
            len(data.chosen), min(44, max(24, self.size.width * 3 // 10)) - 6
        )
        # The texts and rows live as long as the screen: keep the cyclic garbage collector from
        # walking them again on every collection (full collections made moves stutter).
        gc.freeze()
        self._show_strip()
        if data.problem:
            self.notify(data.problem, severity="warning", timeout=8)
        target = 0
        if self.wanted_provision:
            target = self._row_of(self.wanted_provision)
            self.wanted_provision = None
        self.current = -1
        if data.rows:
            self.show_row(target)
            tree.select_row(target)
        tree.focus()
        if data.chosen:
            self.load_context(data)

    def _row_of(self, wanted: str | list[str]) -> int:
        """The row holding one of the labels (tried in order), in the first stage if it can."""
        assert self.data is not None
        width = len(self.data.chosen)
        for label in [wanted] if isinstance(wanted, str) else wanted:
            for column in range(width):
                for index, row in enumerate(self.data.rows):
                    if any(label.lower() == c.lower() for c in row.cells[column]):
                        return index
        return 0

    def _show_strip(self) -> None:
        """One line of stage titles (shorter when narrow); mode and counts in the pane title."""
        assert self.data is not None
        by_key = {s.key: s for s in self.data.stages}
        stages = [by_key[key] for key in self.data.chosen]
        room = max(1, self.size.width - 2)
        strip = Text()
        for date, short in ((True, False), (False, False), (False, True)):
            strip = strip_line(stages, date=date, short=short)
            if strip.cell_len <= room:
                break
        strip.truncate(room, overflow="ellipsis")
        self.query_one("#stage-strip", Static).update(strip)
        self.query_one(ComparisonPane).border_title = self.comparison_title()

    def comparison_title(self) -> str:
        """'Columns · 5 changed · 78 renumbered': the mode and what changed."""
        assert self.data is not None
        title = self.mode.capitalize()
        if self.as_marked and self.mode == "redline":
            title += " as marked"
        if len(self.data.chosen) > 1:
            changed = sum(1 for r in self.data.rows if r.changed)
            renumbered = sum(1 for r in self.data.rows if r.renumbered)
            title += f" · {changed} changed"
            if renumbered:
                title += f" · {renumbered} renumbered"
        return title

    def on_resize(self) -> None:
        if self.data is not None:
            self._show_strip()

    # --- showing a row ------------------------------------------------------------------

    @on(Tree.NodeHighlighted, "#provision-tree")
    def highlighted(self, event: Tree.NodeHighlighted[int]) -> None:
        if event.node.data is not None:
            self.show_row(event.node.data)

    def show_row(self, index: int) -> None:
        if self.data is None or not self.data.rows:
            return
        self.current = index
        row = self.data.rows[index]
        if self.mode == "redline" and (len(self.data.chosen) > 1 or self.as_marked):
            self._show_redline(row)
        else:
            self._show_columns(row)
        where = next((c[0] for c in row.cells if c), row.key)
        status = Text(f"{where} · ", no_wrap=True, overflow="ellipsis")
        if len(self.data.chosen) > 2 and row.changed:
            status.append_text(spelled_marks(self.data.chosen, row.status))
            status.append(" · ")
        concerns = self.data.badges.get(row.key, [])
        if concerns:
            status.append("◆ " + ", ".join(concerns), style="bold magenta")
            status.append(" (o opens) · ")
        noted = sum(self.data.notes.get(p, 0) for p in self.row_provisions(row))
        if noted:
            status.append(f"✎ {noted} note{'s' if noted > 1 else ''} (t) · ", style="bold")
        status.append(f"row {index + 1} of {len(self.data.rows)}")
        if self.highlight:
            status.append(f" · marked: {self.highlight}", style="bold")
        self.query_one("#change-status", Static).update(status)

    def _show_columns(self, row: GridRow) -> None:
        assert self.data is not None
        data = self.data
        by_key = {s.key: s for s in data.stages}
        stages = [by_key[k] for k in data.chosen]
        cells = [
            [data.texts[k][label] for label in row.cells[i] if label in data.texts[k]]
            for i, k in enumerate(data.chosen)
        ]
        paragraphs = data.paragraphs.get(self.current)
        if paragraphs is None:
            paragraphs = paragraph_rows(
                data.chosen, cells, data.context.documents, data.context.amendments
            )
            data.paragraphs[self.current] = paragraphs
        amendments = []
        for key, cell in zip(data.chosen, cells, strict=True):
            by_label = data.context.amendments.get(key, {})
            entries = [e for p in cell for e in by_label.get(p.label, ())]
            if entries:
                amendments.append((key, entries))
        pane = self.query_one(ComparisonPane)
        pane.show_columns(stages, cells, list(row.status), paragraphs, amendments)

    def _mark_search(self, body: Text, stage: StageSummary) -> None:
        """Mark the words the search that opened this screen matches, as the search does."""
        assert self.highlight
        found = reading.search_spans(
            self.highlight, body.plain, language=stage.language, kind=stage.kind
        )
        for start, end in found:
            body.stylize(SEARCH_MARK_STYLE, start, end)

    def _show_redline(self, row: GridRow) -> None:
        assert self.data is not None
        old_key, new_key = self.data.chosen[0], self.data.chosen[1]
        by_key = {s.key: s for s in self.data.stages}
        pane = self.query_one(ComparisonPane)
        if self.as_marked:
            self._show_marked(row)
            return
        if len(self.data.chosen) > 2:
            self._show_lineage(row)
            return
        diff = self.data.diffs.get((old_key, new_key))
        if diff is None:
            pane.show_redline(by_key[old_key], by_key[new_key], None, "Computing the redline…")
            self.load_diff(old_key, new_key)
            return
        if isinstance(diff, str):
            pane.show_redline(by_key[old_key], by_key[new_key], None, diff)
            return
        old_label = row.cells[0][0] if row.cells[0] else None
        new_labels = row.cells[1]
        pair = next(
            (
                p
                for p in diff.diff.pairs
                if (old_label and p.from_label == old_label)
                or (not old_label and p.to_label in new_labels)
            ),
            None,
        )
        pane.show_redline(by_key[old_key], by_key[new_key], pair)

    def _show_lineage(self, row: GridRow) -> None:
        """Three or more stages: first → last, each change tagged with its stage."""
        assert self.data is not None
        by_key = {s.key: s for s in self.data.stages}
        stages = [by_key[k] for k in self.data.chosen]
        pane = self.query_one(ComparisonPane)
        tracer = self.data.tracer
        if tracer is None:
            pane.show_lineage(stages, None, "Following the changes through the stages…")
            self.load_tracer(list(self.data.chosen))
            return
        if isinstance(tracer, str):
            pane.show_lineage(stages, None, tracer)
            return
        try:
            lineage = tracer.trace(row.cells)
        except Exception as exc:  # noqa: BLE001  (shown in the pane)
            pane.show_lineage(stages, None, workspace.error_text(exc))
            return
        pane.show_lineage(stages, lineage, "" if lineage else "Only the last stage has it.")

    @work(thread=True, exclusive=True, group="tracer")
    def load_tracer(self, chosen: list[str]) -> None:
        try:
            found: Tracer | str = comparing.tracer(workspace.engine(self), self.dossier_key, chosen)
        except Exception as exc:  # noqa: BLE001  (shown in the pane)
            found = workspace.error_text(exc)
        self.post_message(self.TracerLoaded(chosen, found))

    @on(TracerLoaded)
    def tracer_loaded(self, message: TracerLoaded) -> None:
        if self.data is None or self.data.chosen != message.chosen:
            return
        self.data.tracer = message.tracer
        if self.current >= 0:
            self.show_row(self.current)

    def _show_marked(self, row: GridRow) -> None:
        """Each later stage's text as its document marked its changes, where it did."""
        assert self.data is not None
        by_key = {s.key: s for s in self.data.stages}
        stages = [by_key[k] for k in self.data.chosen]
        engine = workspace.engine(self)
        marks = []
        for key, labels in zip(self.data.chosen, row.cells, strict=True):
            found = comparing.marks(engine, self.dossier_key, key, labels) if labels else None
            if found is not None or key != self.data.chosen[0]:
                marks.append((key, found))
        note = "" if any(m for _, m in marks) else "No chosen stage marked its changes here."
        self.query_one(ComparisonPane).show_marked(stages, marks, note)

    @work(thread=True, exclusive=True, group="diff")
    def load_diff(self, old: str, new: str) -> None:
        try:
            diff = comparing.diff(workspace.engine(self), self.dossier_key, old, new)
            self.post_message(self.DiffLoaded((old, new), diff, ""))
        except Exception as exc:  # noqa: BLE001  (shown in the pane)
            self.post_message(self.DiffLoaded((old, new), None, workspace.error_text(exc)))

    @on(DiffLoaded)
    def diff_loaded(self, message: DiffLoaded) -> None:
        if self.data is None:
            return
        self.data.diffs[message.key] = message.diff or message.error
        if self.current >= 0:
            self.show_row(self.current)

    # --- actions ------------------------------------------------------------------------

    def watch_mode(self) -> None:
        if self.data is not None:
            self._show_strip()
            if self.current >= 0:
                self.show_row(self.current)

    def watch_as_marked(self) -> None:
        self.watch_mode()

    def action_toggle_marked(self) -> None:
        """The redline as the documents marked it, or as computed; switches to the redline."""
        self.as_marked = not self.as_marked
        if self.as_marked and self.mode != "redline":
            self.mode = "redline"
        word = "as the documents marked it" if self.as_marked else "as computed"
        self.notify(f"Redline {word}.", timeout=2)

    def action_toggle_mode(self) -> None:
        if self.data and len(self.data.chosen) < 2:
            self.notify("Choose a second stage (s) for a redline.", severity="warning")
            return
        self.mode = "redline" if self.mode == "columns" else "columns"

    def _jump(self, step: int) -> None:
        if self.data is None or not self.data.rows:
            return
        index = self.current + step
        while 0 <= index < len(self.data.rows):
            if self.data.rows[index].changed:
                self.select(index)
                return
            index += step
        self.notify("No further change in that direction.", timeout=2)

    def action_next_change(self) -> None:
        self._jump(1)

    def action_previous_change(self) -> None:
        self._jump(-1)

    def action_focus_comparison(self) -> None:
        self.query_one(ComparisonPane).focus()

    def action_pick_stages(self) -> None:
        from eu_posities.tui.dialogs.stage_picker import StagePicker

        if self.data is None:
            return

        def picked(chosen: list[str] | None) -> None:
            if chosen:
                self.query_one(ProvisionTree).loading = True
                # Stay on the provision being read (under any of its labels).
                self.wanted_provision = self.current_labels() or None
                self.load(chosen)

        self.app.push_screen(StagePicker(self.data.stages, self.data.chosen), picked)

    def action_open_concern(self) -> None:
        from eu_posities.tui.screens.concern_detail import ConcernDetailScreen

        if self.data is None or self.current < 0:
            return
        row = self.data.rows[self.current]
        keys = self.data.badges.get(row.key, [])
        if not keys:
            self.notify("No concern is linked to this provision (l links one).", timeout=3)
            return
        if len(keys) == 1:
            self.app.push_screen(ConcernDetailScreen(self.dossier_key, keys[0]))
            return
        from eu_posities.tui.dialogs.concern_link import ConcernChooser

        def chosen(key: str | None) -> None:
            if key:
                self.app.push_screen(ConcernDetailScreen(self.dossier_key, key))

        self.app.push_screen(ConcernChooser(row.cells[0][0], keys), chosen)

    def action_concerns(self) -> None:
        self.app.open_concerns(self.dossier_key)  # type: ignore[attr-defined]

    def action_export(self) -> None:
        """The export dialog, proposing the table of this view: its stages, this provision."""
        from eu_posities.tui.dialogs.exporting import ExportDialog

        chosen = self.data.chosen if self.data else []
        labels = self.current_labels()

        def exported(path: str | None) -> None:
            if path:
                self.notify(f"Written to {path}", title="Exported", markup=False)

        dialog = ExportDialog(self.dossier_key, chosen, provisions=labels[0] if labels else "")
        self.app.push_screen(dialog, exported)

    # --- the provision being read: jump, notes, concerns, alignment ----------------------

    def current_labels(self) -> list[str]:
        """The labels of the current row, the first stage's first."""
        if self.data is None or not 0 <= self.current < len(self.data.rows):
            return []
        cells = self.data.rows[self.current].cells
        return list(dict.fromkeys(label for cell in cells for label in cell))

    def row_provisions(self, row: GridRow) -> list[tuple[str, str]]:
        """(stage, label) of the row in each stage shown, in column order."""
        assert self.data is not None
        return provisions_of(row, self.data.chosen)

    def select(self, index: int) -> None:
        """Put the cursor on a row, opening the groups it is folded into."""
        tree = self.query_one(ProvisionTree)
        if not 0 <= index < len(tree.row_nodes):
            return
        parent = tree.row_nodes[index].parent
        while parent is not None:
            if not parent.is_expanded:
                parent.expand()
            parent = parent.parent
        self.show_row(index)
        tree.select_row(index)

    def action_goto(self) -> None:
        from eu_posities.tui.dialogs.goto import GotoDialog

        if self.data is None or not self.data.rows:
            self._still_loading()
            return
        labels = [label for row in self.data.rows for cell in row.cells for label in cell]

        def found(label: str | None) -> None:
            if label:
                self.select(self._row_of(label))

        self.app.push_screen(GotoDialog(list(dict.fromkeys(labels))), found)

    def _still_loading(self) -> None:
        if self.data is None:
            self.notify("Still aligning the stages: a moment.", timeout=2)

    def _provisions_or_say(self) -> list[tuple[str, str]]:
        if self.data is None or not 0 <= self.current < len(self.data.rows):
            self._still_loading()
            return []
        found = self.row_provisions(self.data.rows[self.current])
        if not found:
            self.notify("This row has no provision in the stages shown.", timeout=3)
        return found

    def _reload_if(self, changed: bool | None) -> None:
        if changed:
            self.reload()

    def _refresh_marks_if(self, changed: bool | None) -> None:
        if changed:
            self.refresh_marks()

    def data_changed(self) -> None:
        """Something was stored, here or by a colleague (see `freshness`)."""
        self.refresh_marks()

    @work(thread=True, exclusive=True, group="marks")
    def refresh_marks(self) -> None:
        """Badges and note counts again, without aligning the stages again (that takes long);
        everything again when the dossier's stages changed (an import, a stage removed)."""
        if self.data is None or not self.data.chosen:
            return
        engine, chosen = workspace.engine(self), self.data.chosen
        if reading.stages(engine, self.dossier_key) != tuple(self.data.stages):
            self.app.call_from_thread(self.reload)
            return
        links = reading.badges(engine, self.dossier_key, chosen)
        badges = row_badges(self.data.rows, chosen, links)
        self.post_message(
            self.MarksLoaded(badges, notes.note_counts(engine, self.dossier_key, chosen))
        )

    @on(MarksLoaded)
    def marks_loaded(self, message: MarksLoaded) -> None:
        if self.data is None:
            return
        self.data.notes = message.notes
        if message.badges != self.data.badges:
            self.data.badges = message.badges
            base = self.data.texts.get(self.data.chosen[0], {})
            paths = {label: p.path for label, p in base.items()}
            self.query_one(ProvisionTree).show_rows(self.data.rows, paths, message.badges)
        if self.current >= 0:
            self.select(self.current)

    def action_notes(self) -> None:
        from eu_posities.tui.dialogs.notes import NotesDialog

        provisions = self._provisions_or_say()
        if provisions:
            dialog = NotesDialog(self.dossier_key, provisions)
            self.app.push_screen(dialog, self._refresh_marks_if)

    def action_link_concern(self) -> None:
        from eu_posities.tui.dialogs.concern_link import ConcernLinkDialog

        provisions = self._provisions_or_say()
        if provisions:
            dialog = ConcernLinkDialog(self.dossier_key, provisions)
            self.app.push_screen(dialog, self._refresh_marks_if)

    def action_align(self) -> None:
        from eu_posities.tui.dialogs.override import OverrideDialog

        if self.data is None or not 0 <= self.current < len(self.data.rows):
            self._still_loading()
            return
        if len(self.data.chosen) < 2:
            self.notify("Choose a second stage (s) to fix how the two align.", timeout=3)
            return
        cells = self.data.rows[self.current].cells
        current = {
            stage: (cell[0] if cell else None)
            for stage, cell in zip(self.data.chosen, cells, strict=False)
        }
        labels = {stage: list(texts) for stage, texts in self.data.texts.items()}
        dialog = OverrideDialog(self.dossier_key, self.data.chosen, current, labels)
        self.app.push_screen(dialog, self._reload_if)


def default_stages(stages: Sequence[StageSummary]) -> list[str]:
    """The stages shown first: those with text, in negotiation order, leaving out extracts (a
    four-column document on a few articles holds a fraction of the act: beside whole texts
    every other provision would look deleted). `s` chooses them all the same."""
    with_text = [s for s in stages if s.imported]
    if not with_text:
        return []
    whole = with_text[0].provisions
    return [s.key for s in with_text if s.provisions * 2 >= whole][:MAX_COLUMNS]


def strip_line(stages: list[StageSummary], *, date: bool, short: bool) -> Text:
    """The chosen stages side by side, separated by a bar."""
    strip = Text(no_wrap=True, overflow="ellipsis")
    for i, stage in enumerate(stages):
        if i:
            strip.append("  │  " if date else " │ ", style="dim")
        strip.append_text(stage_title(stage, date=date, short=short))
    return strip


def row_badges(
    rows: Sequence[GridRow], chosen: Sequence[str], links: dict[tuple[str, str], list[str]]
) -> dict[str, list[str]]:
    """Row key -> the concerns linked to its provision in any stage shown, first stage first:
    a concern linked on the Council's text shows beside the proposal's article too."""
    found: dict[str, list[str]] = {}
    for row in rows:
        keys: list[str] = []
        for provision in provisions_of(row, chosen):
            keys += [k for k in links.get(provision, ()) if k not in keys]
        if keys:
            found[row.key] = keys
    return found


def provisions_of(row: GridRow, chosen: Sequence[str]) -> list[tuple[str, str]]:
    """(stage, label) of the row in each of the stages shown, in column order."""
    return [
        (stage, label) for stage, cell in zip(chosen, row.cells, strict=False) for label in cell
    ]
