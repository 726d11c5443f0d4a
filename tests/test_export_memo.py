"""The position memo as a ministerial note: its structure, its Dutch, and its honesty.

Made-up sample data (tests/exportsamples.py) and the bundled demo (real Kamerbrief quotes).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from docx import Document

from eu_posities.exports.memo_docx import memo_docx
from eu_posities.exports.render_md import memo_md
from eu_posities.exports.wording import flag_sentence, long_date, provision_name
from tests.clihelp import eup
from tests.exportsamples import parse_page, sample_memo, text_of

SECTIONS_NL = [
    "1. Aanleiding",
    "2. Kern en advies",
    "3. Zorgpunten",
    "Bijlage: verloop van de beoordelingen",
]
PARTS_NL = ["Nederlandse inzet", "Stand van zaken per fase", "Wat er in de tekst veranderde"]


def test_dutch_words() -> None:
    assert long_date("2024-12-13", "nl") == "13 december 2024"
    assert long_date("2023-11", "nl") == "november 2023"
    assert long_date("2024-12-13", "en") == "13 December 2024"
    assert provision_name("Article 7", "nl") == "artikel 7"
    assert provision_name("Recital 12", "nl", start=True) == "Overweging 12"
    assert provision_name("Annex I", "nl") == "bijlage I"
    assert provision_name("Article 7", "en") == "Article 7"
    said = flag_sentence("modal", "shall", "may", "nl")
    assert said == "‘shall’ is vervangen door ‘may’ (de mate van verplichting verandert)"


def test_memo_structure_nl(tmp_path: Path) -> None:
    out = tmp_path / "m.docx"
    memo_docx(sample_memo(), out)
    doc = Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert [h for h in headings if h in SECTIONS_NL] == SECTIONS_NL
    assert headings.count("Spreekpunten") == 1 and all(p in headings for p in PARTS_NL)
    block = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert list(block) == ["Aan", "Van", "Datum", "Kenmerk", "Onderwerp"]  # no rubricering
    assert block["Aan"] == "de Minister van Justitie en Veiligheid"
    assert block["Datum"] == "2 januari 2026" and block["Kenmerk"] == "VB-0001"
    body = "\n".join(p.text for p in doc.paragraphs)
    # No author stamps in the body; the history is the annex table.
    annex = doc.tables[-1]
    assert [c.text for c in annex.rows[0].cells][:3] == ["Zorgpunt", "Fase", "Status"]
    assert "tester" in annex.rows[1].cells[3].text
    assert "tester" not in body and not re.search(r"\d\d:\d\d", body)
    # Dutch prose: no English labels outside the quoted text, no flag jargon.
    assert "Artikel 3 → artikel 4" in body and "Article 3 (" not in body
    assert "modal:" not in body and "number:" not in body
    assert "Algemene oriëntatie van de Raad (1 juni 2030): opgelost." in body
    # The position is quoted once (the first stage's evidence is the same quote).
    assert body.count("eigen aanpak") == 1
    with zipfile.ZipFile(out) as z:
        styles = z.read("word/styles.xml").decode()
    assert 'w:lang w:val="nl-NL"' in styles
    props = doc.core_properties
    assert props.author == "tester" and props.language == "nl-NL"


def test_memo_in_english() -> None:
    text = memo_md(sample_memo("en"))
    for heading in ("## 1. Background", "## 2. Summary and advice", "#### Speaking points"):
        assert heading in text
    assert "**Date:** 2 January 2026" in text and "Notitie" not in text


def test_limite_gives_a_classification(tmp_path: Path) -> None:
    from dataclasses import replace

    from eu_posities.exports.memo import MemoOptions, build_memo
    from tests.exportsamples import DIFF_AB, STAMP, sample_concern, sample_summary

    summary = sample_summary()
    stages = list(summary.stages)
    stages[1] = replace(stages[1], limite=True)
    memo = build_memo(
        dossier=replace(summary, stages=tuple(stages)),
        records=[sample_concern()],
        diff_of=lambda a, b: DIFF_AB,
        generated=STAMP,
        author="tester",
        include_limite=True,
        options=MemoOptions(to="de directeur-generaal (verzonnen)"),
    )
    assert memo.header is not None and memo.header.to == "de directeur-generaal (verzonnen)"
    assert memo.header.classification.startswith("Departementaal vertrouwelijk")
    text = memo_md(memo)
    assert "**Rubricering:** Departementaal vertrouwelijk" in text


def test_demo_memo_reads_as_a_note(tmp_path: Path) -> None:
    assert eup("init", "--demo").code == 0
    out = tmp_path / "m.md"
    result = eup("memo", "csa-regulation", "--kenmerk", "2026-0001", "--out", str(out))
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert "**Kenmerk:** 2026-0001" in text and "11 mei 2022" in text
    # The real reason there are no redlines: the only later text is the practice text.
    assert "oefentekst" in text and "--include-fictional" in text
    assert "Geen tekstwijzigingen beschikbaar" not in text
    shown = tmp_path / "f.html"
    assert eup("memo", "csa-regulation", "--include-fictional", "--out", str(shown)).code == 0
    page = parse_page(shown.read_bytes())
    assert page.xpath("/html/@lang") == ["nl-NL"]
    words = text_of(page)
    assert (
        "FICTIEF" in words
        and "Artikel 7 — Commissievoorstel → Mandaat van de Raad (oefentekst)" in words
    )
    assert page.xpath("//del[normalize-space()='four']") and page.xpath(
        "//ins[normalize-space()='six']"
    )
    directive = tmp_path / "d.md"
    assert eup("memo", "csa-directive", "--out", str(directive)).code == 0
    text = directive.read_text(encoding="utf-8")
    assert "paragraaf 7 van de Kamerbrief van 20 december 2024" in text
    assert "Compromistekst voorzitter" not in text and "(vog)" not in text
