"""The designer's choice over several protocol parameters with a stated cost model.

A designer choosing, say, the tune-before-test level ``Delta`` *and* the test-set size ``m`` of
a noisy leaderboard (or a cap, or a transfer bound) states what each costs, e.g.

    cost(Delta, m) = cost_per_delta * Delta + cost_per_question * m,

a target ranking fidelity (expected Kendall tau, or the probability that the most capable
developer ranks first) and the fraction of developer populations for which the target must be
met. :func:`designer_grid` evaluates every candidate of the parameter grid on every population
(cells of the ``protocol_play`` sweep analysis,
:mod:`~benchgame.experiments.sweeps.play_cells`: equilibrium play, certified) and returns the
cheapest candidate reaching the target for that fraction.

The answer is grid-based: only the listed parameter values are candidates, equilibrium play is
that of effort-grid games, and no monotonicity in ``Delta`` or ``m`` is assumed (Proposition 5.3
of Chen, Zhang and Hardt (2026) is about deterministic tune-before-test, not about noise). A cell
meets the target only when its equilibrium play is certified (pure, or mixed within the
exploitability target) and the metric minus its error bound (when one is certified) reaches the
target.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from benchgame.core.serialize import to_jsonable
from benchgame.core.validation import InputError, require
from benchgame.experiments.designer_cost import METRICS, CostModel
from benchgame.experiments.sweeps.play_cells import (
    cell_protocol,
    play_outcomes,
    protocol_play_cell,
)
from benchgame.experiments.sweeps.registry import get_analysis
from benchgame.games.leaderboard.contest import Contest
from benchgame.mechanisms.protocols import PROTOCOLS

__all__ = ["DesignerGrid", "designer_grid"]

@dataclass(frozen=True, eq=False)
class DesignerGrid:
    """The designer's cheapest protocol reaching a fidelity target (grid-based).

    Parameters
    ----------
    candidates : pandas.DataFrame
        One row per candidate, cheapest first: parameter values, ``cost``, ``populations``,
        ``meets`` (count), ``fraction``, ``reaches`` (fraction >= required), ``mean``, ``worst``
        (the metric's mean and minimum over populations), and how many populations' play is
        a pure equilibrium (``pure_play``), a certified mixed one (``mixed_play``) or
        ``uncertified``.
    cells : pandas.DataFrame
        One row per candidate and population: parameters, ``seed`` and the cell's outcomes.
    chosen : dict or None
        The chosen candidate's parameters with ``cost`` and ``fraction``; None if none reaches.
    reason : str
        The verdict in words, stating that it is grid-based.
    metric : str
        ``expected_tau`` or ``p_top1_correct``.
    target : float
        Target value of the metric.
    required_fraction : float
        Fraction of populations that must reach the target.
    cost : CostModel
        The cost model.
    settings : dict
        The fixed parameters of every cell.
    """

    candidates: Any
    cells: Any
    chosen: dict | None
    reason: str
    metric: str
    target: float
    required_fraction: float
    cost: CostModel
    settings: dict = field(default_factory=dict)

    def to_frame(self) -> Any:
        """The candidates table.

        Returns
        -------
        pandas.DataFrame
            One row per candidate (see ``candidates``).
        """
        return self.candidates

    def to_dict(self) -> dict:
        """The result as a JSON-safe dictionary.

        Returns
        -------
        dict
            Choice, reason, settings, candidates and cells.
        """
        return to_jsonable({"chosen": self.chosen, "reason": self.reason, "metric": self.metric,
                            "target": self.target, "required_fraction": self.required_fraction,
                            "cost": self.cost.to_dict(), "settings": self.settings,
                            "candidates": self.candidates, "cells": self.cells}, finite=True)


def _grid(parameters: Mapping[str, Sequence[Any]], known: Mapping[str, Any]
          ) -> list[dict[str, Any]]:
    require(isinstance(parameters, Mapping) and len(parameters) > 0, "parameters",
            "is empty", "give the candidate values, e.g. {'delta': [0, 10], 'm': [100, 500]}")
    for k, vals in parameters.items():
        if k not in known:
            raise InputError(f"parameters.{k}", "is not a parameter of protocol_play",
                             "use one of " + ", ".join(known))
        require(isinstance(vals, (list, tuple)) and len(vals) > 0, f"parameters.{k}",
                f"is {vals!r}", "give a non-empty list of values")
    keys = list(parameters)
    out: list[dict[str, Any]] = [{}]
    for k in keys:
        out = [{**c, k: v} for c in out for v in parameters[k]]
    return out


def designer_grid(parameters: Mapping[str, Sequence[Any]], *,
                  cost: CostModel | Mapping[str, float], target: float,
                  metric: str = "expected_tau", required_fraction: float = 1.0,
                  seeds: int | None = None, settings: Mapping[str, Any] | None = None,
                  contests: Sequence[Contest] | None = None) -> DesignerGrid:
    """Cheapest protocol whose equilibrium play reaches a fidelity target, over a grid.

    Parameters
    ----------
    parameters : mapping of str to list
        Candidate values of protocol parameters of the ``protocol_play`` analysis (``delta``,
        ``m``, ``cap``, ``transfer``; with ``contests``: ``delta`` and the protocol family's
        own parameters); every combination is a candidate.
    cost : CostModel or mapping of str to float
        The designer's cost (a mapping is taken as per-unit rates).
    target : float
        Target of ``metric``.
    metric : {"expected_tau", "p_top1_correct"}, default "expected_tau"
        The ranking fidelity to reach.
    required_fraction : float, default 1.0
        Fraction of populations (seeds) that must reach the target, in ``(0, 1]``.
    seeds : int, optional
        Number of populations drawn (population ``k`` is seed ``k``; default 4); not with
        ``contests``.
    settings : mapping, optional
        Other ``protocol_play`` parameters, fixed for every cell (``protocol``,
        ``population``, ``developers``, ``kappa``, ``reward``, ``levels``, ...; with
        ``contests`` only ``protocol``, ``levels`` and ``time_limit``).
    contests : sequence of Contest, optional
        The populations themselves (e.g. a configuration's developers, cost and rewards):
        each candidate's protocol replaces the contest's own.

    Returns
    -------
    DesignerGrid
        Every candidate with its fraction, the chosen one (or None) and the reason.

    Raises
    ------
    InputError
        On an unknown parameter or metric, a bad target, fraction, seed count or cost.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Section 5 (the
    designer's choice of protocol); Lazear and Rosen (1981), Journal of Political Economy 89.

    Examples
    --------
    Two developers; candidates ``m = 50, 2000`` questions at a cost of 0.001 per question:

    >>> res = designer_grid({"m": [50, 2000]}, cost={"m": 0.001}, target=0.9, seeds=2,
    ...                     settings={"developers": 2, "levels": 11})
    >>> res.candidates[["m", "cost", "fraction"]].values.tolist()
    [[50.0, 0.05, 0.0], [2000.0, 2.0, 1.0]]
    >>> res.chosen["m"], res.reason.startswith("grid-based")
    (2000, True)

    The populations given as contests (here one, a configuration's own developers):

    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [0.2, 0.0])
    >>> res = designer_grid({"m": [20, 500]}, cost={"m": 0.001}, target=0.99,
    ...                     contests=[ct], settings={"levels": 11})
    >>> res.candidates[["m", "fraction", "pure_play"]].values.tolist()
    [[20.0, 0.0, 1.0], [500.0, 1.0, 1.0]]
    """
    import pandas as pd

    defaults = get_analysis("protocol_play").defaults()
    if contests is not None:
        require(seeds is None, "seeds", f"is {seeds!r} with contests",
                "drop seeds: the contests are the populations")
        require(len(contests) > 0, "contests", "is empty", "give at least one contest")
        fam = PROTOCOLS.get((settings or {}).get("protocol", defaults["protocol"]), "protocol")
        defaults = {"protocol": fam.name, "levels": defaults["levels"],
                    "time_limit": defaults["time_limit"], "delta": 0.0,
                    **{k: v for k, v in fam.parameters.items() if v is not None}}
        known = {"delta": None, **fam.parameters}
        seeds = len(contests)
    else:
        seeds = 4 if seeds is None else seeds
        known = defaults
    require(metric in METRICS, "metric", f"is {metric!r}", "use expected_tau or p_top1_correct")
    lo = -1.0 if metric == "expected_tau" else 0.0
    require(isinstance(target, (int, float)) and lo <= target <= 1, "target", f"is {target!r}",
            f"give a number in [{lo:g}, 1]")
    require(isinstance(required_fraction, (int, float)) and 0 < required_fraction <= 1,
            "required_fraction", f"is {required_fraction!r}", "give a number in (0, 1]")
    require(isinstance(seeds, int) and seeds >= 1, "seeds", f"is {seeds!r}", "give seeds >= 1")
    fixed = dict(settings or {})
    allowed = defaults if contests is None else ("protocol", "levels", "time_limit")
    for k in fixed:
        if k not in allowed:
            raise InputError(f"settings.{k}", "is not a parameter of protocol_play",
                             "use one of " + ", ".join(allowed))
    cands = _grid(parameters, known)
    model = cost if isinstance(cost, CostModel) else CostModel(dict(cost))
    for k in model.rates:
        if k not in parameters and k not in fixed:
            raise InputError(f"cost.{k}", "is not a candidate parameter",
                             "give rates for the parameters you vary, e.g. delta or m")
    rows, cells = [], []
    for order, cand in enumerate(cands):
        params = {**defaults, **fixed, **cand}
        c = model(params)
        values, meets = [], 0
        states = dict.fromkeys(("pure", "mixed", "uncertified"), 0)
        for seed in range(seeds):
            out = (protocol_play_cell(params, seed) if contests is None else play_outcomes(
                contests[seed].with_protocol(cell_protocol(params)), params["levels"],
                params["time_limit"]))
            v = out[metric]
            bound = out["tau_bound"] if metric == "expected_tau" else math.nan
            bound = 0.0 if math.isnan(bound) else bound     # no certified bound: the value
            ok = out["state"] != "uncertified" and v - bound >= target
            meets += ok
            states[out["state"]] += 1
            values.append(v)
            cells.append({**cand, "seed": seed, **out, "meets": ok})
        rows.append({**cand, "cost": c, "order": order, "populations": seeds, "meets": meets,
                     "fraction": meets / seeds, "mean": sum(values) / seeds,
                     "worst": min(values), "pure_play": states["pure"],
                     "mixed_play": states["mixed"], "uncertified": states["uncertified"]})
    table = pd.DataFrame(rows).sort_values(["cost", "order"], kind="stable")
    table["reaches"] = table["fraction"] >= required_fraction - 1e-12
    table = table.drop(columns="order").reset_index(drop=True)
    ok = table[table["reaches"]]
    names = list(parameters)
    basis = (f"grid-based: {len(cands)} candidate(s) x {seeds} population(s), equilibrium play "
             f"on {fixed.get('levels', defaults['levels'])}-level effort grids; no monotonicity "
             "in the parameters is assumed")
    if ok.empty:
        best = table.loc[table["fraction"].idxmax()]
        chosen = None
        reason = (f"{basis}; no candidate reaches {metric} >= {target:g} for "
                  f"{required_fraction:.0%} of the populations (best fraction "
                  f"{best['fraction']:.3f} at {_label(best, names)})")
    else:
        first = ok.iloc[0]
        chosen = {k: first[k].item() if hasattr(first[k], "item") else first[k]
                  for k in (*names, "cost", "fraction")}
        reason = (f"{basis}; {_label(first, names)} is the cheapest candidate (cost "
                  f"{first['cost']:g}) reaching {metric} >= {target:g} under certified "
                  f"equilibrium play for {first['meets']} of {seeds} populations")
    return DesignerGrid(table, pd.DataFrame(cells), chosen, reason, metric, float(target),
                        float(required_fraction), model, {**defaults, **fixed})


def _label(row: Mapping[str, Any], names: list[str]) -> str:
    return ", ".join(f"{k} = {row[k]:g}" if isinstance(row[k], (int, float)) else
                     f"{k} = {row[k]}" for k in names)
