"""The bundled demo, loaded for real: the CSA dossiers and the AI Act with its real stages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from clihelp import eup
from corpus import CORPUS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    # Not through the template of `clihelp`: `eup init` with the default database, for real.
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EU_POSITIES_HOME", str(home))
        patch.setenv("EU_POSITIES_USER", "tester")
        result = eup("init")
        assert result.code == 0, result.err
        assert "3 dossiers" in result.out and "texts added" in result.out
        again = eup("init")
        assert again.code == 0 and "already there" in again.out  # twice changes nothing
    return f"sqlite:///{home / 'eu-posities.db'}"


def test_the_ai_act_comes_with_its_real_stages(demo: str) -> None:
    stages = {s["key"]: s for s in eup("--db", demo, "stages", "ai-act", "--json").json()}
    assert [k for k, s in stages.items() if s["imported"]] == [
        "commission-proposal",
        "council-general-approach",
        "ep-position",
        "st-11320-commission",
        "st-11320-ep",
        "st-11320-council",
    ]
    assert not any(s["limite"] or s["fictional"] for s in stages.values())
    assert stages["ep-position"]["provisions"] > stages["commission-proposal"]["provisions"]
    amendments = eup("--db", demo, "amendments", "ai-act", "ep-position", "--json").json()
    assert len(amendments) == 771 and sum(a["applied"] for a in amendments) >= 705
    rows = eup("--db", demo, "rows", "ai-act", "--json").json()
    assert len(rows) == 396 and {r["status"] for r in rows} >= {"G", "Y", "R"}
    assert set(rows[0]["cells"]) == {
        "st-11320-commission",
        "st-11320-ep",
        "st-11320-council",
        "st-11320-agreement",
    }


def test_the_demo_columns_compare(demo: str) -> None:
    pair = ("ai-act", "council-general-approach", "st-11320-council")
    diff = eup("--db", demo, "diff", *pair, "--provision", "Article 16", "--json").json()
    assert diff["pairs"] and diff["pairs"][0]["from"] == "Article 16"
    trace = eup("--db", demo, "trace", "ai-act", "Article 5", "--stages",
                "commission-proposal,council-general-approach,ep-position", "--json")  # fmt: skip
    assert trace.code == 0 and trace.json()["changes"]


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.exists(), reason="the real corpus is not on this machine")
def test_the_packs_are_what_the_importers_make_of_the_real_documents() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_demo_packs.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_init_counts_read_as_english() -> None:
    from eu_posities.demo.concerns import counted

    assert [counted(n, "text") for n in (0, 1, 7)] == ["0 texts", "1 text", "7 texts"]
    assert counted(1, "provision link") == "1 provision link"
