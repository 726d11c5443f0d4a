"""Exporting: tables, memos and reports written to files, for the CLI and the TUI alike.

Each export reads what it shows in one read transaction (read models and comparisons, the
user's overrides applied), hands it to a pure builder in `eu_posities.exports`, renders it
and writes the file atomically. No Rich here; progress by callback.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from eu_posities.errors import InputError
from eu_posities.files import write_atomic, write_folder_atomic
from eu_posities.services.exportdata import diff_of_stages as _diff_of
from eu_posities.services.exportdata import report_of as _report
from eu_posities.services.exportdata import table_of as _table
from eu_posities.services.tx import reading

if TYPE_CHECKING:  # SQLAlchemy loads on first use: `eup --help` stays fast
    from sqlalchemy.engine import Engine

    from eu_posities.exports.model import ComparisonTable, Row

__all__ = ["_report", "_write_dossier", "export_memo", "export_report", "export_table"]

# progress(done, total, what): called as work advances; the CLI shows a bar, the TUI a message.
Progress = Callable[[int, int, str], None]

TABLE_FORMATS = (".docx", ".html", ".md")
MEMO_FORMATS = (".docx", ".md", ".html")
TABLE_LAYOUTS = ("rows", "provisions")


def _check_choice(value: str, allowed: Sequence[str], what: str) -> str:
    if value not in allowed:
        raise InputError(f"unknown {what} {value!r}; use {' or '.join(allowed)}")
    return value


def now_stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _format_of(out: Path, allowed: Sequence[str], what: str) -> str:
    suffix = out.suffix.lower()
    if suffix not in allowed:
        raise InputError(f"{out}: a {what} is written as {', '.join(allowed)}; got {suffix!r}")
    if not out.parent.exists():
        raise InputError(f"{out}: folder {out.parent} does not exist")
    return suffix


def _narrowed(table: ComparisonTable, provisions: str) -> ComparisonTable:
    """Only the rows of the provisions named (each row belongs to one provision)."""
    from dataclasses import replace

    from eu_posities.services.locating import label_range

    def provision(row: Row) -> str:
        return row.provision or row.label

    labels = list(dict.fromkeys(provision(row) for row in table.rows))
    wanted = set(label_range(provisions, labels))
    return replace(table, rows=tuple(row for row in table.rows if provision(row) in wanted))


def _text_writer(text: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_text(text, encoding="utf-8")

    return write


def export_table(
    engine: Engine,
    dossier_key: str,
    stage_keys: Sequence[str],
    out: Path,
    *,
    with_concerns: bool = False,
    include_limite: bool = False,
    lang: str = "en",
    generated: str | None = None,
    progress: Progress | None = None,
    layout: str = "rows",
    redline: str = "revisions",
    author: str | None = None,
    provisions: str = "",
) -> Path:
    """`eup table`: the multi-column comparison as DOCX, HTML or Markdown.

    `provisions` ("Article 7", "Articles 7-11", "rec 1-5, Annex II"; "" for all) narrows the
    table to part of the dossier; its rows keep their numbers in the whole table.

    `layout` "rows" is the four-column layout (one row per paragraph or point, numbered,
    with a heading, a status and a comments column), "provisions" one row per provision.
    `redline` (DOCX): "revisions" writes Word tracked changes, "formatting" the printed look.
    """
    from eu_posities import config
    from eu_posities.exports.i18n import check_lang
    from eu_posities.exports.word_revisions import REDLINE_MODES

    suffix = _format_of(out, TABLE_FORMATS, "table")
    check_lang(lang)
    _check_choice(layout, TABLE_LAYOUTS, "layout")
    _check_choice(redline, REDLINE_MODES, "redline")
    with reading(engine) as session:
        table = _table(
            session,
            dossier_key,
            stage_keys,
            generated=generated or now_stamp(),
            lang=lang,
            with_concerns=with_concerns,
            include_limite=include_limite,
            progress=progress,
            layout=layout,
            author=author if author is not None else config.current_user(),
        )
    if provisions.strip():
        table = _narrowed(table, provisions)
    if suffix == ".docx":
        from eu_posities.exports.render_docx import table_docx

        write_atomic(out, lambda path: table_docx(table, path, redline=redline))
    elif suffix == ".html":
        from eu_posities.exports.render_html import table_html

        write_atomic(out, _text_writer(table_html(table)))
    else:
        from eu_posities.exports.render_md import table_md

        write_atomic(out, _text_writer(table_md(table)))
    return out


def export_memo(
    engine: Engine,
    dossier_key: str,
    out: Path,
    *,
    author: str,
    concern_key: str | None = None,
    lang: str = "nl",
    include_limite: bool = False,
    include_fictional: bool = False,
    generated: str | None = None,
    progress: Progress | None = None,
    to: str = "",
    sender: str = "",
    reference: str = "",
    occasion: str = "",
    redline: str = "revisions",
) -> Path:
    """`eup memo`: the position memo (a ministerial note) as DOCX, Markdown or HTML.

    `to`, `sender`, `reference` fill the header's Aan, Van and Kenmerk (defaults: the
    Minister, the author, the procedure number); `occasion` replaces the standard aanleiding.
    """
    from eu_posities.exports.i18n import check_lang
    from eu_posities.exports.memo import MemoOptions, build_memo
    from eu_posities.exports.word_revisions import REDLINE_MODES
    from eu_posities.services.notes import notes_in
    from eu_posities.services.reading import concerns_in, dossier_in
    from eu_posities.store import get_dossier

    suffix = _format_of(out, MEMO_FORMATS, "memo")
    check_lang(lang)
    _check_choice(redline, REDLINE_MODES, "redline")
    with reading(engine) as session:
        found = get_dossier(session=session, key=dossier_key)
        summary = dossier_in(session, found)
        records = concerns_in(session, found, concern_key=concern_key)
        # Notes of the stages the memo may show only: never a LIMITE stage without consent.
        allowed = [
            s.key
            for s in summary.stages
            if (include_limite or not s.limite) and (include_fictional or not s.fictional)
        ]
        notes = notes_in(session, found, allowed)
        memo = build_memo(
            dossier=summary,
            records=records,
            diff_of=_diff_of(session, dossier_key),
            generated=generated or now_stamp(),
            author=author,
            lang=lang,
            include_limite=include_limite,
            include_fictional=include_fictional,
            progress=progress,
            options=MemoOptions(to=to, sender=sender, reference=reference, occasion=occasion),
            notes={
                c.key: [n for link in c.links for n in notes.get((link.stage, link.provision), [])]
                for c in records
            },
        )
    if suffix == ".docx":
        from eu_posities.exports.memo_docx import memo_docx

        write_atomic(out, lambda path: memo_docx(memo, path, redline=redline))
    elif suffix == ".html":
        from eu_posities.exports.render_html import memo_html

        write_atomic(out, _text_writer(memo_html(memo)))
    else:
        from eu_posities.exports.render_md import memo_md

        write_atomic(out, _text_writer(memo_md(memo)))
    return out


def export_report(
    engine: Engine,
    dossier_keys: Sequence[str],
    out_dir: Path,
    *,
    all_pairs: bool = False,
    include_limite: bool = False,
    lang: str = "en",
    generated: str | None = None,
    progress: Progress | None = None,
) -> Path:
    """`eup report`: one folder per dossier (or the folder itself for one dossier).

    The report is built in a new folder and renamed into place at the end (`files.
    write_folder_atomic`): a failure leaves no half-written report, and a folder that holds
    anything but a previous report is refused.
    """
    from eu_posities.exports.i18n import check_lang

    check_lang(lang)
    keys = list(dict.fromkeys(dossier_keys))
    if not keys:
        raise InputError("name at least one dossier")
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: exists and is not a folder")
    stamp = generated or now_stamp()
    reports = []
    with reading(engine) as session:
        for number, key in enumerate(keys):

            def step(done: int, total: int, what: str, number: int = number) -> None:
                if progress:
                    # Comparing takes the first 80 of each dossier's 100 steps, writing the rest.
                    share = done * 80 // max(total, 1)
                    progress(number * 100 + share, len(keys) * 100, what)

            reports.append(
                _report(
                    session,
                    key,
                    generated=stamp,
                    lang=lang,
                    all_pairs=all_pairs,
                    include_limite=include_limite,
                    progress=step,
                )
            )

    def fill(folder: Path) -> None:
        if len(reports) == 1:
            _write_dossier(reports[0], folder, _writing(progress, 0, len(keys)))
            return
        from eu_posities.exports.report_pages import top_index_html

        for number, report in enumerate(reports):
            _write_dossier(
                report, folder / report.dossier.key, _writing(progress, number, len(keys))
            )
        (folder / "index.html").write_text(top_index_html(reports, stamp, lang), encoding="utf-8")
        listing = {
            "schema": "eu-posities/report-set/1",
            "generated": stamp,
            "dossiers": [
                {"key": r.dossier.key, "title": r.dossier.title, "path": f"{r.dossier.key}/"}
                for r in reports
            ],
        }
        _dump_json(listing, folder / "report.json")

    # Only into a new or empty folder or over a previous report, never over the user's files;
    # readers see the old report or the new one, never a mix.
    write_folder_atomic(out_dir, fill)
    if progress:
        progress(len(keys) * 100, len(keys) * 100, "done")
    return out_dir


def _dump_json(data: object, path: Path) -> None:
    path.write_text(
        json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8"
    )


def _writing(progress: Progress | None, number: int, count: int) -> Progress | None:
    """Progress of writing one dossier's pages: steps 80 to 100 of its share."""
    if progress is None:
        return None
    report_progress = progress

    def step(done: int, total: int, what: str) -> None:
        report_progress(number * 100 + 80 + done * 20 // max(total, 1), count * 100, what)

    return step


def _write_dossier(report: object, folder: Path, progress: Progress | None = None) -> None:
    from eu_posities.exports.report import DossierReport
    from eu_posities.exports.report_data import report_json
    from eu_posities.exports.report_html import index_html
    from eu_posities.exports.report_pages import provision_html

    assert isinstance(report, DossierReport)
    (folder / "provisions").mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(index_html(report), encoding="utf-8")
    for index, lineage in enumerate(report.lineages):
        if progress and index % 20 == 0:
            progress(index, len(report.lineages), f"{report.dossier.key}: {lineage.title}")
        (folder / "provisions" / f"{lineage.slug}.html").write_text(
            provision_html(report, lineage), encoding="utf-8"
        )
    _dump_json(report_json(report), folder / "report.json")
