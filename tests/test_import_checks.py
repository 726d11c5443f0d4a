"""An import is refused when the document was read only in part or belongs to another act."""

from __future__ import annotations

import pytest
from clihelp import eup
from testdata import TEST_DATA

from eu_posities.document import Coverage
from eu_posities.errors import InputError
from eu_posities.imports.checks import check_coverage, coverage_problem

OTHER_ACT = TEST_DATA / "COM-2025-1-proposal.html"  # a real proposal of another file (EGF)


@pytest.fixture
def demo(tmp_path) -> str:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert eup("--db", url, "init").code == 0
    return url


def test_a_document_of_another_act_is_refused_and_nothing_changes(demo: str) -> None:
    before = eup("--db", demo, "stages", "csa-regulation", "--json").json()
    args = ["import", str(OTHER_ACT), "--dossier", "csa-regulation", "--stage", "council-mandate"]
    refused = eup("--db", demo, *args)
    assert refused.code == 1 and refused.err.count("\n") == 1
    assert "probably a document of another act" in refused.err and "--force" in refused.err
    assert "with stage 'practice-council-text'" in refused.err  # the latest text of the dossier
    assert eup("--db", demo, "stages", "csa-regulation", "--json").json() == before

    forced = eup("--db", demo, *args, "--force", "--json")
    assert forced.code == 0, forced.err
    (row,) = forced.json()
    assert any("another act" in w for w in row["warnings"])


def test_a_later_stage_of_the_same_act_is_welcome(demo: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The demo's practice text is derived from the proposal: it shares most of its text.
    source = TEST_DATA.parent.parent / "data/texts/csa-regulation/practice-council-text.html"
    args = ["import", str(source), "--dossier", "csa-regulation", "--stage", "council-mandate"]
    result = eup("--db", demo, *args, "--fictional", "--json")
    assert result.code == 0, result.err
    assert result.json()[0]["warnings"] == []


def test_coverage_below_99_percent_is_refused_unless_forced() -> None:
    lost = Coverage(body_words=1000, placed_words=950, missing=("points (aa) to (j)",))
    assert "95.0%" in coverage_problem(lost) and "50 words" in coverage_problem(lost)
    with pytest.raises(InputError, match="--force"):
        check_coverage(lost, force=False, source="x.pdf")
    assert check_coverage(lost, force=True, source="x.pdf") == [coverage_problem(lost)]
    whole = Coverage(body_words=1000, placed_words=980, skipped_words=15)
    assert coverage_problem(whole) == "" and check_coverage(whole, force=False, source="x") == []
