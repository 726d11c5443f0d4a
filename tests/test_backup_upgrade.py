"""A backup written by an older schema restores into today's: derived rows go, the rest stays."""

from __future__ import annotations

import json
from pathlib import Path

from clihelp import eup


def test_a_backup_of_schema_0002_restores(tmp_path: Path) -> None:
    old = f"sqlite:///{tmp_path / 'old.db'}"
    assert eup("--db", old, "init").code == 0
    backup = tmp_path / "b.json"
    assert eup("--db", old, "backup", str(backup)).code == 0
    data = json.loads(backup.read_text(encoding="utf-8"))
    # What the 0002 schema wrote: stored alignments, provisions without marks or sources.
    data["schema"] = "0002"
    data["tables"]["alignment"] = [
        {
            "id": 1,
            "from_stage_id": 1,
            "to_stage_id": 2,
            "from_label": "Article 1",
            "to_label": "Article 1",
            "score": 1.0,
            "status": "unchanged",
            "method": "number",
            "computed_at": "2026-11-01T10:00:00+00:00",
        }
    ]
    for table in ("amendment", "documentrow", "note"):
        data["tables"].pop(table, None)
    for row in data["tables"]["provision"]:
        for column in ("marks", "amendments", "rows"):
            row.pop(column)
    backup.write_text(json.dumps(data), encoding="utf-8")
    new = f"sqlite:///{tmp_path / 'new.db'}"
    result = eup("--db", new, "restore", str(backup))
    assert result.code == 0, result.err
    assert (
        eup("--db", new, "concerns", "list", "--json").json()
        == eup("--db", old, "concerns", "list", "--json").json()
    )
    provisions = eup("--db", new, "provisions", "csa-regulation", "commission-proposal", "--json")
    assert len(provisions.json()) > 150


def test_a_backup_of_an_unknown_schema_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    assert eup("--db", url, "init", "--empty").code == 0
    backup = tmp_path / "b.json"
    assert eup("--db", url, "backup", str(backup)).code == 0
    data = json.loads(backup.read_text(encoding="utf-8"))
    data["schema"] = "9999"
    backup.write_text(json.dumps(data), encoding="utf-8")
    refused = eup("--db", f"sqlite:///{tmp_path / 'b.db'}", "restore", str(backup))
    assert refused.code == 1 and "9999" in refused.err and refused.err.count("\n") == 1
