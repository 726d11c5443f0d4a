"""Word renderers of the comparison table (landscape) and the position memo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.shared import Mm, Pt

from eu_posities.exports.common import (
    any_fictional,
    any_limite,
    is_open,
    mark_text,
    open_point,
    redline_heading,
    stage_flags,
    stage_subtitle,
    where_text,
)
from eu_posities.exports.docx_common import (
    NOTE_COLOUR,
    WARN_COLOUR,
    add_runs,
    header_footer,
    new_document,
    repeat_header,
    save_docx,
    set_widths,
    shade,
    usable_width,
    xml_safe,
)
from eu_posities.exports.i18n import status_text, t
from eu_posities.exports.model import Cell, ComparisonTable, PositionMemo, StageInfo

TABLE_STYLE = "Table Grid"
CELL_SIZE = 9.0


def _warning(stages: tuple[StageInfo, ...], lang: str) -> str:
    parts = []
    if any_limite(stages):
        parts.append(t("limite_banner", lang))
    if any_fictional(stages):
        parts.append(t("fictional", lang))
    return " · ".join(parts)


def _write_cell(cell_obj: Any, cell: Cell, lang: str) -> None:
    paragraph = cell_obj.paragraphs[0]
    mark = mark_text(cell, lang)
    if mark:
        run = paragraph.add_run(mark + (" " if cell.runs else ""))
        run.bold = cell.mark in ("new", "deleted")
        run.italic = cell.mark == "merged"
        run.font.size = Pt(CELL_SIZE)
    if cell.label and cell.mark != "merged":
        run = paragraph.add_run(f"{cell.label}: ")
        run.italic = True
        run.font.size = Pt(CELL_SIZE)
        run.font.color.rgb = NOTE_COLOUR
    add_runs(paragraph, cell.runs, size=CELL_SIZE)


def _heading_cell(cell_obj: Any, title: str, sub: str, flags: list[str]) -> None:
    paragraph = cell_obj.paragraphs[0]
    run = paragraph.add_run(title)
    run.bold = True
    run.font.size = Pt(CELL_SIZE)
    if sub:
        small = cell_obj.add_paragraph().add_run(sub)
        small.font.size = Pt(CELL_SIZE - 1)
    for flag in flags:
        warn = cell_obj.add_paragraph().add_run(flag)
        warn.bold = True
        warn.font.size = Pt(CELL_SIZE - 1)
        warn.font.color.rgb = WARN_COLOUR
    shade(cell_obj, "EEF1F5")


def table_docx(table: ComparisonTable, path: Path) -> None:
    table = xml_safe(table)  # text from documents: nothing python-docx would refuse
    lang = table.lang
    doc = new_document(landscape=True)
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
        _warning(table.stages, lang),
    )
    legend = doc.add_paragraph(t("legend", lang))
    legend.runs[0].italic = True
    legend.runs[0].font.size = Pt(8)
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
    _heading_cell(head.cells[0], t("provision", lang), "", [])
    for index, stage in enumerate(table.stages, start=1):
        _heading_cell(head.cells[index], stage.key, stage_subtitle(stage), stage_flags(stage, lang))
    if table.with_concerns:
        _heading_cell(head.cells[-1], t("concerns", lang), "", [])
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
            _write_cell(cells[index], cell, lang)
        if table.with_concerns and row.concerns:
            for number, line in enumerate(row.concerns.split("\n")):
                paragraph = cells[-1].paragraphs[0] if number == 0 else cells[-1].add_paragraph()
                paragraph.add_run(line).font.size = Pt(CELL_SIZE - 1)
    set_widths(grid, widths)
    doc.core_properties.title = title
    save_docx(doc, path)


def memo_docx(memo: PositionMemo, path: Path) -> None:
    memo = xml_safe(memo)  # text from documents: nothing python-docx would refuse
    lang = memo.lang
    doc = new_document(landscape=False)
    title = f"{t('memo_title', lang)}: {memo.dossier.title}"
    header_footer(
        doc,
        [f"{t('memo_title', lang)} · {memo.dossier.key}", memo.date],
        lang,
        _warning(memo.stages, lang),
    )
    doc.add_paragraph(t("memo_title", lang), style="Title")
    doc.add_paragraph(memo.dossier.title, style="Subtitle")
    facts = doc.add_table(rows=0, cols=2)
    facts.style = doc.styles[TABLE_STYLE]
    facts.autofit = False
    for name, value in (
        (t("dossier", lang), f"{memo.dossier.key}: {memo.dossier.title}"),
        (t("procedure", lang), memo.dossier.procedure or "—"),
        (t("date", lang), memo.date),
        (t("author", lang), memo.author),
    ):
        cells = facts.add_row().cells
        cells[0].paragraphs[0].add_run(name).bold = True
        cells[1].paragraphs[0].add_run(value)

    set_widths(facts, [Mm(35), usable_width(doc) - Mm(35)])
    for stage in memo.stages:
        for flag in stage_flags(stage, lang):
            warn = doc.add_paragraph().add_run(f"{stage.name(lang)}: {flag}")
            warn.bold = True
            warn.font.color.rgb = WARN_COLOUR
    doc.add_heading(t("overview", lang), level=1)
    if not memo.concerns:
        doc.add_paragraph(t("no_concerns", lang))
    else:
        matrix = doc.add_table(rows=1, cols=1 + len(memo.stages))
        matrix.style = doc.styles[TABLE_STYLE]
        repeat_header(matrix.rows[0])
        _heading_cell(matrix.rows[0].cells[0], t("concern", lang), "", [])
        for index, stage in enumerate(memo.stages, start=1):
            flags = stage_flags(stage, lang)
            _heading_cell(matrix.rows[0].cells[index], stage.name(lang), stage.date, flags)
        first = usable_width(doc) * 3 // 10
        rest = (usable_width(doc) - first) // len(memo.stages)
        widths = [first, *([rest] * len(memo.stages))]
        for c in memo.concerns:
            cells = matrix.add_row().cells
            cells[0].paragraphs[0].add_run(c.heading).font.size = Pt(CELL_SIZE)
            for index, stage in enumerate(memo.stages, start=1):
                status = c.status_by_stage.get(stage.key, "")
                cells[index].paragraphs[0].add_run(status_text(status, lang)).font.size = Pt(
                    CELL_SIZE
                )
                fill = _STATUS_FILL.get(status)
                if fill:
                    shade(cells[index], fill)
        set_widths(matrix, widths)
    for c in memo.concerns:
        doc.add_heading(c.heading, level=1)
        doc.add_heading(t("position", lang), level=2)
        doc.add_paragraph(c.position or "—")
        if c.position_source:
            doc.add_paragraph(f"{t('source', lang)}: {c.position_source}")
        if c.provisions:
            doc.add_paragraph(f"{t('linked', lang)}: {', '.join(c.provisions)}")
        doc.add_heading(t("where_now", lang), level=2)
        doc.add_paragraph(where_text(c, lang))
        doc.add_heading(t("evidence", lang), level=2)
        if not c.evidence:
            doc.add_paragraph(t("no_evidence", lang))
        for e in c.evidence:
            item = doc.add_paragraph(style="List Bullet")
            item.add_run(f"{e.stage}: ").bold = True
            item.add_run(status_text(e.status, lang))
            if e.quote:
                item.add_run(" — ")
                item.add_run(f"“{e.quote}”").italic = True
            where = ", ".join(p for p in (e.document, e.location) if p)
            if where:
                item.add_run(f" ({where})")
            if e.note:
                item.add_run(f". {e.note}")
            who = item.add_run(f" {e.author}, {e.at}")
            who.font.size = Pt(8)
            who.font.color.rgb = NOTE_COLOUR
        doc.add_heading(t("redlines", lang), level=2)
        if not c.redlines:
            doc.add_paragraph(t("no_redlines", lang))
        for r in c.redlines:
            doc.add_heading(redline_heading(r, lang), level=3)
            if r.runs:
                add_runs(doc.add_paragraph(), r.runs)
            else:
                doc.add_paragraph().add_run(t("unchanged", lang)).italic = True
            if r.flags:
                note = doc.add_paragraph().add_run("; ".join(r.flags))
                note.italic = True
                note.font.size = Pt(8)
                note.font.color.rgb = NOTE_COLOUR
    doc.add_heading(t("open_points", lang), level=1)
    open_points = [c for c in memo.concerns if is_open(c)]
    if not open_points:
        doc.add_paragraph(t("no_open_points", lang))
    for c in open_points:
        item = doc.add_paragraph(style="List Bullet")
        item.add_run(f"{c.heading}: ").bold = True
        item.add_run(open_point(c, lang))
    doc.core_properties.title = title
    doc.core_properties.author = memo.author
    save_docx(doc, path)


_STATUS_FILL = {"open": "FDE2E1", "partly": "FFF1C2", "resolved": "D9F2DC", "dropped": "E5E7EB"}
