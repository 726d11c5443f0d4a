"""Errors a user can act on: the CLI prints them as one line, the TUI as a notification."""

from __future__ import annotations


class EupError(Exception):
    """A problem with the user's input or data, reported without a traceback."""

    exit_code = 1


class NotFound(EupError):
    """An unknown dossier, stage, concern or provision."""


class InputError(EupError):
    """A file or value that cannot be used: unreadable, hostile, unrecognised, invalid."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class Conflict(EupError):
    """Someone else changed the same thing since the user last saw it, or it already exists."""


class SchemaTooNew(EupError):
    """The database was written by a newer eu-posities than this one."""
