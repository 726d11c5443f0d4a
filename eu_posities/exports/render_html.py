"""HTML renderers of the comparison table and the position memo (one self-contained file)."""

from __future__ import annotations

from html import escape

from eu_posities.exports.common import redline_heading, stage_flags, where_text
from eu_posities.exports.html_common import (
    banners,
    cell_html,
    meta_line,
    page,
    runs_html,
    stage_classes,
    stage_key_legend,
    stage_th,
)
from eu_posities.exports.i18n import status_text, t
from eu_posities.exports.memo_text import m
from eu_posities.exports.model import (
    COMMENTS_KEY,
    HEADING_KEY,
    ROW_KEY,
    STATUS_KEY,
    ComparisonTable,
    PositionMemo,
)
from eu_posities.exports.wording import long_date


def table_meta(table: ComparisonTable) -> dict[str, str]:
    d = table.dossier
    stages = ", ".join(s.name(table.lang) for s in table.stages)
    return {
        "author": table.author,
        "description": " · ".join(p for p in (d.title, d.procedure, stages) if p),
        "dcterms.created": table.generated,
        "generator": "eu-posities",
    }


def table_html(table: ComparisonTable) -> str:
    lang = table.lang
    title = f"{t('table_title', lang)}: {table.dossier.title}"
    classes = stage_classes(table.stages, lang) if table.attributed else None
    rows_layout = table.layout == "rows"
    if rows_layout:
        head = [f'<th class="num">{ROW_KEY}</th>', f'<th class="head">{HEADING_KEY}</th>']
    else:
        head = [f'<th class="label">{escape(t("provision", lang))}</th>']
    head += [stage_th(s, lang, kind=rows_layout) for s in table.stages]
    if rows_layout and table.with_status:
        head.append(f'<th class="st">{STATUS_KEY}</th>')
    if rows_layout:
        head.append(f'<th class="comments">{COMMENTS_KEY}</th>')
    elif table.with_concerns:
        head.append(f'<th class="concerns">{escape(t("concerns", lang))}</th>')
    rows = []
    for row in table.rows:
        if rows_layout:
            kind = " provision" if row.opens else ""
            cells = [
                f'<td class="num">{escape(row.number)}</td>',
                f'<td class="head{kind}">{escape(row.label)}</td>',
            ]
        else:
            heading = f"<small>{escape(row.heading)}</small>" if row.heading else ""
            cells = [f'<td class="label">{escape(row.label)}{heading}</td>']
        cells += [cell_html(c, lang, classes) for c in row.cells]
        if rows_layout and table.with_status:
            st = escape(row.status)
            cells.append(f'<td class="st st-{st}">{st}</td>' if st else '<td class="st"></td>')
        if rows_layout:
            cells.append(f'<td class="comments">{escape(row.concerns)}</td>')
        elif table.with_concerns:
            cells.append(f'<td class="concerns">{escape(row.concerns)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    legend = f'\n<p class="legend">{escape(t("legend", lang))}</p>\n'
    if classes:
        legend += stage_key_legend(classes, lang, t("legend_attributed_print", lang))
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
        + legend
        + banners(table.stages, lang)
        + "</header>\n"
        + f'<table class="cmp{" rows" if rows_layout else ""}">\n<thead><tr>'
        + "".join(head)
        + "</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>"
    )
    return page(title, body, lang=lang, meta=table_meta(table))


def memo_html(memo: PositionMemo) -> str:
    """The note as one HTML page (A4 portrait when printed), in the memo's language."""
    lang = memo.lang
    header = memo.header
    assert header is not None, "build the memo with build_memo"
    title = f"{m('title', lang)}: {header.subject}"
    rows = [
        (m("to", lang), header.to),
        (m("from", lang), header.sender),
        (m("date", lang), header.date),
        (m("reference", lang), header.reference),
    ]
    if header.classification:
        rows.append((m("classification", lang), header.classification))
    rows.append((m("subject", lang), header.subject))
    block = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    classes = {s.key: (f"by{n}", s.name(lang)) for n, s in enumerate(memo.stages, start=1)}
    parts = [
        f"<header>{banners(memo.stages, lang, names=True)}<h1>{escape(m('title', lang))}</h1>",
        f'<table class="memo-head">{block}</table></header>',
        f"<h2>1. {escape(m('occasion', lang))}</h2>",
        *(f"<p>{escape(p)}</p>" for p in memo.occasion),
        f"<h2>2. {escape(m('core', lang))}</h2>",
        "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in memo.core) + "</ul>",
    ]
    if memo.concerns:
        head = f"<th>{escape(m('col_concern', lang))}</th>" + "".join(
            f"<th>{escape(s.name(lang))}<small>{escape(long_date(s.date, lang))}</small>"
            + "".join(f'<span class="flag">{escape(f)}</span>' for f in stage_flags(s, lang))
            + "</th>"
            for s in memo.stages
        )
        body = []
        for c in memo.concerns:
            cells = [f'<td><a href="#{escape(c.key)}">{escape(c.title)}</a></td>']
            for s in memo.stages:
                status = c.status_by_stage.get(s.key, "")
                cells.append(
                    f'<td class="status-{escape(status)}">{escape(status_text(status, lang))}</td>'
                )
            body.append("<tr>" + "".join(cells) + "</tr>")
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")
    parts.append(f"<p><b>{escape(m('decisions', lang))}</b></p>")
    parts.append(f"<p>{escape(m('decisions_intro', lang))}</p>")
    parts.append("<ol>" + "".join(f"<li>{escape(d)}</li>" for d in memo.decisions) + "</ol>")
    parts.append(f"<h2>3. {escape(m('concerns', lang))}</h2>")
    parts.append(f'<p class="legend">{escape(m("legend", lang))}</p>')
    for index, c in enumerate(memo.concerns, start=1):
        parts.append(f'<h3 id="{escape(c.key)}">3.{index} {escape(c.title)}</h3>')
        parts.append(f"<h4>{escape(m('position', lang))}</h4>")
        if c.position:
            source = m("position_text", lang, source=c.position_source or "—")
            parts.append(f"<p>{escape(source)}</p><blockquote>‘{escape(c.position)}’</blockquote>")
        else:
            parts.append(f"<p>{escape(m('position_none', lang))}</p>")
        if c.provisions:
            parts.append(f"<p>{escape(c.provisions)}</p>")
        parts.append(f"<h4>{escape(m('stand', lang))}</h4><ul>")
        for stand in c.stands:
            when = f" ({stand.date})" if stand.date else ""
            status = escape(status_text(stand.status, lang))
            item = f"<b>{escape(stand.stage)}{escape(when)}: {status}.</b>"
            if stand.quote:
                item += f" <q>{escape(stand.quote)}</q>"
                if stand.source:
                    item += f" ({escape(stand.source)})"
                item += "."
            if stand.note:
                item += f" {escape(stand.note)}"
            parts.append(f"<li>{item}</li>")
        parts.append(f"</ul><p>{escape(where_text(c, lang))}</p>")
        parts.append(f"<h4>{escape(m('changes', lang))}</h4>")
        if c.no_redlines:
            parts.append(f"<p><i>{escape(c.no_redlines)}</i></p>")
        for r in c.redlines:
            parts.append(f"<p><b>{escape(redline_heading(r, lang))}</b></p>")
            unchanged = escape(m("unchanged", lang, stage=r.from_stage))
            text = runs_html(r.runs, classes) or f"<i>{unchanged}</i>"
            parts.append(f'<div class="redline">{text}</div>')
            for flag in r.flags:
                parts.append(f'<p class="note">{escape(m("attention", lang, what=flag))}</p>')
        if c.unchanged:
            parts.append(f"<p><i>{escape(c.unchanged)}</i></p>")
        if c.forces:
            parts.append(f"<h4>{escape(m('forces', lang))}</h4><ul>")
            parts += [f"<li>{escape(line)}</li>" for line in c.forces]
            parts.append("</ul>")
        parts.append(f"<h4>{escape(m('points', lang))}</h4><ul>")
        parts += [f"<li>{escape(point)}</li>" for point in c.points]
        parts.append("</ul>")
    parts.append(f'<h2 class="annex">{escape(m("annex", lang))}</h2>')
    if memo.history:
        heads = "".join(
            f"<th>{escape(m(k, lang))}</th>"
            for k in ("col_concern", "col_stage", "col_status", "col_by", "col_at")
        )
        lines = "".join(
            "<tr>"
            + "".join(
                f"<td>{escape(v)}</td>" for v in (e.concern, e.stage, e.status, e.author, e.at)
            )
            + "</tr>"
            for e in memo.history
        )
        parts.append(f"<table><thead><tr>{heads}</tr></thead><tbody>{lines}</tbody></table>")
    else:
        parts.append(f"<p>{escape(m('annex_none', lang))}</p>")
    meta = {"author": memo.author, "description": header.subject, "dcterms.created": memo.generated}
    return page(title, "\n".join(parts), lang=lang, landscape=False, meta=meta)
