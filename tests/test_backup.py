"""Backup → restore → backup is identical, within and across SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clihelp import eup


def _loaded(url: str) -> None:
    assert eup("--db", url, "init", "--demo").code == 0
    assert (
        eup("--db", url, "dossier", "add", "data-act", "--title", "Data Act — ‘quotes’ ✓").code == 0
    )


def _tables(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))["tables"]


def test_roundtrip_same_backend(db_url: str, tmp_path: Path) -> None:
    _loaded(db_url)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert eup("--db", db_url, "backup", str(first)).code == 0
    target = f"sqlite:///{tmp_path / 'restored.db'}"
    restored = eup("--db", target, "restore", str(first))
    assert restored.code == 0, restored.err
    assert eup("--db", target, "backup", str(second)).code == 0
    assert first.read_bytes() == second.read_bytes()
    assert len(_tables(first)["provision"]) > 150
    assert oct(first.stat().st_mode & 0o777) == "0o600"


def test_roundtrip_sqlite_postgres_sqlite(pg_url: str, tmp_path: Path) -> None:
    lite = f"sqlite:///{tmp_path / 'one.db'}"
    _loaded(lite)
    a, b, c = (tmp_path / n for n in ("a.json", "b.json", "c.json"))
    assert eup("--db", lite, "backup", str(a)).code == 0
    assert eup("--db", pg_url, "restore", str(a)).code == 0
    assert eup("--db", pg_url, "backup", str(b)).code == 0
    again = f"sqlite:///{tmp_path / 'two.db'}"
    assert eup("--db", again, "restore", str(b)).code == 0
    assert eup("--db", again, "backup", str(c)).code == 0
    assert a.read_bytes() == b.read_bytes() == c.read_bytes()
    # New rows after a restore get fresh ids on PostgreSQL (its sequences were moved on).
    assert eup("--db", pg_url, "dossier", "add", "after", "--title", "After restore").code == 0


def test_restore_refuses_a_non_empty_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    _loaded(url)
    backup = tmp_path / "b.json"
    assert eup("--db", url, "backup", str(backup)).code == 0
    result = eup("--db", url, "restore", str(backup))
    assert result.code == 1 and "not empty" in result.err


@pytest.mark.parametrize("content", ["", "{not json", '{"format": "other"}', "[]"])
def test_restore_rejects_bad_files(tmp_path: Path, content: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    url = f"sqlite:///{tmp_path / 'x.db'}"
    result = eup("--db", url, "restore", str(bad))
    assert result.code == 1 and result.err.startswith("error: ") and "bad.json" in result.err
    assert not (tmp_path / "x.db").exists()  # refused before anything was created
