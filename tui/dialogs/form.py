"""What every form dialog does with an error: show all of it, and keep the user in the form.

An error message ends with what to do ("... reload and try again", "... use --stage"): cut to
one line it loses exactly that part, so it wraps. And a failed submit must leave the focus
where it was: disabling the submit button while the work runs moves the focus on (to Cancel),
and a second Enter would then close the dialog and throw away what was typed.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Button, Label


class FormError(Label):
    """The form's error, in full and wrapped over as many lines as it needs."""

    DEFAULT_CSS = """
    FormError {
        width: 100%;
        height: auto;
        color: $error;
        text-style: bold;
    }
    """

    def show(self, text: str, field: Widget | None = None) -> None:
        """Say what is wrong ("" hides it); `field`, the one to fix, gets the focus.

        The text is shown as it is, never read as markup: an error may quote "[deleted]" or
        "[Errno 2]" from a document or the system.
        """
        self.update(Text(text))
        self.display = bool(text)
        if field is not None:
            field.focus()

    def on_mount(self) -> None:
        self.display = bool(str(self.content))

    def clear(self) -> None:
        self.show("")


class Submitting:
    """The submit button is off while the work runs; afterwards the focus comes back.

    `begin()` notes where the focus is and disables the button; `done()` enables it and
    puts the focus back there (or on `field`, when the error is about one field). The
    button itself is a fine place to come back to: Enter then tries again, never cancels.
    """

    def __init__(self, button: Button) -> None:
        self.button = button
        self._focus: Widget | None = None

    @property
    def busy(self) -> bool:
        return self.button.disabled

    def begin(self) -> None:
        self._focus = self.button.screen.focused
        self.button.disabled = True

    def done(self, field: Widget | None = None) -> None:
        self.button.disabled = False
        target = field or self._focus or self.button
        if not target.is_attached or target.disabled:
            target = self.button
        target.focus()
