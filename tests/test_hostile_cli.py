"""The reproductions of the hostile-input report, run as a user runs them: `eup` in a child
process (under memory and time limits), one-line errors, nothing written, no traceback."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import hostile_files as hf
import pytest
from clihelp import eup

HERE = Path(__file__).resolve().parent
SECONDS = 180


def run_eup(tmp_path: Path, *args: str, fsize: int | None = None, umask: int | None = None) -> Any:
    """`eup ARGS` in a child under the hostile_run limits: (code, stderr, peak MB)."""
    result_file = tmp_path / f"result-{len(list(tmp_path.glob('result-*')))}.json"
    env = dict(os.environ)
    if fsize:
        env["HOSTILE_FSIZE"] = str(fsize)
    command = [sys.executable, str(HERE / "hostile_run.py"), "cli", str(result_file), *args]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=SECONDS,
        env=env,
        cwd=tmp_path,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,  # noqa: PLW1509
    )
    result = json.loads(result_file.read_text(encoding="utf-8"))
    return result["code"], done.stderr, result["peak_mb"], done.stdout


def assert_one_line(err: str, *words: str) -> None:
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "EU_POSITIES_DEBUG" not in err, err
    assert "Exception ignored" not in err, err
    for word in words:
        assert word in err, err


@pytest.fixture
def demo(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert eup("--db", url, "init", "--demo").code == 0
    assert eup("--db", url, "dossier", "add", "probe-d", "--title", "p").code == 0
    return url


def _stage_count(url: str) -> int:
    return len(eup("--db", url, "stages", "probe-d", "--json").json())


@pytest.mark.slow
@pytest.mark.parametrize(
    ("build", "words"),
    [
        (hf.docx_zip_bomb, "unpacks to"),
        (hf.docx_four_parts, "unpacks to"),
        (hf.pdf("flate-bomb-pages"), "unpacks to more than"),
        (hf.docx_encrypted, "password-protected"),
        (hf.fifo, "not a regular file"),
    ],
    ids=["zip-bomb", "four-parts", "pdf-flate-bomb", "encrypted-docx", "fifo"],
)
def test_eup_import_refuses_hostile_files(
    demo: str, tmp_path: Path, build: Any, words: str
) -> None:
    path = build(tmp_path)
    before = _stage_count(demo)
    code, err, peak, _out = run_eup(
        tmp_path, "--db", demo, "import", str(path), "--dossier", "probe-d", "--stage", "s"
    )
    assert code == 1
    assert_one_line(err, words)
    assert peak < 500, peak
    assert _stage_count(demo) == before


@pytest.mark.slow
def test_eup_import_of_a_traversing_manifest_pulls_nothing_in(demo: str, tmp_path: Path) -> None:
    manifest = hf.formex_traversal(tmp_path, "../secret.xml")
    code, err, _peak, _out = run_eup(
        tmp_path, "--db", demo, "import", str(manifest), "--dossier", "probe-d", "--stage", "s"
    )
    assert code == 1
    assert_one_line(err, "points outside")
    found = eup("--db", demo, "search", "SECRET-OUTSIDE", "--json")
    assert found.code == 0 and found.json() == []


@pytest.mark.slow
def test_eup_import_of_a_folder_naming_a_fifo_ends(demo: str, tmp_path: Path) -> None:
    folder = hf.formex_fifo(tmp_path)
    code, err, _peak, _out = run_eup(
        tmp_path, "--db", demo, "import", str(folder), "--dossier", "probe-d", "--stage", "s"
    )
    assert code == 1
    assert_one_line(err)


def test_control_characters_are_dropped_and_docx_exports_work(demo: str, tmp_path: Path) -> None:
    text = hf.text_control_characters(tmp_path)
    for stage in ("ctl", "ctl-again"):
        imported = eup("--db", demo, "import", str(text), "--dossier", "probe-d", "--stage", stage)
        assert imported.code == 0, imported.err
    shown = eup("--db", demo, "provisions", "probe-d", "ctl", "--json").json()
    joined = "\n".join(p["text"] + p["heading"] for p in shown)
    assert "rules" in joined and "\x1b" not in joined and "\x07" not in joined
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in joined)
    out = tmp_path / "t.docx"
    table = eup("--db", demo, "table", "probe-d", "--stages", "ctl,ctl-again", "--out", str(out))
    assert table.code == 0, table.err
    # Text users type reaches the DOCX writer too: a note with a bell and an escape.
    assessed = eup(
        "--db", demo, "concerns", "assess", "csa-regulation", "detectiebevel", "council-mandate",
        "--status", "partly", "--evidence", "quote\x07", "--note", "note \x1b[2Jend",
    )  # fmt: skip
    assert assessed.code == 0, assessed.err
    memo = eup("--db", demo, "memo", "csa-regulation", "--out", str(tmp_path / "m.docx"))
    assert memo.code == 0, memo.err
    with zipfile.ZipFile(tmp_path / "m.docx") as archive:
        assert "note [2J" in archive.read("word/document.xml").decode("utf-8")
    with zipfile.ZipFile(out) as archive:
        assert "providers" in archive.read("word/document.xml").decode("utf-8")


def test_docx_writer_never_fails_on_text(tmp_path: Path) -> None:
    from eu_posities.exports.docx_common import new_document, xml_safe
    from eu_posities.exports.model import Run

    runs = xml_safe((Run("plain", "a\x00b\x1b[2Jc\x0cd\ud800"),))
    doc = new_document(landscape=False)
    doc.add_paragraph().add_run(runs[0].text)
    doc.core_properties.title = xml_safe("title\x07")
    doc.save(str(tmp_path / "x.docx"))


def _special_targets(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    (tmp_path / "target.txt").write_text("keep")
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "target.txt")
    targets = {"fifo": fifo, "symlink": link}
    if os.geteuid() == 0:  # a device node needs root; never point this at /dev itself
        device = tmp_path / "null.json"
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        targets["device"] = device
    return targets


def test_eup_backup_never_replaces_special_files(demo: str, tmp_path: Path) -> None:
    for kind, target in _special_targets(tmp_path).items():
        before = os.lstat(target)
        result = eup("--db", demo, "backup", str(target))
        assert result.code == 1, kind
        assert_one_line(result.err, "refused")
        after = os.lstat(target)
        assert (before.st_ino, before.st_mode) == (after.st_ino, after.st_mode), kind
    assert (tmp_path / "target.txt").read_text() == "keep"


def test_outputs_are_private_under_umask_000(demo: str, tmp_path: Path) -> None:
    code, err, _peak, _out = run_eup(
        tmp_path, "--db", demo, "backup", str(tmp_path / "b.json"), umask=0
    )
    assert code == 0, err
    assert oct((tmp_path / "b.json").stat().st_mode & 0o777) == "0o600"
    out = tmp_path / "m.md"
    code, err, _peak, _out = run_eup(
        tmp_path, "--db", demo, "memo", "csa-directive", "--out", str(out), umask=0
    )
    assert code == 0, err
    assert oct(out.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("what", ["table", "backup"])
def test_a_full_disk_is_one_line(demo: str, tmp_path: Path, what: str) -> None:
    # Warm the stored alignment first: the limited run below must only write its output.
    warm = eup("--db", demo, "align", "csa-regulation", "commission-proposal",
               "practice-council-text")  # fmt: skip
    assert warm.code == 0, warm.err
    out = tmp_path / ("t.docx" if what == "table" else "b.json")
    args = (
        ["table", "csa-regulation", "--stages", "commission-proposal,practice-council-text"]
        if what == "table"
        else ["backup"]
    )
    if what == "table":
        args += ["--out", str(out)]
    else:
        args += [str(out)]
    code, err, _peak, _out = run_eup(tmp_path, "--db", demo, *args, fsize=40_000)
    assert code == 1
    assert_one_line(err, "cannot write")
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(f".{out.name}")]
