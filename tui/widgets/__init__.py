"""Widgets of the terminal UI: provision tree, comparison panes, stage timeline."""
