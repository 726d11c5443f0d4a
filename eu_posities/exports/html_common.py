"""Self-contained HTML: one inline stylesheet (screen and A4 print), escaped runs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

from eu_posities.exports.common import kind_note, mark_text, stage_flags, stage_subtitle
from eu_posities.exports.model import Cell, Run, StageInfo

CSS = """
:root { --ins: #0a5d1e; --del: #9b1c1c; --line: #c9ccd1; --head: #eef1f5; --warn: #8a5300; }
* { box-sizing: border-box; }
body { font: 14px/1.45 "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: #1b1f24;
  margin: 0 auto; padding: 1.2rem 1.6rem; max-width: 1600px; }
h1 { font-size: 1.5rem; margin: 0 0 .4rem; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .5rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.1rem 0 .3rem; }
h4 { font-size: .95rem; margin: .9rem 0 .2rem; }
.meta { color: #4a525c; margin: 0 0 .8rem; }
.meta span + span::before { content: " · "; }
.legend { font-size: .9rem; color: #4a525c; }
.banner { border: 2px solid var(--warn); color: var(--warn); background: #fff7e6;
  padding: .4rem .7rem; font-weight: 600; margin: .5rem 0; }
.flag { display: inline-block; font-size: .75rem; font-weight: 700; color: var(--warn);
  border: 1px solid var(--warn); padding: 0 .3rem; margin-top: .2rem; }
table { border-collapse: separate; border-spacing: 0; width: 100%; }
th, td { border-right: 1px solid var(--line); border-bottom: 1px solid var(--line);
  padding: .35rem .5rem; vertical-align: top; text-align: left; }
tr > :first-child { border-left: 1px solid var(--line); }
thead th { position: sticky; top: 0; background: var(--head); z-index: 1;
  border-top: 1px solid var(--line); }
th small { display: block; font-weight: 400; color: #4a525c; }
td.label, th.label { font-weight: 600; width: 9rem; }
td.label small { display: block; font-weight: 400; color: #4a525c; }
h1 small { font-weight: 400; color: #4a525c; }
table.cmp { table-layout: fixed; }
th.concerns { width: 14rem; }
ins { font-weight: 700; font-style: italic; text-decoration: none; color: var(--ins); }
del { text-decoration: line-through; color: var(--del); }
.moved { border-bottom: 2px dotted currentColor; }
.note { font-size: .8rem; color: #4a525c; font-style: normal; font-weight: 400; }
.mark { font-weight: 700; }
.clabel { font-style: italic; color: #4a525c; }
.absent { color: #9aa1a9; text-align: center; }
.concerns { font-size: .85rem; white-space: pre-line; }
.redline { border-left: 3px solid var(--line); padding: .2rem .7rem; margin: .3rem 0 .8rem;
  max-width: 75rem; }
details { margin: 1rem 0; } summary { cursor: pointer; font-weight: 600; }
table.map { width: auto; min-width: 50%; } table.map td.heat { min-width: 8rem; }
td.date { white-space: nowrap; }
.heat { text-align: center; font-variant-numeric: tabular-nums; }
.status-open { background: #fde2e1; } .status-partly { background: #fff1c2; }
.status-resolved { background: #d9f2dc; } .status-dropped { background: #e5e7eb; }
a { color: #174ea6; }
ins.by1, del.by1, .key.by1 { color: #0a5d1e; } ins.by2, del.by2, .key.by2 { color: #1f4e9c; }
ins.by3, del.by3, .key.by3 { color: #7a2e8a; } ins.by4, del.by4, .key.by4 { color: #9a4a00; }
.key { font-weight: 700; margin-right: .8rem; }
.num { width: 3.6rem; font-variant-numeric: tabular-nums; color: #4a525c; }
.head { width: 9rem; font-size: .85rem; } td.head.provision { font-weight: 700; }
.st { width: 3.6rem; text-align: center; font-weight: 700; }
th.comments { width: 12rem; }
td.st-G { background: #d9f2dc; } td.st-Y { background: #fff1c2; } td.st-R { background: #fde2e1; }
td.comments { width: 12rem; font-size: .85rem; white-space: pre-line; }
footer { margin-top: 2rem; font-size: .8rem; color: #6b7280; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  thead { display: table-header-group; }
  thead th { position: static; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


HTML_LANGUAGES = {"nl": "nl-NL", "en": "en-GB"}


def page(
    title: str,
    body: str,
    *,
    lang: str,
    landscape: bool = True,
    meta: Mapping[str, str] | None = None,
    script: str = "",
) -> str:
    """A whole HTML document: no external resources, nothing from the network; printed on
    A4. `meta` adds <meta name=… content=…> (author, description); `script` inline code."""
    size = "A4 landscape" if landscape else "A4 portrait"
    metas = "".join(
        f'<meta name="{escape(name)}" content="{escape(value)}">\n'
        for name, value in (meta or {}).items()
        if value
    )
    code = f"<script>\n{script}</script>\n" if script else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(HTML_LANGUAGES.get(lang, lang))}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{metas}<title>{escape(title)}</title>\n<style>{CSS}"
        f"@page {{ size: {size}; margin: 12mm; }}\n</style>\n</head>\n<body>\n"
        f"{body}\n{code}</body>\n</html>\n"
    )


# stage key -> (class, name): with three stages or more each change bears its stage's colour.
StageClasses = Mapping[str, tuple[str, str]]


def stage_classes(stages: Iterable[StageInfo], lang: str) -> dict[str, tuple[str, str]]:
    """The colour class of each stage after the first ("by1" … "by4") and its name."""
    return {s.key: (f"by{n}", s.name(lang)) for n, s in enumerate(list(stages)[1:], start=1)}


def _by(run: Run, classes: StageClasses | None, extra: str = "") -> str:
    found = classes.get(run.stage) if classes and run.stage else None
    names = " ".join(c for c in (extra, found[0] if found else "") if c)
    attrs = f' class="{names}"' if names else ""
    title = run.note or (found[1] if found else "")
    return attrs + (f' title="{escape(title)}"' if title else "")


def runs_html(runs: Iterable[Run], classes: StageClasses | None = None) -> str:
    out = []
    for run in runs:
        text = escape(run.text)
        if run.kind == "break":
            out.append("<br>")
        elif run.kind == "ins":
            out.append(f"<ins{_by(run, classes)}>{text}</ins>")
        elif run.kind == "del":
            out.append(f"<del{_by(run, classes)}>{text}</del>")
        elif run.kind in ("moved_in", "moved_out"):
            tag = "ins" if run.kind == "moved_in" else "del"
            note = escape(run.note)
            marked = f"<{tag}{_by(run, classes, 'moved')}>{text}</{tag}>"
            out.append(f'{marked} <span class="note">({note})</span>')
        else:
            out.append(text)
    return "".join(out)


def stage_key_legend(classes: StageClasses, lang: str, label: str) -> str:
    """The colours of the stages, for a page whose changes are credited to their stage."""
    items = "".join(
        f'<span class="key {escape(cls)}">■ {escape(name)}</span>' for cls, name in classes.values()
    )
    return f'<p class="legend">{escape(label)} {items}</p>'


def cell_html(cell: Cell, lang: str, classes: StageClasses | None = None) -> str:
    if cell.mark == "absent":
        return f'<td class="absent">{escape(mark_text(cell, lang))}</td>'
    parts = []
    mark = mark_text(cell, lang)
    if mark:
        parts.append(f'<span class="mark">{escape(mark)}</span> ')
    if cell.label and cell.mark != "merged":
        parts.append(f'<span class="clabel">{escape(cell.label)}:</span> ')
    parts.append(runs_html(cell.runs, classes))
    return f"<td>{''.join(parts)}</td>"


def stage_th(
    stage: StageInfo, lang: str, extra: str = "", name: str = "", *, kind: bool = False
) -> str:
    """A stage's column heading; `kind`: its kind too when the key does not name it (the
    four-column layout, which is read back)."""
    sub = " · ".join(p for p in (kind_note(stage) if kind else "", stage_subtitle(stage)) if p)
    flags = "".join(f'<span class="flag">{escape(f)}</span> ' for f in stage_flags(stage, lang))
    return (
        f"<th>{escape(name or stage.key)}{extra}"
        + (f"<small>{escape(sub)}</small>" if sub else "")
        + flags
        + "</th>"
    )


def banners(stages: Iterable[StageInfo], lang: str, *, names: bool = False) -> str:
    """A warning line for each LIMITE or fictional stage shown (by key, or by name)."""
    return "".join(
        f'<p class="banner">{escape(stage.name(lang) if names else stage.key)}: '
        f"{escape(flag)}</p>\n"
        for stage in stages
        for flag in stage_flags(stage, lang)
    )


def meta_line(items: Iterable[tuple[str, str]]) -> str:
    spans = "".join(
        f"<span>{escape(name)}: {escape(value)}</span>" for name, value in items if value
    )
    return f'<p class="meta">{spans}</p>'
