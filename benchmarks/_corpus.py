"""Shared benchmark input: the real CSA Regulation proposal and generated later stages."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from engine_corpus import load_proposal  # noqa: E402
from stagegen import Truth, accuracy, expected_moves, generate  # noqa: E402

from eu_posities.document import ParsedProvision  # noqa: E402

__all__ = [
    "ParsedProvision",
    "Truth",
    "accuracy",
    "expected_moves",
    "generate",
    "load_proposal",
    "stages",
]


def stages(
    seeds: range, intensity: float = 1.0
) -> tuple[list[ParsedProvision], list[tuple[int, list[ParsedProvision], list[Truth]]]]:
    """The proposal and one generated later stage (with its truth) per seed."""
    proposal = load_proposal()
    return proposal, [(s, *generate(proposal, s, intensity=intensity)) for s in seeds]
