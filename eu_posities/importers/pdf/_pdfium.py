"""Direct ctypes bindings of the few pdfium calls made once per character.

pypdfium2's generated bindings convert every argument and result through typed pointer
classes; for the two calls made for each of a document's several hundred thousand
characters that costs more than the work pdfium does. Re-binding the same C functions with
plain `c_void_p` handles makes them three times cheaper. Everything else goes through
`pypdfium2.raw` as usual.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c

_VOID = ctypes.c_void_p
_DOUBLE_P = ctypes.POINTER(ctypes.c_double)


def _rebind(function: Any, restype: Any, *argtypes: Any) -> Any:
    address = ctypes.cast(function, _VOID).value or 0
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


# FPDF_PAGEOBJECT FPDFText_GetTextObject(FPDF_TEXTPAGE text_page, int index)
text_object = _rebind(pdfium_c.FPDFText_GetTextObject, _VOID, _VOID, ctypes.c_int)
# FPDF_BOOL FPDFText_GetCharOrigin(FPDF_TEXTPAGE text_page, int index, double* x, double* y)
char_origin = _rebind(
    pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int, _VOID, ctypes.c_int, _DOUBLE_P, _DOUBLE_P
)

# FPDF_BOOL FPDFText_GetLooseCharBox(FPDF_TEXTPAGE text_page, int index, FS_RECTF* rect)
loose_char_box = _rebind(
    pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int, _VOID, ctypes.c_int, ctypes.c_void_p
)


def address(handle: Any) -> int:
    """The integer address of a pypdfium2 handle, as the re-bound calls take it."""
    return ctypes.cast(handle, _VOID).value or 0


def as_object(address: int) -> Any:
    """A page-object address back as the typed handle `pypdfium2.raw` expects."""
    return ctypes.cast(address, pdfium_c.FPDF_PAGEOBJECT)
