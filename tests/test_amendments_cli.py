"""`eup import --amending` and `eup amendments` on the real AI Act plenary amendments.

The proposal is read in place from the corpus; the amendments are an extract of the real
list (tests/data/amendments, see SOURCES.md) or, marked slow, the whole list.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from clihelp import eup
from corpus import corpus_file
from testdata import TEST_DATA

EXTRACT = TEST_DATA / "amendments" / "ai-act-ep-amendments.extract.oj.html"


@pytest.fixture
def ai_act(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'ai.db'}"
    proposal = corpus_file("ai-act/commission-proposal.COM-2021-206.xhtml")
    assert eup("--db", url, "init", "--empty").code == 0
    add = ["dossier", "add", "ai-act", "--title", "Artificial Intelligence Act"]
    assert eup("--db", url, *add, "--procedure", "2021/0106(COD)").code == 0
    done = eup("--db", url, "import", str(proposal), "--dossier", "ai-act", "--stage",
               "commission-proposal")  # fmt: skip
    assert done.code == 0, done.err
    return url


def test_a_list_needs_the_stage_it_amends(ai_act: str) -> None:
    args = ["import", str(EXTRACT), "--dossier", "ai-act", "--stage", "ep-position"]
    refused = eup("--db", ai_act, *args)
    assert refused.code == 1 and "--amending BASE" in refused.err
    assert refused.err.count("\n") == 1
    missing = eup("--db", ai_act, *args, "--amending", "council-mandate")
    assert missing.code == 1 and "unknown stage 'council-mandate'" in missing.err
    stages = eup("--db", ai_act, "stages", "ai-act", "--json").json()
    assert [s["key"] for s in stages] == ["commission-proposal"]


def test_the_extract_becomes_the_parliaments_stage(ai_act: str) -> None:
    args = ["import", str(EXTRACT), "--dossier", "ai-act", "--stage", "ep-position"]
    result = eup("--db", ai_act, *args, "--amending", "commission-proposal", "--json")
    assert result.code == 0, result.err
    (row,) = result.json()
    summary = row["amendments"]
    assert (
        summary["total"] == 19 and summary["applied"] == summary["total"] - summary["not_applied"]
    )
    assert summary["applied"] >= 18
    listed = eup("--db", ai_act, "amendments", "ai-act", "ep-position", "--json").json()
    assert [r["number"] for r in listed][:3] == ["1", "3", "4"]
    assert {"number", "target", "kind", "old", "new", "applied", "problem"} <= set(listed[0])
    article5 = eup("--db", ai_act, "amendments", "ai-act", "ep-position", "--provision",
                   "Article 5", "--json").json()  # fmt: skip
    assert {r["number"] for r in article5} == {"215", "216"}
    provisions = eup("--db", ai_act, "provisions", "ai-act", "ep-position", "--json").json()
    article = next(p for p in provisions if p["label"] == "Article 5")
    assert set(article["amendments"]) == {"215", "216"} and article["marked"] is True
    untouched = next(p for p in provisions if p["label"] == "Article 2")
    assert "amendments" not in untouched


def test_a_file_is_listed_without_storing_anything(ai_act: str) -> None:
    rows = eup("--db", ai_act, "amendments", "--file", str(EXTRACT), "--json").json()
    assert len(rows) == 19 and all(r["applied"] is None for r in rows)
    assert eup("--db", ai_act, "stages", "ai-act", "--json").json()[-1]["key"] == (
        "commission-proposal"
    )


@pytest.mark.slow
def test_the_whole_plenary_list(ai_act: str) -> None:
    whole = corpus_file("ai-act/ep-amendments.P9-TA-2023-0236.oj.html")
    args = ["import", str(whole), "--dossier", "ai-act", "--stage", "ep-position"]
    (row,) = eup("--db", ai_act, *args, "--amending", "commission-proposal", "--json").json()
    summary = row["amendments"]
    assert summary["total"] == 771
    # Annexes are a separate Commission document, not in the corpus copy of the proposal.
    assert summary["reasons"].get("provision not in the base", 0) == 64
    assert summary["applied"] >= 705


def test_a_concern_shows_the_amendments_to_its_provisions(ai_act: str) -> None:
    add = ["concerns", "add", "biometrie", "--title", "Biometrie (test)", "--dossier", "ai-act"]
    assert eup("--db", ai_act, *add).code == 0
    link = ["concerns", "link", "ai-act", "biometrie", "commission-proposal", "Article 5"]
    assert eup("--db", ai_act, *link).code == 0
    args = ["import", str(EXTRACT), "--dossier", "ai-act", "--stage", "ep-position"]
    assert eup("--db", ai_act, *args, "--amending", "commission-proposal").code == 0
    shown = eup("--db", ai_act, "concerns", "show", "ai-act", "biometrie", "--json").json()
    assert {(a["stage"], a["provision"], a["number"]) for a in shown["amendments"]} == {
        ("ep-position", "Article 5", "215"),
        ("ep-position", "Article 5", "216"),
    }
    human = eup("--db", ai_act, "concerns", "show", "ai-act", "biometrie").out
    assert "ep-position: Article 5 — 215, 216" in human


def test_the_redline_as_the_parliament_marked_it(ai_act: str) -> None:
    args = ["import", str(EXTRACT), "--dossier", "ai-act", "--stage", "ep-position"]
    assert eup("--db", ai_act, *args, "--amending", "commission-proposal").code == 0
    pair = ("ai-act", "commission-proposal", "ep-position")
    marked = eup("--db", ai_act, "diff", *pair, "--as-marked", "--json").json()
    computed = eup("--db", ai_act, "diff", *pair, "--json").json()
    assert set(marked) == set(computed) and len(marked["pairs"]) == len(computed["pairs"])
    texts = {p["label"]: p["text"] for p in eup("--db", ai_act, "provisions", "ai-act",
             "ep-position", "--json").json()}  # fmt: skip
    article5 = next(p for p in marked["pairs"] if p["to"] == "Article 5")
    new = "".join(op["new"] for op in article5["ops"] if op["op"] != "delete")
    assert new == texts["Article 5"]
    inserted = " ".join(op["new"] for op in article5["ops"] if op["op"] in ("insert", "replace"))
    assert "or purposefully manipulative or deceptive techniques" in inserted
