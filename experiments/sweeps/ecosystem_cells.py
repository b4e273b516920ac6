"""Sweep analysis ``ecosystem``: one seeded run of the benchmark-adoption simulation.

Runs :func:`benchgame.analyses.ecosystem.simulation.simulate` (Cebrian, Kito, Castro Fernandez,
arXiv:2510.01286, as reconstructed in this library) with the given parameters, and, when the
parameters carry an inflow shock, an unshocked control with the same seed (common random
numbers). Every field of
:class:`~benchgame.analyses.ecosystem.simulation_params.EcosystemParams` is a sweep parameter
(defaults: the model's, with ``steps = 80``, a shock window starting at step 20 for 10 steps, and
size 0), plus ``tail``. Outcomes:

* ``final_gini``, ``final_top15_share``, ``final_hhi``, ``final_coordination``: means over the
  last ``tail`` steps of the (shocked) run;
* ``coordination_dip``: the per-seed version of finding 2 (:func:`benchgame.analyses.ecosystem.
  shock_effect`): with ``g_t = C_t^control - C_t^shock``, ``t* = argmax g_t`` over
  ``[t_s, t_s + D + 2w]`` and the dip ``mean(g_{t*-1..t*+1})``; ``trough_step = t*``;
  ``residual_gap`` = mean ``g_t`` over the last ``tail`` steps (0 exactly without a shock);
* ``n_benchmarks``: benchmarks at the end.
"""

from __future__ import annotations

import math
from dataclasses import fields

import numpy as np

from benchgame.analyses.ecosystem.simulation import simulate
from benchgame.analyses.ecosystem.simulation_params import EcosystemParams
from benchgame.core.validation import InputError
from benchgame.experiments.sweeps.registry import Outcome, Parameter, register_analysis

__all__ = ["ecosystem_cell"]

_OVERRIDES = {"steps": 80, "shock_start": 20, "shock_duration": 10}


def ecosystem_cell(params: dict, seed: int) -> dict:
    """Compute the final concentration and the coordination dip of one seeded run.

    Parameters
    ----------
    params : dict
        Every field of :class:`~benchgame.analyses.ecosystem.simulation_params.EcosystemParams`
        (``live_window = 0``: every benchmark is live) and ``tail``, the number of final steps
        averaged.
    seed : int
        Seed of the simulation; the unshocked control run uses the same seed.

    Returns
    -------
    dict
        The outcome columns listed in the module docstring.

    Raises
    ------
    InputError
        If ``tail`` is not in ``1..steps``, or the parameters are rejected by
        :class:`~benchgame.analyses.ecosystem.simulation_params.EcosystemParams`.

    References
    ----------
    Cebrian, Kito and Castro Fernandez (2025), arXiv:2510.01286: concentration of benchmark
    adoption and the coordination dip after an inflow shock (its second finding).

    Examples
    --------
    >>> from benchgame.experiments.sweeps.registry import get_analysis
    >>> params = get_analysis("ecosystem").defaults()
    >>> out = ecosystem_cell({**params, "steps": 30}, 0)
    >>> out["coordination_dip"], out["trough_step"], 0 <= out["final_gini"] <= 1
    (0.0, None, True)
    """
    kw = {k: v for k, v in params.items() if k != "tail"}
    if kw.get("live_window") == 0:
        kw["live_window"] = None
    p = EcosystemParams(**kw)
    tail = params["tail"]
    if not 1 <= tail <= p.steps:
        raise InputError("tail", f"is {tail}", f"give 1 <= tail <= steps = {p.steps}")
    h = simulate(p, seed).history
    last = h[h["step"] > p.steps - tail]
    out = {"final_gini": float(last["gini"].mean()),
           "final_top15_share": float(last["top15_share"].mean()),
           "final_hhi": float(last["hhi"].mean()),
           "final_coordination": float(last["coordination"].mean()),
           "n_benchmarks": int(h["n_benchmarks"].iloc[-1])}
    if p.shock_size == 0 or p.shock_duration == 0:
        out.update(coordination_dip=0.0, residual_gap=0.0, trough_step=None)
        return out
    control = simulate(p.with_(shock_size=0.0), seed).history
    gap = (control["coordination"] - h["coordination"]).to_numpy()
    steps = h["step"].to_numpy()
    lo, hi = p.shock_start, min(p.steps, p.shock_start + p.shock_duration + 2 * p.window)
    window = (steps >= lo) & (steps <= hi) & np.isfinite(gap)
    if not window.any():
        out.update(coordination_dip=math.nan, residual_gap=math.nan, trough_step=None)
        return out
    t_star = int(steps[window][int(gap[window].argmax())])
    near = (steps >= t_star - 1) & (steps <= t_star + 1)
    out.update(coordination_dip=float(gap[near].mean()), trough_step=t_star,
               residual_gap=float(gap[steps > p.steps - tail].mean()))
    return out


_WORDS = {
    "steps": "horizon T in steps", "initial_benchmarks": "benchmarks present at t = 0",
    "entry_rate": "entry rate lambda0 (new benchmarks per step)",
    "release_rate": "release rate mu (new models per step)",
    "benchmarks_per_model": "benchmarks K reported by each model",
    "alpha": "rich-get-richer exponent alpha", "decay": "authority decay delta per step",
    "a0": "initial authority and smoothing a0",
    "fitness_sigma": "log-sd of the benchmarks' fitness",
    "penalty": "over-fitting penalty kappa", "saturation_rate": "saturation rate eta",
    "shock_size": "inflow shock size F (0: no shock)", "shock_start": "first shocked step",
    "shock_duration": "shock duration in steps", "window": "coordination window in steps",
    "entrant_visibility": "multiplier on entrants' fitness (0: no entry)",
}
"""Each simulation parameter in words (:class:`EcosystemParams` documents them in full)."""


def _parameters() -> dict[str, Parameter]:
    out = {}
    for f in fields(EcosystemParams):
        default = _OVERRIDES.get(f.name, f.default)
        if f.name == "live_window":
            out[f.name] = Parameter(int, 20, "steps since last adoption for a live benchmark "
                                    "(0: every benchmark)", minimum=0)
            continue
        kind = int if f.type in ("int", int) else float
        out[f.name] = Parameter(kind, default, _WORDS.get(f.name, f"EcosystemParams.{f.name}"))
    out["tail"] = Parameter(int, 10, "final steps averaged", minimum=1)
    return out


register_analysis(
    "ecosystem", ecosystem_cell,
    parameters=_parameters(),
    outcomes={
        "final_gini": Outcome(float, "Gini of authority over live benchmarks, last tail steps"),
        "final_top15_share": Outcome(float, "top-15% authority share, last tail steps"),
        "final_hhi": Outcome(float, "Herfindahl index, last tail steps"),
        "final_coordination": Outcome(float, "mean Jaccard coordination, last tail steps"),
        "coordination_dip": Outcome(float, "control minus shocked coordination at the trough"),
        "trough_step": Outcome(int, "step of the largest coordination gap (null: no shock)"),
        "residual_gap": Outcome(float, "coordination gap over the last tail steps"),
        "n_benchmarks": Outcome(int, "benchmarks at the end"),
    },
    doc="final concentration and coordination dip of the benchmark-adoption simulation",
)
