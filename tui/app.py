"""The Textual application: entry point `run(engine)`, global keys and the command palette."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from eu_posities.config import current_user
from eu_posities.tui.commands import ScreenCommands
from eu_posities.tui.freshness import POLL_SECONDS, ChangeWatch

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


class EuPositiesApp(App[None]):
    """Dossiers, their stages side by side, and the Dutch concerns, for negotiators."""

    TITLE = "eu-posities"
    SUB_TITLE = "EU files, stage by stage"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {ScreenCommands}
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("i", "import_document", "Import"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self, engine: Engine, *, author: str = "", poll_seconds: float = POLL_SECONDS
    ) -> None:
        super().__init__()
        # Screens call the use cases in `eu_posities.services` with this engine, from worker
        # threads: every call opens its own transaction.
        self.engine = engine
        self.author = author
        self.change_watch = ChangeWatch(self, engine)  # type: ignore[arg-type]
        self.poll_seconds = poll_seconds

    @property
    def user(self) -> str:
        """Who is working: recorded as the author of every change made in the UI."""
        return self.author or current_user()

    def on_mount(self) -> None:
        from eu_posities.tui.screens.dossiers import DossiersScreen

        self.push_screen(DossiersScreen())
        self.change_watch.start(self.poll_seconds)

    def data_changed(self) -> None:
        """Something was stored: the open screens show it (see `freshness`)."""
        self.change_watch.check()

    # --- global actions: every screen can reach these ------------------------------------

    def action_help(self) -> None:
        from eu_posities.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_search(self, dossier: str | None = None) -> None:
        from eu_posities.tui.screens.search import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen(dossier))

    def action_import_document(self, dossier: str | None = None) -> None:
        from eu_posities.tui.dialogs.importing import ImportDialog

        # Import into the dossier the user is looking at, unless told otherwise.
        dossier = dossier or getattr(self.screen, "dossier_key", None)

        def imported(summary: str | None) -> None:
            if summary:
                self.notify(summary, title="Imported")
                refresh = getattr(self.screen, "reload", None)
                if refresh is not None and not hasattr(self.screen, "data_changed"):
                    refresh()  # a screen that is not told of changes by itself
                self.data_changed()

        self.push_screen(ImportDialog(dossier), imported)

    def open_dossier(
        self,
        dossier: str,
        *,
        stages: list[str] | None = None,
        provision: str | None = None,
        highlight: str | None = None,
    ) -> None:
        """The dossier screen, at `provision`, with the words of a search `highlight`ed."""
        from eu_posities.tui.screens.dossier import DossierScreen

        self.push_screen(
            DossierScreen(dossier, stages=stages, provision=provision, highlight=highlight)
        )

    def open_concerns(self, dossier: str) -> None:
        from eu_posities.tui.screens.concerns import ConcernMatrixScreen

        self.push_screen(ConcernMatrixScreen(dossier))

    def open_export(self, dossier: str, stages: list[str] | None = None) -> None:
        from eu_posities.tui.dialogs.exporting import ExportDialog

        def exported(path: str | None) -> None:
            if path:
                self.notify(f"written to {path}", title="Exported")

        self.push_screen(ExportDialog(dossier, stages or []), exported)


def run(engine: Engine) -> None:
    EuPositiesApp(engine).run()
