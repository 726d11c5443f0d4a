"""A stage's text can be taken away or the stage deleted; nothing the user recorded is lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from clihelp import eup

from eu_posities import db
from eu_posities.errors import Conflict
from eu_posities.services import reading, setup


@pytest.fixture
def engine(tmp_path: Path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert eup("--db", url, "init").code == 0
    engine = db.make_engine(url)
    yield engine
    engine.dispose()


def test_removing_the_text_keeps_assessments_links_and_the_stage(engine) -> None:  # type: ignore[no-untyped-def]
    before = reading.concern(engine, "csa-regulation", "detectiebevel")
    assert "commission-proposal" in {link.stage for link in before.links}
    removed = setup.remove_text(engine, "csa-regulation", "commission-proposal", author="tester")
    assert removed > 150
    stage = next(
        s for s in reading.stages(engine, "csa-regulation") if s.key == "commission-proposal"
    )
    assert not stage.imported and stage.source == ""
    after = reading.concern(engine, "csa-regulation", "detectiebevel")
    assert after.history == before.history and after.links == before.links
    changes = reading.changes(engine, dossier_key="csa-regulation")
    assert changes[-1].action == "stage.remove-text" and changes[-1].author == "tester"


def test_a_stage_with_assessments_is_not_deleted(engine) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Conflict, match="assessments.*remove its text instead"):
        setup.delete_stage(engine, "csa-regulation", "commission-proposal", author="tester")
    keys = [s.key for s in reading.stages(engine, "csa-regulation")]
    assert "commission-proposal" in keys


def test_a_stage_nobody_assessed_is_deleted(engine) -> None:  # type: ignore[no-untyped-def]
    setup.delete_stage(engine, "csa-regulation", "ep-position", author="tester")
    assert "ep-position" not in [s.key for s in reading.stages(engine, "csa-regulation")]
