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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from benchgame.experiments.sweeps.registry import Analysis
from benchgame.experiments.sweeps.spec import SweepSpec

__all__ = ["Cell", "cell_id", "expand"]


@dataclass(frozen=True)
class Cell:
    """One cell of a sweep: one call ``analysis(params, seed)``.

    Parameters
    ----------
    index : int
        Position of the cell in the sweep's fixed order (from 0).
    cell_id : str
        Stable id of the cell (:func:`cell_id`).
    params : dict
        Value of every parameter of the analysis, defaults included.
    seed : int
        The seed passed to the analysis.
    """

    index: int
    cell_id: str
    params: dict
    seed: int


def _canonical(v: Any) -> Any:
    if isinstance(v, float) and not math.isfinite(v):
        return repr(v)
    return v


def cell_id(analysis: str, params: dict, seed: int) -> str:
    """Compute the stable id of a cell.

    The id is the first 16 hex digits of the SHA-256 of the canonical JSON (sorted keys, no
    spaces) of ``{"analysis", "params", "seed"}``; non-finite floats are written as their
    ``repr``. It depends neither on the order of cells nor on batching or the machine.

    Parameters
    ----------
    analysis : str
        Name of the analysis.
    params : dict
        Value of every parameter of the analysis, defaults included.
    seed : int
        The seed of the cell.

    Returns
    -------
    str
        16 lowercase hex digits.

    Examples
    --------
    >>> cell_id("square", {"x": 2.0}, 0)
    '3b771c7aa47b934a'
    >>> cell_id("square", {"x": 2.0}, 0) == cell_id("square", {"x": 2.0}, 1)
    False
    """
    doc = {"analysis": analysis, "params": {k: _canonical(params[k]) for k in sorted(params)},
           "seed": int(seed)}
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _points(design: str, parameters: Mapping[str, Any], samples: int | None,
            design_seed: int) -> list[dict]:
    """Parameter points of the design: the grid in order, or the random draws."""
    if design == "grid":
        names = list(parameters)
        return [dict(zip(names, combo, strict=True))
                for combo in itertools.product(*(parameters[n] for n in names))]
    rng = np.random.default_rng(design_seed)
    names = sorted(parameters)
    pts: list[dict] = []
    for _ in range(int(samples or 0)):
        p: dict[str, Any] = {}
        for n in names:
            r = parameters[n]
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
    """List the cells of a sweep in their fixed order.

    For each case (in the order given), for each grid point (last parameter fastest) or
    random draw, for each seed; parameters not swept take the analysis' defaults. A cell
    whose id was already listed (a repeated random draw) is dropped.

    Parameters
    ----------
    spec : SweepSpec
        The validated specification.
    analysis : Analysis, optional
        The analysis of ``spec`` (looked up by name when omitted).

    Returns
    -------
    list of Cell
        The cells, ``cells[k].index == k``.

    Examples
    --------
    >>> from benchgame.experiments.sweeps.spec import parse_spec
    >>> sweep = parse_spec({"analysis": "leaderboard", "output": "lb.parquet", "seeds": 2,
    ...                     "parameters": {"delta": [0.0, 10.0]}})
    >>> cells = expand(sweep)
    >>> [(c.index, c.params["delta"], c.seed) for c in cells]
    [(0, 0.0, 0), (1, 0.0, 1), (2, 10.0, 0), (3, 10.0, 1)]
    >>> cells[0].params["protocol"], cells[0].params["developers"]
    ('tbt', 5)
    """
    a = analysis if analysis is not None else spec.get_analysis()
    defaults = a.defaults()
    cells: list[Cell] = []
    seen: set[str] = set()
    points = _points(spec.design, spec.parameters, spec.samples, spec.design_seed)
    for case in spec.cases or ({},):
        for point in points:
            params = {**defaults, **case, **point}
            params = {k: params.get(k) for k in a.parameters}
            for seed in spec.seeds:
                cid = cell_id(a.name, params, seed)
                if cid in seen:
                    continue
                seen.add(cid)
                cells.append(Cell(len(cells), cid, params, int(seed)))
    return cells
