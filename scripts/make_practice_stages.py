"""Regenerate the practice stages in data/texts from the real texts (see scripts/practice.py).

Run from the repository root: python scripts/make_practice_stages.py [--check]
With --check it only verifies that the committed files are what the script makes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from practice import derive_regulation_practice

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data/texts/csa-regulation/commission-proposal.eurlex.html"
TARGET = ROOT / "data/texts/csa-regulation/practice-council-text.html"


def main(argv: list[str]) -> int:
    made = derive_regulation_practice(SOURCE.read_bytes())
    if "--check" in argv:
        same = TARGET.exists() and TARGET.read_bytes() == made
        print(f"{TARGET.relative_to(ROOT)}: {'up to date' if same else 'DIFFERS'}")
        return 0 if same else 1
    TARGET.write_bytes(made)
    print(f"wrote {TARGET.relative_to(ROOT)} ({len(made)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
