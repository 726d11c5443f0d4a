"""Fuzzing the importers: generated and mutated documents give a clean InputError, never a
crash or a hang, and `eup import` then changes nothing in the database.

A few hundred examples by default; set EUP_FUZZ_EXAMPLES (e.g. 5000) for a long run.
"""

from __future__ import annotations

import io
import os
import signal
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import fourcolsamples
import markedpdf
import pytest
from clihelp import eup
from ep_docx import juri_sample, write_ep_docx
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from testdata import TEST_DATA

from eu_posities import db
from eu_posities.errors import InputError
from eu_posities.imports import ImportRequest, read_document

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("EUP_FUZZ_EXAMPLES", "300"))
SECONDS_PER_DOCUMENT = 30  # far above any real parse of these sizes: beyond it, a hang

# Real documents as seeds (see tests/data/SOURCES.md), whole, so that unmutated they import.
SEEDS = [
    TEST_DATA / "COM-2025-1-proposal.html",
    TEST_DATA / "COM-2025-11-proposal.xhtml",
    TEST_DATA / "COM-2025-43-proposal.xhtml",
    TEST_DATA / "reg-2024-903-oj.xhtml",
    TEST_DATA / "akn" / "akn4eu-JOIN-2022-19-regulation-proposal.xml",
    TEST_DATA / "akn" / "leos-mandate" / "bill_3Articles.xml",
    TEST_DATA / "formex" / "impl-reg-2011-1319" / "DOC_2.xml",
]
SEED_BYTES = [(path.read_bytes(), path.suffix) for path in SEEDS if path.exists()]
# The articles of the CSA Regulation proposal as plain text: a seed for the text importer.
_DERIVED = (TEST_DATA / "commission-proposal.derived.txt").read_bytes()
_ARTICLES = _DERIVED.find(b"\nArticle 1\n")
if _ARTICLES > 0:
    SEED_BYTES.append((_DERIVED[_ARTICLES : _ARTICLES + 40_000], ".txt"))
# Amendment lists: a real EP extract (public) and made-up AKN and AT4AM lists.
for _name in (
    "ai-act-ep-amendments.extract.oj.html",
    "akn3-amendment-list.made-up.xml",
    "at4am-xml4ep-AM37.made-up.xml",
):
    _path = TEST_DATA / "amendments" / _name
    SEED_BYTES.append((_path.read_bytes(), _path.suffix))


def _made_up_seeds() -> list[tuple[bytes, str]]:
    """Made-up documents of the kinds with no public sample small enough to carry: a
    Council four-column table (DOCX, PDF), a Council text marked in bold and strikethrough
    (PDF) and an EP amendment list in the Parliament's Word template."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        table = fourcolsamples.made_up_table(4)
        fourcolsamples.write_docx(out / "fourcol.docx", table)
        fourcolsamples.write_pdf(out / "fourcol.pdf", table)
        markedpdf.write(out / "marked.pdf", markedpdf.council_text())
        write_ep_docx(out / "amendments.docx", juri_sample())
        return [(path.read_bytes(), path.suffix) for path in sorted(out.iterdir())]


SEED_BYTES += _made_up_seeds()

HOSTILE_SNIPPETS = [
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><x>&b;</x>',
    b'<!DOCTYPE x SYSTEM "file:///etc/passwd"><x>&xxe;</x>',
    b"<div>" * 3000,
    b"</p></div></body>",
    b"<![CDATA[",
    b"\x00\x00\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xc3\x28\xa0\xa1",
    b"<?xml version='1.0' encoding='utf-32'?>",
    b'<p class="Titrearticle">Article 1</p>',
    b'<p class="li ManualNumPar1">1.</p>' * 50,
    b"Article 99999999999999999999\n",
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    b"PK\x03\x04",
    b"<akomaNtoso xmlns='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'><bill>",
    b"<ACT><ENACTING.TERMS><ARTICLE IDENTIFIER='001'>",
]

FRAME = st.sampled_from(
    [
        b"<html><body>%s</body></html>",
        b"<?xml version='1.0'?><doc>%s</doc>",
        b"<akomaNtoso xmlns='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'><bill><body>%s</body></bill></akomaNtoso>",
        b"%s",
        b"%%PDF-1.4\n%s\n%%%%EOF",
        b"PK\x03\x04%s",
    ]
)
WORDS = st.sampled_from(
    [
        "Article",
        "Artikel",
        "Recital",
        "Annex",
        "(1)",
        "1.",
        "(a)",
        "shall",
        "may",
        "<p>",
        "</p>",
        "<div>",
        "<br/>",
        "&amp;",
        "&#0;",
        "\u00a0",
        "\u202e",
        "detectiebevel",
        "\n",
        "\t",
        "Whereas:",
    ]
)


@st.composite
def generated(draw: st.DrawFn) -> bytes:
    parts = draw(st.lists(st.one_of(WORDS, st.text(max_size=20)), max_size=200))
    body = " ".join(parts).encode("utf-8", "surrogatepass")
    return draw(FRAME) % body


def _mutate(draw: st.DrawFn, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 3))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(
            st.sampled_from(
                ["flip", "flip", "delete", "repeat", "insert", "insert", "truncate", "cut"]
            )
        )
        if kind == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "cut":
            data = data[at:]
        elif kind == "truncate":
            data = data[:at]
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 2000))]
        elif kind == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 500))] * draw(st.integers(2, 20))
        else:
            data[at:at] = draw(st.sampled_from(HOSTILE_SNIPPETS))
    return bytes(data)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[bytes, str]:
    seed, suffix = draw(st.sampled_from(SEED_BYTES))
    if suffix == ".docx" and draw(st.booleans()):
        return _mutate_docx_part(draw, seed), suffix
    return _mutate(draw, seed), suffix


def _mutate_docx_part(draw: st.DrawFn, seed: bytes) -> bytes:
    """A Word file whose zip is whole but whose document.xml is mutated: bytes flipped in
    the zip itself mostly stop at the zip reader, this reaches the readers of the XML."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(seed)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = _mutate(draw, data)
            target.writestr(item, data)
    return out.getvalue()


SUFFIXES = st.sampled_from([".html", ".xhtml", ".xml", ".txt", ".pdf", ".docx", ".bin"])
# (content, file name suffix): mutated seeds keep their own suffix, so they reach the parsers.
DOCUMENTS = st.one_of(
    st.tuples(generated(), SUFFIXES),
    mutated(),
    mutated(),
    st.tuples(st.binary(max_size=4000), SUFFIXES),
)


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def hung(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"importer still busy after {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


@FUZZ
@given(case=DOCUMENTS)
def test_importers_raise_only_input_errors(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[bytes, str]
) -> None:
    document, suffix = case
    path = tmp_path_factory.mktemp("fuzz") / f"document{suffix}"
    path.write_bytes(document)
    request = ImportRequest(path=path, dossier="d", stage="s")
    with time_limit(SECONDS_PER_DOCUMENT):
        try:
            document = read_document(request)
            texts = document.stages
        except InputError as exc:
            event("refused with InputError")
            message = str(exc)
            assert message and "\n" not in message.strip() and "Traceback" not in message
            return
    event("parsed")
    assert document.amendments or (texts and all(t.provisions for t in texts))
    for amendment in document.amendments:
        assert isinstance(amendment.number, str)
    for stage in texts:
        for provision in stage.provisions:
            assert isinstance(provision.text, str) and provision.label


def _counts(url: str) -> tuple[int, ...]:
    engine = db.make_engine(url)
    with engine.connect() as conn:
        counts = tuple(
            conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in ("stage", "provision", "changelog", "alert")
        )
    engine.dispose()
    return counts


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('fuzzdb') / 'fuzz.db'}"
    assert eup("--db", url, "init", "--empty").code == 0
    assert (
        eup("--db", url, "dossier", "add", "fuzz", "--title", "Fuzzing (made-up documents)").code
        == 0
    )
    return url


@settings(FUZZ, max_examples=max(20, EXAMPLES // 10))
@given(case=DOCUMENTS)
def test_eup_import_fails_cleanly_and_changes_nothing(
    fuzz_db: str, tmp_path_factory: pytest.TempPathFactory, case: tuple[bytes, str]
) -> None:
    document, suffix = case
    path = tmp_path_factory.mktemp("fuzzcli") / f"document{suffix}"
    path.write_bytes(document)
    before = _counts(fuzz_db)
    with time_limit(SECONDS_PER_DOCUMENT):
        result = eup(
            "--db",
            fuzz_db,
            "import",
            str(path),
            "--dossier",
            "fuzz",
            "--stage",
            "fuzzed",
            "--replace",
        )
    event(f"eup import exit {result.code}")
    if result.code == 0:
        return  # a mutation that is still a readable document was imported
    assert result.code == 1, result.err
    assert result.err.startswith("error: ") and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err and "EU_POSITIES_DEBUG" not in result.err, result.err
    assert _counts(fuzz_db) == before


def test_every_seed_reads_unmutated(tmp_path: Path) -> None:
    """The mutations start from documents that read, so they exercise the real readers."""
    for number, (seed, suffix) in enumerate(SEED_BYTES):
        path = tmp_path / f"seed{number}{suffix}"
        path.write_bytes(seed)
        document = read_document(ImportRequest(path=path, dossier="d", stage="s"))
        assert document.amendments or any(t.provisions for t in document.stages), path
