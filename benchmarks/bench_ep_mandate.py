"""How close the applied EP stage comes to the "EP Mandate" column of the real four-column text.

Run: python benchmarks/bench_ep_mandate.py [--json-only]
Applies the AI Act plenary amendments (P9_TA(2023)0236) to the Commission proposal and
compares each article with the EP Mandate column of ST 11320/1/23 REV 1 (the trilogue
four-column document, Section I: Articles 16-50), read here by column geometry: the table's
column rules, struck words (thin filled rectangles through the glyphs) left out, rows
grouped under their "Article N" headings. Baseline in the same run: the Commission
proposal's own text against the same column (how far the EP moved from it).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eu_posities.amending import apply_amendments  # noqa: E402
from eu_posities.amending.similarity import normalise, ratio  # noqa: E402
from eu_posities.importers import parse_file  # noqa: E402

CORPUS = Path(os.environ.get("EU_POSITIES_CORPUS", ROOT.parent / "shared" / "corpus"))
FOUR = CORPUS / "ai-act" / "four-column.ST-11320-2023-REV-1.pdf"
LIST = CORPUS / "ai-act" / "ep-amendments.P9-TA-2023-0236.oj.html"
PROPOSAL = CORPUS / "ai-act" / "commission-proposal.COM-2021-206.xhtml"
_HEADING = re.compile(r"^Article\s+(\d+[a-z]*)\b")
_FURNITURE = re.compile(r"^(TREE\.2\.B|LIMITE|RB/st)$")


def ep_column(path: Path) -> dict[str, str]:
    """EP Mandate text per article, from the four-column PDF (struck words left out)."""
    import pdfplumber

    texts: dict[str, list[str]] = {}
    article = ""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            if page.width < page.height:
                continue  # the covering note; the table pages are landscape
            words = page.extract_words()
            header = [w for w in words if w["text"] == "EP" and w["top"] < 200]
            rules = sorted({round(r["x0"]) for r in page.rects if r["height"] < 0.55})
            if not header or not rules:
                continue
            # The EP column runs between the table rules either side of its "EP Mandate" head.
            left = max((x for x in rules if x <= header[0]["x0"]), default=0)
            right = min((x for x in rules if x > header[0]["x1"] + 40), default=page.width)
            columns = [min((x for x in rules if x > 90), default=left)]
            # Struck words: thin red filled rectangles through the middle of the glyphs.
            strikes = [r for r in page.rects if 0.55 <= r["height"] < 0.9]
            lines: dict[int, list[dict]] = {}
            for w in words:
                lines.setdefault(round(w["top"] / 3), []).append(w)
            for key in sorted(lines):
                line = sorted(lines[key], key=lambda w: w["x0"])
                if line[0]["x0"] < columns[0] and all(w["x1"] < left + 60 for w in line):
                    match = _HEADING.match(" ".join(w["text"] for w in line))
                    if match:
                        article = f"Article {match.group(1)}"
                    continue
                if not article:
                    continue
                kept = [
                    w["text"]
                    for w in line
                    if left <= (w["x0"] + w["x1"]) / 2 < right and not _struck(w, strikes)
                ]
                kept = [t for t in kept if not _FURNITURE.match(t)]
                if kept and " ".join(kept) not in ("EP Mandate",):
                    texts.setdefault(article, []).append(" ".join(kept))
    return {label: " ".join(parts) for label, parts in texts.items()}


def _struck(word: dict, strikes: list[dict]) -> bool:
    middle = (word["top"] + word["bottom"]) / 2
    for r in strikes:
        if r["x0"] <= (word["x0"] + word["x1"]) / 2 <= r["x1"] and abs(r["top"] - middle) < 3:
            return True
    return False


def _joined(provision) -> str:  # type: ignore[no-untyped-def]
    return f"{provision.heading} {provision.text}".replace("\n", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json-only", action="store_true")
    args = parser.parse_args()
    if not all(p.exists() for p in (FOUR, LIST, PROPOSAL)):
        sys.exit(f"corpus not found under {CORPUS}")
    base = parse_file(PROPOSAL).stages[0].provisions
    stage = apply_amendments(base, parse_file(LIST).amendments).stage
    mandate = ep_column(FOUR)
    ours = {p.label: p for p in stage.provisions}
    theirs = {p.label: p for p in base}
    rows = []
    struck = {p.label for p in stage.struck}
    for label, text in mandate.items():
        if set(text.split()) == {"deleted"} and label in struck:
            rows.append({"article": label, "ep_stage": 1.0, "baseline_proposal": 0.0,
                         "column_words": 0, "note": "deleted in both"})  # fmt: skip
            continue
        if label not in ours:
            continue
        column = normalise(text)
        rows.append(
            {
                "article": label,
                "ep_stage": round(ratio(normalise(_joined(ours[label])), column), 3),
                "baseline_proposal": round(
                    ratio(normalise(_joined(theirs[label])), column), 3
                ) if label in theirs else None,
                "column_words": len(text.split()),
            }
        )  # fmt: skip
    scores = [r["ep_stage"] for r in rows]
    base_scores = [r["baseline_proposal"] for r in rows if r["baseline_proposal"] is not None]
    result = {
        "articles": len(rows),
        "ep_stage_median": round(statistics.median(scores), 3) if scores else None,
        "ep_stage_mean": round(statistics.mean(scores), 3) if scores else None,
        "baseline_proposal_median": round(statistics.median(base_scores), 3)
        if base_scores
        else None,
        "at_least_0_95": sum(1 for s in scores if s >= 0.95),
        "rows": rows,
    }
    if not args.json_only:
        print(f"{'article':<12} {'EP stage':>9} {'proposal':>9} {'words':>6}")
        for row in rows:
            print(
                f"{row['article']:<12} {row['ep_stage']:>9} {row['baseline_proposal']!s:>9} "
                f"{row['column_words']:>6}"
            )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
