"""Real negotiation pairs from the shared corpus: parsed stages and their article truth.

The corpus sits beside the repository (`../shared/corpus`, or `EU_POSITIES_CORPUS`); tests that
need it skip when it is absent. `truth.json` of each real pair lists article correspondences
made by reading both texts (`{"old", "new", "kind", "also"?}`, see the corpus SOURCES.md).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from eu_posities.document import ParsedProvision
from eu_posities.importers import parse_file

CORPUS = Path(
    os.environ.get("EU_POSITIES_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus")
)

# name -> (old stage file, new stage file), relative to the corpus
PAIRS: dict[str, tuple[str, str]] = {
    "dma": (
        "real-pairs/dma/commission-proposal.COM-2020-842.xhtml",
        "real-pairs/dma/final-act.REG-2022-1925.oj.xhtml",
    ),
    "cra": (
        "real-pairs/cra/commission-proposal.COM-2022-454.xhtml",
        "real-pairs/cra/final-act.REG-2024-2847.oj.xhtml",
    ),
    "data-act-ep": (
        "real-pairs/data-act-ep/commission-proposal.COM-2022-68.xhtml",
        "real-pairs/data-act-ep/ep-position.P9-TA-2023-0069.oj.xhtml",
    ),
    # No truth file: the general approach is a PDF (slow to import; used by benchmarks).
    "ai-act": (
        "ai-act/commission-proposal.COM-2021-206.xhtml",
        "ai-act/council-general-approach.ST-15698-2022.pdf",
    ),
}
WITH_TRUTH = ("dma", "cra", "data-act-ep")


@dataclass(frozen=True)
class TruthEntry:
    """One article correspondence: `old` became `new` (and the `also` parts of a split)."""

    old: str | None
    new: str | None
    kind: str
    also: tuple[str, ...] = ()

    def rows(self) -> set[tuple[str | None, str | None]]:
        """The alignment rows that must be there for this entry to count as found."""
        return {(self.old, self.new)} | {(self.old, extra) for extra in self.also}


def available(name: str) -> bool:
    return all((CORPUS / rel).exists() for rel in PAIRS[name])


def missing_reason(name: str) -> str:
    return f"{CORPUS / PAIRS[name][0]} not found: the real corpus is not on this machine"


@cache
def stage(rel: str) -> tuple[ParsedProvision, ...]:
    (first, *_) = parse_file(CORPUS / rel).stages
    return first.provisions


def pair(name: str) -> tuple[list[ParsedProvision], list[ParsedProvision]]:
    """The old and new stage of a real pair, as parsed by the project's importers."""
    old, new = PAIRS[name]
    return list(stage(old)), list(stage(new))


def truth(name: str) -> list[TruthEntry]:
    path = CORPUS / Path(PAIRS[name][0]).parent / "truth.json"
    return [
        TruthEntry(e["old"], e["new"], e["kind"], tuple(e.get("also", ())))
        for e in json.loads(path.read_text(encoding="utf-8"))
    ]


def found(entries: list[TruthEntry], rows: set[tuple[str | None, str | None]]) -> list[bool]:
    """For each truth entry, whether all its rows are among the alignment's rows."""
    return [e.rows() <= rows for e in entries]
