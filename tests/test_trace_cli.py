"""`eup trace`: which stage introduced each change (MADE-UP texts, not legal text)."""

from __future__ import annotations

from pathlib import Path

from clihelp import eup

HEAD = "MADE-UP TEST ACT - NOT LEGAL TEXT\n\nArticle 1\nScope\n"
TEXTS = {
    "commission-proposal": "1. Providers shall report incidents to the authority.\n"
    "2. Reports are kept for one year.",
    "council-mandate": "1. Providers shall report serious incidents to the authority.\n"
    "2. Reports are kept for one year.",
    "trilogue": "1. Providers shall report serious incidents to the authority without delay.\n"
    "2. Reports are kept for two years.",
}


def test_each_change_carries_the_stage_that_made_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 't.db'}"
    assert eup("--db", url, "init", "--empty").code == 0
    assert eup("--db", url, "dossier", "add", "made-up", "--title", "Made-up act").code == 0
    for key, body in TEXTS.items():
        source = tmp_path / f"{key}.txt"
        source.write_text(HEAD + body + "\n", encoding="utf-8")
        done = eup("--db", url, "import", str(source), "--dossier", "made-up", "--stage", key)
        assert done.code == 0, done.err
    stages = ",".join(TEXTS)
    result = eup("--db", url, "trace", "made-up", "article 1", "--stages", stages, "--json")
    assert result.code == 0, result.err
    lineage = result.json()
    assert lineage["provision"] == "Article 1" and lineage["stages"] == list(TEXTS)
    changes = {(c["new"].strip(), c["introduced_in"]) for c in lineage["changes"] if c["new"]}
    assert ("serious", "council-mandate") in changes
    assert ("without delay", "trilogue") in changes
    assert any(c["old"].strip() == "one year" and c["introduced_in"] == "trilogue"
               for c in lineage["changes"])  # fmt: skip
    new = "".join(op["new"] for op in lineage["ops"] if op["op"] != "delete")
    assert new.strip().endswith("Reports are kept for two years.")
    human = eup("--db", url, "trace", "made-up", "Article 1", "--stages", stages).out
    assert "{+serious +}[council-mandate]" in human or "{+serious+}[council-mandate]" in human


def test_unknown_provision_and_too_few_stages_are_one_line_errors(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 't.db'}"
    assert eup("--db", url, "init").code == 0
    pair = "commission-proposal,practice-council-text"
    missing = eup("--db", url, "trace", "csa-regulation", "Article 999", "--stages", pair)
    assert missing.code == 1 and "no provision 'Article 999'" in missing.err
    one = eup(
        "--db", url, "trace", "csa-regulation", "Article 7", "--stages", "commission-proposal"
    )
    assert one.code == 1 and "2 to 5" in one.err
