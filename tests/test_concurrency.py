"""Several processes writing to one database at once lose nothing, on SQLite and PostgreSQL.

Each test starts worker processes (tests/concurrency_worker.py), lets them all begin at the
same moment, and then checks that every write was recorded with its author, that no process
saw "database is locked", and that append-only histories stayed linear.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from clihelp import eup
from sqlmodel import col, select
from testdata import TEST_DATA

from eu_posities import db
from eu_posities.models import (
    AlignmentOverride,
    Assessment,
    ChangeLog,
    Concern,
    ConcernDossier,
    Dossier,
    Stage,
)

pytestmark = pytest.mark.slow  # each test starts several processes; still in the default run

WORKER = Path(__file__).with_name("concurrency_worker.py")
WORKERS = 4
WRITES = 25


def run_workers(
    tmp_path: Path, task: str, url: str, *args: str, users: int = WORKERS, writes: int = WRITES
) -> list[dict]:
    """Start `users` workers, release them together, and return their JSON reports."""
    go = tmp_path / f"go-{task}"
    procs = []
    for i in range(users):
        env = {**os.environ, "EU_POSITIES_USER": f"user-{i}"}
        argv = [
            sys.executable,
            str(WORKER),
            task,
            url,
            str(go),
            str(writes),
            *[a.format(i=i) for a in args],
        ]
        procs.append(
            subprocess.Popen(
                argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
        )
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob(f"go-{task}.ready.*"))) < users and time.monotonic() < deadline:
        if any(p.poll() not in (None, 0) for p in procs):
            break
        time.sleep(0.02)
    go.touch()
    reports = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
        reports.append(json.loads(out.strip().splitlines()[-1]))
    for report in reports:
        assert report["errors"] == [], report["errors"][:3]
    return reports


def test_parallel_cli_writes_all_recorded_with_their_author(db_url: str, tmp_path: Path) -> None:
    assert eup("--db", db_url, "init", "--empty").code == 0
    reports = run_workers(tmp_path, "dossiers", db_url, "w{i}")
    assert [r["ok"] for r in reports] == [WRITES] * WORKERS
    keys = {d["key"] for d in eup("--db", db_url, "dossier", "list", "--json").json()}
    assert keys == {f"w{i}-{j}" for i in range(WORKERS) for j in range(WRITES)}
    everything = eup("--db", db_url, "log", "--limit", "1000", "--json").json()
    assert len(everything) == WORKERS * WRITES
    for i in range(WORKERS):
        mine = eup(
            "--db", db_url, "log", "--author", f"user-{i}", "--limit", "1000", "--json"
        ).json()
        assert len(mine) == WRITES
        assert {row["dossier"] for row in mine} == {f"w{i}-{j}" for j in range(WRITES)}
        assert all(row["action"] == "dossier.add" and row["at"] for row in mine)
    one = eup("--db", db_url, "log", "--dossier", "w2-7", "--json").json()
    assert [(r["author"], r["action"], r["subject"]) for r in one] == [
        ("user-2", "dossier.add", "w2-7")
    ]
    both = eup("--db", db_url, "log", "--dossier", "w2-7", "--author", "user-1", "--json").json()
    assert both == []


def _concern_and_stage(url: str) -> tuple[int, int]:
    """A made-up concern tracked in csa-regulation, and the stage to assess it in."""
    assert eup("--db", url, "init", "--demo").code == 0
    engine = db.make_engine(url)
    with db.session_scope(engine, write=True) as session:
        concern = Concern(
            key="concurrency-test", title_nl="Testzorg (verzonnen, alleen voor de test)"
        )
        session.add(concern)
        session.flush()
        dossier = session.exec(select(Dossier).where(Dossier.key == "csa-regulation")).one()
        stage = session.exec(
            select(Stage).where(Stage.key == "commission-proposal", Stage.dossier_id == dossier.id)
        ).one()
        assert concern.id is not None and stage.id is not None and dossier.id is not None
        session.add(ConcernDossier(concern_id=concern.id, dossier_id=dossier.id))
        ids = (concern.id, stage.id)
    engine.dispose()
    return ids


def test_concurrent_assessments_keep_a_linear_history(db_url: str, tmp_path: Path) -> None:
    concern_id, stage_id = _concern_and_stage(db_url)
    args = ("concurrency-test", "csa-regulation", "commission-proposal")
    reports = run_workers(tmp_path, "assess", db_url, *args)
    assert sum(r["ok"] for r in reports) == WORKERS * WRITES
    engine = db.make_engine(db_url)
    with db.session_scope(engine) as session:
        rows = session.exec(
            select(Assessment)
            .where(Assessment.concern_id == concern_id)
            .order_by(col(Assessment.id))
        ).all()
        logged = session.exec(
            select(ChangeLog).where(
                ChangeLog.action == "concern.assess", ChangeLog.subject == "concurrency-test"
            )
        ).all()
    engine.dispose()
    assert len(rows) == WORKERS * WRITES == len(logged)
    assert {r.stage_id for r in rows} == {stage_id}
    # Every change superseded exactly the one before it: nobody overwrote a status unseen.
    assert [r.supersedes_id for r in rows] == [None] + [r.id for r in rows[:-1]]
    assert {r.author for r in rows} == {f"user-{i}" for i in range(WORKERS)}
    history = eup(
        "--db", db_url, "log", "--dossier", "csa-regulation", "--limit", "1000", "--json"
    ).json()
    assert sum(1 for h in history if h["subject"] == "concurrency-test") == WORKERS * WRITES


def test_concurrent_alignment_confirmations(db_url: str, tmp_path: Path) -> None:
    assert eup("--db", db_url, "init", "--demo").code == 0
    source = TEST_DATA / "commission-proposal.eurlex.html"
    copied = eup(
        "--db",
        db_url,
        "import",
        str(source),
        "--dossier",
        "csa-regulation",
        "--stage",
        "copy",
        "--kind",
        "other",
    )
    assert copied.code == 0, copied.err
    confirmations = 12  # each loads both texts: fewer than the other tests, same contention
    reports = run_workers(
        tmp_path, "override", db_url, "csa-regulation", "commission-proposal", "copy",
        writes=confirmations,
    )  # fmt: skip
    assert [r["ok"] for r in reports] == [confirmations] * WORKERS
    engine = db.make_engine(db_url)
    with db.session_scope(engine) as session:
        rows = session.exec(select(AlignmentOverride)).all()
        logged = session.exec(
            select(ChangeLog).where(ChangeLog.action == "alignment.override")
        ).all()
    engine.dispose()
    assert len(rows) == WORKERS * confirmations == len(logged)  # history: every one kept
    active = [r.from_label for r in rows if r.active]
    assert sorted(active) == sorted(f"Article {k}" for k in range(1, confirmations + 1))  # one each


def test_parallel_cli_processes_never_see_a_locked_database(db_url: str, tmp_path: Path) -> None:
    """Real `python -m eu_posities` processes: writers and readers at the same time."""
    assert eup("--db", db_url, "init", "--demo").code == 0
    env = {**os.environ, "EU_POSITIES_USER": "parallel"}
    base = [sys.executable, "-m", "eu_posities", "--db", db_url]
    commands = [[*base, "dossier", "add", f"p-{i}", "--title", f"Parallel {i}"] for i in range(3)]
    commands += [[*base, "search", "detection order", "--json"]]
    commands += [[*base, "log", "--json"]]
    procs = [
        subprocess.Popen(c, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0 and "locked" not in err, err
    keys = {d["key"] for d in eup("--db", db_url, "dossier", "list", "--json").json()}
    assert {f"p-{i}" for i in range(3)} <= keys


@pytest.mark.parametrize("replace", [False, True], ids=["first-wins", "replace"])
def test_simultaneous_imports_of_one_stage(db_url: str, tmp_path: Path, replace: bool) -> None:
    assert eup("--db", db_url, "init", "--empty").code == 0
    assert eup("--db", db_url, "dossier", "add", "d", "--title", "Import race").code == 0
    source = TEST_DATA / "COM-2025-1-proposal.html"
    command = [sys.executable, "-m", "eu_posities", "--db", db_url, "import", str(source)]
    command += ["--dossier", "d", "--stage", "commission-proposal"] + (
        ["--replace"] if replace else []
    )
    procs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
    for proc in procs:
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()
    codes = [code for code, _ in results]
    if replace:
        assert codes == [0, 0, 0], results
    else:
        assert sorted(codes) == [0, 1, 1], results
        for code, err in results:
            if code:
                assert err.startswith("error: ") and err.count("\n") == 1 and "already has" in err
    rows = eup("--db", db_url, "provisions", "d", "commission-proposal", "--json").json()
    single = f"sqlite:///{tmp_path / 'single.db'}"
    assert eup("--db", single, "init", "--empty").code == 0
    assert eup("--db", single, "dossier", "add", "d", "--title", "Import race").code == 0
    assert (
        eup(
            "--db",
            single,
            "import",
            str(source),
            "--dossier",
            "d",
            "--stage",
            "commission-proposal",
        ).code
        == 0
    )
    assert rows == eup("--db", single, "provisions", "d", "commission-proposal", "--json").json()
    imports = [
        r for r in eup("--db", db_url, "log", "--json").json() if r["action"] == "stage.import"
    ]
    assert len(imports) == (3 if replace else 1)


def _all_succeed(commands: list[list[str]]) -> None:
    procs = [
        subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err


def test_parallel_first_use_of_a_new_database_migrates_once(db_url: str) -> None:
    """Several processes creating a database that does not exist yet all succeed (only
    `eup init` creates a SQLite file), and so do several first writers after them."""
    base = [sys.executable, "-m", "eu_posities", "--db", db_url]
    _all_succeed([[*base, "init", "--empty"] for _ in range(4)])
    _all_succeed(
        [[*base, "dossier", "add", f"first-{i}", "--title", f"First use {i}"] for i in range(4)]
    )
    keys = {d["key"] for d in eup("--db", db_url, "dossier", "list", "--json").json()}
    assert keys == {f"first-{i}" for i in range(4)}
    engine = db.make_engine(db_url)
    assert db.check_schema(engine) == "current"
    engine.dispose()
