"""Issue 14, part 3: the four-column table `eup table` writes reads back with the four-column
importer, on the demo's AI Act (real stages): per provision and per column the texts are the
ones exported, and the rows keep their numbers, headings and statuses.

The table's rows follow the first column: where the alignment moved a paragraph inside a
provision, that paragraph stands in the row of its counterpart, so the column reads back with
the same paragraphs in the table's order. Every other provision reads back word for word
(white space, and a space before a comma or full stop, aside: the importer tidies those).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from eu_posities import db
from eu_posities.exports.model import Cell
from eu_posities.importers import parse_file
from eu_posities.services.exportdata import table_of
from tests.clihelp import eup

pytestmark = pytest.mark.slow

DOSSIER = "ai-act"
# Three real stages and the Council column of the real four-column document (shown there on
# a few rows only): the table has the four columns of a trilogue document.
STAGES = ("commission-proposal", "council-general-approach", "ep-position", "st-11320-council")
COPIES = ("rt-commission", "rt-council", "rt-ep", "rt-council-column")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("roundtrip")
    url = f"sqlite:///{folder / 'demo.db'}"
    out = folder / "table.docx"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EU_POSITIES_USER", "tester")
        assert eup("--db", url, "init", "--demo").code == 0
        made = eup("--db", url, "table", DOSSIER, "--stages", ",".join(STAGES), "--out", str(out))
        assert made.code == 0, made.err
    return url, out


@pytest.fixture(scope="module")
def imported(demo: tuple[str, Path]) -> list[dict]:
    url, out = demo
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EU_POSITIES_USER", "tester")
        done = eup("--db", url, "import", str(out), "--dossier", DOSSIER,
                   "--stages", ",".join(COPIES), "--json")  # fmt: skip
    assert done.code == 0, done.err
    found = done.json()
    assert isinstance(found, list)
    return found


def _norm(text: str) -> str:
    return re.sub(r"\s+([,.;:)\]])", r"\1", " ".join(text.split()))


def _paragraphs(text: str) -> Counter[str]:
    return Counter(_norm(line) for line in text.split("\n") if line.strip())


def _provisions(url: str, stage: str) -> dict[str, dict]:
    found = eup("--db", url, "provisions", DOSSIER, stage, "--json").json()
    return {p["label"]: p for p in found}


def _moved(url: str, stage: str) -> set[str]:
    """The provisions of `stage` that hold a paragraph the alignment moved (against the
    first column): those stand in the table in the first column's order."""
    if stage == STAGES[0]:
        return set()
    found = eup("--db", url, "align", DOSSIER, STAGES[0], stage, "--json").json()
    rows = found["rows"] if isinstance(found, dict) else found
    return {r["to"] for r in rows if r["to"] and any(p["moved"] for p in r.get("parts") or ())}


def test_every_column_is_imported_whole(imported: list[dict]) -> None:
    assert [entry["stage"] for entry in imported] == list(COPIES)
    for entry in imported:
        assert entry["coverage"]["share"] >= 0.999, entry["coverage"]
        assert entry["warnings"] == [], entry["warnings"]


@pytest.mark.parametrize(("stage", "copy"), list(zip(STAGES, COPIES, strict=True)))
def test_each_column_reads_back_as_exported(
    demo: tuple[str, Path], imported: list[dict], stage: str, copy: str
) -> None:
    url, _ = demo
    exported, read_back = _provisions(url, stage), _provisions(url, copy)
    assert set(read_back) == set(exported)
    moved = _moved(url, stage)
    reordered = []
    for label, provision in exported.items():
        again = read_back[label]
        assert again["heading"] == provision["heading"], label
        if _norm(again["text"]) == _norm(provision["text"]):
            continue
        assert label in moved, (label, provision["text"][:200], again["text"][:200])
        assert _paragraphs(again["text"]) == _paragraphs(provision["text"]), label
        reordered.append(label)
    assert len(reordered) <= 5, reordered  # measured: at most 4 per column


def _shown(cell: Cell) -> str:
    """What an exported cell holds of its stage's text ("" for a deleted or absent one)."""
    if cell.mark in ("deleted", "absent"):
        return ""
    return "".join(
        "\n" if run.kind == "break" else run.text
        for run in cell.runs
        if run.kind not in ("del", "moved_out")
    )


def test_rows_read_back_with_numbers_headings_statuses_and_cells(demo: tuple[str, Path]) -> None:
    url, out = demo
    engine = db.make_engine(url)
    with db.session_scope(engine) as session:
        table = table_of(session, DOSSIER, STAGES, generated="", lang="en", with_concerns=False,
                         include_limite=False, progress=None)  # fmt: skip
    engine.dispose()
    rows = parse_file(out).rows
    assert [(r.number, r.heading, r.status or "") for r in rows] == [
        (r.number, r.label, r.status) for r in table.rows
    ]
    assert sum(1 for r in rows if r.status) >= 40  # the real rows' G/Y/R came along
    for row, exported in zip(rows, table.rows, strict=True):
        shown = [_norm(_shown(cell)) for cell in exported.cells]
        assert [_norm(cell) for cell in row.cells] == shown, row.number


def test_a_dutch_table_in_print_marks_reads_back_too(
    demo: tuple[str, Path], tmp_path: Path
) -> None:
    """`--lang nl` writes "[nieuw]" and "[geschrapt]", `--redline formatting` bold italic and
    strikethrough instead of Word revisions: the same texts read back."""
    url, _ = demo
    out = tmp_path / "tabel.docx"
    made = eup("--db", url, "table", DOSSIER, "--stages", ",".join(STAGES), "--out", str(out),
               "--lang", "nl", "--redline", "formatting")  # fmt: skip
    assert made.code == 0, made.err
    for stage, column in zip(STAGES, parse_file(out).stages, strict=True):
        exported = _provisions(url, stage)
        read_back = {p.label: p for p in column.provisions}
        assert set(read_back) == set(exported), stage
        moved = _moved(url, stage)
        for label, provision in exported.items():
            again = read_back[label].text
            if _norm(again) != _norm(provision["text"]):
                assert label in moved, (stage, label)
                assert _paragraphs(again) == _paragraphs(provision["text"]), (stage, label)


def test_each_column_keeps_its_stage_kind(demo: tuple[str, Path], imported: list[dict]) -> None:
    """Also a column whose key does not name its kind ("st-11320-council", a Council text):
    its heading states the kind, and the stage read back has it."""
    url, _ = demo
    kinds = {s["key"]: s["kind"] for s in eup("--db", url, "stages", DOSSIER, "--json").json()}
    assert kinds["st-11320-council"] != "other"
    assert [kinds[copy] for copy in COPIES] == [kinds[stage] for stage in STAGES]
