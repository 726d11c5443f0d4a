"""EP amendments on the real documents of the shared corpus (read in place; skipped if absent).

- the AI Act plenary amendments P9_TA(2023)0236 (OJ XHTML, 771 amendments) read and applied
  to the Commission proposal COM(2021) 206;
- the ITRE and JURI committee opinions (EP two-column PDFs), columns kept apart;
- the Data Act consolidated amendment P9_TA(2023)0069 as the Parliament's stage, against
  the article correspondence in `truth.json`.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from corpus import CORPUS

from eu_posities.amending import apply_amendments
from eu_posities.amending.check import check_amends_base
from eu_posities.amending.consolidated import rebase_consolidated
from eu_posities.document import ParsedDocument, ParsedProvision
from eu_posities.errors import InputError
from eu_posities.importers import detect_format, parse_file
from eu_posities.importers.amendments.runs import check_runs

AI_ACT = CORPUS / "ai-act"
OJ_LIST = AI_ACT / "ep-amendments.P9-TA-2023-0236.oj.html"
PROPOSAL = AI_ACT / "commission-proposal.COM-2021-206.xhtml"
ITRE = AI_ACT / "ep-itre-opinion-adopted.2022-06-14.pdf"
JURI = AI_ACT / "ep-juri-opinion-draft.2022-03-02.pdf"
DATA_ACT = CORPUS / "real-pairs" / "data-act-ep"


def need(*paths: Path) -> None:
    for path in paths:
        if not path.exists():
            pytest.skip(f"{path.name} not found: the real corpus is not on this machine")


@cache
def _parsed(path: Path) -> ParsedDocument:
    return parse_file(path)


def base_of(path: Path) -> tuple[ParsedProvision, ...]:
    return _parsed(path).stages[0].provisions


def independent_kinds(path: Path) -> Counter[str]:
    """Kinds counted straight from the tables: an empty Commission column is an insert, an
    amendment column saying only "deleted" a deletion, anything else a modification."""
    from lxml import html

    root = html.fromstring(path.read_bytes())
    kinds: Counter[str] = Counter()
    for table in root.iter("table"):
        if "oj-table" not in (table.get("class") or ""):
            continue
        rows = table.findall("./tbody/tr")
        if not rows or "Text proposed by the Commission" not in rows[0].text_content():
            continue
        old = " ".join(r.findall("td")[0].text_content() for r in rows[1:]).split()
        new = " ".join(r.findall("td")[1].text_content() for r in rows[1:]).split()
        kinds["insert" if not old else "delete" if new == ["deleted"] else "modify"] += 1
    return kinds


def test_ai_act_amendments_all_read() -> None:
    need(OJ_LIST)
    assert detect_format(OJ_LIST) == "ep-amendments"
    document = _parsed(OJ_LIST)
    headings = re.findall(rb'<span class="oj-bold">Amendment (\d+)</span>', OJ_LIST.read_bytes())
    assert len(headings) == 771
    amendments = document.amendments
    assert [a.number for a in amendments] == [h.decode() for h in headings]
    assert all(a.target and a.label for a in amendments)
    assert Counter(a.kind for a in amendments) == independent_kinds(OJ_LIST)
    assert Counter(a.kind for a in amendments) == {"modify": 429, "insert": 298, "delete": 44}
    assert document.meta["procedure"] == "2021/0106(COD)"
    assert document.coverage is not None and document.coverage.share >= 0.99
    for a in amendments:
        assert "Text proposed by the Commission" not in a.old + a.new
        assert (a.kind == "insert") == (not a.old and not a.old_heading)


@pytest.mark.slow
def test_ai_act_amendments_applied() -> None:
    need(OJ_LIST, PROPOSAL)
    base = base_of(PROPOSAL)
    amended = apply_amendments(base, _parsed(OJ_LIST).amendments)
    results = amended.results
    assert len(results) == 771
    # The corpus's proposal has no annexes (they are a separate COM document): amendments to
    # them cannot apply, and say so.
    labels = {p.label for p in base}
    annex = [r for r in results if (r.amendment.label or "").startswith("Annex")]
    assert annex and all(not r.applied for r in annex)
    assert all(r.problem.startswith("provision not in the base: Annex") for r in annex)
    assert not any("Annex" in label for label in labels)
    applicable = [r for r in results if r not in annex]
    applied = [r for r in applicable if r.applied]
    assert len(applied) >= 0.98 * len(applicable), amended.summary()
    assert len(applied) / len(results) > 0.9
    for result in results:
        assert result.applied or result.problem, result.number
    others = {r.number: r.problem for r in applicable if not r.applied}
    # Every amendment whose target is in the base applies: the headings of Title III's
    # chapters and of Title VII are in the provisions' paths (amendments 330 and 566).
    assert others == {}
    article71 = next(r for r in results if r.number == "644")  # the base already says so
    assert article71.applied and article71.note == "the base already reads 'Penalties'"

    stage = amended.stage
    base_by_label = {p.label: p for p in base}
    for provision in stage.provisions:
        if provision.marks:
            old = base_by_label[provision.label].text if provision.label in base_by_label else ""
            assert check_runs(provision.marks, provision.text, old), provision.label
    new = {p.label: p for p in stage.provisions}
    assert [b.num for b in new["Article 5"].blocks[:1]] == ["1."]
    points = [b.num for b in new["Article 5"].blocks if b.level == 1 and b.num][:9]
    assert points == ["(a)", "(b)", "(ba)", "(c)", "(d)", "(da)", "(db)", "(dc)", "(dd)"]
    assert "Article 4" not in new and "Article 4" in {p.label for p in stage.struck}
    assert new["Article 4a"].heading == "General principles applicable to all AI systems"
    article3 = [b.num for b in new["Article 3"].blocks]
    assert article3.index("(44b)") == article3.index("(44a)") + 1
    assert article3.index("(33b)") == article3.index("(33a)") + 1 == article3.index("(33c)") - 1
    assert new["Recital 1"].amendments == ("3",)
    assert new["Recital 1"].text.startswith(
        "The purpose of this Regulation is to promote the uptake"
    )

    proposal = _parsed(PROPOSAL).stages[0]
    check_amends_base(_parsed(OJ_LIST), base, title=proposal.title, procedure="2021/0106(COD)",
                      ref="COM(2021) 206 final", applied=amended)  # fmt: skip


@pytest.mark.slow
def test_ai_act_list_refused_against_another_act() -> None:
    need(OJ_LIST, DATA_ACT / "commission-proposal.COM-2022-68.xhtml")
    data_act = _parsed(DATA_ACT / "commission-proposal.COM-2022-68.xhtml").stages[0]
    with pytest.raises(InputError, match="procedure 2021/0106\\(COD\\), not 2022/0047\\(COD\\)"):
        check_amends_base(_parsed(OJ_LIST), data_act.provisions, procedure="2022/0047(COD)")
    with pytest.raises(InputError, match="this list amends a proposal"):
        check_amends_base(_parsed(OJ_LIST), data_act.provisions, title=data_act.title)
    with pytest.raises(InputError, match="Commission-column texts are in the base"):
        check_amends_base(_parsed(OJ_LIST), data_act.provisions)


@pytest.mark.slow
@pytest.mark.parametrize(("path", "count"), [(ITRE, 83), (JURI, 309)])
def test_committee_pdfs(path: Path, count: int) -> None:
    need(path, PROPOSAL)
    assert detect_format(path) == "ep-amendments"
    document = _parsed(path)
    amendments = document.amendments
    assert [a.number for a in amendments] == [str(n) for n in range(1, count + 1)]
    assert document.meta["procedure"] == "2021/0106(COD)"
    assert document.coverage is not None and document.coverage.share >= 0.99
    for a in amendments:
        for text in (a.old, a.new, a.justification, a.target):
            # No page furniture, language line or column header in any text.
            assert not re.search(r"PE719\.\d+|\.docx|\bOr\. en\b|Text proposed by", text), a.number
    amended = apply_amendments(base_of(PROPOSAL), amendments)
    applicable = [r for r in amended.results if not (r.amendment.label or "").startswith("Annex")]
    assert sum(r.applied for r in applicable) >= 0.98 * len(applicable), amended.summary()


@pytest.mark.slow
def test_juri_columns_apart() -> None:
    need(JURI)
    found = {a.number: a for a in _parsed(JURI).amendments}
    recital5 = found["1"]  # the amendment adds two sentences in the middle of recital 5
    added = "Furthermore, clear rules supporting the development of AI systems should be laid down"
    assert added in recital5.new and added not in recital5.old
    assert recital5.old.endswith("as specifically requested by the European Parliament.")
    assert recital5.new.endswith("as specifically requested by the European Parliament.")
    assert "33" not in recital5.old.split()  # the footnote reference and the footnotes dropped
    assert (found["27"].kind, found["27"].old, found["27"].new) == (
        "delete", "(c) Regulation (EU) No 168/2013;", "",
    )  # fmt: skip
    definition = found["37"]
    assert "means a machine based system" in definition.new
    assert "machine" not in definition.old
    assert "software that is developed with one or more of the techniques" in definition.old
    assert "one or more" not in definition.new
    assert definition.justification.startswith("Although the AI Act is an EU Regulation")
    assert found["152"].target == "Article 17" and found["152"].kind == "delete"


@pytest.mark.slow
def test_itre_columns_apart() -> None:
    need(ITRE)
    found = {a.number: a for a in _parsed(ITRE).amendments}
    recital6 = found["3"]
    added = "This definition should be in line with definitions that have been accepted"
    assert added in recital6.new and added not in recital6.old
    assert "AI systems can be designed to operate" in recital6.old
    assert "AI systems are designed to operate" in recital6.new
    assert "can be designed" not in recital6.new
    assert [r.text for r in recital6.old_marks if r.op == "delete"][0] == "software"
    assert found["1"].kind == "insert" and found["1"].label == "Recital 3a"


@pytest.mark.slow
def test_data_act_consolidated() -> None:
    path = DATA_ACT / "ep-position.P9-TA-2023-0069.oj.xhtml"
    need(path, DATA_ACT / "truth.json", DATA_ACT / "commission-proposal.COM-2022-68.xhtml")
    assert detect_format(path) == "ep-consolidated"
    document = _parsed(path)
    assert document.amendments == ()
    assert document.meta["procedure"] == "2022/0047(COD)" and document.meta["consolidated"]
    (stage,) = document.stages
    assert stage.title.startswith("Proposal for a REGULATION OF THE EUROPEAN PARLIAMENT")
    for provision in stage.provisions:
        texts = [provision.text, provision.heading, *(b.text for b in provision.blocks)]
        texts += [b.num for b in provision.blocks] + [r.text for r in provision.marks]
        assert not any("▌" in t for t in texts), provision.label
    base = _parsed(DATA_ACT / "commission-proposal.COM-2022-68.xhtml").stages[0].provisions
    truth = json.loads((DATA_ACT / "truth.json").read_text(encoding="utf-8"))
    labels = {p.label for p in stage.provisions}
    base_labels = {p.label for p in base}
    for entry in truth:
        if entry["new"]:
            assert entry["new"] in labels, entry
        if entry["kind"] == "added":
            assert entry["new"] not in base_labels
    added = sorted(e["new"] for e in truth if e["kind"] == "added")
    assert added == ["Article 15a", "Article 24a", "Article 24b", "Article 26a", "Article 26b",
                     "Article 32a", "Article 32b", "Article 32c", "Article 3a"]  # fmt: skip
    new = {p.label: p for p in stage.provisions}
    assert new["Article 3a"].heading == "Data Literacy"
    assert [r.op for r in new["Article 3a"].marks] == ["insert"]
    rebased = rebase_consolidated(base, stage)
    base_by_label = {p.label: p for p in base}
    for provision in rebased.provisions:
        old = base_by_label[provision.label].text if provision.label in base_by_label else ""
        assert check_runs(provision.marks, provision.text, old), provision.label
    recital1 = {p.label: p for p in rebased.provisions}["Recital 1"]
    assert [r.text for r in recital1.marks if r.op == "delete"] == ["of Things "]
    check_amends_base(document, base, procedure="2022/0047(COD)", title=base_title(DATA_ACT))
    with pytest.raises(InputError, match="resemble the base"):
        check_amends_base(document, base_of(PROPOSAL))


def base_title(folder: Path) -> str:
    return _parsed(folder / "commission-proposal.COM-2022-68.xhtml").stages[0].title
