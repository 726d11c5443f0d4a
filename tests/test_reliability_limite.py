"""LIMITE texts leave the tool only on purpose: every export refuses a LIMITE stage unless
--include-limite is given, writes nothing when it refuses, and marks LIMITE when it may.
Search still finds LIMITE text for the user (it stays inside the tool) and flags it."""

from __future__ import annotations

from pathlib import Path

import pytest
from clihelp import eup
from testdata import TEST_DATA

OTHER = TEST_DATA / "COM-2025-1-proposal.html"


@pytest.fixture
def limite_db(db_url: str) -> str:
    assert eup("--db", db_url, "init", "--demo").code == 0
    result = eup(
        "--db", db_url, "import", str(OTHER), "--dossier", "csa-regulation",
        "--stage", "limite-test", "--kind", "council-mandate", "--limite",
        "--ref", "Test text (a real Commission proposal imported as a LIMITE stage for the test)",
    )  # fmt: skip
    assert result.code == 0, result.err
    return db_url


def _exports(tmp_path: Path) -> dict[str, tuple[list[str], Path]]:
    table, memo, report = tmp_path / "table.md", tmp_path / "memo.md", tmp_path / "report"
    return {
        "table": (
            [
                "table",
                "csa-regulation",
                "--stages",
                "commission-proposal,limite-test",
                "--out",
                str(table),
            ],
            table,
        ),
        "memo": (["memo", "csa-regulation", "--lang", "en", "--out", str(memo)], memo),
        "report": (["report", "csa-regulation", "--out", str(report)], report),
    }


@pytest.mark.parametrize("command", ["table", "memo", "report"])
def test_exports_refuse_limite_without_consent(
    limite_db: str, tmp_path: Path, command: str
) -> None:
    args, out = _exports(tmp_path)[command]
    refused = eup("--db", limite_db, *args)
    assert refused.code == 1, (refused.out, refused.err)
    assert refused.err.startswith("error: ") and refused.err.count("\n") == 1
    assert (
        "LIMITE" in refused.err
        and "limite-test" in refused.err
        and "--include-limite" in refused.err
    )
    assert not out.exists()  # nothing written, not even a partial file

    allowed = eup("--db", limite_db, *args, "--include-limite")
    assert allowed.code == 0, allowed.err
    written = out / "index.html" if out.is_dir() else out
    assert written.exists() and written.stat().st_size > 0


def test_search_flags_limite_hits(limite_db: str) -> None:
    hits = eup("--db", limite_db, "search", "Commission", "--stage", "limite-test", "--json").json()
    assert hits and all(h["limite"] is True for h in hits)
    public = eup(
        "--db", limite_db, "search", "detection order", "--stage", "commission-proposal", "--json"
    )
    assert public.json() and not any(h["limite"] for h in public.json())
