"""`eup table`, `eup memo` and `eup report` end to end on SQLite and PostgreSQL (made-up data)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from docx import Document
from docx_revisions import RevisionDocument

from tests.clihelp import eup
from tests.exportdb import KEY, seed
from tests.exportsamples import parse_page, text_of

STAMP = re.compile(rb"\d{4}-\d\d-\d\d \d\d:\d\d UTC")


def test_memo_end_to_end(db_url: str, tmp_path: Path) -> None:
    seed(db_url, with_texts=("commission-proposal",))
    out = tmp_path / "memo.md"
    result = eup("--db", db_url, "memo", KEY, "--out", str(out))
    assert result.code == 0, result.err
    assert result.err == ""  # piped: no progress bar
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Notitie") and "**Van:** tester" in text
    assert "Meldtermijn (verzonnen testpunt)" in text
    assert "Het zorgpunt is opgelost in de algemene oriëntatie van de Raad." in text
    assert "council-general-approach" not in text  # stage names, not keys
    assert "‘within 72 hours’ (made-up general approach, Article 2)" in text
    assert "trilogue" not in text.lower()  # fictional stages stay out of memos by default
    docx_out = tmp_path / "memo.docx"
    result = eup(
        "--db", db_url, "memo", KEY, "--lang", "en", "--include-fictional", "--out", str(docx_out)
    )
    assert result.code == 0, result.err
    body = "\n".join(p.text for p in Document(str(docx_out)).paragraphs)
    assert "Note" in body and "Reporting deadline" in body and "Speaking points" in body
    header = Document(str(docx_out)).sections[0].header.paragraphs[0].text
    assert "FICTIONAL — practice text, not a negotiation document" in header


def test_memo_refuses_unknown_concern_and_bad_suffix(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    seed(url, with_texts=("commission-proposal",))
    result = eup("--db", url, "memo", KEY, "--concern", "nope", "--out", str(tmp_path / "m.md"))
    assert result.code == 1 and result.err.startswith("error: unknown concern 'nope'")
    assert not (tmp_path / "m.md").exists()
    result = eup("--db", url, "memo", KEY, "--out", str(tmp_path / "m.pdf"))
    assert result.code == 1 and "m.pdf" in result.err and len(result.err.splitlines()) == 1


def test_limite_stages_need_consent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    seed(url, with_texts=("commission-proposal",), limite_text=True)
    out = tmp_path / "t.md"
    stages = "commission-proposal,council-mandate"
    result = eup("--db", url, "table", KEY, "--stages", stages, "--out", str(out))
    assert result.code == 1
    assert result.err.strip() == (
        "error: stage 'council-mandate' of 'practice-file' is LIMITE; "
        "add --include-limite to export it"
    )
    assert not out.exists()
    for command in (
        ["memo", KEY, "--out", str(tmp_path / "m.md")],
        ["report", KEY, "--out", str(tmp_path / "r")],
    ):
        result = eup("--db", url, *command)
        assert result.code == 1 and "'council-mandate'" in result.err and "LIMITE" in result.err
    assert not (tmp_path / "r").exists()


def test_report_on_one_stage_is_deterministic(db_url: str, tmp_path: Path) -> None:
    seed(db_url, with_texts=("commission-proposal",))
    first, second = tmp_path / "r1", tmp_path / "r2"
    for out in (first, second):
        result = eup("--db", db_url, "report", KEY, "--out", str(out))
        assert result.code == 0, result.err
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert Path("index.html") in files and Path("report.json") in files
    assert Path("provisions/article-2.html") in files and Path("provisions/recital-1.html") in files
    for name in files:
        a, b = (first / name).read_bytes(), (second / name).read_bytes()
        assert STAMP.sub(b"T", a) == STAMP.sub(b"T", b), name
    data = json.loads((first / "report.json").read_text(encoding="utf-8"))
    assert data["schema"] == "eu-posities/report/1" and data["pairs"] == []
    assert [p["id"] for p in data["provisions"]] == [
        "recital-1",
        "article-1",
        "article-2",
        "article-3",
    ]
    assert data["concerns"][0]["status_by_stage"]["council-general-approach"] == "resolved"
    index = parse_page((first / "index.html").read_text(encoding="utf-8"))
    assert "Fewer than two stages with text" in text_of(index)
    assert not index.xpath("//link | //*[@src]")  # nothing from the network


def test_demo_report(tmp_path: Path) -> None:
    assert eup("init", "--demo").code == 0
    out = tmp_path / "report"
    result = eup("report", "csa-regulation", "csa-directive", "--out", str(out))
    assert result.code == 0, result.err
    top = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [d["key"] for d in top["dossiers"]] == ["csa-regulation", "csa-directive"]
    data = json.loads((out / "csa-regulation" / "report.json").read_text(encoding="utf-8"))
    ids = [p["id"] for p in data["provisions"]]
    assert "article-7" in ids and (out / "csa-regulation/provisions/article-7.html").exists()
    page = parse_page((out / "csa-regulation/provisions/article-7.html").read_bytes())
    assert page.xpath("//a[@href='../index.html']")
    links = parse_page((out / "index.html").read_bytes()).xpath("//a/@href")
    assert links == ["csa-regulation/index.html", "csa-directive/index.html"]
    # The demo's practice stage is compared with the real proposal.
    assert data["pairs"] == [{"from": "commission-proposal", "to": "practice-council-text"}]
    article7 = text_of(page)
    assert "FICTIONAL — practice text, not a negotiation document" in article7
    assert "Detection orders (detectiebevel)" in article7


def test_demo_memo_in_dutch(tmp_path: Path) -> None:
    assert eup("init", "--demo").code == 0
    out = tmp_path / "memo.md"
    result = eup("memo", "csa-directive", "--concern", "vog", "--out", str(out))
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert "### 3.1 Ruimte voor de Nederlandse VOG-systematiek" in text
    assert "Het zorgpunt is opgelost in de algemene oriëntatie van de Raad." in text
    assert "Kamerbrief van 20 december 2024" in text  # the evidence names its document
    assert "Aangifteplicht" not in text  # --concern limits the memo to one concern


def test_table_end_to_end(db_url: str, tmp_path: Path) -> None:
    seed(db_url, with_texts=("commission-proposal", "council-general-approach", "trilogue"))
    stages = "commission-proposal,council-general-approach,trilogue"
    md = tmp_path / "t.md"
    result = eup("--db", db_url, "table", KEY, "--stages", stages, "--concerns", "--out", str(md))
    assert result.code == 0, result.err
    text = md.read_text(encoding="utf-8")
    assert "**_72_**" in text and "~~24~~" in text
    assert "**\\[new\\]**" in text  # Article 3a of the general approach
    assert "FICTIONAL — practice text, not a negotiation document" in text
    assert "Reporting deadline" in text  # the concerns column
    docx_out = tmp_path / "t.docx"
    args = ["table", KEY, "--stages", stages, "--redline", "formatting", "--out", str(docx_out)]
    assert eup("--db", db_url, *args).code == 0
    grid = Document(str(docx_out)).tables[-1]
    runs = [r for row in grid.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert any(r.text.strip() == "72" and r.bold and r.italic for r in runs)
    assert any(r.text.strip() == "24" and r.font.strike for r in runs)
    assert eup("--db", db_url, "table", KEY, "--stages", stages, "--out", str(docx_out)).code == 0
    changes = RevisionDocument(str(docx_out)).track_changes
    assert {c.text.strip() for c in changes} >= {"24", "72"}
    html_out = tmp_path / "t.html"
    assert eup("--db", db_url, "table", KEY, "--stages", stages, "--out", str(html_out)).code == 0
    tree = parse_page(html_out.read_bytes())
    assert tree.xpath("//ins[normalize-space()='72']") and tree.xpath(
        "//del[normalize-space()='24']"
    )


def test_report_and_memo_with_redlines(db_url: str, tmp_path: Path) -> None:
    seed(db_url, with_texts=("commission-proposal", "council-general-approach", "trilogue"))
    first, second = tmp_path / "r1", tmp_path / "r2"
    for out in (first, second):
        result = eup("--db", db_url, "report", KEY, "--all-pairs", "--out", str(out))
        assert result.code == 0, result.err
    for name in sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file()):
        a, b = (first / name).read_bytes(), (second / name).read_bytes()
        assert STAMP.sub(b"T", a) == STAMP.sub(b"T", b), name
    data = json.loads((first / "report.json").read_text(encoding="utf-8"))
    assert len(data["pairs"]) == 3
    article2 = next(p for p in data["provisions"] if p["id"] == "article-2")
    change = next(c for c in article2["changes"] if c["to"] == "council-general-approach")
    assert 0 < change["share"] < 0.5
    page = (first / "provisions" / "article-2.html").read_text(encoding="utf-8")
    assert "<del>24</del>" in page.replace(" ", "") or "24" in page
    assert "FICTIONAL — practice text, not a negotiation document" in page
    memo = tmp_path / "m.md"
    assert eup("--db", db_url, "memo", KEY, "--out", str(memo)).code == 0
    text = memo.read_text(encoding="utf-8")
    assert "**Artikel 2 — Commissievoorstel → Algemene oriëntatie van de Raad**" in text
    assert "~~24~~" in text


def test_table_needs_two_to_five_known_stages(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    seed(url, with_texts=("commission-proposal",))
    out = str(tmp_path / "t.md")
    result = eup("--db", url, "table", KEY, "--stages", "commission-proposal", "--out", out)
    assert result.code == 1 and "2 to 5 different stages" in result.err
    result = eup("--db", url, "table", KEY, "--stages", "commission-proposal,nope", "--out", out)
    assert result.code == 1 and "unknown stage 'nope'" in result.err
    result = eup("--db", url, "table", "nope", "--stages", "a,b", "--out", out)
    assert result.code == 1 and "unknown dossier 'nope'" in result.err
    result = eup("--db", url, "memo", KEY, "--lang", "de", "--out", out)
    assert result.code == 1 and result.err.strip() == "error: unknown language 'de'; use nl or en"
    assert not Path(out).exists()


def test_report_progress_callback(tmp_path: Path) -> None:
    from eu_posities import db
    from eu_posities.services.exporting import export_report

    url = f"sqlite:///{tmp_path / 'x.db'}"
    seed(url, with_texts=("commission-proposal",))
    calls: list[tuple[int, int, str]] = []
    engine = db.make_engine(url)
    export_report(engine, [KEY], tmp_path / "r", progress=lambda *a: calls.append(a))
    engine.dispose()
    assert calls and calls[-1][0] == calls[-1][1]
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)


# Made-up test texts (not legal text), imported through `eup import` like a user's files.
MADE_UP_OLD = """\
MADE-UP TEST TEXT - NOT A REAL ACT
THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,
Whereas:
(1) Made-up widgets should be registered.
HAVE ADOPTED THIS REGULATION:
Article 1
Subject matter
This made-up act lays down rules on widgets.
Article 2
Registration
Providers shall register widgets within 10 days.
Article 3
Penalties
Member States shall lay down penalties.
"""
MADE_UP_NEW = """\
MADE-UP TEST TEXT - NOT A REAL ACT
THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,
Whereas:
(1) Made-up widgets should be registered.
HAVE ADOPTED THIS REGULATION:
Article 1
Subject matter
This made-up act lays down uniform rules on widgets.
Article 2
Registration
Providers shall register widgets within 30 days.
Article 2a
Review
The Commission shall review this made-up act.
Article 3
Penalties
Member States may lay down penalties.
"""


def test_table_of_imported_texts(db_url: str, tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(MADE_UP_OLD, encoding="utf-8")
    new.write_text(MADE_UP_NEW, encoding="utf-8")
    assert eup("--db", db_url, "init", "--empty").code == 0
    assert (
        eup("--db", db_url, "dossier", "add", "widgets", "--title", "Made-up widgets act").code == 0
    )
    for path, stage in ((old, "commission-proposal"), (new, "council-general-approach")):
        result = eup("--db", db_url, "import", str(path), "--dossier", "widgets", "--stage", stage)
        assert result.code == 0, result.err
    out = tmp_path / "t.docx"
    stages = "commission-proposal,council-general-approach"
    result = eup(
        "--db", db_url, "table", "widgets", "--stages", stages, "--layout", "provisions",
        "--redline", "formatting", "--out", str(out),
    )  # fmt: skip
    assert result.code == 0, result.err
    grid = Document(str(out)).tables[0]
    rows = {row.cells[0].paragraphs[0].text: row for row in grid.rows[1:]}
    numbered = [label for label in rows if label.startswith(("Recital", "Article"))]
    assert numbered == ["Recital 1", "Article 1", "Article 2", "Article 2a", "Article 3"]
    runs = [r for c in rows["Article 2"].cells for p in c.paragraphs for r in p.runs]
    assert any(r.text.strip() == "10" and r.font.strike for r in runs)
    assert any(r.text.strip() == "30" and r.bold and r.italic for r in runs)
    assert rows["Article 2a"].cells[2].paragraphs[0].runs[0].text.startswith("[new]")
    assert rows["Article 2a"].cells[1].text == "—"


def test_limite_with_consent_is_marked(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    seed(url, with_texts=("commission-proposal",), limite_text=True)
    out = tmp_path / "t.docx"
    stages = "commission-proposal,council-mandate"
    result = eup(
        "--db", url, "table", KEY, "--stages", stages, "--include-limite", "--out", str(out)
    )
    assert result.code == 0, result.err
    doc = Document(str(out))
    assert doc.sections[0].header.paragraphs[0].runs[0].text.startswith("LIMITE")
    legend = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert "LIMITE" in legend["council-mandate"]  # the column's stage, with its warning
    assert "council-mandate" in [c.text for c in doc.tables[-1].rows[0].cells]
    md = tmp_path / "t.md"
    args = ["table", KEY, "--stages", stages, "--include-limite", "--out", str(md)]
    assert eup("--db", url, *args).code == 0
    assert "> **council-mandate: LIMITE**" in md.read_text(encoding="utf-8")


def test_table_of_part_of_the_dossier(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert eup("--db", url, "init").code == 0
    stages = ("--stages", "commission-proposal,practice-council-text")
    whole, part = tmp_path / "whole.md", tmp_path / "part.md"
    assert eup("--db", url, "table", "csa-regulation", *stages, "--out", str(whole)).code == 0
    result = eup(
        "--db", url, "table", "csa-regulation", *stages, "--provisions", "Articles 7-9",
        "--out", str(part),
    )  # fmt: skip
    assert result.code == 0, result.err

    def rows(path: Path) -> dict[str, str]:
        found = re.findall(r"^\| (\d+) \| ([^|]+) \|", path.read_text(encoding="utf-8"), re.M)
        return {number: heading.strip().strip("*") for number, heading in found}

    shown = rows(part)
    assert {h.split("(")[0] for h in shown.values()} == {"Article 7", "Article 8", "Article 9"}
    # The rows keep the numbers they have in the whole table.
    assert all(rows(whole)[number] == heading for number, heading in shown.items())
    missing = tmp_path / "missing.md"
    result = eup(
        "--db", url, "table", "csa-regulation", *stages, "--provisions", "Article 999",
        "--out", str(missing),
    )  # fmt: skip
    assert result.code == 1 and "no provision 'Article 999'" in result.err
    assert result.err.count("\n") == 1 and not missing.exists()
