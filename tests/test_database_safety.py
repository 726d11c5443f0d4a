"""Opening a database changes nothing that is not ours; values fit both databases; a backup
is checked whole before a restore writes anything."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
from clihelp import eup

from eu_posities.cli.common import AppState
from eu_posities.errors import EupError


def one_line_error(result: Any, *words: str) -> None:
    assert result.code != 0, result.out
    assert result.err.startswith("error: ") and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err and "EU_POSITIES_DEBUG" not in result.err, result.err
    for word in words:
        assert word in result.err, result.err


# --- opening ----------------------------------------------------------------------------------


def test_a_file_that_is_not_a_database_is_left_alone(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    notes.chmod(0o644)
    one_line_error(eup("--db", f"sqlite:///{notes}", "dossier", "list"), "not an eu-posities")
    one_line_error(eup("--db", f"sqlite:///{notes}", "init"), "not an eu-posities")
    assert oct(notes.stat().st_mode & 0o777) == "0o644"
    assert notes.read_text() == "my notes\n"


def test_a_typo_in_the_path_creates_nothing(tmp_path: Path) -> None:
    typo = tmp_path / "eu-posites.db"
    for command in (["dossier", "list"], ["stages", "csa-regulation"], ["tui"]):
        one_line_error(eup("--db", f"sqlite:///{typo}", *command), "no database at", "eup init")
    assert not typo.exists()
    assert eup("--db", f"sqlite:///{typo}", "init", "--empty").code == 0
    assert oct(typo.stat().st_mode & 0o777) == "0o600"


def test_the_tui_creates_only_the_default_database(_private_home: Path) -> None:
    engine = AppState().engine(auto_demo=True)  # `eup` alone, first run: demo database
    assert (_private_home / "eu-posities.db").exists()
    engine.dispose()
    other = _private_home / "other.db"
    with pytest.raises(EupError, match="no database at"):
        AppState(db_url=f"sqlite:///{other}").engine(auto_demo=True)
    assert not other.exists()


def test_a_database_we_may_only_read_is_read_not_chmodded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "team.db"
    url = f"sqlite:///{db}"
    assert eup("--db", url, "init").code == 0
    db.chmod(0o444)
    # Root may write anything; make the database read-only for this process either way.
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, **kw: False if Path(p) == db else real_access(p, mode, **kw)
    )
    listed = eup("--db", url, "stages", "csa-regulation", "--json")
    assert listed.code == 0, listed.err
    assert any(s["key"] == "commission-proposal" for s in listed.json())
    one_line_error(eup("--db", url, "dossier", "add", "x", "--title", "x"), "readonly")
    assert oct(db.stat().st_mode & 0o777) == "0o444"


def test_a_fifo_is_no_database(tmp_path: Path) -> None:
    fifo = tmp_path / "db"
    os.mkfifo(fifo)
    one_line_error(eup("--db", f"sqlite:///{fifo}", "dossier", "list"), "FIFO")


# --- column limits ----------------------------------------------------------------------------


@pytest.fixture
def empty_db(db_url: str) -> str:
    assert eup("--db", db_url, "init", "--empty").code == 0
    return db_url


def test_values_over_a_column_limit_are_refused_at_input(empty_db: str) -> None:
    long = "2024/0035(COD) " + "x" * 40
    result = eup("--db", empty_db, "dossier", "add", "d", "--title", "t", "--procedure", long)
    one_line_error(result, "dossier procedure", "over the limit of 40")
    assert eup("--db", empty_db, "dossier", "list", "--json").json() == []
    assert eup("--db", empty_db, "dossier", "add", "d", "--title", "t").code == 0
    result = eup("--db", empty_db, "import", "/dev/null", "--dossier", "d", "--stage", "s")
    one_line_error(result, "not a regular file")


def test_text_python_cannot_store_is_refused(empty_db: str) -> None:
    # A file name or argument in a broken encoding arrives as a lone surrogate.
    result = eup("--db", empty_db, "dossier", "add", "d", "--title", "bad \udcff title")
    one_line_error(result, "dossier title", "not valid Unicode")


# --- restore ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def backup_data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("backup")
    url = f"sqlite:///{folder / 'source.db'}"
    os.environ.setdefault("EU_POSITIES_USER", "tester")
    assert eup("--db", url, "init", "--demo").code == 0
    assert eup("--db", url, "backup", str(folder / "b.json")).code == 0
    data: dict[str, Any] = json.loads((folder / "b.json").read_text(encoding="utf-8"))
    return data


def _tamper(data: dict[str, Any], change: str) -> dict[str, Any]:
    bad = copy.deepcopy(data)
    tables = bad["tables"]
    if change == "newer-schema":
        bad["schema"] = "9999"
    elif change == "unknown-table":
        tables["secrets"] = []
    elif change == "unknown-column":
        tables["dossier"][0]["owner"] = "x"
    elif change == "missing-column":
        del tables["stage"][0]["ref"]
    elif change == "non-slug-key":
        tables["dossier"][0]["key"] = "Bad Key/../x"
    elif change == "wrong-type":
        tables["provision"][0]["ordinal"] = "first"
    elif change == "bool-as-int":
        tables["stage"][0]["limite"] = 1
    elif change == "too-long":
        tables["dossier"][0]["procedure"] = "p" * 41
    elif change == "id-too-big":
        tables["dossier"][0]["id"] = 2**31
    elif change == "id-negative":
        tables["concern"][0]["id"] = -1
    elif change == "dangling-link":
        tables["stage"][0]["dossier_id"] = 999_999
    elif change == "duplicate-id":
        tables["dossier"].append(dict(tables["dossier"][0], key="other"))
    elif change == "nul-in-text":
        tables["provision"][0]["text"] = "a\x00b"
    elif change == "bad-time":
        tables["changelog"][0]["at"] = "yesterday"
    elif change == "bad-status":
        tables["assessment"][0]["status"] = "solved"
    elif change == "extra-field":
        bad["comment"] = "x"
    elif change == "rows-not-list":
        tables["provision"] = {"0": {}}
    return bad


CHANGES = {
    "newer-schema": "schema revision '9999'",
    "unknown-table": "unknown table 'secrets'",
    "unknown-column": "unknown column 'owner'",
    "missing-column": "column 'ref' is missing",
    "non-slug-key": "invalid dossier key",
    "wrong-type": "not a whole number",
    "bool-as-int": "not true or false",
    "too-long": "over the limit of 40",
    "id-too-big": "outside 1..2147483647",
    "id-negative": "outside 1..2147483647",
    "dangling-link": "points at no dossier",
    "duplicate-id": "duplicate key",
    "nul-in-text": "NUL",
    "bad-time": "not a date and time",
    "bad-status": "'solved' is not one of",
    "extra-field": "unknown field 'comment'",
    "rows-not-list": "not a list of rows",
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_restore_checks_the_whole_backup_first(
    change: str, backup_data: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_tamper(backup_data, change)), encoding="utf-8")
    target = tmp_path / "restored.db"
    one_line_error(eup("--db", f"sqlite:///{target}", "restore", str(path)), CHANGES[change])
    assert not target.exists()  # nothing written, not even an empty database


def test_restore_refuses_nan_and_a_fifo(backup_data: dict[str, Any], tmp_path: Path) -> None:
    bad = copy.deepcopy(backup_data)
    text = json.dumps(bad).replace('"score": 0.0', '"score": NaN', 1)
    (tmp_path / "nan.json").write_text(text, encoding="utf-8")
    target = f"sqlite:///{tmp_path / 'r.db'}"
    one_line_error(eup("--db", target, "restore", str(tmp_path / "nan.json")), "NaN")
    os.mkfifo(tmp_path / "pipe.json")
    one_line_error(eup("--db", target, "restore", str(tmp_path / "pipe.json")), "FIFO")


def test_an_untampered_backup_restores(
    backup_data: dict[str, Any], tmp_path: Path, db_url: str
) -> None:
    path = tmp_path / "good.json"
    path.write_text(json.dumps(backup_data), encoding="utf-8")
    restored = eup("--db", db_url, "restore", str(path))
    assert restored.code == 0, restored.err


def test_log_limit_is_bounded(empty_db: str) -> None:
    one_line_error(eup("--db", empty_db, "log", "--limit", str(10**20)), "log limit")
    one_line_error(eup("--db", empty_db, "log", "--limit", "-5"), "log limit")
    assert eup("--db", empty_db, "log", "--limit", "5", "--json").code == 0
