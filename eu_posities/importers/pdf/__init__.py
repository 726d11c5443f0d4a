"""The PDF glyph layer: what is printed on each page, read page by page with pypdfium2.

    from eu_posities.importers.pdf import read_pages

    for page in read_pages(path):          # a generator: one page in memory at a time
        page.number, page.width, page.height
        for span in page.spans:            # Span: one text object on one baseline
            span.text, span.x, span.top, span.bottom, span.baseline, span.size,
            span.font, span.bold, span.italic
        for g in page.glyphs:              # Glyph: the same, one character at a time
            g.text, g.x0, g.x1, g.top, g.bottom, g.baseline, g.size, g.font, g.bold, g.italic
        page.rects                         # Rule: filled rectangles (x0, top, x1, bottom, color)
        page.lines                         # Rule: stroked horizontal/vertical segments

Coordinates are points from the top left of the page as displayed (/Rotate applied),
`top` growing downwards, as in pdfplumber (the benchmark checks that characters, fonts,
sizes and thin rules agree with pdfplumber's to within a point). `font` is the base font
name without its subset prefix ("TimesNewRomanPS-BoldMT"); `bold`/`italic` come from the
name, the weight, the flags and synthetic bold (fill-and-stroke text). A span's `x` holds
the left edge of each character and, last, its right edge; a glyph's box is its advance
and its em box (`bottom - top == size`). Spaces pdfium infers from a gap between words are
characters of the span, so words can be split without guessing; a new span starts at every
change of text object, baseline or direction. A filled rectangle is one sub-path's bounding
box (a grid drawn as one path gives one Rule per cell border); a line is a straight stroked
segment widened by its stroke width. Curves, images and clipping are left out.

`page_count(source)` counts pages; `open_pdf` turns damaged or encrypted files into an
`InputError`. A source is a `Path` or the file's bytes. Why pypdfium2 and not pdfplumber
or pdfplumber-rs: `benchmarks/bench_pdf.py` (same data, ten times faster than pdfplumber;
pdfplumber-rs is about as fast but installs itself as `pdfplumber`, replacing it).
"""

from eu_posities.importers.pdf.glyphs import (
    Glyph,
    Page,
    Rule,
    Span,
    open_pdf,
    page_count,
    read_pages,
)

__all__ = ["Glyph", "Page", "Rule", "Span", "open_pdf", "page_count", "read_pages"]
