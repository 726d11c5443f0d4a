"""How `eup concerns` shows the ledger to people: tables per dossier, one concern, its history."""

from __future__ import annotations

from typing import Any

from eu_posities.cli.common import folding_table, stdout_console

STATUS_STYLE = {"open": "red", "partly": "yellow", "resolved": "green", "dropped": "dim"}


def print_concern_tables(rows: list[dict[str, Any]], dossier: str | None) -> None:
    """One table per dossier; a stage per line, so that keys stay whole at 80 characters."""
    console = stdout_console()
    if not rows:
        console.print("No concerns" + (f" in {dossier}." if dossier else "."))
    for dossier_key in dict.fromkeys(row["dossier"] for row in rows):
        table = folding_table(
            title=f"Concerns in {dossier_key}", title_justify="left", show_lines=True
        )
        table.add_column("concern", overflow="fold")
        # Stage keys are long: one column for the ledger keeps them whole at 80 characters.
        table.add_column("status by stage · linked provisions", overflow="fold")
        for row in rows:
            if row["dossier"] != dossier_key:
                continue
            lines = [
                f"{stage}: [{STATUS_STYLE.get(status, '')}]{status}[/]"
                for stage, status in row["status_by_stage"].items()
            ]
            if row["resolved_in"]:
                lines.append(f"[b]resolved in {row['resolved_in']}[/]")
            if row["provisions"]:
                lines.append("[dim]linked: " + ", ".join(row["provisions"]) + "[/]")
            table.add_row(row["key"], "\n".join(lines) or "-")
        console.print(table)


def print_detail(detail: dict[str, Any]) -> None:
    console = stdout_console()
    console.print(f"[bold]{detail['key']}[/bold] - {detail['title']} ({detail['title_en']})")
    console.print(f"Dossier: {detail['dossier']}")
    if detail["description"]:
        console.print(detail["description"])
    if detail["position_nl"]:
        console.print(
            f"\n[bold]Nederlandse positie[/bold] ({detail['position_source']}):\n"
            + detail["position_nl"]
        )
    if detail["links"]:
        console.print("\n[bold]Provisions[/bold]")
        for link in detail["links"]:
            console.print(f"  {link['stage']}: {link['provision']} ({link['state']})")
    if detail["current"]:
        console.print("\n[bold]Status per stage[/bold]")
        for entry in detail["current"]:
            where = ", ".join(
                x for x in (entry["evidence_document"], entry["evidence_location"]) if x
            )
            console.print(
                f"  {entry['stage']}: {entry['status']} (#{entry['id']}, {entry['author']})"
            )
            if entry["evidence"]:
                console.print(f"    “{entry['evidence']}”" + (f" - {where}" if where else ""))
            if entry["note"]:
                console.print(f"    note: {entry['note']}")
    console.print(f"\nResolved in: {detail['resolved_in'] or '-'}")
    if detail["alerts"]:
        console.print("\n[bold]Alerts[/bold]")
        for alert in detail["alerts"]:
            console.print(f"  {alert['stage']}: {alert['summary']}")


def print_history(rows: list[dict[str, Any]]) -> None:
    console = stdout_console()
    for row in rows:
        console.print(
            f"#{row['id']} {row['at']} {row['author']}: {row['stage']} -> {row['status']}"
        )
        where = ", ".join(x for x in (row["evidence_document"], row["evidence_location"]) if x)
        if row["evidence"]:
            console.print(f"    “{row['evidence']}”" + (f" - {where}" if where else ""))
        if row["note"]:
            console.print(f"    note: {row['note']}")
