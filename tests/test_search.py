"""Full-text search on SQLite (FTS5) and PostgreSQL: ranking, phrases, prefixes, folding and
stemming, provisions grouped over stages, labels, concerns, filters, hostile queries, and an
index that never goes stale."""

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
from eu_posities.search import MARK, check_index, fold, index_stage, search
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


def add_kamerbrief(
    url: str,
    paragraphs: list[ParsedProvision] | None = None,
    *,
    key: str = "kamerbrief-test-split",
    kind: str = "kamerbrief",
    **fields: object,
) -> None:
    engine = db.make_engine(url)
    with db.session_scope(engine, write=True) as session:
        dossier = get_dossier(session=session, key="csa-directive")
        stage = ensure_stage(session=session, dossier=dossier, key=key, kind=kind, **fields)
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


def provisions_only(found: list[dict]) -> list[dict]:
    return [h for h in found if h["result"] == "provision"]


def test_detection_order_ranks_articles_7_to_9_near_the_top(demo: str) -> None:
    scope = ("--dossier", "csa-regulation", "--stage", "commission-proposal")
    found = hits(demo, "detection order", *scope, "--limit", "10")
    labels = [h["provision"] for h in found]
    assert {"Article 7", "Article 8", "Article 9"} <= set(labels[:6]), labels
    for hit in found:
        assert {"dossier", "stage", "provision", "snippet", "kind", "heading", "rank"} <= hit.keys()
        assert hit["dossier"] == "csa-regulation" and hit["stage"] == "commission-proposal"
        assert [s["stage"] for s in hit["stages"]] == ["commission-proposal"]
    ranks = [h["rank"] for h in found]
    assert ranks == sorted(ranks, reverse=True)
    article8 = found[labels.index("Article 8")]
    assert f"{MARK}detection orders{MARK}" in article8["snippet"]


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
    for hit in provisions_only(both):
        words = {fold(w) for w in re.findall(r"[^\W_]+", texts[hit["provision"]])}
        # Stemmed: "detection" is also "detect", "detecting"...
        assert any(w.startswith("detect") for w in words)
        assert any(w.startswith("ord") for w in words)
    missing = [label for label, body in texts.items() if "detection ord" in body.lower()]
    assert set(missing) <= {h["provision"] for h in both}
    # A finished word (trailing space) is no longer a prefix.
    assert hits(demo, "detection ord ", "--no-concerns") == []
    assert hits(demo, "xyzzyplugh") == []
    narrower = hits(demo, "detection order judicial", *scope, "--limit", "500")
    assert 0 < len(narrower) < len(both)


def test_phrase_search(demo: str) -> None:
    phrase = hits(demo, '"independent administrative authority"', "--limit", "500")
    assert phrase
    for hit in phrase:
        # Stemmed: "independent administrative authorities" is the same phrase.
        assert f"{MARK}independent administrative authorit" in hit["snippet"].lower()
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
    assert {"kamerbrief-2024-12-20", "kamerbrief-test-split"} <= {
        s["stage"] for h in with_accent for s in h.get("stages", [])
    }
    assert any(f"{MARK}geïnformeerd{MARK}" in h["snippet"] for h in with_accent)
    assert hits(demo, "orientatie")[0]["snippet"].count("oriëntatie") >= 1
    assert hits(demo, "seksuele deli")  # prefix on a Dutch word


def test_filters_by_dossier_and_stage(demo: str) -> None:
    add_kamerbrief(demo)
    plain = ("--no-concerns", "--limit", "1000")
    everywhere = hits(demo, "de", *plain)
    assert {h["dossier"] for h in everywhere} == {"ai-act", "csa-regulation", "csa-directive"}
    directive = hits(demo, "de", "--dossier", "csa-directive", *plain)
    assert directive and {h["dossier"] for h in directive} == {"csa-directive"}
    proposal = hits(demo, "de", "--stage", "commission-proposal", *plain)
    assert proposal and {h["stage"] for h in proposal} == {"commission-proposal"}
    assert {s["stage"] for h in proposal for s in h["stages"]} == {"commission-proposal"}
    regulation = hits(demo, "de", "--dossier", "csa-regulation", *plain)
    ai_act = hits(demo, "de", "--dossier", "ai-act", *plain)
    assert len(directive) + len(regulation) + len(ai_act) == len(everywhere) < 1000
    in_regulation = hits(
        demo, "de", "--dossier", "csa-regulation", "--stage", "commission-proposal", *plain
    )
    assert in_regulation and len(in_regulation) <= len(regulation)
    assert {h["dossier"] for h in in_regulation} == {"csa-regulation"}
    assert len(hits(demo, "de", "--limit", "3", "--no-concerns")) == 3
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
    # "near" and "2" must appear too: the CSA Regulation has no such provision (the AI Act's
    # definitions have all four words, so the search stays in one dossier).
    csa = ("--dossier", "csa-regulation", "--no-concerns")
    assert hits(demo, "NEAR(detection order, 2)", *csa) == []
    assert {h["provision"] for h in hits(demo, 'detection* "order')} >= {"Article 7"}
    assert hits(demo, "order:*")


def test_replaced_and_deleted_stages_leave_no_stale_hits(demo: str) -> None:
    paragraphs = kamerbrief_paragraphs()
    extra = ParsedProvision(
        kind="other", number="x", label="Paragraph x", text="Made-up test text: quokkaverslag."
    )
    add_kamerbrief(demo, [*paragraphs, extra])
    word, mine = "quokkaverslag", ("--stage", "kamerbrief-test-split")
    assert hits(demo, word, *mine)
    add_kamerbrief(demo, paragraphs)  # the stage's text is replaced
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
        # Text edited in place, around the store: the old text is no longer found...
        assert "Article 7" not in {
            h.provision for h in search(session=session, query="detection", limit=500).hits
        }
        assert "Article 8" not in {
            h.provision for h in search(session=session, query="detection order", limit=500).hits
        }
        with pytest.raises(AssertionError, match="not in the search index"):
            check_index(session=session)
    with db.session_scope(engine, write=True) as session:
        # ... and indexing the stage again finds the new one.
        for stage in session.exec(select(Stage)).all():
            index_stage(session=session, stage=stage)
    with db.session_scope(engine) as session:
        check_index(session=session)
        found = search(session=session, query="zyzzogeton")
        # One hit per dossier that has an Article 7 (the CSA files and the AI Act), each with
        # all the stages whose Article 7 was edited.
        assert {h.provision for h in found.hits} == {"Article 7"} and edited >= 1
        assert len({h.dossier for h in found.hits}) == len(found.hits) >= 2
        assert sum(len(h.stages) for h in found.hits) == edited
    engine.dispose()


def test_upgrade_from_0001_indexes_existing_text(tmp_path: Path) -> None:
    """0002 indexed the text of 0001; 0005 indexes it again, folded and stemmed in Python."""
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
        found = search(session=session, query="quokka").hits  # stemmed: "quokkas"
        assert [h.provision for h in found] == ["Article 1"]
        check_index(session=session)
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
    # Which stage is best (and so the snippet) follows the backend's rank.
    return {
        (h["dossier"], h["provision"], tuple(s["stage"] for s in h.get("stages", [])))
        for h in found
    }


def test_upgrade_from_0004_reindexes_folded_and_stemmed(db_url: str) -> None:
    """A database indexed by 0002 (FTS5 remove_diacritics, translate()) gets the new index."""
    from alembic import command

    engine = db.make_engine(db_url)
    with engine.begin() as conn:
        command.upgrade(db._alembic_config(conn), "0004")
    with db.session_scope(engine, write=True) as session:
        session.execute(
            text(
                "INSERT INTO dossier (key, title, procedure, commission_ref, note, created_at)"
                " VALUES ('d', 'Made-up dossier', '', '', '', '2026-01-01')"
            )
        )
        session.execute(
            text(
                "INSERT INTO stage (dossier_id, key, kind, title, date, ref, language,"
                " source_name, source_format, source_sha256, imported_by, limite, fictional,"
                " note, meta) SELECT id, 'other', 'other', '', '', '', 'en', '', '', '', '',"
                " false, false, '', '{}' FROM dossier"
            )
        )
        session.execute(
            text(
                "INSERT INTO provision (stage_id, ordinal, kind, number, label, heading, path,"
                " text, blocks, footnotes, markers, marks, amendments, rows)"
                " SELECT id, 0, 'article', '1', 'Article 1', '', '[]',"
                " 'Made-up text: the Straße in København, an Œuvre.', '[]', '[]', '{}', '[]',"
                " '[]', '[]' FROM stage"
            )
        )
    db.upgrade(engine)
    with db.session_scope(engine) as session:
        check_index(session=session)
        for query in ("strasse", "kobenhavn", "oeuvre", "OEUVRE"):
            assert [h.provision for h in search(session=session, query=query).hits] == [
                "Article 1"
            ], query
    engine.dispose()


def test_human_output_marks_words(demo: str) -> None:
    result = eup("--db", demo, "search", "detection order", "--limit", "3")
    assert result.code == 0 and "Article" in result.out and MARK not in result.out
    assert "3+ provisions" in result.out and "--limit 6 shows more" in result.out
    none = eup("--db", demo, "search", "xyzzyplugh")
    assert none.code == 0 and "No provisions match" in none.out


# --- folding and stemming, the same on both databases ---------------------------------------

MADE_UP = [
    ParsedProvision(
        kind="article",
        number="1",
        label="Article 1",
        heading="Made-up test provision",
        text="The Straße of København or the Œuvre of Ærø; the Bürgermeister of Łódź.",
    ),
    ParsedProvision(
        kind="article",
        number="2",
        label="Article 2",
        heading="",
        text="Made-up test text: detection order issued, or not.",
    ),
]
DUTCH = [
    ParsedProvision(
        kind="section",
        number="1",
        label="Section 1",
        heading="Made-up test section",
        text="Het kabinet wordt geïnformeerd over het opsporingsbevel en over maatregelen.",
    ),
    ParsedProvision(
        kind="section",
        number="2",
        label="Section 2",
        heading="",
        text="Twee opsporingsbevelen en één maatregel; de bevoegde autoriteit.",
    ),
]


def made_up_stages(url: str) -> None:
    add_kamerbrief(url, MADE_UP, key="other-made-up", kind="other")
    add_kamerbrief(url, DUTCH, key="kamerbrief-made-up", kind="kamerbrief")


def labels_for(url: str, query: str, stage: str) -> list[str]:
    return [h["provision"] for h in hits(url, query, "--stage", stage, "--limit", "50")]


def test_accents_fold_alike_on_both_databases(demo: str) -> None:
    made_up_stages(demo)
    stage = "other-made-up"
    for query in (
        "strasse",
        "straße",
        "STRASSE",
        "kobenhavn",
        "København",
        "oeuvre",
        "Œuvre",
        "aero",
        "burgermeister",
        "lodz",
        "Łódź",
    ):
        assert labels_for(demo, query, stage) == ["Article 1"], query
    found = hits(demo, "kobenhavn", "--stage", stage)[0]["snippet"]
    assert f"{MARK}København{MARK}" in found
    for query in ("geinformeerd", "geïnformeerd", "GEÏNFORMEERD"):
        assert labels_for(demo, query, "kamerbrief-made-up") == ["Section 1"], query


def test_dutch_and_english_stemming(demo: str) -> None:
    made_up_stages(demo)
    dutch = "kamerbrief-made-up"
    # A kamerbrief is Dutch whatever its language tag says: Dutch stems.
    both = {"Section 1", "Section 2"}
    assert set(labels_for(demo, "opsporingsbevelen", dutch)) == both
    assert set(labels_for(demo, "opsporingsbevel", dutch)) == both
    assert set(labels_for(demo, "maatregelen", dutch)) == both
    snippets = " ".join(h["snippet"] for h in hits(demo, "opsporingsbevelen", "--stage", dutch))
    assert f"{MARK}opsporingsbevel{MARK}" in snippets
    assert f"{MARK}opsporingsbevelen{MARK}" in snippets
    english = "other-made-up"
    assert labels_for(demo, "detection orders", english) == ["Article 2"]
    assert labels_for(demo, '"detection orders issue"', english) == ["Article 2"]
    # The Dutch stem of "order" is "or": it never meets the English word "or".
    assert labels_for(demo, "orders", english) == ["Article 2"]
    assert labels_for(demo, "order ", english) == ["Article 2"]
    assert set(labels_for(demo, "or ", english)) == {"Article 1", "Article 2"}


def test_stemming_on_the_real_proposal(demo: str) -> None:
    scope = ("--stage", "commission-proposal", "--limit", "500", "--no-concerns")
    singular = {h["provision"] for h in hits(demo, "detection order", *scope)}
    plural = {h["provision"] for h in hits(demo, "detection orders", *scope)}
    assert singular == plural and {"Article 7", "Article 8"} <= singular


# --- results: one per provision, labels first, concerns, limits -----------------------------


def test_each_provision_once_with_its_stages(demo: str) -> None:
    found = hits(demo, "detection order", "--dossier", "csa-regulation", "--limit", "500")
    rows = provisions_only(found)
    keys = [(h["dossier"], h["provision"]) for h in rows]
    assert len(keys) == len(set(keys))
    article7 = next(h for h in rows if h["provision"] == "Article 7")
    stages = {s["stage"]: s for s in article7["stages"]}
    assert set(stages) == {"commission-proposal", "practice-council-text"}
    assert [s["stage"] for s in article7["stages"]][0] == "commission-proposal"  # order
    assert stages["practice-council-text"]["fictional"] is True
    assert stages["commission-proposal"]["fictional"] is False
    assert article7["stage"] in stages
    assert article7["fictional"] is stages[article7["stage"]]["fictional"]


def test_a_label_query_ranks_that_label_first(demo: str) -> None:
    for query in ("Article 7", "article 7", "artikel 7", "art. 7", '"Article 7"'):
        found = hits(demo, query, "--dossier", "csa-regulation", "--no-concerns")
        assert found[0]["provision"] == "Article 7", (query, [h["provision"] for h in found][:3])
    assert hits(demo, "Annex I", "--no-concerns")[0]["provision"] == "Annex I"
    assert hits(demo, "Recital 12", "--no-concerns")[0]["provision"] == "Recital 12"
    # Typing on: the prefix of the last word is a label's number too.
    assert hits(demo, "Article 1", "--no-concerns")[0]["provision"] == "Article 1"
    assert hits(demo, "Article 12", "--no-concerns")[0]["provision"] == "Article 12"


def test_concerns_are_found_as_their_own_kind(demo: str) -> None:
    found = hits(demo, "VOG")
    concerns = [h for h in found if h["result"] == "concern"]
    assert [c["concern"] for c in concerns] == ["vog"]
    assert concerns[0]["dossier"] == "csa-directive" and concerns[0]["provision"] is None
    assert {"dossier", "stage", "provision", "snippet"} <= concerns[0].keys()
    assert found[-1]["result"] == "concern"  # after the provisions
    by_term = hits(demo, "kindersekspop")  # stemmed: kindersekspoppen
    assert "kindersekspoppen" in {h.get("concern") for h in by_term}
    position = [h for h in hits(demo, "meldcode") if h["result"] == "concern"]
    assert [c["concern"] for c in position] == ["aangifteplicht"]
    assert MARK + "meldcode" in position[0]["snippet"]
    assert hits(demo, "VOG", "--dossier", "csa-regulation", "--no-concerns") == []
    assert [
        h for h in hits(demo, "VOG", "--dossier", "csa-regulation") if h["result"] == "concern"
    ] == []
    assert all(
        h["result"] == "provision" for h in hits(demo, "VOG", "--stage", "kamerbrief-2024-12-20")
    )


def test_a_limit_is_not_a_count(demo: str) -> None:
    from eu_posities.services import reading

    engine = db.make_engine(demo)
    cut = reading.search(engine, "detection", limit=3)
    assert len(cut.hits) == 3 and cut.more and cut.count_text.startswith("3+ provisions")
    whole = reading.search(engine, "zyzzogeton xyzzy detection")
    assert not whole.more and whole.count_text == "0 provisions"
    every = reading.search(engine, "detection", limit=1000)
    assert not every.more and every.count_text.startswith(f"{len(every.hits)} provisions")
    engine.dispose()


def test_postgresql_ranks_as_ts_rank_does(pg_url: str) -> None:
    """The stored length (`doc_length`) is what ts_rank's normalisation 1 counts, so dividing
    by it gives ts_rank's own float, in every row."""
    from eu_posities.search.backends import _TS_RANK, _TS_WEIGHTS
    from eu_posities.search.query import parse_query, pg_query

    assert eup("--db", pg_url, "init", "--demo").code == 0
    made_up_stages(pg_url)
    engine = db.make_engine(pg_url)
    with engine.connect() as conn:
        differ = conn.execute(
            text(
                "SELECT count(*) FROM search_doc WHERE doc_length <> (SELECT"
                " COALESCE(SUM(GREATEST(cardinality(positions), 1)), 0) FROM unnest(doc))"
            )
        ).scalar_one()
        assert differ == 0
        for query in ("detection order", "de", '"competent authority"', "opsporingsbevelen"):
            rank = pg_query(parse_query(query)).rank
            rows = conn.execute(
                text(
                    f"SELECT {_TS_RANK} AS ours, ts_rank({_TS_WEIGHTS}, d.doc,"
                    " CAST(:rank AS tsquery), 1) AS theirs FROM search_doc d"
                ),
                {"rank": rank},
            ).all()
            assert rows and all(r.ours == r.theirs for r in rows), query
            assert any(r.ours > 0 for r in rows), query
    engine.dispose()
