"""Formex 4 and OJ XHTML: Regulation (EU) 2024/903 in both formats must give the same text."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from eu_posities.document import ParsedStage
from eu_posities.importers import detect_format, parse_file

DATA = Path(__file__).parent / "data"
FMX = DATA / "formex"
OJ = DATA / "reg-2024-903-oj.xhtml"


def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def oj() -> ParsedStage:
    (stage,) = parse_file(OJ).stages
    return stage


@pytest.fixture(scope="module")
def fmx() -> ParsedStage:
    (stage,) = parse_file(FMX / "reg-2024-903" / "L_202400903EN.doc.fmx.xml").stages
    return stage


def test_detection() -> None:
    assert detect_format(OJ) == "oj-xhtml"
    assert detect_format(FMX / "reg-2024-903" / "L_202400903EN.doc.fmx.xml") == "formex"
    assert detect_format(FMX / "reg-2008-1137") == "formex"
    assert detect_format(FMX / "reg-2008-1137" / "DOC_2.xml") == "formex"


@pytest.mark.parametrize("which", ["oj", "fmx"])
def test_counts(which: str, request: pytest.FixtureRequest) -> None:
    stage: ParsedStage = request.getfixturevalue(which)
    kinds = Counter(p.kind for p in stage.provisions)
    assert kinds["article"] == 23
    assert kinds["recital"] == 57
    assert kinds["citation"] == 6
    assert kinds["annex"] == 1
    articles = [p for p in stage.provisions if p.kind == "article"]
    assert [p.number for p in articles] == [str(n) for n in range(1, 24)]
    assert articles[0].heading == "Subject matter and scope"
    assert articles[0].path == ("Chapter 1 – General provisions",)
    assert articles[-1].path == ("Chapter 6 – Final provisions",)


def test_every_article_and_recital_same_in_both_formats(oj: ParsedStage, fmx: ParsedStage) -> None:
    by_label = {p.label: p for p in oj.provisions}
    compared = Counter()
    for provision in fmx.provisions:
        other = by_label[provision.label]
        assert norm(provision.text) == norm(other.text), provision.label
        assert provision.heading == other.heading, provision.label
        assert provision.path == other.path, provision.label
        assert provision.footnotes == other.footnotes, provision.label
        compared[provision.kind] += 1
    assert compared["article"] == 23 and compared["recital"] == 57
    assert [p.label for p in fmx.provisions] == [p.label for p in oj.provisions]
    assert fmx.title == oj.title


def test_quotes_and_footnotes(fmx: ParsedStage) -> None:
    article_2 = next(p for p in fmx.provisions if p.label == "Article 2")
    assert "(1) ‘cross-border interoperability’ means" in article_2.text
    recital_3 = next(p for p in fmx.provisions if p.label == "Recital 3")
    # The footnote after "Decision (EU) 2022/2481 of the European Parliament and of the
    # Council" is stored apart; the running text continues without a marker.
    assert "of the Council sets a clear target" in recital_3.text
    assert any(f.startswith("Decision (EU) 2022/2481") for f in recital_3.footnotes)
    assert "\x00" not in recital_3.text


def test_manifest_folder_and_act_file_agree() -> None:
    (from_folder,) = parse_file(FMX / "reg-2024-903").stages
    (act_only,) = parse_file(FMX / "reg-2024-903" / "L_202400903EN.000101.fmx.xml").stages
    assert [p.label for p in from_folder.provisions][-1] == "Annex"
    assert [p.label for p in act_only.provisions] == [
        p.label for p in from_folder.provisions if p.kind != "annex"
    ]


def test_reg_2008_1137_schema_04() -> None:
    (stage,) = parse_file(FMX / "reg-2008-1137" / "DOC_1.xml").stages
    kinds = Counter(p.kind for p in stage.provisions)
    assert kinds == Counter(
        {"title": 1, "citation": 6, "recital": 3, "formula": 1, "article": 3, "annex": 2}
    )
    articles = [p for p in stage.provisions if p.kind == "article"]
    # Articles quoted inside the annex ("Article 4 shall be replaced by ...") stay in the annex.
    assert [p.label for p in articles] == ["Article 1", "Article 2", "Article 3"]
    annex = next(p for p in stage.provisions if p.kind == "annex")
    assert "‘Article 4" in annex.text
    assert annex.footnotes


def test_impl_reg_2011_1319_schema_05_with_quoted_annex() -> None:
    (stage,) = parse_file(FMX / "impl-reg-2011-1319").stages
    kinds = Counter(p.kind for p in stage.provisions)
    assert kinds["article"] == 2 and kinds["recital"] == 4 and kinds["annex"] == 1
    article_1 = next(p for p in stage.provisions if p.label == "Article 1")
    assert article_1.text == (
        "Annex I to Regulation (EC) No 1484/95 is replaced by the Annex to this Regulation."
    )
    annex = next(p for p in stage.provisions if p.kind == "annex")
    assert annex.text.startswith("‘ANNEX I\nCN code | Description of goods")


def test_page_instructions_ignored(tmp_path: Path) -> None:
    # Made-up test text (not legal text) in the shape of a Formex 6 ACT file.
    act = tmp_path / "act.xml"
    act.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><ACT><TITLE><TI><P>Made-up test act</P></TI>'
        '</TITLE><ENACTING.TERMS><ARTICLE IDENTIFIER="001"><TI.ART>Article 1</TI.ART>'
        '<ALINEA>First <?PAGE NO="2"?>part<NOTE NOTE.ID="E1"><P>A note.</P></NOTE>.</ALINEA>'
        '</ARTICLE><?PAGE NO="3"?><ARTICLE IDENTIFIER="002"><TI.ART>Article 2</TI.ART>'
        '<PARAG IDENTIFIER="002.001"><NO.PARAG>1.</NO.PARAG><ALINEA>Quoted '
        '<QUOT.START CODE="201C"/>words<QUOT.END CODE="201D"/>.</ALINEA></PARAG></ARTICLE>'
        "</ENACTING.TERMS></ACT>",
        encoding="utf-8",
    )
    (stage,) = parse_file(act).stages
    texts = {p.label: p for p in stage.provisions}
    assert texts["Article 1"].text == "First part."
    assert texts["Article 1"].footnotes == ("A note.",)
    assert texts["Article 2"].text == "1. Quoted “words”."
