"""Word building blocks: page setup, language, metadata, header and footer, marked runs.

Text reaches python-docx only through an export model passed through `xml_safe` (python-docx
refuses control characters with a ValueError), and a document is written with `save_docx`,
which builds the whole file in memory first: a full disk is then one OSError from one write,
never a half-closed ZIP archive complaining from its destructor.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_UNDERLINE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from eu_posities.exports.i18n import t
from eu_posities.exports.model import Run
from eu_posities.exports.word_revisions import Revisions, write_revision_runs
from eu_posities.safetext import for_xml, map_strings

M = TypeVar("M")

NOTE_COLOUR = RGBColor(0x4A, 0x52, 0x5C)
WARN_COLOUR = RGBColor(0x8A, 0x53, 0x00)


def xml_safe(model: M) -> M:
    """The export model with every string XML can hold (control characters dropped)."""
    return map_strings(model, for_xml)


def save_docx(doc: Any, path: Path) -> None:
    """Write `doc` to `path` in one write (see the module docstring)."""
    buffer = io.BytesIO()
    doc.save(buffer)
    with open(path, "wb") as handle:
        handle.write(buffer.getbuffer())


# The language Word and LibreOffice spell-check the text in.
DOC_LANGUAGES = {"nl": "nl-NL", "en": "en-GB"}


def new_document(*, landscape: bool, lang: str = "en") -> Any:
    """An A4 document, landscape for tables, with the default Word styles, in `lang`."""
    doc = Document()
    tag = DOC_LANGUAGES.get(lang, "en-GB")
    defaults = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if defaults is not None:
        language = defaults.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            defaults.append(language)
        language.set(qn("w:val"), tag)
    theme = doc.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), tag)
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(15))
    section.top_margin, section.bottom_margin = Mm(18), Mm(15)
    doc.styles["Normal"].font.size = Pt(10)
    return doc


def set_metadata(doc: Any, *, title: str, subject: str, author: str, lang: str) -> None:
    """Title, subject, author and the times of now; no thumbnail (the template's is blank)."""
    props = doc.core_properties
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props.title = title
    props.subject = subject
    props.author = author
    props.last_modified_by = author
    props.created = now
    props.modified = now
    props.revision = 1
    props.language = DOC_LANGUAGES.get(lang, "en-GB")
    props.comments = ""
    props.keywords = ""
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            package.rels.pop(rel_id)


def usable_width(doc: Any) -> int:
    section = doc.sections[0]
    return int(section.page_width - section.left_margin - section.right_margin)


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when laying out."""
    for kind, text in (
        ("begin", None),
        (None, instruction),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == instruction:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
        else:
            run.text = text or ""


def header_footer(doc: Any, header_lines: Iterable[str], lang: str, warning: str = "") -> None:
    """Title and dossier facts in the header (a warning first, if any); 'Page n of m' below."""
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    if warning:
        run = header.add_run(warning)
        run.bold = True
        run.font.color.rgb = WARN_COLOUR
        header.add_run().add_break()
    for index, line in enumerate(header_lines):
        if index:
            header.add_run().add_break()
        run = header.add_run(line)
        run.font.size = Pt(8 if index else 9)
        run.bold = index == 0
    footer = section.footer.paragraphs[0]
    footer.alignment = 1  # centre
    footer.add_run(f"{t('page', lang)} ")
    _field(footer, "PAGE")
    footer.add_run(f" {t('of', lang)} ")
    _field(footer, "NUMPAGES")


def repeat_header(row: Any) -> None:
    """Mark a table row as the header row Word repeats at the top of every page."""
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def no_split(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def add_runs(
    paragraph: Any,
    runs: Iterable[Run],
    *,
    size: float | None = None,
    revisions: Revisions | None = None,
) -> Any:
    """Write marked runs; a `break` run starts a new paragraph in the same container.

    With `revisions` the changes are Word tracked changes; without, they are formatting
    (inserted bold italic, deleted struck through: the look for readers who print).
    Returns the last paragraph written to.
    """
    if revisions is not None:
        return write_revision_runs(
            paragraph, list(runs), revisions, size=size, note_colour=NOTE_COLOUR
        )
    container = paragraph._parent
    for run in runs:
        if run.kind == "break":
            paragraph = container.add_paragraph()
            continue
        r = paragraph.add_run(run.text)
        if size:
            r.font.size = Pt(size)
        if run.kind in ("ins", "moved_in"):
            r.bold = True
            r.italic = True
        if run.kind in ("del", "moved_out"):
            r.font.strike = True
        if run.kind in ("moved_in", "moved_out"):
            r.font.underline = WD_UNDERLINE.DOTTED
            note = paragraph.add_run(f" ({run.note})")
            note.italic = True
            note.font.size = Pt((size or 10) - 1)
            note.font.color.rgb = NOTE_COLOUR
    return paragraph


def shade(cell: Any, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    element = OxmlElement("w:shd")
    element.set(qn("w:val"), "clear")
    element.set(qn("w:color"), "auto")
    element.set(qn("w:fill"), fill)
    tc_pr.append(element)


def set_widths(table: Any, widths: list[int], *, cells: bool = True) -> None:
    """Column widths in the grid (LibreOffice reads these) and in every cell (Word does;
    `cells=False` when the caller set them row by row as it wrote them)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    if not cells:
        for cell, width in zip(table.rows[0].cells, widths, strict=True):
            cell.width = width
        return
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
