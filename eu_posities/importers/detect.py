"""Format detection by content (not by file name), on bytes read once under the limits."""

from __future__ import annotations

import re
from pathlib import Path

from eu_posities.errors import InputError
from eu_posities.importers.limits import MAX_FILE_BYTES, ole2_kind, open_zip, read_input

MAX_BYTES = MAX_FILE_BYTES

_FIRST_TAG = re.compile(rb"<([A-Za-z][\w.:-]*)[\s>/]")
_FORMEX_ROOTS = {b"ACT", b"DOC", b"ANNEX", b"CONS.ACT", b"CONS.ANNEX", b"CONS.DOC", b"GENERAL"}
_OJ_CLASSES = (b'class="oj-ti-art"', b'class="oj-normal"', b'class="oj-doc-ti"', b"eli-subdivision")


def read_limited(path: Path, limit: int = MAX_BYTES) -> bytes:
    """Read a regular file, refusing files over `limit` bytes, empty files and FIFOs."""
    return read_input(Path(path), limit)


def _root_tag(head: bytes) -> bytes:
    """The name of the first element, skipping the XML declaration, comments and PIs."""
    body = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>", b"", head, flags=re.S)
    match = _FIRST_TAG.search(body)
    return match.group(1) if match else b""


def _amendments(fmt: str, path: Path, data: bytes) -> str:
    """An EP amendment list ("ep-amendments", "ep-consolidated") inside `fmt`, or `fmt`."""
    from eu_posities.importers.amendments import sniff

    if fmt == "pdf":
        found = sniff.pdf_kind(path)
    elif fmt == "docx":
        found = sniff.docx_kind(path)
    elif fmt == "akn":
        found = sniff.xml_kind(data)
    else:
        found = sniff.html_kind(data)
    return found or fmt


def _is_fourcol(path: Path, data: bytes) -> bool:
    """A four-column table (PDF or DOCX) goes to its own reader before the generic ones.

    A file the quick look cannot read is left to the generic reader, which reports why.
    """
    from eu_posities.importers import fourcol

    try:
        return fourcol.detect(path, data) is not None
    except InputError:
        return False


def detect_format(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    """Guess the format of `path` from its content; raise `InputError` if unrecognised."""
    path = Path(path)
    if path.is_dir():
        if any(path.glob("*.fmx.xml")) or any(path.glob("DOC_*.xml")):
            return "formex"
        raise InputError("folder holds no Formex files", source=str(path))
    return detect_data(path, read_limited(path, max_bytes))


def detect_data(path: Path, data: bytes) -> str:
    """The format of `data`, the content of file `path`; raise `InputError` if unrecognised."""
    head = data[:8192]
    if head.startswith(b"%PDF"):
        if _is_fourcol(path, data):
            return "fourcol"
        return _amendments("pdf", path, data)
    ole2 = ole2_kind(head)
    if ole2:
        raise InputError(f"not a readable document: {ole2}", source=str(path))
    if head.startswith(b"PK\x03\x04"):
        with open_zip(data, str(path)) as archive:
            if "word/document.xml" in archive.namelist():
                if _is_fourcol(path, data):
                    return "fourcol"
                return _amendments("docx", path, data)
        raise InputError("a ZIP file, but not a Word document", source=str(path))
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("unrecognised format (binary data)", source=str(path))
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        root = _root_tag(head)
        if root.split(b":")[-1] == b"akomaNtoso":
            return _amendments("akn", path, data)
        if root in _FORMEX_ROOTS:
            return "formex"
        if root.lower() == b"html" or b"<html" in head.lower() or b"<body" in head.lower():
            fmt = "oj-xhtml" if any(c in data for c in _OJ_CLASSES) else "eurlex-html"
            return _amendments(fmt, path, data)
        raise InputError(
            f"unrecognised XML (root element <{root.decode('ascii', 'replace')}>)",
            source=str(path),
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        # Text from old Windows tools: acceptable only if it is mostly printable.
        printable = sum(1 for b in head if b >= 32 or b in b"\t\r\n")
        if printable < 0.95 * len(head):
            raise InputError("unrecognised format (binary data)", source=str(path)) from None
    return "text"
