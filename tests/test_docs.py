"""The documentation keeps up with the commands: every command's help has an example that the
command line accepts, the README's command table lists every command, and every command of
CONTRACT.md exists."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from eu_posities.cli import app

ROOT = Path(__file__).resolve().parents[1]
# shared/ sits beside the checkout (CI, main) or beside the folder of worktrees.
CONTRACT = next(
    (
        p
        for p in (
            ROOT.parent / "shared" / "CONTRACT.md",
            ROOT.parent.parent / "shared" / "CONTRACT.md",
        )
        if p.exists()
    ),
    ROOT.parent / "shared" / "CONTRACT.md",
)


def _walk(command: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _walk(sub, (*path, name))


ROOT_COMMAND = typer.main.get_command(app)
COMMANDS = [(path, cmd) for path, cmd in _walk(ROOT_COMMAND, ()) if path]
IDS = [" ".join(path) for path, _ in COMMANDS]
EVERY = [((), ROOT_COMMAND), *COMMANDS]


def examples(help_text: str) -> list[str]:
    """The command lines after "Example:", joined across the lines they wrap onto."""
    found = []
    for part in re.split(r"Example:", help_text)[1:]:
        lines = []
        for line in part.strip().splitlines():
            if not line.strip():
                break
            lines.append(line.strip())
        found.append(" ".join(lines))
    return found


@pytest.mark.parametrize(("path", "command"), EVERY, ids=["eup", *IDS])
def test_every_command_has_help_with_an_example(path: tuple[str, ...], command: Any) -> None:
    text = command.help or ""
    assert text.strip(), f"eup {' '.join(path)} has no help"
    found = examples(text)
    assert found, f"eup {' '.join(path)}: no 'Example:' in its help"
    # The first line is what `eup --help` lists: a sentence, not half an example.
    assert "Example" not in text.strip().splitlines()[0]
    for example in found:
        assert example.startswith("eup "), example


def _rest(ctx: Any) -> list[str]:
    # Click keeps a group's subcommand apart from its arguments (`_protected_args` in the
    # Click that Typer vendors, `protected_args` in older ones).
    protected = getattr(ctx, "_protected_args", None) or getattr(ctx, "protected_args", [])
    return [*protected, *ctx.args]


def _parse(args: list[str]) -> None:
    """Parse (not run) a command line the way `eup` would; a usage error raises."""
    ctx = ROOT_COMMAND.make_context("eup", list(args))
    command: Any = ROOT_COMMAND
    rest = _rest(ctx)
    while hasattr(command, "commands") and rest:
        name, command, rest = command.resolve_command(ctx, rest)
        ctx = command.make_context(name, list(rest), parent=ctx)
        rest = _rest(ctx)


@pytest.mark.parametrize(("path", "command"), EVERY, ids=["eup", *IDS])
def test_the_examples_are_valid_command_lines(path: tuple[str, ...], command: Any) -> None:
    for example in examples(command.help or ""):
        args = shlex.split(example)[1:]
        assert args[: len(path)] == list(path) or "--db" in args, example
        _parse(args)


def _readme_commands() -> set[str]:
    """Commands and subcommands named in the first column of README's command table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Commands", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in section.splitlines():
        if not line.startswith("| `eup"):
            continue
        first_cell = re.split(r"(?<!\\)\|", line)[1]  # `\|` inside a cell is not a border
        for command, subs in re.findall(r"`eup ([a-z-]+)(?: ([a-z\\|-]+))?", first_cell):
            names.add(command)
            names.update(sub for sub in subs.split("\\|") if sub)
    return names


def test_readme_lists_every_top_level_command() -> None:
    top = {path[0] for path, _ in COMMANDS}
    missing = top - _readme_commands()
    assert not missing, f"README's command table lacks: {sorted(missing)}"


def test_readme_lists_every_concerns_subcommand() -> None:
    concerns = {path[1] for path, _ in COMMANDS if path[0] == "concerns" and len(path) == 2}
    assert concerns - _readme_commands() == set()


def test_readme_names_no_command_that_does_not_exist() -> None:
    known = {name for path, _ in COMMANDS for name in path}
    unknown = _readme_commands() - known
    assert not unknown, f"README names commands that do not exist: {sorted(unknown)}"


@pytest.mark.skipif(not CONTRACT.exists(), reason="CONTRACT.md is not beside this checkout")
def test_every_contract_command_exists() -> None:
    text = CONTRACT.read_text(encoding="utf-8")
    section = text.split("## Commands", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`eup ([a-z-]+)", section))
    named |= set(re.findall(r"· `([a-z]+)", section)) - {"eup"}
    top = {path[0] for path, _ in COMMANDS}
    subs = {path[-1] for path, _ in COMMANDS}
    missing = named - top - subs
    assert not missing, f"CONTRACT.md commands missing from eup: {sorted(missing)}"
