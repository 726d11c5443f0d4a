"""Full-text search on SQLite (FTS5) and PostgreSQL: ranking, phrases, prefixes, Dutch accents,
filters, hostile queries, and an index that never goes stale."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from clihelp import eup
from sqlalchemy import delete, text
from sqlmodel import select
from testdata import TEST_DATA

from eu_posities import db
from eu_posities.document import ParsedProvision
from eu_posities.imports import after_import
from eu_posities.models import Provision, Stage
from eu_posities.search import MARK, check_index, fold, search
from eu_posities.store import ensure_stage, get_dossier, replace_provisions

KAMERBRIEF = TEST_DATA / "kamerbrief-2024-12-20-voortgangsbrief-aanpak-seksuele-delicten.txt"


def kamerbrief_paragraphs() -> list[ParsedProvision]:
    """The real Dutch letter, one provision per paragraph (the split is this test's own)."""
    raw = KAMERBRIEF.read_text(encoding="utf-8")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", raw) if len(p.split()) > 3]
    return [
        ParsedProvision(kind="other", number=str(n), label=f"Paragraph {n}", text=p, heading="")
        for n, p in enumerate(paragraphs, 1)
    ]


def add_kamerbrief(url: str, paragraphs: list[ParsedProvision] | None = None) -> None:
    engine = db.make_engine(url)
    with db.session_scope(engine, write=True) as session:
        dossier = get_dossier(session=session, key="csa-directive")
        stage = ensure_stage(
            session=session, dossier=dossier, key="kamerbrief-test-split", kind="kamerbrief"
        )
        replace_provisions(
            session=session, stage=stage, provisions=paragraphs or kamerbrief_paragraphs()
        )
        after_import(session=session, stage=stage)
    engine.dispose()


@pytest.fixture
def demo(db_url: str) -> str:
    result = eup("--db", db_url, "init", "--demo")
    assert result.code == 0, result.err
    return db_url


def hits(url: str, *args: str) -> list[dict]:
    result = eup("--db", url, "search", *args, "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert isinstance(data, list)
    return data


def test_detection_order_ranks_articles_7_to_9_near_the_top(demo: str) -> None:
    scope = ("--dossier", "csa-regulation", "--stage", "commission-proposal")
    found = hits(demo, "detection order", *scope, "--limit", "10")
    labels = [h["provision"] for h in found]
    assert {"Article 7", "Article 8", "Article 9"} <= set(labels[:6]), labels
    for hit in found:
        assert {"dossier", "stage", "provision", "snippet", "kind", "heading", "rank"} <= hit.keys()
        assert hit["dossier"] == "csa-regulation" and hit["stage"] == "commission-proposal"
    ranks = [h["rank"] for h in found]
    assert ranks == sorted(ranks, reverse=True)
    article8 = found[labels.index("Article 8")]
    assert f"{MARK}detection orders{MARK}" in article8["snippet"].lower().replace(
        "detection orders", "detection orders"
    )


def test_every_word_must_match_and_the_last_one_as_a_prefix(demo: str) -> None:
    scope = ("--dossier", "csa-regulation", "--stage", "commission-proposal")
    both = hits(demo, "detection ord", *scope, "--limit", "500")
    assert {"Article 7", "Article 8", "Article 9"} <= {h["provision"] for h in both}
    texts = {
        p["label"]: f"{p['label']} {p['heading']} {p['text']}"
        for p in eup(
            "--db", demo, "provisions", "csa-regulation", "commission-proposal", "--json"
        ).json()
    }
    for hit in both:
        words = {fold(w) for w in re.findall(r"[^\W_]+", texts[hit["provision"]])}
        assert "detection" in words and any(w.startswith("ord") for w in words)
    missing = [label for label, body in texts.items() if "detection ord" in body.lower()]
    assert set(missing) <= {h["provision"] for h in both}
    # A finished word (trailing space) is no longer a prefix.
    assert hits(demo, "detection ord ") == []
    assert hits(demo, "xyzzyplugh") == []
    narrower = hits(demo, "detection order judicial", *scope, "--limit", "500")
    assert 0 < len(narrower) < len(both)


def test_phrase_search(demo: str) -> None:
    phrase = hits(demo, '"independent administrative authority"', "--limit", "500")
    assert phrase
    for hit in phrase:
        assert f"{MARK}independent administrative authority{MARK}" in hit["snippet"].lower()
    words = hits(demo, "authority administrative independent", "--limit", "500")
    assert len(words) >= len(phrase)
    assert hits(demo, '"authority administrative independent"') == []


def test_dutch_text_with_accents(demo: str) -> None:
    add_kamerbrief(demo)
    with_accent = hits(demo, "geïnformeerd", "--limit", "500")
    without = hits(demo, "geinformeerd", "--limit", "500")
    upper = hits(demo, "GEÏNFORMEERD", "--limit", "500")
    assert with_accent and with_accent == without == upper
    assert all(h["dossier"] == "csa-directive" for h in with_accent)
    assert any(f"{MARK}geïnformeerd{MARK}" in h["snippet"] for h in with_accent)
    assert hits(demo, "orientatie")[0]["snippet"].count("oriëntatie") >= 1
    assert hits(demo, "seksuele deli")  # prefix on a Dutch word


def test_filters_by_dossier_and_stage(demo: str) -> None:
    add_kamerbrief(demo)
    everywhere = hits(demo, "de", "--limit", "1000")
    assert {h["dossier"] for h in everywhere} == {"csa-regulation", "csa-directive"}
    directive = hits(demo, "de", "--dossier", "csa-directive", "--limit", "1000")
    assert directive and {h["dossier"] for h in directive} == {"csa-directive"}
    proposal = hits(demo, "de", "--stage", "commission-proposal", "--limit", "1000")
    assert proposal and {h["stage"] for h in proposal} == {"commission-proposal"}
    regulation = hits(demo, "de", "--dossier", "csa-regulation", "--limit", "1000")
    assert len(directive) + len(regulation) == len(everywhere) < 1000
    assert len(proposal) <= len(regulation)
    assert len(hits(demo, "de", "--limit", "3")) == 3
    unknown = eup("--db", demo, "search", "de", "--dossier", "no-such-dossier")
    assert (
        unknown.code == 1 and unknown.err.startswith("error: ") and "no-such-dossier" in unknown.err
    )
    unknown = eup("--db", demo, "search", "de", "--stage", "no-such-stage")
    assert unknown.code == 1 and "no-such-stage" in unknown.err


HOSTILE = [
    '"',
    '""',
    '"unterminated phrase',
    "((",
    ")",
    "*",
    "detection*",
    "NEAR(detection order, 2)",
    "detection NEAR order",
    "detection OR order",
    "AND",
    "NOT detection",
    "-detection",
    "^detection",
    "label:Article",
    "order:*",
    "a & b | !c <-> d",
    "'; DROP TABLE provision; --",
    "\\",
    "%_%",
    "⑴⑵ ⒜",
    "ﬁnal ½",
    "🙂 детекция άλφα",
    "x" * 5000,
    " ".join(["order"] * 300),
    "   ",
]


def test_hostile_queries_never_crash(demo: str) -> None:
    for query in HOSTILE:
        result = eup(
            "--db", demo, "search", "--json", "--", query
        )  # "--": a query may start with "-"
        if result.code == 0:
            assert isinstance(result.json(), list)
        else:
            # Nothing searchable left (only quotes, brackets, symbols): one clear line.
            assert result.code == 1, (query, result.err)
            assert result.err.startswith("error: nothing to search for"), (query, result.err)
            assert result.err.count("\n") == 1 and result.out == ""


def test_empty_query_is_an_error_but_operators_are_words(demo: str) -> None:
    for query in ("", "   ", '""', "((", "*"):
        assert eup("--db", demo, "search", "--", query).code == 1, query
    for query in ("AND", "detection OR order", "NOT detection"):
        assert eup("--db", demo, "search", "--json", "--", query).code == 0, query


def test_hostile_queries_search_words(demo: str) -> None:
    # Operators are searched as ordinary words: the plain words still find their provisions.
    assert hits(demo, "NEAR(detection order, 2)") == []  # "near" and "2" must appear too
    assert {h["provision"] for h in hits(demo, 'detection* "order')} >= {"Article 7"}
    assert hits(demo, "order:*")


def test_replaced_and_deleted_stages_leave_no_stale_hits(demo: str) -> None:
    paragraphs = kamerbrief_paragraphs()
    add_kamerbrief(demo, paragraphs)
    word, mine = "geëvalueerd", ("--stage", "kamerbrief-test-split")
    assert hits(demo, word, *mine)
    first_half = [p for p in paragraphs if word not in p.text]
    add_kamerbrief(demo, first_half)  # the stage's text is replaced
    assert hits(demo, word, *mine) == []
    assert hits(demo, "geïnformeerd", *mine)
    engine = db.make_engine(demo)
    with db.session_scope(engine, write=True) as session:
        stage = session.exec(select(Stage).where(Stage.key == "kamerbrief-test-split")).one()
        session.delete(stage)
    with db.session_scope(engine) as session:
        check_index(session=session)
        assert session.exec(select(Provision).where(Provision.stage_id == stage.id)).first() is None
    engine.dispose()
    assert all(
        h["stage"] != "kamerbrief-test-split" for h in hits(demo, "geïnformeerd", "--limit", "1000")
    )
    assert hits(demo, "detection order")


def test_provisions_deleted_and_edited_directly_leave_no_stale_hits(demo: str) -> None:
    engine = db.make_engine(demo)
    with db.session_scope(engine, write=True) as session:
        session.execute(
            text(
                "UPDATE provision SET text = 'Made-up test text: zyzzogeton.' "
                "WHERE label = 'Article 7'"
            )
        )
        session.exec(delete(Provision).where(Provision.label == "Article 8"))  # type: ignore[call-overload]
        edited = len(session.exec(select(Provision.id).where(Provision.label == "Article 7")).all())
    with db.session_scope(engine) as session:
        check_index(session=session)
        found = [h.provision for h in search(session=session, query="zyzzogeton")]
        assert found == ["Article 7"] * edited and edited >= 1
        assert "Article 8" not in {
            h.provision for h in search(session=session, query="detection order", limit=500)
        }
    engine.dispose()


def test_upgrade_from_0001_indexes_existing_text(tmp_path: Path) -> None:
    from alembic import command

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = db.make_engine(url)
    with engine.begin() as conn:
        command.upgrade(db._alembic_config(conn), "0001")
        conn.execute(
            text(
                "INSERT INTO dossier (key, title, procedure, commission_ref, note, created_at) "
                "VALUES ('d', 'Made-up dossier', '', '', '', '2026-01-01')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO stage (dossier_id, key, kind, title, date, ref, language, "
                "source_name, source_format, source_sha256, imported_by, limite, fictional, note, "
                "meta) VALUES "
                "(1, 'other', 'other', '', '', '', 'en', '', '', '', '', 0, 0, '', '{}')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO provision (stage_id, ordinal, kind, number, label, heading, "
                "path, text, blocks, footnotes, markers) "
                "VALUES (1, 0, 'article', '1', 'Article 1', '', '[]', "
                "'Made-up text about quokkas.', '[]', '[]', '{}')"
            )
        )
    assert db.check_schema(engine) == "outdated"
    db.upgrade(engine)
    with db.session_scope(engine) as session:
        assert [h.provision for h in search(session=session, query="quokka")] == ["Article 1"]
    engine.dispose()


def test_search_after_restore(demo: str, tmp_path: Path) -> None:
    add_kamerbrief(demo)
    backup = tmp_path / "b.json"
    assert eup("--db", demo, "backup", str(backup)).code == 0
    target = f"sqlite:///{tmp_path / 'restored.db'}"
    assert eup("--db", target, "restore", str(backup)).code == 0
    for query in ("geinformeerd", "detection order"):
        before, after = hits(demo, query, "--limit", "500"), hits(target, query, "--limit", "500")
        assert before and _without_rank(before) == _without_rank(after)


def _without_rank(found: list[dict]) -> set[tuple]:
    return {(h["dossier"], h["stage"], h["provision"], h["snippet"]) for h in found}


def test_human_output_marks_words(demo: str) -> None:
    result = eup("--db", demo, "search", "detection order", "--limit", "3")
    assert result.code == 0 and "Article" in result.out and MARK not in result.out
    none = eup("--db", demo, "search", "xyzzyplugh")
    assert none.code == 0 and "No provisions match" in none.out
