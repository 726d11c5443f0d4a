"""The command line foundation: init, dossiers, stages, errors, and a fast `--help`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from clihelp import eup


def test_help_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['eup', '--help']\n"
        "from eu_posities.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tui'))\n"
        "print('LOADED', bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "LOADED []" in out.stdout
    assert "import" in out.stdout and "stages" in out.stdout


def test_init_demo_is_idempotent(db_url: str) -> None:
    first = eup("--db", db_url, "init", "--demo")
    assert first.code == 0, first.err
    before = eup("--db", db_url, "stages", "csa-regulation", "--json").json()
    again = eup("--db", db_url, "init", "--demo")
    assert again.code == 0, again.err
    assert again.out.strip() == "Database ready; the demo data was already there."
    assert eup("--db", db_url, "stages", "csa-regulation", "--json").json() == before


def test_dossier_list_and_stages_json(db_url: str) -> None:
    assert eup("--db", db_url, "init", "--demo").code == 0
    dossiers = eup("--db", db_url, "dossier", "list", "--json").json()
    by_key = {d["key"]: d for d in dossiers}
    assert by_key["csa-directive"]["procedure"] == "2024/0035(COD)"
    assert by_key["csa-regulation"]["procedure"] == "2022/0155(COD)"
    stages = {s["key"]: s for s in eup("--db", db_url, "stages", "csa-directive", "--json").json()}
    gen = stages["council-general-approach"]
    assert (gen["kind"], gen["date"]) == ("council-general-approach", "2024-12-13")
    assert gen["provisions"] == 0 and gen["imported"] is False
    assert stages["bnc-fiche"]["ref"] == "Kamerstukken II 2023-2024, 22 112, nr. 3918"


def test_dossier_add_then_duplicate_is_refused(db_url: str) -> None:
    assert eup("--db", db_url, "init", "--empty").code == 0
    ok = eup(
        "--db",
        db_url,
        "dossier",
        "add",
        "ai-act",
        "--title",
        "AI Act",
        "--procedure",
        "2021/0106(COD)",
    )
    assert ok.code == 0, ok.err
    dup = eup("--db", db_url, "dossier", "add", "ai-act", "--title", "Other")
    assert dup.code != 0
    assert dup.err.startswith("error: ") and dup.err.count("\n") == 1
    assert [d["title"] for d in eup("--db", db_url, "dossier", "list", "--json").json()] == [
        "AI Act"
    ]


def test_unknown_dossier_is_one_clear_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert eup("--db", url, "init", "--empty").code == 0
    result = eup("--db", url, "stages", "no-such-dossier")
    assert result.code == 1
    assert result.err == "error: unknown dossier 'no-such-dossier' (known: none yet)\n"
    assert "Traceback" not in result.err


def test_invalid_slug_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert eup("--db", url, "init", "--empty").code == 0
    result = eup("--db", url, "dossier", "add", "Bad Key", "--title", "x")
    assert result.code == 1 and "invalid dossier key" in result.err


def test_unreachable_database_is_one_line() -> None:
    result = eup("--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "dossier", "list")
    assert result.code == 1
    assert result.err.startswith("error: ") and result.err.count("\n") == 1


def test_default_database_lives_in_private_home(_private_home: Path) -> None:
    assert eup("init", "--empty").code == 0
    db_file = _private_home / "eu-posities.db"
    assert db_file.exists()
    assert oct(db_file.stat().st_mode & 0o777) == "0o600"
    assert oct(_private_home.stat().st_mode & 0o777) == "0o700"


def test_python_dash_m_runs() -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    out = subprocess.run(
        [sys.executable, "-m", "eu_posities", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "Usage" in out.stdout


def test_stages_in_negotiation_order(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert eup("--db", url, "init", "--demo").code == 0
    keys = [s["key"] for s in eup("--db", url, "stages", "csa-regulation", "--json").json()]
    # Dated stages by date; the undated BNC-fiche stays after the proposal it assesses.
    assert keys[:2] == ["commission-proposal", "bnc-fiche"]
    assert keys.index("ep-position") < keys.index("council-mandate")
