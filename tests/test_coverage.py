"""Text coverage: the share of body words that landed in provisions, and what was lost."""

from __future__ import annotations

from lxml import etree

from eu_posities.document import ParsedProvision, ParsedStage
from eu_posities.importers.coverage import markup_texts, measure, placed_texts


def test_share_is_a_multiset_count() -> None:
    body = ["The Board shall meet.", "The Board shall vote by a simple majority of its members."]
    placed = ["The Board shall meet."]
    coverage = measure(body, placed, {"explanatory memorandum": ["Why the Board meets."]})
    # "the", "board", "shall" appear twice in the body but once in what was placed.
    assert coverage.body_words == 4 + 11 + 4
    assert coverage.placed_words == 4
    assert coverage.skipped_words == 4 and coverage.skipped == ("explanatory memorandum",)
    assert round(coverage.share, 3) == round(8 / 19, 3)
    # "The Board shall" is held (the trigram is placed); the rest is shown as printed.
    assert coverage.missing == ("vote by a simple majority of its members",)


def test_missing_stretches_run_over_paragraphs_and_stay_as_printed() -> None:
    body = ["Alpha beta gamma Delta.", "Epsilon zeta eta theta.", "Mu nu."]
    coverage = measure(body, ["alpha beta gamma", "Mu nu"])
    assert coverage.missing == ("Delta Epsilon zeta eta theta",)
    assert measure(body, body).missing == () and measure(body, body).share == 1.0
    assert measure([], []).share == 1.0


def test_placed_texts_count_chapter_titles_once_and_deleted_text() -> None:
    from eu_posities.document import MarkedRun

    chapter = ("CHAPTER I – General provisions",)
    stage = ParsedStage(
        provisions=(
            ParsedProvision("article", "1", "Article 1", "Text one.", "Subject", chapter),
            ParsedProvision(
                "article",
                "2",
                "Article 2",
                "Text two.",
                "Scope",
                chapter,
                marks=(MarkedRun("equal", "Text two."), MarkedRun("delete", " Old.")),
            ),
        ),  # fmt: skip
        format="text",
        title="Made-up act",
        struck=(
            ParsedProvision(
                "recital", "3", "Recital 3", "", markers={"placeholder": "(3) deleted"}
            ),
        ),
    )
    placed = placed_texts([stage])
    assert placed.count("CHAPTER I – General provisions") == 1
    assert " Old." in placed and "(3) deleted" in placed and "Made-up act" in placed


def test_markup_texts_blocks_notes_and_parts() -> None:
    root = etree.fromstring(
        "<doc><p>Body <b>text</b> here<note>a footnote</note>.</p>"
        "<final><p>Done at Brussels.</p></final><meta>id 42</meta><p>More.</p></doc>"
    )

    def part(element: etree._Element) -> str | None:
        return {"note": "", "meta": "", "final": "signatures"}.get(element.tag)

    body, skipped = markup_texts(root, part, lambda e: e.tag == "p")
    assert body == ["Body text here.", "More."]
    assert skipped == {"signatures": ["Done at Brussels."]}
