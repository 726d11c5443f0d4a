"""Fuzzing: mutated real documents give a valid result or an InputError, nothing else.

Mutations: truncation, byte flips, inserted tags and inserted bytes. The number of examples
defaults to a few hundred; set EUP_FUZZ_EXAMPLES to run more.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eu_posities.document import ParsedStage
from eu_posities.errors import InputError
from eu_posities.importers import parse_file

DATA = Path(__file__).parent / "data"
EXAMPLES = int(os.environ.get("EUP_FUZZ_EXAMPLES", "300"))


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("MADE-UP TEST DOCUMENT - NOT LEGAL TEXT")
    for number in range(1, 4):
        document.add_paragraph(f"Article {number}")
        document.add_paragraph(f"Made-up heading {number}")
        document.add_paragraph(f"1. Made-up text of article {number}.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf_bytes() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    lines = [
        "MADE-UP TEST DOCUMENT - NOT LEGAL TEXT",
        "Article 1",
        "Made-up heading",
        "1. Made-up text of article 1.",
        "Article 2",
        "Made-up heading",
        "Made-up text.",
    ]
    for index, line in enumerate(lines):
        page.drawString(72, 760 - 16 * index, line)
    page.save()
    return buffer.getvalue()


_DERIVED = (DATA / "commission-proposal.derived.txt").read_bytes()
SEEDS: list[tuple[str, bytes]] = [
    ("com.xhtml", (DATA / "COM-2025-11-proposal.xhtml").read_bytes()),
    ("oj.xhtml", (DATA / "reg-2024-903-oj.xhtml").read_bytes()[:100_000]),
    ("act.xml", (DATA / "formex" / "impl-reg-2011-1319" / "DOC_2.xml").read_bytes()),
    (
        "akn.xml",
        (
            DATA
            / "akn"
            / "leos-mandate"
            / "mandate_move_bill_3Articles__move_Art1Par1PointB_beforePointA_sameList_output.xml"
        ).read_bytes(),
    ),  # noqa: E501
    ("akn4eu.xml", (DATA / "akn" / "akn4eu-JOIN-2022-19-regulation-proposal.xml").read_bytes()),
    ("act.txt", _DERIVED[_DERIVED.index(b"THE EUROPEAN PARLIAMENT AND THE COUNCIL") :][:120_000]),
    ("act.docx", _docx_bytes()),
    ("act.pdf", _pdf_bytes()),
]
TAGS = [b"<p>", b"</p>", b"<ARTICLE>", b"</ALINEA>", b"<!DOCTYPE x>", b"<?PAGE?>", b"&amp;",
        b"&nbsp;", b"<![CDATA[", b"\x00", b"\xff\xfe", b"<akomaNtoso>", b"]]>", b"<"]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    name, data = draw(st.sampled_from(SEEDS))
    buffer = bytearray(data)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        kind = draw(st.sampled_from(["truncate", "flip", "tag", "bytes"]))
        position = draw(st.integers(min_value=0, max_value=max(len(buffer) - 1, 0)))
        if kind == "truncate":
            del buffer[position:]
        elif kind == "flip" and buffer:
            buffer[position] ^= draw(st.integers(min_value=1, max_value=255))
        elif kind == "tag":
            buffer[position:position] = draw(st.sampled_from(TAGS))
        else:
            buffer[position:position] = draw(st.binary(min_size=1, max_size=16))
    return name, bytes(buffer)


@settings(
    max_examples=EXAMPLES,
    deadline=5000,  # a hang shows up as a deadline failure
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize="EUP_FUZZ_RANDOM" not in os.environ,
)
@given(mutated())
def test_mutated_documents_parse_or_fail_cleanly(case: tuple[str, bytes]) -> None:
    name, data = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            stages = parse_file(path).stages
        except InputError as error:
            assert str(path) in str(error) or "unknown format" in str(error)
            return
        assert stages and all(isinstance(stage, ParsedStage) for stage in stages)
        for stage in stages:
            for provision in stage.provisions:
                assert isinstance(provision.text, str) and "\x00" not in provision.text


def test_unmutated_seeds_parse() -> None:
    """The fuzz starts from documents that parse, so mutations exercise the real paths."""
    with tempfile.TemporaryDirectory() as folder:
        for name, data in SEEDS:
            path = Path(folder) / name
            path.write_bytes(data)
            stages = parse_file(path).stages
            assert any(p.kind == "article" for p in stages[0].provisions), name
