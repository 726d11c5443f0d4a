"""A Static that lays its content out once per width and draws only the lines on screen.

A provision of four long stages side by side is a few hundred lines; a plain Static turns all
of them into strips on every switch, and again for its height. This one renders the content
once per width with Rich and hands Textual the lines it asks for (those in view).
"""

from __future__ import annotations

from typing import Any

from textual.strip import Strip
from textual.widgets import Static


class Prerendered(Static):
    """Static content drawn line by line from one rendering per width."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._drawn: tuple[int, list[Strip]] = (-1, [])

    def update(self, content: Any = "", *, layout: bool = True) -> None:
        self._drawn = (-1, [])
        super().update(content, layout=layout)

    def lines(self, width: int) -> list[Strip]:
        """The content laid out at `width`, one strip a line."""
        if self._drawn[0] != width:
            console = self.app.console
            options = console.options.update(width=width, highlight=False)
            base = self.visual_style.rich_style
            rendered = console.render_lines(self.content, options, pad=True, new_lines=False)
            self._drawn = (width, [Strip(line, width).apply_style(base) for line in rendered])
        return self._drawn[1]

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return len(self.lines(width)) if width else 0

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self.lines(width)
        if 0 <= y < len(lines):
            return lines[y]
        return Strip.blank(width, self.visual_style.rich_style)
