"""The batch diff report model: every provision followed across the stages of a dossier."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from eu_posities.diff import PairDiff, StageDiff
from eu_posities.exports.model import DossierInfo, StageInfo
from eu_posities.exports.policy import (
    dossier_info,
    refuse_limite,
    shown_stages,
    stage_info,
    within,
)
from eu_posities.exports.runs import change_counts, changed_share
from eu_posities.readmodels import ConcernRecord, DossierSummary

Progress = Callable[[int, int, str], None]
# diff_of(old, new): the comparison of two stages with text, computed when the report needs it.
DiffOf = Callable[[str, str], StageDiff]
# texts_of(stage): (label, heading, text) of each provision of a stage, in document order.
TextsOf = Callable[[str], Sequence[tuple[str, str, str]]]


@dataclass
class Lineage:
    """One provision followed through the stages: its label(s) in each stage with text."""

    slug: str
    title: str
    labels: dict[str, list[str]] = field(default_factory=dict)
    heading: str = ""
    text: str = ""  # as it reads in the first stage that has it
    # (from stage, to stage) -> the aligned pairs of the diff that concern this provision
    pairs: dict[tuple[str, str], list[PairDiff]] = field(default_factory=dict)


@dataclass(frozen=True)
class DossierReport:
    dossier: DossierInfo
    stages: tuple[StageInfo, ...]  # all known stages, in order
    text_stages: tuple[str, ...]  # the compared stages
    provision_counts: dict[str, int]
    stage_pairs: tuple[tuple[str, str], ...]
    diffs: dict[tuple[str, str], StageDiff]
    lineages: tuple[Lineage, ...]
    concerns: tuple[ConcernRecord, ...]
    generated: str
    lang: str


def slug_of(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") or "provision"


@dataclass(frozen=True, slots=True)
class ChangeSummary:
    """How much one provision changed between two stages."""

    status: str
    classification: str
    share: float
    words_old: int
    words_new: int
    words_deleted: int
    words_inserted: int

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "classification": self.classification,
            "share": self.share,
            "words_old": self.words_old,
            "words_new": self.words_new,
            "words_deleted": self.words_deleted,
            "words_inserted": self.words_inserted,
        }


def cell_summary(pairs: Sequence[PairDiff]) -> ChangeSummary | None:
    """How much one provision changed between two stages (None: not in either)."""
    if not pairs:
        return None
    statuses = sorted({p.status for p in pairs})
    ops = [op for p in pairs for op in p.ops]
    old_words, new_words, deleted, inserted = change_counts(ops)
    share = changed_share(ops)
    if statuses in (["added"], ["deleted"]):
        share = 1.0
    # The engine's class of the change (unchanged / editorial / substantive), when it gives one.
    classes = sorted({p.classification for p in pairs if p.classification})
    return ChangeSummary(
        status="/".join(statuses),
        classification="/".join(classes),
        share=share,
        words_old=old_words,
        words_new=new_words,
        words_deleted=deleted,
        words_inserted=inserted,
    )


def build_lineages(
    text_stages: Sequence[str],
    first_labels: Sequence[str],
    diffs: Mapping[tuple[str, str], StageDiff],
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
        for pair in diffs[(old, new)].pairs:
            src, dst = pair.from_label, pair.to_label
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
                p for p in diffs[(a, b)].pairs if (p.from_label in mine_a) or (p.to_label in mine_b)
            ]
            if found:
                lineage.pairs[(a, b)] = found
    return lineages


def build_report(
    *,
    dossier: DossierSummary,
    records: Sequence[ConcernRecord],
    diff_of: DiffOf,
    texts_of: TextsOf,
    generated: str,
    lang: str = "en",
    all_pairs: bool = False,
    include_limite: bool = False,
    progress: Progress | None = None,
) -> DossierReport:
    """`eup report` for one dossier: diffs of the chosen stage pairs, followed per provision."""
    text_stages = [s for s in dossier.stages if s.imported and not s.is_commentary]
    refuse_limite(text_stages, include_limite=include_limite, dossier_key=dossier.key)
    # A LIMITE stage known only by its date and number is left out altogether without
    # consent: its title, its assessments and their notes are LIMITE too.
    shown = shown_stages(dossier.stages, include_limite=include_limite)
    keys_shown = {s.key for s in shown}
    keys = [s.key for s in text_stages]
    consecutive = list(zip(keys, keys[1:], strict=False))
    stage_pairs = list(combinations(keys, 2)) if all_pairs else consecutive
    needed = list(dict.fromkeys([*consecutive, *stage_pairs]))
    diffs: dict[tuple[str, str], StageDiff] = {}
    for index, (old, new) in enumerate(needed):
        if progress:
            progress(index, len(needed), f"{dossier.key}: {old} → {new}")
        diffs[(old, new)] = diff_of(old, new)
    texts: dict[tuple[str, str], tuple[str, str]] = {}
    first: list[str] = []
    for stage in text_stages:
        for label, heading, text in texts_of(stage.key):
            texts[(stage.key, label)] = (heading, text)
            if stage is text_stages[0]:
                first.append(label)
    lineages = build_lineages(keys, first, diffs, stage_pairs, texts)
    return DossierReport(
        dossier=dossier_info(dossier),
        stages=tuple(stage_info(s) for s in shown),
        text_stages=tuple(keys),
        provision_counts={s.key: s.provisions for s in shown},
        stage_pairs=tuple(stage_pairs),
        diffs=diffs,
        lineages=tuple(lineages),
        concerns=tuple(within(record, keys_shown) for record in records),
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
                    {"from": a, "to": b, **summary.to_json()}
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
