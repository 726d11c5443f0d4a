"""LIMITE texts leave the tool only on purpose: every export refuses a LIMITE stage unless
--include-limite is given, writes nothing when it refuses, and marks LIMITE when it may.
Search still finds LIMITE text for the user (it stays inside the tool) and flags it."""

from __future__ import annotations

import json
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
        "--stage", "limite-test", "--kind", "council-mandate", "--limite", "--force",
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


def _secret_note(db_url: str, stage: str, *, known_only: bool = False) -> None:
    """A note made on a LIMITE stage: it may never reach an export of public stages."""
    args = ["--db", db_url, "concerns", "assess", "csa-regulation", "detectiebevel", stage]
    result = eup(*args, "--status", "partly", "--evidence", "q", "--note", "SECRET note")
    assert result.code == 0, result.err


def _written(out: Path) -> str:
    files = [p for p in out.rglob("*") if p.is_file()] if out.is_dir() else [out]
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def test_a_note_on_a_limite_stage_stays_out_of_a_public_table(
    limite_db: str, tmp_path: Path
) -> None:
    _secret_note(limite_db, "limite-test")
    out = tmp_path / "t.md"
    stages = "commission-proposal,practice-council-text"
    args = ["table", "csa-regulation", "--stages", stages, "--concerns", "--out", str(out)]
    assert eup("--db", limite_db, *args).code == 0
    text = _written(out)
    assert "detectiebevel" in text  # the concern is there, as seen from the public stages
    assert "SECRET" not in text and "limite-test" not in text


def test_a_known_limite_stage_stays_out_of_a_report(db_url: str, tmp_path: Path) -> None:
    """A LIMITE stage known by its number only: its assessments are LIMITE too."""
    assert eup("--db", db_url, "init", "--demo").code == 0
    # The demo's council-mandate of the regulation has no text; made LIMITE for the test.
    from sqlalchemy import text

    from eu_posities import db

    engine = db.make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE stage SET limite = TRUE, title = 'Secret title' WHERE key = :k"),
            {"k": "council-mandate"},
        )
    engine.dispose()
    _secret_note(db_url, "council-mandate")
    out = tmp_path / "report"
    assert eup("--db", db_url, "report", "csa-regulation", "--out", str(out)).code == 0
    text_out = _written(out)
    assert "SECRET" not in text_out and "Secret title" not in text_out
    listed = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert "council-mandate" not in [s["key"] for s in listed["stages"]]
    assert all("council-mandate" not in c["status_by_stage"] for c in listed["concerns"])
    consent = tmp_path / "with-consent"
    args = ["report", "csa-regulation", "--out", str(consent), "--include-limite"]
    assert eup("--db", db_url, *args).code == 0
    listed = json.loads((consent / "report.json").read_text(encoding="utf-8"))
    assert "council-mandate" in [s["key"] for s in listed["stages"]]


def test_notes_and_rows_of_a_limite_stage_stay_out(limite_db: str, tmp_path: Path) -> None:
    """A note on a provision of a LIMITE stage, and a four-column row of a document with a
    LIMITE column, reach no export of public stages: not the memo's krachtenveld, not the
    table's comments or status column."""
    from eu_posities import db
    from eu_posities.models import DocumentRow, Dossier
    from eu_posities.services.notes import add_note
    from eu_posities.services.reading import provisions

    label = provisions(db.make_engine(limite_db), "csa-regulation", "limite-test")[0].label
    link = ["concerns", "link", "csa-regulation", "detectiebevel", "limite-test", label]
    assert eup("--db", limite_db, *link).code == 0
    engine = db.make_engine(limite_db)
    add_note(engine, "csa-regulation", "limite-test", label, "SECRET krachtenveld", author="t")
    add_note(
        engine, "csa-regulation", "commission-proposal", "Article 7", "Public note", author="t"
    )
    from sqlmodel import Session, select

    with Session(engine) as session:
        dossier = session.exec(select(Dossier).where(Dossier.key == "csa-regulation")).one()
        text = provisions(engine, "csa-regulation", "commission-proposal")[1].text
        assert dossier.id is not None
        session.add(
            DocumentRow(
                dossier_id=dossier.id, ordinal=0, number="SECRET-1", status="R",
                heading="secret row", cells={"commission-proposal": text, "limite-test": "x"},
            )
        )  # fmt: skip
        session.commit()
    engine.dispose()
    memo = tmp_path / "m.md"
    assert eup("--db", limite_db, "memo", "csa-regulation", "--out", str(memo)).code == 1
    table = tmp_path / "t.md"
    stages = "commission-proposal,practice-council-text"
    args = ["table", "csa-regulation", "--stages", stages, "--concerns", "--out", str(table)]
    assert eup("--db", limite_db, *args).code == 0
    written = table.read_text(encoding="utf-8")
    assert "Public note" in written
    assert "SECRET" not in written and "| status |" not in written
    with_consent = tmp_path / "m2.md"
    args = ["memo", "csa-regulation", "--include-limite", "--out", str(with_consent)]
    assert eup("--db", limite_db, *args).code == 0
    assert "SECRET krachtenveld" in with_consent.read_text(encoding="utf-8")
    assert "Departementaal vertrouwelijk" in with_consent.read_text(encoding="utf-8")
