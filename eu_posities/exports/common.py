"""Things every renderer shares: stage headings, flags, cell marks in words."""

from __future__ import annotations

from eu_posities.exports.i18n import status_text, t
from eu_posities.exports.model import Cell, ConcernSection, Redline, StageInfo


def stage_subtitle(stage: StageInfo) -> str:
    """Date and document reference, as far as known: '2022-05-11 · COM(2022) 209 final'."""
    return " · ".join(part for part in (stage.date, stage.ref) if part)


def stage_flags(stage: StageInfo, lang: str) -> list[str]:
    """The warnings a stage carries wherever it is shown (LIMITE, fictional)."""
    flags = []
    if stage.limite:
        flags.append(t("limite", lang))
    if stage.fictional:
        flags.append(t("fictional", lang))
    return flags


def any_limite(stages: tuple[StageInfo, ...] | list[StageInfo]) -> bool:
    return any(s.limite for s in stages)


def any_fictional(stages: tuple[StageInfo, ...] | list[StageInfo]) -> bool:
    return any(s.fictional for s in stages)


def mark_text(cell: Cell, lang: str) -> str:
    """The words shown for a cell's mark ('' for an ordinary cell)."""
    if cell.mark in ("new", "deleted", "absent"):
        return t(cell.mark, lang)
    if cell.mark == "merged":
        return cell.note
    return ""


def stage_list(stages: tuple[StageInfo, ...]) -> str:
    return ", ".join(s.key for s in stages)


def where_text(c: ConcernSection, lang: str) -> str:
    """Where a concern stands now, in one sentence."""
    if c.resolved_in:
        return t("resolved_in", lang, stage=c.resolved_in)
    if c.current_status:
        return t("not_resolved", lang, status=status_text(c.current_status, lang))
    return t("no_status", lang)


def open_point(c: ConcernSection, lang: str) -> str:
    text = where_text(c, lang)
    notes = [e.note for e in c.evidence if e.note]
    return f"{text} {notes[-1]}" if notes else text


def is_open(c: ConcernSection) -> bool:
    return c.current_status in ("open", "partly", "")


def redline_heading(r: Redline, lang: str) -> str:
    # A provision that is gone still says in which stage that happened.
    old = f"{r.from_label} ({r.from_stage})" if r.from_label else t("new", lang)
    new = f"{r.to_label} ({r.to_stage})" if r.to_label else t("deleted_in", lang, stage=r.to_stage)
    return f"{old} → {new}"
