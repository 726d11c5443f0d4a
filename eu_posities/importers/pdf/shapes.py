"""Filled rectangles and stroked lines of a PDF page: strike, underline and table rules.

Only straight geometry is kept: each filled sub-path as its bounding box, each straight
stroked segment widened by its stroke width. Form XObjects are entered (their matrices
applied); curves, images and clipping are left out.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Rule:
    """A filled rectangle (`Page.rects`) or a stroked straight segment (`Page.lines`).

    A line's box is the segment widened by its stroke width. `color` is (r, g, b) in 0..1,
    None when pdfium reports none.
    """

    x0: float
    top: float
    x1: float
    bottom: float
    color: tuple[float, float, float] | None = None

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def white(self) -> bool:
        return self.color is not None and min(self.color) > 0.95


class View:
    """Maps PDF user space to the displayed page: /Rotate applied, origin top left."""

    def __init__(self, page: Any) -> None:
        left, bottom, right, top = page.get_cropbox()
        self.left, self.bottom, self.right, self.top = left, bottom, right, top
        self.rotation = page.get_rotation() % 360
        wide, high = right - left, top - bottom
        self.width, self.height = (high, wide) if self.rotation in (90, 270) else (wide, high)

        # (display x, display top) = (ax*x + bx*y + cx, ay*x + by*y + cy)
        self.affine = {
            90: (0.0, 1.0, -bottom, 1.0, 0.0, -left),
            180: (-1.0, 0.0, right, 0.0, 1.0, -bottom),
            270: (0.0, -1.0, top, -1.0, 0.0, right),
        }.get(self.rotation, (1.0, 0.0, -left, 0.0, -1.0, top))

    def point(self, x: float, y: float) -> tuple[float, float]:
        ax, bx, cx, ay, by, cy = self.affine
        return ax * x + bx * y + cx, ay * x + by * y + cy

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        ax, at = self.point(x0, y0)
        bx, bt = self.point(x1, y1)
        return min(ax, bx), min(at, bt), max(ax, bx), max(at, bt)


def read_shapes(container: Any, view: View) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    """The page's filled rectangles and stroked straight lines, in display coordinates."""
    rects: list[Rule] = []
    lines: list[Rule] = []
    _shapes(container, view, rects, lines)
    return tuple(rects), tuple(lines)


def _shapes(container: Any, view: View, rects: list[Rule], lines: list[Rule]) -> None:
    """Filled sub-paths as rectangles, stroked straight segments as lines (forms included)."""
    import pypdfium2.raw as pdfium_c

    boxes = _FilledBoxes(view, rects)
    count = pdfium_c.FPDFPage_CountObjects(container)
    for index in range(count):
        obj = pdfium_c.FPDFPage_GetObject(container, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            if not boxes.add(obj):
                _path(obj, _matrix(obj), view, rects, lines)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            _form(obj, _matrix(obj), view, rects, lines, depth=1)


class _FilledBoxes:
    """Filled, unstroked paths of one straight quadrilateral, read from their bounds.

    The same Rule as `_path` gives (the box of its points), for a fraction of the calls: a
    table drawn by Word has tens of thousands of these (cell borders and shading). Only for
    page-level objects, whose bounds pdfium gives in page space. The pdfium functions and
    the ctypes buffers are looked up once per page.
    """

    def __init__(self, view: View, rects: list[Rule]) -> None:
        import pypdfium2.raw as pdfium_c

        self.view, self.rects = view, rects
        self.mode, self.count = pdfium_c.FPDFPath_GetDrawMode, pdfium_c.FPDFPath_CountSegments
        self.segment, self.kind = pdfium_c.FPDFPath_GetPathSegment, pdfium_c.FPDFPathSegment_GetType
        self.bounds, self.fill = pdfium_c.FPDFPageObj_GetBounds, pdfium_c.FPDFPageObj_GetFillColor
        self.lineto = pdfium_c.FPDF_SEGMENT_LINETO
        self.fill_mode, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.box = [ctypes.c_float() for _ in range(4)]
        self.rgba = [ctypes.c_uint() for _ in range(4)]

    def add(self, obj: Any) -> bool:
        """Add the path's Rule if it is such a box; False if it is not."""
        if not self.mode(obj, self.fill_mode, self.stroke):
            return False
        if self.fill_mode.value == 0 or self.stroke.value:
            return False
        count = self.count(obj)
        if count not in (4, 5):
            return False
        segment, kind, lineto = self.segment, self.kind, self.lineto
        for index in range(1, count):
            if kind(segment(obj, index)) != lineto:
                return False
        left, bottom, right, top = self.box
        if not self.bounds(obj, left, bottom, right, top):
            return False
        x0, t0, x1, b1 = self.view.box(left.value, bottom.value, right.value, top.value)
        r, g, b, a = self.rgba
        color = (
            (r.value / 255, g.value / 255, b.value / 255) if self.fill(obj, r, g, b, a) else None
        )
        self.rects.append(Rule(x0, t0, x1, b1, color))
        return True


def _form(form: Any, outer: tuple[float, ...], view: View, rects: list[Rule],
          lines: list[Rule], depth: int) -> None:  # fmt: skip
    import pypdfium2.raw as pdfium_c

    if depth > 8:
        return  # forms nested this deep are hostile, not layout
    for index in range(pdfium_c.FPDFFormObj_CountObjects(form)):
        obj = pdfium_c.FPDFFormObj_GetObject(form, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        matrix = _compose(_matrix(obj), outer)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            _path(obj, matrix, view, rects, lines)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            _form(obj, matrix, view, rects, lines, depth + 1)


def _matrix(obj: Any) -> tuple[float, ...]:
    import pypdfium2.raw as pdfium_c

    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer  # noqa: N806 - the usual names of a PDF matrix
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)  # fmt: skip


def _color(getter: Any, obj: Any) -> tuple[float, float, float] | None:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(obj, r, g, b, a):
        return None
    return (r.value / 255, g.value / 255, b.value / 255)


def _path(obj: Any, matrix: tuple[float, ...], view: View, rects: list[Rule],
          lines: list[Rule]) -> None:  # fmt: skip
    import pypdfium2.raw as pdfium_c

    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke):
        return
    filled, stroked = fill_mode.value != 0, bool(stroke.value)
    if not (filled or stroked):
        return  # a clipping path
    a, b, c, d, e, f = matrix

    def place(px: float, py: float) -> tuple[float, float]:
        return view.point(a * px + c * py + e, b * px + d * py + f)

    # Sub-paths as lists of (x, top, drawn straight from the previous point).
    subpaths: list[list[tuple[float, float, bool]]] = []
    closed: list[bool] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        px, pt = place(x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([(px, pt, False)])
            closed.append(False)
        else:
            subpaths[-1].append((px, pt, kind == pdfium_c.FPDF_SEGMENT_LINETO))
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            closed[-1] = True
    if filled:
        color = _color(pdfium_c.FPDFPageObj_GetFillColor, obj)
        for points in subpaths:
            if len(points) > 2:
                xs, ts = [p[0] for p in points], [p[1] for p in points]
                rects.append(Rule(min(xs), min(ts), max(xs), max(ts), color))
    if stroked:
        color = _color(pdfium_c.FPDFPageObj_GetStrokeColor, obj)
        width = ctypes.c_float()
        pdfium_c.FPDFPageObj_GetStrokeWidth(obj, width)
        half = max(width.value * (abs(a * d - b * c) ** 0.5 or 1.0), 0.1) / 2
        for points, is_closed in zip(subpaths, closed, strict=True):
            if is_closed and len(points) > 2:
                points = [*points, (points[0][0], points[0][1], True)]
            for (ax, at, _), (bx, bt, straight) in zip(points, points[1:], strict=False):
                if straight and abs(at - bt) < 0.01:  # horizontal
                    lines.append(Rule(min(ax, bx), at - half, max(ax, bx), at + half, color))
                elif straight and abs(ax - bx) < 0.01:  # vertical
                    lines.append(Rule(ax - half, min(at, bt), ax + half, max(at, bt), color))
