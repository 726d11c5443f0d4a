"""The position memo model: a ministerial note (*notitie*) on the Dutch concerns of a file.

Header block (Aan, Van, Datum, Kenmerk, Rubricering, Onderwerp), aanleiding, kern and
beslispunten, then per concern: the Dutch position (its source quoted once), where it stood
per stage, what changed in the text of the linked provisions, the balance of power when the
ledger noted it, and speaking points; the ledger's history (who recorded what, when) goes in
an annex. Everything a renderer shows is worded here, in Dutch or English.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from eu_posities.diff import StageDiff
from eu_posities.exports.i18n import check_lang, status_text
from eu_posities.exports.memo_text import m
from eu_posities.exports.model import (
    ConcernSection,
    HistoryEntry,
    MemoHeader,
    PositionMemo,
    Redline,
    StageInfo,
    Stand,
)
from eu_posities.exports.policy import dossier_info, refuse_limite, stage_info
from eu_posities.exports.runs import changed_paragraphs, pair_runs
from eu_posities.exports.wording import (
    act_kind,
    flag_sentence,
    long_date,
    provision_list,
    provision_name,
)
from eu_posities.readmodels import ConcernRecord, DossierSummary, StageSummary, resolved_in

Progress = Callable[[int, int, str], None]
# diff_of(old, new): the comparison of two stages with text, computed when the memo needs it.
DiffOf = Callable[[str, str], StageDiff]
FORCES_WORDS = ("krachtenveld", "balance of power")


@dataclass(frozen=True)
class MemoOptions:
    """What the user says about the header: Aan, Van, Kenmerk, and the aanleiding."""

    to: str = ""
    sender: str = ""
    reference: str = ""
    occasion: str = ""


def linked_redlines(
    concern: ConcernRecord,
    text_stages: Sequence[str],
    diffs: Mapping[tuple[str, str], StageDiff],
    lang: str,
) -> list[Redline]:
    """Redlines of the concern's provisions between consecutive stages with text.

    A provision linked in one stage is followed into the next through the alignment, so a
    concern linked to Article 7 of the proposal also shows what Article 7 became later.
    Each change is credited to the newer stage of its pair.
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
                runs = pair_runs(pair, stage=new, lang=lang)
                redlines.append(
                    Redline(
                        from_stage=old,
                        to_stage=new,
                        from_label=src,
                        to_label=dst,
                        status=pair.status,
                        runs=tuple(changed_paragraphs(runs)),
                        flags=tuple(flag_sentence(f.kind, f.old, f.new, lang) for f in pair.flags),
                    )
                )
                if dst:
                    nxt.add(dst)
        followed = nxt
    return redlines


def _same(r: Redline) -> bool:
    return r.status == "unchanged" and r.from_label == r.to_label


def _named(r: Redline, info: Mapping[str, StageInfo], lang: str) -> Redline:
    """The redline with its stages named as a reader names them."""
    if r.from_stage not in info or r.to_stage not in info:
        return r
    new = info[r.to_stage]
    return replace(
        r,
        from_stage=info[r.from_stage].name(lang),
        to_stage=new.name(lang),
        to_prose=new.prose(lang),
    )


def _unchanged(redlines: Sequence[Redline], info: Mapping[str, StageInfo], lang: str) -> str:
    """One line for the linked provisions a stage left as they were."""
    by_stage: dict[str, list[str]] = {}
    for r in redlines:
        if _same(r) and not r.runs and r.to_stage in info:
            by_stage.setdefault(r.to_stage, []).append(r.to_label or "")
    return " ".join(
        m("unchanged_in", lang, stage=info[stage].prose(lang), items=provision_list(labels, lang))
        for stage, labels in by_stage.items()
    )


def _quoted_once(quote: str, position: str) -> str:
    """The quote, unless it repeats (or is part of) the position quoted above it."""
    a, b = " ".join(quote.split()), " ".join(position.split())
    return "" if a and b and (a in b or b in a) else quote


def _provisions_text(concern: ConcernRecord, info: Mapping[str, StageInfo], lang: str) -> str:
    groups: dict[str, list[str]] = {}
    for link in concern.links:
        if link.stage in info:
            groups.setdefault(link.stage, []).append(link.provision)
    parts = [
        m("of_stage", lang, items=provision_list(labels, lang), stage=info[stage].prose(lang))
        for stage, labels in groups.items()
    ]
    return m("provisions", lang, items="; ".join(parts)) if parts else ""


def _why_none(
    concern: ConcernRecord,
    info: Mapping[str, StageInfo],
    text_stages: Sequence[str],
    left_out: Sequence[StageSummary],
    redlines: Sequence[Redline],
    lang: str,
) -> str:
    """Why a concern shows no text changes, in one sentence."""
    if redlines:
        return ""  # the changes are shown, or the unchanged provisions are named
    links = [link for link in concern.links if link.stage in info]
    if not links:
        return m("why_no_links", lang)
    on_text = [link for link in links if link.stage in text_stages]
    if not on_text:
        items = "; ".join(
            m(
                "of_stage",
                lang,
                items=provision_list([link.provision], lang),
                stage=info[link.stage].prose(lang),
            )
            for link in links
        )
        return m("why_commentary", lang, items=items)
    if len(text_stages) == 1 and left_out:
        return m("why_fictional", lang, stage=stage_info(left_out[0]).prose(lang))
    if len(text_stages) == 1:
        return m("why_one_text", lang, stage=info[text_stages[0]].prose(lang))
    if not text_stages:
        return m("why_no_text", lang)
    return m("why_unchanged", lang)


def _points(section_title: str, status: str, redlines: Sequence[Redline], lang: str) -> list[str]:
    key = {"open": "point_open", "partly": "point_partly", "resolved": "point_resolved"}.get(
        status, "point_dropped" if status == "dropped" else "point_open"
    )
    points = [m(key, lang, title=section_title)]
    if status != "resolved":
        for r in redlines:
            label = r.to_label or r.from_label or ""
            for flag in r.flags:
                points.append(
                    m("point_flag", lang, provision=provision_name(label, lang), what=flag)
                )
    return points


def section_for(
    concern: ConcernRecord,
    lang: str,
    info: Mapping[str, StageInfo],
    redlines: list[Redline],
    *,
    text_stages: Sequence[str] = (),
    left_out: Sequence[StageSummary] = (),
    notes: Sequence[str] = (),
    known: Mapping[str, StageInfo] | None = None,
) -> ConcernSection:
    """One concern's section; `info` holds the stages shown (fictional ones may be left out),
    `known` the stages the memo may name where the concern is linked (default: `info`)."""
    known = info if known is None else known
    shown = set(info)
    history = [h for h in concern.history if h.stage in shown]
    status_by_stage = {s: v for s, v in concern.status_by_stage.items() if s in shown}
    resolved = resolved_in(status_by_stage)  # the ledger's rule, over the stages shown
    newest = {h.stage: h for h in history}
    stands = []
    for stage, status in status_by_stage.items():
        entry = newest.get(stage)
        if entry is None:
            continue
        source = ", ".join(p for p in (entry.evidence_document, entry.evidence_location) if p)
        stands.append(
            Stand(
                stage=info[stage].name(lang),
                date=long_date(info[stage].date, lang),
                status=status,
                quote=_quoted_once(entry.evidence, concern.position_nl),
                source=source,
                note=entry.note,
            )
        )
    texts = [*notes, *(h.note for h in history), *(h.evidence for h in history)]
    forces = tuple(
        dict.fromkeys(x for x in texts if x and any(w in x.lower() for w in FORCES_WORDS))
    )
    current = list(status_by_stage.values())[-1] if status_by_stage else ""
    title = concern.title(lang)
    return ConcernSection(
        key=concern.key,
        title=title,
        position=concern.position_nl,
        position_source=concern.position_source,
        provisions=_provisions_text(concern, known, lang),
        stands=tuple(stands),
        status_by_stage=status_by_stage,
        current_status=current,
        resolved_in=info[resolved].prose(lang) if resolved else None,
        redlines=tuple(_named(r, info, lang) for r in redlines if r.runs or not _same(r)),
        unchanged=_unchanged(redlines, info, lang),
        no_redlines=_why_none(concern, known, text_stages, left_out, redlines, lang),
        forces=forces,
        points=tuple(_points(title, current, redlines, lang)),
    )


def _what(dossier: DossierSummary, lang: str) -> str:
    """The proposal the memo is about: "het voorstel voor een verordening"."""
    kind = act_kind(dossier.title, lang)
    return m("the_proposal_for", lang, kind=kind) if kind else m("the_proposal", lang)


def _refs(dossier: DossierSummary) -> str:
    refs = ", ".join(r for r in (dossier.commission_ref, dossier.procedure) if r)
    return f" ({refs})" if refs else ""


def _subject(dossier: DossierSummary, lang: str) -> str:
    """The subject line, in the memo's language: the BNC-fiche's Dutch title of the proposal
    where there is one, else the kind of act and the Commission's document."""
    if lang == "nl":
        fiche = next((s.title for s in dossier.stages if s.kind == "bnc-fiche" and s.title), "")
        title = fiche.split(":", 1)[-1].strip()
        if title:
            return m("subject_titled", lang, title=title) + _refs(dossier)
    what = _what(dossier, lang)
    if dossier.commission_ref:
        what += f" {dossier.commission_ref}"
    return m("subject_line", lang, what=what)


def _core(sections: Sequence[ConcernSection], lang: str) -> tuple[list[str], list[str]]:
    """Kern (where the concerns stand) and beslispunten."""
    if not sections:
        return [m("core_none", lang)], [m("decide_note", lang)]
    groups: dict[str, list[ConcernSection]] = {}
    for s in sections:
        groups.setdefault(s.current_status or "", []).append(s)
    lines = []
    for status, key in (
        ("resolved", "core_resolved"),
        ("partly", "core_partly"),
        ("open", "core_open"),
        ("dropped", "core_dropped"),
        ("", "core_unassessed"),
    ):
        found = groups.get(status, [])
        if not found:
            continue
        items = _titles([s.title for s in found], lang)
        where = ""
        places = {s.resolved_in for s in found if s.resolved_in}
        if status == "resolved" and len(places) == 1:
            where = m("in_stage", lang, stage=places.pop() or "")
        lines.append(
            m(key, lang, items=items, where=where)
            if key == "core_resolved"
            else m(key, lang, items=items)
        )
    decisions = [m("decide_note", lang)]
    holding = [s.title for s in sections if s.current_status in ("open", "partly", "")]
    if holding:
        decisions.append(m("decide_hold", lang, items=_titles(holding, lang)))
    resolved = [s.title for s in sections if s.current_status == "resolved"]
    if resolved:
        decisions.append(m("decide_accept", lang, items=_titles(resolved, lang)))
    decisions.append(m("decide_points", lang))
    return lines, decisions


def _titles(titles: Sequence[str], lang: str) -> str:
    quoted = [f"‘{t}’" for t in titles]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + (" en " if lang == "nl" else " and ") + quoted[-1]


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
    options: MemoOptions | None = None,
    notes: Mapping[str, Sequence[str]] | None = None,
) -> PositionMemo:
    """`eup memo`: where each Dutch concern of a dossier stands, from the ledger and the diffs.

    `notes` maps a concern key to the notes on its linked provisions (for the krachtenveld).
    """
    check_lang(lang)
    options = options or MemoOptions()
    assessed = {h.stage for c in records for h in c.history}
    # The memo shows a stage when it has an assessment or a text to compare (a BNC-fiche or
    # Kamerbrief counts through its assessments): those are what LIMITE guards.
    candidates = [
        s for s in dossier.stages if s.key in assessed or (s.imported and not s.is_commentary)
    ]
    stages = [s for s in candidates if include_fictional or not s.fictional]
    left_out = [s for s in candidates if s not in stages and s.imported and not s.is_commentary]
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
    info = {s.key: stage_info(s) for s in stages}
    # Where a concern is linked, as far as the memo may say: not a LIMITE stage without
    # consent, not a practice text left out.
    known = {
        s.key: stage_info(s)
        for s in dossier.stages
        if (include_limite or not s.limite) and (include_fictional or not s.fictional)
    }
    sections = []
    for c in records:
        redlines = linked_redlines(c, text_stages, diffs, lang)
        sections.append(
            section_for(
                c,
                lang,
                info,
                redlines,
                text_stages=text_stages,
                left_out=left_out,
                notes=(notes or {}).get(c.key, ()),
                known=known,
            )
        )
    core, decisions = _core(sections, lang)
    date = long_date(generated[:10], lang)
    if options.occasion:
        occasion = [options.occasion]
    else:
        occasion = [m("occasion_text", lang, what=_what(dossier, lang), refs=_refs(dossier))]
    if text_stages:
        last = info[text_stages[-1]]
        when = f" ({long_date(last.date, lang)})" if last.date else ""
        occasion.append(m("latest_text", lang, stage=last.prose(lang), date=when))
    else:
        occasion.append(m("no_text", lang))
    for s in stages:
        if s.fictional:
            occasion.append(m("fictional_warning", lang, stage=info[s.key].name(lang)))
    header = MemoHeader(
        to=options.to or m("default_to", lang),
        sender=options.sender or author,
        date=date,
        reference=options.reference or dossier.procedure or dossier.key,
        classification=m("limite_class", lang) if any(s.limite for s in stages) else "",
        subject=_subject(dossier, lang),
    )
    history = tuple(
        HistoryEntry(
            concern=c.title(lang),
            stage=info[h.stage].name(lang),
            status=status_text(h.status, lang),
            author=h.author,
            at=h.at.strftime("%Y-%m-%d %H:%M") if h.at else "",
        )
        for c in records
        for h in c.history
        if h.stage in info
    )
    return PositionMemo(
        dossier=dossier_info(dossier),
        stages=tuple(info.values()),
        concerns=tuple(sections),
        author=author,
        date=date,
        generated=generated,
        lang=lang,
        header=header,
        occasion=tuple(occasion),
        core=tuple(core),
        decisions=tuple(decisions),
        history=history,
    )
