"""Make the bundled demo's packs: real public documents as the importers read them.

Run from the repository root: python scripts/make_demo_packs.py [--check]
It reads the real AI Act documents from the corpus (EU_POSITIES_CORPUS, default the
`shared/corpus` folder beside the repository), parses each with `eu_posities.importers`
and writes `data/packs/ai-act/*.json.gz` with the source file's name, size and digest.
With --check it parses again and verifies that the committed packs are what the importers
make today (run it after changing an importer: a pack must never drift from its parser).
Only public documents are packed: the script refuses one whose stages would be LIMITE.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("EU_POSITIES_CORPUS") or ROOT.parent / "shared" / "corpus")
TARGET = ROOT / "data" / "packs" / "ai-act"

# (pack name, corpus file, where it was published): all public, reusable with attribution.
PACKS = (
    (
        "commission-proposal",
        "ai-act/commission-proposal.COM-2021-206.xhtml",
        "EUR-Lex, CELEX 52021PC0206 (COM(2021) 206 final)",
    ),
    (
        "council-general-approach",
        "ai-act/council-general-approach.ST-15698-2022.pdf",
        "Council of the EU, ST 15698/22 (public)",
    ),
    (
        "ep-amendments",
        "ai-act/ep-amendments.P9-TA-2023-0236.oj.html",
        "EUR-Lex, OJ C/2024/506 (P9_TA(2023)0236)",
    ),
    (
        "four-column",
        "ai-act/four-column.ST-11320-2023-REV-1.pdf",
        "Council of the EU, ST 11320/1/23 REV 1 (partially accessible to the public)",
    ),
)


def make(name: str, relative: str, published: str, folder: Path) -> Path:
    from eu_posities.demo.packs import write_pack
    from eu_posities.importers import parse_file

    source = CORPUS / relative
    parsed = parse_file(source)
    if parsed.meta.get("limite") and not parsed.meta.get("release"):
        raise SystemExit(f"{relative}: marked LIMITE and not released: never bundled")
    data = source.read_bytes()
    write_pack(
        folder / f"{name}.json.gz",
        parsed,
        source={
            "name": source.name,
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "published": published,
        },
    )
    return folder / f"{name}.json.gz"


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    check = "--check" in argv
    if not CORPUS.exists():
        print(f"the corpus is not at {CORPUS}: set EU_POSITIES_CORPUS", file=sys.stderr)
        return 2
    if not check:
        TARGET.mkdir(parents=True, exist_ok=True)
        for name, relative, published in PACKS:
            print(f"wrote {make(name, relative, published, TARGET).relative_to(ROOT)}")
        return 0
    stale = []
    with tempfile.TemporaryDirectory() as folder:
        for name, relative, published in PACKS:
            made = make(name, relative, published, Path(folder))
            if made.read_bytes() != (TARGET / made.name).read_bytes():
                stale.append(made.name)
    for name in stale:
        print(f"data/packs/ai-act/{name} differs from what the importers make today")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
