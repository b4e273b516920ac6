"""Write the API reference pages from the package itself, so they list what the code exports.

A *public unit* is a package that declares ``__all__`` (``benchgame.games``,
``benchgame.games.leaderboard``, ...) or a module that declares ``__all__`` inside a package
that does not (``benchgame.core.validation``, ``benchgame.experiments.leaderboard_config``).
Each unit gets one page: its docstring and an autosummary table of its names. An object
exported by several units (``benchgame.Contest`` is ``benchgame.games.Contest`` is
``benchgame.games.leaderboard.Contest``) is documented once, in the deepest unit that exports it
and contains the module defining it; the other units link to that page.

The command modules of ``benchgame.cli.commands`` document their JSON schemas in their
docstrings; :func:`write_schema_page` collects them on one page.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import shutil
from pathlib import Path

import benchgame

LAYERS = ["core", "benchmarks_data", "games", "mechanisms", "analyses", "proofs_check",
          "experiments"]


def _is_package(module: object) -> bool:
    return hasattr(module, "__path__")


def public_units() -> list[str]:
    """Names of the public units of the library, the top-level package first.

    A module inside a package that declares ``__all__`` is an implementation detail of that
    package (its public names are re-exported there) and is not a unit of its own.
    """
    units = ["benchgame"]
    for layer in LAYERS:
        root = importlib.import_module(f"benchgame.{layer}")
        names = [root.__name__] + [m.name for m in pkgutil.walk_packages(
            root.__path__, f"{root.__name__}.")]
        for name in sorted(names):
            module = importlib.import_module(name)
            if not hasattr(module, "__all__"):
                continue
            parts = name.split(".")
            ancestors = [".".join(parts[:k]) for k in range(2, len(parts))]
            if _is_package(module) or not any(
                    hasattr(importlib.import_module(a), "__all__") for a in ancestors):
                units.append(name)
    return units


def _home(obj: object, exporters: list[str]) -> str:
    """The deepest exporting unit that contains the module defining ``obj``."""
    defined = getattr(obj, "__module__", None) if (inspect.isclass(obj) or callable(obj)) \
        else None
    inside = [u for u in exporters if defined and (defined == u or defined.startswith(u + "."))]
    return max(inside or exporters, key=lambda u: u.count("."))


def _exports(unit: str) -> list[tuple[str, object]]:
    module = importlib.import_module(unit)
    out = []
    for name in sorted(module.__all__, key=str.lower):
        obj = getattr(module, name)
        if not inspect.ismodule(obj):
            out.append((name, obj))
    return out


def homes(units: list[str]) -> dict[int, str]:
    """Map ``id(object)`` to the unit whose page documents it."""
    exporters: dict[int, list[str]] = {}
    objects: dict[int, object] = {}
    for unit in units:
        for _, obj in _exports(unit):
            exporters.setdefault(id(obj), []).append(unit)
            objects[id(obj)] = obj
    return {key: _home(objects[key], units_) for key, units_ in exporters.items()}


def _title(text: str, char: str = "=") -> str:
    return f"{text}\n{char * len(text)}\n"


def write_api_pages(outdir: Path) -> list[str]:
    """Write one page per public unit under ``outdir`` and return the page names.

    ``outdir`` is emptied first: pages (and autosummary stubs) of objects that were moved or
    removed since the last build would otherwise stay behind, outside every toctree.
    """
    shutil.rmtree(outdir, ignore_errors=True)
    outdir.mkdir(parents=True, exist_ok=True)
    units = public_units()
    home = homes(units)
    for unit in units:
        own, linked = [], []
        for name, obj in _exports(unit):
            target = home.get(id(obj), unit)
            if target == unit and (inspect.isclass(obj) or inspect.isfunction(obj)):
                own.append(name)
            elif target != unit:
                linked.append((name, f"{target}.{name}", obj))
            else:
                own.append(name)
        lines = [_title(f"``{unit}``"), f".. automodule:: {unit}", "   :no-members:",
                 "   :no-index:", "", f".. currentmodule:: {unit}", ""]
        if own:
            lines += [_title("Defined here", "-"), ".. autosummary::", "   :toctree: generated",
                      "   :template: object.rst", ""]
            lines += [f"   {name}" for name in own]
            lines.append("")
        if linked:
            lines += [_title("Also exported here", "-"),
                      "Documented on the page of the package that defines them:", ""]
            for name, target, obj in linked:
                role = "class" if inspect.isclass(obj) else "func" if callable(obj) else "data"
                lines.append(f"* ``{name}``: :py:{role}:`{target}`")
            lines.append("")
        (outdir / f"{unit}.rst").write_text("\n".join(lines))
    index = [_title("API reference"),
             "Every public package of the library, generated from its ``__all__``: the top "
             "level ``benchgame`` first, then the layers from the bottom (``core``) up. The "
             "layers are described in :doc:`../../user_guide/index`.", "", ".. toctree::",
             "   :maxdepth: 1", ""]
    index += [f"   {unit}" for unit in units]
    (outdir / "index.rst").write_text("\n".join(index) + "\n")
    return units


def write_schema_page(path: Path) -> list[str]:
    """Write the page of the command modules' docstrings (their JSON schemas)."""
    commands = benchgame.cli.commands
    names = sorted(m.name for m in pkgutil.iter_modules(commands.__path__,
                                                        f"{commands.__name__}."))
    lines = [_title("Commands and JSON schemas"),
             "Every command writes a table by default and a JSON document with "
             "``--format json``; each document names its schema and version in its "
             "``schema`` key. The sections below are the command modules' own documentation.",
             ""]
    for name in names:
        lines += [_title(f"``benchgame {name.rsplit('.', 1)[1]}``", "-"),
                  f".. automodule:: {name}", "   :no-members:", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines))
    return names
