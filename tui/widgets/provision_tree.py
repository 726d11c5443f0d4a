"""The provision tree: chapters and sections, then each provision with change markers and badges."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.widgets.render import change_mark

KIND_GROUP = {"recital": "Recitals", "citation": "Citations", "annex": "Annexes"}


class ProvisionTree(Tree[int]):
    """Comparison rows grouped by the structure of the first stage; node data = row index."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("Provisions", **kwargs)
        self.show_root = False
        self.guide_depth = 2
        self.row_nodes: list[TreeNode[int]] = []

    def show_rows(
        self,
        rows: list[dict[str, Any]],
        paths: dict[str, list[str]],
        badges: dict[str, list[str]],
    ) -> None:
        """Rebuild the tree. `paths` gives the chapter headings of each first-stage label."""
        self.clear()
        self.row_nodes = []
        groups: dict[tuple[str, ...], TreeNode[int]] = {}
        path: tuple[str, ...] = ()
        for index, row in enumerate(rows):
            base = row["cells"][0][0] if row["cells"][0] else None
            if base is not None:
                path = self._path_of(row, paths.get(base, []))
            parent = self._group(groups, path)
            label = self._label(row, badges)
            self.row_nodes.append(parent.add_leaf(label, data=index))
        for node in groups.values():
            node.expand()

    def _path_of(self, row: dict[str, Any], path: list[str]) -> tuple[str, ...]:
        group = KIND_GROUP.get(row["kind"])
        if group:
            return (group,)
        return tuple(path) or ("Articles",)

    def _group(
        self, groups: dict[tuple[str, ...], TreeNode[int]], path: tuple[str, ...]
    ) -> TreeNode[int]:
        node = self.root
        for depth in range(1, len(path) + 1):
            key = path[:depth]
            if key not in groups:
                groups[key] = node.add(Text(path[depth - 1], overflow="ellipsis"), expand=True)
            node = groups[key]
        return node

    @staticmethod
    def _label(row: dict[str, Any], badges: dict[str, list[str]]) -> Text:
        cells = row["cells"]
        name = next((c[0] for c in cells if c), row["key"])
        label = Text()
        marks = change_mark(row["status"][1:])
        label.append_text(marks if marks else Text(" "))
        label.append(" ")
        label.append(name, style="strike dim" if row["status"][1:] and not cells[-1] else "")
        for concern in badges.get(cells[0][0] if cells[0] else "", []):
            label.append(" ")
            label.append(f"◆{concern}", style="bold magenta")
        return label

    def select_row(self, index: int, attempts: int = 10) -> None:
        """Put the cursor on a row; waits for the layout when the tree was just rebuilt."""
        if not 0 <= index < len(self.row_nodes):
            return
        node = self.row_nodes[index]
        if node.line < 0:
            if attempts:
                self.call_after_refresh(self.select_row, index, attempts - 1)
            return
        self.move_cursor(node, animate=False)
        # Keep some context above the provision rather than pinning it to the top.
        context = self.scrollable_content_region.height // 3
        self.scroll_to(y=max(0, node.line - context), animate=False)
