"""The position memo model: each Dutch concern with its status, evidence and the text changes."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from eu_posities.diff import StageDiff
from eu_posities.exports.i18n import check_lang, t
from eu_posities.exports.model import ConcernSection, Evidence, PositionMemo, Redline
from eu_posities.exports.policy import dossier_info, refuse_limite, stage_info
from eu_posities.exports.runs import changed_paragraphs, mark_moves, ops_to_runs
from eu_posities.readmodels import ConcernRecord, DossierSummary, resolved_in

Progress = Callable[[int, int, str], None]
# diff_of(old, new): the comparison of two stages with text, computed when the memo needs it.
DiffOf = Callable[[str, str], StageDiff]


def linked_redlines(
    concern: ConcernRecord,
    text_stages: Sequence[str],
    diffs: Mapping[tuple[str, str], StageDiff],
    lang: str,
) -> list[Redline]:
    """Redlines of the concern's provisions between consecutive stages with text.

    A provision linked in one stage is followed into the next through the alignment, so a
    concern linked to Article 7 of the proposal also shows what Article 7 became later.
    """
    followed: set[str] = set()
    redlines = []
    for old, new in zip(text_stages, text_stages[1:], strict=False):
        diff = diffs.get((old, new))
        if diff is None:
            continue
        here = followed | concern.links_in(old)
        there = concern.links_in(new)
        nxt: set[str] = set()
        for pair in diff.pairs:
            src, dst = pair.from_label, pair.to_label
            if (src and src in here) or (dst and dst in there):
                runs = ops_to_runs(pair.ops)
                for move in pair.moves:
                    if move.to_label == dst:
                        note = t("moved_from", lang, label=move.from_label or "")
                        runs = mark_moves(runs, [(move.text, "")], source="ins", note=note)
                redlines.append(
                    Redline(
                        from_stage=old,
                        to_stage=new,
                        from_label=src,
                        to_label=dst,
                        status=pair.status,
                        runs=tuple(changed_paragraphs(runs)),
                        flags=tuple(f"{f.kind}: {f.old} → {f.new}" for f in pair.flags),
                    )
                )
                if dst:
                    nxt.add(dst)
        followed = nxt
    return redlines


def section_for(
    concern: ConcernRecord, lang: str, names: dict[str, str], redlines: list[Redline]
) -> ConcernSection:
    """One concern's section; `names` maps the keys of the stages shown to their names."""
    shown = set(names)
    history = [h for h in concern.history if h.stage in shown]
    status_by_stage = {s: v for s, v in concern.status_by_stage.items() if s in shown}
    # The ledger's rule, over the stages this memo shows (fictional ones may be left out).
    resolved = resolved_in(status_by_stage)
    return ConcernSection(
        key=concern.key,
        title=concern.title(lang),
        position=concern.position_nl,
        position_source=concern.position_source,
        provisions=tuple(
            f"{link.provision} ({names[link.stage]})"
            for link in concern.links
            if link.stage in shown
        ),
        status_by_stage=status_by_stage,
        current_status=list(status_by_stage.values())[-1] if status_by_stage else "",
        resolved_in=names[resolved] if resolved else None,
        evidence=tuple(
            Evidence(
                stage=names[h.stage],
                status=h.status,
                quote=h.evidence,
                document=h.evidence_document,
                location=h.evidence_location,
                note=h.note,
                author=h.author,
                at=h.at.strftime("%Y-%m-%d %H:%M") if h.at else "",
            )
            for h in history
        ),
        redlines=tuple(
            replace(r, from_stage=names[r.from_stage], to_stage=names[r.to_stage]) for r in redlines
        ),
    )


def build_memo(
    *,
    dossier: DossierSummary,
    records: Sequence[ConcernRecord],
    diff_of: DiffOf,
    generated: str,
    author: str,
    lang: str = "nl",
    include_limite: bool = False,
    include_fictional: bool = False,
    progress: Progress | None = None,
) -> PositionMemo:
    """`eup memo`: where each Dutch concern of a dossier stands, from the ledger and the diffs."""
    check_lang(lang)
    stages = [s for s in dossier.stages if include_fictional or not s.fictional]
    assessed = {h.stage for c in records for h in c.history}
    # The memo shows a stage when it has an assessment or a text to compare (a BNC-fiche or
    # Kamerbrief counts through its assessments): those are what LIMITE guards.
    stages = [s for s in stages if s.key in assessed or (s.imported and not s.is_commentary)]
    refuse_limite(stages, include_limite=include_limite, dossier_key=dossier.key)
    text_stages = [s.key for s in stages if s.imported and not s.is_commentary]
    wanted_pairs = list(zip(text_stages, text_stages[1:], strict=False))
    linked_anywhere = any(c.links for c in records)
    diffs: dict[tuple[str, str], StageDiff] = {}
    total = len(wanted_pairs) if linked_anywhere else 0
    for index, (old, new) in enumerate(wanted_pairs[:total]):
        if progress:
            progress(index, total, f"{old} → {new}")
        diffs[(old, new)] = diff_of(old, new)
    if progress:
        progress(total, total, "done")
    names = {s.key: stage_info(s).name(lang) for s in stages}
    sections = tuple(
        section_for(c, lang, names, linked_redlines(c, text_stages, diffs, lang)) for c in records
    )
    return PositionMemo(
        dossier=dossier_info(dossier),
        stages=tuple(stage_info(s) for s in stages),
        concerns=sections,
        author=author,
        date=generated[:10],
        generated=generated,
        lang=lang,
    )
