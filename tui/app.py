"""The Textual application: entry point `run(engine)`."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from textual.app import App


class EuPositiesApp(App[None]):
    TITLE = "eu-posities"

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self.engine = engine


def run(engine: Engine) -> None:
    EuPositiesApp(engine).run()
