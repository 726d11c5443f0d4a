"""Readers of EP amendment lists: OJ/EUR-Lex XHTML, AT4AM XML, the EP Word template.

Fixtures (tests/data/amendments, see tests/data/SOURCES.md): an extract of the real OJ
publication of the AI Act plenary amendments, and made-up AT4AM and Word documents in the
real shapes of those formats.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ep_docx import juri_sample, write_ep_docx

from eu_posities.errors import InputError
from eu_posities.importers import FORMATS, detect_format, parse_file
from eu_posities.importers.amendments.consolidated import without_cuts

DATA = Path(__file__).parent / "data" / "amendments"
OJ_EXTRACT = DATA / "ai-act-ep-amendments.extract.oj.html"


def test_formats_are_registered() -> None:
    assert {"ep-amendments", "ep-consolidated"} <= set(FORMATS)


def test_oj_extract() -> None:
    assert detect_format(OJ_EXTRACT) == "ep-amendments"
    document = parse_file(OJ_EXTRACT)
    assert document.stages == ()
    assert document.meta["procedure"] == "2021/0106(COD)"
    assert document.meta["amends"] == "COM(2021) 206"
    assert document.meta["date"] == "2023-06-14"
    assert document.coverage is not None and document.coverage.share >= 0.99
    found = {a.number: a for a in document.amendments}
    assert list(found) == ["1", "3", "4", "140", "141", "143", "165", "187", "188", "201", "212",
                           "213", "215", "216", "299", "482", "523", "644", "770"]  # fmt: skip
    assert (found["1"].target, found["1"].kind, found["1"].label) == (
        "Citation 4 a (new)", "insert", "Citation 4a",
    )  # fmt: skip
    assert found["1"].new == "Having regard to the opinion of the European Central Bank,"
    recital = found["3"]
    assert recital.kind == "modify" and recital.label == "Recital 1"
    assert recital.old.startswith("The purpose of this Regulation is to improve the functioning")
    assert "(1)" not in recital.old  # the recital's number cell is not its text
    inserted = [r.text for r in recital.new_marks if r.op == "insert"]
    assert inserted[0].startswith("to promote the uptake of human centric and trustworthy")
    deleted = [r.text for r in recital.old_marks if r.op == "delete"]
    assert deleted[:3] == ["improve", "by laying", "marketing and"]
    assert "values. This Regulation" in recital.old  # layout white space is not a space
    article4 = found["212"]
    assert (article4.kind, article4.target, article4.old_heading) == (
        "delete", "Article 4", "Amendments to Annex I",
    )  # fmt: skip
    article4a = found["213"]
    assert article4a.label == "Article 4a" and article4a.kind == "insert"
    assert article4a.new_heading == "General principles applicable to all AI systems"
    assert article4a.new.split("\n")[1].startswith("(a) ‘human agency and oversight’ means")
    point = found["201"]
    assert point.path == ("paragraph 1", "point 44b (new)")
    assert point.new == "(44b) ‘non-personal data’ means data other than personal data;"
    assert found["188"].new.startswith("(33b) ‘biometric identification’")  # "(33b )" printed
    assert found["644"].old == "Penalties and fines"


def test_at4am_xml4ep() -> None:
    path = DATA / "at4am-xml4ep-AM37.made-up.xml"
    assert detect_format(path) == "ep-amendments"
    document = parse_file(path)
    (amendment,) = document.amendments
    assert amendment.target == "Article 3 – paragraph 1 – point 1"
    assert amendment.kind == "modify" and amendment.members == "Axel Voss"
    assert amendment.old.startswith(
        "(1) ‘artificial intelligence system’ (AI system) means software"
    )
    assert [r.text for r in amendment.new_marks if r.op == "insert"][0] == "a machine based system"
    assert amendment.justification.startswith("Although the AI Act is an EU Regulation")
    assert "numbered by their position" in document.warnings[0]


def test_akn3_amendment_list() -> None:
    document = parse_file(DATA / "akn3-amendment-list.made-up.xml")
    assert document.meta["procedure"] == "2021/0106(COD)"
    first, second = document.amendments
    assert (first.number, first.kind, first.label) == ("2", "insert", "Recital 5a")
    assert first.new.startswith("To ensure the development of secure")
    assert (second.number, second.kind, second.old) == (
        "27", "delete", "(c) Regulation (EU) No 168/2013;",
    )  # fmt: skip
    assert document.coverage is not None and document.coverage.share == 1.0


@pytest.mark.parametrize("tagged", [True, False])
def test_ep_word_template(tmp_path: Path, tagged: bool) -> None:
    path = write_ep_docx(tmp_path / "am.docx", juri_sample(), tagged=tagged)
    assert detect_format(path) == "ep-amendments"
    document = parse_file(path)
    assert document.meta["tagged"] is tagged
    assert document.meta["procedure"] == "2021/0106(COD)"
    deleted, modified, inserted = document.amendments
    assert (deleted.number, deleted.target, deleted.kind) == (
        "27", "Article 2 – paragraph 2 – point c", "delete",
    )  # fmt: skip
    assert deleted.members == "Axel Voss"
    assert deleted.old == "(c) Regulation (EU) No 168/2013;"
    assert modified.kind == "modify"
    assert "machine based system" in modified.new and "machine" not in modified.old
    assert "one or more of" in modified.old and "one or more of" not in modified.new
    assert modified.justification.startswith("Although the AI Act is an EU Regulation")
    assert [r.text for r in modified.old_marks if r.op == "delete"][:2] == [
        "software", "one or more of",
    ]  # fmt: skip
    assert (inserted.label, inserted.kind) == ("Recital 5a", "insert")
    # No template tag and no "Or. en" leaks into the texts.
    for amendment in document.amendments:
        for text in (amendment.old, amendment.new, amendment.target, amendment.justification):
            assert "<" not in text and "Or. en" not in text


def test_not_an_amendment_list(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Nothing to amend here.</p></body></html>", encoding="utf-8")
    assert detect_format(page) == "eurlex-html"
    with pytest.raises(InputError, match="no EP amendment tables"):
        parse_file(page, fmt="ep-amendments")


def test_cuts_leave_no_mark_and_no_stray_space() -> None:
    pieces, cuts = without_cuts(
        [("connected to the Internet ▌ in particular, the Internet ▌ . (▌ e.g. data) ", False),
         ("new", True), (" ▌", False)]
    )  # fmt: skip
    assert cuts == 4
    assert "".join(t for t, _ in pieces) == (
        "connected to the Internet in particular, the Internet. (e.g. data) new"
    )
    assert pieces[-1] == ("new", True)
