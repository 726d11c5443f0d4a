"""Read a PDF page by page into glyphs, filled rectangles and stroked lines (pypdfium2).

Coordinates are in points with the origin at the top left of the page as displayed (the
page's /Rotate applied), `top` growing downwards, like pdfplumber's. See the package
docstring for the API.
"""

from __future__ import annotations

import ctypes
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any, NamedTuple

from eu_posities.errors import InputError
from eu_posities.importers.limits import MAX_PDF_PAGE_OBJECTS, MAX_PDF_PAGES
from eu_posities.importers.pdf.shapes import Rule, View, read_shapes

MAX_PAGES = MAX_PDF_PAGES  # the importers' one limit (importers.limits)


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
    # False when the characters' positions inside the span are spread evenly (see
    # `read_pages(exact=False)`); its edges are always exact.
    exact: bool = True

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
_REPAIR_SOURCE = {"\ufffe": "-", "\x02": "-", "\xad": "-", "\ufb01": "fi", "\ufb02": "fl",
           "\ufb00": "ff", "\ufb03": "ffi", "\ufb04": "ffl"}  # fmt: skip
_REPAIR_TABLE = str.maketrans(_REPAIR_SOURCE)
_FORCE_BOLD = 1 << 18
_RENDER_FILL_STROKE = 2


def open_pdf(source: Path | bytes, name: str = "") -> Any:
    """Open a PDF with pypdfium2; a damaged or encrypted file is an `InputError`.

    The bytes pass the importers' limits first (`limits.check_pdf`, `check_pdf_streams`):
    pdfium decodes in C, where a flate bomb could not be stopped any more.
    """
    import pypdfium2 as pdfium

    from eu_posities.importers.limits import check_pdf, check_pdf_streams, read_input

    label = name or (str(source) if isinstance(source, Path) else "")
    data = source if isinstance(source, bytes) else read_input(source, source=label)
    check_pdf(data, label)
    check_pdf_streams(data, label)
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = "password-protected" if "password" in str(exc).lower() else "damaged or unreadable"
        raise InputError(f"{reason} PDF", source=label or None) from None


def _load(pdf: Any, index: int, name: str) -> Any:
    """Page `index` of an open document; a page pdfium cannot read is an `InputError`."""
    import pypdfium2 as pdfium

    try:
        return pdf[index]
    except pdfium.PdfiumError:
        raise InputError(
            f"damaged PDF (page {index + 1} cannot be read)", source=name or None
        ) from None


def page_count(source: Path | bytes) -> int:
    """Number of pages, without reading any of them."""
    pdf = open_pdf(source)
    try:
        return len(pdf)
    finally:
        pdf.close()


def read_pages(
    source: Path | bytes, *, name: str = "", max_pages: int = MAX_PAGES, exact: bool = True
) -> Iterator[Page]:
    """Yield the pages of a PDF one at a time; each page's pdfium objects are freed at once.

    With `exact=False` only spans that a thin rule could mark (strike or underline) get
    each character's own position; the others spread their characters evenly between the
    span's exact left and right edges (`Span.exact` says which), which saves a third of
    the time on long running text."""
    pdf = open_pdf(source, name)
    try:
        count = len(pdf)
        if count > max_pages:
            raise InputError(f"refused: more than {max_pages:,} pages", source=name or None)
        fonts: dict[int, _Font] = {}
        for index in range(count):
            page = _load(pdf, index, name)
            try:
                yield _read_page(page, index + 1, fonts, exact, name)
            finally:
                page.close()
    finally:
        pdf.close()


def _read_page(
    page: Any, number: int, fonts: dict[int, _Font], exact: bool, name: str = ""
) -> Page:
    import pypdfium2 as pdfium

    _check_drawn(page.raw, number, name)
    view = View(page)
    rects, lines = read_shapes(page.raw, view)
    bands = None
    if not exact:
        bands = sorted(
            (r.top + r.bottom) / 2 for r in (*rects, *lines) if r.height <= 2.5 and r.width >= 1
        )
    try:
        textpage = page.get_textpage()
    except pdfium.PdfiumError:
        raise InputError(
            f"damaged PDF (the text of page {number} cannot be read)", source=name or None
        ) from None
    try:
        if textpage.count_chars() > MAX_PDF_PAGE_OBJECTS:
            raise InputError(
                f"refused: page {number} draws more than {MAX_PDF_PAGE_OBJECTS:,} characters",
                source=name or None,
            )
        spans = _spans(textpage, view, fonts, bands)
    finally:
        textpage.close()
    return Page(number, view.width, view.height, tuple(spans), tuple(rects), tuple(lines))


def _check_drawn(raw: Any, number: int, name: str) -> None:
    """Refuse a page that draws more objects than the importers allow, form XObjects counted
    with everything they draw each time they are drawn, before pdfium lays out its text."""
    import pypdfium2.raw as pdfium_c

    limit = MAX_PDF_PAGE_OBJECTS
    # (object holder, is a form, index) frames: a walk that stops as soon as the count is over.
    count = 0
    stack: list[tuple[Any, bool]] = [(raw, False)]
    while stack:
        holder, is_form = stack.pop()
        total = (
            pdfium_c.FPDFFormObj_CountObjects(holder)
            if is_form
            else pdfium_c.FPDFPage_CountObjects(holder)
        )
        count += max(total, 0)
        if count > limit:
            raise InputError(
                f"refused: page {number} draws more than {limit:,} objects", source=name or None
            )
        for index in range(max(total, 0)):
            child = (
                pdfium_c.FPDFFormObj_GetObject(holder, index)
                if is_form
                else pdfium_c.FPDFPage_GetObject(holder, index)
            )
            if child and pdfium_c.FPDFPageObj_GetType(child) == pdfium_c.FPDF_PAGEOBJ_FORM:
                stack.append((child, True))


def _page_text(raw: Any, count: int) -> str:
    import pypdfium2.raw as pdfium_c

    buffer = ctypes.create_string_buffer((count + 1) * 2)
    pdfium_c.FPDFText_GetText(raw, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: count * 2].decode("utf-16-le", errors="replace")
    if len(text) != count:  # characters outside the BMP: fall back to one call each
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 32) for i in range(count))
    return text


def _spans(
    textpage: Any, view: View, fonts: dict[int, _Font], bands: list[float] | None
) -> list[Span]:
    """The page's spans; with `bands` (the middles of its thin rules) exact character
    positions only for the spans those rules could mark."""
    import pypdfium2.raw as pdfium_c

    from eu_posities.importers.pdf import _pdfium

    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    if count <= 0:
        return []
    text = _page_text(raw, count).translate(_REPAIR_TABLE)
    handle = _pdfium.address(raw)
    ax, bx, cx, ay, by, cy = view.affine
    if bands is None:
        keys, ux, uy = _pdfium.objects_and_origins(handle, count)
        gx = [ax * x + bx * y + cx for x, y in zip(ux, uy, strict=True)]
        gy = [ay * x + by * y + cy for x, y in zip(ux, uy, strict=True)]
    else:
        keys = _pdfium.objects(handle, count)
    objects: dict[int, tuple[str, float, bool, bool, float]] = {}
    spans: list[Span] = []
    box = pdfium_c.FS_RECTF()
    box_address = ctypes.addressof(box)

    def right_edge(index: int, size: float, left: float, chars: int = 1) -> float:
        """Where the advance of character `index` ends (`left`: where the `chars` characters
        ending with it start)."""
        _pdfium.loose_char_box(handle, index, box_address)
        end = view.box(box.left, box.bottom, box.right, box.top)[2]
        return end if left < end <= left + 2 * size * chars else left + 0.5 * size * chars

    # The span being built: its object, baseline, characters, left edges, last index.
    current, baseline, chars, last, exact = 0, 0.0, "", 0, True
    xs: list[float] = []
    gap = False

    def close() -> None:
        font, size, bold, italic, descent = objects[current]
        end = right_edge(last, size, xs[-1])
        bottom = baseline + descent
        spans.append(Span(chars, (*xs, end), bottom - size, bottom, baseline, size,
                          font, bold, italic, exact))  # fmt: skip

    position = 0
    for key, group in groupby(keys):
        length = sum(1 for _ in group)
        start, position = position, position + length
        if not key:
            # pdfium's own characters: a space it inferred from a gap is kept, a line
            # break is not (lines are rebuilt from positions).
            gap = gap or " " in text[start:position]
            continue
        if key not in objects:
            objects[key] = _object_info(raw, start, key, fonts)
        if bands is not None:
            runs, gx, gy, run_exact = _positions(
                handle, view, start, position, objects[key], bands, right_edge
            )
            offset = start
        else:
            runs, run_exact, offset = _runs(gx, gy, start, position), True, 0
        for begin, end in runs:
            x_begin, y = gx[begin - offset], gy[begin - offset]
            if key == current and chars and abs(y - baseline) <= 0.5 and x_begin >= xs[-1]:
                if gap:
                    chars += " "
                    xs.append(x_begin)
                exact = exact and run_exact
            else:
                if chars:
                    close()
                current, baseline, chars, xs, exact = key, y, "", [], run_exact
                if gap:  # a space pdfium inferred before this span opens it
                    chars, xs = " ", [x_begin]
            gap = False
            chars += text[begin:end]
            xs.extend(gx[begin - offset : end - offset])
            last = end - 1
    if chars:
        close()
    return spans


def _positions(
    handle: int,
    view: View,
    start: int,
    end: int,
    info: tuple[str, float, bool, bool, float],
    bands: list[float],
    right_edge: Any,
) -> tuple[list[tuple[int, int]], list[float], list[float], bool]:
    """Positions of one text object's characters `start:end` (lists indexed from `start`):
    exact when a thin rule lies within its line, else spread evenly between its edges."""
    from eu_posities.importers.pdf import _pdfium

    ax, bx, cx, ay, by, cy = view.affine
    size = info[1]
    ux, uy = _pdfium.origin(handle, start)
    left, baseline = ax * ux + bx * uy + cx, ay * ux + by * uy + cy
    near = bisect_right(bands, baseline - 1.2 * size)  # bands are sorted
    if near < len(bands) and bands[near] < baseline + 0.6 * size:
        _keys, ux_all, uy_all = _pdfium.objects_and_origins(handle, end, start)
        gx = [ax * x + bx * y + cx for x, y in zip(ux_all, uy_all, strict=True)]
        gy = [ay * x + by * y + cy for x, y in zip(ux_all, uy_all, strict=True)]
        runs = [(a + start, b + start) for a, b in _runs(gx, gy, 0, end - start)]
        return runs, gx, gy, True
    length = end - start
    right = right_edge(end - 1, size, left, length)
    step = (right - left) / length
    # The last character starts where the evenly spread ones would put it.
    gx = [left + step * i for i in range(length)]
    return [(start, end)], gx, [baseline] * length, False


def _runs(gx: list[float], gy: list[float], start: int, end: int) -> list[tuple[int, int]]:
    """One text object's characters cut where the baseline moves or the text goes back
    (pdfium keeps one object to one line, but nothing forces a PDF to)."""
    ys = gy[start:end]
    if max(ys) - min(ys) <= 0.5 and all(
        a <= b for a, b in zip(gx[start : end - 1], gx[start + 1 : end], strict=True)
    ):
        return [(start, end)]
    cuts = [start]
    for index in range(start + 1, end):
        if abs(gy[index] - gy[cuts[-1]]) > 0.5 or gx[index] < gx[index - 1]:
            cuts.append(index)
    return list(zip(cuts, [*cuts[1:], end], strict=True))


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
