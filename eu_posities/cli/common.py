"""What every command shares: the database of this invocation, JSON and human output, errors."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from rich.console import Console

from eu_posities import config

if TYPE_CHECKING:  # SQLAlchemy loads on first database use, keeping `eup --help` fast
    from rich.segment import Segment
    from rich.table import Table
    from sqlalchemy.engine import Engine

JSON_OPTION = typer.Option(False, "--json", help="Print one JSON document on stdout.")


class SafeConsole(Console):
    """A console that prints what documents hold as visible text, never as terminal commands.

    Text from documents and users may carry escape sequences (clear the screen, write the
    clipboard, hide a link) or bidi overrides that reorder what the reader sees: every piece
    of text is passed through `safetext.for_terminal` just before Rich adds its own styles.
    Rich markup in document text is escaped where the text is put into markup (`escape`).
    """

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        from rich.segment import Segment

        from eu_posities.safetext import for_terminal

        safe = (
            segment if segment.control else Segment(for_terminal(segment.text), segment.style)
            for segment in buffer
        )
        return super()._render_buffer(safe)


def stdout_console() -> Console:
    # Rich already drops colour when piped; NO_COLOR is honoured explicitly as well.
    return SafeConsole(no_color=bool(os.environ.get("NO_COLOR")), highlight=False)


def say_wrote(path: object) -> None:
    # soft_wrap: a long path is never split over two lines (scripts read it back).
    stdout_console().print(f"Wrote {path}", markup=False, soft_wrap=True)


def folding_table(*columns: str, **options: Any) -> Table:
    """A table whose cells fold rather than end in "…": a cut-off key cannot be typed back."""
    from rich.table import Table

    table = Table(**options)
    for name in columns:
        table.add_column(name, overflow="fold")
    return table


def stderr_console() -> Console:
    return SafeConsole(stderr=True, no_color=bool(os.environ.get("NO_COLOR")), highlight=False)


def fail(message: str, code: int = 1) -> NoReturn:
    # One line, whatever the message holds: scripts grep for it. A file name or a quote in
    # it may carry escape sequences: shown, never obeyed.
    from eu_posities.safetext import for_terminal

    line = " ".join(for_terminal(message).split())
    print(f"error: {line}", file=sys.stderr)
    sys.exit(code)


# Characters a terminal would obey or reorder: written as JSON escapes, which every JSON
# reader turns back into the same text (json.dumps escapes C0 controls itself).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def emit_json(data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    text = _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    sys.stdout.write(text)
    sys.stdout.write("\n")


@dataclass
class AppState:
    """The database chosen for this invocation; the engine is made on first use."""

    db_url: str | None = None
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return self.db_url or config.default_db_url()

    def engine(self, *, auto_demo: bool = False, upgrade: bool = False) -> Engine:
        """The engine, with a usable schema (see `services.setup.open_database`).

        A SQLite file that does not exist is created only by `eup init`/`restore` and by the
        TUI on the default database: a typo in `--db` is an error, not a new database.
        """
        if self._engine is None:
            from eu_posities.services.setup import open_database

            self._engine = open_database(
                self.url,
                author=config.current_user(),
                load_demo_if_new=auto_demo,
                upgrade=upgrade,
                create=upgrade or (auto_demo and self.db_url is None),
            )
        return self._engine


def state_of(ctx: typer.Context) -> AppState:
    obj = ctx.find_root().obj
    assert isinstance(obj, AppState)
    return obj


def split_list(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


Progress = Callable[[int, int, str], None]


@contextmanager
def progress_bar(what: str) -> Iterator[Progress | None]:
    """A Rich progress bar on a terminal (stderr), nothing when piped."""
    console = stderr_console()
    if not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[step]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(what, total=None, step="")

        def update(done: int, total: int, step: str) -> None:
            bar.update(task, completed=done, total=total, step=step)

        yield update
