"""Made-up sample data for the export tests: MADE-UP TEXT, not from any real EU document.

The diffs are written by hand in the contract's `diff` JSON shape (the ops a `word_diff`
returns), so that the renderers are tested without the alignment engine.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from eu_posities.exports.ledger import AssessmentRow, ConcernRow
from eu_posities.exports.model import DossierInfo, StageInfo
from eu_posities.exports.table import build_table_from_diffs

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


def eq(text: str) -> dict[str, str]:
    return {"op": "equal", "old": text, "new": text}


def ins(text: str) -> dict[str, str]:
    return {"op": "insert", "old": "", "new": text}


def dele(text: str) -> dict[str, str]:
    return {"op": "delete", "old": text, "new": ""}


def rep(old: str, new: str) -> dict[str, str]:
    return {"op": "replace", "old": old, "new": new}


DIFF_AB = {
    "from": "commission-proposal",
    "to": "council-general-approach",
    "pairs": [
        {
            "from": "Article 1",
            "to": "Article 1",
            "status": "modified",
            "ops": [
                eq("Subject matter\nThis made-up Regulation lays down "),
                rep("rules", "uniform rules"),
                eq(" on sample duties."),
            ],
            "flags": [],
            "moves": [],
        },
        {
            "from": "Article 2",
            "to": None,
            "status": "deleted",
            "ops": [dele("Providers shall report incidents. Reports are kept for a year.")],
            "flags": [],
            "moves": [],
        },
        {
            "from": None,
            "to": "Article 2a",
            "status": "added",
            "ops": [ins("A made-up new article on sample reviews.")],
            "flags": [],
            "moves": [],
        },
        {
            "from": "Article 3",
            "to": "Article 4",
            "status": "modified",
            "ops": [
                eq("Member States "),
                rep("shall", "may"),
                eq(" designate an authority."),
                ins(" Providers shall report incidents."),
            ],
            "flags": [{"kind": "modal", "old": "shall", "new": "may"}],
            "moves": [
                {
                    "from": "Article 2",
                    "to": "Article 4",
                    "text": "Providers shall report incidents.",
                }
            ],
        },
    ],
}
DIFF_AC = {
    "from": "commission-proposal",
    "to": "trilogue",
    "pairs": [
        {
            "from": label,
            "to": label,
            "status": "unchanged",
            "ops": [eq(text)],
            "flags": [],
            "moves": [],
        }
        for label, text in BASE
    ],
}


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


def sample_concern() -> ConcernRow:
    return ConcernRow(
        key="sample-concern",
        title_nl="Voorbeeldzorgpunt (verzonnen)",
        title_en="Sample concern (made up)",
        position_nl="Nederland wil ruimte voor een eigen aanpak (verzonnen voorbeeld).",
        position_source="Made-up note, 2030",
        links=(("commission-proposal", "Article 3"),),
        status_by_stage={"commission-proposal": "open", "council-general-approach": "resolved"},
        resolved_in="council-general-approach",
        history=(
            AssessmentRow(
                "commission-proposal",
                "open",
                "",
                "",
                "",
                "Made-up start.",
                "tester",
                "2030-01-02 10:00",
            ),
            AssessmentRow(
                "council-general-approach",
                "resolved",
                "Member States may designate an authority.",
                "ST 1/30 (made up)",
                "Article 4",
                "Room for the Dutch approach.",
                "tester",
                "2030-06-02 10:00",
            ),
        ),
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
