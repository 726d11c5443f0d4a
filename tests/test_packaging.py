"""Packaging and import hygiene: every package ships, and the core never loads the UI."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_folder_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = set()
    for init in ROOT.glob("eu_posities/**/__init__.py"):
        found.add(".".join(init.parent.relative_to(ROOT).parts))
    for init in ROOT.glob("tui/**/__init__.py"):  # shipped as eu_posities.tui
        found.add(".".join(("eu_posities", *init.parent.relative_to(ROOT).parts)))
    found.add("eu_posities.bundled")
    assert found == listed


def test_no_top_level_tui_package_is_installed() -> None:
    # A top-level `tui` in site-packages would collide with the PyPI distribution of that name.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert all(p == "eu_posities" or p.startswith("eu_posities.") for p in config["packages"])
    assert config["package-dir"]["eu_posities.tui"] == "tui"


def test_core_modules_never_import_textual() -> None:
    modules = sorted(
        ".".join(p.with_suffix("").relative_to(ROOT).parts)
        for p in (ROOT / "eu_posities").rglob("*.py")
        if "migrations" not in p.parts and p.name != "__main__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n    importlib.import_module(m)\n"
        "print(sorted(m for m in sys.modules\n"
        "  if m.split('.')[0] in ('textual', 'tui') or m.startswith('eu_posities.tui')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_bundled_data_is_reachable() -> None:
    from eu_posities.demo import bundled, read_manifest

    manifest = read_manifest()
    for dossier in manifest["dossiers"]:
        for stage in dossier["stages"]:
            if stage.get("text"):
                assert bundled(stage["text"]).is_file(), stage["text"]
