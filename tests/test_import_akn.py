"""Akoma Ntoso 3.0, AKN4EU and LEOS mandates."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from eu_posities.importers import detect_format, parse_file

AKN = Path(__file__).parent / "data" / "akn"
MANDATES = AKN / "leos-mandate"


def kinds(path: Path) -> Counter[str]:
    (stage,) = parse_file(path).stages
    return Counter(p.kind for p in stage.provisions)


def test_detected_as_akn() -> None:
    for path in AKN.glob("*.xml"):
        assert detect_format(path) == "akn", path


def test_leos_com_2025_162() -> None:
    (stage,) = parse_file(AKN / "akn4eu-leos-COM-2025-162-directive-proposal.xml").stages
    assert stage.name is None  # a plain proposal, not a mandate ("trans" soft actions only)
    articles = [p for p in stage.provisions if p.kind == "article"]
    recitals = [p for p in stage.provisions if p.kind == "recital"]
    assert [p.number for p in articles] == [str(n) for n in range(1, 21)]
    assert [p.number for p in recitals] == [str(n) for n in range(1, 25)]
    # Every article has a heading except Article 8, which has none in the file itself.
    assert [p.label for p in articles if not p.heading] == ["Article 8"]
    assert articles[0].heading == "Subject matter and scope"
    assert articles[0].path == ("Chapter I – General provisions",)
    assert articles[0].text.startswith("1. This Directive lays down common rules on the following:")
    assert not articles[1].text.startswith("Article")  # the article number is not body text
    assert recitals[0].text == (
        "The registration of a vehicle provides the administrative authorisation for its entry "
        "into service in road traffic."
    )
    recital_2 = recitals[1]
    assert recital_2.footnotes and recital_2.footnotes[0].startswith("Council Directive 1999/37/EC")
    assert stage.title.startswith("Proposal for a DIRECTIVE OF THE EUROPEAN PARLIAMENT")


def test_akn4eu_join_2022_19() -> None:
    counts = kinds(AKN / "akn4eu-JOIN-2022-19-regulation-proposal.xml")
    assert counts["article"] == 15
    assert counts["recital"] == 8
    assert counts["citation"] == 3


def test_cirsfid_directive_2014_92() -> None:
    (stage,) = parse_file(AKN / "akn-cirsfid-32014L0092-directive.xml").stages
    articles = [p for p in stage.provisions if p.kind == "article"]
    recitals = [p for p in stage.provisions if p.kind == "recital"]
    assert len(articles) == 31
    assert len(recitals) == 58
    assert [p.number for p in recitals] == [str(n) for n in range(1, 59)]
    # The article title sits in a second <num> in these files.
    assert articles[0].heading == "Subject matter and scope"
    assert articles[1].heading == "Definitions"
    assert articles[1].text.startswith("For the purposes of this Directive")
    assert articles[0].path == ("CHAPTER I – SUBJECT MATTER, SCOPE AND DEFINITIONS",)
    assert len({p.path[0] for p in articles}) == 7


def _articles(stage) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {p.label: p.text for p in stage.provisions if p.kind == "article"}


def test_plain_bill_is_one_unnamed_stage() -> None:
    (stage,) = parse_file(MANDATES / "bill_3Articles.xml").stages
    assert stage.name is None
    assert list(_articles(stage)) == ["Article 1", "Article 2", "Article 3"]


def test_mandate_added_article() -> None:
    council, commission = parse_file(
        MANDATES / "mandate_add_bill_add__article_output.xml", leos_both=True
    ).stages
    assert (council.name, commission.name) == ("council-mandate", "commission-proposal")
    assert list(_articles(council)) == ["Article 1", "Article 1a", "Article 2", "Article 3"]
    assert list(_articles(commission)) == ["Article 1", "Article 2", "Article 3"]
    added = next(p for p in council.provisions if p.label == "Article 1a")
    assert added.markers == {"origin": "cn", "softaction": "add"}
    assert all(b.markers.get("softaction") == "add" for b in added.blocks)


def test_mandate_only_council_by_default() -> None:
    stages = parse_file(MANDATES / "mandate_add_bill_add__article_output.xml").stages
    assert [s.name for s in stages] == ["council-mandate"]


def test_mandate_deleted_article() -> None:
    council, commission = parse_file(
        MANDATES / "mandate_delete_bill_3Articles__deleteArt1_output.xml", leos_both=True
    ).stages
    assert list(_articles(council)) == ["Article 2", "Article 3"]
    assert list(_articles(commission)) == ["Article 1", "Article 2", "Article 3"]
    deleted = next(p for p in commission.provisions if p.label == "Article 1")
    assert deleted.markers["softaction"] == "del"


def test_mandate_moved_point() -> None:
    path = (
        MANDATES
        / "mandate_move_bill_3Articles__move_Art1Par1PointB_beforePointA_sameList_output.xml"
    )
    council, commission = parse_file(path, leos_both=True).stages
    # In LEOS the moved element carries "move_from" in its new place and a "move_to" ghost
    # stays in the old place: the Council reads the new place, the Commission the old one.
    assert _articles(council)["Article 1"] == (
        "1. art1-par1 (sub)\n(-a) point blast subparagraph\n(a) point a"
    )
    assert _articles(commission)["Article 1"] == (
        "1. art1-par1 (sub)\n(a) point a\n(b) point blast subparagraph"
    )
    moved = [
        b for b in next(p for p in council.provisions if p.label == "Article 1").blocks if b.markers
    ]
    assert moved[0].markers["softaction"] == "move_from"


def test_mandate_point_added_then_deleted() -> None:
    before = parse_file(
        MANDATES / "mandate_delete_bill_3Articles__CNArt1Par1PointA__deletePointA.xml"
    ).stages
    after = parse_file(
        MANDATES / "mandate_delete_bill_3Articles__CNArt1Par1PointA__deletePointA_output.xml"
    ).stages
    assert _articles(before[0])["Article -1"] == "1. par2 (sub)\n(a) Point A"
    assert _articles(after[0])["Article -1"] == "1. par2 (sub)"
