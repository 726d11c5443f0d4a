"""Word tracked changes in the table and memo DOCX, read back by independent readers.

`docx-revisions` (a python-docx extension of its own) reads the revisions: each change is a
`w:ins`/`w:del` whose author is the stage's name and whose date is the stage's date;
accepting every change gives the newer text, rejecting every change the older one. The XML is
checked with lxml (ids unique, moves paired), and LibreOffice (when installed) must list the
changes as tracked changes with the stage names. Made-up sample data throughout.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx_revisions import RevisionDocument
from lxml import etree

from eu_posities.exports.memo_docx import memo_docx
from eu_posities.exports.model import Run
from eu_posities.exports.render_docx import table_docx
from eu_posities.exports.word_revisions import revision_date
from tests.exportsamples import DIFF_AB, STAGES, sample_memo, sample_table

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _body(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def test_table_changes_are_revisions_by_stage(tmp_path: Path) -> None:
    out = tmp_path / "t.docx"
    table_docx(sample_table(), out)
    doc = RevisionDocument(str(out))
    changes = doc.track_changes
    assert {c.author for c in changes} == {"Council general approach"}
    dates = {c.date.date().isoformat() for c in changes if c.date}
    assert dates == {"2030-06-01"}  # the general approach's date
    # Article 1 in the general approach column: rejecting gives the proposal, accepting the
    # general approach.
    cell = [p for p in doc.all_paragraphs if "sample duties" in p.accepted_text][1]
    assert cell.original_text == "This made-up Regulation lays down rules on sample duties."
    assert cell.accepted_text == "This made-up Regulation lays down uniform rules on sample duties."
    # Bold italic is the printed look, not the revisions' look.
    runs = [r for p in Document(str(out)).paragraphs for r in p.runs]
    assert not any(r.bold and r.italic for r in runs if "uniform" in r.text)


def test_revision_ids_unique_and_text_where_word_wants_it(tmp_path: Path) -> None:
    out = tmp_path / "t.docx"
    table_docx(sample_table(with_concerns=True), out)
    body = _body(out)
    ids = body.xpath(
        "//w:ins/@w:id | //w:del/@w:id | //w:moveFrom/@w:id | //w:moveTo/@w:id", namespaces=NS
    )
    ids += body.xpath("//w:moveFromRangeStart/@w:id | //w:moveToRangeStart/@w:id", namespaces=NS)
    assert ids and len(ids) == len(set(ids))
    # Deleted text is delText inside w:del, never plain w:t (Word would show it as kept).
    assert not body.xpath("//w:del//w:t", namespaces=NS)
    assert body.xpath("//w:del//w:delText", namespaces=NS)
    assert not body.xpath("//w:ins//w:delText", namespaces=NS)


def test_moves_only_where_both_ends_read_the_same() -> None:
    from eu_posities.exports.word_revisions import Revisions

    revisions = Revisions({"b": ("B", "2030-01-01")}, "x")
    same = [
        Run("moved_out", "Providers report.", "moved to Article 4", "b", "m1"),
        Run("moved_in", "Providers  report.", "moved from Article 2", "b", "m1"),
    ]
    changed = [
        Run("moved_out", "Providers report.", "", "b", "m2"),
        Run("moved_in", "Providers must report.", "", "b", "m2"),
    ]
    lonely = [Run("moved_in", "Arrived from elsewhere.", "", "b", "m3")]
    revisions.plan_moves([*same, *changed, *lonely])
    assert revisions.is_move(same[0]) and revisions.is_move(same[1])
    assert not revisions.is_move(changed[1]) and not revisions.is_move(lonely[0])


def test_a_move_is_a_word_move(tmp_path: Path) -> None:
    from dataclasses import replace

    from eu_posities.exports.table import build_table_from_diffs
    from tests.exportsamples import BASE, DOSSIER, STAMP, dele

    # Article 2's sentence moved to Article 4 word for word: both ends are in the table.
    pairs = list(DIFF_AB.pairs)
    pairs[1] = replace(
        pairs[1],
        ops=(dele("Providers shall report incidents."), dele(" Reports are kept for a year.")),
    )
    table = build_table_from_diffs(
        dossier=DOSSIER,
        stages=STAGES[:2],
        base_provisions=BASE,
        diffs=[replace(DIFF_AB, pairs=tuple(pairs), moves=DIFF_AB.pairs[3].moves)],
        generated=STAMP,
    )
    # The deleted provision's cell shows only what moved elsewhere.
    assert [r.kind for r in table.rows[1].cells[1].runs] == ["moved_out"]
    out = tmp_path / "t.docx"
    table_docx(table, out)
    body = _body(out)
    names_from = body.xpath("//w:moveFromRangeStart/@w:name", namespaces=NS)
    names_to = body.xpath("//w:moveToRangeStart/@w:name", namespaces=NS)
    assert names_from and names_from == names_to
    assert body.xpath("string(//w:moveFrom)", namespaces=NS) == "Providers shall report incidents."
    assert body.xpath("string(//w:moveTo)", namespaces=NS) == "Providers shall report incidents."


def test_formatting_keeps_the_printed_look(tmp_path: Path) -> None:
    out = tmp_path / "t.docx"
    table_docx(sample_table(), out, redline="formatting")
    assert not _body(out).xpath("//w:ins | //w:del", namespaces=NS)
    assert RevisionDocument(str(out)).track_changes == []


def test_memo_redlines_are_revisions(tmp_path: Path) -> None:
    out = tmp_path / "m.docx"
    memo_docx(sample_memo(), out)
    changes = RevisionDocument(str(out)).track_changes
    assert changes and {c.author for c in changes} == {"Algemene oriëntatie van de Raad"}
    paragraph = next(
        p
        for p in RevisionDocument(str(out)).all_paragraphs
        if p.accepted_text.startswith("Member States")
    )
    assert paragraph.original_text.startswith("Member States shall designate an authority.")
    assert paragraph.accepted_text.startswith("Member States may designate an authority.")


def test_revision_dates() -> None:
    assert revision_date("2024-12-13") == "2024-12-13T00:00:00Z"
    assert revision_date("2023-11") == "2023-11-01T00:00:00Z"
    assert revision_date("") is None and revision_date("soon") is None


@pytest.mark.slow
def test_libreoffice_lists_the_changes_with_stage_names(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice not installed (apt-get install libreoffice-writer-nogui)")
    table, memo = tmp_path / "table.docx", tmp_path / "memo.docx"
    table_docx(sample_table(with_concerns=True), table)
    memo_docx(sample_memo(include_fictional=True), memo)
    profile = tmp_path / "profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "odt", "--outdir", str(tmp_path), str(table), str(memo)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    for name, wanted in (
        ("table.odt", {"Council general approach"}),
        ("memo.odt", {"Algemene oriëntatie van de Raad"}),
    ):
        with zipfile.ZipFile(tmp_path / name) as z:
            content = etree.fromstring(z.read("content.xml"))
        ns = {
            "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
            "dc": "http://purl.org/dc/elements/1.1/",
        }
        regions = content.xpath("//text:tracked-changes/text:changed-region", namespaces=ns)
        assert regions, f"{name}: LibreOffice lists no tracked changes"
        authors = {r.xpath("string(.//dc:creator)", namespaces=ns) for r in regions}
        assert authors == wanted, name
        kinds = {etree.QName(r[0]).localname for r in regions}
        assert {"insertion", "deletion"} <= kinds
