"""The designer's grid in a leaderboard configuration: cost model, target and candidates.

Beside ``delta_max`` and ``plot_delta_max``, the ``[designer]`` table of a leaderboard
configuration may state a search over several protocol parameters
(:func:`~benchgame.experiments.designer_grid.designer_grid`)::

    [designer]
    protocol = "noisy_binomial"        # the protocol family the candidates belong to
    target = 0.9                       # ranking fidelity to reach under equilibrium play
    metric = "expected_tau"            # or "p_top1_correct"
    required_fraction = 0.75           # of the populations
    populations = "logit"              # "config" (these developers) or a distribution
    seeds = 4                          # populations drawn from the distribution
    levels = 21                        # effort-grid points of each grid game
    seconds = 0.0                      # time limit of each mixed solve (0: none)

    [designer.candidates]              # every combination is a candidate protocol
    delta = [0.0, 5.0, 20.0]           # tune-before-test levels
    m = [50, 200, 1000]                # and the family's own parameters (test questions)

    [designer.cost]                    # cost = fixed + sum of rate x value
    delta = 0.05                       # per unit of Delta
    m = 0.002                          # per test question
    fixed = 0.0

The search runs with :func:`benchgame.experiments.designer_report.run_grid` (this module only
reads the keys, so that reading a configuration stays light). A drawn population keeps the
configuration's cost, rewards and tie rule and draws the
capabilities and score family (:mod:`benchgame.experiments.sweeps.populations`, with the
configuration's number of developers). The answer is grid-based: the listed candidates only,
equilibrium play of effort-grid games, no monotonicity assumed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from benchgame.core.validation import InputError
from benchgame.experiments.config_keys import choice, number, table
from benchgame.experiments.designer_cost import METRICS, CostModel
from benchgame.mechanisms.protocols import PROTOCOLS

__all__ = ["GRID_KEYS", "DesignerGridSpec", "parse_designer_grid"]

GRID_KEYS = frozenset({"protocol", "candidates", "cost", "target", "metric",
                       "required_fraction", "populations", "seeds", "levels", "seconds"})
"""Keys of ``[designer]`` that state the designer's grid (beside ``delta_max``)."""



@dataclass(frozen=True)
class DesignerGridSpec:
    """The designer's grid search stated in a leaderboard configuration.

    Parameters
    ----------
    protocol : str
        The registered protocol family of every candidate.
    candidates : dict of str to list
        Candidate values of ``delta`` and of the family's parameters.
    cost : CostModel
        The designer's cost of a candidate.
    target : float
        Target of ``metric`` under equilibrium play.
    metric : {"expected_tau", "p_top1_correct"}, default "expected_tau"
        The ranking fidelity to reach.
    required_fraction : float, default 1.0
        Fraction of populations that must reach the target.
    populations : str, default "config"
        ``"config"`` (the configuration's developers, one population) or a registered
        population distribution.
    seeds : int, default 4
        Populations drawn from the distribution.
    levels : int, default 21
        Effort-grid points of each grid game.
    seconds : float, default 0
        Wall-clock limit of each mixed solve (0: none, the solver's iteration cap alone, so
        that the answer does not depend on the machine's load).

    Examples
    --------
    >>> spec = parse_designer_grid({"target": 0.9, "candidates": {"m": [50, 500]},
    ...                             "cost": {"m": 0.01}})
    >>> spec.protocol, spec.candidates, spec.cost.rates
    ('noisy_binomial', {'m': [50, 500]}, {'m': 0.01})
    """

    protocol: str
    candidates: dict[str, list]
    cost: CostModel
    target: float
    metric: str = "expected_tau"
    required_fraction: float = 1.0
    populations: str = "config"
    seeds: int = 4
    levels: int = 21
    seconds: float = 0.0

    def to_dict(self) -> dict:
        """The search as a JSON-ready dictionary.

        Returns
        -------
        dict
            Every field; ``cost`` as ``{"rates", "fixed"}``.
        """
        return {**{f.name: getattr(self, f.name) for f in dataclasses.fields(self)},
                "cost": self.cost.to_dict()}


def _count(v: Any, path: str, minimum: int) -> int:
    if not isinstance(v, int) or isinstance(v, bool) or v < minimum:
        raise InputError(path, f"is {v!r}", f"give an integer >= {minimum}")
    return v


def _values(v: Any, path: str) -> list:
    if not isinstance(v, list) or not v:
        raise InputError(path, f"is {v!r}", "give a non-empty list of numbers >= 0")
    for k, x in enumerate(v):
        number(x, f"{path}[{k}]", min_value=0.0)
    return list(v)


def parse_designer_grid(des: dict) -> DesignerGridSpec | None:
    """The designer's grid of a ``[designer]`` table, or None when it states none.

    Parameters
    ----------
    des : dict
        The ``[designer]`` table (its ``delta_max`` and ``plot_delta_max`` are ignored here).

    Returns
    -------
    DesignerGridSpec or None
        None when no key of :data:`GRID_KEYS` is given.

    Raises
    ------
    InputError
        Naming the key path (``designer.candidates.m[1]``, ...) and the fix.

    Examples
    --------
    >>> parse_designer_grid({"delta_max": 1e6}) is None
    True
    >>> try:
    ...     parse_designer_grid({"target": 0.9})
    ... except InputError as exc:
    ...     print(exc)
    designer.candidates: is missing; give candidate values, e.g. candidates = {m = [100, 500]}
    """
    if not GRID_KEYS & set(des):
        return None
    if "candidates" not in des:
        raise InputError("designer.candidates", "is missing",
                         "give candidate values, e.g. candidates = {m = [100, 500]}")
    proto = des.get("protocol", "noisy_binomial")
    fam = PROTOCOLS.get(proto, "designer.protocol")
    names = ({"delta"} if fam.uses_delta else set()) | set(fam.parameters)
    cand = table(des["candidates"], "designer.candidates", names)
    if not cand:
        raise InputError("designer.candidates", "is empty",
                         f"give lists for some of: {', '.join(sorted(names))}")
    cand = {k: _values(v, f"designer.candidates.{k}") for k, v in cand.items()}
    if "target" not in des:
        raise InputError("designer.target", "is missing", "give the fidelity to reach, e.g. 0.9")
    metric = choice(des.get("metric", "expected_tau"), "designer.metric", set(METRICS))
    lo = -1.0 if metric == "expected_tau" else 0.0
    target = number(des["target"], "designer.target", min_value=lo)
    if target > 1:
        raise InputError("designer.target", f"is {target:g}", f"give a number in [{lo:g}, 1]")
    rates = table(des.get("cost", {}), "designer.cost", set(cand) | {"fixed"})
    fixed = number(rates.get("fixed", 0.0), "designer.cost.fixed")
    cost = CostModel({k: number(v, f"designer.cost.{k}", min_value=0.0)
                      for k, v in rates.items() if k != "fixed"}, fixed)
    frac = number(des.get("required_fraction", 1.0), "designer.required_fraction",
                  min_value=0.0, strict_min=True)
    if frac > 1:
        raise InputError("designer.required_fraction", f"is {frac:g}", "give a number in (0, 1]")
    pops = des.get("populations", "config")
    if not isinstance(pops, str):
        raise InputError("designer.populations", f"is {pops!r}",
                         "give 'config' or the name of a population distribution")
    if pops == "config" and "seeds" in des:
        raise InputError("designer.seeds", "only applies to drawn populations",
                         "remove it or set populations to a distribution, e.g. 'logit'")
    seconds = number(des.get("seconds", 0.0), "designer.seconds", min_value=0.0)
    return DesignerGridSpec(proto, cand, cost, target, metric, frac, pops,
                            _count(des.get("seeds", 4), "designer.seeds", 1),
                            _count(des.get("levels", 21), "designer.levels", 2), seconds)
