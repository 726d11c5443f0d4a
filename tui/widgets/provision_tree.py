"""The provision tree: preamble, chapters and sections, each provision with markers and badges."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from eu_posities.readmodels import GridRow
from eu_posities.tui.widgets.render import CHANGE_MARK, change_mark

# Parts of the preamble, in the order of the act: title, citations, recitals, enacting formula.
PREAMBLE = "Preamble"
PREAMBLE_GROUP = {"citation": "Citations", "recital": "Recitals"}
PREAMBLE_KINDS = {"title", "citation", "recital", "formula"}
KIND_GROUP = {"annex": "Annexes"}
DIVISIONS = {"CHAPTER": "Ch.", "SECTION": "Sec.", "TITLE": "Title", "PART": "Part"}
SMALL_WORDS = {"OF", "AND", "THE", "TO", "FOR", "IN", "ON", "BY", "OR", "A", "AN", "AS", "AT"}
BADGE_STYLE = "bold magenta"


def short_heading(heading: str) -> str:
    """'CHAPTER II – OBLIGATIONS OF PROVIDERS' -> 'Ch. II – Obligations of providers'.

    Capitals are turned into sentence case (acronyms of up to three letters are kept), and
    the name of the division is abbreviated; the full heading stays in the tooltip.
    """
    match = re.match(r"\s*(CHAPTER|SECTION|TITLE|PART)\s+(\S+)\s*(.*)", heading, re.IGNORECASE)
    if not match:
        return _sentence_case(heading.strip())
    word, number, rest = match.groups()
    rest = _sentence_case(rest)
    return f"{DIVISIONS[word.upper()]} {number} {rest}".rstrip()


def _sentence_case(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    if not letters or any(c.islower() for c in letters):
        return text
    words = []
    for word in text.split(" "):
        core = word.strip("(),.;:")
        keep = len(core) <= 3 and core.isalpha() and core not in SMALL_WORDS
        words.append(word if keep else word.lower())
    result = " ".join(words)
    index = next((i for i, c in enumerate(result) if c.isalpha()), None)
    if index is None:
        return result
    return result[:index] + result[index].upper() + result[index + 1 :]


@dataclass(frozen=True)
class RowLabel:
    """What a provision line shows; fitted to the width when drawn."""

    marks: Text
    name: str
    name_style: str
    concerns: tuple[str, ...]


class ProvisionTree(Tree[int]):
    """Comparison rows grouped by the structure of the first stage; node data = row index."""

    def __init__(self, **kwargs: Any) -> None:
        # Set before the Tree measures its root label through render_label.
        self.row_labels: dict[int, RowLabel] = {}  # node id -> label parts
        self.headings: dict[int, str] = {}  # group node id -> full heading (tooltip)
        super().__init__("Provisions", **kwargs)
        self.show_root = False
        self.guide_depth = 2
        self.row_nodes: list[TreeNode[int]] = []

    def show_rows(
        self,
        rows: Sequence[GridRow],
        paths: dict[str, Sequence[str]],
        badges: dict[str, list[str]],
    ) -> None:
        """Rebuild the tree. `paths` gives the chapter headings of each first-stage label,
        `badges` the concerns of each row (by row key).

        Groups follow the document: a group is reused only while the rows stay inside it,
        so the tree keeps the order of the act.
        """
        self.clear()
        self.row_nodes = []
        self.row_labels = {}
        self.headings = {}
        open_groups: list[tuple[str, TreeNode[int]]] = []
        path: tuple[str, ...] = ()
        for index, row in enumerate(rows):
            base = row.cells[0][0] if row.cells[0] else None
            if base is not None or row.kind in PREAMBLE_KINDS | set(KIND_GROUP):
                path = self._path_of(row, paths.get(base, []) if base else [])
            parent = self._group(open_groups, path)
            node = parent.add_leaf(row_text(row, badges), data=index)
            self.row_labels[node.id] = row_label(row, badges)
            self.row_nodes.append(node)

    @staticmethod
    def _path_of(row: GridRow, path: Sequence[str]) -> tuple[str, ...]:
        kind = row.kind
        if kind in PREAMBLE_KINDS:
            group = PREAMBLE_GROUP.get(kind)
            return (PREAMBLE, group) if group else (PREAMBLE,)
        if kind in KIND_GROUP:
            return (KIND_GROUP[kind],)
        return tuple(path) or ("Articles",)

    def _group(
        self, open_groups: list[tuple[str, TreeNode[int]]], path: tuple[str, ...]
    ) -> TreeNode[int]:
        keep = 0
        while keep < len(open_groups) and keep < len(path) and open_groups[keep][0] == path[keep]:
            keep += 1
        del open_groups[keep:]
        node = open_groups[-1][1] if open_groups else self.root
        for heading in path[keep:]:
            node = node.add(short_heading(heading), expand=True)
            self.headings[node.id] = heading
            open_groups.append((heading, node))
        return node

    # --- drawing ------------------------------------------------------------------------

    def _room(self, node: TreeNode[int]) -> int:
        """Cells left for a label on this node's line."""
        depth = self._depth(node)
        width = self.scrollable_content_region.width or self.size.width
        return max(8, width - depth * self.guide_depth - (2 if node.allow_expand else 0))

    @staticmethod
    def _depth(node: TreeNode[int]) -> int:
        depth = 0
        while node.parent is not None and node.parent.parent is not None:
            node = node.parent
            depth += 1
        return depth

    def render_label(self, node: TreeNode[int], base_style: Style, style: Style) -> Text:
        parts = self.row_labels.get(node.id)
        heading = self.headings.get(node.id)
        if parts is None and heading is None:
            return super().render_label(node, base_style, style)
        room = self._room(node)
        if parts is not None:
            label = fit_row(parts, room)
            label.stylize(style)
            return label
        label = Text(short_heading(heading or ""), no_wrap=True, overflow="ellipsis")
        label.truncate(room, overflow="ellipsis")
        label.stylize(style)
        icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
        return Text.assemble((icon, base_style + Style(bold=True)), label)

    def watch_hover_line(self, previous_hover_line: int, hover_line: int) -> None:
        super().watch_hover_line(previous_hover_line, hover_line)
        node = self.get_node_at_line(hover_line) if hover_line >= 0 else None
        self.tooltip = self.tooltip_of(node) if node is not None else None

    def tooltip_of(self, node: TreeNode[int]) -> str | None:
        """The full chapter heading, or the concerns of a provision."""
        if node.id in self.headings:
            return self.headings[node.id]
        parts = self.row_labels.get(node.id)
        if parts and parts.concerns:
            return "Concerns: " + ", ".join(parts.concerns)
        return None

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


SAME = "·"  # a later stage that kept the provision as the first stage had it


def stage_marks(statuses: Sequence[str | None]) -> Text:
    """One marker per later stage, in the order of the stages: `~·+` says the second stage
    changed it, the third kept it and the fourth added it. Two stages: the one marker."""
    later = statuses[1:]
    if len(later) < 2:
        return change_mark(later)
    marks = Text()
    for status in later:
        if status in CHANGE_MARK:
            symbol, style = CHANGE_MARK[status]
            marks.append(symbol, style=f"bold {style}")
        else:
            marks.append(SAME, style="dim")
    return marks


def mark_legend(stages: int, room: int = 80) -> str:
    """What the markers mean, for the tree's lower border (`room`: cells it may take)."""
    if stages < 2:
        return ""
    legend = "~chg +add -del #ren"
    return legend if len(legend) <= room else legend.rsplit(" ", 1)[0]


def spelled_marks(keys: Sequence[str], statuses: Sequence[str | None]) -> Text:
    """The markers of one row in words: '~ council-ga · + ep-position' (the status line)."""
    text = Text()
    for key, status in zip(keys[1:], statuses[1:], strict=False):
        if status not in CHANGE_MARK:
            continue
        if text:
            text.append(" ")
        symbol, style = CHANGE_MARK[status]
        text.append(f"{symbol} {key}", style=style)
    return text


def row_label(row: GridRow, badges: dict[str, list[str]]) -> RowLabel:
    cells = row.cells
    name = next((c[0] for c in cells if c), row.key)
    deleted = bool(row.status[1:]) and not cells[-1]
    concerns = tuple(badges.get(row.key, []))
    return RowLabel(stage_marks(row.status), name, "strike dim" if deleted else "", concerns)


def row_text(row: GridRow, badges: dict[str, list[str]]) -> Text:
    """The full label (used for the node's own label, e.g. in tests and searches)."""
    return fit_row(row_label(row, badges), 10_000)


def fit_row(parts: RowLabel, room: int) -> Text:
    """Marker and name always; the concern keys when they fit, else a count such as `◆2`."""
    label = Text(no_wrap=True, overflow="ellipsis")
    label.append_text(parts.marks if parts.marks else Text(" "))
    label.append(" ")
    label.append(parts.name, style=parts.name_style)
    full = "".join(f" ◆{key}" for key in parts.concerns)
    if parts.concerns and label.cell_len + len(full) <= room:
        for key in parts.concerns:
            label.append(" ")
            label.append(f"◆{key}", style=BADGE_STYLE)
    elif parts.concerns:
        label.append(" ")
        label.append(f"◆{len(parts.concerns)}", style=BADGE_STYLE)
    return label
