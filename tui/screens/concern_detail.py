"""One concern: the Dutch position, linked provisions, evidence and the assessment history."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from eu_posities.readmodels import ConcernRecord, StageSummary
from eu_posities.services import reading
from eu_posities.tui import workspace
from eu_posities.tui.widgets.render import stage_tags, status_cell


class ConcernDetailScreen(Screen[None]):
    """Read a concern; `a` assesses it, enter on nothing, escape goes back."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "assess", "Assess"),
        Binding("r", "reload", "Reload", show=False),
    ]

    class Loaded(Message):
        def __init__(
            self,
            detail: ConcernRecord | None,
            stages: Mapping[str, StageSummary] | None = None,
            error: str = "",
        ) -> None:
            super().__init__()
            self.detail, self.stages, self.error = detail, stages or {}, error

    def __init__(self, dossier: str, concern: str) -> None:
        super().__init__()
        self.dossier_key = dossier
        self.concern_key = concern
        self.detail: ConcernRecord | None = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with VerticalScroll(id="concern-scroll"):
            yield Static(id="concern-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"{self.concern_key} · {self.dossier_key}"
        self.reload()

    def reload(self) -> None:
        self.load()

    def data_changed(self) -> None:
        self.reload()

    def action_reload(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        try:
            engine = workspace.engine(self)
            detail = reading.concern(engine, self.dossier_key, self.concern_key)
            stages = {s.key: s for s in reading.stages(engine, self.dossier_key)}
            self.post_message(self.Loaded(detail, stages))
        except Exception as exc:  # noqa: BLE001  (shown to the user)
            self.post_message(self.Loaded(None, error=workspace.error_text(exc)))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        body = self.query_one("#concern-detail", Static)
        if message.detail is None:
            body.update(Text(message.error, style="bold red"))
            return
        self.detail = message.detail
        body.update(render_detail(message.detail, message.stages))
        self.query_one("#concern-scroll").focus()

    def action_assess(self) -> None:
        from eu_posities.tui.dialogs.assess import open_assessment

        open_assessment(self, self.dossier_key, self.concern_key, None)


def stage_cell(key: str, info: Mapping[str, StageSummary], style: str = "") -> Text:
    """A stage key with its FICTIONAL / LIMITE tags, so nobody quotes a practice text."""
    cell = Text(key, style=style)
    stage = info.get(key)
    tags = stage_tags(stage, short=True) if stage is not None else Text()
    if tags:
        cell.append(" ")
        cell.append_text(tags)
    return cell


def render_detail(detail: ConcernRecord, info: Mapping[str, StageSummary]) -> Group:
    parts: list[Any] = [
        Text(detail.title_nl, style="bold"),
        Text(detail.title_en, style="italic"),
        Text(""),
        Text("Dutch position", style="bold underline"),
        Text(detail.position_nl or "—"),
    ]
    if detail.position_source:
        parts.append(Text(f"Source: {detail.position_source}", style="dim"))
    parts += [Text(""), Text("Status per stage", style="bold underline")]
    status = Table.grid(padding=(0, 1))
    for stage, value in detail.status_by_stage.items():
        status.add_row(stage_cell(stage, info), status_cell(value, detail.resolved_in == stage))
    parts.append(status if detail.status_by_stage else Text("not assessed yet", style="dim"))
    resolved = Text("Resolved in: ")
    resolved.append_text(stage_cell(detail.resolved_in, info) if detail.resolved_in else Text("—"))
    parts.append(resolved)
    parts += [Text(""), Text("Linked provisions", style="bold underline")]
    for link in detail.links:
        line = stage_cell(link.stage, info, style="bold")
        line.append(f": {link.provision}", style="bold")
        line.append(f"  ({link.state})", style="dim")
        if link.reason:
            line.append(f"  {link.reason}", style="dim")
        parts.append(line)
    if not detail.links:
        parts.append(Text("none", style="dim"))
    parts += [Text(""), Text("History and evidence", style="bold underline")]
    history = Table(expand=True, show_edge=False, pad_edge=False)
    for name in ("stage", "status", "evidence (source, where) / note", "by", "on"):
        history.add_column(name, overflow="fold")
    for item in detail.history:
        evidence = Text(item.evidence)
        # Where the quote is from, as `concerns assess --source/--location` recorded it.
        where = ", ".join(x for x in (item.evidence_document, item.evidence_location) if x)
        if where:
            evidence.append(("\n" if item.evidence else "") + f"({where})", style="dim")
        if item.note:
            evidence.append(("\n" if evidence.plain else "") + item.note, style="italic")
        history.add_row(
            stage_cell(item.stage, info),
            status_cell(item.status),
            evidence,
            item.author,
            item.at.date().isoformat() if item.at else "",
        )
    parts.append(history if detail.history else Text("no assessments yet", style="dim"))
    return Group(*parts)
