"""pdfminer under limits: bounded stream decoding, cross-reference chains and page drawing.

pdfminer (through pdfplumber) decodes every stream in full the moment it is used (a 4 MB
PDF of Flate bombs unpacks to gigabytes), follows `/Prev` chains of cross-reference sections
without end, expands character-map ranges of four billion codes, and draws whatever a page's
content stream asks, forms within forms. (The pdfium reader of marked texts is guarded by
`limits.check_pdf_streams` before it opens a file; an encrypted file is checked here.)

Four guards, installed once into pdfminer (they replace two methods and one class; the
behaviour within the limits is pdfminer's own, tested on the real documents):
- `PDFStream.decode` decodes with bounded decoders: no stream beyond
  `MAX_PDF_STREAM_BYTES`, no document beyond `MAX_PDF_DECODED_BYTES`, object streams and
  character maps checked before pdfminer turns them into Python objects;
- `PDFDocument.read_xref_from` reads each cross-reference section once, at most
  `MAX_PDF_XREF_SECTIONS`;
- RC4 decryption through the `cryptography` package (a dependency of pdfminer) instead of
  pdfminer's pure-Python Arcfour, about 25 s per megabyte of encrypted streams: the same
  bytes, in C;
- `lay_out` draws a page with a counting device and interpreter: content interpreted and
  objects drawn per page and per document are bounded.
Limits apply per document through a context variable (`budget`); outside one, each stream
still gets the per-stream limits.
"""

from __future__ import annotations

import contextvars
import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from eu_posities.errors import InputError
from eu_posities.importers import limits


@dataclass
class _Budget:
    source: str
    decoded: int = 0
    object_text: int = 0
    content: int = 0
    table_pairs: int = 0
    table_work: int = 0
    object_streams: set[int] = field(default_factory=set)  # counted once, however often read


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("pdf_budget", default=None)


def _current() -> _Budget:
    return _BUDGET.get() or _Budget("PDF")


def _refuse(message: str) -> InputError:
    return InputError(f"refused: {message}", source=_current().source)


def _too_big(limit: int) -> InputError:
    if limit < limits.MAX_PDF_STREAM_BYTES:  # what the document has left, not the stream limit
        total = limits.mb(limits.MAX_PDF_DECODED_BYTES)
        return _refuse(f"the PDF's streams unpack to more than {total} MB together")
    return _refuse(f"a PDF stream unpacks to more than {limits.mb(limit)} MB")


@contextmanager
def budget(source: str, *, object_text: int = 0) -> Iterator[None]:
    """Count everything decoded and drawn inside the block against one document's limits."""
    install()
    token = _BUDGET.set(_Budget(source, object_text=object_text))
    try:
        yield
    finally:
        _BUDGET.reset(token)


@contextmanager
def unwrapped() -> Iterator[None]:
    """pdfplumber wraps every pdfminer error; a refusal of ours is given back as itself."""
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        yield
    except PdfminerException as exc:
        inner = exc.args[0] if exc.args else None
        if isinstance(inner, InputError):
            raise inner from None
        raise


# --- bounded decoders ---------------------------------------------------------------------


def _inflate(data: bytes, limit: int) -> bytes:
    """zlib as pdfminer uses it (a damaged stream keeps what came before the damage),
    without its byte-at-a-time, quadratic fallback and with at most `limit` bytes out."""
    from pdfminer import settings
    from pdfminer.pdfexceptions import PDFException

    inflater = zlib.decompressobj()
    out = bytearray()
    step = 1 << 16
    for start in range(0, len(data), step):
        chunk = data[start : start + step]
        before = inflater.copy()
        try:
            out += inflater.decompress(chunk, limit + 1 - len(out))
        except zlib.error as exc:
            if settings.STRICT:
                raise PDFException(f"Invalid zlib bytes: {exc!r}") from exc
            return _inflate_damaged(before, chunk, start, len(data), out)
        if len(out) > limit:
            raise _too_big(limit)
        if inflater.eof:
            break
    return bytes(out)


def _inflate_damaged(inflater: Any, chunk: bytes, offset: int, total: int, out: bytearray) -> bytes:
    # pdfminer keeps the output only if the damage is in the last 3 bytes (the checksum).
    for index in range(len(chunk)):
        try:
            out += inflater.decompress(chunk[index : index + 1])
        except zlib.error:
            return bytes(out) if offset + index >= total - 3 else b""
    return bytes(out)


def _lzw(data: bytes, limit: int) -> bytes:
    from pdfminer.lzw import LZWDecoder

    out = bytearray()
    for piece in LZWDecoder(io.BytesIO(data)).run():
        out += piece
        if len(out) > limit:
            raise _too_big(limit)
    return bytes(out)


def _runlength_size(data: bytes) -> int:
    size, index = 0, 0
    while index < len(data):
        length = data[index]
        if length == 128:
            break
        if length < 128:
            size += length + 1
            index += length + 2
        else:
            size += 257 - length
            index += 2
    return size


def _ccitt_bound(data: bytes, params: Any) -> int:
    params = params if isinstance(params, dict) else {}
    columns = params.get("Columns", 1728)
    rows = params.get("Rows", 0)
    columns = columns if isinstance(columns, int) and columns > 0 else 1728
    # Each row takes at least one bit, whatever Rows claims.
    most_rows = 8 * len(data)
    rows = min(rows, most_rows) if isinstance(rows, int) and rows > 0 else most_rows
    return rows * ((columns + 7) // 8)


def _check_size(size: int, limit: int) -> None:
    if size > limit:
        raise _too_big(limit)


def _bounded_decode(self: Any) -> None:
    """pdfminer's `PDFStream.decode`, with every filter bounded (installed by `install`)."""
    from pdfminer import pdftypes
    from pdfminer.ascii85 import ascii85decode, asciihexdecode
    from pdfminer.ccitt import ccittfaxdecode
    from pdfminer.pdfexceptions import PDFNotImplementedError
    from pdfminer.runlength import rldecode

    state = _current()
    limit = min(limits.MAX_PDF_STREAM_BYTES, limits.MAX_PDF_DECODED_BYTES - state.decoded)
    if limit < 0:
        raise _too_big(limit)
    data = self.rawdata
    if self.decipher:
        data = self.decipher(self.objid, self.genno, data, self.attrs)
    for name, params in self.get_filters():
        if name in pdftypes.LITERALS_FLATE_DECODE:
            data = _inflate(data, limit)
        elif name in pdftypes.LITERALS_LZW_DECODE:
            data = _lzw(data, limit)
        elif name in pdftypes.LITERALS_ASCII85_DECODE:
            _check_size(4 * data.count(b"z") + len(data) * 4 // 5 + 4, limit)
            data = ascii85decode(data)
        elif name in pdftypes.LITERALS_ASCIIHEX_DECODE:
            data = asciihexdecode(data)
        elif name in pdftypes.LITERALS_RUNLENGTH_DECODE:
            _check_size(_runlength_size(data), limit)
            data = rldecode(data)
        elif name in pdftypes.LITERALS_CCITTFAX_DECODE:
            _check_size(_ccitt_bound(data, params), limit)
            data = ccittfaxdecode(data, params)
        elif (
            name in pdftypes.LITERALS_DCT_DECODE
            or name in pdftypes.LITERALS_JBIG2_DECODE
            or name in pdftypes.LITERALS_JPX_DECODE
        ):
            pass  # images stay compressed: text extraction never decodes them
        elif name == pdftypes.LITERAL_CRYPT:
            raise PDFNotImplementedError("/Crypt filter is unsupported")
        else:
            raise PDFNotImplementedError(f"Unsupported filter: {name!r}")
        if params and "Predictor" in params:
            data = _predict(data, params)  # never longer than its input
        _check_size(len(data), limit)
    state.decoded += len(data)
    _check_parsed_stream(self, data, state)
    self.data = data  # the raw data stays, so that `lay_out` can free this after the page


def _predict(data: bytes, params: Any) -> bytes:
    from pdfminer.pdfexceptions import PDFNotImplementedError
    from pdfminer.pdftypes import int_value
    from pdfminer.utils import apply_png_predictor, apply_tiff_predictor

    predictor = int_value(params["Predictor"])
    if predictor == 1:
        return data
    colors = int_value(params.get("Colors", 1))
    columns = int_value(params.get("Columns", 1))
    bits = int_value(params.get("BitsPerComponent", 8))
    if predictor == 2:
        return bytes(apply_tiff_predictor(colors, columns, bits, data))
    if predictor >= 10:
        return bytes(apply_png_predictor(predictor, colors, columns, bits, data))
    raise PDFNotImplementedError(f"Unsupported predictor: {predictor!r}")


def _check_parsed_stream(stream: Any, data: bytes, state: _Budget) -> None:
    """Object streams and character maps become Python objects: bound them first."""
    from pdfminer.pdfdocument import LITERAL_OBJSTM

    if stream.attrs.get("Type") is LITERAL_OBJSTM:
        # Counted once per object (pdfminer's fallback parses each one a first time without
        # a number, and lets it go); none may be bigger than the whole allowance.
        if stream.objid is not None and stream.objid not in state.object_streams:
            state.object_streams.add(stream.objid)
            state.object_text += len(data)
        if max(len(data), state.object_text) > limits.MAX_PDF_OBJECT_TEXT:
            raise _refuse(
                f"more than {limits.mb(limits.MAX_PDF_OBJECT_TEXT)} MB of PDF object text"
            )
    if b"beginbfrange" in data or b"begincidrange" in data:
        entries = cmap_range_entries(data)
        if entries > limits.MAX_PDF_CMAP_ENTRIES:
            raise _refuse(
                f"a PDF character map expands to {entries:,} codes "
                f"(over {limits.MAX_PDF_CMAP_ENTRIES:,})"
            )


def cmap_range_entries(data: bytes) -> int:
    """How many codes the `bfrange`/`cidrange` sections of a character map expand to."""
    from pdfminer.psparser import PSEOF, PSBaseParser, PSKeyword

    parser = PSBaseParser(io.BytesIO(data))
    total = 0
    strings: list[bytes] | None = None
    while True:
        try:
            _pos, token = parser.nexttoken()
        except PSEOF:
            break
        if isinstance(token, PSKeyword):
            name = token.name
            if name in (b"beginbfrange", b"begincidrange"):
                strings = []
            elif name in (b"endbfrange", b"endcidrange"):
                strings = None
            elif strings is not None and name == b"[":
                strings.append(b"")  # a code array counts as the third item of a range
            continue
        if strings is None:
            continue
        strings.append(token if isinstance(token, bytes) else b"")
        if len(strings) == 3:
            start, end, _code = strings
            strings = []
            if start and end and len(start) == len(end):
                first = int.from_bytes(start[-4:], "big")
                last = int.from_bytes(end[-4:], "big")
                total += max(0, last - first + 1)
    return total


# --- cross-reference chains -----------------------------------------------------------------


def _guard_xref(original: Any) -> Any:
    def read_xref_from(self: Any, parser: Any, start: int, xrefs: list[Any]) -> None:
        seen: set[int] = parser.__dict__.setdefault("_eup_xref_seen", set())
        if start in seen:
            return  # a loop in the chain: every section has been read once
        if len(seen) >= limits.MAX_PDF_XREF_SECTIONS:
            raise _refuse(
                f"more than {limits.MAX_PDF_XREF_SECTIONS} cross-reference sections in the PDF"
            )
        seen.add(start)
        original(self, parser, start, xrefs)

    read_xref_from.eup_guard = True  # type: ignore[attr-defined]
    return read_xref_from


class _Arcfour:
    """pdfminer's `Arcfour` interface on the C implementation. PDF keys are 5 to 16 bytes;
    `cryptography` takes 5, 7, 8, 10 or 16 of them, the others are done here in Python, in
    linear time (pdfminer's own concatenates bytes one at a time: quadratic)."""

    def __init__(self, key: bytes) -> None:
        from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4

        key = bytes(key)
        self._cipher: Any = None
        if len(key) * 8 in ARC4.key_sizes:
            from cryptography.hazmat.primitives.ciphers import Cipher

            self._cipher = Cipher(ARC4(key), mode=None).encryptor()
            return
        box = list(range(256))
        j = 0
        for i in range(256):
            j = (j + box[i] + key[i % len(key)]) % 256
            box[i], box[j] = box[j], box[i]
        self._box, self._i, self._j = box, 0, 0

    def process(self, data: bytes) -> bytes:
        if self._cipher is not None:
            return bytes(self._cipher.update(data))
        box, i, j = self._box, self._i, self._j
        out = bytearray(data)
        for n in range(len(out)):
            i = (i + 1) % 256
            j = (j + box[i]) % 256
            box[i], box[j] = box[j], box[i]
            out[n] ^= box[(box[i] + box[j]) % 256]
        self._i, self._j = i, j
        return bytes(out)

    encrypt = decrypt = process


def install() -> None:
    """Put the guards into pdfminer (once per process)."""
    from pdfminer import pdfdocument
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdftypes import PDFStream

    pdfdocument.Arcfour = _Arcfour  # type: ignore[misc,assignment]

    if not getattr(PDFStream.decode, "eup_guard", False):
        _bounded_decode.eup_guard = True  # type: ignore[attr-defined]
        PDFStream.decode = _bounded_decode  # type: ignore[method-assign]
    if not getattr(PDFDocument.read_xref_from, "eup_guard", False):
        PDFDocument.read_xref_from = _guard_xref(PDFDocument.read_xref_from)  # type: ignore[method-assign]


# --- pages ----------------------------------------------------------------------------------


def check_page_count(pdf: Any, source: str, most: int) -> None:
    """Refuse a PDF with more than `most` pages, counting without building them all."""
    from pdfminer.pdfpage import PDFPage

    for count, _page in enumerate(PDFPage.create_pages(pdf.doc), start=1):
        if count > most:
            raise InputError(f"refused: more than {most:,} pages", source=source)


def lay_out(page: Any) -> None:
    """Draw `page` under the page budget and keep the result as pdfplumber's layout."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdftypes import list_value, stream_value
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    state = _current()
    drawn = {"objects": 0, "content": 0}

    def count_object() -> None:
        drawn["objects"] += 1
        if drawn["objects"] > limits.MAX_PDF_PAGE_OBJECTS:
            raise _refuse(
                f"page {page.page_number} draws more than {limits.MAX_PDF_PAGE_OBJECTS:,} objects"
            )

    class Device(PDFPageAggregatorWithMarkedContent):  # type: ignore[misc]
        def render_char(self, *args: Any, **kwargs: Any) -> float:
            count_object()
            return float(super().render_char(*args, **kwargs))

        def paint_path(self, *args: Any, **kwargs: Any) -> None:
            count_object()
            super().paint_path(*args, **kwargs)

        def render_image(self, *args: Any, **kwargs: Any) -> None:
            count_object()
            super().render_image(*args, **kwargs)

        def begin_figure(self, *args: Any, **kwargs: Any) -> None:
            count_object()
            super().begin_figure(*args, **kwargs)

    drawn_streams: list[Any] = []

    class Interpreter(PDFPageInterpreter):  # type: ignore[misc]
        def render_contents(self, resources: Any, streams: Any, ctm: Any = None) -> None:
            for item in list_value(streams):
                content = stream_value(item)
                drawn_streams.append(content)
                size = len(content.get_data())
                if size > limits.MAX_PDF_CONTENT_STREAM_BYTES:
                    raise _refuse(
                        f"a content stream of {limits.mb(size)} MB on page {page.page_number}"
                    )
                drawn["content"] += size
                state.content += size
            if drawn["content"] > limits.MAX_PDF_PAGE_CONTENT_BYTES:
                raise _refuse(
                    f"page {page.page_number} draws more than "
                    f"{limits.mb(limits.MAX_PDF_PAGE_CONTENT_BYTES)} MB of content"
                )
            if state.content > limits.MAX_PDF_CONTENT_BYTES:
                raise _refuse(
                    f"the PDF draws more than {limits.mb(limits.MAX_PDF_CONTENT_BYTES)} MB "
                    "of content"
                )
            if ctm is None:
                super().render_contents(resources, streams)
            else:
                super().render_contents(resources, streams, ctm=ctm)

    pdf = page.pdf
    device = Device(pdf.rsrcmgr, pageno=page.page_number, laparams=pdf.laparams)
    try:
        Interpreter(pdf.rsrcmgr, device).process_page(page.page_obj)
    finally:
        # pdfminer keeps every decoded stream for the document's life; a page's contents are
        # decoded again if another page draws them (and counted again), never all held.
        for content in drawn_streams:
            if content.rawdata is not None:
                content.data = None
    page._layout = device.get_result()


def check_tables(page: Any) -> None:
    """Refuse a page whose rulings would make pdfplumber's table finder run for hours.

    The rulings are merged as pdfplumber merges them (default settings, as the importers
    use); the crossing points are counted only once the pairs to compare are bounded.
    """
    from pdfplumber.table import TableFinder, TableSettings, edges_to_intersections

    state = _current()
    finder = TableFinder.__new__(TableFinder)  # its edges, without its quadratic steps
    finder.page = page
    finder.settings = TableSettings.resolve(None)
    edges = finder.get_edges()
    vertical = sum(1 for edge in edges if edge["orientation"] == "v")
    pairs = vertical * (len(edges) - vertical)
    state.table_pairs += pairs
    if pairs > limits.MAX_PDF_TABLE_PAIRS_PAGE or state.table_pairs > limits.MAX_PDF_TABLE_PAIRS:
        raise _refuse(f"too many table rulings to compare (page {page.page_number})")
    settings = finder.settings
    points = len(
        edges_to_intersections(
            edges, settings.intersection_x_tolerance, settings.intersection_y_tolerance
        )
    )
    state.table_work += points * points
    if points > limits.MAX_PDF_TABLE_POINTS_PAGE or state.table_work > limits.MAX_PDF_TABLE_WORK:
        raise _refuse(f"too many table crossings to read (page {page.page_number})")
