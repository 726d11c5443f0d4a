"""Applying amendments to a base: where each lands, its marks, and every one accounted for.

The base is a small extract of the AI Act proposal (COM(2021) 206), written out here as
parsed provisions; the amendments are written as the EP prints them, "{…}" standing for
bold italic.
"""

from __future__ import annotations

import re

import pytest

from eu_posities.amending import apply_amendments
from eu_posities.amending.check import check_amends_base
from eu_posities.document import Amendment, Block, ParsedDocument, ParsedProvision
from eu_posities.errors import InputError
from eu_posities.importers.amendments.model import Column, build_amendment
from eu_posities.importers.amendments.runs import check_runs
from eu_posities.importers.common import blocks_text


def provision(kind: str, number: str, blocks: list[tuple[str, int, str]], **extra: object):
    made = tuple(Block(text=t, num=n, level=lv) for n, lv, t in blocks)
    label = {"article": "Article", "recital": "Recital", "citation": "Citation"}[kind]
    return ParsedProvision(
        kind=kind, number=number, label=f"{label} {number}", text=blocks_text(made),
        blocks=made, **extra,  # type: ignore[arg-type]
    )  # fmt: skip


BASE = [
    provision("recital", "1", [("", 0, "The purpose of this Regulation is to improve the "
                                "functioning of the internal market.")]),
    provision("recital", "2", [("", 0, "AI systems can be easily deployed in multiple sectors.")]),
    provision("article", "3", [
        ("", 0, "For the purpose of this Regulation, the following definitions apply:"),
        ("(43)", 1, "‘national competent authority’ means the national supervisory authority;"),
        ("(44)", 1, "‘serious incident’ means any incident that leads to any of the following:"),
        ("(a)", 1, "the death of a person;"),
        ("(b)", 1, "a serious disruption of critical infrastructure."),
    ], heading="Definitions", path=("TITLE I – GENERAL PROVISIONS",)),
    provision("article", "4", [("", 0, "The Commission is empowered to adopt delegated acts "
                                "to amend the list in Annex I.")],
              heading="Amendments to Annex I", path=("TITLE I – GENERAL PROVISIONS",)),
    provision("article", "5", [
        ("1.", 0, "The following artificial intelligence practices shall be prohibited:"),
        ("(a)", 1, "the placing on the market of an AI system that deploys subliminal techniques;"),
        ("(b)", 1, "the placing on the market of an AI system that exploits vulnerabilities;"),
        ("(c)", 1, "the use of AI systems by public authorities for social scoring;"),
        ("2.", 0, "The use of such systems shall take into account the nature of the situation."),
    ], path=("TITLE II – PROHIBITED ARTIFICIAL INTELLIGENCE PRACTICES",)),
    provision("article", "13", [("1.", 0, "High-risk AI systems shall be transparent.")],
              heading="Transparency and provision of information to users",
              path=("TITLE III – HIGH-RISK AI SYSTEMS",)),
]  # fmt: skip


def pieces(text: str) -> list[tuple[str, bool]]:
    out = []
    for part in re.split(r"(\{[^}]*\})", text):
        if part:
            out.append((part.strip("{}"), part.startswith("{")))
    return out


def am(number: str, target: str, old: list[str], new: list[str]) -> Amendment:
    """An amendment as a reader builds it; "deleted" alone in `new` deletes."""
    columns = []
    for lines in (old, new):
        column = Column()
        for line in lines:
            column.add(pieces(line))
        columns.append(column)
    return build_amendment(number, target, columns[0], columns[1])


def by_label(provisions):
    return {p.label: p for p in provisions}


def base_text(label: str) -> str:
    return by_label(BASE)[label].text if label in by_label(BASE) else ""


def assert_marks(provisions) -> None:
    for p in provisions:
        if p.marks:
            assert check_runs(p.marks, p.text, base_text(p.label)), p.label


def test_modify_uses_the_amendments_marks() -> None:
    amended = apply_amendments(BASE, [am(
        "10", "Recital 1",
        ["The purpose of this Regulation is to {improve} the functioning of the internal market."],
        ["The purpose of this Regulation is to {promote human centric AI and improve} the "
         "functioning of the internal market."],
    )])  # fmt: skip
    recital = by_label(amended.stage.provisions)["Recital 1"]
    assert recital.text == (
        "The purpose of this Regulation is to promote human centric AI and improve the "
        "functioning of the internal market."
    )
    assert recital.amendments == ("10",)
    assert [(r.op, r.text) for r in recital.marks if r.op != "equal"] == [
        ("delete", "improve"),
        ("insert", "promote human centric AI and improve"),
    ]
    assert amended.results[0].applied and amended.results[0].score == 1.0
    assert_marks(amended.stage.provisions)


def test_new_points_land_after_their_predecessors() -> None:
    amended = apply_amendments(BASE, [
        am("20", "Article 3 — paragraph 1 — point 44 a (new)", [], ["{(44a) ‘personal data’ "
           "means personal data as defined in Regulation (EU) 2016/679;}"]),
        am("21", "Article 3 — paragraph 1 — point 44 b (new)", [],
           ["{(44b) ‘non-personal data’ means data other than personal data;}"]),
        am("22", "Article 5 — paragraph 1 — point b a (new)", [],
           ["{(ba) the placing on the market of biometric categorisation systems;}"]),
    ])  # fmt: skip
    assert all(r.applied for r in amended.results)
    article3 = by_label(amended.stage.provisions)["Article 3"]
    # (44)'s own points (a) and (b) stay with it, although the base puts them at its level.
    assert [b.num for b in article3.blocks] == ["", "(43)", "(44)", "(a)", "(b)", "(44a)", "(44b)"]
    assert article3.amendments == ("20", "21")
    article5 = by_label(amended.stage.provisions)["Article 5"]
    assert [b.num for b in article5.blocks] == ["1.", "(a)", "(b)", "(ba)", "(c)", "2."]
    assert article5.blocks[3].level == 1
    assert_marks(amended.stage.provisions)


def test_new_provisions_are_inserted_in_order() -> None:
    amended = apply_amendments(BASE, [
        am("30", "Recital 1 a (new)", [], ["{(1a) This Regulation should preserve the values "
           "of the Union.}"]),
        am("31", "Article 4 a (new)", [], ["{Article 4 a}", "{1. All operators shall make "
           "their best efforts.}"]),
    ])  # fmt: skip
    labels = [p.label for p in amended.stage.provisions]
    assert labels == ["Recital 1", "Recital 1a", "Recital 2", "Article 3", "Article 4",
                      "Article 4a", "Article 5", "Article 13"]  # fmt: skip
    new = by_label(amended.stage.provisions)
    assert new["Recital 1a"].text == "This Regulation should preserve the values of the Union."
    assert new["Article 4a"].text == "1. All operators shall make their best efforts."
    assert new["Article 4a"].path == ("TITLE I – GENERAL PROVISIONS",)
    assert [r.op for r in new["Article 4a"].marks] == ["insert"]
    assert_marks(amended.stage.provisions)


def test_deletions() -> None:
    amended = apply_amendments(BASE, [
        am("40", "Article 5 — paragraph 1 — point c", ["(c) {the use of AI systems by public "
           "authorities for social scoring;}"], ["deleted"]),
        am("41", "Article 4", ["The Commission is empowered to adopt delegated acts to amend "
           "the list in Annex I."], ["deleted"]),
    ])  # fmt: skip
    assert [r.amendment.kind for r in amended.results] == ["delete", "delete"]
    assert all(r.applied for r in amended.results)
    stage = amended.stage
    article5 = by_label(stage.provisions)["Article 5"]
    assert "social scoring" not in article5.text
    assert [r.text for r in article5.marks if r.op == "delete"] == [
        "(c) the use of AI systems by public authorities for social scoring;\n"
    ]
    assert "Article 4" not in by_label(stage.provisions)
    (struck,) = stage.struck
    assert struck.label == "Article 4" and struck.text == "" and struck.amendments == ("41",)
    assert "".join(r.text for r in struck.marks) == base_text("Article 4")
    assert_marks(stage.provisions)


def test_a_quote_inside_a_longer_paragraph() -> None:
    amended = apply_amendments(BASE, [am(
        "50", "Article 5 — paragraph 2",
        ["shall take into account the {nature} of the situation."],
        ["shall take into account the {gravity and nature} of the situation."],
    )])  # fmt: skip
    (result,) = amended.results
    assert result.applied, result.problem
    article5 = by_label(amended.stage.provisions)["Article 5"]
    assert article5.blocks[-1].text == (
        "The use of such systems shall take into account the gravity and nature of the situation."
    )
    assert_marks(amended.stage.provisions)


def test_headings() -> None:
    amended = apply_amendments(BASE, [
        am("60", "Article 13 — title", ["Transparency and provision of information {to users}"],
           ["Transparency and provision of information"]),
        am("61", "Title II", ["PROHIBITED ARTIFICIAL INTELLIGENCE PRACTICES"],
           ["PROHIBITED {AND HIGH-RISK} PRACTICES"]),
    ])  # fmt: skip
    assert all(r.applied for r in amended.results), [r.problem for r in amended.results]
    new = by_label(amended.stage.provisions)
    assert new["Article 13"].heading == "Transparency and provision of information"
    assert new["Article 13"].amendments == ("60",)
    assert new["Article 5"].path == ("TITLE II – PROHIBITED AND HIGH-RISK PRACTICES",)


def test_every_amendment_is_accounted_for() -> None:
    amendments = [
        am("70", "Recital 2", ["{Robots} can be deployed anywhere."], ["Nothing."]),
        am("71", "Annex III — paragraph 1 — point 1", ["Biometric identification"], ["Other"]),
        am("72", "Explanatory statement", ["x"], ["y"]),
        am("73", "Recital 1 a (new)", [], ["{(1a) First.}"]),
        am("74", "Recital 1 a (new)", [], ["{(1a) Second.}"]),
        am("75", "Recital 2", ["AI systems can be easily deployed in multiple sectors."],
           ["AI systems can be deployed in {all} sectors."]),
        am("76", "Recital 2", ["AI systems can be easily deployed in multiple sectors."],
           ["AI systems can be deployed in {some} sectors."]),
    ]  # fmt: skip
    amended = apply_amendments(BASE, amendments)
    results = {r.number: r for r in amended.results}
    assert len(amended.results) == len(amendments)
    assert results["70"].problem.startswith("Commission text not found: in Recital 2")
    assert results["71"].problem == "provision not in the base: Annex III"
    assert results["72"].problem.startswith("target not understood")
    assert results["73"].applied
    assert results["74"].problem == "already exists: Recital 1a is in an earlier amendment"
    assert results["75"].applied
    assert results["76"].problem == "overlaps: the same text is amended by amendment 75"
    assert amended.summary().startswith("7 amendments, 2 applied, 5 not applied (")
    row = results["70"].to_json()
    assert {"number", "target", "kind", "old", "new", "applied", "problem"} <= set(row)
    assert row["applied"] is False and row["kind"] == "modify"


def test_the_base_is_not_changed() -> None:
    before = [p.text for p in BASE]
    apply_amendments(
        BASE,
        [
            am(
                "80",
                "Recital 2",
                ["AI systems can be easily deployed in multiple sectors."],
                ["deleted"],
            )
        ],
    )
    assert [p.text for p in BASE] == before


def _document(amendments: list[Amendment], **meta: str) -> ParsedDocument:
    return ParsedDocument(stages=(), amendments=tuple(amendments), meta=dict(meta))


def test_check_refuses_another_procedure() -> None:
    document = _document([], procedure="2022/0047(COD)", amends="COM(2022) 68")
    with pytest.raises(InputError, match="procedure 2022/0047\\(COD\\), not 2021/0106\\(COD\\)"):
        check_amends_base(document, BASE, procedure="2021/0106 (COD)")
    with pytest.raises(InputError, match="amends COM\\(2022\\) 68, not COM\\(2021\\) 206"):
        check_amends_base(document, BASE, ref="COM(2021) 206 final")


def test_check_refuses_texts_not_in_the_base() -> None:
    foreign = [
        am(str(n), "Recital 1", [f"The data holder shall make data available {n}."], ["x"])
        for n in range(5)
    ]
    with pytest.raises(InputError, match="only 0 of 5 Commission-column texts are in the base"):
        check_amends_base(_document(foreign), BASE)
    own = [am("1", "Recital 2", ["AI systems can be easily deployed in multiple sectors."],
              ["AI systems are deployed."])]  # fmt: skip
    check_amends_base(
        _document(own, subject="laying down harmonised rules on AI"),
        BASE,
        title="Proposal for a Regulation laying down harmonised rules on AI",
    )


def test_amend_checks_then_applies() -> None:
    from eu_posities.amending import amend, amendment_rows

    change = am("90", "Recital 2", ["AI systems can be easily deployed in multiple sectors."],
                ["AI systems can be deployed in {all} sectors."])  # fmt: skip
    document = _document([change], procedure="2021/0106(COD)")
    amended = amend(BASE, document, procedure="2021/0106(COD)")
    assert amended.summary() == "1 amendments, 1 applied, 0 not applied"
    assert by_label(amended.stage.provisions)["Recital 2"].amendments == ("90",)
    with pytest.raises(InputError, match="^list.html: this list amends procedure"):
        amend(BASE, document, procedure="2022/0155(COD)", source="list.html")
    (row,) = amendment_rows(document)
    assert row["applied"] is None and row["number"] == "90"
