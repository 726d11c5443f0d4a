"""Things every renderer shares: stage headings, flags, cell marks in words."""

from __future__ import annotations

from eu_posities.exports.i18n import status_text, t
from eu_posities.exports.model import Cell, ConcernSection, Redline, StageInfo
from eu_posities.kinds import kind_of_key


def kind_note(stage: StageInfo) -> str:
    """The stage's kind when its key does not name it ("st-11320-council": council-mandate),
    so that a four-column table read back knows what each column is."""
    return stage.kind if stage.kind != kind_of_key(stage.key) else ""


def stage_subtitle(stage: StageInfo) -> str:
    """Date and document reference, as far as known: '2022-05-11 · COM(2022) 209 final'."""
    return " · ".join(part for part in (stage.date, stage.ref) if part)


def stage_flags(stage: StageInfo, lang: str) -> list[str]:
    """The warnings a stage carries wherever it is shown: LIMITE, fictional, a text rebuilt
    from another document's marks, a column only partly shown in its document."""
    flags = []
    if stage.limite:
        flags.append(t("limite", lang))
    if stage.fictional:
        flags.append(t("fictional", lang))
    if stage.rebuilt_from:
        flags.append(t("rebuilt", lang, file=stage.rebuilt_from))
    if stage.withheld_rows:
        shown = str(stage.rows - stage.withheld_rows)
        flags.append(t("partial", lang, shown=shown, rows=str(stage.rows)))
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
    from eu_posities.exports.memo_text import m

    if c.resolved_in:
        return m("resolved_since", lang, stage=c.resolved_in)
    if c.current_status:
        return m("not_resolved", lang, status=status_text(c.current_status, lang))
    return m("stand_none", lang)


def is_open(c: ConcernSection) -> bool:
    return c.current_status in ("open", "partly", "")


def redline_heading(r: Redline, lang: str) -> str:
    """ "Artikel 7 — Commissievoorstel → Mandaat van de Raad"; a provision that is gone or
    new says in which stage that happened."""
    from eu_posities.exports.memo_text import m
    from eu_posities.exports.wording import provision_name

    if r.from_label and r.to_label:
        name = provision_name(r.from_label, lang, start=True)
        if r.to_label != r.from_label:
            name += f" → {provision_name(r.to_label, lang)}"
        return f"{name} — {r.from_stage} → {r.to_stage}"
    if r.from_label:
        gone = m("deleted_provision", lang, stage=r.to_prose or r.to_stage)
        return f"{provision_name(r.from_label, lang, start=True)} — {gone}"
    new = m("new_provision", lang, stage=r.to_prose or r.to_stage)
    return f"{provision_name(r.to_label or '', lang, start=True)}: {new}"
