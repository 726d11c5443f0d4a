"""DOCX: running text, tracked changes and four-column tables (made-up test documents)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docxsamples import write_four_columns

from eu_posities.errors import InputError
from eu_posities.importers import detect_format, parse_file

MADE_UP = "MADE-UP TEST DOCUMENT - NOT LEGAL TEXT"


def _write_act(path: Path, *, article_style: str | None = None) -> None:
    document = docx.Document()
    document.core_properties.title = "Made-up test act"
    document.add_paragraph(MADE_UP)
    document.add_paragraph("Whereas:")
    document.add_paragraph("(1) Made-up widgets should be counted.")
    document.add_paragraph("HAVE ADOPTED THIS REGULATION:")
    if article_style:
        document.add_heading("Article 1 – Made-up scope", level=2)
    else:
        document.add_paragraph("Article 1")
        document.add_paragraph("Made-up scope")
    document.add_paragraph("1. This made-up act applies to widgets.")
    document.add_paragraph("PLACEHOLDER")
    document.add_paragraph("Article 2")
    document.add_paragraph("Made-up entry into force")
    document.add_paragraph("This made-up act enters into force today.")
    document.save(str(path))


def _track_changes(path: Path) -> None:
    """Replace the PLACEHOLDER run with a tracked deletion and insertion (raw WordML)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    changed = (
        '<w:r><w:t xml:space="preserve">2. Member States </w:t></w:r>'
        '<w:del w:id="91" w:author="Test" w:date="2024-01-01T00:00:00Z">'
        "<w:r><w:delText>shall</w:delText></w:r></w:del>"
        '<w:ins w:id="92" w:author="Test" w:date="2024-01-01T00:00:00Z">'
        "<w:r><w:t>may</w:t></w:r></w:ins>"
        '<w:r><w:t xml:space="preserve"> count made-up widgets.</w:t></w:r>'
    )
    assert "<w:r><w:t>PLACEHOLDER</w:t></w:r>" in xml
    parts["word/document.xml"] = xml.replace("<w:r><w:t>PLACEHOLDER</w:t></w:r>", changed).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)


def test_articles_by_text_and_tracked_changes(tmp_path: Path) -> None:
    path = tmp_path / "act.docx"
    _write_act(path)
    _track_changes(path)
    assert detect_format(path) == "docx"
    (stage,) = parse_file(path).stages
    assert stage.title == "Made-up test act"
    by_label = {p.label: p for p in stage.provisions}
    assert list(by_label) == ["Recital 1", "Formula", "Article 1", "Article 2"]
    article_1 = by_label["Article 1"]
    assert article_1.heading == "Made-up scope"
    # w:ins counts as text, w:del does not.
    assert article_1.text == (
        "1. This made-up act applies to widgets.\n2. Member States may count made-up widgets."
    )
    assert by_label["Article 2"].heading == "Made-up entry into force"
    # The stage says it was read with tracked changes accepted.
    assert stage.meta["tracked_changes"] == {"insertions": 1, "deletions": 1}


def test_article_heading_by_style(tmp_path: Path) -> None:
    path = tmp_path / "styled.docx"
    _write_act(path, article_style="Heading 2")
    (stage,) = parse_file(path).stages
    article_1 = next(p for p in stage.provisions if p.label == "Article 1")
    assert article_1.heading == "Made-up scope"
    assert article_1.text.startswith("1. This made-up act applies to widgets.")


@pytest.mark.parametrize("label_column", [True, False])
def test_four_column_table_gives_one_stage_per_column(tmp_path: Path, label_column: bool) -> None:
    path = tmp_path / "four-column.docx"
    write_four_columns(path, label_column=label_column)
    stages = parse_file(path).stages
    assert [s.name for s in stages] == ["Commission proposal", "EP", "Council", "Compromise"]
    commission, ep, council, compromise = stages
    texts = {p.label: p.text for p in commission.provisions}
    assert texts == {
        "Recital 1": "Made-up recital text.",
        "Article 1": "1. Widgets shall be counted.\n2. Gadgets are excluded.",
        "Article 2": "Made-up entry into force.",
    }
    assert {p.label: p.text for p in ep.provisions}["Article 1"] == (
        "1. Widgets may be counted.\n2. Gadgets are included."
    )
    # An empty cell means the column has no such provision; a renumbered cell keeps its label.
    assert [p.label for p in council.provisions] == ["Article 1", "Article 2a"]
    assert next(p for p in council.provisions if p.label == "Article 2a").heading == "Review"
    assert commission.provisions[1].heading == "Scope"
    assert [p.label for p in compromise.provisions] == ["Recital 1", "Article 1", "Article 2"]


def test_damaged_docx(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 20)
    with pytest.raises(InputError, match="broken.docx"):
        parse_file(path)


def test_docx_with_entities_refused(tmp_path: Path) -> None:
    path = tmp_path / "act.docx"
    _write_act(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    head, rest = xml.split("?>", 1)
    parts["word/document.xml"] = (
        head + '?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + rest
    ).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    with pytest.raises(InputError, match="entities"):
        parse_file(path)


def test_word_list_numbers_are_printed(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph(MADE_UP)
    document.add_paragraph("Article 1")
    document.add_paragraph("Made-up numbered paragraphs")
    document.add_paragraph("Made-up first paragraph.", style="List Number")
    document.add_paragraph("Made-up second paragraph.", style="List Number")
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    (stage,) = parse_file(path).stages
    article = stage.provisions[0]
    assert [b.num for b in article.blocks] == ["1.", "2."]
    assert article.text == "1. Made-up first paragraph.\n2. Made-up second paragraph."


def test_number_formats() -> None:
    from eu_posities.importers.docx_numbering import format_number

    assert format_number(4, "lowerLetter") == "d"
    assert format_number(27, "lowerLetter") == "aa"
    assert format_number(9, "lowerRoman") == "ix"
    assert format_number(3, "upperRoman") == "III"
    assert format_number(12, "decimal") == "12"
