"""`eup align` and `eup diff` on the demo: contract shapes, stored results, lasting overrides.

The later stage is the demo's practice text, derived by script from the real proposal and
flagged fictional.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clihelp import eup

PAIR = ("csa-regulation", "commission-proposal", "practice-council-text")


@pytest.fixture
def demo(db_url: str) -> str:
    assert eup("--db", db_url, "init", "--demo").code == 0
    return db_url


def test_align_json_shape_and_known_changes(demo: str) -> None:
    rows = eup("--db", demo, "align", *PAIR, "--json").json()
    for row in rows:
        assert set(row) >= {"from", "to", "score", "status", "method"}
        assert 0 <= row["score"] <= 1
    by_from = {r["from"]: r for r in rows if r["from"]}
    assert by_from["Article 7"]["status"] == "modified"
    assert by_from["Article 11"]["status"] == "deleted" and by_from["Article 11"]["to"] is None
    assert any(
        r["from"] is None and r["to"] == "Article 5a" and r["status"] == "added" for r in rows
    )
    # Renumbering alone is not a change: old Article 12 is the practice text's Article 11.
    assert by_from["Article 12"]["to"] == "Article 11"
    assert by_from["Article 12"]["status"] == "unchanged"


def test_diff_json_reconstructs_both_texts(demo: str) -> None:
    diff = eup("--db", demo, "diff", *PAIR, "--json").json()
    assert (diff["from"], diff["to"]) == PAIR[1:]
    assert diff["fictional"] is True
    old = {
        p["label"]: p["text"] for p in eup("--db", demo, "provisions", *PAIR[:2], "--json").json()
    }
    new = {
        p["label"]: p["text"]
        for p in eup("--db", demo, "provisions", PAIR[0], PAIR[2], "--json").json()
    }
    for pair in diff["pairs"]:
        ops = pair["ops"]
        if pair["from"]:
            assert (
                "".join(o["old"] for o in ops if o["op"] != "insert").split()
                == old[pair["from"]].split()
            )
        if pair["to"]:
            assert (
                "".join(o["new"] for o in ops if o["op"] != "delete").split()
                == new[pair["to"]].split()
            )
    seven = next(p for p in diff["pairs"] if p["from"] == "Article 7")
    assert {"kind": "modal", "old": "shall", "new": "may"} in [
        {k: f[k] for k in ("kind", "old", "new")} for f in seven["flags"]
    ]
    assert any(f["kind"] == "number" for f in seven["flags"])


def test_diff_one_provision_and_redline_text(demo: str) -> None:
    result = eup("--db", demo, "diff", *PAIR, "--provision", "Article 7")
    assert result.code == 0, result.err
    assert "Article 7" in result.out and "modal" in result.out
    assert "FICTIONAL" in result.out
    missing = eup("--db", demo, "diff", *PAIR, "--provision", "Article 999")
    assert missing.code == 1 and "Article 999" in missing.err


def test_override_survives_realignment_and_reimport(demo: str, tmp_path: Path) -> None:
    pinned = eup("--db", demo, "align", *PAIR, "--set", "Article 11=Article 11", "--json")
    assert pinned.code == 0, pinned.err
    row = next(r for r in pinned.json() if r["from"] == "Article 11")
    assert (row["to"], row["method"]) == ("Article 11", "manual")
    # Re-aligning keeps it.
    again = eup("--db", demo, "align", *PAIR, "--json").json()
    assert next(r for r in again if r["from"] == "Article 11")["method"] == "manual"
    # Re-importing the later stage keeps it too: overrides are keyed by labels.
    practice = (
        Path(__file__).resolve().parents[1] / "data/texts/csa-regulation/practice-council-text.html"
    )
    reimport = eup(
        "--db", demo, "import", str(practice), "--dossier", PAIR[0], "--stage", PAIR[2], "--replace"
    )  # fmt: skip
    assert reimport.code == 0, reimport.err
    after = eup("--db", demo, "align", *PAIR, "--json").json()
    assert next(r for r in after if r["from"] == "Article 11")["method"] == "manual"
    log = eup("--db", demo, "log", "--dossier", PAIR[0], "--json").json()
    assert any(e["action"] == "alignment.override" and e["author"] == "tester" for e in log)


def test_bad_override_changes_nothing(demo: str, tmp_path: Path) -> None:
    before = tmp_path / "before.json"
    assert eup("--db", demo, "backup", str(before)).code == 0
    bad = eup("--db", demo, "align", *PAIR, "--set", "Article 999=Article 7")
    assert bad.code == 1 and "Article 999" in bad.err
    after = tmp_path / "after.json"
    assert eup("--db", demo, "backup", str(after)).code == 0
    assert json.loads(before.read_text())["tables"] == json.loads(after.read_text())["tables"]


def test_stage_without_text_is_a_clear_error(demo: str) -> None:
    result = eup("--db", demo, "align", "csa-regulation", "commission-proposal", "council-mandate")
    assert result.code == 1 and "no text imported" in result.err
