"""Real Council texts as delegates receive them, and every real act of the corpus.

The LIMITE-marked documents are read in place (never copied): these tests skip when the
corpus is not on the machine. Struck text is checked against strike rules this test finds
on the pages itself, with its own simple geometry, not the importer's.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from eu_posities.document import ParsedDocument
from eu_posities.importers import parse_file
from eu_posities.importers.marks.rebuild import compare_base, rebuild_base
from eu_posities.importers.pdf import read_pages
from tests.corpus import corpus_file

CZ = "council-marked/AI-Act.CZ-presidency-compromise-1.2022-07-15"
FR = "council-marked/AI-Act.FR-presidency-JHA-compromise.2022-04-04.pdf"
COM = "ai-act/commission-proposal.COM-2021-206.xhtml"
GA = "ai-act/council-general-approach.ST-15698-2022.pdf"

pytestmark = pytest.mark.slow


@cache
def _parsed(relative: str) -> ParsedDocument:
    return parse_file(corpus_file(relative))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _struck_windows(path: Path) -> list[tuple[tuple[str, ...], bool]]:
    """Word sequences printed struck through (four words or more), with the two words
    before and after them on the same line. Found from the page geometry alone: a glyph
    is struck when a thin rule crosses its middle."""
    windows: list[tuple[tuple[str, ...], bool]] = []
    for page in read_pages(path):
        rules = [r for r in (*page.rects, *page.lines) if r.height < 2.5 and r.width > 1]
        lines: dict[int, list[tuple[float, str, str]]] = {}
        for glyph in page.glyphs:
            middle = (glyph.x0 + glyph.x1) / 2
            struck = any(
                r.x0 <= middle <= r.x1
                and 0.1 * glyph.size < glyph.baseline - (r.top + r.bottom) / 2 < 0.5 * glyph.size
                for r in rules
            )
            # Bold and struck is text added earlier and deleted again: struck all the same.
            mark = ("bold" if glyph.bold else "plain") if struck else ""
            lines.setdefault(round(glyph.baseline), []).append((glyph.x0, glyph.text, mark))
        for glyphs in lines.values():
            glyphs.sort()
            words: list[tuple[str, bool, bool]] = []  # (word, struck, bold and struck)
            current, marks = "", []
            for _x, char, mark in [*glyphs, (0.0, " ", "")]:
                if char.isspace():
                    if _words(current):
                        struck = all(marks)
                        withdrawn = struck and any(m == "bold" for m in marks)
                        words.append((" ".join(_words(current)), struck, withdrawn))
                    current, marks = "", []
                else:
                    current += char
                    marks.append(mark)
            index = 0
            while index < len(words):
                if not words[index][1]:
                    index += 1
                    continue
                end = index
                while end < len(words) and words[end][1]:
                    end += 1
                if end - index >= 3 and index > 1 and end + 1 < len(words):
                    withdrawn = any(w[2] for w in words[index:end])
                    windows.append((tuple(w[0] for w in words[index - 2 : end + 2]), withdrawn))
                index = end
    return windows


@pytest.mark.parametrize(("relative", "at_least"), [(f"{CZ}.pdf", 20), (FR, 3)])
def test_no_struck_words_in_the_council_text(relative: str, at_least: int) -> None:
    path = corpus_file(relative)
    windows = _struck_windows(path)
    assert len(windows) >= at_least  # the test's own geometry finds the strikes
    document = _parsed(relative)
    provisions = [*document.stages[0].provisions, *document.stages[0].struck]
    texts = [f" {' '.join(_words(p.text))} " for p in provisions]
    deleted = [
        f" {' '.join(_words(' '.join(r.text for r in p.marks if r.op == 'delete')))} "
        for p in provisions
    ]
    kept, survived = 0, []
    plain = [window for window, withdrawn in windows if not withdrawn]
    for window in plain:
        struck = f" {' '.join(window[2:-2])} "
        # The provisions that hold this struck stretch as deleted text ...
        owners = [i for i, text in enumerate(deleted) if struck in text]
        kept += bool(owners)
        # ... must not print it with the words around it.
        survived += [window for i in owners if f" {' '.join(window)} " in texts[i]]
    assert survived == []
    # The struck words are kept as deleted text, not thrown away.
    assert kept >= 0.95 * len(plain)
    # Text added earlier and struck again (bold and struck) is in no text at all.
    everything = " ".join(texts)
    for window, withdrawn in windows:
        if withdrawn:
            assert f" {' '.join(window)} " not in everything


def test_rebuilt_base_agrees_with_the_commission_proposal() -> None:
    council = _parsed(f"{CZ}.pdf")
    proposal = _parsed(COM)
    base = rebuild_base(council.stages[0])
    articles = compare_base(base, proposal.stages[0].provisions, kinds=("article",))
    assert len(articles.provisions) >= 80
    assert articles.dice >= 0.97, [(a.label, round(a.dice, 3)) for a in articles.disagreeing]
    recitals = compare_base(base, proposal.stages[0].provisions, kinds=("recital",))
    assert recitals.dice >= 0.97
    assert not articles.mostly_disagrees


def test_a_wrong_base_is_recognised() -> None:
    council = _parsed(f"{CZ}.pdf")
    other = _parsed("csa-regulation/commission-proposal.eurlex.html")
    comparison = compare_base(rebuild_base(council.stages[0]), other.stages[0].provisions)
    assert comparison.mostly_disagrees


@pytest.mark.parametrize(("relative", "number"), [(f"{CZ}.pdf", "11124/22"), (FR, "7052/22"),
                                                  (GA, "15698/22")])  # fmt: skip
def test_no_furniture_or_footnotes_in_provisions(relative: str, number: str) -> None:
    for provision in _parsed(relative).stages[0].provisions:
        for furniture in (number, "RB/ek", "TREE.2.B", "LIMITE", "Reference to ECB opinion"):
            assert furniture not in provision.text, (provision.label, furniture)
        assert not re.search(r"\bOJ C \[…\]", provision.text)  # the footnotes of citations


def test_council_meta() -> None:
    council = _parsed(f"{CZ}.pdf")
    assert council.meta["limite"] is True
    assert council.meta["ref"] == "ST 11124/22"
    marks = council.meta["marks"]
    assert marks["stated"] and marks["language"] == "en" and marks["underline"]
    assert council.warnings == ()
    general_approach = _parsed(GA)
    assert general_approach.meta.get("ref") == "ST 15698/22"
    assert "limite" not in general_approach.meta and "marks" not in general_approach.meta


def test_french_convention() -> None:
    document = _parsed(FR)
    marks = document.meta["marks"]
    assert marks["language"] == "fr" and marks["stated"]
    assert "caractères gras" in marks["sentence"] and "barrés" in marks["sentence"]
    labels = [p.label for p in document.stages[0].provisions]
    assert {"Article 5", "Article 47", "Annex III", "Annex VIII"} <= set(labels)


def test_general_approach_article_16_whole() -> None:
    document = _parsed(GA)
    (stage,) = document.stages
    article = {p.label: p for p in stage.provisions}["Article 16"]
    points = [line.split()[0] for line in article.text.splitlines()[1:]]
    assert points == ["(a)", "(aa)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "(h)", "(i)", "(j)"]
    assert article.text.splitlines()[1].endswith("set out in Chapter 2 of this Title;")
    articles = [p for p in (*stage.provisions, *stage.struck) if p.kind == "article"]
    recitals = [p for p in (*stage.provisions, *stage.struck) if p.kind == "recital"]
    assert (len(articles), len(recitals)) == (98, 110)
    assert {p.label for p in stage.struck} >= {"Article 24", "Recital 59"}
    assert all("[deleted]" not in p.text for p in stage.provisions)


ACTS = [
    f"{CZ}.pdf",
    f"{CZ}.acrobat-conversion.docx",
    FR,
    GA,
    COM,
    "ai-act/commission-proposal.COM-2021-206.pdf",
    "csa-regulation/commission-proposal.eurlex.html",
    "csa-regulation/commission-proposal.derived.txt",
    "formats/eurlex-html/reg-2024-903-oj.xhtml",
    "formats/eurlex-html/COM-2025-1-proposal.html",
    "formats/eurlex-html/COM-2025-11-proposal.xhtml",
    "formats/eurlex-html/COM-2025-43-proposal.xhtml",
    "formats/formex/reg-2024-903",
    "formats/formex/reg-2008-1137",
    "formats/formex/impl-reg-2011-1319",
    "formats/akn/akn4eu-JOIN-2022-19-regulation-proposal.xml",
    "formats/akn/akn4eu-leos-COM-2025-162-directive-proposal.xml",
    "formats/akn/akn-cirsfid-32014L0092-directive.xml",
    "real-pairs/dma/commission-proposal.COM-2020-842.xhtml",
    "real-pairs/dma/final-act.REG-2022-1925.oj.xhtml",
    "real-pairs/cra/commission-proposal.COM-2022-454.xhtml",
    "real-pairs/cra/final-act.REG-2024-2847.oj.xhtml",
    "real-pairs/data-act-ep/commission-proposal.COM-2022-68.xhtml",
    "csa-directive/kamerbrief-2024-12-20-voortgangsbrief-aanpak-seksuele-delicten.txt",
]


@pytest.mark.parametrize("relative", ACTS)
def test_text_coverage_of_every_real_act(relative: str) -> None:
    coverage = _parsed(relative).coverage
    assert coverage is not None
    assert coverage.share >= 0.99, (coverage.share, coverage.missing)
    assert coverage.body_words > coverage.skipped_words


def test_docx_conversion_gives_the_same_council_text() -> None:
    """Acrobat's conversion keeps most marks as run formatting but drops some strikes
    (it sets them off explicitly): the texts agree on most, not all, words."""
    pdf = _parsed(f"{CZ}.pdf")
    docx = _parsed(f"{CZ}.acrobat-conversion.docx")
    agreement = compare_base(docx.stages[0], pdf.stages[0].provisions)
    assert len(agreement.provisions) >= 200
    assert agreement.dice >= 0.97
    proposal = _parsed(COM)
    base = compare_base(
        rebuild_base(docx.stages[0]), proposal.stages[0].provisions, kinds=("article",)
    )
    assert base.dice >= 0.97
    assert docx.meta["marks"]["stated"] and docx.meta["limite"] is True
