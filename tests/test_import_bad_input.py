"""Hostile and broken input: every failure is an InputError naming the file and the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from eu_posities.errors import InputError
from eu_posities.importers import parse_file

DATA = Path(__file__).parent / "data"

XXE = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<akomaNtoso>&e;</akomaNtoso>'
_LOL = [' <!ENTITY lol "lol">'] + [
    f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
    for i in range(1, 10)
]
BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n' + "\n".join(_LOL) + "\n]>\n"
    "<ACT><TITLE>&lol9;</TITLE></ACT>"
).encode()


def _fails(path: Path, reason: str, **options: object) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_file(path, **options)
    message = str(caught.value)
    assert str(path) in message, message
    assert reason in message, message
    assert "\n" not in message
    return caught.value


def test_xxe_refused(tmp_path: Path) -> None:
    path = tmp_path / "xxe.xml"
    path.write_bytes(XXE)
    _fails(path, "declares entities")
    _fails(path, "declares entities", fmt="formex")


def test_xxe_in_html_refused(tmp_path: Path) -> None:
    path = tmp_path / "xxe.html"
    path.write_bytes(XXE.replace(b"akomaNtoso", b"html"))
    _fails(path, "declares entities")


def test_entity_expansion_bomb_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xml"
    path.write_bytes(BOMB)
    assert b"<!ENTITY lol9" in BOMB
    _fails(path, "declares entities")


def test_parser_itself_resolves_nothing() -> None:
    """Defence in depth: even past the DOCTYPE check the parser reads no files."""
    from lxml import etree

    from eu_posities.importers.xmlsafe import xml_parser

    root = etree.fromstring(XXE.replace(b"akomaNtoso", b"a"), xml_parser())
    assert "root:" not in "".join(root.itertext())
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(BOMB, xml_parser())


def test_truncated_xml(tmp_path: Path) -> None:
    act = (DATA / "formex" / "reg-2024-903" / "L_202400903EN.000101.fmx.xml").read_bytes()
    path = tmp_path / "truncated.fmx.xml"
    path.write_bytes(act[: len(act) // 2])
    _fails(path, "not well-formed XML")


def test_truncated_akn(tmp_path: Path) -> None:
    akn = (DATA / "akn" / "akn4eu-JOIN-2022-19-regulation-proposal.xml").read_bytes()
    path = tmp_path / "truncated-akn.xml"
    path.write_bytes(akn[:5000])
    _fails(path, "not well-formed XML")


def test_binary_garbage(tmp_path: Path) -> None:
    path = tmp_path / "garbage.bin"
    path.write_bytes(bytes(range(256)) * 40)
    _fails(path, "binary data")


def test_binary_garbage_forced_as_xml(tmp_path: Path) -> None:
    path = tmp_path / "garbage.xml"
    path.write_bytes(b"\x00\x01\x02" * 100)
    _fails(path, "binary data", fmt="akn")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(b"")
    _fails(path, "empty file")
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"  \n\n ")
    _fails(blank, "empty file")


def test_undeclared_latin1_xml_is_decoded(tmp_path: Path) -> None:
    # Made-up test text in a Formex-shaped file, saved as Latin-1 without a declaration.
    path = tmp_path / "latin1.xml"
    path.write_bytes(
        '<ACT><ENACTING.TERMS><ARTICLE IDENTIFIER="001"><TI.ART>Article 1</TI.ART>'
        "<ALINEA>Made-up données protégées.</ALINEA></ARTICLE></ENACTING.TERMS></ACT>".encode(
            "latin-1"
        )
    )
    (stage,) = parse_file(path).stages
    assert stage.provisions[0].text == "Made-up données protégées."


def test_declared_encoding_that_does_not_exist(tmp_path: Path) -> None:
    path = tmp_path / "odd.xml"
    path.write_bytes(b'<?xml version="1.0" encoding="x-no-such-charset"?><ACT/>')
    _fails(path, "unknown character encoding")


def test_declared_encoding_that_does_not_match(tmp_path: Path) -> None:
    path = tmp_path / "mismatch.xml"
    path.write_bytes('<?xml version="1.0" encoding="utf-8"?><ACT>é</ACT>'.encode("latin-1"))
    _fails(path, "not valid utf-8")


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    _fails(DATA / "commission-proposal.eurlex.html", "limit", max_bytes=100_000)


def test_default_size_limit_is_50_mb(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: no 51 MB written to disk
    _fails(path, "over the 50 MB limit")


def test_unrecognised_xml(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_bytes(b"<?xml version='1.0'?><invoice><total>3</total></invoice>")
    _fails(path, "unrecognised XML")


def test_unrecognised_zip(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "archive.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "made-up")
    _fails(path, "not a Word document")


def test_text_without_provisions(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("Dear colleague,\nMade-up letter without any article.\n", encoding="utf-8")
    _fails(path, "no articles")


def test_missing_file_and_unknown_format(tmp_path: Path) -> None:
    _fails(tmp_path / "nowhere.xml", "no such file")
    path = tmp_path / "act.txt"
    path.write_text("Article 1\nMade-up\nText.\n", encoding="utf-8")
    _fails(path, "unknown format", fmt="rtf")


def test_html_with_no_act(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b"<html><body><p>Made-up page, no act here.</p></body></html>")
    _fails(path, "no articles")
