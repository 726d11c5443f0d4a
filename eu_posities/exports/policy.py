"""Which stages an export may show: LIMITE needs consent, fictional stages are labelled."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace

from eu_posities.errors import InputError
from eu_posities.exports.model import DossierInfo, StageInfo
from eu_posities.readmodels import ConcernRecord, DossierSummary, StageSummary, resolved_in


def stage_info(stage: StageSummary) -> StageInfo:
    return StageInfo(
        key=stage.key,
        kind=stage.kind,
        title=stage.title,
        date=stage.date,
        ref=stage.ref,
        limite=stage.limite,
        fictional=stage.fictional,
        rebuilt_from=stage.rebuilt_from,
        withheld_rows=int(stage.meta.get("withheld_rows") or 0) if stage.partial else 0,
        rows=int(stage.meta.get("rows") or 0) if stage.partial else 0,
    )


def dossier_info(dossier: DossierSummary) -> DossierInfo:
    return DossierInfo(
        key=dossier.key,
        title=dossier.title,
        procedure=dossier.procedure,
        commission_ref=dossier.commission_ref,
    )


def refuse_limite(
    stages: Iterable[StageSummary], *, include_limite: bool, dossier_key: str
) -> None:
    """LIMITE texts leave the tool only on purpose: refuse them unless the user said so."""
    if include_limite:
        return
    for stage in stages:
        if stage.limite:
            raise InputError(
                f"stage {stage.key!r} of {dossier_key!r} is LIMITE; "
                "add --include-limite to export it"
            )


def shown_stages(stages: Iterable[StageSummary], *, include_limite: bool) -> list[StageSummary]:
    """The stages an export may mention at all: LIMITE ones only with consent."""
    return [s for s in stages if include_limite or not s.limite]


def within(record: ConcernRecord, stage_keys: Collection[str]) -> ConcernRecord:
    """The concern as seen from `stage_keys` only: statuses, links, history and alerts of
    other stages (a LIMITE one, a fictional one left out) never reach the export."""
    statuses = {k: v for k, v in record.status_by_stage.items() if k in stage_keys}
    return replace(
        record,
        status_by_stage=statuses,
        resolved_in=resolved_in(statuses),
        links=tuple(link for link in record.links if link.stage in stage_keys),
        history=tuple(entry for entry in record.history if entry.stage in stage_keys),
        alerts=tuple(alert for alert in record.alerts if alert.stage in stage_keys),
    )
