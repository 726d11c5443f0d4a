"""Command palette entries for the screens and dialogs of the app."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from eu_posities.tui.app import EuPositiesApp


class ScreenCommands(Provider):
    """Open a screen or dialog by name: search, concerns, import, export, help."""

    def _commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        app: EuPositiesApp = self.app  # type: ignore[assignment]
        dossier = getattr(self.screen, "dossier_key", None)
        commands: list[tuple[str, Callable[[], Any], str]] = [
            ("Search all stages", app.action_search, "Full-text search over every stage"),
            ("Import a document", partial(app.action_import_document, dossier), "Add a stage"),
            ("Help: keys", app.action_help, "All keys of the app"),
        ]
        if dossier:
            commands += [
                ("Concern matrix", partial(app.open_concerns, dossier), f"Concerns of {dossier}"),
                ("Export memo, table or report", partial(app.open_export, dossier), dossier),
                (
                    "Open dossier",
                    partial(app.open_dossier, dossier),
                    f"Compare stages of {dossier}",
                ),
            ]
        return commands

    async def discover(self) -> Hits:
        for name, run, help_text in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
