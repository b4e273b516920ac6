"""Empirical entry and replacement analyses on a score table (section 5.4 of the reconstruction).

- Leave-one-out entry: each model ``i`` enters the market of the other ``n - 1``; its payoffs
  ``WR_i``, ``WWR_i`` (in the full market) and the welfare change
  ``Delta W_i = W(Q) - W(Q_{-i})``; Spearman rank correlations between each payoff and ``Delta W``.
  The winrate-, weighted-winrate- and welfare-optimal entrants are the argmaxes.
- Replacement: producer ``i`` may replace its vector by any model's vector of the table (its own
  included, "no change"); its winrate-, weighted-winrate- and welfare-optimal choices and the
  welfare at each (welfare-worst best response under ties).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import spearmanr

from benchgame.core.validation import require
from benchgame.mechanisms.marketplace.choice_rules import ChoiceRule
from benchgame.mechanisms.marketplace.entry import replacement
from benchgame.mechanisms.marketplace.market import Market
from benchgame.mechanisms.marketplace.payments import payoffs
from benchgame.mechanisms.marketplace.welfare import welfare

__all__ = ["LeaveOneOut", "ReplacementTable", "leave_one_out", "replacement_table"]

MECHANISMS = ("winrate", "weighted_winrate")


@dataclass(frozen=True)
class LeaveOneOut:
    """Leave-one-out entry table. ``optima[key] = (model index, Delta W)`` for
    ``key in {"winrate", "weighted_winrate", "welfare"}``; ``spearman[mechanism]`` is the rank
    correlation of the payoff with ``Delta W`` (NaN if a column is constant)."""

    models: tuple[str, ...]
    winrate: np.ndarray
    weighted_winrate: np.ndarray
    delta_welfare: np.ndarray
    welfare: float
    spearman: dict
    optima: dict


def _spearman(x: np.ndarray, y: np.ndarray) -> float:
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return float("nan")
    return float(spearmanr(x, y).statistic)


def leave_one_out(market: Market, rule: ChoiceRule) -> LeaveOneOut:
    """Leave-one-out entry table of ``market`` under ``rule`` (needs >= 2 models)."""
    require(market.n >= 2, "market", "needs at least 2 models for leave-one-out entry",
            "add models")
    Q, w = market.quality, market.omega
    n = market.n
    P = rule.probabilities(Q)
    W = float(welfare(Q, w, rule, P))
    idx = np.array([[k for k in range(n) if k != i] for i in range(n)])
    dW = W - welfare(Q[idx], w, rule)
    pay = {m: payoffs(m, Q, w, rule, P) for m in MECHANISMS}
    optima = {m: (int(np.argmax(pay[m])), float(dW[np.argmax(pay[m])])) for m in MECHANISMS}
    optima["welfare"] = (int(np.argmax(dW)), float(dW.max()))
    return LeaveOneOut(market.models, pay["winrate"], pay["weighted_winrate"], dW, W,
                       {m: _spearman(pay[m], dW) for m in MECHANISMS}, optima)


@dataclass(frozen=True)
class ReplacementTable:
    """Per producer: welfare after its winrate-, weighted-winrate- and welfare-optimal
    replacement (``welfare[mechanism][i]``) and the chosen model vectors (``choice``)."""

    models: tuple[str, ...]
    welfare: dict
    choice: dict
    weighted_at_least_winrate: float


def replacement_table(market: Market, rule: ChoiceRule, tol: float = 1e-9) -> ReplacementTable:
    """Each producer ``i`` replaces its vector by any row of the table (menu = all models)."""
    wel = {m: np.empty(market.n) for m in (*MECHANISMS, "welfare")}
    choice = {m: [] for m in (*MECHANISMS, "welfare")}
    for i in range(market.n):  # one vectorized evaluation of the whole menu per producer
        for m in MECHANISMS:
            r = replacement(market, i, rule, market.quality, m, tol=tol)
            k = min(r.best_responses, key=lambda j: r.welfare[j])
            wel[m][i] = r.welfare_worst_br
            choice[m].append(market.models[_row(market, r.candidates[k])])
        opt = int(np.argmax(r.welfare))
        wel["welfare"][i] = r.welfare_opt
        choice["welfare"].append(market.models[_row(market, r.candidates[opt])])
    frac = float(np.mean(wel["weighted_winrate"] >= wel["winrate"] - tol))
    return ReplacementTable(market.models, wel, {k: tuple(v) for k, v in choice.items()}, frac)


def _row(market: Market, q: np.ndarray) -> int:
    return int(np.argmin(np.abs(market.quality - q).max(axis=1)))
