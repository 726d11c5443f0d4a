"""How `eup concerns` shows the ledger to people: tables per dossier, one concern, its history.

Everything that comes from a document or a user (titles, quotes, notes, labels) is printed as
text, never as Rich markup: "[deleted]" must stay visible and "[/]" must not break output.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.markup import escape

from eu_posities.cli.common import folding_table, stdout_console

if TYPE_CHECKING:
    from eu_posities.readmodels import AssessmentEntry, ConcernRecord

STATUS_STYLE = {"open": "red", "partly": "yellow", "resolved": "green", "dropped": "dim"}


def print_concern_tables(rows: Sequence[ConcernRecord], dossier: str | None) -> None:
    """One table per dossier; a stage per line, so that keys stay whole at 80 characters."""
    console = stdout_console()
    if not rows:
        console.print("No concerns" + (f" in {escape(dossier)}." if dossier else "."))
    for dossier_key in dict.fromkeys(row.dossier for row in rows):
        table = folding_table(
            title=f"Concerns in {escape(dossier_key)}", title_justify="left", show_lines=True
        )
        table.add_column("concern", overflow="fold")
        # Stage keys are long: one column for the ledger keeps them whole at 80 characters.
        table.add_column("status by stage · linked provisions", overflow="fold")
        for row in rows:
            if row.dossier != dossier_key:
                continue
            lines = [
                f"{escape(stage)}: [{STATUS_STYLE.get(status, '')}]{escape(status)}[/]"
                for stage, status in row.status_by_stage.items()
            ]
            if row.resolved_in:
                lines.append(f"[b]resolved in {escape(row.resolved_in)}[/]")
            if row.provisions:
                lines.append("[dim]linked: " + escape(", ".join(row.provisions)) + "[/]")
            table.add_row(escape(row.key), "\n".join(lines) or "-")
        console.print(table)


def print_detail(detail: ConcernRecord) -> None:
    console = stdout_console()
    console.print(
        f"[bold]{escape(detail.key)}[/bold] - {escape(detail.title_nl)} ({escape(detail.title_en)})"
    )
    console.print(f"Dossier: {escape(detail.dossier)}")
    if detail.description:
        console.print(escape(detail.description))
    if detail.position_nl:
        console.print(
            f"\n[bold]Nederlandse positie[/bold] ({escape(detail.position_source)}):\n"
            + escape(detail.position_nl)
        )
    if detail.links:
        console.print("\n[bold]Provisions[/bold]")
        for link in detail.links:
            console.print(f"  {escape(link.stage)}: {escape(link.provision)} ({link.state})")
    if detail.current:
        console.print("\n[bold]Status per stage[/bold]")
        for entry in detail.current:
            console.print(
                f"  {escape(entry.stage)}: {entry.status} (#{entry.id}, {escape(entry.author)})"
            )
            _print_evidence(entry)
    if detail.amendments:
        console.print("\n[bold]EP amendments to these provisions[/bold]")
        by_place: dict[tuple[str, str], list[str]] = {}
        for stage, label, number in detail.amendments:
            by_place.setdefault((stage, label), []).append(number)
        for (stage, label), numbers in by_place.items():
            console.print(f"  {escape(stage)}: {escape(label)} — " + escape(", ".join(numbers)))
    console.print(f"\nResolved in: {escape(detail.resolved_in or '-')}")
    if detail.alerts:
        console.print("\n[bold]Alerts[/bold]")
        for alert in detail.alerts:
            console.print(f"  {escape(alert.stage)}: {escape(alert.summary)}")


def print_history(rows: Sequence[AssessmentEntry]) -> None:
    console = stdout_console()
    for row in rows:
        at = row.at.isoformat() if row.at else ""
        console.print(f"#{row.id} {at} {escape(row.author)}: {escape(row.stage)} -> {row.status}")
        _print_evidence(row)


def _print_evidence(entry: AssessmentEntry) -> None:
    console = stdout_console()
    where = ", ".join(x for x in (entry.evidence_document, entry.evidence_location) if x)
    if entry.evidence:
        console.print(
            "    “" + escape(entry.evidence) + "”" + (f" - {escape(where)}" if where else "")
        )
    if entry.note:
        console.print(f"    note: {escape(entry.note)}")
