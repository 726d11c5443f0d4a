"""A worker process for the concurrency tests: many small writes against one shared database.

Run as `python concurrency_worker.py TASK DB_URL GO_FILE N [ARGS...]`. It waits until GO_FILE
exists (so that all workers start writing at once), does N writes, and prints one JSON line:
{"ok": count, "conflicts": count, "errors": [messages]}.
"""

from __future__ import annotations

import gc
import io
import json
import os
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any


def cli(*args: str) -> tuple[int, str]:
    """`eup ARGS` in this process, exactly as from the shell; returns (exit code, stderr)."""
    from eu_posities.cli import main

    err = io.StringIO()
    sys.argv = ["eup", *args]
    code = 0
    try:
        with redirect_stdout(io.StringIO()), redirect_stderr(err):
            main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    return code, err.getvalue()


def add_dossiers(url: str, n: int, prefix: str) -> dict[str, Any]:
    ok, errors = 0, []
    for j in range(n):
        code, err = cli(
            "--db", url, "dossier", "add", f"{prefix}-{j}", "--title", f"Test {prefix} {j}"
        )
        if j % 5 == 4:
            gc.collect()  # each invocation made its own engine: close their connections
        if code == 0:
            ok += 1
        else:
            errors.append(err.strip())
    return {"ok": ok, "conflicts": 0, "errors": errors}


def assess_loop(
    url: str, n: int, concern_key: str, dossier_key: str, stage_key: str
) -> dict[str, Any]:
    """A user who reads the current status, then changes it; on Conflict, reloads and retries.

    Uses the concern ledger (`assess(..., expected_current_id=...)`) where it exists, else the
    same optimistic check written out on the Assessment table.
    """
    from sqlmodel import col, select

    from eu_posities import db
    from eu_posities.errors import Conflict
    from eu_posities.models import Assessment, Concern, Dossier, Stage
    from eu_posities.store import log_change

    try:
        from eu_posities.concerns.ledger import assess as ledger_assess
    except ImportError:
        ledger_assess = None

    engine = db.make_engine(url)
    author = os.environ["EU_POSITIES_USER"]

    def ids(session: Any) -> tuple[int, int]:
        concern = session.exec(select(Concern).where(Concern.key == concern_key)).one()
        stage = session.exec(
            select(Stage).join(Dossier).where(Dossier.key == dossier_key, Stage.key == stage_key)
        ).one()
        return concern.id, stage.id

    with db.session_scope(engine) as session:
        concern_id, stage_id = ids(session)

    def current_id(session: Any) -> int | None:
        row = session.exec(
            select(Assessment.id)
            .where(Assessment.concern_id == concern_id, Assessment.stage_id == stage_id)
            .order_by(col(Assessment.id).desc())
        ).first()
        return row

    def assess(session: Any, expected: int | None, status: str) -> None:
        evidence = "made-up test evidence"
        if ledger_assess is not None:
            ledger_assess(
                session=session,
                dossier_key=dossier_key,
                concern_key=concern_key,
                stage_key=stage_key,
                status=status,
                author=author,
                evidence=evidence,
                expected_current_id=expected,
            )
            return
        now = current_id(session)
        if now != expected:
            raise Conflict(f"changed since you saw it: you saw {expected}, now {now}")
        session.add(
            Assessment(
                concern_id=concern_id,
                stage_id=stage_id,
                status=status,
                evidence=evidence,
                author=author,
                supersedes_id=now,
            )
        )
        log_change(
            session=session,
            author=author,
            action="concern.assess",
            dossier_key=dossier_key,
            subject=concern_key,
        )

    ok = conflicts = 0
    errors: list[str] = []
    statuses = ("open", "partly", "resolved", "dropped")
    for j in range(n):
        while True:
            with db.session_scope(engine) as session:
                seen = current_id(session)
            try:
                db.run_write(engine, lambda s: assess(s, seen, statuses[j % 4]))  # noqa: B023
                ok += 1
                break
            except Conflict:
                conflicts += 1
            except Exception as exc:  # reported, not raised: the test shows what went wrong
                errors.append(f"{type(exc).__name__}: {exc}")
                break
    engine.dispose()
    return {"ok": ok, "conflicts": conflicts, "errors": errors}


def override_loop(url: str, n: int, dossier: str, from_stage: str, to_stage: str) -> dict[str, Any]:
    """Confirm matches Article k -> Article k (k = 1..n), as a user confirming alignments."""
    from eu_posities import db
    from eu_posities.compare import set_override

    engine = db.make_engine(url)
    author = os.environ["EU_POSITIES_USER"]
    ok, errors = 0, []
    for k in range(1, n + 1):
        label = f"Article {k}"
        try:
            db.run_write(
                engine,
                lambda s: set_override(  # noqa: B023
                    session=s,
                    dossier_key=dossier,
                    from_key=from_stage,
                    to_key=to_stage,
                    from_label=label,  # noqa: B023
                    to_label=label,  # noqa: B023
                    author=author,
                ),
            )
            ok += 1
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
    engine.dispose()
    return {"ok": ok, "conflicts": 0, "errors": errors}


def _import_everything() -> None:
    # Imports take longer than the writes: do them before the start signal.
    import eu_posities.cli  # noqa: F401
    import eu_posities.compare  # noqa: F401
    import eu_posities.db  # noqa: F401


def main(argv: list[str]) -> None:
    task, url, go_file, n, *rest = argv
    _import_everything()
    Path(f"{go_file}.ready.{os.getpid()}").touch()
    deadline = time.monotonic() + 60
    while not Path(go_file).exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    if task == "dossiers":
        result = add_dossiers(url, int(n), rest[0])
    elif task == "assess":
        result = assess_loop(url, int(n), rest[0], rest[1], rest[2])
    elif task == "override":
        result = override_loop(url, int(n), rest[0], rest[1], rest[2])
    else:
        raise SystemExit(f"unknown task {task}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
