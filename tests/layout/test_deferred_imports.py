"""Imports inside function bodies only defer heavy dependencies, never dodge a cycle: an import of
a benchgame module inside a function is allowed only where it keeps the command line's start-up
fast or loads an algorithm (and its SciPy/Qhull/HiGHS machinery) on first use."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import benchgame

ROOT = Path(benchgame.__file__).resolve().parent

# file (relative to the package) -> why its in-function imports of benchgame modules are deferred
ALLOWED = {
    "cli/__init__.py": "the command line imports each command's module only when it runs",
    "cli/commands": "commands import their analysis on first use so that --help stays fast",
    "games/solve.py": "each registered method loads its algorithm (Qhull, HiGHS) on first call",
    "proofs_check/registry.py": "the claim registry imports every claim module on first lookup",
}


def _internal_function_imports() -> list[str]:
    found = []
    for folder, _, files in os.walk(ROOT, followlinks=True):
        for name in files:
            if not name.endswith(".py"):
                continue
            path = Path(folder) / name
            rel = path.relative_to(ROOT).as_posix()
            if any(rel == key or rel.startswith(key + "/") for key in ALLOWED):
                continue
            tree = ast.parse(path.read_text())
            for fn in ast.walk(tree):
                if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    continue
                for node in ast.walk(fn):
                    if isinstance(node, ast.ImportFrom) and (
                            (node.module or "").startswith("benchgame") or node.level):
                        found.append(f"{rel}:{node.lineno} in {fn.name}: {node.module}")
                    elif isinstance(node, ast.Import) and any(
                            a.name.startswith("benchgame") for a in node.names):
                        found.append(f"{rel}:{node.lineno} in {fn.name}")
    return found


def test_in_function_imports_of_benchgame_modules_only_where_deferral_is_the_point():
    found = _internal_function_imports()
    assert not found, "\n".join(found)
