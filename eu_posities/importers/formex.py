"""Formex 4 (Publications Office XML, schema 04 to 06) to a stage.

An act is published as several files in one folder: a `DOC` manifest, the `ACT` file and
one `ANNEX` file per annex. `parse` accepts the manifest, the folder, or an ACT/ANNEX file.
Files a manifest names must resolve inside its folder and be regular files; all the files
of one publication share one size and node budget (`limits`).
Formex has no namespace. The act is `ACT/TITLE`, `PREAMBLE` (`GR.VISA/VISA` citations,
`GR.CONSID/CONSID` recitals, `PREAMBLE.FINAL`), `ENACTING.TERMS` (`DIVISION`s holding
`ARTICLE`s with `TI.ART`, `STI.ART` and either `PARAG`s or `ALINEA`s directly). Quote
marks are empty `QUOT.START`/`QUOT.END` elements with a hex `CODE`; footnotes (`NOTE`) sit
inline and are kept out of the running text; `<?PAGE?>` instructions are ignored.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from eu_posities.document import ParsedDocument, ParsedStage
from eu_posities.errors import InputError
from eu_posities.files import inside, is_regular
from eu_posities.importers.common import ARTICLE_LINE, NOTE_MARK, Draft, clean, finish
from eu_posities.importers.coverage import markup_texts, measure, placed_texts
from eu_posities.importers.detect import MAX_BYTES, read_limited
from eu_posities.importers.limits import MAX_FOLDER_BYTES, MAX_FOLDER_FILES, ReadBudget, mb
from eu_posities.importers.xmlsafe import parse_xml

FORMAT = "formex"

# Elements that start a new paragraph or point; everything else is inline text.
_BLOCKS = {
    "P", "ALINEA", "LIST", "ITEM", "NP", "TXT", "PARAG", "QUOT.S", "TBL", "GR.SEQ", "TITLE",
    "TI", "STI", "CONTENTS", "ARTICLE", "TI.ART", "STI.ART", "DIVISION", "NO.P", "NO.PARAG",
    "GR.TBL", "CORPUS", "ROW", "CELL", "FORMULA", "GR.NOTES", "DLIST", "DLIST.ITEM", "TERM",
    "DEFINITION", "PREAMBLE", "GR.VISA", "VISA", "GR.CONSID", "CONSID", "ENACTING.TERMS",
    "FINAL", "SIGNATURE", "PL.DATE", "FT.LIST", "GR.ANNOTATION", "ANNOTATION", "PREAMBLE.INIT",
    "PREAMBLE.FINAL", "GR.CONSID.INIT", "INCL.ELEMENT", "BLK", "NOTE",
}  # fmt: skip
_ANNEX_TITLE = re.compile(r"^ANNEX\s*([IVXLC]+[a-z]?|\d+[a-z]?)?\b", re.IGNORECASE)
_MANIFEST_NAMES = ("*.doc.fmx.xml", "DOC_1.xml", "*.doc.xml")


class _Publication:
    """The files of one publication, read under one budget: bytes and XML nodes."""

    def __init__(self, source: str, limit: int) -> None:
        self.source = source
        self.limit = limit
        self.bytes_left = max(limit, MAX_FOLDER_BYTES)
        self.files = 0
        self.budget = ReadBudget(source)

    def load(self, path: Path) -> etree._Element:
        self.files += 1
        if self.files > MAX_FOLDER_FILES:
            raise InputError(
                f"refused: more than {MAX_FOLDER_FILES} files in one publication",
                source=self.source,
            )
        data = read_limited(path, min(self.limit, self.bytes_left))
        self.bytes_left -= len(data)
        if self.bytes_left <= 0:
            raise InputError(
                f"refused: the publication's files are over {mb(MAX_FOLDER_BYTES)} MB together",
                source=self.source,
            )
        return parse_xml(data, str(path), budget=self.budget)


def _natural(path: Path) -> list[object]:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", path.name)]


def _folder_files(folder: Path, source: str) -> list[Path]:
    """The XML files of a folder, in order; each must resolve inside it and be a regular file."""
    paths = []
    for path in folder.glob("*.xml"):
        paths.append(path)
        if len(paths) > MAX_FOLDER_FILES:
            raise InputError(
                f"refused: more than {MAX_FOLDER_FILES} XML files in the folder", source=source
            )
    found = []
    for path in sorted(paths, key=_natural):
        inside(folder, path.name, source=source)
        if is_regular(path):
            found.append(path)
    return found


def _files(path: Path, limit: int) -> list[tuple[Path, etree._Element]]:
    """The ACT and ANNEX files of the publication `path` points at, in order."""
    publication = _Publication(str(path), limit)
    if path.is_dir():
        manifests = [m for pattern in _MANIFEST_NAMES for m in sorted(path.glob(pattern))]
        if manifests:
            path = manifests[0]
        else:
            found = [(p, publication.load(p)) for p in _folder_files(path, str(path))]
            return [(p, r) for p, r in found if r.tag in ("ACT", "ANNEX", "CONS.ACT")]
    root = publication.load(path)
    if root.tag != "DOC":
        return [(path, root)]
    folder = path.parent
    listed = [ref.get("FILE", "") for ref in root.iter("REF.PHYS") if ref.get("TYPE") == "DOC.XML"]
    # Every name is checked before anything is looked up, so that a name pointing outside
    # the folder is refused the same way whether that file exists or not.
    named = [inside(folder, name, source=str(path)) for name in listed if name]
    resolved = [file for file in named if is_regular(file)]
    if not resolved or len(resolved) < len(listed):
        # Files renamed on download (DOC_2.xml ...): fall back to the folder's other files.
        resolved = [
            p
            for p in _folder_files(folder, str(path))
            if p != path and not p.name.endswith((".toc.fmx.xml", ".toc.xml", ".doc.fmx.xml"))
        ]
    out = []
    for file in resolved:
        other = publication.load(file)
        if other.tag in ("ACT", "ANNEX", "CONS.ACT"):
            out.append((file, other))
    if not out:
        raise InputError("the Formex manifest points at no ACT or ANNEX file", source=str(path))
    return out


def parse(path: Path, data: bytes, **options: object) -> ParsedDocument:
    """Parse a Formex publication (manifest, folder, ACT or ANNEX file) into one stage."""
    limit = int(options.get("max_bytes", MAX_BYTES))  # type: ignore[call-overload]
    files = _files(path, limit)
    drafts: list[Draft] = []
    title = ""
    for _file, root in files:
        reader = _Reader(drafts)
        if root.tag in ("ACT", "CONS.ACT"):
            title = title or reader.act(root)
        elif _included(root) and drafts and drafts[-1].kind == "annex":
            reader.included(root, drafts[-1])
        else:
            reader.annex(root, index=sum(1 for d in drafts if d.kind == "annex"))
    if not drafts:
        raise InputError("no provisions found in this Formex document", source=str(path))
    annexes = [d for d in drafts if d.kind == "annex"]
    if len(annexes) > 1:
        seen: set[str] = set()
        for position, annex in enumerate(annexes, start=1):
            if annex.label in seen:
                annex.label = f"{annex.label} ({position})"
            seen.add(annex.label)
    if title:
        head = Draft(kind="title", label="Title")
        head.add(title)
        drafts.insert(0, head)
    meta = {"files": [f.name for f, _ in files]}
    stage = ParsedStage(provisions=finish(drafts), format=FORMAT, title=title, meta=meta)
    body: list[str] = []
    skipped: dict[str, list[str]] = {}
    for _file, root in files:
        texts, parts = markup_texts(root, _part, lambda e: e.tag in _BLOCKS)
        body.extend(texts)
        for name, found in parts.items():
            skipped.setdefault(name, []).extend(found)
    return ParsedDocument((stage,), coverage=measure(body, placed_texts([stage]), skipped))


def _part(element: etree._Element) -> str | None:
    """What a Formex element is, for text coverage (see `markup_texts`)."""
    tag = element.tag
    if tag in ("BIB.INSTANCE", "NOTE", "REF.PHYS", "BIB.DOC") or not isinstance(tag, str):
        return ""  # bibliographic data, footnotes
    if tag in ("FINAL", "SIGNATURE"):
        return "final formula and signatures"
    return None


def _included(root: etree._Element) -> bool:
    """An ANNEX file included in another (`NO.SEQ` 0009.0001.0001), e.g. a quoted annex."""
    sequence = root.findtext("BIB.INSTANCE/NO.SEQ") or ""
    return sequence.count(".") >= 2


class _Reader:
    """Walks one Formex file and appends provision drafts."""

    def __init__(self, drafts: list[Draft]) -> None:
        self.drafts = drafts
        self.draft: Draft | None = None
        self.pending = ""
        self.skip_numbers = False

    # -- inline text ----------------------------------------------------------------------
    def inline(self, element: etree._Element) -> str:
        """Inline text of `element`: quotes drawn, notes moved to the footnotes."""
        parts: list[str] = [element.text or ""]
        for child in element:
            if isinstance(child.tag, str):
                parts.append(self._inline_child(child))
            parts.append(child.tail or "")
        return "".join(parts)

    def _inline_child(self, child: etree._Element) -> str:
        tag = child.tag
        if tag in ("QUOT.START", "QUOT.END"):
            try:
                return chr(int(child.get("CODE", "22"), 16))
            except ValueError:
                return '"'
        if tag == "NOTE":
            if self.draft is not None:
                self.draft.footnotes.append(clean(self.inline(child)))
            return NOTE_MARK
        if tag == "HT" and child.get("TYPE") == "UC":
            return self.inline(child).upper()  # printed in capitals
        if tag in _BLOCKS:
            return " " + self.inline(child) + " "
        return self.inline(child)

    # -- blocks ---------------------------------------------------------------------------
    def mixed(self, element: etree._Element, level: int) -> None:
        """Emit the text runs of `element` as blocks, descending into block children."""
        buffer = [element.text or ""]
        for child in element:
            if not isinstance(child.tag, str):
                buffer.append(child.tail or "")  # <?PAGE?> and comments
                continue
            if child.tag in _BLOCKS and child.tag != "NOTE":
                self.flush(buffer, level)
                self.block(child, level)
                buffer = [child.tail or ""]
            else:
                buffer.append(self._inline_child(child))
                buffer.append(child.tail or "")
        self.flush(buffer, level)

    def flush(self, buffer: list[str], level: int) -> None:
        text = "".join(buffer)
        if self.draft is None or not clean(text.replace(NOTE_MARK, "")):
            return
        num, self.pending = self.pending, ""
        self.draft.add(text, num="" if self.skip_numbers else num, level=level)

    def block(self, element: etree._Element, level: int) -> None:
        tag = element.tag
        if tag in ("NO.P", "NO.PARAG"):
            self.pending = clean(self.inline(element))
        elif tag == "LIST":
            # Unnumbered list items are printed with a dash or bullet; keep it as the number.
            mark = {"DASH": "—", "BULLET": "•", "NDASH": "–"}.get(element.get("TYPE", ""), "")
            for item in element:
                if isinstance(item.tag, str):
                    if mark and item.find(".//NO.P") is None:
                        self.pending = mark
                    self.mixed(item, level + 1)
        elif tag in ("TBL", "GR.TBL"):
            for row in element.iter("ROW"):
                cells = [clean(self.inline_deep(cell)) for cell in row.iter("CELL")]
                if any(cells) and self.draft is not None:
                    self.draft.add(" | ".join(cells), level=level)
        else:
            self.mixed(element, level)

    def inline_deep(self, element: etree._Element) -> str:
        """A table cell's text: its paragraphs one after another, or its own inline text
        ("Fowls of the species <HT>Gallus domesticus</HT>, frozen")."""
        if any(isinstance(c.tag, str) and c.tag in _BLOCKS and c.tag != "NOTE" for c in element):
            return " ".join(self.inline(child) for child in element)
        return self.inline(element)

    # -- documents ------------------------------------------------------------------------
    def act(self, root: etree._Element) -> str:
        title_el = root.find("TITLE")
        title = (
            clean(" ".join(self.inline(p) for p in title_el.iter("P")))
            if title_el is not None
            else ""
        )
        for index, visa in enumerate(root.iter("VISA"), start=1):
            self.open(Draft(kind="citation", number=str(index), label=f"Citation {index}"))
            self.mixed(visa, 0)
        for consid in root.iter("CONSID"):
            number = consid.findtext(".//NO.P") or ""
            self.open(Draft(kind="recital", number=clean(number).strip("()")))
            self.skip_numbers = True
            self.mixed(consid, 0)
            self.skip_numbers = False
        final = root.find(".//PREAMBLE.FINAL")
        if final is not None:
            self.open(Draft(kind="formula", label="Formula"))
            self.mixed(final, 0)
        enacting = root.find("ENACTING.TERMS")
        if enacting is not None:
            for article in enacting.iter("ARTICLE"):
                if any(a.tag == "QUOT.S" for a in article.iterancestors()):
                    continue  # an article quoted by an amending provision
                self.article(article)
        self.draft = None
        return title

    def article(self, element: etree._Element) -> None:
        label = (
            clean(self.inline(element.find("TI.ART"))) if element.find("TI.ART") is not None else ""
        )
        match = ARTICLE_LINE.match(label)
        number = match.group(1) if match else str(int(element.get("IDENTIFIER", "0") or 0))
        heading_el = element.find("STI.ART")
        draft = self.open(Draft(kind="article", number=number, label=f"Article {number}"))
        draft.path = self.path(element)
        if heading_el is not None:
            draft.heading = self.inline(heading_el)
        self.pending = ""
        for child in element:
            if not isinstance(child.tag, str) or child.tag in ("TI.ART", "STI.ART"):
                continue
            self.block(child, 0)

    def path(self, element: etree._Element) -> tuple[str, ...]:
        path = []
        for division in element.iterancestors("DIVISION"):
            title = division.find("TITLE")
            if title is None:
                continue
            parts = [clean(self.inline(part)) for part in title if isinstance(part.tag, str)]
            path.append(" – ".join(p for p in parts if p))
        return tuple(reversed(path))

    def annex(self, root: etree._Element, index: int) -> None:
        title = root.find("TITLE")
        heading_parts: list[str] = []
        label_text = ""
        if title is not None:
            ti = title.find("TI")
            sti = title.find("STI")
            label_text = clean(self.inline(ti)) if ti is not None else ""
            if sti is not None:
                heading_parts.append(clean(self.inline(sti)))
        match = _ANNEX_TITLE.match(label_text)
        if match:
            number = match.group(1) or ""
            label = f"Annex {number}".strip()
        else:
            number, label = str(index + 1), label_text or f"Annex {index + 1}"
        draft = self.open(Draft(kind="annex", number=number, label=label))
        draft.heading = " ".join(heading_parts)
        contents = root.find("CONTENTS")
        if contents is not None:
            self.block(contents, 0)
        self.draft = None

    def included(self, root: etree._Element, parent: Draft) -> None:
        """Append an included file (a quoted annex) to the annex that includes it."""
        self.draft = parent
        for part in (root.find("TITLE"), root.find("CONTENTS")):
            if part is not None:
                self.block(part, 0)
        self.draft = None

    def open(self, draft: Draft) -> Draft:
        self.drafts.append(draft)
        self.draft = draft
        self.pending = ""
        return draft
