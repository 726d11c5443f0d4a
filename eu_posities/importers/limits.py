"""What one import may read and unpack, and the checks every importer calls to stay inside.

A document is hostile input: a small file can unpack to gigabytes (ZIP and Flate bombs),
build millions of XML nodes, or make a PDF interpreter draw the same form forever. Every
limit lives here, with the function that enforces it; past a limit the import is refused
with one `InputError` line saying which limit. Together they keep an import under 500 MB of
memory and a few minutes of work whatever the file holds (docs/security.md lists them).

- Files: `read_input` (regular files only, size checked before reading).
- XML: `count_nodes` / `ReadBudget.nodes` bound the tree lxml builds (~120 bytes a node).
- Text: `check_lines` bounds the lines a plain-text import splits.
- ZIP (DOCX): `open_zip` refuses an encrypted or oversized archive before reading its
  directory; `open_zip_part` unpacks one part with a counted, bounded read.
- PDF: `check_pdf` pre-scans the raw objects; `open_pdf` opens the file with bounded stream
  decoding (see `pdfguard`); `pdf_pages` yields pages laid out under a per-page budget and
  frees each page after use; `pdf_tables` finds a page's tables once their cost is known.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eu_posities.errors import InputError
from eu_posities.files import read_regular

MB = 1024 * 1024

# Files
MAX_FILE_BYTES = 50 * MB  # any one input file: far above any EU act, far below trouble
MAX_FOLDER_FILES = 500  # files a Formex folder may hold
MAX_FOLDER_BYTES = 50 * MB  # all the files of one Formex publication together

# XML and text: what the parsed result may cost in memory
MAX_XML_NODES = 2_500_000  # elements + text nodes + 2 per attribute, over all parts read
MAX_TEXT_LINES = 500_000

# ZIP containers (DOCX)
MAX_ZIP_ENTRIES = 5_000
MAX_ZIP_DIRECTORY_BYTES = 4 * MB
MAX_ZIP_PART_BYTES = 32 * MB  # one part, unpacked
MAX_ZIP_TOTAL_BYTES = 48 * MB  # all parts read from one archive, unpacked

# PDF
MAX_PDF_PAGES = 2_000
MAX_PDF_OBJECTS = 400_000
MAX_PDF_OBJECT_BYTES = 1 * MB  # the text of one object outside its stream data
# All object text, raw and from object streams: pdfminer makes Python objects of it, up to
# ~90 bytes for each two bytes of text ("[]"). Real documents have well under 1 MB.
MAX_PDF_OBJECT_TEXT = 6 * MB
MAX_PDF_STREAM_BYTES = 8 * MB  # one stream, decoded
MAX_PDF_DECODED_BYTES = 256 * MB  # decoded from streams for one document, in all
MAX_PDF_CONTENT_STREAM_BYTES = 4 * MB  # one content stream interpreted
MAX_PDF_PAGE_CONTENT_BYTES = 16 * MB  # content interpreted for one page (forms included)
MAX_PDF_CONTENT_BYTES = 256 * MB  # content interpreted for the whole document
# Characters, lines, images and forms drawn on one page (~3 KB each once pdfplumber has
# read them); a dense page of a four-column document has 5,000.
MAX_PDF_PAGE_OBJECTS = 60_000
MAX_PDF_XREF_SECTIONS = 256
# Table finding (pdfplumber) compares every vertical ruling with every horizontal one and
# every crossing point with every other: quadratic work, bounded per page and per document.
# The real four-column document: at most 15,000 pairs and 543 points a page, 24 million
# squared points in all.
MAX_PDF_TABLE_PAIRS_PAGE = 250_000
MAX_PDF_TABLE_PAIRS = 25_000_000
MAX_PDF_TABLE_POINTS_PAGE = 3_000
MAX_PDF_TABLE_WORK = 200_000_000  # the sum of squared crossing points
MAX_PDF_CMAP_ENTRIES = 300_000  # code mappings one character map may expand to


def mb(size: int) -> str:
    """A size in MB as people read it: "50", "4.25"."""
    value = size / MB
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.2f}"


def read_input(path: Path, limit: int = MAX_FILE_BYTES, *, source: str | None = None) -> bytes:
    """The bytes of an input file: a regular file of at most `limit` bytes, not empty."""
    data = read_regular(path, limit, source=source)
    if not data.strip():
        raise InputError("empty file", source=source or str(path))
    return data


# --- XML and text -------------------------------------------------------------------------


def count_nodes(text: str) -> int:
    """An upper bound on the nodes lxml builds for `text` (elements, texts, attributes).

    Every element starts with "<"; a text node follows a tag; an attribute needs "=" and
    costs two nodes (the attribute and its value).
    """
    tags = text.count("<")
    return 2 * tags - text.count("</") + 2 * text.count("=")


@dataclass
class ReadBudget:
    """What one import may still unpack and parse: shared by all the parts of one file."""

    source: str
    unpacked: int = MAX_ZIP_TOTAL_BYTES
    nodes: int = MAX_XML_NODES

    def take_bytes(self, size: int, what: str) -> None:
        self.unpacked -= size
        if self.unpacked < 0:
            raise InputError(
                f"refused: {what} takes the document past {mb(MAX_ZIP_TOTAL_BYTES)} MB unpacked",
                source=self.source,
            )

    def take_nodes(self, text: str, source: str) -> None:
        nodes = count_nodes(text)
        self.nodes -= nodes
        if self.nodes < 0:
            raise InputError(
                f"refused: too much markup (over {MAX_XML_NODES:,} XML nodes)", source=source
            )


def check_lines(text: bytes | str, source: str) -> None:
    """Refuse a text with more lines than an import may split (~1 KB of objects a line)."""
    newlines = text.count(b"\n") if isinstance(text, bytes) else text.count("\n")
    if newlines > MAX_TEXT_LINES:
        raise InputError(f"refused: more than {MAX_TEXT_LINES:,} lines", source=source)


# --- ZIP (DOCX) ---------------------------------------------------------------------------

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"


def ole2_kind(data: bytes) -> str | None:
    """What an OLE2 (Compound File) document is, or None if `data` is not one."""
    if not data.startswith(OLE2_MAGIC):
        return None
    # An encrypted Office document is an OLE2 file holding the package as "EncryptedPackage".
    if (
        "EncryptedPackage".encode("utf-16-le") in data
        or "EncryptionInfo".encode("utf-16-le") in data
    ):
        return "a password-protected (encrypted) Office document: save it without a password"
    return "an old binary Office document (.doc): save it as .docx"


def _zip_directory(data: bytes, source: str) -> tuple[int, int]:
    """Entries and size of the central directory, read from the end record."""
    at = data.rfind(_EOCD, max(0, len(data) - 65_557))
    if at < 0 or len(data) < at + 22:
        raise InputError("damaged ZIP/DOCX file (no end of central directory)", source=source)
    _sig, _disk, _cd_disk, _here, entries, size, _offset, _comment = struct.unpack(
        "<4sHHHHIIH", data[at : at + 22]
    )
    locator = at - 20
    if locator >= 0 and data[locator : locator + 4] == _EOCD64_LOCATOR:
        (offset64,) = struct.unpack("<Q", data[locator + 8 : locator + 16])
        record = data[offset64 : offset64 + 56]
        if len(record) == 56 and record[:4] == b"PK\x06\x06":
            entries, size = struct.unpack("<QQ", record[32:48])
    return entries, size


def open_zip(data: bytes, source: str) -> zipfile.ZipFile:
    """A ZIP archive over `data`, refused if encrypted, damaged or with too many entries."""
    kind = ole2_kind(data)
    if kind:
        raise InputError(f"not a readable Word document: {kind}", source=source)
    entries, size = _zip_directory(data, source)
    # zipfile reads the whole central directory into objects before we can look at it.
    if entries > MAX_ZIP_ENTRIES or size > MAX_ZIP_DIRECTORY_BYTES:
        raise InputError(
            f"refused: more than {MAX_ZIP_ENTRIES:,} files in the archive", source=source
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, struct.error):
        raise InputError("damaged DOCX file (not a readable ZIP archive)", source=source) from None
    if len(archive.infolist()) > MAX_ZIP_ENTRIES:
        archive.close()
        raise InputError(
            f"refused: more than {MAX_ZIP_ENTRIES:,} files in the archive", source=source
        )
    return archive


def open_zip_part(
    archive: zipfile.ZipFile, name: str, *, source: str, budget: ReadBudget
) -> bytes | None:
    """The unpacked bytes of part `name` (None if absent), read in bounded steps.

    The size in the archive's directory is not trusted: what is unpacked is counted, and
    the read stops at the part limit or when the document's total budget runs out.
    """
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.flag_bits & 0x1:
        raise InputError(f"refused: {name} is encrypted (password-protected)", source=source)
    limit = min(MAX_ZIP_PART_BYTES, max(budget.unpacked, 0))

    def too_big(size: str) -> InputError:
        if limit < MAX_ZIP_PART_BYTES:  # the document's allowance ran out first
            return InputError(
                f"refused: {name} takes the document past {mb(MAX_ZIP_TOTAL_BYTES)} MB unpacked",
                source=source,
            )
        return InputError(
            f"refused: {name} unpacks to {size} MB, over the {mb(MAX_ZIP_PART_BYTES)} MB "
            "limit for one part",
            source=source,
        )

    if info.file_size > limit:
        raise too_big(mb(info.file_size))
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as handle:
            while True:
                chunk = handle.read(min(1 * MB, limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    raise too_big(f"more than {mb(limit)}")
    except InputError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise InputError(f"damaged DOCX file ({name}: {exc})", source=source) from None
    except (NotImplementedError, RuntimeError) as exc:  # unknown compression, encryption
        raise InputError(f"unreadable DOCX part {name} ({exc})", source=source) from None
    budget.take_bytes(size, name)
    return b"".join(chunks)


def read_docx_part(path: Path, name: str = "word/document.xml") -> bytes | None:
    """One part of a Word file, read under every limit above (None when it has none).

    For readers that only need to look at one part (format sniffing, a table reader): the
    same guards as the full DOCX importer, in one call.
    """
    source = str(path)
    with open_zip(read_input(path, source=source), source) as archive:
        return open_zip_part(archive, name, source=source, budget=ReadBudget(source))


# --- PDF ----------------------------------------------------------------------------------

_PDF_OBJ = re.compile(rb"(\d{1,10})\s+(\d{1,5})\s+obj\b")
_XREF_ENTRY = re.compile(rb"\d{10} \d{5} [fn]")


@dataclass
class PdfStats:
    """What the raw pre-scan found."""

    objects: int
    object_text: int


def check_pdf(data: bytes, source: str) -> PdfStats:
    """Refuse a PDF whose raw objects are too many or too large, before any parser runs.

    Object text (dictionaries and arrays) becomes Python objects in pdfminer at ~30 bytes
    per byte of text, and every cross-reference entry a dictionary slot: both are bounded
    here, on the bytes, in a few hundred milliseconds for the largest file allowed.
    """
    if not data.startswith(b"%PDF"):
        raise InputError("not a PDF file", source=source)
    starts = [match.start() for match in _PDF_OBJ.finditer(data)]
    entries = sum(1 for _ in _XREF_ENTRY.finditer(data))
    objects = max(len(starts), entries)
    if objects > MAX_PDF_OBJECTS:
        raise InputError(f"refused: more than {MAX_PDF_OBJECTS:,} PDF objects", source=source)
    text = 0
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(data)
        body = _object_text(data, start, end)
        if body > MAX_PDF_OBJECT_BYTES:
            raise InputError(
                f"refused: a PDF object of {mb(body)} MB (over {mb(MAX_PDF_OBJECT_BYTES)} MB)",
                source=source,
            )
        text += body
    if text > MAX_PDF_OBJECT_TEXT:
        raise InputError(
            f"refused: {mb(text)} MB of PDF object text (over {mb(MAX_PDF_OBJECT_TEXT)} MB)",
            source=source,
        )
    return PdfStats(objects=objects, object_text=text)


_STREAM = re.compile(rb"stream\r?\n")
_FILTER_ENTRY = re.compile(rb"/Filter\s*(\[[^\]]*\]|/\w+)")
_FILTER_NAME = re.compile(rb"/(\w+)")
# Filters text reading never decodes: images stay compressed.
_IMAGE_FILTERS = {b"DCTDecode", b"DCT", b"JPXDecode", b"JBIG2Decode", b"CCITTFaxDecode", b"CCF"}


def check_pdf_streams(data: bytes, source: str) -> None:
    """Refuse a PDF whose streams unpack or draw past the limits, before a C library reads it.

    pdfium decodes and draws in C, where no Python guard reaches, so the raw file is checked
    first: every stream is unpacked through its filter chain (Flate, LZW, ASCII85,
    ASCIIHex, RunLength) with bounded decoders, one at a time, counting the total; character
    maps are bounded in the codes they expand to; and the drawing of form XObjects is
    bounded: a stream that draws objects many times, or forms that draw forms, may not
    multiply past the objects one page may draw. Images are left alone. An encrypted file's
    streams can only be unpacked after decryption: they are read through the guarded
    pdfminer instead (`_check_encrypted`).
    """
    if re.search(rb"/Encrypt\s", data[-4096:]) or b"/Encrypt" in data[:4096]:
        _check_encrypted(data, source)
        return
    from eu_posities.importers import pdfguard

    decoded = 0
    fan_out = 1  # how many times the most nested form may be drawn, forms within forms
    for match in _STREAM.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            break
        head = data[max(0, match.start() - 2048) : match.start()]
        head = head[head.rfind(b"obj") + 3 :] if b"obj" in head else head
        entry = _FILTER_ENTRY.search(head)
        filters = _FILTER_NAME.findall(entry.group(1)) if entry else []
        if _IMAGE_FILTERS & set(filters):
            continue
        room = MAX_PDF_DECODED_BYTES - decoded
        limit = min(MAX_PDF_STREAM_BYTES, room)
        try:
            stream = _unpack(data[start:end], filters, limit)
        except InputError:
            if limit < MAX_PDF_STREAM_BYTES:  # the document's allowance ran out first
                raise InputError(
                    f"refused: the PDF's streams unpack to more than "
                    f"{mb(MAX_PDF_DECODED_BYTES)} MB",
                    source=source,
                ) from None
            raise InputError(
                f"refused: a PDF stream unpacks to more than {mb(limit)} MB", source=source
            ) from None
        decoded += len(stream)
        if b"begincmap" in stream or b"beginbfrange" in stream or b"begincidrange" in stream:
            entries = pdfguard.cmap_range_entries(stream)
            if entries > MAX_PDF_CMAP_ENTRIES:
                raise InputError(
                    f"refused: a PDF character map expands to {entries:,} codes "
                    f"(over {MAX_PDF_CMAP_ENTRIES:,})",
                    source=source,
                )
        draws = len(_DRAW.findall(stream))
        if draws > MAX_PDF_PAGE_OBJECTS:
            raise InputError(
                f"refused: a page draws more than {MAX_PDF_PAGE_OBJECTS:,} objects", source=source
            )
        if draws and _FORM.search(head):
            fan_out *= draws
            if fan_out > MAX_PDF_PAGE_OBJECTS:
                raise InputError(
                    f"refused: forms drawing forms: a page draws more than "
                    f"{MAX_PDF_PAGE_OBJECTS:,} objects",
                    source=source,
                )


_DRAW = re.compile(rb"(?<![A-Za-z])Do(?![A-Za-z])")
_FORM = re.compile(rb"/Subtype\s*/Form")


def _check_encrypted(data: bytes, source: str) -> None:
    """An encrypted PDF's streams, decrypted and unpacked by the guarded pdfminer."""
    from pdfminer.pdftypes import PDFStream

    with open_pdf(data, source) as pdf:
        document = pdf.doc
        for xref in document.xrefs:
            for objid in xref.get_objids():
                try:
                    obj = document.getobj(objid)
                except InputError:
                    raise
                except Exception:  # noqa: BLE001 - a damaged object: the reader decides
                    continue
                if isinstance(obj, PDFStream):
                    obj.get_data()  # bounded by pdfguard: refuses past the limits


def _unpack(raw: bytes, filters: list[bytes], limit: int) -> bytes:
    """`raw` through its filters, never more than `limit` bytes at any step."""
    from eu_posities.importers import pdfguard

    data = raw
    for name in filters:
        if name in (b"FlateDecode", b"Fl"):
            data = _inflate_bounded(data, limit)
        elif name in (b"LZWDecode", b"LZW"):
            data = pdfguard._lzw(data, limit)
        elif name in (b"ASCII85Decode", b"A85"):
            if 4 * data.count(b"z") + len(data) * 4 // 5 + 4 > limit:
                raise InputError("too big")
            data = _ascii85(data)
        elif name in (b"ASCIIHexDecode", b"AHx"):
            data = bytes.fromhex(
                re.sub(rb"[^0-9A-Fa-f]", b"", data.split(b">")[0]).decode() + "0" * 0
            )
        elif name in (b"RunLengthDecode", b"RL"):
            if pdfguard._runlength_size(data) > limit:
                raise InputError("too big")
            return data  # the last step that matters: its size is known without decoding
        else:
            return data  # Crypt, an unknown filter: the reader decides
        if len(data) > limit:
            raise InputError("too big")
    return data


def _ascii_hex(data: bytes) -> bytes:
    digits = re.sub(rb"[^0-9A-Fa-f]", b"", data.split(b">")[0]).decode()
    return bytes.fromhex(digits + "0" * (len(digits) % 2))


def _ascii85(data: bytes) -> bytes:
    import base64

    body = data.strip()
    body = body[2:] if body.startswith(b"<~") else body
    body = body.split(b"~>")[0]
    try:
        return base64.a85decode(re.sub(rb"\s", b"", body))
    except ValueError:
        return b""  # damaged: nothing more to unpack here


def _inflate_bounded(raw: bytes, limit: int) -> bytes:
    """Unpack a Flate stream to at most `limit` bytes; a damaged one counts what came out."""
    inflater = zlib.decompressobj()
    out = bytearray()
    for start in range(0, len(raw), 1 << 16):
        try:
            out += inflater.decompress(raw[start : start + (1 << 16)], limit + 1 - len(out))
        except zlib.error:
            break  # encrypted or damaged: the reader decides; nothing more unpacks here
        if len(out) > limit:
            raise InputError("too big")
        if inflater.eof:
            break
    return bytes(out)


def _object_text(data: bytes, start: int, end: int) -> int:
    """Bytes of the object at `start` (up to `endobj`, or `end`) outside its stream data."""
    stream = data.find(b"stream", start, end)
    if stream < 0:
        close = data.find(b"endobj", start, end)
        return (close if close >= 0 else end) - start
    finish = data.find(b"endstream", stream + 6, end)
    if finish < 0:
        return stream - start
    close = data.find(b"endobj", finish, end)
    return stream - start + (close if close >= 0 else end) - finish


@contextmanager
def open_pdf(data: bytes, source: str) -> Iterator[Any]:
    """A pdfplumber PDF over `data`, pre-scanned and with every stream decoded under limits.

    Errors raised inside pdfminer because of a limit come out as the `InputError` they are.
    """
    from eu_posities.importers import pdfguard

    stats = check_pdf(data, source)
    with pdfguard.budget(source, object_text=stats.object_text), pdfguard.unwrapped():
        import pdfplumber

        pdf = pdfplumber.open(io.BytesIO(data))
        try:
            pdfguard.check_page_count(pdf, source, MAX_PDF_PAGES)
            yield pdf
        finally:
            if "_pages" in vars(pdf):  # closing loads every page otherwise
                pdf.close()


def pdf_tables(page: Any) -> list[Any]:
    """`page.extract_tables()`, refused when the rulings would make table finding explode."""
    from eu_posities.importers import pdfguard

    pdfguard.check_tables(page)
    return list(page.extract_tables())


def pdf_pages(pdf: Any, indexes: Iterable[int] | None = None) -> Iterator[Any]:
    """The pages of an open PDF (those of `indexes`, 0-based, if given), each laid out under
    the page budget and freed after use.

    pdfplumber caches every page's layout (about 2 KB per character); a document of a few
    hundred pages then holds gigabytes. Use each page inside the loop only.
    """
    from eu_posities.importers import pdfguard

    chosen = pdf.pages if indexes is None else [pdf.pages[i] for i in indexes]
    for page in chosen:
        pdfguard.lay_out(page)
        try:
            yield page
        finally:
            page.close()
