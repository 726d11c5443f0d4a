"""The Dutch position per concern, proposed from the "Nederlandse positie" of an imported fiche."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from eu_posities.concerns import ledger
from eu_posities.document import Block, ParsedStage
from eu_posities.errors import InputError
from eu_posities.store import as_parsed, get_dossier, get_stage, list_provisions, log_change


@dataclass(frozen=True)
class PositionProposal:
    """Text of a fiche proposed as the Dutch position on one concern, and where it was found."""

    concern: str
    text: str
    location: str
    score: float


def position_blocks(stage: ParsedStage) -> list[Block]:
    """The paragraphs of section 3 c) "Nederlandse positie" (all of section 3 if not divided)."""
    section = next(
        (
            p
            for p in stage.provisions
            if p.kind == "section" and "nederlandse positie" in p.heading.lower()
        ),
        None,
    )
    if section is None:
        return []
    paragraphs = [b for b in section.blocks if "heading" not in b.markers]
    in_c = [b for b in paragraphs if b.markers.get("subsection") == "c"]
    return in_c or paragraphs


def propose_positions(stage: ParsedStage, concerns: dict[str, list[str]]) -> list[PositionProposal]:
    """For each concern (key -> search terms), the fiche paragraph that speaks about it most."""
    from rapidfuzz import fuzz

    blocks = position_blocks(stage)
    proposals: list[PositionProposal] = []
    for key, terms in concerns.items():
        best: tuple[float, Block] | None = None
        for block in blocks:
            low = block.text.lower()
            score = 0.0
            for term in terms:
                t = term.lower()
                if len(t) < 3:
                    continue
                if t in low:
                    score += 1.0
                elif len(t) >= 6 and fuzz.partial_ratio(t, low) >= 90:
                    score += 0.5
            if score and (best is None or score > best[0]):
                best = (score, block)
        if best is not None:
            proposals.append(
                PositionProposal(
                    concern=key,
                    text=best[1].text,
                    location=str(best[1].markers.get("label", "section 3")),
                    score=min(1.0, best[0] / 3),
                )
            )
    return proposals


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
