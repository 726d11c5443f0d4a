"""Exports: the multi-column table, the position memo and the batch diff report.

Each export is built in two steps: a *model* built from the core's comparison and concern
ledger (`table`, `memo`, `report`), then *renderers* per format (`render_docx`, `render_html`,
`render_md`, `report_html`) that only read that model. `api` writes files and is what the
CLI and the TUI call.
"""

from __future__ import annotations

from eu_posities.exports.api import Progress, export_memo, export_report, export_table

__all__ = ["Progress", "export_memo", "export_report", "export_table"]
