"""Hostile documents: each is refused with one clear line (or read correctly), in a child
process held under an address-space ceiling and a time limit, and never above 500 MB.

The files are generated at test time (tests/hostile_files.py, tests/hostile_pdf.py); run
`python tests/hostile_files.py DIR` to write them all for a manual look.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import hostile_files as hf
import pytest

HERE = Path(__file__).resolve().parent
PEAK_MB = 500
SECONDS = 120  # per case, on a loaded two-core machine; a hang shows as a timeout
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# case: (builder, expected outcome, what the message must say, format to force)
REFUSED: dict[str, tuple[object, str, str | None]] = {
    "docx-zip-bomb": (hf.docx_zip_bomb, "unpacks to", None),
    "docx-four-parts": (hf.docx_four_parts, "unpacks to", None),
    "docx-lying-sizes": (hf.docx_lying_sizes, "damaged DOCX", None),
    "docx-node-bomb": (hf.docx_node_bomb, "too much markup", None),
    "docx-many-entries": (hf.docx_many_entries, "files in the archive", None),
    "docx-lzma-bomb": (hf.docx_lzma_bomb, "unpacks to", None),
    "docx-utf16-entity": (hf.docx_utf16_entity, "declares entities", None),
    "docx-encrypted": (hf.docx_encrypted, "password-protected", None),
    "docx-zipcrypto": (hf.docx_zipcrypto, "encrypted", None),
    "xml-utf7-entity": (hf.xml_utf7_entity, "declares entities", None),
    "xml-utf16-entity": (hf.xml_utf16_entity, "declares entities", "formex"),
    "xml-node-bomb": (hf.xml_node_bomb, "too much markup", None),
    "html-node-bomb": (hf.html_node_bomb, "too much markup", None),
    "xml-deep": (hf.xml_deep, "not well-formed XML", None),
    "text-many-lines": (hf.text_many_lines, "lines", None),
    "big-file": (hf.big_file, "over the 50 MB limit", None),
    "fifo": (hf.fifo, "not a regular file (a FIFO", None),
    "device": (hf.device, "not a regular file (a device)", None),
    "formex-traversal-existing": (hf.CASES["formex-traversal-existing"], "points outside", None),
    "formex-traversal-missing": (hf.CASES["formex-traversal-missing"], "points outside", None),
    "formex-absolute": (hf.CASES["formex-absolute"], "points outside", None),
    "formex-symlink": (hf.formex_symlink, "points outside", None),
    "formex-fifo": (hf.formex_fifo, "points at no ACT or ANNEX", None),
    "pdf-flate-bomb-pages": (hf.pdf("flate-bomb-pages"), "unpacks to more than 8 MB", None),
    "pdf-many-mid-streams": (hf.pdf("many-mid-streams"), "more than 256 MB", None),
    "pdf-double-flate": (hf.pdf("double-flate"), "unpacks to more than", None),
    "pdf-lzw-bomb": (hf.pdf("lzw-bomb"), "unpacks to more than", None),
    "pdf-runlength-bomb": (hf.pdf("runlength-bomb"), "unpacks to more than", None),
    "pdf-ascii85-bomb": (hf.pdf("ascii85-bomb"), "unpacks to more than", None),
    "pdf-huge-array-object": (hf.pdf("huge-array-object"), "a PDF object of", None),
    "pdf-many-objects": (hf.pdf("many-objects"), "PDF objects", None),
    "pdf-many-pages": (hf.pdf("many-pages"), "more than 2,000 pages", None),
    "pdf-cmap-bomb": (hf.pdf("cmap-bomb"), "character map", None),
    "pdf-form-repeat": (hf.pdf("form-repeat"), "draws more than", None),
    "pdf-nested-forms": (hf.pdf("nested-forms"), "draws more than", None),
    # pdfium keeps at most 32,767 characters of one text object: what is left is no act.
    "pdf-char-flood": (hf.pdf("char-flood"), "no articles", None),
    "pdf-garbage": (hf.pdf("garbage"), "PDF", None),
    "pdf-encrypted-bomb": (hf.pdf("encrypted-bomb"), "unpacks to more than 8 MB", None),
}
READ: dict[str, tuple[object, str]] = {
    # pdfium reads object streams as it needs them (no Python objects of their text), and
    # only ruled pages go to the table finder: both are read safely, well under the limits.
    "pdf-object-stream-bomb": (hf.pdf("object-stream-bomb"), "Article 1"),
    "pdf-ruled-boxes": (hf.pdf("ruled-boxes"), "Article 1"),
    "pdf-plain": (hf.pdf("plain"), "Article 1"),
    "pdf-encrypted-plain": (hf.pdf("encrypted-plain"), "Article 1"),
    "pdf-xref-loop": (hf.pdf("xref-loop"), "Article 1"),
    "pdf-damaged-flate": (hf.pdf("damaged-flate"), "Article 1"),
    "pdf-chars-near-limit": (hf.pdf("chars-near-limit"), "Article 1"),
    "pdf-worst-within-limits": (hf.pdf("worst-within-limits"), "Article 1"),
    "pdf-line-grid": (hf.pdf("line-grid"), "Article 1"),
    "formex-plain": (hf.formex_plain, "Article 1"),
    "text-control-characters": (hf.text_control_characters, "Article 1"),
}


def run_case(path: Path, tmp_path: Path, fmt: str | None = None) -> dict[str, object]:
    """Parse `path` in a child process under the limits; its result, peak memory included."""
    result_file = tmp_path / "result.json"
    command = [sys.executable, str(HERE / "hostile_run.py"), "parse", str(path), str(result_file)]
    if fmt:
        command.append(fmt)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=SECONDS, cwd=HERE)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{path.name}: no answer within {SECONDS} s (a hang)")
    assert result_file.exists(), f"the child died: {done.returncode} {done.stderr[-2000:]}"
    result: dict[str, object] = json.loads(result_file.read_text(encoding="utf-8"))
    assert result["peak_mb"] < PEAK_MB, f"{path.name}: peak {result['peak_mb']:.0f} MB"  # type: ignore[operator]
    return result


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(REFUSED))
def test_hostile_file_is_refused_in_one_line(case: str, tmp_path: Path) -> None:
    build, reason, fmt = REFUSED[case]
    folder = tmp_path / "in"
    folder.mkdir()
    path = build(folder)  # type: ignore[operator]
    result = run_case(path, tmp_path, fmt)
    assert result["outcome"] == "refused", result
    message = str(result["message"])
    assert reason in message, message
    assert "\n" not in message and len(message) < 400, message
    assert "SECRET-OUTSIDE" not in message


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(READ))
def test_hostile_file_is_read_safely(case: str, tmp_path: Path) -> None:
    build, label = READ[case]
    folder = tmp_path / "in"
    folder.mkdir()
    result = run_case(build(folder), tmp_path)  # type: ignore[operator]
    assert result["outcome"] == "ok", result
    assert label in result["labels"], result  # type: ignore[operator]
    assert not CONTROL.search(str(result["text"])), repr(result["text"])


@pytest.mark.slow
def test_traversal_error_does_not_tell_whether_the_outside_file_exists(tmp_path: Path) -> None:
    messages = []
    for target in ("../secret.xml", "../no-such-file.xml"):
        folder = tmp_path / f"in{len(messages)}"
        folder.mkdir()
        result = run_case(hf.formex_traversal(folder, target), tmp_path)
        messages.append(str(result["message"]).replace(target, "NAME").replace(str(folder), "F"))
    assert messages[0].split(": ", 1)[1] == messages[1].split(": ", 1)[1]
