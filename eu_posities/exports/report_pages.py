"""The other pages of the batch diff report: one page per provision, and the top index."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from eu_posities.exports.html_common import (
    banners,
    meta_line,
    page,
    runs_html,
    stage_key_legend,
    stage_th,
)
from eu_posities.exports.i18n import status_text, t
from eu_posities.exports.model import StageInfo
from eu_posities.exports.report import DossierReport, Lineage, cell_summary
from eu_posities.exports.report_html import lineage_concerns, share_text
from eu_posities.exports.runs import pair_runs, plain_runs
from eu_posities.exports.wording import flag_sentence


def pages_stages(report: DossierReport, lineage: Lineage) -> list[StageInfo]:
    """Every stage the page shows: where the provision has a label, and both stages of each
    pair shown (a provision deleted in a fictional stage is shown against that stage)."""
    keys = set(lineage.labels) | {key for pair in lineage.pairs for key in pair}
    return [s for s in report.stages if s.key in keys]


def provision_html(report: DossierReport, lineage: Lineage) -> str:
    lang = report.lang
    stages = {s.key: s for s in report.stages}
    title = f"{lineage.title}: {report.dossier.title}"
    shown = pages_stages(report, lineage)
    labelled = [stages[k] for k in lineage.labels if k in stages]
    text_stages = [stages[k] for k in report.text_stages if k in stages]
    classes = {s.key: (f"by{n}", s.name(lang)) for n, s in enumerate(text_stages[1:], start=1)}
    parts = [
        f'<header><p><a href="../index.html">{escape(t("back", lang))}</a></p>',
        f"<h1>{escape(lineage.title)}"
        + (f" <small>{escape(lineage.heading)}</small>" if lineage.heading else "")
        + "</h1>",
        meta_line([(t("dossier", lang), report.dossier.key)]),
        banners(shown, lang) + "</header>",
        _labels_table(lineage, labelled, lang),
    ]
    if len(text_stages) >= 3 and lineage.pairs:
        parts.append(stage_key_legend(classes, lang, t("changes_by", lang)))
    linked = set(lineage_concerns(report, lineage))
    if linked:
        items = "".join(
            f'<li><a href="../index.html#concern-{escape(c.key)}">{escape(c.title(lang))}</a> '
            f"({escape(c.key)}): "
            + "; ".join(
                f"{escape(stage)} {escape(status_text(status, lang))}"
                for stage, status in c.status_by_stage.items()
            )
            + "</li>"
            for c in report.concerns
            if c.key in linked
        )
        parts.append(f"<h2>{escape(t('concerns', lang))}</h2><ul>{items}</ul>")
    text_part = ""
    if labelled and lineage.text:
        # The redlines come first; the full text is one click away (open if nothing changed).
        is_open = "" if lineage.pairs else " open"
        text_part = (
            f"<details{is_open}><summary>{escape(t('text_in', lang, stage=labelled[0].key))}"
            f'</summary><div class="redline">{runs_html(plain_runs(lineage.text))}</div></details>'
        )
    for (a, b), pairs in lineage.pairs.items():
        parts.append(f"<h2>{escape(a)} → {escape(b)}</h2>")
        for pair in pairs:
            summary = cell_summary([pair])
            assert summary is not None
            old = pair.from_label or t("new", lang)
            new = pair.to_label or t("deleted", lang)
            facts = [t(f"st.{pair.status}", lang), summary.classification]
            if pair.status not in ("added", "deleted"):
                facts.append(share_text(summary.share))
            note = ", ".join(escape(f) for f in facts if f)
            parts.append(
                f'<h3>{escape(old)} → {escape(new)} <span class="note">({note})</span></h3>'
            )
            runs = report.attributed.get((a, b, pair.from_label, pair.to_label))
            if runs is None:
                runs = tuple(pair_runs(pair, stage=b, lang=lang))
            parts.append(f'<div class="redline">{runs_html(runs, classes) or "—"}</div>')
            if pair.flags:
                items = "".join(
                    f"<li>{escape(flag_sentence(f.kind, f.old, f.new, lang))}</li>"
                    for f in pair.flags
                )
                parts.append(f"<ul>{items}</ul>")
    if text_part:
        parts.append(text_part)
    return page(title, "\n".join(parts), lang=lang, meta={"description": title})


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
    return page(title, body, lang=lang, meta={"dcterms.created": generated})
