"""The terminal UI's one door to the core: each call opens its own transaction (thread-safe).

Screens call these from worker threads; nothing here knows about Textual. The full-text search
and the word diff are looked up when called, so a build without them says "not available" in
the screen that needs them instead of failing to start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from eu_posities import overview, views
from eu_posities.concerns import ledger
from eu_posities.concerns import views as concern_views
from eu_posities.config import current_user
from eu_posities.db import run_write, session_scope
from eu_posities.errors import EupError

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Core:
    """The database the UI works on, and who is working."""

    engine: Engine
    author: str = ""

    @property
    def user(self) -> str:
        return self.author or current_user()

    # --- reading ----------------------------------------------------------------------

    def dossiers(self) -> list[dict[str, Any]]:
        """Each dossier with its stages (timeline) and its concern summary."""
        with session_scope(self.engine) as session:
            rows = views.dossier_rows(session=session)
            for row in rows:
                row["timeline"] = views.stage_rows(session=session, dossier_key=row["key"])
                row["concern_summary"] = overview.concern_summary(
                    session=session, dossier_key=row["key"]
                )
            return rows

    def stages(self, dossier: str) -> list[dict[str, Any]]:
        with session_scope(self.engine) as session:
            return views.stage_rows(session=session, dossier_key=dossier)

    def provisions(self, dossier: str, stage: str) -> list[dict[str, Any]]:
        with session_scope(self.engine) as session:
            return views.provision_rows(session=session, dossier_key=dossier, stage_key=stage)

    def badges(self, dossier: str, stage: str) -> dict[str, list[str]]:
        with session_scope(self.engine) as session:
            return overview.concern_badges(session=session, dossier_key=dossier, stage_key=stage)

    def comparison(self, dossier: str, stages: list[str]) -> list[dict[str, Any]]:
        # Alignments are stored as they are computed: a write transaction.
        return run_write(
            self.engine,
            lambda s: overview.comparison_rows(session=s, dossier_key=dossier, stage_keys=stages),
        )

    def diff(self, dossier: str, old: str, new: str) -> dict[str, Any]:
        from eu_posities.compare import diff_stages

        return run_write(
            self.engine,
            lambda s: diff_stages(session=s, dossier_key=dossier, from_key=old, to_key=new),
        )

    def word_diff(self, old: str, new: str) -> list[Any]:
        from eu_posities.diff import word_diff

        return list(word_diff(old, new))

    def concerns(self, dossier: str) -> list[dict[str, Any]]:
        with session_scope(self.engine) as session:
            return concern_views.concern_rows(session=session, dossier_key=dossier)

    def concern(self, dossier: str, concern: str) -> dict[str, Any]:
        """`concerns show` plus the full history and the current assessment id per stage."""
        with session_scope(self.engine) as session:
            detail = concern_views.concern_detail(
                session=session, dossier_key=dossier, concern_key=concern
            )
            detail["history"] = concern_views.history_rows(
                session=session, dossier_key=dossier, concern_key=concern
            )
        detail["heads"] = {entry["stage"]: entry["id"] for entry in detail["current"]}
        return detail

    def search(self, query: str, dossier: str | None = None) -> list[dict[str, Any]]:
        from eu_posities.search import search

        with session_scope(self.engine) as session:
            return list(search(session=session, query=query, dossier=dossier))

    # --- writing ----------------------------------------------------------------------

    def assess(
        self,
        dossier: str,
        concern: str,
        stage: str,
        *,
        status: str,
        evidence: str,
        note: str,
        supersedes: int | None,
    ) -> None:
        """Record an assessment; raises Conflict when someone assessed it meanwhile."""
        run_write(
            self.engine,
            lambda s: ledger.assess(
                session=s,
                dossier_key=dossier,
                concern_key=concern,
                stage_key=stage,
                status=status,
                evidence=evidence,
                note=note,
                author=self.user,
                supersedes_id=supersedes,
            ),
        )

    def import_file(self, request: Any, progress: Progress) -> list[Any]:
        """Parse first (no transaction), then store in one transaction: all or nothing."""
        from eu_posities.imports import parse, store_import

        progress("reading the document")
        texts = parse(request)
        progress(f"storing {sum(len(t.provisions) for t in texts)} provisions")
        return list(
            run_write(
                self.engine,
                lambda s: store_import(request, texts, session=s, author=self.user),
            )
        )

    def export(
        self,
        kind: str,
        dossier: str,
        out: Path,
        options: dict[str, Any],
        progress: Callable[[int, int, str], None] | None = None,
    ) -> Path:
        """Write a memo, table or report with the exports of the core (atomically)."""
        from eu_posities.exports import api

        if kind == "memo":
            return api.export_memo(
                self.engine, dossier, out, author=self.user, progress=progress, **options
            )
        if kind == "table":
            return api.export_table(
                self.engine, dossier, options.pop("stages"), out, progress=progress, **options
            )
        if kind == "report":
            return api.export_report(self.engine, [dossier], out, progress=progress, **options)
        raise EupError(f"no export {kind!r}")


def one_line(error: BaseException) -> str:
    """An error as the one line the user sees."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
