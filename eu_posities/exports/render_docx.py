"""Word renderer of the comparison table (landscape): per provision or in four columns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.shared import Pt

from eu_posities.exports.common import (
    any_fictional,
    any_limite,
    kind_note,
    mark_text,
    stage_flags,
    stage_subtitle,
)
from eu_posities.exports.docx_common import (
    NOTE_COLOUR,
    WARN_COLOUR,
    add_runs,
    header_footer,
    new_document,
    no_split,
    repeat_header,
    save_docx,
    set_metadata,
    set_widths,
    shade,
    usable_width,
    xml_safe,
)
from eu_posities.exports.i18n import t
from eu_posities.exports.model import (
    COMMENTS_KEY,
    HEADING_KEY,
    ROW_KEY,
    STATUS_KEY,
    Cell,
    ComparisonTable,
    StageInfo,
)
from eu_posities.exports.word_revisions import REDLINE_MODES, Revisions

TABLE_STYLE = "Table Grid"
CELL_SIZE = 9.0
STATUS_FILL = {"G": "D9F2DC", "Y": "FFF1C2", "R": "FDE2E1"}
LONG_ROW = 1200  # characters: a row longer than this may break over a page


def warning_line(stages: tuple[StageInfo, ...], lang: str) -> str:
    parts = []
    if any_limite(stages):
        parts.append(t("limite_banner", lang))
    if any_fictional(stages):
        parts.append(t("fictional", lang))
    return " · ".join(parts)


def revisions_for(stages: tuple[StageInfo, ...], lang: str, author: str) -> Revisions:
    """Each stage's changes under its own name and date (the filter readers ask for)."""
    return Revisions({s.key: (s.name(lang), s.date) for s in stages}, author)


def check_redline(redline: str) -> str:
    if redline not in REDLINE_MODES:
        from eu_posities.errors import InputError

        raise InputError(f"unknown redline {redline!r}; use revisions or formatting")
    return redline


def _write_cell(cell_obj: Any, cell: Cell, lang: str, revisions: Revisions | None) -> None:
    # The table documents' Normal style is CELL_SIZE: no size on each of thousands of runs.
    paragraph = cell_obj.paragraphs[0]
    mark = mark_text(cell, lang)
    if mark:
        run = paragraph.add_run(mark + (" " if cell.runs else ""))
        run.bold = cell.mark in ("new", "deleted")
        run.italic = cell.mark == "merged"
    if cell.label and cell.mark != "merged":
        run = paragraph.add_run(f"{cell.label}: ")
        run.italic = True
        run.font.color.rgb = NOTE_COLOUR
    add_runs(paragraph, cell.runs, revisions=revisions)


def _heading_cell(cell_obj: Any, title: str, sub: str = "", flags: list[str] | None = None) -> None:
    paragraph = cell_obj.paragraphs[0]
    run = paragraph.add_run(title)
    run.bold = True
    run.font.size = Pt(CELL_SIZE)
    if sub:
        small = cell_obj.add_paragraph().add_run(sub)
        small.font.size = Pt(CELL_SIZE - 1)
    for flag in flags or []:
        warn = cell_obj.add_paragraph().add_run(flag)
        warn.bold = True
        warn.font.size = Pt(CELL_SIZE - 1)
        warn.font.color.rgb = WARN_COLOUR
    shade(cell_obj, "EEF1F5")


def _small_lines(cell_obj: Any, text: str) -> None:
    for number, line in enumerate(text.split("\n")):
        paragraph = cell_obj.paragraphs[0] if number == 0 else cell_obj.add_paragraph()
        paragraph.add_run(line).font.size = Pt(CELL_SIZE - 1)


def _legend(doc: Any, table: ComparisonTable, redline: str) -> None:
    lang = table.lang
    lines = [t("legend" if redline == "formatting" else "legend_revisions", lang)]
    if table.attributed and redline == "revisions":
        lines.append(t("legend_attributed", lang))
    elif table.attributed:
        lines.append(t("legend_attributed_print", lang))
    for line in lines:
        legend = doc.add_paragraph().add_run(line)
        legend.italic = True
        legend.font.size = Pt(8)


def _stage_legend(doc: Any, table: ComparisonTable) -> None:
    """Which stage each column holds: key, name, date, document, warnings."""
    lang = table.lang
    grid = doc.add_table(rows=1, cols=4)
    grid.style = doc.styles[TABLE_STYLE]
    for cell, title in zip(
        grid.rows[0].cells,
        (t("column", lang), t("stage", lang), t("date", lang), t("reference", lang)),
        strict=True,
    ):
        _heading_cell(cell, title)
    for stage in table.stages:
        cells = grid.add_row().cells
        cells[0].paragraphs[0].add_run(stage.key).font.size = Pt(CELL_SIZE)
        name = cells[1].paragraphs[0].add_run(stage.name(lang))
        name.font.size = Pt(CELL_SIZE)
        for flag in stage_flags(stage, lang):
            warn = cells[1].add_paragraph().add_run(flag)
            warn.bold = True
            warn.font.size = Pt(CELL_SIZE - 1)
            warn.font.color.rgb = WARN_COLOUR
        cells[2].paragraphs[0].add_run(stage.date or "—").font.size = Pt(CELL_SIZE)
        cells[3].paragraphs[0].add_run(stage.ref or "—").font.size = Pt(CELL_SIZE)
    width = usable_width(doc)
    set_widths(grid, [width * 2 // 10, width * 4 // 10, width // 10, width * 3 // 10])
    doc.add_paragraph()


def table_docx(table: ComparisonTable, path: Path, *, redline: str = "revisions") -> None:
    """The comparison as a landscape Word table; `redline` "revisions" writes each change as
    a Word tracked change by its stage, "formatting" as bold italic and strikethrough."""
    table = xml_safe(table)  # text from documents: nothing python-docx would refuse
    lang = table.lang
    check_redline(redline)
    doc = new_document(landscape=True, lang=lang)
    doc.styles["Normal"].font.size = Pt(CELL_SIZE)
    title = f"{t('table_title', lang)}: {table.dossier.title}"
    header_footer(
        doc,
        [
            title,
            f"{t('dossier', lang)}: {table.dossier.key}"
            + (f" ({table.dossier.procedure})" if table.dossier.procedure else "")
            + f" · {t('stages', lang)}: {', '.join(s.key for s in table.stages)}"
            + f" · {t('date', lang)}: {table.generated}",
        ],
        lang,
        warning_line(table.stages, lang),
    )
    revisions = revisions_for(table.stages, lang, table.author) if redline == "revisions" else None
    if revisions is not None:
        revisions.plan_moves(r for row in table.rows for c in row.cells for r in c.runs)
    _legend(doc, table, redline)
    if table.layout == "rows":
        _stage_legend(doc, table)
        _rows_table(doc, table, revisions)
    else:
        _provisions_table(doc, table, revisions)
    set_metadata(
        doc,
        title=title,
        subject=_subject(table),
        author=table.author,
        lang=lang,
    )
    save_docx(doc, path)


def _subject(table: ComparisonTable) -> str:
    d = table.dossier
    stages = ", ".join(s.name(table.lang) for s in table.stages)
    return " · ".join(p for p in (d.procedure, d.commission_ref, stages) if p)


def _provisions_table(doc: Any, table: ComparisonTable, revisions: Revisions | None) -> None:
    lang = table.lang
    columns = 1 + len(table.stages) + (1 if table.with_concerns else 0)
    grid = doc.add_table(rows=1, cols=columns)
    grid.style = doc.styles[TABLE_STYLE]
    grid.autofit = False
    width = usable_width(doc)
    label_width = int(width * 0.1)
    concern_width = int(width * 0.16) if table.with_concerns else 0
    text_width = (width - label_width - concern_width) // len(table.stages)
    widths = [label_width, *([text_width] * len(table.stages))]
    if table.with_concerns:
        widths.append(concern_width)
    head = grid.rows[0]
    repeat_header(head)
    _heading_cell(head.cells[0], t("provision", lang))
    for index, stage in enumerate(table.stages, start=1):
        _heading_cell(head.cells[index], stage.key, stage_subtitle(stage), stage_flags(stage, lang))
    if table.with_concerns:
        _heading_cell(head.cells[-1], t("concerns", lang))
    for row in table.rows:
        cells = grid.add_row().cells
        label = cells[0].paragraphs[0].add_run(row.label)
        label.bold = True
        label.font.size = Pt(CELL_SIZE)
        if row.heading:
            heading = cells[0].add_paragraph().add_run(row.heading)
            heading.italic = True
            heading.font.size = Pt(CELL_SIZE - 1)
        for index, cell in enumerate(row.cells, start=1):
            _write_cell(cells[index], cell, lang, revisions)
        if table.with_concerns and row.concerns:
            _small_lines(cells[-1], row.concerns)
    set_widths(grid, widths)


def _rows_table(doc: Any, table: ComparisonTable, revisions: Revisions | None) -> None:
    """One row per paragraph: row | heading | a column per stage | status | comments."""
    lang = table.lang
    keys = [ROW_KEY, HEADING_KEY, *(s.key for s in table.stages)]
    if table.with_status:
        keys.append(STATUS_KEY)
    keys.append(COMMENTS_KEY)
    grid = doc.add_table(rows=1, cols=len(keys))
    grid.style = doc.styles[TABLE_STYLE]
    grid.autofit = False
    width = usable_width(doc)
    fixed = {ROW_KEY: width * 5 // 100, HEADING_KEY: width * 10 // 100}
    fixed[STATUS_KEY] = width * 7 // 100  # room for the word "status" in bold
    fixed[COMMENTS_KEY] = width * 12 // 100
    rest = width - sum(fixed[k] for k in keys if k in fixed)
    text_width = rest // len(table.stages)
    widths = [fixed.get(k, text_width) for k in keys]
    head = grid.rows[0]
    repeat_header(head)
    kinds = {s.key: kind_note(s) for s in table.stages}
    for cell, key in zip(head.cells, keys, strict=True):
        _heading_cell(cell, key, kinds.get(key, ""))
    for row in table.rows:
        added = grid.add_row()
        cells = added.cells
        cells[0].paragraphs[0].add_run(row.number)
        heading = cells[1].paragraphs[0].add_run(row.label)
        heading.bold = row.opens
        for index, cell in enumerate(row.cells, start=2):
            _write_cell(cells[index], cell, lang, revisions)
        if table.with_status:
            status_cell = cells[2 + len(table.stages)]
            if row.status:
                status_cell.paragraphs[0].add_run(row.status).bold = True
                shade(status_cell, STATUS_FILL.get(row.status, "FFFFFF"))
        if row.concerns:
            _small_lines(cells[-1], row.concerns)
        if sum(len(r.text) for c in row.cells for r in c.runs) < LONG_ROW:
            no_split(added)
    # A fixed layout: Word and LibreOffice both take the widths from the grid and the first row.
    set_widths(grid, widths, cells=False)
