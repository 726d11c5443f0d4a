"""The Dutch position per concern, proposed from the "Nederlandse positie" of an imported fiche."""

from __future__ import annotations

from sqlmodel import Session

from eu_posities.concerns import ledger
from eu_posities.document import ParsedStage
from eu_posities.errors import InputError
from eu_posities.importers.dutch import PositionProposal, propose_positions
from eu_posities.store import as_parsed, get_dossier, get_stage, list_provisions, log_change


def propose_from_stage(
    *, session: Session, dossier_key: str, stage_key: str
) -> list[PositionProposal]:
    """For each concern of the dossier, the fiche paragraph that states the Dutch position on it."""
    dossier = get_dossier(session=session, key=dossier_key)
    stage = get_stage(session=session, dossier=dossier, key=stage_key)
    provisions = tuple(as_parsed(p) for p in list_provisions(session=session, stage=stage))
    if not provisions:
        raise InputError(f"stage {stage.key!r} of {dossier.key!r} has no text imported yet")
    text = ParsedStage(provisions=provisions, format=stage.source_format, language=stage.language)
    concerns = ledger.list_concerns(session=session, dossier=dossier)
    return propose_positions(text, {c.key: list(c.terms) for c in concerns})


def apply_positions(
    *, session: Session, dossier_key: str, stage_key: str, author: str, overwrite: bool = False
) -> list[PositionProposal]:
    """Store the proposed positions on concerns without one (on all of them with `overwrite`)."""
    applied = []
    dossier = get_dossier(session=session, key=dossier_key)
    stage = get_stage(session=session, dossier=dossier, key=stage_key)
    for proposal in propose_from_stage(
        session=session, dossier_key=dossier_key, stage_key=stage_key
    ):
        concern = ledger.get_concern(session=session, key=proposal.concern)
        if concern.position_nl and not overwrite:
            continue
        concern.position_nl = proposal.text
        concern.position_source = f"{stage.title or stage.key}, {proposal.location}"
        session.add(concern)
        log_change(
            session=session,
            author=author,
            action="concern.position",
            dossier_key=dossier.key,
            subject=concern.key,
            detail={"stage": stage.key, "location": proposal.location},
        )
        applied.append(proposal)
    session.flush()
    return applied
