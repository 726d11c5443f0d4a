"""Run one import (or one `eup` command) in this process under an address-space limit.

Used by tests/test_hostile.py as a child process: `python hostile_run.py parse FILE RESULT [FORMAT]`
or `python hostile_run.py cli RESULT ARGS...`. Writes a JSON result (outcome, message,
peak memory) to RESULT, so that a crash or a kill shows as a missing result.
HOSTILE_FSIZE=N limits the size of any file written to N bytes: a full disk, without one.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
from pathlib import Path

# A hard ceiling, well above the 500 MB the tests demand, so that a runaway case fails
# with MemoryError instead of taking the machine down.
ADDRESS_SPACE = 1024 * 1024 * 1024


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM: ru_maxrss would count the parent's too,
    from before the exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _parse(path: str, fmt: str = "auto") -> dict[str, object]:
    from eu_posities.errors import InputError
    from eu_posities.importers import parse_file

    try:
        document = parse_file(Path(path), fmt)
    except InputError as exc:
        return {"outcome": "refused", "message": str(exc)}
    texts = [p.text for stage in document.stages for p in stage.provisions]
    return {
        "outcome": "ok",
        "provisions": len(texts),
        "text": "\n".join(texts)[:20_000],
        "labels": [p.label for stage in document.stages for p in stage.provisions][:50],
    }


def _cli(args: list[str]) -> dict[str, object]:
    from eu_posities.cli import main

    sys.argv = ["eup", *args]
    try:
        main()
    except SystemExit as exc:
        return {"outcome": "exit", "code": exc.code if isinstance(exc.code, int) else 1}
    return {"outcome": "exit", "code": 0}


def run() -> None:
    mode, *rest = sys.argv[1:]
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    if os.environ.get("HOSTILE_FSIZE"):
        # Writes past the limit fail with EFBIG, as they would with ENOSPC on a full disk.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        size = int(os.environ["HOSTILE_FSIZE"])
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    if mode == "parse":
        path, result_path, *fmt = rest
        try:
            result = _parse(path, *fmt)
        except MemoryError:
            result = {"outcome": "memory"}
        except Exception as exc:  # noqa: BLE001 - reported to the test, which fails on it
            result = {"outcome": "crash", "message": f"{type(exc).__name__}: {exc}"[:2000]}
    else:
        result_path, *args = rest
        result = _cli(args)
    result["peak_mb"] = _peak_mb()
    Path(result_path).write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    run()
