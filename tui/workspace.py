"""What every screen needs from the app: the database engine and the user, typed."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from textual.dom import DOMNode


def engine(node: DOMNode) -> Engine:
    """The engine the use cases (`eu_posities.services`) run on."""
    found: Engine = node.app.engine  # type: ignore[attr-defined]
    return found


def user(node: DOMNode) -> str:
    """Who is working: the author recorded on changes made in the UI."""
    found: str = node.app.user  # type: ignore[attr-defined]
    return found


def error_text(error: BaseException) -> str:
    """An error as the user reads it: the whole message, which says what to do."""
    return " ".join(str(error).split()) or type(error).__name__
