"""Direct ctypes bindings of the few pdfium calls made once per character.

pypdfium2's generated bindings convert every argument and result through typed pointer
classes; for the two calls made for each of a document's several hundred thousand
characters that costs more than the work pdfium does. Re-binding the same C functions with
plain `c_void_p` handles makes them three times cheaper. Everything else goes through
`pypdfium2.raw` as usual.
"""

from __future__ import annotations

import ctypes
from array import array
from itertools import repeat
from typing import Any

import pypdfium2.raw as pdfium_c

_VOID = ctypes.c_void_p


def _rebind(function: Any, restype: Any, *argtypes: Any) -> Any:
    address = ctypes.cast(function, _VOID).value or 0
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


# FPDF_PAGEOBJECT FPDFText_GetTextObject(FPDF_TEXTPAGE text_page, int index)
text_object = _rebind(pdfium_c.FPDFText_GetTextObject, _VOID, _VOID, ctypes.c_int)
# FPDF_BOOL FPDFText_GetCharOrigin(FPDF_TEXTPAGE text_page, int index, double* x, double* y),
# the two pointers passed as plain addresses so that `map` can fill an array in one go.
char_origin = _rebind(
    pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int, _VOID, ctypes.c_int, _VOID, _VOID
)

# FPDF_BOOL FPDFText_GetLooseCharBox(FPDF_TEXTPAGE text_page, int index, FS_RECTF* rect)
loose_char_box = _rebind(
    pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int, _VOID, ctypes.c_int, ctypes.c_void_p
)


def objects(textpage: int, count: int) -> list[int]:
    """The text object of each character of a text page (0 for characters pdfium made up)."""
    return list(map(text_object, repeat(textpage, count), range(count)))


def objects_and_origins(
    textpage: int, end: int, start: int = 0
) -> tuple[list[int], list[float], list[float]]:
    """For characters `start:end` of a text page: their text objects and origins (x, y in
    PDF user space). The calls run inside `map`, without a Python loop per character."""
    count = end - start
    keys = list(map(text_object, repeat(textpage, count), range(start, end)))
    origins = (ctypes.c_double * (2 * count))()
    first = ctypes.addressof(origins)
    last = first + 16 * count
    for _ in map(char_origin, repeat(textpage, count), range(start, end), range(first, last, 16),
                 range(first + 8, last + 8, 16)):  # fmt: skip
        pass
    values = array("d", bytes(origins))
    return keys, list(values[0::2]), list(values[1::2])


_ORIGIN = (ctypes.c_double * 2)()
_ORIGIN_AT = ctypes.addressof(_ORIGIN)


def origin(textpage: int, index: int) -> tuple[float, float]:
    """The origin of one character (x, y in PDF user space)."""
    char_origin(textpage, index, _ORIGIN_AT, _ORIGIN_AT + 8)
    return _ORIGIN[0], _ORIGIN[1]


def address(handle: Any) -> int:
    """The integer address of a pypdfium2 handle, as the re-bound calls take it."""
    return ctypes.cast(handle, _VOID).value or 0


def as_object(address: int) -> Any:
    """A page-object address back as the typed handle `pypdfium2.raw` expects."""
    return ctypes.cast(address, pdfium_c.FPDF_PAGEOBJECT)
