"""Sweep analysis ``marketplace``: entry of one producer into a random market, under a choice
rule, paid by winrate (WR) or weighted winrate (WWR).

One cell (Donahue and Raghavan, arXiv:2602.23293, as reconstructed in this library) draws from
``numpy.random.default_rng(seed)`` an incumbent quality matrix ``Q ~ U(0, 1)^{n x m}``, task
weights ``pi ~ Dirichlet(1, ..., 1)`` and a menu of ``menu_size`` candidate entrants
``F ~ U(0, 1)^{k x m}``. The entrant best-responds under each payment rule
(:func:`benchgame.mechanisms.marketplace.entry`); consumer welfare is
``W = sum_t pi_t sum_i P[i, t] q_i(t)``. Outcomes:

* ``welfare_before``, ``welfare_opt`` (best menu item for consumers);
* ``wr_welfare`` / ``wwr_welfare``: W at the welfare-worst best response under WR / WWR, and
  ``wr_gap`` / ``wwr_gap`` = ``welfare_opt`` minus it (>= 0, the price of the payment rule);
* ``wr_best_responses`` / ``wwr_best_responses``: size of the best-response sets;
* certificate: ``identity_residual`` = the largest accounting residual of the market after WWR
  entry (``|sum_i WR_i - 1|``, ``|sum_i WWR_i - W|``, ``max_t |sum_i P[i,t] - 1|``).

``rule`` and ``noise`` give the choice rule of :func:`benchgame.mechanisms.marketplace.parse_rule`
(``softmax``/``bt``: inverse temperature; ``epsilon``: uniform mixing; ``luce``: exponent;
``probit``: noise scale; ``perfect``: noise unused).
"""

from __future__ import annotations

import numpy as np

from benchgame.experiments.sweeps.registry import Outcome, Parameter, register_analysis
from benchgame.mechanisms.marketplace import Market, entry, evaluate, parse_rule

__all__ = ["marketplace_cell"]


def marketplace_cell(params: dict, seed: int) -> dict:
    """Compute the welfare of winrate and weighted-winrate entry in one random market.

    Parameters
    ----------
    params : dict
        ``rule`` and ``noise`` (the choice rule), ``models`` (incumbents n), ``tasks`` (m) and
        ``menu_size`` (candidate entrants k).
    seed : int
        Seed of the market and the menu (``numpy.random.default_rng(seed)``).

    Returns
    -------
    dict
        The outcome columns listed in the module docstring.

    Raises
    ------
    InputError
        If the choice rule or its parameter is rejected.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293: entry of a producer paid by winrate or by
    weighted winrate, and the consumer welfare at its best response.

    Examples
    --------
    >>> from benchgame.experiments.sweeps.registry import get_analysis
    >>> out = marketplace_cell(get_analysis("marketplace").defaults(), 0)
    >>> out["wr_gap"] >= 0, out["wwr_gap"] >= 0, out["identity_residual"] < 1e-9
    (True, True, True)
    """
    rng = np.random.default_rng(seed)
    n, m, k = params["models"], params["tasks"], params["menu_size"]
    market = Market(rng.uniform(0.0, 1.0, (n, m)), rng.dirichlet(np.ones(m)))
    menu = rng.uniform(0.0, 1.0, (k, m))
    rule_name = params["rule"]
    rule = parse_rule(rule_name if rule_name == "perfect" else f"{rule_name}:{params['noise']}")
    wr = entry(market, rule, menu, "winrate")
    wwr = entry(market, rule, menu, "weighted_winrate")
    after = evaluate(market.with_model(wwr.candidates[wwr.best_responses[0]]), rule)
    return {
        "welfare_before": wr.welfare_before,
        "welfare_opt": wr.welfare_opt,
        "wr_welfare": wr.welfare_worst_br,
        "wwr_welfare": wwr.welfare_worst_br,
        "wr_gap": wr.gap,
        "wwr_gap": wwr.gap,
        "wr_best_responses": len(wr.best_responses),
        "wwr_best_responses": len(wwr.best_responses),
        "identity_residual": float(max(after.residuals.values())),
    }


register_analysis(
    "marketplace", marketplace_cell,
    parameters={
        "rule": Parameter(str, "softmax", "choice rule",
                          choices=("perfect", "epsilon", "softmax", "luce", "probit", "bt")),
        "noise": Parameter(float, 10.0, "the choice rule's parameter: inverse temperature, "
                                  "mixing, exponent or noise scale",
                           minimum=0.0),
        "models": Parameter(int, 3, "incumbent models n", minimum=1),
        "tasks": Parameter(int, 4, "tasks m", minimum=1),
        "menu_size": Parameter(int, 32, "candidate entrants k", minimum=1),
    },
    outcomes={
        "welfare_before": Outcome(float, "W before entry"),
        "welfare_opt": Outcome(float, "max W over the menu"),
        "wr_welfare": Outcome(float, "W at the welfare-worst WR best response"),
        "wwr_welfare": Outcome(float, "W at the welfare-worst WWR best response"),
        "wr_gap": Outcome(float, "welfare_opt - wr_welfare"),
        "wwr_gap": Outcome(float, "welfare_opt - wwr_welfare"),
        "wr_best_responses": Outcome(int, "size of the WR best-response set"),
        "wwr_best_responses": Outcome(int, "size of the WWR best-response set"),
        "identity_residual": Outcome(float, "largest accounting-identity residual"),
    },
    doc="welfare of winrate vs weighted-winrate entry in random markets",
)
