"""The requirement files match the imports.

Every third-party module a file imports (at the top or inside a function) is declared in the .in
file of the environment that runs it, and every declared package is imported somewhere or listed in
NOT_IMPORTED with where it is used. A file runs in an environment when it is one of that
environment's roots or a project module a root imports (tests/engine_ext/test_normalize.py brings
engine_ext/normalize.py into the app; bench/heldout_eval.py brings bench/heldout_data.py into the
engine).
"""

from __future__ import annotations

import ast
import importlib.metadata
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT = {"bot", "actions", "engine_ext", "tests", "bench"}
# Scripts run with `bin/venv engine python ...`: they import rasa.
ENGINE_SCRIPTS = {"bench/nlu_eval.py", "bench/heldout_eval.py", "bench/nlu_data_compare.py",
                  "bench/nlu_features_compare.py", "bench/nlu_linear_screen.py", "tests/engine_ext/features_probe.py",
                  "tests/engine_ext/linear_probe.py", "tests/engine_ext/logging_probe.py",
                  "tests/engine_ext/lock_race_probe.py", "tests/engine_ext/action_response_probe.py",
                  "tests/engine_ext/tracker_store_probe.py"}
ROOTS = {
    "app": [p for d in ("bot", "actions", "tests", "bench") for p in sorted((ROOT / d).rglob("*.py"))
            if p.relative_to(ROOT).as_posix() not in ENGINE_SCRIPTS],
    "engine": sorted((ROOT / "engine_ext").rglob("*.py")) + [ROOT / s for s in sorted(ENGINE_SCRIPTS)],
}
# Declared but never imported, and where each is used instead.
NOT_IMPORTED = {
    "app": {
        "psycopg": "SQLAlchemy's driver for postgresql+psycopg:// URLs (bot/common/settings.py rewrites postgres:// "
                   "to it)",
        "python-multipart": "Starlette's Request.form() needs it: bot/channels/open311.py's POST "
                            "/requests.json, tests/fakes/",
        "pytest-asyncio": "pytest plugin: runs the async tests (asyncio_mode = auto in pyproject.toml)",
        "pytest-timeout": "pytest plugin: the timeout = 900 in pyproject.toml",
        "import-linter": "the tool `make lint` runs to check the layer contract (lint-imports)",
        "ruff": "the linter `make lint` runs",
    },
    "engine": {},
}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(env: str) -> set[str]:
    names = set()
    for line in (ROOT / "requirements" / f"{env}.in").read_text(encoding="utf-8").splitlines():
        requirement = line.partition("#")[0].strip()
        if requirement:
            names.add(normalise(re.match(r"[A-Za-z0-9._-]+", requirement).group()))
    return names


def absolute_imports(path: Path) -> Iterator[tuple[str, list[str]]]:
    """(module, imported names) for each absolute import in the file, nested ones included."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from ((alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module, [alias.name for alias in node.names]


def project_files(module: str, names: list[str]) -> list[Path]:
    """The files importing `module` (or `names` from it) runs: packages, the module, submodules."""
    parts = module.split(".")
    candidates = [ROOT.joinpath(*parts[:i]) / "__init__.py" for i in range(1, len(parts) + 1)]
    candidates.append(ROOT.joinpath(*parts).with_suffix(".py"))
    candidates += [ROOT.joinpath(*parts, name).with_suffix(".py") for name in names]
    return [path for path in candidates if path.is_file()]


def third_party_imports(env: str) -> dict[str, set[str]]:
    """Top-level third-party module -> the files of `env` that import it."""
    found: dict[str, set[str]] = {}
    todo, seen = list(ROOTS[env]), set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for module, names in absolute_imports(path):
            top = module.partition(".")[0]
            if top in PROJECT:
                todo += project_files(module, names)
            elif top not in sys.stdlib_module_names:
                found.setdefault(top, set()).add(path.relative_to(ROOT).as_posix())
    return found


def undeclared_imports(env: str, distributions: dict[str, list[str]]) -> list[str]:
    problems = []
    for module, files in sorted(third_party_imports(env).items()):
        providers = sorted(normalise(d) for d in distributions.get(module, []))
        if not declared(env) & set(providers):
            source = " or ".join(providers) or "no installed distribution"
            problems.append(f"{', '.join(sorted(files))}: imports {module} ({source}), not in requirements/{env}.in")
    return problems


def unexplained_unimported(env: str, distributions: dict[str, list[str]]) -> list[str]:
    imported = {normalise(d) for module in third_party_imports(env) for d in distributions.get(module, [])}
    unused, allowed = declared(env) - imported, set(NOT_IMPORTED[env])
    return [f"{name}: in requirements/{env}.in but never imported; drop it or say in NOT_IMPORTED where it is used"
            for name in sorted(unused - allowed)] + [
        f"{name}: in NOT_IMPORTED[{env!r}] but imported, or not declared" for name in sorted(allowed - unused)]


@pytest.fixture(scope="module")
def engine_distributions() -> dict[str, list[str]]:
    """The engine environment's import name -> distributions (it is another interpreter). Python 3.10's
    packages_distributions() reads only top_level.txt, which rasa's wheel lacks, so the names are
    inferred from the installed files as 3.11's does."""
    code = """if True:
        import importlib.metadata as m, inspect, json
        found = {}
        for d in m.distributions():
            names = (d.read_text("top_level.txt") or "").split() or {
                f.parts[0] if len(f.parts) > 1 else inspect.getmodulename(f.name) or f.name for f in d.files or ()}
            for name in names:
                if "." not in name:
                    found.setdefault(name, []).append(d.metadata["Name"])
        print(json.dumps(found))"""
    try:
        done = subprocess.run([str(ROOT / "bin" / "venv"), "engine", "python", "-c", code],
                              capture_output=True, text=True, timeout=900, cwd=ROOT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"bin/venv engine is not runnable: {exc}")
    if done.returncode != 0:
        pytest.skip(f"bin/venv engine is not runnable: {(done.stderr.strip().splitlines() or ['no message'])[-1]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_every_top_level_import_of_the_app_is_declared_in_app_in() -> None:
    problems = undeclared_imports("app", importlib.metadata.packages_distributions())
    assert not problems, "\n".join(problems)


def test_every_package_declared_for_the_app_is_imported_somewhere() -> None:
    problems = unexplained_unimported("app", importlib.metadata.packages_distributions())
    assert not problems, "\n".join(problems)


@pytest.mark.engine_env
def test_every_top_level_import_of_the_engine_is_declared_in_engine_in(engine_distributions: dict) -> None:
    problems = undeclared_imports("engine", engine_distributions)
    assert not problems, "\n".join(problems)


@pytest.mark.engine_env
def test_every_package_declared_for_the_engine_is_imported_somewhere(engine_distributions: dict) -> None:
    problems = unexplained_unimported("engine", engine_distributions)
    assert not problems, "\n".join(problems)
