"""HTML renderers of the comparison table and the position memo (one self-contained file)."""

from __future__ import annotations

from html import escape

from eu_posities.exports.common import is_open, open_point, redline_heading, where_text
from eu_posities.exports.html_common import (
    banners,
    cell_html,
    meta_line,
    page,
    runs_html,
    stage_th,
)
from eu_posities.exports.i18n import status_text, t
from eu_posities.exports.model import ComparisonTable, PositionMemo


def table_html(table: ComparisonTable) -> str:
    lang = table.lang
    title = f"{t('table_title', lang)}: {table.dossier.title}"
    head = [f'<th class="label">{escape(t("provision", lang))}</th>']
    head += [stage_th(s, lang) for s in table.stages]
    if table.with_concerns:
        head.append(f'<th class="concerns">{escape(t("concerns", lang))}</th>')
    rows = []
    for row in table.rows:
        heading = f"<small>{escape(row.heading)}</small>" if row.heading else ""
        cells = [f'<td class="label">{escape(row.label)}{heading}</td>']
        cells += [cell_html(c, lang) for c in row.cells]
        if table.with_concerns:
            cells.append(f'<td class="concerns">{escape(row.concerns)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    body = (
        f"<header><h1>{escape(title)}</h1>\n"
        + meta_line(
            [
                (t("dossier", lang), table.dossier.key),
                (t("procedure", lang), table.dossier.procedure),
                (t("stages", lang), ", ".join(s.key for s in table.stages)),
                (t("generated", lang), table.generated),
            ]
        )
        + f'\n<p class="legend">{escape(t("legend", lang))}</p>\n'
        + banners(table.stages, lang)
        + "</header>\n"
        + '<table class="cmp">\n<thead><tr>'
        + "".join(head)
        + "</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>"
    )
    return page(title, body, lang=lang)


def memo_html(memo: PositionMemo) -> str:
    lang = memo.lang
    title = f"{t('memo_title', lang)}: {memo.dossier.title}"
    parts = [
        f"<header><h1>{escape(title)}</h1>",
        meta_line(
            [
                (t("dossier", lang), memo.dossier.key),
                (t("procedure", lang), memo.dossier.procedure or "—"),
                (t("date", lang), memo.date),
                (t("author", lang), memo.author),
            ]
        ),
        banners(memo.stages, lang) + "</header>",
        f"<h2>{escape(t('overview', lang))}</h2>",
    ]
    if not memo.concerns:
        parts.append(f"<p>{escape(t('no_concerns', lang))}</p>")
    else:
        head = f"<th>{escape(t('concern', lang))}</th>" + "".join(
            stage_th(s, lang, name=s.name(lang)) for s in memo.stages
        )
        rows = []
        for c in memo.concerns:
            key = f" <small>({escape(c.key)})</small>" if c.heading != c.title else ""
            cells = [f"<td>{escape(c.title)}{key}</td>"]
            for s in memo.stages:
                status = c.status_by_stage.get(s.key, "")
                cells.append(
                    f'<td class="status-{escape(status)}">{escape(status_text(status, lang))}</td>'
                )
            rows.append("<tr>" + "".join(cells) + "</tr>")
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    for c in memo.concerns:
        parts.append(f'<h2 id="{escape(c.key)}">{escape(c.heading)}</h2>')
        parts.append(f"<h3>{escape(t('position', lang))}</h3><p>{escape(c.position or '—')}</p>")
        if c.position_source:
            parts.append(f"<p>{escape(t('source', lang))}: {escape(c.position_source)}</p>")
        if c.provisions:
            parts.append(f"<p>{escape(t('linked', lang))}: {escape(', '.join(c.provisions))}</p>")
        parts.append(f"<h3>{escape(t('where_now', lang))}</h3><p>{escape(where_text(c, lang))}</p>")
        parts.append(f"<h3>{escape(t('evidence', lang))}</h3>")
        if not c.evidence:
            parts.append(f"<p>{escape(t('no_evidence', lang))}</p>")
        else:
            items = []
            for e in c.evidence:
                item = f"<b>{escape(e.stage)}</b>: {escape(status_text(e.status, lang))}"
                if e.quote:
                    item += f" — <q>{escape(e.quote)}</q>"
                where = ", ".join(p for p in (e.document, e.location) if p)
                if where:
                    item += f" ({escape(where)})"
                if e.note:
                    item += f". {escape(e.note)}"
                item += f' <span class="note">{escape(e.author)}, {escape(e.at)}</span>'
                items.append(f"<li>{item}</li>")
            parts.append(f"<ul>{''.join(items)}</ul>")
        parts.append(f"<h3>{escape(t('redlines', lang))}</h3>")
        if not c.redlines:
            parts.append(f"<p>{escape(t('no_redlines', lang))}</p>")
        for r in c.redlines:
            parts.append(f"<h4>{escape(redline_heading(r, lang))}</h4>")
            body = runs_html(r.runs) or f"<i>{escape(t('unchanged', lang))}</i>"
            parts.append(f'<div class="redline">{body}</div>')
            if r.flags:
                parts.append(f'<p class="note">{escape("; ".join(r.flags))}</p>')
    parts.append(f"<h2>{escape(t('open_points', lang))}</h2>")
    open_points = [c for c in memo.concerns if is_open(c)]
    if not open_points:
        parts.append(f"<p>{escape(t('no_open_points', lang))}</p>")
    else:
        points = "".join(
            f"<li>{escape(c.heading)}: {escape(open_point(c, lang))}</li>" for c in open_points
        )
        parts.append(f"<ul>{points}</ul>")
    parts.append(f"<footer>{escape(t('generated', lang))}: {escape(memo.generated)}</footer>")
    return page(title, "\n".join(parts), lang=lang, landscape=False)
