"""Made-up sample data for the export tests: MADE-UP TEXT, not from any real EU document.

The diffs are written by hand as the engine's typed results (the ops a `word_diff` returns),
so that the renderers are tested without the alignment engine.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eu_posities.diff import DiffOp, Flag, Move, PairDiff, StageDiff
from eu_posities.exports.model import DossierInfo, StageInfo
from eu_posities.exports.table import build_table_from_diffs
from eu_posities.readmodels import AssessmentEntry, ConcernRecord, LinkEntry

GOLDEN = Path(__file__).resolve().parent / "golden"
STAMP = "2026-01-02 03:04 UTC"
_STAMP_RE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC")

DOSSIER = DossierInfo(
    key="practice-file",
    title="Made-up practice regulation (sample text, not a real act)",
    procedure="0000/0000(COD)",
    commission_ref="COM(0000) 0 final",
)
STAGES = (
    StageInfo("commission-proposal", "commission-proposal", "", "2030-01-01", "COM(0000) 0 final"),
    StageInfo("council-general-approach", "council-general-approach", "", "2030-06-01", "ST 1/30"),
    StageInfo("trilogue", "trilogue", "", "2030-09-01", "", fictional=True),
)
BASE = [
    ("Article 1", "Subject matter\nThis made-up Regulation lays down rules on sample duties."),
    ("Article 2", "Providers shall report incidents. Reports are kept for a year."),
    ("Article 3", "Member States shall designate an authority."),
]


def eq(text: str) -> DiffOp:
    return DiffOp("equal", text, text)


def ins(text: str) -> DiffOp:
    return DiffOp("insert", "", text)


def dele(text: str) -> DiffOp:
    return DiffOp("delete", text, "")


def rep(old: str, new: str) -> DiffOp:
    return DiffOp("replace", old, new)


def pair(
    old: str | None,
    new: str | None,
    status: str,
    ops: list[DiffOp],
    flags: tuple[Flag, ...] = (),
    moves: tuple[Move, ...] = (),
) -> PairDiff:
    return PairDiff(old, new, status, tuple(ops), flags, moves)


DIFF_AB = StageDiff(
    "commission-proposal",
    "council-general-approach",
    (
        pair(
            "Article 1",
            "Article 1",
            "modified",
            [
                eq("Subject matter\nThis made-up Regulation lays down "),
                rep("rules", "uniform rules"),
                eq(" on sample duties."),
            ],
        ),
        pair(
            "Article 2",
            None,
            "deleted",
            [dele("Providers shall report incidents. Reports are kept for a year.")],
        ),
        pair(None, "Article 2a", "added", [ins("A made-up new article on sample reviews.")]),
        pair(
            "Article 3",
            "Article 4",
            "modified",
            [
                eq("Member States "),
                rep("shall", "may"),
                eq(" designate an authority."),
                ins(" Providers shall report incidents."),
            ],
            flags=(Flag("modal", "shall", "may"),),
            moves=(Move("Article 2", "Article 4", "Providers shall report incidents."),),
        ),
    ),
)
DIFF_AC = StageDiff(
    "commission-proposal",
    "trilogue",
    tuple(pair(label, label, "unchanged", [eq(text)]) for label, text in BASE),
)


DIFF_BC = StageDiff(
    "council-general-approach",
    "trilogue",
    (
        pair(
            "Article 1",
            "Article 1",
            "unchanged",
            [eq(BASE[0][1].replace("rules", "uniform rules"))],
        ),
        pair(
            "Article 2a",
            "Article 2a",
            "unchanged",
            [eq("A made-up new article on sample reviews.")],
        ),
        pair(
            "Article 4", "Article 4", "unchanged", [eq("Member States may designate an authority.")]
        ),
    ),
)


def sample_table(*, with_concerns: bool = False, lang: str = "en"):  # type: ignore[no-untyped-def]
    notes = (
        (
            lambda labels: (
                "vog — open" if "Article 3" in labels.get("commission-proposal", set()) else ""
            )
        )
        if with_concerns
        else None
    )
    return build_table_from_diffs(
        dossier=DOSSIER,
        stages=STAGES,
        base_provisions=BASE,
        diffs=[DIFF_AB, DIFF_AC],
        generated=STAMP,
        lang=lang,
        concern_notes=notes,
        headings={"Article 1": "Subject matter (made up)"},
    )


def sample_concern() -> ConcernRecord:
    return ConcernRecord(
        key="sample-concern",
        dossier="practice-file",
        title_nl="Voorbeeldzorgpunt (verzonnen)",
        title_en="Sample concern (made up)",
        position_nl="Nederland wil ruimte voor een eigen aanpak (verzonnen voorbeeld).",
        position_source="Made-up note, 2030",
        links=(LinkEntry("commission-proposal", "Article 3", "confirmed"),),
        status_by_stage={"commission-proposal": "open", "council-general-approach": "resolved"},
        resolved_in="council-general-approach",
        history=(
            AssessmentEntry(
                1,
                "commission-proposal",
                "open",
                "",
                "",
                "",
                "Made-up start.",
                "tester",
                datetime(2030, 1, 2, 10, 0, tzinfo=UTC),
            ),
            AssessmentEntry(
                2,
                "council-general-approach",
                "resolved",
                "Member States may designate an authority.",
                "ST 1/30 (made up)",
                "Article 4",
                "Room for the Dutch approach.",
                "tester",
                datetime(2030, 6, 2, 10, 0, tzinfo=UTC),
            ),
        ),
    )


def sample_summary() -> Any:
    """The made-up dossier as the memo builder reads it: two stages with text, one fictional."""
    from eu_posities.readmodels import DossierSummary, StageSummary

    return DossierSummary(
        key=DOSSIER.key,
        title="Regulation on made-up sample duties (sample text, not a real act)",
        procedure=DOSSIER.procedure,
        commission_ref=DOSSIER.commission_ref,
        stages=tuple(
            StageSummary(
                key=s.key, kind=s.kind, date=s.date, ref=s.ref, provisions=3, fictional=s.fictional
            )
            for s in STAGES
        ),
    )


def sample_memo(lang: str = "nl", *, include_fictional: bool = False) -> Any:
    """The memo of the sample concern, built as `eup memo` builds it (hand-made diffs)."""
    from eu_posities.exports.memo import MemoOptions, build_memo

    diffs = {(STAGES[0].key, STAGES[1].key): DIFF_AB, (STAGES[1].key, STAGES[2].key): DIFF_BC}
    return build_memo(
        dossier=sample_summary(),
        records=[sample_concern()],
        diff_of=lambda a, b: diffs[(a, b)],
        generated=STAMP,
        author="tester",
        lang=lang,
        include_fictional=include_fictional,
        options=MemoOptions(sender="Directie Voorbeeld (verzonnen)", reference="VB-0001"),
    )


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; EUP_UPDATE_GOLDEN=1 rewrites the file instead."""
    text = _STAMP_RE.sub("<GENERATED>", text)
    path = GOLDEN / name
    if os.environ.get("EUP_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path}; run with EUP_UPDATE_GOLDEN=1 and review it"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from its golden file (EUP_UPDATE_GOLDEN=1 to accept)"


def parse_page(data: str | bytes, name: str = "export.html") -> Any:
    """An exported HTML page, parsed through the project's hardened parser."""
    from eu_posities.importers.xmlsafe import parse_html

    return parse_html(data.encode("utf-8") if isinstance(data, str) else data, name)


def text_of(element: Any) -> str:
    return "".join(element.itertext())
