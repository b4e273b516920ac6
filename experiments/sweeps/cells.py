"""Expansion of a sweep specification into cells, with stable cell ids.

A cell is one call ``analysis(params, seed)``. Cells are listed in a fixed order: for each case
(in the order given), for each grid point (cartesian product in the order the parameters are
written, last parameter fastest) or random draw, for each seed. Random designs draw from
``numpy.random.default_rng(design_seed)`` parameter by parameter (names sorted), so the same
specification always gives the same cells.

The cell id is the first 16 hex digits of the SHA-256 of the canonical JSON of
``{"analysis", "params" (every parameter, defaults included), "seed"}``: it does not depend on
the order of cells, on batching, or on the machine, which is what ``--resume`` matches on.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from benchgame.experiments.sweeps.registry import Analysis
from benchgame.experiments.sweeps.spec import SweepSpec

__all__ = ["Cell", "cell_id", "expand"]


@dataclass(frozen=True)
class Cell:
    """One cell: position ``index`` in the sweep, its stable id, parameters and seed."""

    index: int
    cell_id: str
    params: dict
    seed: int


def _canonical(v: Any) -> Any:
    if isinstance(v, float) and not math.isfinite(v):
        return repr(v)
    return v


def cell_id(analysis: str, params: dict, seed: int) -> str:
    """Stable id of a cell (see the module docstring)."""
    doc = {"analysis": analysis, "params": {k: _canonical(params[k]) for k in sorted(params)},
           "seed": int(seed)}
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _points(spec: SweepSpec) -> list[dict]:
    if spec.design == "grid":
        names = list(spec.parameters)
        return [dict(zip(names, combo, strict=True))
                for combo in itertools.product(*(spec.parameters[n] for n in names))]
    rng = np.random.default_rng(spec.design_seed)
    names = sorted(spec.parameters)
    pts: list[dict] = []
    for _ in range(int(spec.samples or 0)):
        p: dict[str, Any] = {}
        for n in names:
            r = spec.parameters[n]
            if "choices" in r:
                p[n] = r["choices"][int(rng.integers(len(r["choices"])))]
            elif r["integer"]:
                p[n] = int(rng.integers(int(math.ceil(r["low"])), int(math.floor(r["high"])) + 1))
            elif r["log"]:
                p[n] = float(math.exp(rng.uniform(math.log(r["low"]), math.log(r["high"]))))
            else:
                p[n] = float(rng.uniform(r["low"], r["high"]))
        pts.append(p)
    return pts


def expand(spec: SweepSpec, analysis: Analysis | None = None) -> list[Cell]:
    """The cells of ``spec`` in their fixed order (duplicates of a random design dropped)."""
    a = analysis if analysis is not None else spec.get_analysis()
    defaults = a.defaults()
    cells: list[Cell] = []
    seen: set[str] = set()
    for case in spec.cases or ({},):
        for point in _points(spec):
            params = {**defaults, **case, **point}
            params = {k: params.get(k) for k in a.parameters}
            for seed in spec.seeds:
                cid = cell_id(a.name, params, seed)
                if cid in seen:
                    continue
                seen.add(cid)
                cells.append(Cell(len(cells), cid, params, int(seed)))
    return cells
