"""Exports: the multi-column table, the position memo and the batch diff report.

Each export is built in two steps: a *model* built by a pure builder from read models and
comparisons (`table`, `memo`, `report`), then *renderers* per format (`render_docx`,
`render_html`, `render_md`, `report_html`) that only read that model. Nothing here touches
the database: `eu_posities.services.exporting` gathers the data and writes the files.
"""
