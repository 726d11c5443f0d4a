"""Gathering what an export shows, inside the export's one read transaction.

Stages, provisions, alignments and diffs (the user's overrides applied), the concern ledger,
notes and imported four-column rows, handed to the pure builders of `eu_posities.exports`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlmodel import Session

    from eu_posities.diff import StageDiff
    from eu_posities.exports.attribution import Attributor
    from eu_posities.exports.model import ComparisonTable
    from eu_posities.exports.report import DossierReport
    from eu_posities.models import Dossier
    from eu_posities.readmodels import RowEntry

Progress = Callable[[int, int, str], None]


def diff_of_stages(session: Session, dossier_key: str) -> Callable[[str, str], StageDiff]:
    """The comparison of two stages as the exports need it: overrides applied, every time."""
    from eu_posities.compare import compare_pair, load_pair

    def diff_of(old: str, new: str) -> StageDiff:
        pair = load_pair(session=session, dossier_key=dossier_key, from_key=old, to_key=new)
        return compare_pair(session=session, pair=pair).diff

    return diff_of


def attributor_for(session: Session, dossier_key: str, keys: Sequence[str]) -> Attributor:
    """The lineage of the stage chain `keys` (consecutive stages aligned as everywhere)."""
    from eu_posities.compare import align_pair, load_pair
    from eu_posities.exports.attribution import Attributor

    pairs = [
        load_pair(session=session, dossier_key=dossier_key, from_key=a, to_key=b)
        for a, b in zip(keys, keys[1:], strict=False)
    ]
    chain = [(keys[0], pairs[0].old_provisions)]
    chain += [(key, p.new_provisions) for key, p in zip(keys[1:], pairs, strict=True)]
    return Attributor(chain, [align_pair(session=session, pair=p).matches for p in pairs])


def imported_rows(
    session: Session, dossier: Dossier, keys: Sequence[str], *, include_limite: bool = False
) -> list[RowEntry]:
    """The dossier's four-column rows that hold a cell of one of the stages shown.

    A row of a document with a LIMITE column is used only with consent: its number and
    status are that document's too.
    """
    from eu_posities.imports.rows import rows_of
    from eu_posities.readmodels import RowEntry
    from eu_posities.services.reading import stages_in

    wanted = set(keys)
    allowed = {s.key for s in stages_in(session, dossier) if include_limite or not s.limite}
    allowed |= wanted
    return [
        RowEntry(
            number=r.number,
            status=r.status,
            heading=r.heading,
            cells={k: v for k, v in dict(r.cells).items() if k in wanted},
            label=r.label,
            part=r.part,
        )
        for r in rows_of(session, dossier)
        if wanted & set(r.cells) and set(r.cells) <= allowed
    ]


def table_of(
    session: Session,
    dossier_key: str,
    stage_keys: Sequence[str],
    *,
    generated: str,
    lang: str,
    with_concerns: bool,
    include_limite: bool,
    progress: Progress | None,
    layout: str = "rows",
    author: str = "",
) -> ComparisonTable:
    """The comparison table of `stage_keys` (2 to 5), in either layout."""
    from eu_posities.compare import align_pair, compare_pair, load_pair
    from eu_posities.exports.fourcol import build_fourcol_table, notes_column
    from eu_posities.exports.policy import dossier_info, refuse_limite, stage_info
    from eu_posities.exports.table import build_table_from_diffs, concern_notes
    from eu_posities.services.comparing import check_stage_count
    from eu_posities.services.notes import notes_in
    from eu_posities.services.reading import concerns_in, dossier_in
    from eu_posities.store import get_dossier, get_stage

    keys = check_stage_count(stage_keys)
    found = get_dossier(session=session, key=dossier_key)
    dossier = dossier_in(session, found)
    by_key = {s.key: s for s in dossier.stages}
    stages = [by_key[get_stage(session=session, dossier=found, key=k).key] for k in keys]
    refuse_limite(stages, include_limite=include_limite, dossier_key=dossier_key)
    total = len(keys) - 1 + (1 if len(keys) >= 3 else 0)
    pairs = []
    for index, stage in enumerate(stages[1:]):
        if progress:
            progress(index, total, f"{keys[0]} → {stage.key}")
        pairs.append(
            load_pair(session=session, dossier_key=dossier_key, from_key=keys[0], to_key=stage.key)
        )
    # Three stages or more: each change credited to the stage that made it (the lineage).
    attributor = attributor_for(session, dossier_key, keys) if len(keys) >= 3 else None
    if progress:
        progress(total, total, "done")
    notes = None
    if with_concerns:
        notes = concern_notes(concerns_in(session, found, alerts=False), keys, lang)
    first = pairs[0].old_provisions
    if layout == "rows":
        return build_fourcol_table(
            dossier=dossier_info(dossier),
            stages=[stage_info(s) for s in stages],
            provisions=[first, *(p.new_provisions for p in pairs)],
            alignments=[align_pair(session=session, pair=p, parts=True).matches for p in pairs],
            generated=generated,
            lang=lang,
            rows=imported_rows(session, found, keys, include_limite=include_limite),
            notes_for=notes_column(notes_in(session, found, keys), notes),
            attributor=attributor,
            author=author,
        )
    return build_table_from_diffs(
        dossier=dossier_info(dossier),
        stages=[stage_info(s) for s in stages],
        base_provisions=[(p.label, p.text) for p in first],
        diffs=[compare_pair(session=session, pair=p).diff for p in pairs],
        generated=generated,
        lang=lang,
        concern_notes=notes,
        headings={p.label: p.heading for p in first if p.heading},
        attributor=attributor,
        author=author,
    )


def report_of(
    session: Session,
    dossier_key: str,
    *,
    generated: str,
    lang: str,
    all_pairs: bool,
    include_limite: bool,
    progress: Progress | None,
) -> DossierReport:
    """The batch report of one dossier (see `eu_posities.exports.report`)."""
    from eu_posities.exports.report import ProvisionText, build_report
    from eu_posities.services.reading import concerns_in, dossier_in
    from eu_posities.store import get_dossier, get_stage, list_provisions

    found = get_dossier(session=session, key=dossier_key)

    def texts_of(stage_key: str) -> list[ProvisionText]:
        stage = get_stage(session=session, dossier=found, key=stage_key)
        return [
            ProvisionText(p.label, p.heading, p.text, p.kind, tuple(p.path))
            for p in list_provisions(session=session, stage=stage)
        ]

    return build_report(
        dossier=dossier_in(session, found),
        records=concerns_in(session, found, alerts=False),
        diff_of=diff_of_stages(session, dossier_key),
        texts_of=texts_of,
        generated=generated,
        lang=lang,
        all_pairs=all_pairs,
        include_limite=include_limite,
        progress=progress,
        attributor_of=lambda keys: attributor_for(session, dossier_key, keys),
    )
