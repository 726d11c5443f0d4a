"""Hostile DOCX, XML, text and folder inputs, generated into a folder at test time.

Every builder is deterministic and writes what it needs under `folder`, returning the path
to import. Nothing binary is committed: the bombs are a few lines of code each.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import hostile_pdf

MB = 1024 * 1024
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def _document(paragraphs: list[str]) -> str:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}">'
    return f"{head}<w:body>{body}</w:body></w:document>"


ARTICLES = ["Article 1", "Subject matter", "This Regulation lays down rules.", "Article 2", "Scope",
            "It applies to providers."]  # fmt: skip


def _docx(path: Path, parts: dict[str, bytes | str], *, method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _streamed_part(archive: zipfile.ZipFile, name: str, chunk: bytes, times: int) -> None:
    """A part of len(chunk) × times bytes, written without holding it in memory."""
    info = zipfile.ZipInfo(name)
    info.compress_type = archive.compression
    with archive.open(info, "w", force_zip64=True) as handle:
        for _ in range(times):
            handle.write(chunk)


def docx_zip_bomb(folder: Path) -> Path:
    """About 1 MB: document.xml unpacks to 1 GB (a paragraph repeated)."""
    path = folder / "zip-bomb.docx"
    head = f'<w:document xmlns:w="{W}"><w:body>'.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as handle:
            handle.write(head)
            chunk = b"<w:p><w:r><w:t>aaaaaaaa</w:t></w:r></w:p>" * 25_000
            for _ in range(1024 * MB // len(chunk)):
                handle.write(chunk)
    return path


def docx_four_parts(folder: Path) -> Path:
    """About 600 KB: four parts of 48 MB each (document, styles, numbering, footnotes)."""
    path = folder / "four-parts.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        for name in ("word/document.xml", "word/styles.xml", "word/numbering.xml",
                     "word/footnotes.xml"):  # fmt: skip
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as handle:
                handle.write(f'<w:document xmlns:w="{W}"><w:body>'.encode())
                chunk = b"<w:p/>" * (MB // 6)
                for _ in range(48):
                    handle.write(chunk)
    return path


def docx_lying_sizes(folder: Path) -> Path:
    """A part whose directory entry claims 100 bytes and which unpacks to 64 MB."""
    path = folder / "lying-sizes.docx"
    _docx(path, {"word/document.xml": _document(ARTICLES) + " " * (64 * MB)})
    data = bytearray(path.read_bytes())
    name = b"word/document.xml"
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        at = data.find(signature + b"")
        while at >= 0:
            name_at = at + (46 if signature == b"PK\x01\x02" else 30)
            if data[name_at : name_at + len(name)] == name:
                data[at + offset : at + offset + 4] = (100).to_bytes(4, "little")
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


def docx_node_bomb(folder: Path) -> Path:
    """12 MB of empty paragraphs: three million XML elements in one part."""
    path = folder / "node-bomb.docx"
    body = "<w:p/>x" * 1_800_000
    document = f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    return _docx(path, {"word/document.xml": document})


def docx_many_entries(folder: Path) -> Path:
    path = folder / "many-entries.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", _document(ARTICLES))
        for number in range(20_000):
            archive.writestr(f"customXml/item{number}.xml", "<a/>")
    return path


def docx_lzma_bomb(folder: Path) -> Path:
    """The same bomb with LZMA compression (zipfile reads it too)."""
    path = folder / "lzma-bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_LZMA) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        _streamed_part(archive, "word/document.xml", b" " * MB, 256)
    return path


def docx_utf16_entity(folder: Path) -> Path:
    """A UTF-16 document part declaring an entity (invisible to a byte search)."""
    xml = (
        '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE w:document [<!ENTITY x "boom">]>'
        + _document(["Article 1", "&x;"]).split("?>", 1)[1]
    )
    return _docx(folder / "utf16-entity.docx", {"word/document.xml": xml.encode("utf-16")})


def docx_encrypted(folder: Path) -> Path:
    """What Word writes for a password-protected document: an OLE2 file, not a ZIP."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[24:26] = (0x3E).to_bytes(2, "little")
    header[26:28] = (3).to_bytes(2, "little")
    header[28:30] = b"\xfe\xff"
    directory = bytearray(512)
    for index, name in enumerate(("Root Entry", "EncryptionInfo", "EncryptedPackage")):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        directory[index * 128 : index * 128 + len(encoded)] = encoded
        directory[index * 128 + 64 : index * 128 + 66] = len(encoded).to_bytes(2, "little")
    path = folder / "encrypted.docx"
    path.write_bytes(bytes(header) + bytes(directory) + bytes(1024))
    return path


def docx_zipcrypto(folder: Path) -> Path:
    """A ZIP whose document part is marked encrypted (ZipCrypto)."""
    path = _docx(folder / "zipcrypto.docx", {"word/document.xml": _document(ARTICLES)})
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset] |= 0x01
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


# --- XML, HTML and text ---------------------------------------------------------------------


def xml_utf7_entity(folder: Path) -> Path:
    """The declaration in ASCII, the entity declaration in UTF-7: no "<!ENTITY" in the bytes."""
    body = (
        b'<?xml version="1.0" encoding="UTF-7"?>\n<!DOCTYPE ACT [+ADw-!ENTITY x "boom"+AD4-]>'
        b"<ACT><TITLE><TI><P>&x;</P></TI></TITLE></ACT>"
    )
    path = folder / "utf7.fmx.xml"
    path.write_bytes(body)
    return path


def xml_utf16_entity(folder: Path) -> Path:
    body = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE ACT [<!ENTITY x "boom">]>'
    body += "<ACT>&x;</ACT>"
    path = folder / "utf16.fmx.xml"
    path.write_bytes(body.encode("utf-16"))
    return path


def xml_node_bomb(folder: Path) -> Path:
    """10 MB of XML that would build 2.6 million nodes."""
    path = folder / "node-bomb.xml"
    path.write_text("<ACT>" + "<P/>x" * 1_300_000 + "</ACT>", encoding="ascii")
    return path


def html_node_bomb(folder: Path) -> Path:
    path = folder / "node-bomb.html"
    path.write_text("<html><body>" + "<p>x" * 2_000_000 + "</body></html>", encoding="ascii")
    return path


def xml_deep(folder: Path) -> Path:
    path = folder / "deep.xml"
    path.write_text("<ACT>" + "<P>" * 100_000 + "x" + "</P>" * 100_000 + "</ACT>")
    return path


def text_many_lines(folder: Path) -> Path:
    path = folder / "many-lines.txt"
    path.write_text("Article 1\nSubject\n" + "a\n" * 700_000, encoding="ascii")
    return path


def text_control_characters(folder: Path) -> Path:
    """UTF-8 text with terminal escapes (clear screen, OSC 8 link, OSC 52 clipboard), C0 and
    C1 controls and a bidi override inside the provisions."""
    text = (
        "Article 1\nSubject matter\x1b[2J\n"
        "This Regulation\x01 lays \x1b]8;;http://example.org\x07down\x1b]8;;\x07 rules\x9b31m "
        "for \u202eproviders\u202c and \x1b]52;c;SGVsbG8=\x07users.\r\n"
        "Article 2\nScope\nIt\x08 applies to the providers of services in the Union.\n"
    )
    path = folder / "control.txt"
    path.write_bytes(text.encode("utf-8"))
    return path


def big_file(folder: Path) -> Path:
    """60 MB, sparse: refused before a byte is read."""
    path = folder / "big.pdf"
    with path.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(60 * MB)
    return path


def fifo(folder: Path) -> Path:
    path = folder / "fifo.xml"
    os.mkfifo(path)
    return path


def device(_folder: Path) -> Path:
    return Path("/dev/zero")


# --- Formex folders -------------------------------------------------------------------------

_ACT = (
    '<?xml version="1.0" encoding="UTF-8"?><ACT><TITLE><TI><P>Regulation</P></TI></TITLE>'
    '<ENACTING.TERMS><ARTICLE IDENTIFIER="001"><TI.ART>Article 1</TI.ART>'
    "<ALINEA>{text}</ALINEA></ARTICLE></ENACTING.TERMS></ACT>"
)


def _manifest(names: list[str]) -> str:
    refs = "".join(f'<REF.PHYS FILE="{name}" TYPE="DOC.XML"/>' for name in names)
    return f'<?xml version="1.0" encoding="UTF-8"?><DOC><FMX>{refs}</FMX></DOC>'


def formex_traversal(folder: Path, target: str) -> Path:
    """A publication whose manifest names `target` (outside the folder)."""
    publication = folder / f"traversal-{abs(hash(target)) % 10_000}"
    publication.mkdir()
    (folder / "secret.xml").write_text(_ACT.format(text="SECRET-OUTSIDE"), encoding="utf-8")
    (publication / "DOC_1.xml").write_text(_manifest([target]), encoding="utf-8")
    return publication / "DOC_1.xml"


def formex_symlink(folder: Path) -> Path:
    publication = folder / "symlinked"
    publication.mkdir()
    (folder / "secret.xml").write_text(_ACT.format(text="SECRET-OUTSIDE"), encoding="utf-8")
    (publication / "DOC_1.xml").write_text(_manifest(["DOC_2.xml"]), encoding="utf-8")
    (publication / "DOC_2.xml").symlink_to(folder / "secret.xml")
    return publication


def formex_fifo(folder: Path) -> Path:
    publication = folder / "with-fifo"
    publication.mkdir()
    (publication / "DOC_1.xml").write_text(_manifest(["DOC_2.xml"]), encoding="utf-8")
    os.mkfifo(publication / "DOC_2.xml")
    return publication


def formex_plain(folder: Path) -> Path:
    publication = folder / "plain"
    publication.mkdir()
    (publication / "DOC_1.xml").write_text(_manifest(["DOC_2.xml"]), encoding="utf-8")
    (publication / "DOC_2.xml").write_text(_ACT.format(text="Inside."), encoding="utf-8")
    return publication


def pdf(name: str) -> Callable[[Path], Path]:
    """A builder writing the PDF attack `name` of hostile_pdf."""

    def build(folder: Path) -> Path:
        path = folder / f"{name}.pdf"
        path.write_bytes(hostile_pdf.ATTACKS[name]())
        return path

    return build


def write_all(folder: Path) -> dict[str, Path]:
    """Every hostile input, written into `folder` (`python tests/hostile_files.py DIR`)."""
    builders = {**{f"pdf-{n}": pdf(n) for n in hostile_pdf.ATTACKS}, **CASES}
    return {name: build(folder) for name, build in builders.items()}


CASES: dict[str, Callable[[Path], Path]] = {
    "docx-zip-bomb": docx_zip_bomb,
    "docx-four-parts": docx_four_parts,
    "docx-lying-sizes": docx_lying_sizes,
    "docx-node-bomb": docx_node_bomb,
    "docx-many-entries": docx_many_entries,
    "docx-lzma-bomb": docx_lzma_bomb,
    "docx-utf16-entity": docx_utf16_entity,
    "docx-encrypted": docx_encrypted,
    "docx-zipcrypto": docx_zipcrypto,
    "xml-utf7-entity": xml_utf7_entity,
    "xml-utf16-entity": xml_utf16_entity,
    "xml-node-bomb": xml_node_bomb,
    "html-node-bomb": html_node_bomb,
    "xml-deep": xml_deep,
    "text-many-lines": text_many_lines,
    "big-file": big_file,
    "fifo": fifo,
    "device": device,
    "formex-traversal-existing": lambda f: formex_traversal(f, "../secret.xml"),
    "formex-traversal-missing": lambda f: formex_traversal(f, "../no-such-file.xml"),
    "formex-absolute": lambda f: formex_traversal(f, "/etc/passwd"),
    "formex-symlink": formex_symlink,
    "formex-fifo": formex_fifo,
}

if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    for case, written in write_all(target).items():
        print(case, written)
