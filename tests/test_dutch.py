"""The Dutch commentary parser on the real Kamerbrief of 20 December 2024 and a made-up fiche."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from testdata import TEST_DATA

from eu_posities.concerns.positions import position_blocks, propose_positions
from eu_posities.errors import InputError
from eu_posities.importers import parse_file
from eu_posities.importers.dutch import extract_refs, parse_text

LETTER = TEST_DATA / "kamerbrief-2024-12-20-voortgangsbrief-aanpak-seksuele-delicten.txt"
FICHE = TEST_DATA / "bnc-fiche-sample.MADE-UP.txt"
CONCERNS = Path(__file__).resolve().parents[1] / "data" / "concerns.json"


@pytest.fixture(scope="module")
def letter():  # type: ignore[no-untyped-def]
    [stage] = parse_file(LETTER).stages
    return stage


def by_label(stage, label: str):  # type: ignore[no-untyped-def]
    return next(p for p in stage.provisions if p.label == label)


def test_letter_is_detected_and_cut_into_its_numbered_sections(letter) -> None:  # type: ignore[no-untyped-def]
    assert letter.format == "dutch" and letter.language == "nl"
    assert letter.meta == {"document_type": "kamerbrief", "date": "2024-12-20"}
    sections = [p for p in letter.provisions if p.kind == "section"]
    assert [p.number for p in sections] == [str(n) for n in range(1, 12)]
    assert [p.label for p in letter.provisions][0] == "Inleiding"
    assert letter.provisions[-1].label == "Tot slot"
    seven = by_label(letter, "Section 7")
    assert (
        seven.heading
        == "Stand van zaken EU-Richtlijn ter bestrijding van seksueel misbruik van kinderen"
    )
    # A heading broken over two lines is one heading.
    assert by_label(letter, "Section 4").heading.endswith("bij de evaluatie")
    assert by_label(letter, "Section 8").heading.startswith("Stand van zaken EU-Verordening")


def test_footnotes_are_separated_and_markers_removed(letter) -> None:  # type: ignore[no-untyped-def]
    seven = by_label(letter, "Section 7")
    assert seven.footnotes == (
        "19 Combatting child sexual abuse: Council adopts position on strengthened EU criminal "
        "law - Consilium (europa.eu)",
        "20 Kamerstukken II, 2023-2024, 22112, nr. 3918.",
        "21 Kamerstukken II, 2023-2024, 22112, nr. 3950.",
    )
    assert "algemene oriëntatie, bereikt. Dit in afwachting" in seven.text  # marker 19 gone
    assert "Kamerstukken" not in seven.text and "Consilium" not in seven.text
    all_notes = [n for p in letter.provisions for n in p.footnotes]
    assert [int(n.split()[0]) for n in all_notes] == list(range(1, 26))
    # Footnote continuation lines ("19 maart 2024") stay with their note, not in the body.
    assert all_notes[10].endswith("Eerste Kamer op 19 maart 2024")
    assert "(hierna: CBS). Zo meldt" in by_label(letter, "Inleiding").text


def test_page_breaks_inside_a_paragraph_are_joined(letter) -> None:  # type: ignore[no-untyped-def]
    one = by_label(letter, "Section 1")
    assert "positieve resultaten opgeleverd. Met de campagne" in one.text
    nine = by_label(letter, "Section 9")
    assert "via onder andere de ontwikkeling van specifieke tooling" in nine.text


def test_paragraphs_are_blocks_with_labels(letter) -> None:  # type: ignore[no-untyped-def]
    seven = by_label(letter, "Section 7")
    labels = [b.markers["label"] for b in seven.blocks]
    assert labels == [f"Section 7, paragraph {n}" for n in range(1, 7)]
    assert seven.blocks[5].text.startswith(
        "De belangrijkste Nederlandse zorgen zijn in het voorstel geadresseerd."
    )
    # The sentence's dash is not taken for a list item.
    assert "– zoals ook in het BNC-fiche aangegeven – aarzelingen" in seven.blocks[4].text
    five = by_label(letter, "Section 5")
    points = [b for b in five.blocks if b.num]
    assert [b.num for b in points] == ["1.", "2.", "3.", "4."]
    assert points[0].text == "het inzetten op betekenisvolle interventies;"


def test_bundled_evidence_quotes_are_the_letters_own_words(letter) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(CONCERNS.read_text(encoding="utf-8"))
    sections = {p.label: " ".join(p.text.split()) for p in letter.provisions}
    for row in data["assessments"]:
        section = "Section " + row["location"].split()[-1]
        assert row["evidence"] in sections[section], row["concern"]
    for concern in data["concerns"]:
        section = "Section " + concern["position_source"]["location"].split()[-1]
        assert concern["position_nl"] in sections[section], concern["key"]


def test_references_to_dutch_law_are_not_references_to_the_proposal(letter) -> None:  # type: ignore[no-untyped-def]
    one = by_label(letter, "Section 1")
    assert "artikel 429ter van het Wetboek van Strafrecht" in one.text
    assert "refs" not in one.markers


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("Het kabinet is kritisch over artikel 16.", ["Article 16"]),
        ("zie art. 10, tweede lid, van het voorstel", ["Article 10"]),
        (
            "de artikelen 7 tot en met 11 regelen het detectiebevel",
            [f"Article {n}" for n in range(7, 12)],
        ),
        ("artikelen 7, 8 en 10", ["Article 7", "Article 8", "Article 10"]),
        ("artikelen 7 t/m 9", ["Article 7", "Article 8", "Article 9"]),
        ("overweging 12 en bijlage II", ["Recital 12", "Annex II"]),
        ("artikel 5a van de richtlijn", ["Article 5a"]),
        ("artikel 240b Sr en artikel 28 van de Wet justitiële en strafvorderlijke gegevens", []),
        ("artikelen 240 en 242 van het Wetboek van Strafrecht", []),
    ],
)
def test_extract_refs(text: str, refs: list[str]) -> None:
    assert extract_refs(text) == refs


def test_made_up_fiche_parses_into_the_template_sections() -> None:
    [fiche] = parse_file(FICHE).stages
    assert fiche.meta["document_type"] == "bnc-fiche"
    assert fiche.title.startswith("Fiche: Voorbeeldrichtlijn")
    sections = {p.number: p for p in fiche.provisions if p.kind == "section"}
    assert list(sections) == [str(n) for n in range(1, 9)]
    assert sections["3"].heading == "Nederlandse positie ten aanzien van het voorstel"
    assert sections["4"].heading.startswith("Grondhouding ten aanzien van bevoegdheid")
    assert sections["8"].heading == "Implicaties voor ontwikkelingslanden"
    subheads = [b.markers["heading"] for b in sections["3"].blocks if "heading" in b.markers]
    assert subheads == [
        "Essentie Nederlands beleid",
        "Eerste inschatting van krachtenveld",
        "Nederlandse positie",
    ]
    # Running headers and page numbers are dropped, footnotes kept apart.
    every_text = "\n".join(p.text for p in fiche.provisions)
    assert "- 2 -" not in every_text and every_text.count("Fiche: Voorbeeldrichtlijn") == 0
    assert sections["2"].footnotes == ("1 Kamerstuk voorbeeld (verzonnen).",)
    assert sections["2"].markers["refs"] == [
        "Article 2",
        "Article 3",
        "Article 4",
        "Article 10",
        "Article 16",
    ]
    assert sections["3"].markers["refs"] == ["Article 10", "Article 16", "Recital 12", "Recital 13"]


def test_position_section_feeds_the_concerns() -> None:
    [fiche] = parse_file(FICHE).stages
    blocks = position_blocks(fiche)
    assert [b.markers["label"] for b in blocks] == [f"Section 3, paragraph {n}" for n in (3, 4, 5)]
    data = json.loads(CONCERNS.read_text(encoding="utf-8"))
    terms = {c["key"]: c["terms_en"] + c["terms_nl"] for c in data["concerns"]}
    proposals = {p.concern: p for p in propose_positions(fiche, terms)}
    assert proposals["vog"].text.startswith(
        "Het kabinet wil ruimte behouden voor de VOG-systematiek"
    )
    assert proposals["aangifteplicht"].location == "Section 3, paragraph 4"
    assert "detectiebevel" not in proposals and "kindersekspoppen" not in proposals


def test_text_without_numbered_sections_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Made-up test note.\nNo sections here at all.\n", encoding="utf-8")
    with pytest.raises(InputError, match="no numbered sections"):
        parse_file(path, "dutch")
    made_up = parse_text("1. Enige sectie\nTekst.\n2. Tweede\nMeer.\n")  # made-up text
    assert [p.label for p in made_up.provisions] == ["Section 1", "Section 2"]


def test_windows_line_ends_and_encoding_give_the_same_sections(tmp_path: Path) -> None:
    text = LETTER.read_text(encoding="utf-8")
    path = tmp_path / "letter-cp1252.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode("cp1252", errors="replace"))
    [again] = parse_file(path).stages
    [original] = parse_file(LETTER).stages
    assert [p.label for p in again.provisions] == [p.label for p in original.provisions]
    assert by_label(again, "Section 7").text == by_label(original, "Section 7").text
