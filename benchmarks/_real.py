"""Benchmark input from the real corpus: proposal → later-stage pairs, parsed once and cached.

Parsing the AI Act general approach (a PDF) takes many seconds, so parsed stages are cached in
the system's temp folder, keyed by the file and by the importers' source code (a changed
importer parses again). Pairs whose files are absent are left out, with a note on stderr.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
import tempfile
from pathlib import Path

import _corpus  # noqa: F401  (puts the repository and tests/ on sys.path)
import real_corpus as rc

from eu_posities.document import ParsedProvision

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(tempfile.gettempdir()) / "eu-posities-bench-stages"


def _importers_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "eu_posities" / "importers").rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def stage(rel: str) -> list[ParsedProvision]:
    path = rc.CORPUS / rel
    stat = path.stat()
    key = f"{rel}|{stat.st_size}|{stat.st_mtime_ns}|{_importers_digest()}"
    cached = CACHE / (hashlib.sha256(key.encode()).hexdigest()[:24] + ".pickle")
    if cached.exists():
        provisions: list[ParsedProvision] = pickle.loads(cached.read_bytes())
        return provisions
    provisions = list(rc.stage(rel))
    CACHE.mkdir(exist_ok=True)
    cached.write_bytes(pickle.dumps(provisions))
    return provisions


def pairs(
    names: tuple[str, ...] = tuple(rc.PAIRS),
) -> dict[str, tuple[list[ParsedProvision], list[ParsedProvision]]]:
    """The real pairs present on this machine, by name."""
    out = {}
    for name in names:
        if not rc.available(name):
            print(f"skipped {name}: {rc.missing_reason(name)}", file=sys.stderr)
            continue
        old, new = rc.PAIRS[name]
        out[name] = (stage(old), stage(new))
    return out


truth = rc.truth
found = rc.found
WITH_TRUTH = rc.WITH_TRUTH
