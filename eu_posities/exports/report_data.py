"""Figures of a built report: renumbering, totals per stage pair, and `report.json`."""

from __future__ import annotations

from typing import Any

from eu_posities.exports.report import DossierReport, Lineage, cell_summary


def short_label(old: str | None, new: str | None) -> str:
    """A provision's labels across a pair: "Art. 12 → 11" when renumbered, else the label."""
    if not old or not new or old == new:
        return old or new or ""
    a, b = old.split(" ", 1), new.split(" ", 1)
    if len(a) == 2 and len(b) == 2 and a[0] == b[0]:
        word = {"Article": "Art."}.get(a[0], a[0])
        return f"{word} {a[1]} → {b[1]}"
    return f"{old} → {new}"


def renumbering(lineage: Lineage, a: str, b: str) -> str:
    """ "Art. 12 → 11" when the provision has another number in `b` than in `a`, else ""."""
    old, new = lineage.labels.get(a, []), lineage.labels.get(b, [])
    if len(old) == 1 and len(new) == 1 and old[0] != new[0]:
        return short_label(old[0], new[0])
    return ""


def report_json(report: DossierReport) -> dict[str, Any]:
    """The machine-readable report (schema in docs/report-schema.md)."""
    return {
        "schema": "eu-posities/report/1",
        "generated": report.generated,
        "dossier": {
            "key": report.dossier.key,
            "title": report.dossier.title,
            "procedure": report.dossier.procedure,
            "commission_ref": report.dossier.commission_ref,
        },
        "stages": [
            {
                "key": s.key,
                "kind": s.kind,
                "date": s.date,
                "ref": s.ref,
                "limite": s.limite,
                "fictional": s.fictional,
                "provisions": report.provision_counts.get(s.key, 0),
                "compared": s.key in report.text_stages,
            }
            for s in report.stages
        ],
        "pairs": [{"from": a, "to": b} for a, b in report.stage_pairs],
        "provisions": [
            {
                "id": lineage.slug,
                "title": lineage.title,
                "heading": lineage.heading,
                "page": f"provisions/{lineage.slug}.html",
                "labels": lineage.labels,
                "kind": lineage.kind,
                "chapter": lineage.chapter,
                "changes": [
                    {
                        "from": a,
                        "to": b,
                        **summary.to_json(),
                        "renumbered": renumbering(lineage, a, b) or None,
                    }
                    for a, b in report.stage_pairs
                    if (summary := cell_summary(lineage.pairs.get((a, b), [])))
                ],
            }
            for lineage in report.lineages
        ],
        "totals": [totals(report, a, b) for a, b in report.stage_pairs],
        "concerns": [
            {
                "key": c.key,
                "title": c.title(report.lang),
                "provisions": [link.provision for link in c.links],
                "links": [{"stage": link.stage, "label": link.provision} for link in c.links],
                "status_by_stage": dict(c.status_by_stage),
                "resolved_in": c.resolved_in,
            }
            for c in report.concerns
        ],
        "diffs": [
            {
                "from": a,
                "to": b,
                # The contract's diff pairs; moves are listed on the pairs they concern.
                "pairs": report.diffs[(a, b)].to_json()["pairs"],
                "moves": [],
            }
            for a, b in report.stage_pairs
        ],
    }


def totals(report: DossierReport, a: str, b: str) -> dict[str, Any]:
    """How many provisions of a pair stayed, changed, came, went or were renumbered."""
    counts: dict[str, Any] = {"from": a, "to": b, "unchanged": 0, "modified": 0, "added": 0}
    counts.update({"deleted": 0, "other": 0, "renumbered": 0})
    counts.update({"words_deleted": 0, "words_inserted": 0})
    for lineage in report.lineages:
        summary = cell_summary(lineage.pairs.get((a, b), []))
        if summary is None:
            continue
        key = summary.status if summary.status in counts else "other"
        counts[key] += 1
        counts["renumbered"] += 1 if renumbering(lineage, a, b) else 0
        counts["words_deleted"] += summary.words_deleted
        counts["words_inserted"] += summary.words_inserted
    return counts
