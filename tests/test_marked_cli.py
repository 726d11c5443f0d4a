"""`eup import --marked-against` on the real Council compromise texts (read in place; LIMITE:
never copied into the repository) and `eup diff --as-marked` against the computed diff."""

from __future__ import annotations

from pathlib import Path

import pytest
from clihelp import eup
from corpus import corpus_file

pytestmark = pytest.mark.slow

CZ = "council-marked/AI-Act.CZ-presidency-compromise-1.2022-07-15.pdf"
PROPOSAL = "ai-act/commission-proposal.COM-2021-206.xhtml"


def _dossier(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'ai.db'}"
    assert eup("--db", url, "init", "--empty").code == 0
    add = ["dossier", "add", "ai-act", "--title", "Artificial Intelligence Act"]
    assert eup("--db", url, *add, "--procedure", "2021/0106(COD)").code == 0
    return url


def test_a_base_with_no_text_is_rebuilt_from_the_marks(tmp_path: Path) -> None:
    url = _dossier(tmp_path)
    marked = corpus_file(CZ)
    args = ["import", str(marked), "--dossier", "ai-act", "--stage", "presidency-compromise"]
    result = eup("--db", url, *args, "--marked-against", "commission-proposal", "--json")
    assert result.code == 0, result.err
    row = result.json()[0]
    assert row["base"] == {"stage": "commission-proposal", "rebuilt": True}
    stages = {s["key"]: s for s in eup("--db", url, "stages", "ai-act", "--json").json()}
    assert stages["commission-proposal"]["rebuilt_from"] == marked.name
    assert stages["presidency-compromise"]["limite"] is True  # LIMITE in its page furniture
    # The rebuilt base agrees with the real proposal on the articles it holds.
    proposal = corpus_file(PROPOSAL)
    other = _dossier(tmp_path / "second")
    assert eup("--db", other, "import", str(proposal), "--dossier", "ai-act", "--stage",
               "commission-proposal").code == 0  # fmt: skip
    checked = eup("--db", other, *args, "--marked-against", "commission-proposal", "--json")
    base = checked.json()[0]["base"]
    assert base["rebuilt"] is False and base["agreement"] >= 0.97, base


def test_no_struck_word_in_the_council_text_and_the_marks_agree_with_the_diff(
    tmp_path: Path,
) -> None:
    url = _dossier(tmp_path)
    proposal, marked = corpus_file(PROPOSAL), corpus_file(CZ)
    assert eup("--db", url, "import", str(proposal), "--dossier", "ai-act", "--stage",
               "commission-proposal").code == 0  # fmt: skip
    args = ["import", str(marked), "--dossier", "ai-act", "--stage", "presidency-compromise"]
    assert eup("--db", url, *args, "--marked-against", "commission-proposal").code == 0
    pair = ("ai-act", "commission-proposal", "presidency-compromise")
    as_marked = eup("--db", url, "diff", *pair, "--as-marked", "--json").json()
    computed = eup("--db", url, "diff", *pair, "--json").json()
    texts = {p["label"]: p["text"] for p in eup("--db", url, "provisions", "ai-act",
             "presidency-compromise", "--json").json()}  # fmt: skip
    changed_marked, changed_computed, both = set(), set(), 0
    for mine, theirs in zip(as_marked["pairs"], computed["pairs"], strict=True):
        assert (mine["from"], mine["to"]) == (theirs["from"], theirs["to"])
        if mine["to"] in texts:
            # The stage text is the Council's: the marks' new side is exactly that text.
            new = "".join(op["new"] for op in mine["ops"] if op["op"] != "delete")
            assert new == texts[mine["to"]], mine["to"]
        marked_change = any(op["op"] != "equal" for op in mine["ops"])
        computed_change = any(op["op"] != "equal" for op in theirs["ops"])
        changed_marked.add(mine["to"]) if marked_change else None
        changed_computed.add(theirs["to"]) if computed_change else None
        both += marked_change and computed_change
    # Where the Council marked a change, the computed diff sees one too (and nearly always
    # the other way round: the Council does not mark every editorial correction).
    assert both >= 0.95 * len(changed_marked)
    assert both >= 0.85 * len(changed_computed)
