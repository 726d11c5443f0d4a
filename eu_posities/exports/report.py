"""The batch diff report model: every provision followed across the stages of a dossier."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from sqlmodel import Session

from eu_posities.exports.ledger import ConcernRow, concerns_of
from eu_posities.exports.model import DossierInfo, StageInfo
from eu_posities.exports.policy import dossier_info, refuse_limite, stage_info
from eu_posities.exports.runs import change_counts, changed_share

Progress = Callable[[int, int, str], None]


@dataclass
class Lineage:
    """One provision followed through the stages: its label(s) in each stage with text."""

    slug: str
    title: str
    labels: dict[str, list[str]] = field(default_factory=dict)
    heading: str = ""
    text: str = ""  # as it reads in the first stage that has it
    # (from stage, to stage) -> the aligned pairs of the diff that concern this provision
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)


@dataclass(frozen=True)
class DossierReport:
    dossier: DossierInfo
    stages: tuple[StageInfo, ...]  # all known stages, in order
    text_stages: tuple[str, ...]  # the compared stages
    provision_counts: dict[str, int]
    stage_pairs: tuple[tuple[str, str], ...]
    diffs: dict[tuple[str, str], Mapping[str, Any]]
    lineages: tuple[Lineage, ...]
    concerns: tuple[ConcernRow, ...]
    generated: str
    lang: str


def slug_of(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") or "provision"


def cell_summary(pairs: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
    """How much one provision changed between two stages (None: not in either)."""
    if not pairs:
        return None
    statuses = sorted({p.get("status", "") for p in pairs})
    ops = [op for p in pairs for op in p.get("ops", [])]
    old_words, new_words, deleted, inserted = change_counts(ops)
    share = changed_share(ops)
    if statuses in (["added"], ["deleted"]):
        share = 1.0
    # The engine's class of the change (unchanged / editorial / substantive), when it gives one.
    classes = sorted({str(p["classification"]) for p in pairs if p.get("classification")})
    return {
        "status": "/".join(statuses),
        "classification": "/".join(classes),
        "share": share,
        "words_old": old_words,
        "words_new": new_words,
        "words_deleted": deleted,
        "words_inserted": inserted,
    }


def build_lineages(
    text_stages: Sequence[str],
    first_labels: Sequence[str],
    diffs: Mapping[tuple[str, str], Mapping[str, Any]],
    stage_pairs: Sequence[tuple[str, str]],
    texts: Mapping[tuple[str, str], tuple[str, str]] | None = None,
) -> list[Lineage]:
    """Follow each provision along consecutive stages; a provision new later starts its own."""
    lineages: list[Lineage] = []
    where: dict[tuple[str, str], list[Lineage]] = {}  # (stage, label) -> lineages holding it

    def start(stage: str, label: str) -> None:
        heading, text = (texts or {}).get((stage, label), ("", ""))
        lineage = Lineage(slug="", title=label, labels={stage: [label]}, heading=heading, text=text)
        lineages.append(lineage)
        where.setdefault((stage, label), []).append(lineage)

    if text_stages:
        for label in first_labels:
            start(text_stages[0], label)
    for old, new in zip(text_stages, text_stages[1:], strict=False):
        for pair in diffs[(old, new)].get("pairs", []):
            src, dst = pair.get("from"), pair.get("to")
            if dst is None:
                continue
            owners = where.get((old, src), []) if src else []
            if not owners:
                if (new, dst) not in where:
                    start(new, dst)
                continue
            for lineage in owners:
                labels = lineage.labels.setdefault(new, [])
                if dst not in labels:
                    labels.append(dst)
                if lineage not in where.get((new, dst), []):
                    where.setdefault((new, dst), []).append(lineage)
    used: set[str] = set()
    for lineage in lineages:
        first_stage = next(iter(lineage.labels))
        slug = slug_of(lineage.title)
        if slug in used:
            slug = f"{slug}-{slug_of(first_stage)}"
        while slug in used:
            slug += "-x"
        used.add(slug)
        lineage.slug = slug
        for a, b in stage_pairs:
            mine_a, mine_b = set(lineage.labels.get(a, [])), set(lineage.labels.get(b, []))
            found = [
                dict(p)
                for p in diffs[(a, b)].get("pairs", [])
                if (p.get("from") in mine_a) or (p.get("to") in mine_b)
            ]
            if found:
                lineage.pairs[(a, b)] = found
    return lineages


def build_report(
    *,
    session: Session,
    dossier_key: str,
    generated: str,
    lang: str = "en",
    all_pairs: bool = False,
    include_limite: bool = False,
    progress: Progress | None = None,
) -> DossierReport:
    """`eup report` for one dossier: diffs of the chosen stage pairs, followed per provision."""
    from eu_posities.compare import diff_stages
    from eu_posities.kinds import COMMENTARY_KINDS
    from eu_posities.store import (
        get_dossier,
        list_provisions,
        list_stages,
        provision_counts,
    )

    dossier = get_dossier(session=session, key=dossier_key)
    stages = list_stages(session=session, dossier=dossier)
    counts = provision_counts(session=session, dossier=dossier)
    by_key = {s.key: counts.get(s.id or -1, 0) for s in stages}
    text_stages = [s for s in stages if by_key[s.key] and s.kind not in COMMENTARY_KINDS]
    # A LIMITE stage known only by its date and number shows no text: it is listed, marked.
    refuse_limite(text_stages, include_limite=include_limite, dossier_key=dossier_key)
    keys = [s.key for s in text_stages]
    consecutive = list(zip(keys, keys[1:], strict=False))
    stage_pairs = list(combinations(keys, 2)) if all_pairs else consecutive
    needed = list(dict.fromkeys([*consecutive, *stage_pairs]))
    diffs: dict[tuple[str, str], Mapping[str, Any]] = {}
    for index, (old, new) in enumerate(needed):
        if progress:
            progress(index, len(needed), f"{dossier_key}: {old} → {new}")
        diffs[(old, new)] = diff_stages(
            session=session, dossier_key=dossier_key, from_key=old, to_key=new
        )
    texts: dict[tuple[str, str], tuple[str, str]] = {}
    first: list[str] = []
    for stage in text_stages:
        for provision in list_provisions(session=session, stage=stage):
            texts[(stage.key, provision.label)] = (provision.heading, provision.text)
            if stage is text_stages[0]:
                first.append(provision.label)
    lineages = build_lineages(keys, first, diffs, stage_pairs, texts)
    ledger = concerns_of(session=session, dossier=dossier, stages=stages)
    return DossierReport(
        dossier=dossier_info(dossier),
        stages=tuple(stage_info(s) for s in stages),
        text_stages=tuple(keys),
        provision_counts=by_key,
        stage_pairs=tuple(stage_pairs),
        diffs=diffs,
        lineages=tuple(lineages),
        concerns=tuple(ledger),
        generated=generated,
        lang=lang,
    )


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
                "changes": [
                    {"from": a, "to": b, **summary}
                    for a, b in report.stage_pairs
                    if (summary := cell_summary(lineage.pairs.get((a, b), [])))
                ],
            }
            for lineage in report.lineages
        ],
        "concerns": [
            {
                "key": c.key,
                "title": c.title(report.lang),
                "provisions": [f"{label}" for _stage, label in c.links],
                "links": [{"stage": stage, "label": label} for stage, label in c.links],
                "status_by_stage": c.status_by_stage,
                "resolved_in": c.resolved_in,
            }
            for c in report.concerns
        ],
        "diffs": [
            {
                "from": a,
                "to": b,
                "pairs": report.diffs[(a, b)].get("pairs", []),
                "moves": report.diffs[(a, b)].get("moves", []),
            }
            for a, b in report.stage_pairs
        ],
    }
