"""Writing output files (backups, exports): whole or not at all, and a clear error otherwise."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from eu_posities.errors import InputError


def write_atomic(out: Path, write: Callable[[Path], object]) -> None:
    """Let `write` fill a temporary file beside `out` (private to the user), then rename it.

    A reader never sees a half-written file, and a missing or read-only folder is an
    InputError naming the file, not a traceback.
    """
    directory = out.parent if str(out.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"folder {directory} does not exist", source=str(out))
    try:
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", dir=directory)
    except OSError as exc:
        raise InputError(f"cannot write there ({exc.strerror})", source=str(out)) from None
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write ({exc.strerror})", source=str(out)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
