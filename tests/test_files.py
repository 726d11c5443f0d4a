"""Reading only regular files; writing files and report folders whole, private and safely."""

from __future__ import annotations

import json
import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from eu_posities.errors import InputError
from eu_posities.files import (
    REPORT_MARKER,
    inside,
    read_regular,
    write_atomic,
    write_folder_atomic,
)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """umask 000: whatever is written must still be private."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> str:
    return oct(path.stat().st_mode & 0o777)


# --- reading --------------------------------------------------------------------------------


def test_read_regular_refuses_fifo_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"not a regular file \(a FIFO"):
        read_regular(fifo, 1000)  # no writer: a blocking open would hang here


def test_read_regular_refuses_devices_sockets_and_folders(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"a device"):
        read_regular(Path("/dev/zero"), 1000)
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "sock"))
        with pytest.raises(InputError, match=r"no such file|a socket|cannot read"):
            read_regular(tmp_path / "sock", 1000)
    with pytest.raises(InputError, match=r"a folder|cannot read"):
        read_regular(tmp_path, 1000)


def test_read_regular_checks_the_size_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big"
    with big.open("wb") as handle:
        handle.truncate(10**12)  # sparse: reading it would take hours
    with pytest.raises(InputError, match=r"over the"):
        read_regular(big, 1000)
    small = tmp_path / "small"
    small.write_bytes(b"x" * 1000)
    assert read_regular(small, 1000) == b"x" * 1000


def test_inside_refuses_escapes_the_same_way_whether_the_target_exists(tmp_path: Path) -> None:
    folder = tmp_path / "pub"
    folder.mkdir()
    (tmp_path / "secret.xml").write_text("x")
    (folder / "link.xml").symlink_to(tmp_path / "secret.xml")
    (folder / "ok.xml").write_text("x")
    assert inside(folder, "ok.xml", source="m") == (folder / "ok.xml").resolve()
    messages = []
    for name in ("../secret.xml", "../missing.xml", "/etc/passwd", "link.xml", "a/../../x"):
        with pytest.raises(InputError) as caught:
            inside(folder, name, source="m")
        messages.append(str(caught.value).replace(repr(name), "NAME"))
    assert len(set(messages)) == 1, messages


# --- single files ---------------------------------------------------------------------------


def _special(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    specials = {"fifo": fifo, "symlink": link, "folder": folder}
    if os.geteuid() == 0:  # only root may make device nodes; as root, /dev/null itself is at risk
        device = tmp_path / "null.json"
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        specials["device"] = device
    return specials


def test_write_atomic_never_replaces_special_files(tmp_path: Path) -> None:
    for kind, path in _special(tmp_path).items():
        before = os.lstat(path)
        with pytest.raises(InputError, match="refused"):
            write_atomic(path, lambda tmp: tmp.write_text("data"))
        after = os.lstat(path)
        assert (before.st_mode, before.st_ino) == (after.st_mode, after.st_ino), kind
    assert (tmp_path / "elsewhere.txt").read_text() == "keep me"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no leftovers


def test_write_atomic_is_private_whatever_the_umask(tmp_path: Path, open_umask: None) -> None:
    out = tmp_path / "out.json"
    write_atomic(out, lambda tmp: tmp.write_text("one"))
    assert _mode(out) == "0o600" and out.read_text() == "one"
    out.chmod(0o644)
    write_atomic(out, lambda tmp: tmp.write_text("two"))
    assert _mode(out) == "0o600" and out.read_text() == "two"


def test_write_atomic_leaves_the_old_file_on_failure(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("old")

    def fail(tmp: Path) -> None:
        tmp.write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(InputError) as caught:
        write_atomic(out, fail)
    assert str(caught.value) == f"{out}: cannot write (No space left on device)"
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


# --- report folders -------------------------------------------------------------------------


def _report(pages: dict[str, str]) -> object:
    def fill(folder: Path) -> None:
        for name, text in pages.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text)

    return fill


def test_report_folder_new_then_replaced(tmp_path: Path, open_umask: None) -> None:
    out = tmp_path / "report"
    assert write_folder_atomic(out, _report({"index.html": "1", "provisions/a.html": "a"})) is None
    assert (out / "provisions" / "a.html").read_text() == "a"
    assert _mode(out) == "0o700" and _mode(out / "provisions") == "0o700"
    assert _mode(out / "index.html") == "0o600" and _mode(out / REPORT_MARKER) == "0o600"
    listing = json.loads((out / REPORT_MARKER).read_text())
    assert listing["files"] == ["index.html", "provisions/a.html"]
    # A second report replaces the first: pages of provisions that are gone go too.
    write_folder_atomic(out, _report({"index.html": "2", "provisions/b.html": "b"}))
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        REPORT_MARKER,
        "index.html",
        "provisions",
        "provisions/b.html",
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["report"]  # no staging left behind


def test_report_folder_refuses_what_is_not_a_report(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.docx").write_text("years of work")
    with pytest.raises(InputError, match="not an eu-posities report"):
        write_folder_atomic(home, _report({"index.html": "x"}))
    assert (home / "thesis.docx").read_text() == "years of work"
    with pytest.raises(InputError, match="folder of its own"):
        write_folder_atomic(Path("/"), _report({"index.html": "x"}))
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="not a folder"):
        write_folder_atomic(tmp_path / "file", _report({"index.html": "x"}))
    (tmp_path / "link").symlink_to(home)
    with pytest.raises(InputError, match="symbolic link"):
        write_folder_atomic(tmp_path / "link", _report({"index.html": "x"}))


def test_report_folder_keeps_files_the_report_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "report"
    write_folder_atomic(out, _report({"index.html": "1", "provisions/a.html": "a"}))
    (out / "provisions" / "my-notes.txt").write_text("mine")
    with pytest.raises(InputError, match=r"did not write \(provisions/my-notes.txt\)"):
        write_folder_atomic(out, _report({"index.html": "2"}))
    assert (out / "provisions" / "my-notes.txt").read_text() == "mine"
    assert (out / "index.html").read_text() == "1"


def test_symlinked_provisions_folder_gives_no_half_written_report(tmp_path: Path) -> None:
    out = tmp_path / "report"
    write_folder_atomic(out, _report({"index.html": "1", "provisions/a.html": "a"}))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.html").write_text("not the report's")
    for page in (out / "provisions").iterdir():
        page.unlink()
    (out / "provisions").rmdir()
    (out / "provisions").symlink_to(elsewhere)
    with pytest.raises(InputError, match="provisions"):
        write_folder_atomic(out, _report({"index.html": "2", "provisions/a.html": "new"}))
    assert (elsewhere / "a.html").read_text() == "not the report's"
    assert (out / "index.html").read_text() == "1"


def test_report_folder_failure_leaves_the_previous_report(tmp_path: Path) -> None:
    out = tmp_path / "report"
    write_folder_atomic(out, _report({"index.html": "1"}))

    def broken(folder: Path) -> None:
        (folder / "index.html").write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(InputError, match="No space left on device"):
        write_folder_atomic(out, broken)
    assert (out / "index.html").read_text() == "1"
    assert [p.name for p in tmp_path.iterdir()] == ["report"]


def test_marker_cannot_make_the_report_delete_other_files(tmp_path: Path) -> None:
    out = tmp_path / "report"
    write_folder_atomic(out, _report({"index.html": "1"}))
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    listing = json.loads((out / REPORT_MARKER).read_text())
    listing["files"] += ["../victim.txt", str(victim)]
    (out / REPORT_MARKER).write_text(json.dumps(listing))
    write_folder_atomic(out, _report({"index.html": "2"}))
    assert victim.read_text() == "keep"
