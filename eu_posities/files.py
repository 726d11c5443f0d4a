"""Reading input files and writing output files safely: regular files only, private, whole.

Input: `read_regular` opens a path without blocking, refuses anything that is not a regular
file (a FIFO would hang the import, a device would never end) and checks the size before
reading. `inside` resolves a name a document refers to and refuses one that leaves its folder.

Output: `write_atomic` writes a file beside its target and renames it into place;
`write_folder_atomic` does the same for a folder of files (a report). Outputs are private
to the user (files 0600, folders 0700, whatever the umask), never replace a symbolic link,
a device, a FIFO or a socket, and a failure (a full disk, a read-only folder) is one
`InputError` line with nothing half-written left behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from eu_posities.errors import InputError

FILE_MODE = 0o600
FOLDER_MODE = 0o700
REPORT_MARKER = ".eu-posities-report.json"


def kind_of(mode: int) -> str:
    """What a file is, as a user would say it ("a FIFO", "a folder")."""
    if stat.S_ISREG(mode):
        return "a regular file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _mb(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.2f}"


def read_regular(path: Path, limit: int, *, source: str | None = None) -> bytes:
    """The bytes of `path`, if it is a regular file of at most `limit` bytes.

    The file is opened without blocking and checked on the open descriptor, so a FIFO, a
    device or a socket is refused at once (and cannot be swapped in after the check).
    """
    where = source or str(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError("no such file", source=where) from None
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", source=where) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"not a regular file ({kind_of(info.st_mode)})", source=where)
        if info.st_size > limit:
            raise InputError(
                f"file is {_mb(info.st_size)} MB, over the {_mb(limit)} MB limit", source=where
            )
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", source=where) from None
    finally:
        os.close(fd)
    if size > limit:  # the file grew while we read it
        raise InputError(f"file is over the {_mb(limit)} MB limit", source=where)
    return b"".join(chunks)


def is_regular(path: Path) -> bool:
    """True for a regular file (following symbolic links); never blocks, never raises."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def inside(folder: Path, name: str, *, source: str) -> Path:
    """`folder / name`, refused unless it resolves inside `folder` (symbolic links followed).

    The refusal is the same whether the outside file exists or not, so a hostile manifest
    cannot probe the disk.
    """
    base = Path(os.path.realpath(folder))
    target = Path(os.path.realpath(base / name))
    if Path(name).is_absolute() or (target != base and base not in target.parents):
        raise InputError(f"refused: {name!r} points outside the document's folder", source=source)
    return target


# --- output --------------------------------------------------------------------------------


def _write_error(exc: OSError, target: Path) -> InputError:
    return InputError(f"cannot write ({exc.strerror or exc})", source=str(target))


def check_output(out: Path) -> None:
    """Refuse to replace anything at `out` but a regular file (or nothing)."""
    try:
        info = os.lstat(out)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _write_error(exc, out) from None
    if stat.S_ISLNK(info.st_mode):
        raise InputError("refused: it is a symbolic link; write to a new file", source=str(out))
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"refused: it is {kind_of(info.st_mode)}, not a file", source=str(out))


def write_atomic(out: Path, write: Callable[[Path], object]) -> None:
    """Let `write` fill a temporary file beside `out` (private to the user), then rename it.

    A reader never sees a half-written file; an existing symbolic link, device, FIFO or
    socket at `out` is refused, not replaced; a missing or read-only folder or a full disk
    is an InputError naming the file, not a traceback.
    """
    directory = out.parent if str(out.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"folder {directory} does not exist", source=str(out))
    check_output(out)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", dir=directory)
        os.fchmod(fd, FILE_MODE)  # mkstemp honours the umask; private means 0600
        os.close(fd)
    except OSError as exc:
        raise InputError(f"cannot write there ({exc.strerror})", source=str(out)) from None
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, FILE_MODE, follow_symlinks=False)
        _fsync(tmp)
        check_output(out)  # nothing special appeared there while we wrote
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _write_error(exc, out) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _fsync(path: Path) -> None:
    # A rename after a crash must not leave an empty file where the old one was.
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def private_folder(path: Path) -> None:
    """Create `path` (and missing parents) readable by the user only."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(parents=True, exist_ok=True)
    for folder in missing:
        os.chmod(folder, FOLDER_MODE)


# --- folders of files (reports) ------------------------------------------------------------


def _listing(root: Path) -> tuple[list[str], list[str], list[str]]:
    """Files, folders and foreign entries (links, devices, ...) under `root`, not following."""
    files: list[str] = []
    folders: list[str] = []
    foreign: list[str] = []
    pending = [root]
    while pending:
        current = pending.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                relative = Path(entry.path).relative_to(root).as_posix()
                mode = entry.stat(follow_symlinks=False).st_mode
                if stat.S_ISDIR(mode):
                    folders.append(relative)
                    pending.append(Path(entry.path))
                elif stat.S_ISREG(mode):
                    files.append(relative)
                else:
                    foreign.append(relative)
    return sorted(files), sorted(folders), sorted(foreign)


def _manifest(folder: Path, marker: str) -> tuple[set[str], set[str]] | None:
    path = folder / marker
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        data = json.loads(read_regular(path, 16 * 1024 * 1024))
        files, folders = set(data["files"]), set(data["folders"])
    except (OSError, InputError, ValueError, KeyError, TypeError):
        return None
    if not all(isinstance(name, str) for name in files | folders):
        return None
    return files, folders


def _check_target(out: Path, marker: str) -> bool:
    """Whether `out` exists; refuse it unless it is empty or holds only a previous report."""
    try:
        info = os.lstat(out)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise _write_error(exc, out) from None
    if stat.S_ISLNK(info.st_mode):
        raise InputError("refused: it is a symbolic link; choose a folder", source=str(out))
    if not stat.S_ISDIR(info.st_mode):
        raise InputError(f"refused: it is {kind_of(info.st_mode)}, not a folder", source=str(out))
    try:
        files, folders, foreign = _listing(out)
    except OSError as exc:
        raise _write_error(exc, out) from None
    if not (files or folders or foreign):
        return True
    manifest = _manifest(out, marker)
    if manifest is None:
        raise InputError(
            "refused: the folder holds files that are not an eu-posities report; "
            "choose a new or empty folder",
            source=str(out),
        )
    ours_files, ours_folders = manifest
    strangers = foreign + [f for f in files if f not in ours_files and f != marker]
    strangers += [f for f in folders if f not in ours_folders]
    if strangers:
        shown = ", ".join(strangers[:3]) + (", …" if len(strangers) > 3 else "")
        raise InputError(
            f"refused: the folder holds files the previous report did not write ({shown}); "
            "move them away or choose another folder",
            source=str(out),
        )
    return True


def _seal(staging: Path, marker: str) -> None:
    """Make everything under `staging` private and record it in the marker file."""
    files, folders, foreign = _listing(staging)
    if foreign:
        raise InputError(f"the report wrote something other than files: {foreign[0]}")
    for name in files:
        os.chmod(staging / name, FILE_MODE)
    for name in folders:
        os.chmod(staging / name, FOLDER_MODE)
    listing = {"eu-posities": "report", "files": files, "folders": folders}
    path = staging / marker
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        os.fchmod(handle.fileno(), FILE_MODE)
        json.dump(listing, handle, indent=1)


def _remove_previous(old: Path, marker: str) -> bool:
    """Delete what the previous report wrote (and only that); True if the folder is gone."""
    ours_files, ours_folders = _manifest(old, marker) or (set(), set())
    try:
        files, folders, _foreign = _listing(old)
    except OSError:
        return False
    # Only entries found in the folder itself (links not followed) and listed as ours.
    for name in files:
        if name in ours_files or name == marker:
            with contextlib.suppress(OSError):
                (old / name).unlink()
    for name in sorted(folders, key=lambda n: n.count("/"), reverse=True):
        if name in ours_folders:
            with contextlib.suppress(OSError):
                (old / name).rmdir()  # only if empty
    try:
        old.rmdir()
    except OSError:
        return False
    return True


def write_folder_atomic(
    out: Path, fill: Callable[[Path], object], *, marker: str = REPORT_MARKER
) -> Path | None:
    """Write a folder of files: `fill(folder)` fills a new folder, which is renamed to `out`.

    `out` may be missing, an empty folder, or a folder holding a previous report (known by
    its `marker` file, which lists what that report wrote); anything else is refused before
    a byte is written. Readers see the old report or the new one, never a mix; the old one's
    files are deleted, nothing else. Returns the path of a leftover folder if files appeared
    in the old report while the new one was written (they are kept there), else None.
    """
    out = Path(os.path.abspath(out))
    if out == out.parent:
        raise InputError("refused: a report needs a folder of its own", source=str(out))
    _check_target(out, marker)
    try:
        private_folder(out.parent)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
        os.chmod(staging, FOLDER_MODE)
    except OSError as exc:
        raise InputError(f"cannot write there ({exc.strerror})", source=str(out)) from None
    old: Path | None = None
    try:
        fill(staging)
        _seal(staging, marker)
        if _check_target(out, marker):  # again: it may have changed while we wrote
            old = out.parent / f".{out.name}.old-{secrets.token_hex(4)}"
            os.rename(out, old)
        try:
            os.rename(staging, out)
        except OSError:
            if old is not None:
                os.rename(old, out)
            raise
    except OSError as exc:
        raise _write_error(exc, out) from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    if old is None or _remove_previous(old, marker):
        return None
    return old
