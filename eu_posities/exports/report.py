"""The batch diff report model: every provision followed across the stages of a dossier.

Figures and JSON of the built report are in `eu_posities.exports.report_data`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, NamedTuple

from eu_posities.diff import PairDiff, StageDiff
from eu_posities.exports.attribution import Attributor
from eu_posities.exports.model import DossierInfo, Run, StageInfo
from eu_posities.exports.policy import (
    dossier_info,
    refuse_limite,
    shown_stages,
    stage_info,
    within,
)
from eu_posities.exports.runs import change_counts, changed_share, pair_runs
from eu_posities.readmodels import ConcernRecord, DossierSummary

Progress = Callable[[int, int, str], None]
# diff_of(old, new): the comparison of two stages with text, computed when the report needs it.
DiffOf = Callable[[str, str], StageDiff]


class ProvisionText(NamedTuple):
    """A provision of a stage as the report needs it."""

    label: str
    heading: str
    text: str
    kind: str = ""
    path: tuple[str, ...] = ()


# texts_of(stage): each provision of a stage, in document order.
TextsOf = Callable[[str], Sequence[ProvisionText | tuple[str, str, str]]]
# attributor_of(stage keys): the lineage of that stage chain (changes credited per stage).
AttributorOf = Callable[[Sequence[str]], Attributor]


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
    kind: str = ""
    chapter: str = ""  # the outermost heading above it ("CHAPTER II – …"), or its kind's group


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
    # Runs of pairs between stages that are not consecutive (--all-pairs with 3+ stages),
    # each change credited to the stage in between that made it: (a, b, from, to) -> runs.
    attributed: dict[tuple[str, str, str | None, str | None], tuple[Run, ...]] = field(
        default_factory=dict
    )


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
    elif share == 0.0 and any(op.op != "equal" for op in ops):
        # A change of punctuation or spacing only: no words changed, yet it is a change.
        share = changed_chars(ops)
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


def changed_chars(ops: Sequence[Any]) -> float:
    """Share of changed characters, never 0 for ops that change something."""
    total = changed = 0
    for op in ops:
        total += len(op.old) + len(op.new) if op.op != "equal" else len(op.old) * 2
        changed += len(op.old) + len(op.new) if op.op != "equal" else 0
    return max(round(changed / total, 4), 0.0001) if total else 0.0001


_GROUPS = {
    "recital": ("Overwegingen", "Recitals"),
    "annex": ("Bijlagen", "Annexes"),
}
_PREAMBLE = ("Aanhef", "Preamble")


def chapter_of(text: ProvisionText | None, lang: str) -> str:
    """The chapter a provision is listed under: the outermost heading above it, or the
    group of its kind (recitals, annexes; title and citations make up the preamble)."""
    if text is None:
        return ""
    if text.path:
        return text.path[0]
    nl, en = _GROUPS.get(text.kind, _PREAMBLE)
    return nl if lang == "nl" else en


def build_lineages(
    text_stages: Sequence[str],
    first_labels: Sequence[str],
    diffs: Mapping[tuple[str, str], StageDiff],
    stage_pairs: Sequence[tuple[str, str]],
    texts: Mapping[tuple[str, str], tuple[str, str]] | None = None,
    orders: Mapping[str, Sequence[str]] | None = None,
) -> list[Lineage]:
    """Follow each provision along consecutive stages; a provision new later starts its own,
    placed right after the provision before it in the stage where it appears (document
    order: a new Article 5a comes after Article 5, not after the annexes). Each aligned pair
    belongs to one provision only."""
    lineages: list[Lineage] = []
    where: dict[tuple[str, str], list[Lineage]] = {}  # (stage, label) -> lineages holding it

    def start(
        stage: str, label: str, after: Lineage | None = None, gone: Sequence[str] = ()
    ) -> None:
        heading, text = (texts or {}).get((stage, label), ("", ""))
        lineage = Lineage(slug="", title=label, labels={stage: [label]}, heading=heading, text=text)
        position = lineages.index(after) + 1 if after is not None else len(lineages)
        if after is None and orders is not None and text_stages and stage != text_stages[0]:
            position = 0
        # Past the provisions the stage deleted right there: they stood before it.
        while position < len(lineages) and set(lineages[position].labels.get(gone_in, ())) & set(
            gone
        ):
            position += 1
        lineages.insert(position, lineage)
        where.setdefault((stage, label), []).append(lineage)

    def before(stage: str, label: str) -> Lineage | None:
        """The lineage of the nearest provision before `label` in `stage` that has one."""
        order = list((orders or {}).get(stage, ()))
        if label not in order:
            return lineages[-1] if lineages else None
        for previous in reversed(order[: order.index(label)]):
            found = where.get((stage, previous))
            if found:
                return found[-1]
        return None

    if text_stages:
        for label in first_labels:
            start(text_stages[0], label)
    gone_in = ""
    for old, new in zip(text_stages, text_stages[1:], strict=False):
        gone_in = old
        deleted = [
            p.from_label for p in diffs[(old, new)].pairs if p.to_label is None and p.from_label
        ]
        for pair in diffs[(old, new)].pairs:
            src, dst = pair.from_label, pair.to_label
            if dst is None:
                continue
            owners = where.get((old, src), []) if src else []
            if not owners:
                if (new, dst) not in where:
                    start(new, dst, before(new, dst) if orders is not None else None, deleted)
                continue
            for lineage in owners:
                labels = lineage.labels.setdefault(new, [])
                if dst not in labels:
                    labels.append(dst)
                if lineage not in where.get((new, dst), []):
                    where.setdefault((new, dst), []).append(lineage)
    used: set[str] = set()
    taken: set[int] = set()  # pairs already listed under a provision
    for lineage in lineages:
        first_stage = next(iter(lineage.labels))
        slug = slug_of(lineage.title)
        if slug in used:
            slug = f"{slug}-{slug_of(first_stage)}"
        while slug in used:
            slug += "-x"
        used.add(slug)
        lineage.slug = slug
    for lineage in lineages:
        for a, b in stage_pairs:
            mine_a, mine_b = set(lineage.labels.get(a, [])), set(lineage.labels.get(b, []))
            found = [
                p
                for p in diffs[(a, b)].pairs
                if id(p) not in taken
                and (p.from_label in mine_a or (p.from_label is None and p.to_label in mine_b))
            ]
            if found:
                taken.update(id(p) for p in found)
                lineage.pairs[(a, b)] = found
    for lineage in lineages:  # a pair no provision claimed: its target's provision takes it
        for a, b in stage_pairs:
            mine_b = set(lineage.labels.get(b, []))
            rest = [p for p in diffs[(a, b)].pairs if id(p) not in taken and p.to_label in mine_b]
            if rest:
                taken.update(id(p) for p in rest)
                lineage.pairs.setdefault((a, b), []).extend(rest)
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
    attributor_of: AttributorOf | None = None,
) -> DossierReport:
    """`eup report` for one dossier: diffs of the chosen stage pairs, followed per provision.

    With `attributor_of`, the changes of a pair of stages that are not consecutive are
    credited to the stage in between that made each one (the lineage).
    """
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
    full: dict[tuple[str, str], ProvisionText] = {}
    orders: dict[str, list[str]] = {}
    for stage in text_stages:
        for item in texts_of(stage.key):
            found = item if isinstance(item, ProvisionText) else ProvisionText(*item)
            texts[(stage.key, found.label)] = (found.heading, found.text)
            full[(stage.key, found.label)] = found
            orders.setdefault(stage.key, []).append(found.label)
    first = orders.get(keys[0], []) if keys else []
    lineages = build_lineages(keys, first, diffs, stage_pairs, texts, orders)
    for lineage in lineages:
        where, labels = next(iter(lineage.labels.items()))
        origin = full.get((where, labels[0]))
        lineage.kind = origin.kind if origin else ""
        lineage.chapter = chapter_of(origin, lang)
    attributed = _attributed(keys, stage_pairs, lineages, attributor_of, lang)
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
        attributed=attributed,
    )


def _attributed(
    keys: Sequence[str],
    stage_pairs: Sequence[tuple[str, str]],
    lineages: Sequence[Lineage],
    attributor_of: AttributorOf | None,
    lang: str,
) -> dict[tuple[str, str, str | None, str | None], tuple[Run, ...]]:
    """Runs of the changed pairs between stages with others in between, each change
    credited to the stage that made it."""
    out: dict[tuple[str, str, str | None, str | None], tuple[Run, ...]] = {}
    if attributor_of is None:
        return out
    for a, b in stage_pairs:
        first, last = keys.index(a), keys.index(b)
        if last - first < 2:
            continue
        attributor = attributor_of(keys[first : last + 1])
        column = last - first
        for lineage in lineages:
            for pair in lineage.pairs.get((a, b), []):
                if all(op.op == "equal" for op in pair.ops):
                    continue
                src, dst = pair.from_label, pair.to_label
                found = attributor.of(column, src, dst)
                runs = pair_runs(
                    pair,
                    stage=b,
                    lang=lang,
                    old_who=found.old.get(src) if src else None,
                    new_who=found.new.get(dst) if dst else None,
                )
                out[(a, b, src, dst)] = tuple(runs)
    return out
