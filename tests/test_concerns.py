"""The concern ledger through the command line, on SQLite and PostgreSQL.

The demo must reproduce what the Kamerbrief of 20 December 2024 says, with its own words as
evidence; every bad input must leave the database exactly as it was.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from clihelp import eup
from pgdb import fresh_pg_database, need_pg
from testdata import TEST_DATA

from eu_posities import db, store
from eu_posities.backup import dump
from eu_posities.concerns import ledger
from eu_posities.errors import Conflict

LETTER_DOC = "Kamerbrief van 20 december 2024, Voortgangsbrief aanpak seksuele delicten"


def snapshot(url: str) -> Any:
    engine = db.make_engine(url)
    try:
        with db.session_scope(engine) as session:
            return json.loads(json.dumps(dump(session=session), default=str))
    finally:
        engine.dispose()


@pytest.fixture
def demo(db_url: str) -> str:
    """A demo database of one's own, for tests that change it."""
    result = eup("--db", db_url, "init", "--demo")
    assert result.code == 0, result.err
    return db_url


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def shared_demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """One demo database per backend for the tests that only read (or must change nothing)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EU_POSITIES_HOME", str(tmp_path_factory.mktemp("home")))
        patch.setenv("EU_POSITIES_USER", "tester")
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'demo.db'}"
            assert eup("--db", url, "init", "--demo").code == 0
            yield url
        else:
            need_pg()
            for url in fresh_pg_database():
                assert eup("--db", url, "init", "--demo").code == 0
                yield url


def run(url: str, *args: str) -> Any:
    result = eup("--db", url, *args)
    assert result.code == 0, result.err
    return result


def test_demo_reproduces_the_letter(shared_demo: str) -> None:
    demo = shared_demo
    rows = run(demo, "concerns", "list", "--dossier", "csa-directive", "--json").json()
    by_key = {r["key"]: r for r in rows}
    assert set(by_key) == {
        "vog",
        "aangifteplicht",
        "kindersekspoppen",
        "afbakening-strafbaarstellingen",
    }
    for key in by_key:
        assert by_key[key]["dossier"] == "csa-directive"
        assert by_key[key]["resolved_in"] == "council-general-approach", key
        assert by_key[key]["status_by_stage"]["council-general-approach"] == "resolved"
        assert by_key[key]["provisions"] == ["Section 7"]  # of the letter: no directive text here
    assert by_key["vog"]["status_by_stage"] == {
        "commission-proposal": "open",
        "council-general-approach": "resolved",
    }
    history = run(demo, "concerns", "history", "csa-directive", "kindersekspoppen", "--json").json()
    [entry] = history
    assert entry["stage"] == "council-general-approach" and entry["status"] == "resolved"
    assert entry["evidence"].startswith(
        "In verband met het krachtenveld is het onderwerp van de kindersekspoppen"
    )
    assert entry["evidence_document"] == LETTER_DOC and entry["evidence_location"] == "paragraaf 7"
    assert "overweging" in entry["note"] and "niet in een artikel" in entry["note"]
    assert set(entry) >= {"stage", "status", "evidence", "note", "author", "at"}

    regulation = run(demo, "concerns", "list", "--dossier", "csa-regulation", "--json").json()
    [detection] = regulation
    assert detection["key"] == "detectiebevel"
    assert detection["status_by_stage"] == {"commission-proposal": "open"}
    assert detection["resolved_in"] is None
    assert detection["provisions"] == [f"Article {n}" for n in range(7, 12)]


def test_letter_is_a_commentary_stage_split_into_sections(shared_demo: str) -> None:
    demo = shared_demo
    stages = {s["key"]: s for s in run(demo, "stages", "csa-directive", "--json").json()}
    letter = stages["kamerbrief-2024-12-20"]
    assert (letter["kind"], letter["date"], letter["language"]) == (
        "kamerbrief",
        "2024-12-20",
        "nl",
    )
    provisions = run(demo, "provisions", "csa-directive", "kamerbrief-2024-12-20", "--json").json()
    sections = [p for p in provisions if p["kind"] == "section"]
    assert [p["label"] for p in sections] == [f"Section {n}" for n in range(1, 12)]
    seven = next(p for p in sections if p["number"] == "7")
    assert "De belangrijkste Nederlandse zorgen zijn in het voorstel geadresseerd." in seven["text"]


def test_init_twice_changes_nothing_in_the_ledger(shared_demo: str) -> None:
    demo = shared_demo
    before = snapshot(demo)
    again = run(demo, "init", "--demo")
    assert "concerns" not in again.out
    assert snapshot(demo) == before


def test_show_gives_position_links_status_and_alerts(shared_demo: str) -> None:
    demo = shared_demo
    detail = run(demo, "concerns", "show", "csa-regulation", "detectiebevel", "--json").json()
    assert detail["position_nl"].startswith("De brief benoemt enkele uitgangspunten van Nederland")
    assert "paragraaf 8" in detail["position_source"]
    assert {link["provision"] for link in detail["links"]} == {f"Article {n}" for n in range(7, 12)}
    assert detail["current"][0]["evidence_location"] == "paragraaf 8"
    alerts = {a["provision"]: a for a in detail["alerts"]}
    assert set(alerts) == {"Article 7", "Article 11"}
    human = run(demo, "concerns", "show", "csa-directive", "vog")
    assert "VOG-systematiek" in human.out and "council-general-approach: resolved" in human.out


def test_alerts_follow_linked_provisions_into_the_practice_stage(shared_demo: str) -> None:
    demo = shared_demo
    alerts = run(demo, "concerns", "alerts", "csa-regulation", "--json").json()
    by_label = {a["provision"]: a for a in alerts}
    assert all(
        a["concern"] == "detectiebevel" and a["stage"] == "practice-council-text" for a in alerts
    )
    assert "deleted" in by_label["Article 11"]["summary"]
    assert "modified" in by_label["Article 7"]["summary"]
    kinds = {(f["kind"], f["old"], f["new"]) for f in by_label["Article 7"]["flags"]}
    assert ("modal", "shall", "may") in kinds
    assert any(kind == "number" for kind, _, _ in kinds)  # four weeks became six weeks
    # Unchanged linked provisions raise nothing.
    assert "Article 8" not in by_label and "Article 9" not in by_label


def test_assess_appends_and_history_is_oldest_first(demo: str) -> None:
    before = run(demo, "concerns", "history", "csa-directive", "vog", "--json").json()
    run(
        demo,
        "concerns",
        "assess",
        "csa-directive",
        "vog",
        "ep-position",
        "--status",
        "open",
        "--note",
        "Watch LIBE",
    )
    run(
        demo,
        "concerns",
        "assess",
        "csa-directive",
        "vog",
        "ep-position",
        "--status",
        "partly",
        "--evidence",
        "a made-up test quote",
        "--source",
        "test document",
        "--location",
        "Article 10(2)",
    )
    after = run(demo, "concerns", "history", "csa-directive", "vog", "--json").json()
    assert after[: len(before)] == before  # nothing rewritten
    new = after[len(before) :]
    assert [(e["stage"], e["status"]) for e in new] == [
        ("ep-position", "open"),
        ("ep-position", "partly"),
    ]
    assert new[1]["supersedes"] == new[0]["id"] and new[0]["author"] == "tester"
    row = next(
        r
        for r in run(demo, "concerns", "list", "--dossier", "csa-directive", "--json").json()
        if r["key"] == "vog"
    )
    assert row["status_by_stage"]["ep-position"] == "partly"
    # Resolved in the general approach, but only partly later on: not resolved any more.
    assert row["resolved_in"] is None
    log = run(demo, "log", "--json").json()
    assert any(
        entry.get("action") == "concern.assess" and entry.get("author") == "tester" for entry in log
    )


def test_optimistic_concurrency(demo: str) -> None:
    history = run(demo, "concerns", "history", "csa-directive", "vog", "--json").json()
    seen = next(e["id"] for e in reversed(history) if e["stage"] == "council-general-approach")
    ok = run(
        demo,
        "concerns",
        "assess",
        "csa-directive",
        "vog",
        "council-general-approach",
        "--status",
        "open",
        "--expect",
        str(seen),
    )
    assert "assessment" in ok.out
    before = snapshot(demo)
    stale = eup(
        "--db",
        demo,
        "concerns",
        "assess",
        "csa-directive",
        "vog",
        "council-general-approach",
        "--status",
        "dropped",
        "--expect",
        str(seen),
    )
    assert stale.code == 1 and stale.err.startswith("error: ") and stale.err.count("\n") == 1
    assert "changed since you saw it" in stale.err
    assert snapshot(demo) == before
    # Through the API as the TUI calls it: someone else assessed in between.
    engine = db.make_engine(demo)
    try:
        with db.session_scope(engine) as session:
            concern = ledger.get_concern(session=session, key="aangifteplicht")
            dossier = store.get_dossier(session=session, key="csa-directive")
            stage = store.get_stage(session=session, dossier=dossier, key="ep-position")
            assert ledger.current_assessment(session=session, concern=concern, stage=stage) is None
        with db.session_scope(engine, write=True) as session:
            ledger.assess(
                session=session,
                dossier_key="csa-directive",
                concern_key="aangifteplicht",
                stage_key="ep-position",
                status="open",
                author="colleague",
                expected_current_id=None,
            )
        stale_view = pytest.raises(Conflict, match="you saw no assessment, now it is assessment")
        with stale_view, db.session_scope(engine, write=True) as session:
            ledger.assess(
                session=session,
                dossier_key="csa-directive",
                concern_key="aangifteplicht",
                stage_key="ep-position",
                status="dropped",
                author="tester",
                supersedes_id=None,  # the same check, under the stored column's name
            )
    finally:
        engine.dispose()


BAD_COMMANDS: list[tuple[tuple[str, ...], str]] = [
    (("concerns", "show", "csa-directive", "nope"), "unknown concern 'nope'"),
    (("concerns", "list", "--dossier", "nope"), "unknown dossier 'nope'"),
    (("concerns", "history", "nope", "vog"), "unknown dossier"),
    (("concerns", "history", "csa-regulation", "vog"), "not tracked in dossier 'csa-regulation'"),
    (
        (
            "concerns",
            "assess",
            "csa-directive",
            "nope",
            "council-general-approach",
            "--status",
            "open",
        ),
        "unknown concern",
    ),
    (
        ("concerns", "assess", "csa-directive", "vog", "nope", "--status", "open"),
        "unknown stage 'nope'",
    ),
    (
        ("concerns", "assess", "csa-directive", "vog", "ep-position", "--status", "fixed"),
        "invalid status 'fixed'",
    ),
    (
        ("concerns", "assess", "csa-directive", "vog", "ep-position", "--status", "resolved"),
        "needs evidence",
    ),
    (
        (
            "concerns",
            "assess",
            "csa-directive",
            "vog",
            "ep-position",
            "--status",
            "partly",
            "--evidence",
            "  ",
        ),
        "needs evidence",
    ),
    (
        (
            "concerns",
            "assess",
            "csa-directive",
            "vog",
            "ep-position",
            "--status",
            "open",
            "--expect",
            "x",
        ),
        "--expect",
    ),
    (("concerns", "suggest", "csa-regulation", "nope"), "unknown stage"),
    (("concerns", "suggest", "csa-directive", "council-general-approach"), "no text imported yet"),
    (
        ("concerns", "suggest", "csa-regulation", "commission-proposal", "--concern", "nope"),
        "unknown concern",
    ),
    (
        (
            "concerns",
            "link",
            "csa-regulation",
            "detectiebevel",
            "commission-proposal",
            "Article 999",
        ),
        "no provision 'Article 999'",
    ),
    (
        (
            "concerns",
            "link",
            "csa-regulation",
            "detectiebevel",
            "commission-proposal",
            "Article 7",
            "--reject",
            "--remove",
        ),
        "not both",
    ),
    (
        (
            "concerns",
            "link",
            "csa-regulation",
            "detectiebevel",
            "commission-proposal",
            "Article 1",
            "--remove",
        ),
        "no link",
    ),
    (
        ("concerns", "add", "vog", "--title", "Dubbel", "--dossier", "csa-directive"),
        "already exists",
    ),
    (("concerns", "add", "new-one", "--title", "Nieuw", "--dossier", "nope"), "unknown dossier"),
    (
        ("concerns", "add", "Bad Key", "--title", "Nieuw", "--dossier", "csa-directive"),
        "invalid concern key",
    ),
    (("concerns", "add", "new-one", "--title", " ", "--dossier", "csa-directive"), "needs a title"),
    (("concerns", "alerts", "csa-regulation", "--concern", "nope"), "unknown concern"),
    (("concerns", "alerts", "nope"), "unknown dossier"),
    (("concerns", "positions", "csa-directive", "bnc-fiche"), "no text imported yet"),
    (("concerns", "positions", "csa-directive", "nope", "--apply"), "unknown stage"),
    (("concerns", "show", "csa-regulation", "vog"), "not tracked in dossier"),
]


def test_bad_input_is_one_line_and_changes_nothing(shared_demo: str) -> None:
    demo = shared_demo
    before = snapshot(demo)
    for args, message in BAD_COMMANDS:
        result = eup("--db", demo, *args)
        assert result.code == 1, (args, result.out, result.err)
        assert result.err.startswith("error: ") and result.err.count("\n") == 1, (args, result.err)
        assert message in result.err, (args, result.err)
        assert "Traceback" not in result.err
    assert snapshot(demo) == before


def test_user_concern_spanning_two_dossiers(demo: str) -> None:
    run(
        demo,
        "concerns",
        "add",
        "made-up-point",
        "--title",
        "Verzonnen testpunt",
        "--title-en",
        "Made-up test point",
        "--dossier",
        "csa-directive,csa-regulation",
        "--terms",
        "detection order,made-up",
        "--position",
        "Made up for testing.",
    )
    rows = run(demo, "concerns", "list", "--json").json()
    mine = [r for r in rows if r["key"] == "made-up-point"]
    assert sorted(r["dossier"] for r in mine) == ["csa-directive", "csa-regulation"]
    one = run(demo, "concerns", "list", "--dossier", "csa-regulation", "--json").json()
    assert [r["key"] for r in one] == ["detectiebevel", "made-up-point"]
    run(
        demo,
        "concerns",
        "assess",
        "csa-regulation",
        "made-up-point",
        "commission-proposal",
        "--status",
        "dropped",
    )
    rows = run(demo, "concerns", "list", "--json").json()
    statuses = {r["dossier"]: r["status_by_stage"] for r in rows if r["key"] == "made-up-point"}
    assert statuses == {"csa-directive": {}, "csa-regulation": {"commission-proposal": "dropped"}}


def test_suggest_link_accept_and_reject(demo: str) -> None:
    found = run(
        demo,
        "concerns",
        "suggest",
        "csa-regulation",
        "commission-proposal",
        "--concern",
        "detectiebevel",
        "--limit",
        "8",
        "--json",
    ).json()
    labels = [s["provision"] for s in found]
    assert {"Article 7", "Article 8", "Article 9", "Article 10"} <= set(labels[:5])
    assert len(found) <= 8 and all(0 <= s["score"] <= 1 and s["why"] for s in found)
    assert all(s["concern"] == "detectiebevel" for s in found)
    top = next(s for s in found if s["provision"] == "Article 7")
    assert "heading 'Issuance of detection orders' matches" in top["why"]
    # Rejecting a suggested provision keeps it out of later suggestions.
    run(
        demo,
        "concerns",
        "link",
        "csa-regulation",
        "detectiebevel",
        "commission-proposal",
        "Annex I",
        "--reject",
    )
    again = run(
        demo, "concerns", "suggest", "csa-regulation", "commission-proposal", "--json"
    ).json()
    assert "Annex I" not in [s["provision"] for s in again]
    run(
        demo,
        "concerns",
        "suggest",
        "csa-regulation",
        "commission-proposal",
        "--limit",
        "2",
        "--accept",
    )
    detail = run(demo, "concerns", "show", "csa-regulation", "detectiebevel", "--json").json()
    assert [link["state"] for link in detail["links"]].count(
        "confirmed"
    ) == 5  # 7-11, already confirmed
    run(
        demo,
        "concerns",
        "link",
        "csa-regulation",
        "detectiebevel",
        "commission-proposal",
        "Article 11",
        "--remove",
    )
    detail = run(demo, "concerns", "show", "csa-regulation", "detectiebevel", "--json").json()
    assert "Article 11" not in {link["provision"] for link in detail["links"]}
    # Alerts follow the links at once: no alert for the unlinked article, one for a new link.
    assert {a["provision"] for a in detail["alerts"]} == {"Article 7"}
    run(
        demo,
        "concerns",
        "link",
        "csa-regulation",
        "detectiebevel",
        "commission-proposal",
        "article 5",
    )
    alerts = run(demo, "concerns", "alerts", "csa-regulation", "--json").json()
    five = next(a for a in alerts if a["provision"] == "Article 5")
    assert any(f["kind"] == "number" for f in five["flags"])  # three months became two


def test_import_of_a_letter_detects_the_dutch_format(db_url: str) -> None:
    run(db_url, "init", "--empty")
    run(db_url, "dossier", "add", "test-file", "--title", "Test dossier")
    letter = TEST_DATA / "kamerbrief-2024-12-20-voortgangsbrief-aanpak-seksuele-delicten.txt"
    run(db_url, "import", str(letter), "--dossier", "test-file", "--stage", "kamerbrief-2024-12-20")
    [stage] = run(db_url, "stages", "test-file", "--json").json()
    assert stage["kind"] == "kamerbrief" and stage["provisions"] == 13
    assert stage.get("format", "dutch") == "dutch"


def test_practice_script_is_reproducible_and_labelled() -> None:
    from scripts.practice import NOTICE, derive_regulation_practice

    root = Path(__file__).resolve().parents[1]
    source = root / "data/texts/csa-regulation/commission-proposal.eurlex.html"
    target = root / "data/texts/csa-regulation/practice-council-text.html"
    made = derive_regulation_practice(source.read_bytes())
    assert made == target.read_bytes()
    assert made.startswith(b"<!--\n" + NOTICE.encode())
    manifest = json.loads((root / "data/dossiers.json").read_text(encoding="utf-8"))
    stages = {s["key"]: s for d in manifest["dossiers"] for s in d["stages"] if s.get("fictional")}
    assert list(stages) == ["practice-council-text"]
    assert "PRACTICE" in stages["practice-council-text"]["title"]
    directive = next(d for d in manifest["dossiers"] if d["key"] == "csa-directive")
    assert not any(s.get("fictional") for s in directive["stages"])  # no invented directive text


def test_positions_proposed_from_an_imported_fiche(db_url: str) -> None:
    run(db_url, "init", "--empty")
    run(db_url, "dossier", "add", "test-file", "--title", "Made-up test dossier")
    run(
        db_url,
        "concerns",
        "add",
        "vog",
        "--title",
        "VOG",
        "--dossier",
        "test-file",
        "--terms",
        "VOG,verklaring omtrent het gedrag,werkgevers",
    )
    run(
        db_url,
        "concerns",
        "add",
        "aangifteplicht",
        "--title",
        "Aangifteplicht",
        "--dossier",
        "test-file",
        "--terms",
        "aangifteplicht,meldcode",
        "--position",
        "Already written down.",
    )
    fiche = TEST_DATA / "bnc-fiche-sample.MADE-UP.txt"
    run(db_url, "import", str(fiche), "--dossier", "test-file", "--stage", "bnc-fiche")
    proposed = run(db_url, "concerns", "positions", "test-file", "bnc-fiche", "--json").json()
    assert {p["concern"]: p["location"] for p in proposed} == {
        "vog": "Section 3, paragraph 3",
        "aangifteplicht": "Section 3, paragraph 4",
    }
    stored = run(
        db_url, "concerns", "positions", "test-file", "bnc-fiche", "--apply", "--json"
    ).json()
    assert [p["concern"] for p in stored] == ["vog"]  # the other one already had a position
    vog = run(db_url, "concerns", "show", "test-file", "vog", "--json").json()
    assert vog["position_nl"].startswith("Het kabinet wil ruimte behouden voor de VOG-systematiek")
    assert vog["position_source"].endswith("Section 3, paragraph 3")
    other = run(db_url, "concerns", "show", "test-file", "aangifteplicht", "--json").json()
    assert other["position_nl"] == "Already written down."


def test_two_simultaneous_assessments_cannot_both_win(pg_url: str) -> None:
    """On PostgreSQL, the second writer waits for the first and then sees its assessment."""
    import threading

    run(pg_url, "init", "--empty")
    run(pg_url, "dossier", "add", "test-file", "--title", "Made-up test dossier")
    run(pg_url, "concerns", "add", "point", "--title", "Testpunt", "--dossier", "test-file")
    engine = db.make_engine(pg_url)
    with db.session_scope(engine, write=True) as session:
        store.ensure_stage(
            session=session,
            dossier=store.get_dossier(session=session, key="test-file"),
            key="other",
        )
    outcome: dict[str, BaseException | None] = {}

    def second() -> None:
        try:
            with db.session_scope(engine, write=True) as session:
                ledger.assess(
                    session=session,
                    dossier_key="test-file",
                    concern_key="point",
                    stage_key="other",
                    status="dropped",
                    author="b",
                    expected_current_id=None,
                )
            outcome["second"] = None
        except BaseException as exc:  # noqa: BLE001  (the thread reports what happened)
            outcome["second"] = exc

    try:
        with db.session_scope(engine, write=True) as session:
            ledger.assess(
                session=session,
                dossier_key="test-file",
                concern_key="point",
                stage_key="other",
                status="open",
                author="a",
                expected_current_id=None,
            )
            thread = threading.Thread(target=second)
            thread.start()
            thread.join(timeout=1.0)
            assert thread.is_alive()  # waiting for our row lock
        thread.join(timeout=30)
        assert isinstance(outcome["second"], Conflict)
        history = run(pg_url, "concerns", "history", "test-file", "point", "--json").json()
        assert [(h["status"], h["author"]) for h in history] == [("open", "a")]
    finally:
        engine.dispose()
