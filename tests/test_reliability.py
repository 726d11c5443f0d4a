"""Crash safety and lossless backups: a killed import leaves no trace, a restored database is
the same database, on SQLite and PostgreSQL, with the whole ledger in it."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from clihelp import eup
from sqlalchemy import text
from sqlmodel import select
from testdata import TEST_DATA

from eu_posities import db
from eu_posities.models import (
    Alert,
    Assessment,
    Concern,
    ConcernDossier,
    ConcernLink,
    Dossier,
    Stage,
)
from eu_posities.search import check_index

PROPOSAL = TEST_DATA / "commission-proposal.eurlex.html"
OTHER = TEST_DATA / "COM-2025-1-proposal.html"

# Runs `eup` with the storage step slowed down: once every provision of the new text is
# written (inside the import's transaction, not yet committed) it says so and sleeps, so
# that the test can kill it right there. Only this wrapper knows the CRASH_READY variable.
CRASHING_EUP = """
import os, sys, time
import eu_posities.imports as imports

real = imports.replace_provisions

def replace_then_sleep(**kwargs):
    count = real(**kwargs)
    kwargs["session"].flush()
    open(os.environ["CRASH_READY"], "w").close()
    time.sleep(120)
    return count

imports.replace_provisions = replace_then_sleep
from eu_posities.cli import main
main()
"""


def _state(url: str) -> dict:
    """What an import could have touched: stages, provision counts, the change log."""
    engine = db.make_engine(url)
    with engine.connect() as conn:
        stages = conn.execute(text("SELECT key, source_sha256 FROM stage ORDER BY id")).all()
        provisions = conn.execute(
            text(
                "SELECT stage_id, count(*), max(ordinal) FROM provision "
                "GROUP BY stage_id ORDER BY stage_id"
            )
        ).all()
        log = conn.execute(text("SELECT count(*) FROM changelog")).scalar()
        integrity = None
        if engine.dialect.name == "sqlite":
            integrity = conn.execute(text("PRAGMA integrity_check")).scalar()
    with db.session_scope(engine) as session:
        check_index(session=session)
    engine.dispose()
    return {
        "stages": [tuple(r) for r in stages],
        "provisions": [tuple(r) for r in provisions],
        "log": log,
        "integrity": integrity,
    }


def _killed_import(url: str, tmp_path: Path, source: Path, *extra: str) -> None:
    script = tmp_path / "crashing_eup.py"
    script.write_text(CRASHING_EUP, encoding="utf-8")
    ready = tmp_path / "ready"
    ready.unlink(missing_ok=True)
    argv = [
        sys.executable,
        str(script),
        "--db",
        url,
        "import",
        str(source),
        "--dossier",
        "csa-regulation",
    ]
    proc = subprocess.Popen(
        [*argv, *extra],
        env={**os.environ, "CRASH_READY": str(ready)},
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "the import never reached its storage step"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    if proc.stderr:
        proc.stderr.close()


def test_import_killed_half_way_leaves_nothing(db_url: str, tmp_path: Path) -> None:
    assert eup("--db", db_url, "init", "--demo").code == 0
    before = _state(db_url)
    assert before["integrity"] in (None, "ok")

    # A new stage, killed after all its provisions were written but before the commit.
    _killed_import(db_url, tmp_path, PROPOSAL, "--stage", "crash-test", "--kind", "other")
    assert _state(db_url) == before
    assert "crash-test" not in {
        s["key"] for s in eup("--db", db_url, "stages", "csa-regulation", "--json").json()
    }

    # The next import of the same file succeeds.
    done = eup(
        "--db",
        db_url,
        "import",
        str(PROPOSAL),
        "--dossier",
        "csa-regulation",
        "--stage",
        "crash-test",
        "--kind",
        "other",
    )
    assert done.code == 0, done.err
    after_import = _state(db_url)
    assert after_import["integrity"] in (None, "ok")
    text_before = eup("--db", db_url, "provisions", "csa-regulation", "crash-test", "--json").json()
    assert len(text_before) > 150

    # Replacing that text by another document, killed half-way: the old text stays whole.
    _killed_import(db_url, tmp_path, OTHER, "--stage", "crash-test", "--replace", "--force")
    assert _state(db_url) == after_import
    assert (
        eup("--db", db_url, "provisions", "csa-regulation", "crash-test", "--json").json()
        == text_before
    )
    hits = eup(
        "--db", db_url, "search", "detection order", "--stage", "crash-test", "--json"
    ).json()
    assert {"Article 7", "Article 8", "Article 9"} <= {h["provision"] for h in hits}


# --- backups with the whole ledger --------------------------------------------------------


def _ledger(url: str) -> None:
    """Demo data plus a second stage, confirmed matches, a concern with links, history, alerts."""
    assert eup("--db", url, "init", "--demo").code == 0
    copy = eup(
        "--db",
        url,
        "import",
        str(OTHER),
        "--dossier",
        "csa-regulation",
        "--stage",
        "council-mandate",
        "--force",  # a real text of another act stands in for a second stage
        "--date",
        "2023-06-01",
        "--ref",
        "Test copy, not a Council text",
        "--limite",
    )
    assert copy.code == 0, copy.err
    from eu_posities.compare import set_override

    engine = db.make_engine(url)
    with db.session_scope(engine, write=True) as session:
        set_override(
            session=session,
            dossier_key="csa-regulation",
            from_key="commission-proposal",
            to_key="council-mandate",
            from_label="Article 1",
            to_label="Article 1",
            author="jansen",
        )
        set_override(
            session=session,
            dossier_key="csa-regulation",
            from_key="commission-proposal",
            to_key="council-mandate",
            from_label="Article 2",
            to_label=None,
            author="de-vries",
        )
        dossier = session.exec(select(Dossier).where(Dossier.key == "csa-regulation")).one()
        stage = session.exec(
            select(Stage).where(Stage.key == "commission-proposal", Stage.dossier_id == dossier.id)
        ).one()
        concern = session.exec(select(Concern).where(Concern.key == "backup-test")).first()
        if concern is None:
            concern = Concern(
                key="backup-test",
                title_nl="Testzorg — verzonnen, ‘quotes’ ✓",
                terms=["detection order", "detectiebevel"],
                created_by="jansen",
            )
            session.add(concern)
            session.flush()
        assert concern.id and dossier.id and stage.id
        session.add(ConcernDossier(concern_id=concern.id, dossier_id=dossier.id))
        session.add(
            ConcernLink(
                concern_id=concern.id,
                stage_id=stage.id,
                label="Article 7",
                state="confirmed",
                score=0.87,
                reason="made-up test reason",
                author="jansen",
            )
        )
        first = Assessment(
            concern_id=concern.id,
            stage_id=stage.id,
            status="open",
            author="jansen",
            evidence="“detection orders”",
            note="made-up note",
        )
        session.add(first)
        session.flush()
        session.add(
            Assessment(
                concern_id=concern.id,
                stage_id=stage.id,
                status="partly",
                author="de-vries",
                evidence="Article 7(4)",
                supersedes_id=first.id,
            )
        )
        session.add(
            Alert(
                concern_id=concern.id,
                stage_id=stage.id,
                label="Article 7",
                summary="made-up",
                flags=[{"kind": "modal", "old": "shall", "new": "may"}],
            )
        )
    engine.dispose()


def _roundtrip(first_url: str, second_url: str, tmp_path: Path) -> None:
    a, b, c = (tmp_path / n for n in ("a.json", "b.json", "c.json"))
    third = f"sqlite:///{tmp_path / 'third.db'}" if second_url.startswith("postgresql") else None
    assert eup("--db", first_url, "backup", str(a)).code == 0
    restored = eup("--db", second_url, "restore", str(a))
    assert restored.code == 0, restored.err
    assert eup("--db", second_url, "backup", str(b)).code == 0
    assert a.read_bytes() == b.read_bytes()
    tables = json.loads(a.read_text(encoding="utf-8"))["tables"]
    for name in (
        "assessment",
        "alignmentoverride",
        "concernlink",
        "alert",
        "concerndossier",
        "changelog",
    ):
        assert tables[name], name
    if third:
        assert eup("--db", third, "restore", str(b)).code == 0
        assert eup("--db", third, "backup", str(c)).code == 0
        assert c.read_bytes() == a.read_bytes()
    # The restored database works: its search index covers the restored text.
    hits = eup("--db", second_url, "search", "detection order", "--json").json()
    assert {"Article 7", "Article 8"} <= {h["provision"] for h in hits}


def test_backup_roundtrip_sqlite_to_postgres_with_ledger(pg_url: str, tmp_path: Path) -> None:
    lite = f"sqlite:///{tmp_path / 'one.db'}"
    _ledger(lite)
    _roundtrip(lite, pg_url, tmp_path)


def test_backup_roundtrip_postgres_to_sqlite_with_ledger(pg_url: str, tmp_path: Path) -> None:
    _ledger(pg_url)
    _roundtrip(pg_url, f"sqlite:///{tmp_path / 'two.db'}", tmp_path)


def test_backup_file_is_private_even_over_an_open_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'home' / 'x.db'}"
    assert eup("--db", url, "init", "--empty").code == 0
    target = tmp_path / "backup.json"
    target.write_text("old")
    target.chmod(0o644)
    old_umask = os.umask(0)
    try:
        assert eup("--db", url, "backup", str(target)).code == 0
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "home" / "x.db").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "home").stat().st_mode) == 0o700


@pytest.mark.parametrize("table", ["assessment", "changelog"])
def test_history_rows_are_never_rewritten_by_a_restore(tmp_path: Path, table: str) -> None:
    """A restore keeps ids, authors and times of the append-only history exactly."""
    lite = f"sqlite:///{tmp_path / 'one.db'}"
    _ledger(lite)
    backup = tmp_path / "a.json"
    assert eup("--db", lite, "backup", str(backup)).code == 0
    rows = json.loads(backup.read_text(encoding="utf-8"))["tables"][table]
    target = f"sqlite:///{tmp_path / 'two.db'}"
    assert eup("--db", target, "restore", str(backup)).code == 0
    engine = db.make_engine(target)
    with engine.connect() as conn:
        got = conn.execute(text(f"SELECT id, author, at FROM {table} ORDER BY id")).all()
    engine.dispose()
    assert [(r["id"], r["author"]) for r in rows] == [(g[0], g[1]) for g in got]
