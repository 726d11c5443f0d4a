"""Shared set-up of the terminal UI tests: the demo database, built once and copied per test."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import shutil
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine
from textual.pilot import Pilot
from textual.widgets import DirectoryTree, Input
from textual.worker import WorkerCancelled

from eu_posities.db import make_engine, session_scope, upgrade
from eu_posities.demo import load_demo

FROZEN_AT = "2026-01-02 03:04:05"
TIMESTAMPED = ("assessment", "concernlink", "changelog", "alert", "alignmentoverride", "concern")


def build_demo(path: Path) -> Path:
    """The bundled demo in a fresh SQLite file, with every timestamp frozen for snapshots."""
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with session_scope(engine, write=True) as session:
        load_demo(session=session, author="tester")
    freeze_times(engine)
    engine.dispose()
    return path


def freeze_times(engine: Engine) -> None:
    columns = {"concern": "created_at", "changelog": "at", "alert": "at"}
    with engine.begin() as conn:
        for table in TIMESTAMPED:
            column = columns.get(table, "at")
            conn.execute(text(f"UPDATE {table} SET {column} = :at"), {"at": FROZEN_AT})
        conn.execute(text("UPDATE stage SET imported_at = :at"), {"at": FROZEN_AT})


def copy_db(source: Path, folder: Path) -> Engine:
    target = folder / "eup.db"
    shutil.copyfile(source, target)
    return make_engine(f"sqlite:///{target}")


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until the workers finished and the screen is drawn; stop cursors blinking."""
    for _ in range(3):
        # A DirectoryTree keeps a loader worker alive for its lifetime: not awaited.
        ours = [
            w
            for w in pilot.app.workers
            if not isinstance(w.node, DirectoryTree) and not w.is_finished
        ]
        if ours:  # an empty list would mean "all workers"
            with contextlib.suppress(WorkerCancelled):
                await pilot.app.workers.wait_for_complete(ours)
        await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


async def until(pilot: Pilot[Any], condition: Callable[[], bool], seconds: float = 10.0) -> None:
    """Wait for what the app does after a worker (a dialog closing), on a busy machine too."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    await settle(pilot)


def pilot_test(scenario: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot scenario as a plain test; fixtures pass through."""

    @functools.wraps(scenario)
    def test(*args: Any, **kwargs: Any) -> None:
        asyncio.run(scenario(*args, **kwargs))

    return test


def plain(content: Any) -> str:
    """The plain text of a label, cell or Static content (str, Rich Text or Content)."""
    if isinstance(content, str):
        return content
    plain_text = getattr(content, "plain", None)
    return plain_text if isinstance(plain_text, str) else str(content)
