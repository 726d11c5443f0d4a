"""Pytest fixtures of the terminal UI tests (loaded with `pytest_plugins = ("tuifixtures",)`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from tuihelp import build_demo, copy_db


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, built once per test module that imports this fixture."""
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.db")


@pytest.fixture
def engine(demo_file: Path, tmp_path: Path) -> Iterator[Engine]:
    """A private copy of the demo database for one test."""
    engine = copy_db(demo_file, tmp_path)
    yield engine
    engine.dispose()
