"""Transactions for the use cases: one read or one write, database errors as one line."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from eu_posities.errors import EupError

if TYPE_CHECKING:  # SQLAlchemy loads on first database use, keeping `eup --help` fast
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

T = TypeVar("T")


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    """A read transaction; nothing written in it is kept."""
    from eu_posities.db import session_scope

    with database_errors(), session_scope(engine) as session:
        yield session
        session.rollback()


def writing(engine: Engine, work: Callable[[Session], T]) -> T:
    """Run `work` in one write transaction (again after a concurrent writer won): all or nothing."""
    from eu_posities.db import run_write

    with database_errors():
        return run_write(engine, work)


@contextmanager
def database_errors() -> Iterator[None]:
    """A database refusal the user can act on becomes one line, never a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        yield
    except EupError:
        raise
    except SQLAlchemyError as exc:
        orig = getattr(exc, "orig", None) or exc
        raise EupError(f"database error: {str(orig).splitlines()[0]}") from None
