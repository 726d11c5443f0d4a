"""Open screens show what is stored now, not what was stored when they opened.

After a change made in this app (an import, an assessment) the app asks at once; every few
seconds it asks too, for changes made elsewhere (a colleague, `eup` in another terminal:
an import, an assessment, a stage's text removed). The question is cheap: how far the change
log has got. When it moved on, every screen on the stack that has a `data_changed()` method
is told, the ones underneath too, so going back shows the new state without `r`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eu_posities.services import reading

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from textual.app import App

# Often enough that a colleague's change shows before anyone reaches for `r`.
POLL_SECONDS = 3.0


class ChangeWatch:
    """Asks the change log how far it has got; tells the screens when it moved on."""

    def __init__(self, app: App[object], engine: Engine) -> None:
        self.app = app
        self.engine = engine
        self.seen: tuple[int, int] | None = None

    def start(self, every: float = POLL_SECONDS) -> None:
        self.check()  # the starting point
        if every > 0:
            self.app.set_interval(every, self.check, name="change-watch")

    def check(self) -> None:
        """Ask now (in a thread: the question never blocks typing)."""
        self.app.run_worker(
            self._ask, thread=True, group="change-watch", exclusive=True, exit_on_error=False
        )

    def _ask(self) -> None:
        try:
            now = reading.last_change(self.engine)
        except Exception:  # noqa: BLE001  (a database gone for a moment: ask again later)
            return
        self.app.call_from_thread(self._compare, now)

    def _compare(self, now: tuple[int, int]) -> None:
        before, self.seen = self.seen, now
        if before is not None and now != before:
            tell_screens(self.app)


def tell_screens(app: App[object]) -> None:
    """Every screen on the stack that wants to know gets `data_changed()`."""
    for screen in list(app.screen_stack):
        changed = getattr(screen, "data_changed", None)
        if callable(changed):
            changed()
