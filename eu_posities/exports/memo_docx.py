"""Word renderer of the position memo: a ministerial note (*notitie*) on A4 portrait."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.enum.text import WD_BREAK
from docx.shared import Mm, Pt

from eu_posities.exports.common import redline_heading, stage_flags, where_text
from eu_posities.exports.docx_common import (
    NOTE_COLOUR,
    WARN_COLOUR,
    add_runs,
    header_footer,
    new_document,
    repeat_header,
    save_docx,
    set_metadata,
    set_widths,
    shade,
    usable_width,
    xml_safe,
)
from eu_posities.exports.i18n import status_text
from eu_posities.exports.memo_text import m
from eu_posities.exports.model import ConcernSection, PositionMemo
from eu_posities.exports.render_docx import (
    CELL_SIZE,
    TABLE_STYLE,
    check_redline,
    revisions_for,
    warning_line,
)
from eu_posities.exports.word_revisions import Revisions

_STATUS_FILL = {"open": "FDE2E1", "partly": "FFF1C2", "resolved": "D9F2DC", "dropped": "E5E7EB"}


def _header_block(doc: Any, memo: PositionMemo) -> None:
    lang, header = memo.lang, memo.header
    assert header is not None
    rows = [
        (m("to", lang), header.to),
        (m("from", lang), header.sender),
        (m("date", lang), header.date),
        (m("reference", lang), header.reference),
    ]
    if header.classification:
        rows.append((m("classification", lang), header.classification))
    rows.append((m("subject", lang), header.subject))
    block = doc.add_table(rows=0, cols=2)
    for name, value in rows:
        cells = block.add_row().cells
        cells[0].paragraphs[0].add_run(name).bold = True
        run = cells[1].paragraphs[0].add_run(value)
        if name == m("classification", lang):
            run.bold = True
            run.font.color.rgb = WARN_COLOUR
    set_widths(block, [Mm(30), usable_width(doc) - Mm(30)])
    doc.add_paragraph()


def _overview(doc: Any, memo: PositionMemo) -> None:
    lang = memo.lang
    matrix = doc.add_table(rows=1, cols=1 + len(memo.stages))
    matrix.style = doc.styles[TABLE_STYLE]
    repeat_header(matrix.rows[0])
    head = matrix.rows[0].cells
    head[0].paragraphs[0].add_run(m("col_concern", lang)).bold = True
    shade(head[0], "EEF1F5")
    for index, stage in enumerate(memo.stages, start=1):
        cell = head[index]
        run = cell.paragraphs[0].add_run(stage.name(lang))
        run.bold = True
        run.font.size = Pt(CELL_SIZE)
        for flag in stage_flags(stage, lang):
            warn = cell.add_paragraph().add_run(flag)
            warn.font.size = Pt(CELL_SIZE - 2)
            warn.font.color.rgb = WARN_COLOUR
        shade(cell, "EEF1F5")
    for c in memo.concerns:
        cells = matrix.add_row().cells
        cells[0].paragraphs[0].add_run(c.title).font.size = Pt(CELL_SIZE)
        for index, stage in enumerate(memo.stages, start=1):
            status = c.status_by_stage.get(stage.key, "")
            run = cells[index].paragraphs[0].add_run(status_text(status, lang))
            run.font.size = Pt(CELL_SIZE)
            if status in _STATUS_FILL:
                shade(cells[index], _STATUS_FILL[status])
    first = usable_width(doc) * 3 // 10
    rest = (usable_width(doc) - first) // max(len(memo.stages), 1)
    set_widths(matrix, [first, *([rest] * len(memo.stages))])


def _concern(doc: Any, c: ConcernSection, number: str, memo: PositionMemo, rev: Any) -> None:
    lang = memo.lang
    doc.add_heading(f"{number} {c.title}", level=2)
    doc.add_heading(m("position", lang), level=3)
    if c.position:
        source = c.position_source or "—"
        doc.add_paragraph(m("position_text", lang, source=source))
        quote = doc.add_paragraph(style="Quote")
        quote.add_run(f"‘{c.position}’")
    else:
        doc.add_paragraph(m("position_none", lang))
    if c.provisions:
        doc.add_paragraph(c.provisions)
    doc.add_heading(m("stand", lang), level=3)
    for stand in c.stands:
        item = doc.add_paragraph(style="List Bullet")
        when = f" ({stand.date})" if stand.date else ""
        item.add_run(f"{stand.stage}{when}: {status_text(stand.status, lang)}.").bold = True
        if stand.quote:
            item.add_run(" ")
            item.add_run(f"‘{stand.quote}’").italic = True
            if stand.source:
                item.add_run(f" ({stand.source})")
            item.add_run(".")
        if stand.note:
            item.add_run(f" {stand.note}")
    doc.add_paragraph(where_text(c, lang))
    doc.add_heading(m("changes", lang), level=3)
    if c.no_redlines:
        doc.add_paragraph(c.no_redlines).runs[0].italic = True
    for r in c.redlines:
        title = doc.add_paragraph()
        title.add_run(redline_heading(r, lang)).bold = True
        if r.runs:
            add_runs(doc.add_paragraph(), r.runs, revisions=rev)
        else:
            unchanged = doc.add_paragraph().add_run(m("unchanged", lang, stage=r.from_stage))
            unchanged.italic = True
        for flag in r.flags:
            note = doc.add_paragraph().add_run(m("attention", lang, what=flag))
            note.italic = True
            note.font.size = Pt(9)
            note.font.color.rgb = NOTE_COLOUR
    if c.unchanged:
        doc.add_paragraph(c.unchanged).runs[0].italic = True
    if c.forces:
        doc.add_heading(m("forces", lang), level=3)
        for line in c.forces:
            doc.add_paragraph(line, style="List Bullet")
    doc.add_heading(m("points", lang), level=3)
    for point in c.points:
        doc.add_paragraph(point, style="List Bullet")


def _annex(doc: Any, memo: PositionMemo) -> None:
    lang = memo.lang
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading(m("annex", lang), level=1)
    if not memo.history:
        doc.add_paragraph(m("annex_none", lang))
        return
    heads = ("col_concern", "col_stage", "col_status", "col_by", "col_at")
    grid = doc.add_table(rows=1, cols=len(heads))
    grid.style = doc.styles[TABLE_STYLE]
    repeat_header(grid.rows[0])
    for cell, key in zip(grid.rows[0].cells, heads, strict=True):
        cell.paragraphs[0].add_run(m(key, lang)).bold = True
        shade(cell, "EEF1F5")
    for entry in memo.history:
        cells = grid.add_row().cells
        values = (entry.concern, entry.stage, entry.status, entry.author, entry.at)
        for cell, value in zip(cells, values, strict=True):
            cell.paragraphs[0].add_run(value).font.size = Pt(CELL_SIZE)
    width = usable_width(doc)
    set_widths(
        grid,
        [
            width * 3 // 10,
            width * 3 // 10,
            width // 10,
            width // 7,
            width - width * 7 // 10 - width // 7,
        ],
    )


def memo_docx(memo: PositionMemo, path: Path, *, redline: str = "revisions") -> None:
    """The note as Word: changes as tracked changes by stage (`redline` "revisions") or
    as bold italic and strikethrough ("formatting")."""
    memo = xml_safe(memo)  # text from documents: nothing python-docx would refuse
    lang = memo.lang
    check_redline(redline)
    header = memo.header
    assert header is not None, "build the memo with build_memo"
    doc = new_document(landscape=False, lang=lang)
    lines = [f"{m('title', lang)} · {header.subject}", header.date]
    warning = " · ".join(p for p in (header.classification, warning_line(memo.stages, lang)) if p)
    header_footer(doc, lines, lang, warning)
    rev: Revisions | None = None
    if redline == "revisions":
        rev = revisions_for(memo.stages, lang, memo.author)
        rev.plan_moves(r for c in memo.concerns for x in c.redlines for r in x.runs)
    doc.add_paragraph(m("title", lang), style="Title")
    _header_block(doc, memo)
    doc.add_heading(f"1. {m('occasion', lang)}", level=1)
    for paragraph in memo.occasion:
        doc.add_paragraph(paragraph)
    doc.add_heading(f"2. {m('core', lang)}", level=1)
    for line in memo.core:
        doc.add_paragraph(line, style="List Bullet")
    if memo.concerns:
        doc.add_paragraph()
        _overview(doc, memo)
    decide = doc.add_paragraph()
    decide.paragraph_format.space_before = Pt(12)
    decide.add_run(m("decisions", lang)).bold = True
    doc.add_paragraph(m("decisions_intro", lang))
    for line in memo.decisions:
        doc.add_paragraph(line, style="List Number")
    doc.add_heading(f"3. {m('concerns', lang)}", level=1)
    legend = doc.add_paragraph().add_run(m("legend_revisions" if rev else "legend", lang))
    legend.italic = True
    legend.font.size = Pt(8)
    for index, c in enumerate(memo.concerns, start=1):
        _concern(doc, c, f"3.{index}", memo, rev)
    _annex(doc, memo)
    set_metadata(
        doc,
        title=f"{m('title', lang)}: {header.subject}",
        subject=header.subject,
        author=memo.author,
        lang=lang,
    )
    save_docx(doc, path)
