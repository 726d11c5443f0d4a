"""Hostile PDFs, written byte by byte (deterministic, nothing binary in the repository).

A tiny PDF writer (objects, cross-reference table, trailer; RC4 encryption for the one case
that needs it) and one function per attack: each returns the bytes of a complete PDF.
"""

from __future__ import annotations

import hashlib
import struct
import zlib

MB = 1024 * 1024
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
# The smallest act: one article with its heading and a sentence (an article with a heading
# and no text is not read as a provision).
TEXT = (
    b"BT /F1 11 Tf 72 720 Td (Article 1) Tj 0 -14 Td (Subject matter) Tj "
    b"0 -14 Td (This Regulation lays down rules.) Tj ET"
)


def stream(data: bytes, extra: bytes = b"") -> tuple[bytes, bytes]:
    """A stream object: its dictionary (with /Length) and its data."""
    return b"<< /Length %d %s>>" % (len(data), extra), data


def flate(data: bytes, *, times: int = 1) -> bytes:
    """`data` repeated `times` times, compressed without building it whole."""
    packer = zlib.compressobj(9)
    out = [packer.compress(data) for _ in range(times)]
    out.append(packer.flush())
    return b"".join(out)


def write_pdf(
    objects: list[bytes | tuple[bytes, bytes]],
    *,
    trailer: bytes = b"",
    encrypt: _Rc4 | None = None,
    prev_self: bool = False,
    broken_xref: bool = False,
) -> bytes:
    """A PDF of `objects` (numbered from 1; object 1 is the catalog)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        if isinstance(obj, tuple):
            head, data = obj
            if encrypt is not None and number != encrypt.object_number:
                data = encrypt.encrypt(number, data)
                head = head.replace(b"/Length %d" % len(obj[1]), b"/Length %d" % len(data), 1)
            out += b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (number, head, data)
        else:
            out += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    extra = trailer
    if encrypt is not None:
        extra += b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (
            encrypt.object_number,
            encrypt.file_id.hex().encode(),
            encrypt.file_id.hex().encode(),
        )
    if prev_self:  # a cross-reference chain that loops back onto itself
        extra += b" /Prev %d" % xref_at
    # A broken pointer sends pdfminer to its fallback, which reads every object it finds.
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        extra,
        7 if broken_xref else xref_at,
    )
    return bytes(out)


def pages_pdf(
    contents: list[bytes | tuple[bytes, bytes]],
    *,
    resources: bytes = b"",
    extra_objects: list[bytes | tuple[bytes, bytes]] | None = None,
    **options: object,
) -> bytes:
    """Catalog, page tree, a font, one page per content stream, then `extra_objects`.

    Objects: 1 catalog, 2 pages, 3 font, then page/content pairs, then the extras (whose
    numbers `extra_number(len(contents), i)` gives).
    """
    count = len(contents)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(count))
    objects: list[bytes | tuple[bytes, bytes]] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        FONT,
    ]
    for index, content in enumerate(contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> %s >> /Contents %d 0 R >>"
            % (resources, 5 + 2 * index)
        )
        objects.append(content if isinstance(content, tuple) else stream(content))
    objects.extend(extra_objects or [])
    return write_pdf(objects, **options)  # type: ignore[arg-type]


def extra_number(pages: int, index: int) -> int:
    return 4 + 2 * pages + index


# --- the attacks ----------------------------------------------------------------------------


def plain() -> bytes:
    """A harmless two-article PDF: the guards must let it through."""
    body = (
        b"BT /F1 11 Tf 72 720 Td (Article 1) Tj 0 -14 Td (Subject matter) Tj "
        b"0 -14 Td (This Regulation lays down rules.) Tj 0 -28 Td (Article 2) Tj "
        b"0 -14 Td (Scope) Tj 0 -14 Td (It applies to providers.) Tj ET"
    )
    return pages_pdf([body])


def flate_bomb_pages(pages: int = 4, size: int = 1024 * MB) -> bytes:
    """Every page's content unpacks to `size` bytes of spaces (about 1 MB compressed)."""
    bomb = flate(b" " * MB, times=size // MB)
    return pages_pdf([stream(bomb, b"/Filter /FlateDecode") for _ in range(pages)])


def many_mid_streams(count: int = 80, size: int = 3 * MB + MB // 2) -> bytes:
    """Many page contents, each under the limits for one stream, together over the limit for
    the document (each one long comment, quick to interpret)."""
    data = flate(b"%" + b"x" * size + b"\n" + TEXT)
    contents = [stream(data, b"/Filter /FlateDecode") for _ in range(count)]
    return pages_pdf(contents)


def double_flate() -> bytes:
    """A filter chain: the outer Flate is small, the inner one is the bomb."""
    inner = flate(b" " * MB, times=512)
    outer = zlib.compress(inner, 9)
    return pages_pdf([stream(outer, b"/Filter [/FlateDecode /FlateDecode]")])


def lzw_bomb() -> bytes:
    """LZW of one repeated byte: codes grow to 4096 entries, each longer than the last."""
    return pages_pdf([stream(_lzw_repeat(40 * MB), b"/Filter /LZWDecode")])


def _lzw_repeat(size: int) -> bytes:
    """The LZW codes (PDF flavour, early change) of `size` spaces, as an encoder writes them."""
    out = bytearray()
    buffer = bits = 0
    width = 9

    def emit(code: int) -> None:
        nonlocal buffer, bits
        buffer = (buffer << width) | code
        bits += width
        while bits >= 8:
            bits -= 8
            out.append((buffer >> bits) & 0xFF)
        buffer &= (1 << bits) - 1

    emit(256)  # clear the table
    emit(32)  # one space
    table, produced = 258, 1
    while produced < size:
        # The next code is the entry about to be made (a run one longer than the last), or,
        # once codes reach 12 bits, the longest run there is.
        code = table if table < 4096 else 4095
        emit(code)
        produced += code - 256
        table += 1
        if table in (511, 1023, 2047):
            width += 1
    emit(257)  # end of data
    if bits:
        out.append((buffer << (8 - bits)) & 0xFF)
    return bytes(out)


def runlength_bomb() -> bytes:
    """RunLength: every two bytes give 128 bytes."""
    return pages_pdf([stream(b"\x81 " * (400 * 1024) + b"\x80", b"/Filter /RunLengthDecode")])


def ascii85_bomb() -> bytes:
    """ASCII85: every "z" is four zero bytes."""
    return pages_pdf([stream(b"z" * (12 * MB) + b"~>", b"/Filter /ASCII85Decode")])


def object_stream_bomb() -> bytes:
    """An object stream that unpacks to millions of tiny objects (empty arrays), read by
    pdfminer's fallback when the cross-reference table is broken."""
    body = b"10 0 " + b"[]" * (3 * MB)
    objstm = stream(flate(body), b"/Type /ObjStm /N 1 /First 5 /Filter /FlateDecode")
    return pages_pdf([TEXT], extra_objects=[objstm], broken_xref=True)


def huge_array_object() -> bytes:
    """One object of 3 MB of numbers: pdfminer would make a Python list of 1.5 million."""
    array = b"[" + b"0 " * (3 * MB // 2) + b"]"
    return pages_pdf([TEXT], resources=b"/Junk %d 0 R" % extra_number(1, 0), extra_objects=[array])


def many_objects(count: int = 450_000) -> bytes:
    """More objects than any document has (each a `null`)."""
    return pages_pdf([TEXT], extra_objects=[b"null"] * count)


def many_pages(count: int = 2_500) -> bytes:
    """More pages than the limit, each tiny (all sharing one content stream)."""
    return pages_pdf([TEXT] * count)


def xref_loop() -> bytes:
    """A cross-reference section whose /Prev points back at itself (and 100,000 entries)."""
    return pages_pdf([TEXT], extra_objects=[b"null"] * 100_000, prev_self=True)


def cmap_bomb() -> bytes:
    """A ToUnicode map whose one range covers four billion codes."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
        b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange "
        b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange endcmap end end"
    )
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode %d 0 R >>"
    contents = [b"BT /F2 11 Tf 72 720 Td (Article 1) Tj ET"]
    number = extra_number(1, 0)
    return pages_pdf(
        contents,
        resources=b"/Font << /F2 %d 0 R >>" % (number + 1),
        extra_objects=[stream(cmap), font % number],
    )


def form_repeat(times: int = 200_000) -> bytes:
    """A page that draws one small form 200,000 times (1.2 MB of content)."""
    form = stream(
        b"BT /F1 9 Tf 0 0 Td (abc) Tj ET",
        b"/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /Font << /F1 3 0 R >> >>",
    )
    number = extra_number(1, 0)
    return pages_pdf(
        [b"/X Do " * times],
        resources=b"/XObject << /X %d 0 R >>" % number,
        extra_objects=[form],
    )


def nested_forms(depth: int = 8, fan: int = 10) -> bytes:
    """Forms within forms: each draws the next ten times (10^8 draws in all)."""
    first = extra_number(1, 0)
    forms: list[bytes | tuple[bytes, bytes]] = []
    for level in range(depth):
        if level + 1 < depth:
            body = b"/N Do " * fan
            res = b"/XObject << /N %d 0 R >>" % (first + level + 1)
        else:
            body = b"BT /F1 9 Tf (x) Tj ET"
            res = b"/Font << /F1 3 0 R >>"
        forms.append(
            stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 9 9] /Resources << %s >>" % res)
        )
    return pages_pdf(
        [b"/N Do " * fan], resources=b"/XObject << /N %d 0 R >>" % first, extra_objects=forms
    )


def char_flood() -> bytes:
    """One page showing 3.5 million characters from a 3.5 MB content stream."""
    content = b"BT /F1 1 Tf 0 0 Td (" + b"a" * (3 * MB + MB // 2) + b") Tj ET"
    return pages_pdf([stream(flate(content), b"/Filter /FlateDecode")])


def _dense_page(count: int) -> tuple[bytes, bytes]:
    lines = [
        b"BT /F1 11 Tf 72 760 Td (Article 1) Tj 0 -12 Td (Subject matter) Tj "
        b"0 -12 Td (This Regulation lays down rules.) Tj ET"
    ]
    for row in range(count // 100):
        lines.append(b"BT /F1 2 Tf 10 %d Td (%s) Tj ET" % (700 - row // 2, b"word " * 20))
    return stream(flate(b"\n".join(lines)), b"/Filter /FlateDecode")


def chars_near_limit(count: int = 59_000) -> bytes:
    """A page just under the page budget: 59,000 characters in lines of 100."""
    return pages_pdf([_dense_page(count)])


def worst_within_limits() -> bytes:
    """The budgets that hold memory used almost to the end at once: object text (an object
    stream of empty arrays, which pdfminer's fallback reads) and a page of characters.
    (Decoded streams are freed page by page: their budget bounds work, not memory.)"""
    body = b"10 0 " + b"[]" * (MB * 29 // 10)
    objstm = stream(flate(body), b"/Type /ObjStm /N 1 /First 5 /Filter /FlateDecode")
    return pages_pdf([_dense_page(59_000)], extra_objects=[objstm], broken_xref=True)


def line_grid(count: int = 59_000) -> bytes:
    """A page of 59,000 short ruled lines, half across and half down: a table finder that
    compares every line with every other would take hours."""
    lines = [TEXT]
    for index in range(count // 2):
        x, y = 10 + (index % 200) * 3, 10 + (index // 200) * 3
        lines.append(b"%d %d m %d %d l S %d %d m %d %d l S" % (x, y, x + 2, y, x, y, x, y + 2))
    return pages_pdf([stream(flate(b"\n".join(lines)), b"/Filter /FlateDecode")])


def ruled_boxes(count: int = 4_000) -> bytes:
    """A page of 4,000 small ruled boxes: pdfplumber's table finder needs minutes for it."""
    ops = [TEXT]
    for index in range(count):
        ops.append(b"%d %d 4 4 re S" % (5 + (index % 75) * 8, 5 + (index // 75) * 8))
    return pages_pdf([stream(flate(b"\n".join(ops)), b"/Filter /FlateDecode")])


def damaged_flate() -> bytes:
    """A page content of 3 MB whose Flate checksum is broken: pdfminer's own fallback for
    damaged streams takes time quadratic in the size (hours for this one)."""
    content = b"BT /F1 9 Tf 72 720 Td (Article 1) Tj ET\n" + b"% filler line\n" * (3 * MB // 14)
    good = zlib.compress(content, 1)
    broken = good[:-4] + bytes(b ^ 0xFF for b in good[-4:])
    return pages_pdf([stream(broken, b"/Filter /FlateDecode")])


def garbage() -> bytes:
    return b"%PDF-1.7\n" + bytes((i * 7919) % 251 for i in range(200_000))


# --- encryption (RC4, security handler revision 2, empty user password) -------------------

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    box = list(range(256))
    j = 0
    for i in range(256):
        j = (j + box[i] + key[i % len(key)]) % 256
        box[i], box[j] = box[j], box[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + box[i]) % 256
        box[i], box[j] = box[j], box[i]
        out.append(byte ^ box[(box[i] + box[j]) % 256])
    return bytes(out)


class _Rc4:
    """The standard security handler, revision 2 (40-bit RC4), user password empty."""

    def __init__(self, object_number: int) -> None:
        self.object_number = object_number
        self.file_id = hashlib.md5(b"eu-posities hostile").digest()
        self.owner = _rc4(hashlib.md5(_PAD).digest()[:5], _PAD)
        self.permissions = -4
        digest = hashlib.md5(
            _PAD + self.owner + struct.pack("<i", self.permissions) + self.file_id
        ).digest()
        self.key = digest[:5]
        self.user = _rc4(self.key, _PAD)

    def dictionary(self) -> bytes:
        return b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (
            self.owner.hex().encode(),
            self.user.hex().encode(),
            self.permissions,
        )

    def encrypt(self, number: int, data: bytes) -> bytes:
        key = hashlib.md5(self.key + struct.pack("<i", number)[:3] + b"\x00\x00").digest()[:10]
        return _rc4(key, data)


def encrypted_bomb() -> bytes:
    """Encrypted (empty user password): the bomb is visible only after decryption."""
    bomb = flate(b" " * MB, times=1024)
    handler = _Rc4(object_number=6)
    return pages_pdf(
        [stream(bomb, b"/Filter /FlateDecode")],
        extra_objects=[handler.dictionary()],
        encrypt=handler,
    )


def encrypted_plain() -> bytes:
    """The same encryption around a harmless page: it must still import."""
    handler = _Rc4(object_number=6)
    body = TEXT
    return pages_pdf([body], extra_objects=[handler.dictionary()], encrypt=handler)


ATTACKS = {
    "plain": plain,
    "encrypted-plain": encrypted_plain,
    "flate-bomb-pages": flate_bomb_pages,
    "many-mid-streams": many_mid_streams,
    "double-flate": double_flate,
    "lzw-bomb": lzw_bomb,
    "runlength-bomb": runlength_bomb,
    "ascii85-bomb": ascii85_bomb,
    "object-stream-bomb": object_stream_bomb,
    "huge-array-object": huge_array_object,
    "many-objects": many_objects,
    "many-pages": many_pages,
    "xref-loop": xref_loop,
    "cmap-bomb": cmap_bomb,
    "form-repeat": form_repeat,
    "nested-forms": nested_forms,
    "char-flood": char_flood,
    "chars-near-limit": chars_near_limit,
    "worst-within-limits": worst_within_limits,
    "line-grid": line_grid,
    "ruled-boxes": ruled_boxes,
    "damaged-flate": damaged_flate,
    "garbage": garbage,
    "encrypted-bomb": encrypted_bomb,
}
