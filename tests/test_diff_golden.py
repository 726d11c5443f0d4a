"""Golden redlines: real provision text against a made-up edit, checked op by op."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from eu_posities.diff import classify, detect_flags, word_diff

CASES = Path(__file__).parent / "data" / "engine-redlines"
UPDATE = os.environ.get("EUP_UPDATE_GOLDEN") == "1"


def redline(old: str, new: str) -> dict[str, object]:
    ops = word_diff(old, new, char_detail=True)
    flags = detect_flags(old, new, ops)
    return {
        "ops": [op.to_json() for op in ops],
        "flags": [f.to_json() for f in flags],
        "classification": classify(old, new, ops, flags),
    }


@pytest.mark.parametrize("name", sorted(p.stem for p in CASES.glob("*.left")))
def test_golden_redline(name: str) -> None:
    old = (CASES / f"{name}.left").read_text(encoding="utf-8")
    new = (CASES / f"{name}.right").read_text(encoding="utf-8")
    got = redline(old, new)
    expected_file = CASES / f"{name}.expected.json"
    if UPDATE or not expected_file.exists():
        expected_file.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", "utf-8")
        if not UPDATE:
            pytest.fail(f"{expected_file.name} was missing and has been written: review it")
    assert got == json.loads(expected_file.read_text(encoding="utf-8"))
