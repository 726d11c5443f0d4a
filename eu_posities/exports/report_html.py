"""The index page of a dossier's batch diff report: totals, change map by chapter, concerns.

The change map lists every provision followed through the stages, under its chapter, with the
share of changed words per stage pair (never 0% for a changed provision), renumbering
("Art. 12 → 11"), a small inline SVG chart per chapter, and a filter by status and concern
written in plain JavaScript inside the page (nothing from the network).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from eu_posities.exports.common import stage_flags
from eu_posities.exports.html_common import banners, meta_line, page, stage_th
from eu_posities.exports.i18n import status_text, t
from eu_posities.exports.model import StageInfo
from eu_posities.exports.report import ChangeSummary, DossierReport, Lineage, cell_summary
from eu_posities.exports.report_data import renumbering, totals

# Change-map colours by share of changed words (bucket upper bounds), then added / deleted.
_HEAT = ((0.0, "#ffffff"), (0.05, "#fff4cc"), (0.2, "#ffe08a"), (0.5, "#ffb561"), (1.01, "#f2734b"))
_ADDED, _DELETED = "#b7e4c0", "#f4b6b6"
CHANGED = ("modified", "added", "deleted", "split", "merged")

FILTER_JS = """(function () {
  var status = document.getElementById("f-status");
  var concern = document.getElementById("f-concern");
  var count = document.getElementById("f-count");
  function has(row, name, value) {
    return value === "all" || (row.getAttribute(name) || "").split(" ").indexOf(value) >= 0;
  }
  function apply() {
    var shown = 0;
    document.querySelectorAll("tr[data-status]").forEach(function (row) {
      var keep = has(row, "data-status", status.value) && has(row, "data-concerns", concern.value);
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    document.querySelectorAll("section.chapter").forEach(function (section) {
      section.hidden = !section.querySelector("tr[data-status]:not([hidden])");
    });
    count.textContent = String(shown);
  }
  // A link may carry the filter: index.html#status=changed&concern=detectiebevel
  location.hash.replace(/^#/, "").split("&").forEach(function (part) {
    var pair = part.split("=");
    var box = pair[0] === "status" ? status : pair[0] === "concern" ? concern : null;
    if (box && pair[1]) { box.value = decodeURIComponent(pair[1]); }
  });
  status.addEventListener("change", apply);
  concern.addEventListener("change", apply);
  apply();
})();
"""


def heat_colour(summary: ChangeSummary) -> str:
    if summary.status == "added":
        return _ADDED
    if summary.status == "deleted":
        return _DELETED
    share = summary.share
    if share > 0:
        share = max(share, 0.001)  # a changed provision is never white
    for bound, colour in _HEAT:
        if share <= bound:
            return colour
    return _HEAT[-1][1]


def share_text(share: float) -> str:
    """ "12%", "0.3%", "<0.1%": a changed provision never reads 0%."""
    percent = share * 100
    if share <= 0:
        return "0%"
    if percent < 0.1:
        return "<0.1%"
    if percent < 10:
        return f"{percent:.1f}%"
    return f"{round(percent)}%"


def _stage_map(report: DossierReport) -> dict[str, StageInfo]:
    return {s.key: s for s in report.stages}


def _pair_head(report: DossierReport, a: str, b: str) -> str:
    stages = _stage_map(report)
    flags = {f for key in (a, b) for f in stage_flags(stages[key], report.lang)}
    spans = "".join(f'<span class="flag">{escape(f)}</span> ' for f in sorted(flags))
    return f"{escape(a)} → {escape(b)}" + (f"<br>{spans}" if spans else "")


def lineage_concerns(report: DossierReport, lineage: Lineage) -> list[str]:
    """Keys of the concerns linked to this provision in some stage."""
    return [
        c.key
        for c in report.concerns
        if any(link.provision in lineage.labels.get(link.stage, []) for link in c.links)
    ]


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
    script = ""
    if not report.stage_pairs:
        parts.append(f"<p>{escape(t('no_pairs', lang))}</p>")
    else:
        parts.append(f"<h3>{escape(t('totals', lang))}</h3>")
        parts.append(_totals_table(report))
        parts.append(f'<p class="legend">{escape(t("change_map_help", lang))}</p>')
        parts.append(_filter(report))
        script = FILTER_JS
    parts.append(_change_map(report))
    parts.append(f"<h2>{escape(t('concern_matrix', lang))}</h2>")
    parts.append(_concern_matrix(report))
    meta = {"description": f"{d.title} ({d.procedure})", "dcterms.created": report.generated}
    return page(title, "\n".join(parts), lang=lang, meta=meta, script=script)


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


def _totals_table(report: DossierReport) -> str:
    lang = report.lang
    names = ("unchanged", "modified", "added", "deleted", "renumbered")
    head = f"<th>{escape(t('pairs', lang))}</th>" + "".join(
        f"<th>{escape(t('st.' + n, lang) if n != 'renumbered' else t('renumbered', lang))}</th>"
        for n in names
    )
    head += f"<th>{escape(t('words_changed', lang))}</th>"
    rows = []
    for a, b in report.stage_pairs:
        found = totals(report, a, b)
        cells = "".join(f'<td class="heat">{found[n]}</td>' for n in names)
        words = f"{found['words_deleted']} / {found['words_inserted']}"
        rows.append(
            f'<tr><td>{_pair_head(report, a, b)}</td>{cells}<td class="heat">{words}</td></tr>'
        )
    return (
        f'<table class="map"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _filter(report: DossierReport) -> str:
    lang = report.lang
    statuses = [("all", t("filter_all", lang)), ("changed", t("filter_changed", lang))]
    statuses += [(s, t(f"st.{s}", lang)) for s in ("unchanged", *CHANGED)]
    statuses.append(("renumbered", t("filter_renumbered", lang)))
    status = "".join(f'<option value="{v}">{escape(n)}</option>' for v, n in statuses)
    concerns = f'<option value="all">{escape(t("filter_all", lang))}</option>' + "".join(
        f'<option value="{escape(c.key)}">{escape(c.title(lang))}</option>' for c in report.concerns
    )
    return (
        f'<p class="filter"><label>{escape(t("filter_status", lang))} '
        f'<select id="f-status">{status}</select></label> '
        f'<label>{escape(t("filter_concern", lang))} <select id="f-concern">{concerns}</select>'
        f'</label> <span id="f-count">{len(report.lineages)}</span> '
        f"{escape(t('shown_count', lang))}</p>"
    )


def _chart(report: DossierReport, lineages: Sequence[Lineage]) -> str:
    """One bar per provision: the largest share of changed words over the pairs."""
    width, height, bar = max(len(lineages), 1) * 6, 36, 5
    bars = []
    for index, lineage in enumerate(lineages):
        worst: ChangeSummary | None = None
        for a, b in report.stage_pairs:
            summary = cell_summary(lineage.pairs.get((a, b), []))
            if summary is not None and (worst is None or summary.share > worst.share):
                worst = summary
        if worst is None:
            continue
        tall = round(worst.share * (height - 2))
        if worst.share > 0:
            tall = max(tall, 2)
        x, y = index * 6, height - tall
        label = f"{lineage.title}: {share_text(worst.share)}"
        bars.append(
            f'<rect x="{x}" y="{y}" width="{bar}" height="{tall}" fill="{heat_colour(worst)}"'
            f' stroke="#8a8f96" stroke-width="0.5"><title>{escape(label)}</title></rect>'
        )
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" role="img"><line x1="0" y1="{height - 0.5}"'
        f' x2="{width}" y2="{height - 0.5}" stroke="#c9ccd1"/>{"".join(bars)}</svg>'
    )


def _row(report: DossierReport, lineage: Lineage) -> tuple[str, bool]:
    lang = report.lang
    heading = f" <small>{escape(lineage.heading)}</small>" if lineage.heading else ""
    cells = [
        f'<td class="label"><a href="provisions/{escape(lineage.slug)}.html">'
        f"{escape(lineage.title)}</a>{heading}</td>"
    ]
    tokens: set[str] = set()
    for a, b in report.stage_pairs:
        summary = cell_summary(lineage.pairs.get((a, b), []))
        if summary is None:
            cells.append('<td class="absent">—</td>')
            continue
        tokens.update(summary.status.split("/"))
        moved = renumbering(lineage, a, b)
        if summary.status in ("added", "deleted"):
            text = t("new" if summary.status == "added" else "deleted", lang)
        elif summary.status == "unchanged" and moved:
            text = ""  # renumbered only: the new number is the news
        else:
            text = share_text(summary.share)
        if summary.classification == "editorial":
            text += f" ({t('editorial', lang)})"
        if moved:
            tokens.add("renumbered")
            text = f"{text} · {moved}" if text else moved
        cells.append(
            f'<td class="heat" style="background:{heat_colour(summary)}" '
            f'title="{escape(summary.status)}">{escape(text)}</td>'
        )
    changed = bool(tokens & set(CHANGED))
    if changed:
        tokens.add("changed")
    concerns = " ".join(lineage_concerns(report, lineage))
    attrs = f'data-status="{escape(" ".join(sorted(tokens)))}" data-concerns="{escape(concerns)}"'
    return f"<tr {attrs}>" + "".join(cells) + "</tr>", changed


def _change_map(report: DossierReport) -> str:
    lang = report.lang
    if not report.lineages:
        return ""
    head = f'<th class="label">{escape(t("provision", lang))}</th>' + "".join(
        f"<th>{_pair_head(report, a, b)}</th>" for a, b in report.stage_pairs
    )
    chapters: dict[str, list[Lineage]] = {}
    for lineage in report.lineages:
        chapters.setdefault(lineage.chapter, []).append(lineage)
    sections = []
    for chapter, members in chapters.items():
        rows, changed = [], 0
        for lineage in members:
            row, was_changed = _row(report, lineage)
            rows.append(row)
            changed += was_changed
        counts = t("chapter_counts", lang, n=str(len(members)), k=str(changed))
        chart = _chart(report, members) if report.stage_pairs else ""
        sections.append(
            f'<section class="chapter"><h3>{escape(chapter or "—")} <small>({escape(counts)})'
            f'</small></h3>{chart}\n<table class="map"><thead><tr>{head}</tr></thead><tbody>\n'
            + "\n".join(rows)
            + "\n</tbody></table></section>"
        )
    return "\n".join(sections)


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
        cells = [
            f'<td id="concern-{escape(c.key)}">{escape(c.title(lang))} '
            f"<small>({escape(c.key)})</small></td>"
        ]
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
