"""PDF to stages: the importer entry point (the work is done in `importers.pdf`).

See `eu_posities.importers.pdf` for the glyph layer and `importers.pdf.reader` for how a
PDF's lines become provisions, change marks included.
"""

from eu_posities.importers.pdf.reader import FORMAT, parse

__all__ = ["FORMAT", "parse"]
