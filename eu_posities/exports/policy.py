"""Which stages an export may show: LIMITE needs consent, fictional stages are labelled."""

from __future__ import annotations

from collections.abc import Iterable

from eu_posities.errors import InputError
from eu_posities.exports.model import DossierInfo, StageInfo
from eu_posities.readmodels import DossierSummary, StageSummary


def stage_info(stage: StageSummary) -> StageInfo:
    return StageInfo(
        key=stage.key,
        kind=stage.kind,
        title=stage.title,
        date=stage.date,
        ref=stage.ref,
        limite=stage.limite,
        fictional=stage.fictional,
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
