"""Documentation standards: numpydoc on every public function and class, docstring examples that
run, references to the papers' items (never to internal notes), and small modules."""

from __future__ import annotations

import doctest
import importlib
import inspect
import os
import pkgutil
import re
from pathlib import Path

import pytest

import benchgame

numpydoc_validate = pytest.importorskip("numpydoc.validate")

# numpydoc codes every public function and class must pass: a docstring with a one-line
# summary, every parameter documented (and no unknown ones), and a Returns section.
REQUIRED = {"GL08", "SS01", "SS06", "PR01", "PR02", "RT01"}
ROOT = Path(benchgame.__file__).resolve().parent
LAYERS = ["core", "benchmarks_data", "games", "mechanisms", "analyses", "proofs_check",
          "experiments"]


def _modules(prefix: str = "benchgame.") -> list[str]:
    out = []
    for m in pkgutil.walk_packages(benchgame.__path__, "benchgame."):
        if m.name.endswith("__main__") or m.name.startswith("benchgame.cli"):
            continue
        if m.name.startswith(prefix):
            out.append(m.name)
    return sorted(out)


def public_objects(prefix: str = "benchgame.") -> list[tuple[str, object]]:
    """``(qualified name, object)`` of every public function and class defined under
    ``prefix`` (the names in each module's ``__all__``)."""
    out = []
    for name in _modules(prefix):
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", ()):
            obj = getattr(module, attr, None)
            if ((inspect.isfunction(obj) or inspect.isclass(obj))
                    and getattr(obj, "__module__", None) == name):
                out.append((f"{name}.{attr}", obj))
    return out


def undocumented(prefix: str = "benchgame.") -> dict[str, list[str]]:
    """Public objects whose docstrings fail a required numpydoc check, with the codes."""
    bad = {}
    for qualname, obj in public_objects(prefix):
        errors = {code for code, _ in numpydoc_validate.validate(qualname)["errors"]}
        if inspect.isclass(obj):
            errors.discard("RT01")
        missing = sorted(errors & REQUIRED)
        if missing:
            bad[qualname] = missing
    return bad


@pytest.mark.parametrize("layer", LAYERS)
def test_public_functions_and_classes_have_numpydoc(layer):
    bad = undocumented(f"benchgame.{layer}.")
    assert not bad, "\n".join(f"{k}: {v}" for k, v in sorted(bad.items()))


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS,
                             verbose=False)
    assert result.failed == 0


SPEC_REFERENCE = re.compile(r"\bspec(?:ification)?\s+(?:section\s+)?[A-Z]?\d+(?:\.\d+)*|"
                            r"\bspec\s+section|\(spec\)|\w+_\w+\.md\b|\bspecs/|\[RECON|"
                            r"open point O\d", re.IGNORECASE)


def _sources() -> list[Path]:
    """Every Python source of the package (the layer folders are links: follow them)."""
    return sorted(Path(d) / f for d, _, files in os.walk(ROOT, followlinks=True)
                  for f in files if f.endswith(".py"))


def test_docstrings_cite_papers_not_internal_notes():
    hits = []
    for path in _sources():
        for k, line in enumerate(path.read_text().splitlines(), start=1):
            if SPEC_REFERENCE.search(line):
                hits.append(f"{path.relative_to(ROOT)}:{k}: {line.strip()}")
    assert not hits, "\n".join(hits)


def test_no_module_over_400_lines():
    long = [f"{p.relative_to(ROOT)}: {n}" for p in _sources()
            if (n := len(p.read_text().splitlines())) > 400]
    assert not long, long
