"""docs/architecture.md stays true to the tree: its module table names every module, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

from bot.common.settings import ROOT

DOC = ROOT / "docs" / "architecture.md"
PACKAGES = ("bot", "actions", "engine_ext")
MIGRATIONS = "bot/store/migrations/versions/"  # one migration per schema change: the folder is named once


def modules() -> set[str]:
    found = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if path.name != "__init__.py" and not relative.startswith(MIGRATIONS):
                found.add(relative)
    return found


def named_in_table() -> set[str]:
    """The paths the table's first column names: `a/b.py`, and `x/y.py`, `z.py` as siblings of the first."""
    named = set()
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| `"):
            continue
        first = line.split(" | ")[0]
        paths = re.findall(r"`([^`]+)`", first)
        folder = ""
        for path in paths:
            if "/" in path and path.endswith(".py"):
                folder = path.rsplit("/", 1)[0] + "/"
                named.add(path)
            elif path.endswith(".py") and folder:
                named.add(folder + path)
    return named


def test_every_module_is_named_in_the_architecture_doc():
    missing = sorted(modules() - named_in_table())
    assert not missing, "docs/architecture.md does not name these modules:\n" + "\n".join(missing)


def test_the_architecture_doc_names_no_module_that_is_gone():
    gone = sorted(path for path in named_in_table() if not (ROOT / path).is_file())
    assert not gone, "docs/architecture.md names modules that do not exist:\n" + "\n".join(gone)


def test_the_doc_reads_the_table_it_checks():
    """The parser above finds the table (a changed layout would let the other two pass on nothing)."""
    assert len(named_in_table()) >= len(modules()) > 50
    assert Path("bot/store/claims.py").as_posix() in named_in_table()
