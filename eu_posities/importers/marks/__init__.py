"""Change marks of Council texts read as data: bold added, struck deleted, underlined changed.

What the PDF and DOCX importers give (`parse_file(path, marks="auto"|"council"|"none")`):

- `ParsedProvision.text` is the Council's text: struck characters never in it, bold text
  ordinary text. `ParsedProvision.marks` are its `MarkedRun`s (op "equal"/"insert"/"delete",
  `changed` for underlined, `base` naming another base provision the text came from in a
  merge); the non-delete runs join to `text`, the non-insert runs to the base text (see
  `runs.text_of`, `runs.base_of`). Text both bold and struck (added by an earlier
  compromise, deleted again) is in neither text and in no run.
- `ParsedStage.struck`: provisions shown only as deleted, `text` "" and their words as a
  delete run; `markers["deleted"]` is "struck" or "placeholder" ("Article 24 [deleted]",
  then `markers["placeholder"]` holds it as printed); `markers["after"]` is the label of
  the provision they followed. Other markers: `new` (the base had no provision there),
  `base_label`/`base_number`/`base_heading` (renumbered or retitled).
- `ParsedDocument.meta["marks"]`: `convention` "council", `sentence` (None if none is
  stated), `language` "en"/"fr", `stated`, `underline`, `against_commission`, counts of
  bold/struck/underlined characters, `unmatched_chars`. Absent when the marks are not read.
  With marks but no convention sentence, `ParsedDocument.warnings` says so.

Functions for the import service:

    rebuild_base(stage) -> ParsedStage          # the base the marks were made against
    compare_base(rebuilt, base_provisions) -> BaseComparison
        .share / .dice, .provisions (Agreement per label: share, dice, differences),
        .disagreeing, .only_rebuilt, .only_base, .mostly_disagrees  # refuse the import
    marks_reading(paragraphs, option)           # how a document's marks are read
    find_convention(texts)                      # the convention sentence, EN/FR

Modules: `text` (MarkedText: a string and a flag per character), `convention`,
`docx_marks` (run formatting), `split` (marked paragraphs to provisions), `runs`
(aligning a provision's text with its marked source), `rebuild`.
"""

from eu_posities.importers.marks.convention import find_convention, marks_reading
from eu_posities.importers.marks.rebuild import (
    Agreement,
    BaseComparison,
    compare_base,
    rebuild_base,
)

__all__ = [
    "Agreement",
    "BaseComparison",
    "compare_base",
    "find_convention",
    "marks_reading",
    "rebuild_base",
]
