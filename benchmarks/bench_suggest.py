"""Quality and speed of concern suggestions on the real CSA Regulation proposal (COM(2022) 209).

For `detectiebevel` the relevant provisions are known from the proposal itself: Chapter II,
Section 2 "Detection obligations", Articles 7 to 11 (strict), plus Annexes I and II, the
detection-order templates (lenient). Prints a table and a JSON document.
Run: python benchmarks/bench_suggest.py
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from eu_posities.concerns.suggest import DEFAULT_THRESHOLD, suggest_for
from eu_posities.importers import parse_file

ROOT = Path(__file__).resolve().parents[1]
PROPOSAL = ROOT / "data/texts/csa-regulation/commission-proposal.eurlex.html"
STRICT = {f"Article {n}" for n in range(7, 12)}
LENIENT = STRICT | {"Annex I", "Annex II"}


def terms_of(key: str) -> list[str]:
    data = json.loads((ROOT / "data/concerns.json").read_text(encoding="utf-8"))
    spec = next(c for c in data["concerns"] if c["key"] == key)
    return [*spec["terms_en"], *spec["terms_nl"]]


def measure() -> dict[str, object]:
    [stage] = parse_file(PROPOSAL).stages
    terms = {"detectiebevel": terms_of("detectiebevel")}
    start = time.perf_counter()
    ranked = suggest_for(stage.provisions, terms, threshold=0.0, limit=None)
    seconds = time.perf_counter() - start
    shown = [s for s in ranked if s.score >= DEFAULT_THRESHOLD][:8]
    top8 = [s.provision for s in ranked[:8]]
    return {
        "provisions_scored": len(stage.provisions),
        "seconds": round(seconds, 4),
        "top8_no_threshold": top8,
        "precision_at_8_strict": sum(p in STRICT for p in top8) / 8,
        "precision_at_8_lenient": sum(p in LENIENT for p in top8) / 8,
        "shown_with_threshold": [s.provision for s in shown],
        "precision_shown_strict": sum(s.provision in STRICT for s in shown) / max(1, len(shown)),
        "recall_shown_strict": sum(
            s.provision in {x.provision for x in shown} for s in ranked if s.provision in STRICT
        )
        / len(STRICT),
        "articles_7_to_10_in_top5": {f"Article {n}" for n in range(7, 11)}
        <= {s.provision for s in ranked[:5]},
    }


def main() -> None:
    result = measure()
    for key, value in result.items():
        print(f"{key:<28} {value}")
    print(
        json.dumps(
            {"benchmark": "suggest", "concern": "detectiebevel", "results": result}, indent=2
        )
    )


if __name__ == "__main__":
    main()
