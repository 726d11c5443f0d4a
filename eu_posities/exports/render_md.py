"""Markdown renderers of the comparison table and the position memo."""

from __future__ import annotations

import re
from collections.abc import Iterable

from eu_posities.exports.common import (
    kind_note,
    mark_text,
    redline_heading,
    stage_flags,
    stage_list,
    stage_subtitle,
    where_text,
)
from eu_posities.exports.i18n import status_text, t
from eu_posities.exports.memo_text import m
from eu_posities.exports.model import (
    COMMENTS_KEY,
    HEADING_KEY,
    ROW_KEY,
    STATUS_KEY,
    Cell,
    ComparisonTable,
    PositionMemo,
    Run,
    StageInfo,
)

_SPECIAL = re.compile(r"([\\`*_~\[\]<>|#])")
_EDGES = re.compile(r"^(\s*)(.*?)(\s*)$", re.S)


def esc(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _wrap(text: str, before: str, after: str) -> str:
    # Emphasis must hug the words: "**_ word _**" does not render, " **_word_** " does.
    match = _EDGES.match(text)
    assert match is not None
    lead, core, trail = match.groups()
    return f"{lead}{before}{esc(core)}{after}{trail}" if core else text


def runs_md(runs: Iterable[Run], *, breaks: str = "<br>") -> str:
    out = []
    for run in runs:
        if run.kind == "break":
            out.append(breaks)
        elif run.kind == "ins":
            out.append(_wrap(run.text, "**_", "_**"))
        elif run.kind == "del":
            out.append(_wrap(run.text, "~~", "~~"))
        elif run.kind in ("moved_in", "moved_out"):
            mark = ("**_", "_**") if run.kind == "moved_in" else ("~~", "~~")
            out.append(_wrap(run.text, "<u>" + mark[0], mark[1] + "</u>") + f" ⟨{esc(run.note)}⟩")
        else:
            out.append(esc(run.text))
    return "".join(out)


def cell_md(cell: Cell, lang: str) -> str:
    parts = []
    mark = mark_text(cell, lang)
    if mark:
        if cell.mark == "absent":
            return esc(mark)
        parts.append(f"**{esc(mark)}**" if cell.mark != "merged" else f"_{esc(mark)}_")
    if cell.label and cell.mark != "merged":
        parts.append(f"_{esc(cell.label)}:_")
    if cell.runs:
        parts.append(runs_md(cell.runs))
    return " ".join(parts)


def _flags_lines(stages: Iterable[StageInfo], lang: str, *, names: bool = False) -> list[str]:
    lines = []
    for stage in stages:
        for flag in stage_flags(stage, lang):
            who = stage.name(lang) if names else stage.key
            lines.append(f"> **{esc(who)}: {esc(flag)}**")
    return lines


def table_md(table: ComparisonTable) -> str:
    lang = table.lang
    lines = [
        f"# {esc(t('table_title', lang))}: {esc(table.dossier.title)}",
        "",
        f"- {t('dossier', lang)}: {esc(table.dossier.key)}"
        + (f" ({esc(table.dossier.procedure)})" if table.dossier.procedure else ""),
        f"- {t('stages', lang)}: {esc(stage_list(table.stages))}",
        f"- {t('generated', lang)}: {esc(table.generated)}",
        "",
        f"_{esc(t('legend', lang))}_",
        "",
    ]
    flags = _flags_lines(table.stages, lang)
    if flags:
        lines += [*flags, ""]
    if table.layout == "rows":
        return "\n".join([*lines, *_rows_md(table)]) + "\n"
    header = [t("provision", lang)]
    for stage in table.stages:
        sub = stage_subtitle(stage)
        head = esc(stage.key) + (f"<br>{esc(sub)}" if sub else "")
        for flag in stage_flags(stage, lang):
            head += f"<br>**{esc(flag)}**"
        header.append(head)
    if table.with_concerns:
        header.append(t("concerns", lang))
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * len(header))
    for row in table.rows:
        label = f"**{esc(row.label)}**" + (f"<br>_{esc(row.heading)}_" if row.heading else "")
        cells = [label, *(cell_md(c, lang) for c in row.cells)]
        if table.with_concerns:
            cells.append(esc(row.concerns).replace("\n", "<br>"))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _stage_head(stage: StageInfo) -> str:
    """The stage key, with its kind when the key does not name it."""
    kind = kind_note(stage)
    return esc(stage.key) + (f" ({esc(kind)})" if kind else "")


def _rows_md(table: ComparisonTable) -> list[str]:
    """The four-column layout: row | heading | a column per stage | status | comments."""
    lang = table.lang
    header = [ROW_KEY, HEADING_KEY, *(_stage_head(s) for s in table.stages)]
    if table.with_status:
        header.append(STATUS_KEY)
    header.append(COMMENTS_KEY)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in table.rows:
        label = f"**{esc(row.label)}**" if row.opens else esc(row.label)
        cells = [esc(row.number), label, *(cell_md(c, lang) for c in row.cells)]
        if table.with_status:
            cells.append(esc(row.status))
        cells.append(esc(row.concerns).replace("\n", "<br>"))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def memo_md(memo: PositionMemo) -> str:
    """The note in Markdown, in the memo's language."""
    lang = memo.lang
    header = memo.header
    assert header is not None, "build the memo with build_memo"
    out = [f"# {esc(m('title', lang))}", ""]
    flags = _flags_lines(memo.stages, lang, names=True)
    if flags:
        out += [*flags, ""]
    rows = [
        (m("to", lang), header.to),
        (m("from", lang), header.sender),
        (m("date", lang), header.date),
        (m("reference", lang), header.reference),
    ]
    if header.classification:
        rows.append((m("classification", lang), header.classification))
    rows.append((m("subject", lang), header.subject))
    out += [f"**{esc(k)}:** {esc(v)}  " for k, v in rows]
    out += ["", f"## 1. {esc(m('occasion', lang))}", ""]
    for paragraph in memo.occasion:
        out += [esc(paragraph), ""]
    out += [f"## 2. {esc(m('core', lang))}", ""]
    out += [f"- {esc(line)}" for line in memo.core]
    out.append("")
    if memo.concerns:
        out.append(
            "| "
            + " | ".join([m("col_concern", lang), *(esc(s.name(lang)) for s in memo.stages)])
            + " |"
        )
        out.append("|" + "---|" * (len(memo.stages) + 1))
        for c in memo.concerns:
            cells = [esc(c.title)]
            cells += [esc(status_text(c.status_by_stage.get(s.key), lang)) for s in memo.stages]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    out += [f"**{esc(m('decisions', lang))}**", "", esc(m("decisions_intro", lang)), ""]
    out += [f"{n}. {esc(d)}" for n, d in enumerate(memo.decisions, start=1)]
    out += ["", f"## 3. {esc(m('concerns', lang))}", "", f"_{esc(m('legend', lang))}_", ""]
    for index, c in enumerate(memo.concerns, start=1):
        out += [f"### 3.{index} {esc(c.title)}", "", f"#### {esc(m('position', lang))}", ""]
        if c.position:
            source = m("position_text", lang, source=c.position_source or "—")
            out += [esc(source), "", f"> ‘{esc(c.position)}’", ""]
        else:
            out += [esc(m("position_none", lang)), ""]
        if c.provisions:
            out += [esc(c.provisions), ""]
        out += [f"#### {esc(m('stand', lang))}", ""]
        for stand in c.stands:
            when = f" ({stand.date})" if stand.date else ""
            line = f"- **{esc(stand.stage)}{esc(when)}: {esc(status_text(stand.status, lang))}.**"
            if stand.quote:
                line += f" ‘{esc(stand.quote)}’"
                if stand.source:
                    line += f" ({esc(stand.source)})"
                line += "."
            if stand.note:
                line += f" {esc(stand.note)}"
            out.append(line)
        out += ["", esc(where_text(c, lang)), "", f"#### {esc(m('changes', lang))}", ""]
        if c.no_redlines:
            out += [f"_{esc(c.no_redlines)}_", ""]
        for r in c.redlines:
            unchanged = f"_{esc(m('unchanged', lang, stage=r.from_stage))}_"
            out += [
                f"**{esc(redline_heading(r, lang))}**",
                "",
                runs_md(r.runs, breaks="  \n") or unchanged,
                "",
            ]
            out += [f"_{esc(m('attention', lang, what=flag))}_" for flag in r.flags]
            if r.flags:
                out.append("")
        if c.unchanged:
            out += [f"_{esc(c.unchanged)}_", ""]
        if c.forces:
            out += [f"#### {esc(m('forces', lang))}", ""]
            out += [f"- {esc(line)}" for line in c.forces]
            out.append("")
        out += [f"#### {esc(m('points', lang))}", ""]
        out += [f"- {esc(point)}" for point in c.points]
        out.append("")
    out += [f"## {esc(m('annex', lang))}", ""]
    if memo.history:
        heads = [m(k, lang) for k in ("col_concern", "col_stage", "col_status", "col_by", "col_at")]
        out += ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
        for e in memo.history:
            values = (e.concern, e.stage, e.status, e.author, e.at)
            out.append("| " + " | ".join(esc(v) for v in values) + " |")
    else:
        out.append(esc(m("annex_none", lang)))
    return "\n".join(out) + "\n"
