"""The batch report model and pages on made-up diffs: lineages, change map, JSON, pages."""

from __future__ import annotations

from dataclasses import replace

from eu_posities.exports.report import DossierReport, build_lineages, cell_summary, report_json
from eu_posities.exports.report_html import heat_colour, index_html, provision_html
from tests.exportsamples import (
    BASE,
    DIFF_AB,
    DOSSIER,
    STAGES,
    STAMP,
    check_golden,
    parse_page,
    text_of,
)

KEYS = ("commission-proposal", "council-general-approach")


def sample_report() -> DossierReport:
    diffs = {KEYS: DIFF_AB}
    texts = {(KEYS[0], label): ("", text) for label, text in BASE}
    lineages = build_lineages(list(KEYS), [label for label, _ in BASE], diffs, [KEYS], texts)
    return DossierReport(
        dossier=DOSSIER,
        stages=STAGES,
        text_stages=KEYS,
        provision_counts={KEYS[0]: 3, KEYS[1]: 3},
        stage_pairs=(KEYS,),
        diffs=diffs,
        lineages=tuple(lineages),
        concerns=(),
        generated=STAMP,
        lang="en",
    )


def test_lineages_follow_renumbering_and_start_new_provisions() -> None:
    report = sample_report()
    assert [(x.slug, x.labels) for x in report.lineages] == [
        ("article-1", {KEYS[0]: ["Article 1"], KEYS[1]: ["Article 1"]}),
        ("article-2", {KEYS[0]: ["Article 2"]}),
        ("article-3", {KEYS[0]: ["Article 3"], KEYS[1]: ["Article 4"]}),
        ("article-2a", {KEYS[1]: ["Article 2a"]}),
    ]


def test_change_share_counts_changed_words() -> None:
    article1 = DIFF_AB.pairs[0]
    summary = cell_summary([article1])
    assert summary is not None
    # 1 word deleted ("rules"), 2 inserted ("uniform rules"); 12 old + 13 new words.
    assert (summary.words_deleted, summary.words_inserted) == (1, 2)
    assert (summary.words_old, summary.words_new) == (12, 13)
    assert summary.share == round(3 / 25, 4)
    deleted = cell_summary([DIFF_AB.pairs[1]])
    assert deleted is not None and deleted.share == 1.0 and deleted.status == "deleted"
    unchanged = replace(summary, status="x", share=0.0)
    assert heat_colour(deleted) != heat_colour(summary) != heat_colour(unchanged)


def test_index_page_and_json() -> None:
    report = sample_report()
    page = index_html(report)
    check_golden("report-index.html", page)
    tree = parse_page(page)
    links = tree.xpath("//td[@class='label']/a/@href")
    assert links == [f"provisions/{x.slug}.html" for x in report.lineages]
    cells = tree.xpath("//td[@class='heat' and @style]")
    assert [text_of(c) for c in cells] == ["12%", "[deleted]", "38%", "[new]"]
    data = report_json(report)
    assert data["pairs"] == [{"from": KEYS[0], "to": KEYS[1]}]
    article3 = data["provisions"][2]
    assert article3["labels"] == {KEYS[0]: ["Article 3"], KEYS[1]: ["Article 4"]}
    assert article3["changes"][0]["status"] == "modified"
    assert data["diffs"][0]["pairs"] == DIFF_AB.to_json()["pairs"]


def test_provision_page_marks_moved_text() -> None:
    report = sample_report()
    page = provision_html(report, report.lineages[2])
    tree = parse_page(page)
    moved = tree.xpath("//ins[contains(@class, 'moved')]")
    assert moved and moved[0].get("title") == "moved from Article 2"
    assert tree.xpath("//del[text()='shall']") and tree.xpath("//ins[text()='may']")
    assert "Member States shall designate an authority." in text_of(tree)
