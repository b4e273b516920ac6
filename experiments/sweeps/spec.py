"""Sweep specification: which analysis, over which parameter values and seeds, written where.

TOML layout (a dict with the same keys is accepted by :func:`parse_spec`)::

    analysis = "leaderboard"          # a registered analysis (sweeps.analyses())
    output = "lb_sweep.parquet"       # final table; parts go to "lb_sweep.parquet.parts/"
    seeds = 5                         # a count (seeds 0..4) or a list of distinct ints >= 0
    batch_size = 16                   # optional: cells per task (default: timed, ~0.2 s/task)
    imports = ["my_pkg.my_cells"]     # optional: modules that register user analyses or
                                      # protocols; imported only with --allow-imports
    design = "grid"                   # "grid" (default) or "random"
    samples = 50                      # random design only: number of parameter draws
    design_seed = 0                   # random design only

    [parameters]                      # grid: name -> non-empty list of values
    delta = [0.0, 100.0, 1000.0]
    kappa = [1e-4, 1e-3]
    # random design: name -> {low, high, log = false, integer = false} or {choices = [...]}

    [[cases]]                         # optional: explicit joint values, crossed with the grid
    protocol = "tbt"
    delta = 100.0

    [designer]                        # optional, leaderboard only: the designer's search
    required_fraction = 1.0           #   (benchgame.experiments.sweeps.designer_search)
    cost = "delta"

Cells are the cartesian product cases x grid (or cases x random draws) x seeds; parameters not
given take the analysis' declared defaults. Every error is an :class:`InputError` naming the key
(e.g. ``parameters.delta``) and the fix, raised before anything is written.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchgame.core.limits import check_limit
from benchgame.core.plugins import import_user_modules, module_names
from benchgame.core.toml_file import read_toml
from benchgame.core.validation import InputError
from benchgame.experiments.sweeps.parameter_values import (
    case_tables,
    check_parameter,
    grid_values,
    range_tables,
)
from benchgame.experiments.sweeps.registry import REQUIRED, Analysis, get_analysis

__all__ = ["SweepSpec", "load_spec", "parse_spec"]

_TOP = {"analysis", "output", "seeds", "batch_size", "imports", "design", "samples",
        "design_seed", "parameters", "cases", "designer"}


@dataclass(frozen=True)
class SweepSpec:
    """A validated sweep specification (see the module docstring for the keys).

    Build one with :func:`parse_spec` or :func:`load_spec`, which check every value.

    Parameters
    ----------
    analysis : str
        Name of the registered analysis.
    output : pathlib.Path
        The Parquet file of the final table.
    seeds : tuple of int
        The seeds of every parameter point.
    parameters : mapping, default {}
        Name to tuple of grid values (``design == "grid"``) or to range table
        (``design == "random"``: ``low``, ``high``, ``log``, ``integer``, or ``choices``).
    cases : tuple of mapping, default ()
        Explicit joint parameter values, crossed with the grid.
    design : {"grid", "random"}, default "grid"
        Cartesian grid, or random draws from the ranges.
    samples : int, optional
        Number of random draws (random design only).
    design_seed : int, default 0
        Seed of the random draws.
    batch_size : int, optional
        Cells per Dask task (default: sized by timing the first cell).
    imports : tuple of str, default ()
        Modules imported before running (they register user analyses or protocols).
    designer : mapping, optional
        The designer's search settings, ``required_fraction`` and ``cost``.
    source : str, default "<dict>"
        Where the specification came from, for messages.
    """

    analysis: str
    output: Path
    seeds: tuple[int, ...]
    parameters: Mapping[str, Any] = field(default_factory=dict)
    cases: tuple[Mapping[str, Any], ...] = ()
    design: str = "grid"
    samples: int | None = None
    design_seed: int = 0
    batch_size: int | None = None
    imports: tuple[str, ...] = ()
    designer: Mapping[str, Any] | None = None
    source: str = "<dict>"

    def get_analysis(self) -> Analysis:
        """Look up the registered analysis of this specification.

        Returns
        -------
        Analysis
            The analysis named by ``analysis``.
        """
        return get_analysis(self.analysis)

    def with_output(self, output: str | Path) -> SweepSpec:
        """Return the same specification writing to ``output``.

        Parameters
        ----------
        output : str or Path
            The new Parquet file of the final table.

        Returns
        -------
        SweepSpec
            A copy with ``output`` replaced.

        Raises
        ------
        InputError
            If ``output`` is empty.
        """
        from dataclasses import replace

        return replace(self, output=_output(str(output), "output"))

    def to_dict(self) -> dict:
        """Convert to a JSON-ready dict (stored as the provenance of a sweep's table).

        Returns
        -------
        dict
            Every field except ``source``, with paths as strings and tuples as lists.
        """
        return {"analysis": self.analysis, "output": str(self.output),
                "seeds": list(self.seeds), "design": self.design,
                "parameters": {k: (list(v) if isinstance(v, tuple) else dict(v))
                               for k, v in self.parameters.items()},
                "cases": [dict(c) for c in self.cases], "samples": self.samples,
                "design_seed": self.design_seed, "batch_size": self.batch_size,
                "imports": list(self.imports),
                "designer": None if self.designer is None else dict(self.designer)}


def _int(v: Any, path: str, minimum: int) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or v < minimum:
        raise InputError(path, f"is {v!r}", f"give an integer >= {minimum}")
    return int(v)


def _output(v: Any, path: str) -> Path:
    if not isinstance(v, str) or not v.strip():
        raise InputError(path, f"is {v!r}", "give the path of the Parquet file to write")
    return Path(v)


def _seeds(v: Any) -> tuple[int, ...]:
    if isinstance(v, int) and not isinstance(v, bool):
        check_limit(v, "sweep_cells", "seeds")
        return tuple(range(_int(v, "seeds", 1)))
    if not isinstance(v, list) or not v:
        raise InputError("seeds", f"is {v!r}", "give a count >= 1 or a non-empty list of ints")
    out = tuple(_int(s, f"seeds[{k}]", 0) for k, s in enumerate(v))
    if len(set(out)) != len(out):
        raise InputError("seeds", f"repeats a seed: {list(out)}", "give distinct seeds")
    return out


def parse_spec(doc: Mapping[str, Any], source: str = "<dict>", *,
               allow_imports: bool = False) -> SweepSpec:
    """Validate a specification given as a dict (parsed TOML).

    Parameters
    ----------
    doc : mapping
        The specification (layout in the module docstring).
    source : str, default "<dict>"
        Where it came from, for messages.
    allow_imports : bool, default False
        Consent to import the modules listed under ``imports`` (they run code); without it a
        specification with ``imports`` is refused. They are imported only after every key
        that can be checked without them is valid.

    Returns
    -------
    SweepSpec
        The validated specification; nothing has been run or written.

    Raises
    ------
    InputError
        Naming the first bad key and the fix.

    Examples
    --------
    >>> spec = parse_spec({"analysis": "leaderboard", "output": "lb.parquet", "seeds": 3,
    ...                    "parameters": {"delta": [0, 100.0], "developers": [3]}})
    >>> spec.seeds, dict(spec.parameters)
    ((0, 1, 2), {'delta': (0.0, 100.0), 'developers': (3,)})
    >>> try:
    ...     parse_spec({"analysis": "leaderboard", "output": "lb.parquet",
    ...                 "parameters": {"delta": []}})
    ... except InputError as exc:
    ...     print(exc)
    parameters.delta: is an empty list (the grid would have no cells); give at least one value
    """
    if not isinstance(doc, Mapping):
        raise InputError("spec", f"is a {type(doc).__name__}", "give a table of keys")
    for k in doc:
        if k not in _TOP:
            raise InputError(k, "is not a known key", f"use {', '.join(sorted(_TOP))}")
    imports = module_names(doc["imports"]) if "imports" in doc else ()
    if "analysis" not in doc:
        raise InputError("analysis", "is missing", "add analysis = \"<name>\"")
    if not isinstance(doc["analysis"], str):
        raise InputError("analysis", f"is {doc['analysis']!r}", "give the analysis name")
    if "output" not in doc:
        raise InputError("output", "is missing", "add output = \"<file>.parquet\"")
    output = _output(doc["output"], "output")
    seeds = _seeds(doc.get("seeds", 1))
    design = doc.get("design", "grid")
    if design not in ("grid", "random"):
        raise InputError("design", f"is {design!r}", "use \"grid\" or \"random\"")
    params_doc = doc.get("parameters", {})
    if not isinstance(params_doc, dict):
        raise InputError("parameters", f"is {params_doc!r}", "write a [parameters] table")
    samples = None
    design_seed = 0
    if design == "grid":
        for key in ("samples", "design_seed"):
            if key in doc:
                raise InputError(key, "only applies to design = \"random\"",
                                 "remove it or set design = \"random\"")
    else:
        if "samples" not in doc:
            raise InputError("samples", "is missing", "give the number of random draws")
        samples = _int(doc["samples"], "samples", 1)
        check_limit(samples, "sweep_cells", "samples")
        design_seed = _int(doc.get("design_seed", 0), "design_seed", 0)
    batch = _int(doc["batch_size"], "batch_size", 1) if "batch_size" in doc else None
    # user modules run code: imported only now that every key checkable without them is valid
    # (they may register the analysis, protocols or populations the rest refers to)
    import_user_modules(imports, allowed=allow_imports)
    a = get_analysis(doc["analysis"])
    for name in params_doc:
        check_parameter(name, a, f"parameters.{name}")
    cases = case_tables(doc["cases"], a) if "cases" in doc else ()
    both = sorted(set(params_doc) & set().union(*(set(c) for c in cases)))
    if both:
        raise InputError(f"parameters.{both[0]}", "is also given in [[cases]]",
                         "give each parameter either in the grid or in the cases")
    if design == "grid":
        params: dict[str, Any] = grid_values(params_doc, a)
    else:
        params = range_tables(params_doc, a)
        if not params:
            raise InputError("parameters", "is empty with design = \"random\"",
                             "give at least one parameter range")
    if not params and not cases:
        raise InputError("parameters", "is empty: the sweep varies nothing",
                         "give at least one parameter with a list of values (or [[cases]])")
    for name, p in a.parameters.items():
        in_cases = bool(cases) and all(name in c for c in cases)
        if p.default is REQUIRED and name not in params and not in_cases:
            raise InputError(f"parameters.{name}", f"is required by analysis {a.name!r}",
                             f"give {name} = [...] ({p.doc})")
    points = samples if design == "random" else math.prod(len(v) for v in params.values())
    check_limit(points * max(1, len(cases)) * len(seeds), "sweep_cells",
                "parameters x cases x seeds")
    designer = None
    if "designer" in doc:
        designer = _designer(doc["designer"], a, params, cases)
    return SweepSpec(a.name, output, seeds, params, cases, design, samples, design_seed, batch,
                     imports, designer, source)


def _designer(doc: Any, a: Analysis, params: Mapping, cases: tuple) -> dict:
    if a.name != "leaderboard":
        raise InputError("designer", f"does not apply to analysis {a.name!r}",
                         "the designer's search runs on analysis = \"leaderboard\"")
    if not isinstance(doc, dict):
        raise InputError("designer", f"is {doc!r}", "write a [designer] table")
    bad = sorted(set(doc) - {"required_fraction", "cost"})
    if bad:
        raise InputError(f"designer.{bad[0]}", "is not a known key",
                         "use required_fraction and cost")
    frac = doc.get("required_fraction", 1.0)
    if (isinstance(frac, bool) or not isinstance(frac, (int, float))
            or not 0 < float(frac) <= 1):
        raise InputError("designer.required_fraction", f"is {frac!r}", "give a number in (0, 1]")
    cost = doc.get("cost", "delta")
    if cost not in a.parameters or a.parameters[cost].kind not in (int, float):
        raise InputError("designer.cost", f"is {cost!r}",
                         "name a numeric protocol parameter such as delta or cap")
    return {"required_fraction": float(frac), "cost": cost}


def load_spec(path: str | Path, *, allow_imports: bool = False) -> SweepSpec:
    """Read and validate a TOML specification file.

    Parameters
    ----------
    path : str or Path
        The TOML file.
    allow_imports : bool, default False
        Consent to import the modules listed under ``imports``.

    Returns
    -------
    SweepSpec
        The validated specification, with ``source`` the file name.

    Raises
    ------
    InputError
        If the file is missing, unreadable or not valid TOML, or a key is bad.

    Examples
    --------
    >>> from importlib.resources import files
    >>> spec = load_spec(files("benchgame") / "examples" / "sweep_leaderboard.toml")
    >>> spec.analysis, spec.design
    ('leaderboard', 'grid')
    """
    doc = read_toml(path, "SPEC", "sweep specification (TOML)")
    return parse_spec(doc, str(path), allow_imports=allow_imports)
