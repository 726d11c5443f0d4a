"""Markdown renderers of the comparison table and the position memo."""

from __future__ import annotations

import re
from collections.abc import Iterable

from eu_posities.exports.common import (
    is_open,
    mark_text,
    open_point,
    redline_heading,
    stage_flags,
    stage_list,
    stage_subtitle,
    where_text,
)
from eu_posities.exports.i18n import status_text, t
from eu_posities.exports.model import Cell, ComparisonTable, Evidence, PositionMemo, Run, StageInfo

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


def _flags_lines(stages: Iterable[StageInfo], lang: str) -> list[str]:
    lines = []
    for stage in stages:
        for flag in stage_flags(stage, lang):
            lines.append(f"> **{esc(stage.key)}: {esc(flag)}**")
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


def memo_md(memo: PositionMemo) -> str:
    lang = memo.lang
    out = [
        f"# {esc(t('memo_title', lang))}: {esc(memo.dossier.title)}",
        "",
        f"- {t('dossier', lang)}: {esc(memo.dossier.key)}",
        f"- {t('procedure', lang)}: {esc(memo.dossier.procedure or '—')}",
        f"- {t('date', lang)}: {esc(memo.date)}",
        f"- {t('author', lang)}: {esc(memo.author)}",
        "",
    ]
    flags = _flags_lines(memo.stages, lang)
    if flags:
        out += [*flags, ""]
    out += [f"## {esc(t('overview', lang))}", ""]
    if not memo.concerns:
        out += [esc(t("no_concerns", lang)), ""]
    else:
        out.append(
            "| "
            + " | ".join([t("concern", lang), *(esc(s.name(lang)) for s in memo.stages)])
            + " |"
        )
        out.append("|" + "---|" * (len(memo.stages) + 1))
        for c in memo.concerns:
            cells = [esc(c.heading)]
            cells += [esc(status_text(c.status_by_stage.get(s.key), lang)) for s in memo.stages]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    for c in memo.concerns:
        out += [f"## {esc(c.heading)}", ""]
        out += [f"### {t('position', lang)}", "", esc(c.position or "—"), ""]
        if c.position_source:
            out += [f"{t('source', lang)}: {esc(c.position_source)}", ""]
        if c.provisions:
            out += [f"{t('linked', lang)}: {esc(', '.join(c.provisions))}", ""]
        out += [f"### {t('where_now', lang)}", "", esc(where_text(c, lang)), ""]
        out += [f"### {t('evidence', lang)}", ""]
        if not c.evidence:
            out += [esc(t("no_evidence", lang)), ""]
        for e in c.evidence:
            out.append(
                f"- **{esc(e.stage)}**: {esc(status_text(e.status, lang))}" + _evidence_tail(e)
            )
        if c.evidence:
            out.append("")
        out += [f"### {t('redlines', lang)}", ""]
        if not c.redlines:
            out += [esc(t("no_redlines", lang)), ""]
        for r in c.redlines:
            out += [
                f"#### {esc(redline_heading(r, lang))}",
                "",
                runs_md(r.runs, breaks="  \n") or f"_{esc(t('unchanged', lang))}_",
                "",
            ]
            if r.flags:
                out += [f"_{esc('; '.join(r.flags))}_", ""]
    out += [f"## {t('open_points', lang)}", ""]
    open_points = [c for c in memo.concerns if is_open(c)]
    if not open_points:
        out.append(esc(t("no_open_points", lang)))
    for c in open_points:
        out.append(f"- {esc(c.heading)}: {esc(open_point(c, lang))}")
    return "\n".join(out) + "\n"


def _evidence_tail(e: Evidence) -> str:
    tail = ""
    if e.quote:
        tail += f" — “{esc(e.quote)}”"
    where = ", ".join(p for p in (e.document, e.location) if p)
    if where:
        tail += f" ({esc(where)})"
    if e.note:
        tail += f". {esc(e.note)}"
    return tail + f" _{esc(e.author)}, {esc(e.at)}_"
