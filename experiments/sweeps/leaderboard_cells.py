"""Sweep analysis ``leaderboard``: pure equilibria of the leaderboard game for one population.

One cell draws a developer population (:mod:`benchgame.experiments.sweeps.populations`), builds the
contest ``u_i(e) = R_{rho_i(e)} - kappa e_i^p`` under the protocol (``x(e) = delta + e`` for
tune-before-test; Chen, Zhang, Hardt, arXiv:2603.08371) and reports:

* ``pure_status`` / ``exists`` / ``unique`` / ``ranks_by_capability``: the continuum decision of
  :func:`benchgame.games.leaderboard.analyze_pure` (Lemma A: every PNE is the all-zero profile;
  Lemma B/C: it is one iff ``c(ebar_{r,k}) >= R_k - R_r``); ``works`` = a unique PNE ranking by
  capability (``None`` when undecided);
* ``kendall_tau``: Kendall tau_b of the equilibrium leaderboard against capabilities (NaN when
  there is no PNE);
* certificate: ``max_regret`` = ``max_i sup_e u_i(e, 0) - u_i(0)`` from the exact best-response
  oracle at the all-zero profile (``<= tol`` iff it is a PNE), ``oracle_agrees`` = the oracle and
  the lemma agree, ``min_margin`` = smallest Lemma B/C slack (negative: some developer overtakes
  profitably), ``witness_gain`` = that developer's gain;
* designer: ``delta_star`` = ``Delta* = max_r Delta*_r`` of the protocol family
  (:func:`benchgame.games.leaderboard.stabilizing_threshold`; ``inf`` when some pair never
  stabilizes, ``nan`` when some pair's threshold cannot be certified), ``delta_star_certified``
  (monotonicity by Proposition 5.3 of the paper), ``c3``.

Lemmas A-C are those of :mod:`benchgame.games.leaderboard.pure_analysis`.
"""

from __future__ import annotations

import math

import numpy as np

from benchgame.experiments.sweeps.populations import draw_population, parse_rewards
from benchgame.experiments.sweeps.registry import Outcome, Parameter, register_analysis
from benchgame.games.leaderboard import (
    Contest,
    PowerCost,
    analyze_pure,
    pne_test,
    pure_fidelity,
    stabilizing_threshold,
)
from benchgame.mechanisms.protocols import PROTOCOLS

__all__ = ["leaderboard_cell"]

TOL = 1e-9


def _protocol(params: dict):
    """The cell's protocol: its family takes the sweep parameters it declares (e.g. ``cap``)."""
    family = PROTOCOLS.get(params["protocol"])
    return family.make(params["delta"], **{k: params[k] for k in family.parameters
                                           if k in params})


def leaderboard_cell(params: dict, seed: int) -> dict:
    """Compute the equilibrium, ranking fidelity and threshold of one leaderboard contest.

    Parameters
    ----------
    params : dict
        The parameters of analysis ``leaderboard``: ``protocol``, ``delta``, ``cap``, ``kappa``,
        ``cost_exponent``, ``reward``, ``developers``, ``population``, ``delta_max`` and
        ``threshold``.
    seed : int
        Seed of the population draw.

    Returns
    -------
    dict
        The outcome columns listed in the module docstring (``delta_star`` and
        ``delta_star_certified`` only when ``threshold`` is true).

    Raises
    ------
    InputError
        If the population, reward preset or protocol is unknown, or a parameter is rejected by
        the contest.

    References
    ----------
    Chen, Zhang and Hardt (2026), "Leaderboard Incentives: Model Rankings under Strategic
    Post-Training", arXiv:2603.08371: the developers' subgame under direct evaluation or
    tune-before-test, and the stabilizing threshold of Section 5 (Proposition 5.3).

    Examples
    --------
    >>> from benchgame.experiments.sweeps.registry import get_analysis
    >>> params = {**get_analysis("leaderboard").defaults(), "developers": 3}
    >>> out = leaderboard_cell({**params, "delta": 0.0}, 0)
    >>> out["pure_status"], out["works"], round(out["delta_star"], 2)
    ('none', False, 183.06)
    >>> out = leaderboard_cell({**params, "delta": 1000.0}, 0)
    >>> out["pure_status"], out["works"], out["kendall_tau"]
    ('unique', True, 1.0)
    """
    n = params["developers"]
    theta, family = draw_population(params["population"], n, seed)
    contest = Contest(theta, family, PowerCost(params["kappa"], params["cost_exponent"]),
                      parse_rewards(params["reward"], n),
                      _protocol(params))
    res = analyze_pure(contest, TOL)
    fid = pure_fidelity(contest, res)
    oracle = pne_test(contest, np.zeros(n), TOL)
    max_regret = float(oracle.gaps.max())
    decided = res.status != "undecided"
    out = {
        "pure_status": res.status,
        "exists": res.exists,
        "unique": res.is_unique,
        "ranks_by_capability": res.ranks_by_capability,
        "works": (res.status == "unique" and bool(res.ranks_by_capability)) if decided else None,
        "kendall_tau": fid.kendall_tau if fid.kendall_tau is not None else math.nan,
        "max_regret": max_regret,
        "oracle_agrees": (oracle.is_equilibrium == (res.status == "unique")) if decided
        else None,
        "min_margin": float(np.min(res.margins)) if decided else math.nan,
        "witness_gain": res.witness.gain if res.witness is not None else math.nan,
        "c3": bool(res.hypotheses.get("c3", False)),
        "method": res.method,
    }
    if params["threshold"]:
        st = stabilizing_threshold(contest, delta_max=params["delta_max"], tol=TOL)
        out["delta_star"] = st.delta_star
        out["delta_star_certified"] = st.monotone_certified
    return out


register_analysis(
    "leaderboard", leaderboard_cell,
    parameters={
        "delta": Parameter(float, 0.0, "tune-before-test level Delta", minimum=0.0),
        "protocol": Parameter(str, "tbt", "protocol family: tbt, direct, effort_cap or a "
                              "registered one"),
        "cap": Parameter(float, 1.0, "effort cap (protocol effort_cap)", minimum=0.0),
        "kappa": Parameter(float, 1e-4, "cost scale in c(e) = kappa e^p", minimum=0.0),
        "cost_exponent": Parameter(float, 1.0, "cost exponent p >= 1", minimum=1.0),
        "reward": Parameter(str, "geometric:0.5", "rewards: winner_take_all, linear, "
                            "geometric:RATIO, top_k:K",
                            choices=("winner_take_all", "linear", "geometric", "top_k")),
        "developers": Parameter(int, 5, "number of developers n", minimum=2),
        "population": Parameter(str, "logit", "population distribution (populations())"),
        "delta_max": Parameter(float, 1e7, "largest Delta searched for Delta*", minimum=0.0),
        "threshold": Parameter(bool, True, "compute Delta* (the designer's threshold)"),
    },
    outcomes={
        "pure_status": Outcome(str, "unique | none | undecided"),
        "exists": Outcome(bool, "a pure equilibrium exists (null: undecided)"),
        "unique": Outcome(bool, "the pure equilibrium is unique (null: undecided)"),
        "ranks_by_capability": Outcome(bool, "the unique PNE ranks by capability"),
        "works": Outcome(bool, "unique PNE ranking by capability (null: undecided)"),
        "kendall_tau": Outcome(float, "Kendall tau_b of the PNE leaderboard (NaN: no PNE)"),
        "max_regret": Outcome(float, "max best-response gain at the all-zero profile"),
        "oracle_agrees": Outcome(bool, "the best-response oracle confirms the lemma's answer"),
        "min_margin": Outcome(float, "smallest Lemma B/C slack c(ebar) - reward gap"),
        "witness_gain": Outcome(float, "gain of the profitable overtake (NaN: none)"),
        "c3": Outcome(bool, "C3 certified (adjacent conditions suffice)"),
        "method": Outcome(str, "how existence/uniqueness was decided"),
        "delta_star": Outcome(float, "Delta* of the protocol family (inf: never, nan: undecided)"),
        "delta_star_certified": Outcome(bool, "Delta* exact by monotonicity (Prop 5.3)"),
    },
    doc="pure equilibria, ranking fidelity and Delta* of the leaderboard game",
)
