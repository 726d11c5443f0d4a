"""Made-up test documents in the EP's Word amendment template (hidden structure tags).

No real EP Word file is in the corpus. These fixtures reproduce the template as public code
that reads real EP documents describes it: tags typed in hidden runs of character style
`HideTWBExt` (`<RepeatBlock-Amend>`, `<Amend>Amendment <NumAm>N</NumAm>`,
`<RepeatBlock-By><Members>…</Members>`, `<DocAmend>…</DocAmend>`, `<Article>…</Article>`,
`Or. <Original>{EN}en</Original>`, `<TitreJust>Justification</TitreJust>`, `</Amend>`), and a
table per amendment with a spacer row, the "Text proposed by the Commission | Amendment" row
and the text, changed words in bold italic. The wording of the amendments is taken from the
public JURI draft opinion on the AI Act; the documents themselves are made up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

Pieces = list[tuple[str, bool]]  # (text, bold italic)


@dataclass
class FixtureAmendment:
    number: str
    target: str
    rows: list[tuple[Pieces, Pieces]]
    document: str = "Proposal for a regulation"
    members: str = ""
    justification: str = ""


@dataclass
class FixtureDocument:
    cover: list[str] = field(default_factory=list)
    amendments: list[FixtureAmendment] = field(default_factory=list)


def write_ep_docx(path: Path, document: FixtureDocument, *, tagged: bool = True) -> Path:
    """Write `document` as an EP-template DOCX (with or without the hidden tags)."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE

    doc = Document()
    hidden = doc.styles.add_style("HideTWBExt", WD_STYLE_TYPE.CHARACTER)
    hidden.font.hidden = True

    def para(*parts: tuple[str, str]) -> None:
        """A paragraph of ("tag", text) hidden runs and ("text", text) visible ones."""
        p = doc.add_paragraph()
        for kind, text in parts:
            if kind == "tag":
                if tagged:
                    p.add_run(text, style="HideTWBExt")
            else:
                p.add_run(text)

    for line in document.cover:
        para(("text", line))
    para(("tag", "<RepeatBlock-Amend>"))
    for am in document.amendments:
        para(("tag", "<Amend>"), ("text", "Amendment\t"), ("tag", "<NumAm>"),
             ("text", am.number), ("tag", "</NumAm>"))  # fmt: skip
        if am.members:
            para(("tag", "<RepeatBlock-By><Members>"), ("text", am.members),
                 ("tag", "</Members></RepeatBlock-By>"))  # fmt: skip
        para(("tag", "<DocAmend>"), ("text", am.document), ("tag", "</DocAmend>"))
        para(("tag", "<Article>"), ("text", am.target), ("tag", "</Article>"))
        table = doc.add_table(rows=2 + len(am.rows), cols=2)
        spacer = table.cell(0, 0).merge(table.cell(0, 1))
        spacer.text = ""
        for col, label in enumerate(("Text proposed by the Commission", "Amendment")):
            run = table.cell(1, col).paragraphs[0].add_run(label)
            run.italic = True
        for index, (old, new) in enumerate(am.rows, start=2):
            for col, pieces in enumerate((old, new)):
                cell_paragraph = table.cell(index, col).paragraphs[0]
                for text, marked in pieces:
                    run = cell_paragraph.add_run(text)
                    if marked:
                        run.bold = True
                        run.italic = True
        para(("text", "Or. "), ("tag", "<Original>"), ("tag", "{EN}"), ("text", "en"),
             ("tag", "</Original>"))  # fmt: skip
        if am.justification:
            para(("tag", "<TitreJust>"), ("text", "Justification"), ("tag", "</TitreJust>"))
            para(("text", am.justification))
        para(("tag", "</Amend>"))
    para(("tag", "</RepeatBlock-Amend>"))
    doc.save(str(path))
    return path


_AM37_OLD: Pieces = [
    ("(1)\t‘artificial intelligence system’ (AI system) means ", False),
    ("software", True),
    (" that is developed with ", False),
    ("one or more of", True),
    (" the techniques and approaches listed in Annex I and ", False),
    ("can, for a given set of human-defined objectives, generate outputs such as content, "
     "predictions, recommendations, or decisions influencing the environments they interact "
     "with;", True),
]  # fmt: skip
_AM37_NEW: Pieces = [
    ("(1)\t‘artificial intelligence system’ (AI system) means ", False),
    ("a machine based system", True),
    (" that is developed with ", False),
    ("the techniques and approaches listed in Annex I and ", False),
    ("is capable of influencing the environment by producing an output (predictions, "
     "recommendations or decisions) for a given set of objectives.", True),
]  # fmt: skip
_AM2_NEW: Pieces = [
    ("(5a)\tTo ensure the development of secure, trustworthy and ethical AI, the European "
     "Commission established the High-Level Expert Group on Artificial Intelligence.", True),
]  # fmt: skip


def juri_sample() -> FixtureDocument:
    """Three amendments of the JURI draft opinion on the AI Act (PE719.827), as a template."""
    return FixtureDocument(
        cover=[
            "European Parliament 2019-2024",
            "Committee on Legal Affairs",
            "2021/0106(COD)",
            "DRAFT OPINION of the Committee on Legal Affairs on the proposal for a regulation of "
            "the European Parliament and of the Council laying down harmonised rules on "
            "artificial intelligence (Artificial Intelligence Act) and amending certain Union "
            "Legislative Acts (COM(2021)0206 – C9-0146/2021 – 2021/0106(COD))",
        ],
        amendments=[
            FixtureAmendment(
                number="27",
                target="Article 2 – paragraph 2 – point c",
                rows=[
                    (
                        [("(c)", True), ("\t", False), ("Regulation (EU) No 168/2013;", True)],
                        [("deleted", True)],
                    )
                ],
                members="Axel Voss",
            ),
            FixtureAmendment(
                number="37",
                target="Article 3 – paragraph 1 – point 1",
                rows=[(_AM37_OLD, _AM37_NEW)],
                justification="Although the AI Act is an EU Regulation, it should use the "
                "wording developed by the OECD.",
            ),
            FixtureAmendment(number="2", target="Recital 5 a (new)", rows=[([], _AM2_NEW)]),
        ],
    )
