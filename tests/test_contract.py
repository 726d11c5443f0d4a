"""The outside contract (CONTRACT.md) as a user meets it: JSON shapes, stage kinds, statuses,
`eup` alone on a new database, and the error policy of every command, on SQLite and PostgreSQL.

The demo data is real (COM(2022) 209, the Kamerbrief of 20 December 2024) plus the demo's
practice stage, which is flagged fictional. The split/merge pair in `tests/data/contract/` is
MADE UP for testing and says so in its first line.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from clihelp import Result, eup
from pgdb import fresh_pg_database, need_pg
from testdata import TEST_DATA

MADE_UP = TEST_DATA / "contract"
PAIR = ("csa-regulation", "commission-proposal", "practice-council-text")
SPLIT_MERGE = ("made-up", "commission-proposal", "council-general-approach")
STATUSES = {"open", "partly", "resolved", "dropped"}
STAGE_KINDS = {
    "commission-proposal",
    "bnc-fiche",
    "council-general-approach",
    "council-mandate",
    "presidency-compromise",
    "ep-committee-report",
    "ep-position",
    "trilogue",
    "provisional-agreement",
    "final-act",
    "kamerbrief",
    "other",
}


def ok(url: str, *args: str) -> Result:
    result = eup("--db", url, *args)
    assert result.code == 0, (args, result.err)
    return result


def load_made_up_pair(url: str) -> None:
    """The made-up split/merge pair as a dossier of its own, imported the way a user would."""
    ok(url, "dossier", "add", "made-up", "--title", "Made-up test file (not legal text)")
    for name, stage in (("from", SPLIT_MERGE[1]), ("to", SPLIT_MERGE[2])):
        path = MADE_UP / f"split-merge-{name}.MADE-UP.txt"
        ok(url, "import", str(path), "--dossier", "made-up", "--stage", stage, "--fictional")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One demo database per backend for the whole module; the tests here only read it or
    check that a refused command left it as it was."""
    home = tmp_path_factory.mktemp("contract-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EU_POSITIES_HOME", str(home))
        mp.setenv("EU_POSITIES_USER", "tester")
        mp.setenv("NO_COLOR", "1")
        if request.param == "sqlite":
            urls: Iterator[str] = iter([f"sqlite:///{home / 'contract.db'}"])
        else:
            need_pg()
            urls = fresh_pg_database()
        url = next(urls)
        ok(url, "init", "--demo")
        load_made_up_pair(url)
        yield url
        for _ in urls:  # drops the PostgreSQL database
            pass


def read_json(url: str, *args: str) -> Any:
    """A read command with --json: stdout holds exactly one JSON document and nothing else."""
    result = ok(url, *args, "--json")
    return json.loads(result.out)  # raises on anything before or after the document


# --- JSON shapes -------------------------------------------------------------------------


def test_dossier_list_shape(demo: str) -> None:
    rows = read_json(demo, "dossier", "list")
    assert {r["key"] for r in rows} >= {"csa-directive", "csa-regulation", "made-up"}
    for row in rows:
        assert set(row) >= {"key", "title", "procedure"}
    by_key = {r["key"]: r for r in rows}
    assert by_key["csa-regulation"]["procedure"] == "2022/0155(COD)"


def test_stages_shape_and_kinds_from_keys(demo: str) -> None:
    rows = read_json(demo, "stages", "csa-regulation")
    for row in rows:
        assert set(row) >= {"key", "kind", "date", "ref", "provisions"}
        assert isinstance(row["provisions"], int)
        assert row["kind"] in STAGE_KINDS
        if row["key"] in STAGE_KINDS:
            assert row["kind"] == row["key"]
    by_key = {r["key"]: r for r in rows}
    assert by_key["commission-proposal"]["ref"] == "COM(2022) 209 final"
    assert by_key["commission-proposal"]["date"] == "2022-05-11"
    assert by_key["commission-proposal"]["provisions"] == 190
    assert by_key["ep-position"]["provisions"] == 0


def test_import_takes_kind_from_key_unless_told(demo: str, tmp_path: Path) -> None:
    # Imported into a scratch SQLite database: this module's shared database stays as it was.
    url = f"sqlite:///{tmp_path / 'kinds.db'}"
    ok(url, "init", "--empty")
    ok(url, "dossier", "add", "made-up", "--title", "Made-up test file")
    src = str(MADE_UP / "split-merge-from.MADE-UP.txt")
    for stage, extra in (
        ("trilogue", []),
        ("final-act", []),
        ("second-draft", ["--kind", "presidency-compromise"]),
        ("working-copy", []),
    ):
        ok(url, "import", src, "--dossier", "made-up", "--stage", stage, *extra)
    kinds = {r["key"]: r["kind"] for r in read_json(url, "stages", "made-up")}
    assert kinds == {
        "trilogue": "trilogue",
        "final-act": "final-act",
        "second-draft": "presidency-compromise",
        "working-copy": "other",
    }


def test_provisions_shape_text_and_footnotes(demo: str) -> None:
    rows = read_json(demo, "provisions", "csa-regulation", "commission-proposal")
    assert len(rows) == 190
    for row in rows:
        assert set(row) >= {"kind", "number", "label", "heading", "text"}
    by_label = {r["label"]: r for r in rows}
    art1 = by_label["Article 1"]
    assert (art1["kind"], art1["number"], art1["heading"]) == (
        "article",
        "1",
        "Subject matter and scope",
    )
    # Paragraphs separated by "\n": paragraph 1 and its points are separate lines.
    lines = art1["text"].split("\n")
    assert lines[0].startswith("1. This Regulation lays down uniform rules")
    assert any(line.startswith("(a) obligations on providers") for line in lines)
    assert by_label["Recital 1"]["kind"] == "recital"
    assert by_label["Annex I"]["kind"] == "annex"
    # Footnote markers removed: the footnote text is kept apart, not as "(1)" in the text.
    cit4 = by_label["Citation 4"]["text"]
    assert cit4 == "Having regard to the opinion of the European Economic and Social Committee,"
    art74 = by_label["Article 74"]["text"]
    assert by_label["Article 74"]["footnotes"]
    assert art74.endswith("shall apply Commission Decision (EU, Euratom) 2015/444.")


def test_provisions_kind_filter(demo: str) -> None:
    rows = read_json(
        demo, "provisions", "csa-regulation", "commission-proposal", "--kind", "article"
    )
    assert len(rows) == 89 and {r["kind"] for r in rows} == {"article"}


def test_align_shape_on_the_demo(demo: str) -> None:
    rows = read_json(demo, "align", *PAIR)
    for row in rows:
        assert set(row) >= {"from", "to", "score", "status", "method"}
        assert 0 <= row["score"] <= 1
        assert row["status"] in {"unchanged", "modified", "added", "deleted", "split", "merged"}
        assert row["method"] in {"number", "content", "manual"}
        if row["status"] == "added":
            assert row["from"] is None and row["to"]
        if row["status"] == "deleted":
            assert row["to"] is None and row["from"]


def test_align_split_rows_share_from_and_merge_rows_share_to(demo: str) -> None:
    rows = read_json(demo, "align", *SPLIT_MERGE)
    split = [r for r in rows if r["status"] == "split"]
    merged = [r for r in rows if r["status"] == "merged"]
    assert {r["from"] for r in split} == {"Article 2"}
    assert sorted(r["to"] for r in split) == ["Article 2", "Article 2a"]
    assert {r["to"] for r in merged} == {"Article 3"}
    assert sorted(r["from"] for r in merged) == ["Article 3", "Article 4"]
    renumbered = [r for r in rows if r["from"] == "Article 5"]
    assert renumbered == [renumbered[0]] and renumbered[0]["to"] == "Article 4"
    assert renumbered[0]["status"] == "unchanged"  # renumbering alone is no change


def _joined(ops: list[dict[str, Any]], side: str, skip: str) -> str:
    return " ".join("".join(op[side] for op in ops if op["op"] != skip).split())


def test_diff_shape_and_joining_rules(demo: str) -> None:
    for dossier, old, new in (PAIR, SPLIT_MERGE):
        result = read_json(demo, "diff", dossier, old, new)
        assert (result["from"], result["to"]) == (old, new)
        texts = {
            side: {r["label"]: r["text"] for r in read_json(demo, "provisions", dossier, stage)}
            for side, stage in (("old", old), ("new", new))
        }
        assert result["pairs"]
        for pair in result["pairs"]:
            assert set(pair) >= {"from", "to", "status", "ops", "flags", "moves"}
            for op in pair["ops"]:
                assert op["op"] in {"equal", "insert", "delete", "replace"}
                assert set(op) >= {"op", "old", "new"}
            for flag in pair["flags"]:
                assert set(flag) >= {"kind", "old", "new"}
            for move in pair["moves"]:
                assert set(move) >= {"from", "to", "text"}
            old_text = _joined(pair["ops"], "old", "insert")
            new_text = _joined(pair["ops"], "new", "delete")
            if pair["from"]:
                assert old_text == " ".join(texts["old"][pair["from"]].split()), pair["from"]
            if pair["to"]:
                assert new_text == " ".join(texts["new"][pair["to"]].split()), pair["to"]


def test_diff_one_provision_flags_a_modal(demo: str) -> None:
    result = read_json(demo, "diff", *PAIR, "--provision", "Article 7")
    assert [p["from"] for p in result["pairs"]] == ["Article 7"]
    flags = result["pairs"][0]["flags"]
    assert {"kind": "modal", "old": "shall", "new": "may"}.items() <= flags[0].items()


def test_concerns_list_shape_and_statuses(demo: str) -> None:
    rows = read_json(demo, "concerns", "list")
    keys = {r["key"] for r in rows}
    assert keys >= {"vog", "aangifteplicht", "kindersekspoppen", "detectiebevel"}
    for row in rows:
        assert set(row) >= {
            "key",
            "title",
            "dossier",
            "provisions",
            "status_by_stage",
            "resolved_in",
        }
        assert isinstance(row["provisions"], list)
        assert set(row["status_by_stage"].values()) <= STATUSES
        if row["resolved_in"] is not None:
            assert row["status_by_stage"][row["resolved_in"]] == "resolved"
    only = read_json(demo, "concerns", "list", "--dossier", "csa-regulation")
    assert {r["key"] for r in only} == {"detectiebevel"}


def test_concerns_suggest_shape(demo: str) -> None:
    rows = read_json(demo, "concerns", "suggest", "csa-regulation", "commission-proposal")
    assert rows
    for row in rows:
        assert set(row) >= {"concern", "provision", "score", "why"}
        assert 0 <= row["score"] <= 1 and row["why"]
    assert ("detectiebevel", "Article 7") in {(r["concern"], r["provision"]) for r in rows}


def test_concerns_history_shape_oldest_first(demo: str) -> None:
    rows = read_json(demo, "concerns", "history", "csa-directive", "vog")
    assert [r["status"] for r in rows] == ["open", "resolved"]
    for row in rows:
        assert set(row) >= {"stage", "status", "evidence", "note", "author", "at"}
    assert [r["at"] for r in rows] == sorted(r["at"] for r in rows)


def test_every_read_command_prints_one_json_document(demo: str) -> None:
    for args in (
        ("dossier", "list"),
        ("stages", "csa-directive"),
        ("provisions", "csa-directive", "kamerbrief-2024-12-20"),
        ("align", *SPLIT_MERGE),
        ("diff", *SPLIT_MERGE),
        ("concerns", "list"),
        ("concerns", "show", "csa-directive", "vog"),
        ("concerns", "suggest", *PAIR[:2]),
        ("concerns", "history", "csa-directive", "vog"),
        ("concerns", "alerts", "csa-regulation"),
        ("concerns", "positions", "csa-directive", "kamerbrief-2024-12-20"),
        ("log", "--limit", "5"),
    ):
        read_json(demo, *args)


def test_search_shape(demo: str) -> None:
    rows = read_json(demo, "search", "detection order", "--dossier", "csa-regulation")
    assert rows
    for row in rows:
        assert set(row) >= {"dossier", "stage", "provision", "snippet"}
        assert row["dossier"] == "csa-regulation"


# --- `eup` alone --------------------------------------------------------------------------


@pytest.fixture
def tui_calls(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    import eu_posities.tui.app

    calls: list[Any] = []
    monkeypatch.setattr(eu_posities.tui.app, "run", calls.append)
    return calls


def test_eup_alone_creates_the_database_with_the_demo(
    tui_calls: list[Any], _private_home: Path
) -> None:
    db_file = _private_home / "eu-posities.db"
    assert not db_file.exists()
    result = eup()
    assert result.code == 0, result.err
    assert len(tui_calls) == 1
    assert db_file.exists()
    rows = json.loads(eup("dossier", "list", "--json").out)
    assert {r["key"] for r in rows} == {"ai-act", "csa-directive", "csa-regulation"}
    # Opening it again loads nothing twice.
    before = eup("stages", "csa-regulation", "--json").out
    assert eup("tui").code == 0 and len(tui_calls) == 2
    assert eup("stages", "csa-regulation", "--json").out == before


def test_eup_alone_on_a_new_postgresql_database(tui_calls: list[Any], pg_url: str) -> None:
    assert eup("--db", pg_url).code == 0
    assert len(tui_calls) == 1
    rows = json.loads(eup("--db", pg_url, "concerns", "list", "--json").out)
    assert "detectiebevel" in {r["key"] for r in rows}


# --- the error policy ---------------------------------------------------------------------


def snapshot(url: str, folder: Path) -> Any:
    path = folder / "snapshot.json"
    ok(url, "backup", str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    path.unlink()
    return data


REFUSED: list[tuple[str, tuple[str, ...]]] = [
    ("stages unknown dossier", ("stages", "no-such-dossier")),
    ("provisions unknown dossier", ("provisions", "no-such-dossier", "commission-proposal")),
    ("provisions unknown stage", ("provisions", "csa-regulation", "no-such-stage")),
    ("provisions unknown kind", ("provisions", *PAIR[:2], "--kind", "articles")),
    ("align unknown stage", ("align", "csa-regulation", "commission-proposal", "nope")),
    ("align unknown dossier", ("align", "nope", "commission-proposal", "council-mandate")),
    ("align stage without text", ("align", "csa-regulation", "commission-proposal", "ep-position")),
    ("align bad --set", ("align", *PAIR, "--set", "Article 999=Article 5")),
    ("diff unknown stage", ("diff", "csa-regulation", "nope", "practice-council-text")),
    ("diff unknown provision", ("diff", *PAIR, "--provision", "Article 999")),
    ("concerns list unknown dossier", ("concerns", "list", "--dossier", "nope")),
    ("concerns show unknown concern", ("concerns", "show", "csa-directive", "nope")),
    ("concerns show unknown dossier", ("concerns", "show", "nope", "vog")),
    ("concerns suggest unknown stage", ("concerns", "suggest", "csa-regulation", "nope")),
    (
        "concerns suggest unknown concern",
        ("concerns", "suggest", *PAIR[:2], "--concern", "nope", "--accept"),
    ),
    ("concerns history unknown concern", ("concerns", "history", "csa-directive", "nope")),
    (
        "concerns assess invalid status",
        ("concerns", "assess", "csa-directive", "vog", "ep-position", "--status", "fixed"),
    ),
    (
        "concerns assess unknown stage",
        ("concerns", "assess", "csa-directive", "vog", "nope", "--status", "open"),
    ),
    (
        "concerns assess unknown concern",
        ("concerns", "assess", "csa-directive", "nope", "ep-position", "--status", "open"),
    ),
    (
        "concerns assess resolved without evidence",
        ("concerns", "assess", "csa-directive", "vog", "ep-position", "--status", "resolved"),
    ),
    (
        "concerns link unknown provision",
        ("concerns", "link", *PAIR[:1], "detectiebevel", PAIR[1], "Article 999"),
    ),
    ("concerns alerts unknown dossier", ("concerns", "alerts", "nope")),
    ("dossier add existing key", ("dossier", "add", "csa-directive", "--title", "Again")),
    (
        "concerns add existing key",
        ("concerns", "add", "vog", "--title", "Again", "--dossier", "csa-directive"),
    ),
    (
        "concerns add unknown dossier",
        ("concerns", "add", "new-point", "--title", "Nieuw", "--dossier", "nope"),
    ),
    ("log unknown dossier", ("log", "--dossier", "nope")),
]

TO_TEXT = str(MADE_UP / "split-merge-to.MADE-UP.txt")


def importing(file: str, *, dossier: str = "made-up", stage: str = "trilogue") -> tuple[str, ...]:
    return ("import", file, "--dossier", dossier, "--stage", stage)


FILE_REFUSED: list[tuple[str, tuple[str, ...]]] = [
    ("import missing file", importing("{missing}")),
    ("import a folder of nothing", importing("{empty_dir}")),
    ("import binary junk", importing("{junk}")),
    ("import into unknown dossier", importing(TO_TEXT, dossier="nope")),
    ("import over an imported stage", importing(TO_TEXT, stage=SPLIT_MERGE[1])),
    ("import with a date that is no date", (*importing(TO_TEXT), "--date", "yesterday")),
    ("import with a Dutch-order date", (*importing(TO_TEXT), "--date", "13-12-2024")),
    ("restore missing file", ("restore", "{missing}")),
    ("restore junk", ("restore", "{junk}")),
    ("restore into a database that holds data", ("restore", "{backup}")),
    (
        "table unknown stage",
        (
            "table",
            "csa-regulation",
            "--stages",
            "commission-proposal,nope",
            "--out",
            "{out}/t.html",
        ),
    ),
    (
        "table one stage",
        ("table", "csa-regulation", "--stages", "commission-proposal", "--out", "{out}/t.html"),
    ),
    (
        "table unknown format",
        ("table", *PAIR[:1], "--stages", ",".join(PAIR[1:]), "--out", "{out}/t.pdf"),
    ),
    ("memo unknown concern", ("memo", "csa-directive", "--concern", "nope", "--out", "{out}/m.md")),
    ("memo unknown dossier", ("memo", "nope", "--out", "{out}/m.md")),
    ("memo unknown language", ("memo", "csa-directive", "--lang", "de", "--out", "{out}/m.md")),
    ("report unknown dossier", ("report", "nope", "--out", "{out}/r")),
    ("backup into a missing folder", ("backup", "{out}/no/such/folder/b.json")),
    ("backup where nothing can be written", ("backup", "/proc/b.json")),
    ("memo where nothing can be written", ("memo", "csa-directive", "--out", "/proc/m.md")),
    ("report where nothing can be written", ("report", "csa-directive", "--out", "/proc/r")),
]

USAGE: list[tuple[str, tuple[str, ...], str]] = [
    (
        "assess without --status",
        ("concerns", "assess", "csa-directive", "vog", "ep-position"),
        "--status",
    ),
    (
        "import without --dossier",
        ("import", TO_TEXT),
        "--dossier",
    ),
    ("table without --out", ("table", "csa-regulation", "--stages", "a,b"), "--out"),
    ("dossier add without --title", ("dossier", "add", "x"), "--title"),
    ("stages without a dossier", ("stages",), "DOSSIER"),
    ("unknown option", ("stages", "csa-regulation", "--colour"), "--colour"),
]


def assert_one_line_error(result: Result) -> None:
    assert result.code != 0
    assert "Traceback" not in result.err + result.out
    assert "EU_POSITIES_DEBUG" not in result.err, "an expected error reported as a crash"
    assert result.out == "", "a refused command printed to stdout"
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.err
    assert len(lines[0]) > len("error: ") + 5


@pytest.mark.parametrize(("case", "args"), REFUSED, ids=[c for c, _ in REFUSED])
def test_refused_commands_change_nothing(
    demo: str, tmp_path: Path, case: str, args: tuple[str, ...]
) -> None:
    before = snapshot(demo, tmp_path)
    result = eup("--db", demo, *args)
    assert_one_line_error(result)
    assert snapshot(demo, tmp_path) == before, case


@pytest.fixture
def files(demo: str, tmp_path: Path) -> dict[str, str]:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 40)
    (tmp_path / "empty").mkdir()
    backup = tmp_path / "existing-backup.json"
    ok(demo, "backup", str(backup))
    out = tmp_path / "out"
    out.mkdir()
    return {
        "missing": str(tmp_path / "no-such-file.html"),
        "empty_dir": str(tmp_path / "empty"),
        "junk": str(junk),
        "backup": str(backup),
        "out": str(out),
    }


@pytest.mark.parametrize(("case", "args"), FILE_REFUSED, ids=[c for c, _ in FILE_REFUSED])
def test_refused_files_change_nothing(
    demo: str, tmp_path: Path, files: dict[str, str], case: str, args: tuple[str, ...]
) -> None:
    before = snapshot(demo, tmp_path)
    result = eup("--db", demo, *(a.format(**files) for a in args))
    assert_one_line_error(result)
    assert snapshot(demo, tmp_path) == before, case
    assert sorted(os.listdir(files["out"])) == [], "a refused export left a file behind"


@pytest.mark.parametrize(("case", "args", "names"), USAGE, ids=[c for c, _, _ in USAGE])
def test_usage_errors_say_what_is_wrong(
    demo: str, tmp_path: Path, case: str, args: tuple[str, ...], names: str
) -> None:
    before = snapshot(demo, tmp_path)
    result = eup("--db", demo, *args)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert names.lower() in result.err.lower(), result.err
    assert snapshot(demo, tmp_path) == before


def test_unreadable_database_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-database.db"
    bad.write_text("this is not SQLite\n" * 100, encoding="utf-8")
    assert_one_line_error(eup("--db", f"sqlite:///{bad}", "dossier", "list"))
    assert_one_line_error(eup("--db", "nosuchdriver://x/y", "dossier", "list"))
    assert bad.read_text(encoding="utf-8") == "this is not SQLite\n" * 100


def test_unusable_data_folder_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EU_POSITIES_HOME", "/proc/eu-posities-cannot-be-here")
    assert_one_line_error(eup("dossier", "list"))


# --- Python API ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("The Member States shall designate", "Member States may designate"),
        ("", "Inserted from nothing."),
        ("Deleted to nothing.", ""),
        ("1. Providers shall report.\n2. Reports are kept.", "1. Providers shall report.\n"),
    ],
)
def test_word_diff_api(old: str, new: str) -> None:
    from eu_posities.diff import word_diff

    ops = word_diff(old, new)
    assert {op.op for op in ops} <= {"equal", "insert", "delete", "replace"}
    as_dicts = [{"op": op.op, "old": op.old, "new": op.new} for op in ops]
    assert _joined(as_dicts, "old", "insert") == " ".join(old.split())
    assert _joined(as_dicts, "new", "delete") == " ".join(new.split())


def test_diff_lists_text_that_moved(tmp_path: Path) -> None:
    # MADE-UP: one invented sentence moves from Article 2 to Article 4 of the made-up text.
    base = (MADE_UP / "split-merge-from.MADE-UP.txt").read_text(encoding="utf-8")
    moved = " The register shall be kept for five years from the date of each recorded incident."
    before = base.replace(
        "the measures taken in response.", "the measures taken in response." + moved
    )
    after = base.replace("premises of providers.", "premises of providers." + moved)
    url = f"sqlite:///{tmp_path / 'moves.db'}"
    ok(url, "init", "--empty")
    ok(url, "dossier", "add", "made-up", "--title", "Made-up test file")
    for stage, text in (("commission-proposal", before), ("council-general-approach", after)):
        path = tmp_path / f"{stage}.MADE-UP.txt"
        path.write_text(text, encoding="utf-8")
        ok(url, "import", str(path), "--dossier", "made-up", "--stage", stage)
    result = read_json(url, "diff", "made-up", "commission-proposal", "council-general-approach")
    moves = [m for pair in result["pairs"] for m in pair["moves"]]
    assert moves
    assert {(m["from"], m["to"], m["text"]) for m in moves} == {
        ("Article 2", "Article 4", moved.strip())
    }


def test_changes_record_the_author_from_the_environment(demo: str) -> None:
    # The module's database was built with EU_POSITIES_USER=tester.
    authors = {row["author"] for row in read_json(demo, "log", "--limit", "1000")}
    assert authors == {"tester"}
    history = read_json(demo, "concerns", "history", "csa-directive", "vog")
    assert {row["author"] for row in history} == {"tester"}


def test_every_concern_status_can_be_recorded(db_url: str) -> None:
    ok(db_url, "init", "--demo")
    where = ("csa-regulation", "detectiebevel", "practice-council-text")
    for status in ("open", "partly", "resolved", "dropped"):
        ok(db_url, "concerns", "assess", *where, "--status", status, "--evidence", "made-up quote")
        rows = read_json(db_url, "concerns", "list", "--dossier", "csa-regulation")
        assert rows[0]["status_by_stage"]["practice-council-text"] == status
    history = read_json(db_url, "concerns", "history", *where[:2])
    assert [r["status"] for r in history if r["stage"] == where[2]] == [
        "open",
        "partly",
        "resolved",
        "dropped",
    ]
