"""Read a PDF page by page into glyphs, filled rectangles and stroked lines (pypdfium2).

Coordinates are in points with the origin at the top left of the page as displayed (the
page's /Rotate applied), `top` growing downwards, like pdfplumber's. See the package
docstring for the API.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from eu_posities.errors import InputError
from eu_posities.importers.pdf.shapes import Rule, View, read_shapes

MAX_PAGES = 5000


class Glyph(NamedTuple):
    """One character as printed: its text, box, baseline and font.

    `x0`/`x1` span its advance (up to the next character of its span), `top`/`bottom` the
    font's em box (`bottom - top == size`, `bottom` the descent below `baseline`).
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    font: str
    bold: bool
    italic: bool


class Span(NamedTuple):
    """Characters printed in one go: one text object of the page, on one baseline.

    `x` holds one left edge per character of `text` and, last, the span's right edge, so
    character i runs from `x[i]` to `x[i + 1]`. A space pdfium inferred from a gap inside
    the span is a character of `text` too.
    """

    text: str
    x: tuple[float, ...]
    top: float
    bottom: float
    baseline: float
    size: float
    font: str
    bold: bool
    italic: bool

    @property
    def x0(self) -> float:
        return self.x[0]

    @property
    def x1(self) -> float:
        return self.x[-1]

    def glyphs(self) -> list[Glyph]:
        x = self.x
        return [
            Glyph(
                char,
                x[i],
                x[i + 1],
                self.top,
                self.bottom,
                self.baseline,
                self.size,
                self.font,
                self.bold,
                self.italic,
            )  # fmt: skip
            for i, char in enumerate(self.text)
        ]


@dataclass(frozen=True, slots=True)
class Page:
    """One page: `number` counts from 1; spans in the order of the content stream."""

    number: int
    width: float
    height: float
    spans: tuple[Span, ...]
    rects: tuple[Rule, ...]
    lines: tuple[Rule, ...]

    @property
    def glyphs(self) -> list[Glyph]:
        """Every character of the page (built on each access: keep the result)."""
        return [glyph for span in self.spans for glyph in span.glyphs()]

    @property
    def has_text(self) -> bool:
        return any(not span.text.isspace() for span in self.spans)


# Font name, bold, italic, descent as a share of the size.
_Font = tuple[str, bool, bool, float]

_BOLD = re.compile(r"bold|black|heavy|demi|semibold|,b$", re.IGNORECASE)
_ITALIC = re.compile(r"italic|oblique|,i$|,bi$", re.IGNORECASE)
_SUBSET = re.compile(r"^[A-Z]{6}\+")
# pdfium reports a hyphen at a line end as U+FFFE or U+0002; ligatures as one code point.
_REPAIR = {"\ufffe": "-", "\x02": "-", "\xad": "-", "\ufb01": "fi", "\ufb02": "fl",
           "\ufb00": "ff", "\ufb03": "ffi", "\ufb04": "ffl"}  # fmt: skip
_FORCE_BOLD = 1 << 18
_RENDER_FILL_STROKE = 2


def open_pdf(source: Path | bytes, name: str = "") -> Any:
    """Open a PDF with pypdfium2; a damaged or encrypted file is an `InputError`."""
    import pypdfium2 as pdfium

    label = name or (str(source) if isinstance(source, Path) else "")
    try:
        return pdfium.PdfDocument(source if isinstance(source, bytes) else str(source))
    except pdfium.PdfiumError as exc:
        reason = "password-protected" if "password" in str(exc).lower() else "damaged or unreadable"
        raise InputError(f"{reason} PDF", source=label or None) from None


def page_count(source: Path | bytes) -> int:
    """Number of pages, without reading any of them."""
    pdf = open_pdf(source)
    try:
        return len(pdf)
    finally:
        pdf.close()


def read_pages(
    source: Path | bytes, *, name: str = "", max_pages: int = MAX_PAGES
) -> Iterator[Page]:
    """Yield the pages of a PDF one at a time; each page's pdfium objects are freed at once."""
    pdf = open_pdf(source, name)
    try:
        count = len(pdf)
        if count > max_pages:
            raise InputError(f"more than {max_pages} pages", source=name or None)
        fonts: dict[int, _Font] = {}
        for index in range(count):
            page = pdf[index]
            try:
                yield _read_page(page, index + 1, fonts)
            finally:
                page.close()
    finally:
        pdf.close()


def _read_page(page: Any, number: int, fonts: dict[int, _Font]) -> Page:
    view = View(page)
    textpage = page.get_textpage()
    try:
        spans = _spans(textpage, view, fonts)
    finally:
        textpage.close()
    rects, lines = read_shapes(page.raw, view)
    return Page(number, view.width, view.height, tuple(spans), tuple(rects), tuple(lines))


def _page_text(raw: Any, count: int) -> str:
    import pypdfium2.raw as pdfium_c

    buffer = ctypes.create_string_buffer((count + 1) * 2)
    pdfium_c.FPDFText_GetText(raw, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: count * 2].decode("utf-16-le", errors="replace")
    if len(text) != count:  # characters outside the BMP: fall back to one call each
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 32) for i in range(count))
    return text


def _spans(textpage: Any, view: View, fonts: dict[int, _Font]) -> list[Span]:
    import pypdfium2.raw as pdfium_c

    from eu_posities.importers.pdf import _pdfium

    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    if count <= 0:
        return []
    text = _page_text(raw, count)
    handle = _pdfium.address(raw)
    x, y = ctypes.c_double(), ctypes.c_double()
    px, py = ctypes.pointer(x), ctypes.pointer(y)
    text_object, char_origin = _pdfium.text_object, _pdfium.char_origin
    ax, bx, cx, ay, by, cy = view.affine
    objects: dict[int, tuple[str, float, bool, bool, float]] = {}
    spans: list[Span] = []
    chars: list[str] = []
    xs: list[float] = []
    current, baseline, gap, last_index = 0, 0.0, False, 0
    box = pdfium_c.FS_RECTF()
    box_address = ctypes.addressof(box)

    def close() -> None:
        font, size, bold, italic, descent = objects[current]
        # The span ends where its last character's advance ends.
        _pdfium.loose_char_box(handle, last_index, box_address)
        ends = view.box(box.left, box.bottom, box.right, box.top)
        end = ends[2] if xs[-1] < ends[2] <= xs[-1] + 2 * size else xs[-1] + 0.5 * size
        bottom = baseline + descent
        spans.append(Span("".join(chars), (*xs, end), bottom - size, bottom, baseline, size,
                          font, bold, italic))  # fmt: skip

    for index in range(count):
        key = text_object(handle, index)
        if not key:
            # pdfium's own characters: a space it inferred from a gap is kept, a line
            # break is not (lines are rebuilt from positions).
            gap = gap or text[index] == " "
            continue
        char_origin(handle, index, px, py)
        ux, uy = x.value, y.value
        gx, gy = ax * ux + bx * uy + cx, ay * ux + by * uy + cy
        if key != current or abs(gy - baseline) > 0.5 or (xs and gx < xs[-1]):
            if chars:
                close()
            if key not in objects:
                objects[key] = _object_info(raw, index, key, fonts)
            current, baseline, chars, xs = key, gy, [], []
        elif gap:
            chars.append(" ")
            xs.append(gx)
        gap = False
        char = text[index]
        chars.append(_REPAIR.get(char, char))
        xs.append(gx)
        last_index = index
    if chars:
        close()
    return spans


def _object_info(
    raw: Any, index: int, key: int, fonts: dict[int, _Font]
) -> tuple[str, float, bool, bool, float]:
    """Font name, size, bold, italic and descent (points below the baseline)."""
    import pypdfium2.raw as pdfium_c

    from eu_posities.importers.pdf import _pdfium

    obj = _pdfium.as_object(key)
    size = float(pdfium_c.FPDFText_GetFontSize(raw, index)) or 1.0
    font = pdfium_c.FPDFTextObj_GetFont(obj)
    font_key = _pdfium.address(font)
    known = fonts.get(font_key)
    if known is None:
        known = fonts[font_key] = _font_info(font)
    name, bold, italic, descent = known
    if pdfium_c.FPDFTextObj_GetTextRenderMode(obj) == _RENDER_FILL_STROKE:
        bold = True  # bold faked by stroking the outline
    return name, size, bold, italic, descent * size


def _font_info(font: Any) -> tuple[str, bool, bool, float]:
    import pypdfium2.raw as pdfium_c

    buffer = ctypes.create_string_buffer(256)
    length = pdfium_c.FPDFFont_GetBaseFontName(font, buffer, 256) if font else 0
    name = _SUBSET.sub("", buffer.value.decode("latin-1")) if length else ""
    weight = pdfium_c.FPDFFont_GetWeight(font) if font else -1
    flags = pdfium_c.FPDFFont_GetFlags(font) if font else 0
    angle = ctypes.c_int()
    slanted = bool(font) and bool(pdfium_c.FPDFFont_GetItalicAngle(font, angle)) and angle.value
    bold = bool(_BOLD.search(name)) or weight >= 600 or bool(flags & _FORCE_BOLD)
    italic = bool(_ITALIC.search(name)) or bool(slanted)
    descent = ctypes.c_float()
    ratio = 0.216  # Times New Roman's, when the font does not say
    known = bool(font) and pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(1.0), descent)
    if known and -0.5 < descent.value < 0:
        ratio = -descent.value
    return name, bold, italic, ratio
