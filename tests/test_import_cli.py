"""`eup import` end to end: every format into stages, one transaction, clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clihelp import eup
from docxsamples import write_four_columns

DATA = Path(__file__).resolve().parent / "data"


def _snapshot(url: str, tmp_path: Path, name: str) -> dict:
    path = tmp_path / f"{name}.json"
    assert eup("--db", url, "backup", str(path)).code == 0
    tables = json.loads(path.read_text())["tables"]
    tables.pop("changelog")
    return tables


@pytest.fixture
def dossier(db_url: str) -> str:
    assert eup("--db", db_url, "init", "--empty").code == 0
    assert eup("--db", db_url, "dossier", "add", "test-act", "--title", "Test act").code == 0
    return db_url


@pytest.mark.parametrize(
    ("fixture", "articles", "recitals"),
    [
        ("commission-proposal.eurlex.html", 89, 84),
        ("reg-2024-903-oj.xhtml", 23, 57),
        ("formex/reg-2024-903", 23, 57),
        ("akn/akn4eu-leos-COM-2025-162-directive-proposal.xml", 20, 24),
        ("akn/akn-cirsfid-32014L0092-directive.xml", 31, 58),
        ("commission-proposal.derived.txt", 89, 84),
    ],
)
def test_each_format_becomes_a_stage(
    dossier: str, fixture: str, articles: int, recitals: int
) -> None:
    result = eup(
        "--db", dossier, "import", str(DATA / fixture), "--dossier", "test-act",
        "--stage", "final-act", "--date", "2024-03-22", "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    (row,) = result.json()
    assert row["stage"] == "final-act" and row["kind"] == "final-act"
    rows = eup("--db", dossier, "provisions", "test-act", "final-act", "--json").json()
    kinds = [r["kind"] for r in rows]
    assert kinds.count("article") == articles
    assert kinds.count("recital") == recitals
    stage = eup("--db", dossier, "stages", "test-act", "--json").json()[0]
    assert stage["date"] == "2024-03-22" and stage["provisions"] == len(rows)


def test_reimport_is_refused_unless_replace(dossier: str, tmp_path: Path) -> None:
    path = str(DATA / "reg-2024-903-oj.xhtml")
    args = ("--db", dossier, "import", path, "--dossier", "test-act", "--stage", "final-act")
    assert eup(*args).code == 0
    before = _snapshot(dossier, tmp_path, "before")
    again = eup(*args)
    assert (
        again.code == 1 and "already has this very file" in again.err and "--replace" in again.err
    )
    assert _snapshot(dossier, tmp_path, "after") == before
    assert eup(*args, "--replace").code == 0


def test_four_column_docx_gives_four_stages(dossier: str, tmp_path: Path) -> None:
    path = tmp_path / "four.docx"
    write_four_columns(path, label_column=True)
    result = eup(
        "--db", dossier, "import", str(path), "--dossier", "test-act",
        "--stages", "commission-proposal,ep-position,council-general-approach,trilogue", "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert [r["stage"] for r in result.json()] == [
        "commission-proposal", "ep-position", "council-general-approach", "trilogue",
    ]  # fmt: skip
    stages = {s["key"]: s for s in eup("--db", dossier, "stages", "test-act", "--json").json()}
    assert stages["council-general-approach"]["kind"] == "council-general-approach"
    assert stages["council-general-approach"]["provisions"] == 2


def test_four_column_docx_stage_keys_from_headings(dossier: str, tmp_path: Path) -> None:
    path = tmp_path / "four.docx"
    write_four_columns(path, label_column=False)
    result = eup("--db", dossier, "import", str(path), "--dossier", "test-act", "--json")
    assert result.code == 0, result.err
    assert [r["stage"] for r in result.json()] == [
        "commission-proposal",
        "ep",
        "council",
        "compromise",
    ]


def test_wrong_number_of_stage_keys(dossier: str, tmp_path: Path) -> None:
    path = tmp_path / "four.docx"
    write_four_columns(path, label_column=True)
    result = eup("--db", dossier, "import", str(path), "--dossier", "test-act", "--stages", "a,b")
    assert result.code == 1 and "holds 4 texts" in result.err
    assert eup("--db", dossier, "stages", "test-act", "--json").json() == []


def test_leos_mandate_both_texts(dossier: str) -> None:
    path = DATA / "akn/leos-mandate/mandate_delete_bill_3Articles__deleteArt1_output.xml"
    result = eup(
        "--db", dossier, "import", str(path), "--dossier", "test-act", "--leos-both",
        "--stages", "council-mandate,commission-proposal", "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    counts = {r["stage"]: r["provisions"] for r in result.json()}
    assert set(counts) == {"council-mandate", "commission-proposal"}


HOSTILE = {
    "xxe.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    "bomb.xml": (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b"<l>&c;</l>"
    ),
    "truncated.xml": b'<?xml version="1.0"?><akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><bill><body><article',
    "garbage.bin": bytes(range(256)) * 20,
    "empty.html": b"",
    "unknown.txt": b"Nothing here looks like legislation at all.\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_bad_files_change_nothing(dossier: str, tmp_path: Path, name: str) -> None:
    before = _snapshot(dossier, tmp_path, "before")
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    result = eup(
        "--db", dossier, "import", str(path), "--dossier", "test-act", "--stage", "council-mandate"
    )
    assert result.code == 1
    assert result.err.startswith("error: ") and result.err.count("\n") == 1
    assert name in result.err and "Traceback" not in result.err
    assert _snapshot(dossier, tmp_path, "after") == before


def test_unknown_dossier_and_missing_file(dossier: str, tmp_path: Path) -> None:
    result = eup(
        "--db",
        dossier,
        "import",
        str(DATA / "reg-2024-903-oj.xhtml"),
        "--dossier",
        "nope",
        "--stage",
        "x",
    )
    assert result.code == 1 and "unknown dossier 'nope'" in result.err
    missing = eup(
        "--db",
        dossier,
        "import",
        str(tmp_path / "none.pdf"),
        "--dossier",
        "test-act",
        "--stage",
        "x",
    )
    assert missing.code == 1 and "none.pdf" in missing.err


def test_leos_mandate_both_texts_get_standard_stage_keys_in_order(dossier: str) -> None:
    path = DATA / "akn/leos-mandate/mandate_delete_bill_3Articles__deleteArt1_output.xml"
    result = eup(
        "--db", dossier, "import", str(path), "--dossier", "test-act", "--leos-both",
        "--stage", "council-mandate",
    )  # fmt: skip
    assert result.code == 0, result.err
    rows = eup("--db", dossier, "stages", "test-act", "--json").json()
    assert [(r["key"], r["kind"]) for r in rows] == [
        ("commission-proposal", "commission-proposal"),
        ("council-mandate", "council-mandate"),
    ]
    aligned = eup("--db", dossier, "align", "test-act", "commission-proposal", "council-mandate")
    assert aligned.code == 0, aligned.err
