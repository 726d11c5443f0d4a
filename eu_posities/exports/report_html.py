"""HTML pages of the batch diff report: the dossier index, one page per provision, a top index."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from eu_posities.exports.common import stage_flags
from eu_posities.exports.html_common import banners, meta_line, page, runs_html, stage_th
from eu_posities.exports.i18n import status_text, t
from eu_posities.exports.model import StageInfo
from eu_posities.exports.report import ChangeSummary, DossierReport, Lineage, cell_summary
from eu_posities.exports.runs import mark_moves, ops_to_runs, plain_runs

# Change-map colours by share of changed words (bucket upper bounds), then added / deleted.
_HEAT = ((0.0, "#ffffff"), (0.05, "#fff4cc"), (0.2, "#ffe08a"), (0.5, "#ffb561"), (1.01, "#f2734b"))
_ADDED, _DELETED = "#b7e4c0", "#f4b6b6"


def heat_colour(summary: ChangeSummary) -> str:
    if summary.status == "added":
        return _ADDED
    if summary.status == "deleted":
        return _DELETED
    share = summary.share
    for bound, colour in _HEAT:
        if share <= bound:
            return colour
    return _HEAT[-1][1]


def _stage_map(report: DossierReport) -> dict[str, StageInfo]:
    return {s.key: s for s in report.stages}


def _pair_head(report: DossierReport, a: str, b: str) -> str:
    stages = _stage_map(report)
    flags = {f for key in (a, b) for f in stage_flags(stages[key], report.lang)}
    spans = "".join(f'<span class="flag">{escape(f)}</span> ' for f in sorted(flags))
    return f"{escape(a)} → {escape(b)}" + (f"<br>{spans}" if spans else "")


def index_html(report: DossierReport) -> str:
    lang = report.lang
    d = report.dossier
    title = f"{t('report_title', lang)}: {d.title}"
    parts = [
        f"<header><h1>{escape(title)}</h1>",
        meta_line(
            [
                (t("dossier", lang), d.key),
                (t("procedure", lang), d.procedure),
                (t("reference", lang), d.commission_ref),
                (t("generated", lang), report.generated),
            ]
        ),
        banners([s for s in report.stages if s.key in report.text_stages], lang) + "</header>",
        f"<h2>{escape(t('summary', lang))}</h2>",
        _stages_table(report),
        f"<h2>{escape(t('change_map', lang))}</h2>",
    ]
    if not report.stage_pairs:
        parts.append(f"<p>{escape(t('no_pairs', lang))}</p>")
    else:
        parts.append(f'<p class="legend">{escape(t("change_map_help", lang))}</p>')
    parts.append(_change_map(report))
    parts.append(f"<h2>{escape(t('concern_matrix', lang))}</h2>")
    parts.append(_concern_matrix(report))
    return page(title, "\n".join(parts), lang=lang)


def _stages_table(report: DossierReport) -> str:
    lang = report.lang
    rows = []
    for s in report.stages:
        flags = " ".join(
            f'<span class="flag">{escape(f)}</span>'
            for f in ([t("limite", lang)] if s.limite else [])
            + ([t("fictional", lang)] if s.fictional else [])
        )
        count = report.provision_counts.get(s.key, 0)
        rows.append(
            f"<tr><td>{escape(s.key)} {flags}</td><td>{escape(s.kind)}</td>"
            f'<td class="date">{escape(s.date)}</td><td>{escape(s.ref)}</td>'
            f'<td class="heat">{count or "—"}</td></tr>'
        )
    head = "".join(
        f"<th>{escape(h)}</th>"
        for h in (t("stage", lang), t("kind", lang), t("date", lang), t("reference", lang))
    )
    head += f"<th>{escape(t('provisions', lang))}</th>"
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _change_map(report: DossierReport) -> str:
    lang = report.lang
    if not report.lineages:
        return ""
    head = f'<th class="label">{escape(t("provision", lang))}</th>' + "".join(
        f"<th>{_pair_head(report, a, b)}</th>" for a, b in report.stage_pairs
    )
    rows = []
    for lineage in report.lineages:
        heading = f" <small>{escape(lineage.heading)}</small>" if lineage.heading else ""
        cells = [
            f'<td class="label"><a href="provisions/{escape(lineage.slug)}.html">'
            f"{escape(lineage.title)}</a>{heading}</td>"
        ]
        for a, b in report.stage_pairs:
            summary = cell_summary(lineage.pairs.get((a, b), []))
            if summary is None:
                cells.append('<td class="absent">—</td>')
                continue
            if summary.status in ("added", "deleted"):
                text = t("new" if summary.status == "added" else "deleted", lang)
            else:
                text = f"{round(summary.share * 100)}%"
            if summary.classification == "editorial":
                text += f" ({t('editorial', lang)})"
            cells.append(
                f'<td class="heat" style="background:{heat_colour(summary)}" '
                f'title="{escape(summary.status)}">{escape(text)}</td>'
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<table><thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>"
    )


def _concern_matrix(report: DossierReport) -> str:
    lang = report.lang
    if not report.concerns:
        return f"<p>{escape(t('no_concerns', lang))}</p>"
    pages = {
        (stage, label): lineage.slug
        for lineage in report.lineages
        for stage, labels in lineage.labels.items()
        for label in labels
    }
    head = f"<th>{escape(t('concern', lang))}</th>" + "".join(
        stage_th(s, lang) for s in report.stages
    )
    head += f"<th>{escape(t('linked', lang))}</th>"
    rows = []
    for c in report.concerns:
        cells = [f"<td>{escape(c.title(lang))} <small>({escape(c.key)})</small></td>"]
        for s in report.stages:
            status = c.status_by_stage.get(s.key, "")
            cells.append(
                f'<td class="status-{escape(status)}">{escape(status_text(status, lang))}</td>'
            )
        links = []
        for link in c.links:
            slug = pages.get((link.stage, link.provision))
            text = f"{escape(link.provision)} ({escape(link.stage)})"
            links.append(f'<a href="provisions/{escape(slug)}.html">{text}</a>' if slug else text)
        cells.append(f"<td>{', '.join(links)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def provision_html(report: DossierReport, lineage: Lineage) -> str:
    lang = report.lang
    stages = _stage_map(report)
    title = f"{lineage.title}: {report.dossier.title}"
    shown = [stages[k] for k in lineage.labels if k in stages]
    parts = [
        f'<header><p><a href="../index.html">{escape(t("back", lang))}</a></p>',
        f"<h1>{escape(lineage.title)}"
        + (f" <small>{escape(lineage.heading)}</small>" if lineage.heading else "")
        + "</h1>",
        meta_line([(t("dossier", lang), report.dossier.key)]),
        banners(shown, lang) + "</header>",
        _labels_table(lineage, shown, lang),
    ]
    linked = [
        c
        for c in report.concerns
        if any(link.provision in lineage.labels.get(link.stage, []) for link in c.links)
    ]
    if linked:
        items = "".join(
            f"<li>{escape(c.title(lang))} ({escape(c.key)}): "
            + "; ".join(
                f"{escape(stage)} {escape(status_text(status, lang))}"
                for stage, status in c.status_by_stage.items()
            )
            + "</li>"
            for c in linked
        )
        parts.append(f"<h2>{escape(t('concerns', lang))}</h2><ul>{items}</ul>")
    text_part = ""
    if shown and lineage.text:
        # The redlines come first; the full text is one click away (open if nothing changed).
        is_open = "" if lineage.pairs else " open"
        text_part = (
            f"<details{is_open}><summary>{escape(t('text_in', lang, stage=shown[0].key))}"
            f'</summary><div class="redline">{runs_html(plain_runs(lineage.text))}</div></details>'
        )
    for (a, b), pairs in lineage.pairs.items():
        parts.append(f"<h2>{escape(a)} → {escape(b)}</h2>")
        for pair in pairs:
            summary = cell_summary([pair])
            assert summary is not None
            old = pair.from_label or t("new", lang)
            new = pair.to_label or t("deleted", lang)
            facts = [pair.status, summary.classification]
            facts.append(f"{round(summary.share * 100)}%")
            note = ", ".join(escape(f) for f in facts if f)
            parts.append(
                f'<h3>{escape(old)} → {escape(new)} <span class="note">({note})</span></h3>'
            )
            runs = ops_to_runs(pair.ops)
            for move in pair.moves:
                if move.to_label and move.to_label == pair.to_label:
                    note = t("moved_from", lang, label=move.from_label or "")
                    runs = mark_moves(runs, [(move.text, "")], source="ins", note=note)
                if move.from_label and move.from_label == pair.from_label:
                    note = t("moved_to", lang, label=move.to_label or "")
                    runs = mark_moves(runs, [(move.text, "")], source="del", note=note)
            parts.append(f'<div class="redline">{runs_html(runs) or "—"}</div>')
            if pair.flags:
                items = "".join(
                    f"<li>{escape(f.kind)}: {escape(f.old)} → {escape(f.new)}</li>"
                    for f in pair.flags
                )
                parts.append(f"<ul>{items}</ul>")
    if text_part:
        parts.append(text_part)
    return page(title, "\n".join(parts), lang=lang)


def _labels_table(lineage: Lineage, shown: Sequence[StageInfo], lang: str) -> str:
    head = "".join(stage_th(s, lang) for s in shown)
    cells = "".join(f"<td>{escape(', '.join(lineage.labels[s.key]))}</td>" for s in shown)
    return f"<table><thead><tr>{head}</tr></thead><tbody><tr>{cells}</tr></tbody></table>"


def top_index_html(reports: Sequence[DossierReport], generated: str, lang: str) -> str:
    title = f"{t('report_title', lang)}: {t('dossiers', lang)}"
    rows = "".join(
        f'<tr><td><a href="{escape(r.dossier.key)}/index.html">{escape(r.dossier.key)}</a></td>'
        f"<td>{escape(r.dossier.title)}</td><td>{escape(r.dossier.procedure)}</td>"
        f'<td class="heat">{len(r.text_stages)}</td><td class="heat">{len(r.lineages)}</td></tr>'
        for r in reports
    )
    head = "".join(
        f"<th>{escape(h)}</th>"
        for h in (
            t("dossier", lang),
            "",
            t("procedure", lang),
            t("stages", lang),
            t("provisions", lang),
        )
    )
    body = (
        f"<h1>{escape(title)}</h1>"
        + meta_line([(t("generated", lang), generated)])
        + f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )
    return page(title, body, lang=lang)
