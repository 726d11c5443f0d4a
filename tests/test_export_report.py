"""The batch report model and pages on made-up diffs: lineages, change map, JSON, pages."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from eu_posities.exports.report import DossierReport, build_lineages, cell_summary
from eu_posities.exports.report_data import report_json
from eu_posities.exports.report_html import heat_colour, index_html, share_text
from eu_posities.exports.report_pages import provision_html
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
    orders = {
        KEYS[0]: [label for label, _ in BASE],
        KEYS[1]: ["Article 1", "Article 2a", "Article 4"],
    }
    lineages = build_lineages(list(KEYS), orders[KEYS[0]], diffs, [KEYS], texts, orders)
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
    # Document order: the new Article 2a comes after what precedes it in its own stage.
    assert [(x.slug, x.labels) for x in report.lineages] == [
        ("article-1", {KEYS[0]: ["Article 1"], KEYS[1]: ["Article 1"]}),
        ("article-2", {KEYS[0]: ["Article 2"]}),
        ("article-2a", {KEYS[1]: ["Article 2a"]}),
        ("article-3", {KEYS[0]: ["Article 3"], KEYS[1]: ["Article 4"]}),
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
    assert [text_of(c) for c in cells] == ["12%", "[deleted]", "[new]", "38% · Art. 3 → 4"]
    rows = tree.xpath("//tr[@data-status]")
    assert [r.get("data-status") for r in rows][-1] == "changed modified renumbered"
    assert tree.xpath("//select[@id='f-status']") and tree.xpath("//script")
    assert not tree.xpath("//script[@src] | //link | //*[@src]")  # nothing from the network
    assert tree.xpath("//section[@class='chapter']//*[local-name()='svg']")
    data = report_json(report)
    assert data["pairs"] == [{"from": KEYS[0], "to": KEYS[1]}]
    assert data["totals"][0]["modified"] == 2 and data["totals"][0]["renumbered"] == 1
    article3 = data["provisions"][3]
    assert article3["changes"][0]["renumbered"] == "Art. 3 → 4"
    assert article3["labels"] == {KEYS[0]: ["Article 3"], KEYS[1]: ["Article 4"]}
    assert article3["changes"][0]["status"] == "modified"
    assert data["diffs"][0]["pairs"] == DIFF_AB.to_json()["pairs"]


def test_provision_page_marks_moved_text() -> None:
    report = sample_report()
    page = provision_html(report, next(x for x in report.lineages if x.slug == "article-3"))
    tree = parse_page(page)
    moved = tree.xpath("//ins[contains(@class, 'moved')]")
    assert moved and moved[0].get("title") == "moved from Article 2"
    assert tree.xpath("//del[text()='shall']") and tree.xpath("//ins[text()='may']")
    assert "Member States shall designate an authority." in text_of(tree)


def test_a_changed_provision_never_reads_zero() -> None:
    assert share_text(0.0031) == "0.3%" and share_text(0.0002) == "<0.1%"
    assert share_text(0.0) == "0%" and share_text(0.38) == "38%"
    from tests.exportsamples import eq, pair, rep

    comma = pair("Article 9", "Article 9", "modified", [eq("Made-up text"), rep(",", ";")])
    summary = cell_summary([comma])
    assert summary is not None and summary.share > 0


def test_each_pair_is_listed_once() -> None:
    report = sample_report()
    seen = [id(p) for x in report.lineages for pairs in x.pairs.values() for p in pairs]
    assert len(seen) == len(set(seen)) == len(DIFF_AB.pairs)


@pytest.mark.slow
def test_the_filter_works_in_a_browser(tmp_path: Path) -> None:
    """Headless Chromium runs the page's own script: a filter in the link hides the rest."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("Chromium not installed (apt-get install chromium)")
    page = tmp_path / "index.html"
    page.write_text(index_html(sample_report()), encoding="utf-8")
    done = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
         f"{page.as_uri()}#status=deleted"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    tree = parse_page(done.stdout)
    shown = [r for r in tree.xpath("//tr[@data-status]") if r.get("hidden") is None]
    assert [text_of(r.xpath("td")[0]) for r in shown] == ["Article 2"]
    assert text_of(tree.xpath("//*[@id='f-count']")[0]) == "1"
