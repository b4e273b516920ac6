"""Empirical entry and replacement analyses on a score table.

A reconstruction of the empirical experiments of Donahue and Raghavan (arXiv:2602.23293), whose
protocol is not available:

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
from typing import TYPE_CHECKING

import numpy as np

from benchgame.core.serialize import to_jsonable
from benchgame.core.validation import require
from benchgame.mechanisms.marketplace.choice_rules import ChoiceRule
from benchgame.mechanisms.marketplace.market import Market
from benchgame.mechanisms.marketplace.one_removed import welfare_without_each
from benchgame.mechanisms.marketplace.payments import payoffs
from benchgame.mechanisms.marketplace.replacement_scan import replacement_payoffs
from benchgame.mechanisms.marketplace.welfare import welfare

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LeaveOneOut", "ReplacementTable", "leave_one_out", "replacement_table"]

MECHANISMS = ("winrate", "weighted_winrate")
WELFARE_TIE = 1e-12
"""Welfare changes this close count as tied (round-off of the leave-one-out sums)."""


@dataclass(frozen=True)
class LeaveOneOut:
    """Leave-one-out entry table: each model's payoffs and the welfare its entry adds.

    Parameters
    ----------
    models : tuple of str
        Model names.
    winrate, weighted_winrate : ndarray, shape (n,)
        Each model's payment in the full market.
    delta_welfare : ndarray, shape (n,)
        ``Delta W_i = W(Q) - W(Q_{-i})``: the welfare model ``i`` adds by entering.
    welfare : float
        ``W`` of the full market.
    spearman : dict
        ``spearman[mechanism]``: rank correlation of the payment with ``Delta W`` (NaN if a
        column is constant).
    optima : dict
        ``optima[key] = (model index, Delta W)`` of the entrant maximising ``key`` in
        ``{"winrate", "weighted_winrate", "welfare"}`` (first index among ties; for welfare,
        among values within ``WELFARE_TIE`` of the best, as the welfare changes of tied models
        come from sums in different orders).

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract: entry and replacement on empirical
    benchmark data. The protocol is a reconstruction of the paper's experiments, which are not
    available.
    """

    models: tuple[str, ...]
    winrate: np.ndarray
    weighted_winrate: np.ndarray
    delta_welfare: np.ndarray
    welfare: float
    spearman: dict
    optima: dict

    def to_frame(self) -> pd.DataFrame:
        """One row per model (by name): its payments and the welfare its entry adds.

        Returns
        -------
        pandas.DataFrame
            Index ``model``; columns ``winrate``, ``weighted_winrate`` and ``delta_welfare``.

        Examples
        --------
        >>> from benchgame.mechanisms.marketplace import Market, Perfect
        >>> m = Market([[0.8, 0.2], [0.2, 0.9], [0.5, 0.5]], [0.5, 0.5], models=("x", "y", "z"))
        >>> leave_one_out(m, Perfect()).to_frame().round(3)
               winrate  weighted_winrate  delta_welfare
        model
        x          0.5              0.40           0.15
        y          0.5              0.45           0.20
        z          0.0              0.00           0.00
        """
        import pandas as pd

        return pd.DataFrame({"winrate": self.winrate, "weighted_winrate": self.weighted_winrate,
                             "delta_welfare": self.delta_welfare},
                            index=pd.Index(self.models, name="model"))

    def to_dict(self) -> dict:
        """The table and its summaries as JSON-safe data, models by name.

        Returns
        -------
        dict
            ``models`` (one record ``model, winrate, weighted_winrate, delta_welfare`` per
            model), ``welfare``, ``spearman`` (NaN when a column is constant) and ``optima``
            (``{key: {"model": name, "delta_welfare": float}}``).

        Examples
        --------
        >>> from benchgame.mechanisms.marketplace import Market, Perfect
        >>> m = Market([[0.8, 0.2], [0.2, 0.9], [0.5, 0.5]], [0.5, 0.5], models=("x", "y", "z"))
        >>> d = leave_one_out(m, Perfect()).to_dict()
        >>> d["optima"]["weighted_winrate"]["model"], d["models"][0]["model"]
        ('y', 'x')
        """
        return to_jsonable({
            "models": self.to_frame(), "welfare": self.welfare, "spearman": self.spearman,
            "optima": {k: {"model": self.models[i], "delta_welfare": dw}
                       for k, (i, dw) in self.optima.items()}})


def _spearman(x: np.ndarray, y: np.ndarray) -> float:
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return float("nan")
    import pandas as pd  # deferred; its rank correlation spares loading scipy.stats

    return float(pd.DataFrame({"x": x, "y": y}).corr(method="spearman").iloc[0, 1])


def leave_one_out(market: Market, rule: ChoiceRule) -> LeaveOneOut:
    """Leave-one-out entry table of a market: every model enters the market of the others.

    Parameters
    ----------
    market : Market
        The full market (at least two models).
    rule : ChoiceRule
        Choice rule of the aggregator.

    Returns
    -------
    LeaveOneOut
        Payoffs, welfare changes, their rank correlations and the optimal entrants.

    Raises
    ------
    InputError
        If the market has a single model.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract: entry and replacement on empirical
    benchmark data. The protocol is a reconstruction of the paper's experiments, which are not
    available.

    Examples
    --------
    Under perfect aggregation winrate pays ``x`` and ``y`` alike; weighted winrate, like
    welfare, prefers ``y``, the model that adds more:

    >>> from benchgame.mechanisms.marketplace import Market, Perfect
    >>> m = Market([[0.8, 0.2], [0.2, 0.9], [0.5, 0.5]], [0.5, 0.5], models=("x", "y", "z"))
    >>> r = leave_one_out(m, Perfect())
    >>> r.winrate.tolist(), r.delta_welfare.round(6).tolist()
    ([0.5, 0.5, 0.0], [0.15, 0.2, 0.0])
    >>> {k: m.models[i] for k, (i, _) in r.optima.items()}
    {'winrate': 'x', 'weighted_winrate': 'y', 'welfare': 'y'}

    On MT-Bench-101 with softmax aggregation (``beta = 20``), GPT-4 is every optimum:

    >>> from benchgame.mechanisms.marketplace import Softmax, mtbench101_market
    >>> r = leave_one_out(mtbench101_market(), Softmax(20.0))
    >>> {r.models[i] for i, _ in r.optima.values()}
    {'GPT-4'}
    >>> round(r.welfare, 5), round(r.optima["welfare"][1], 5), round(r.spearman["winrate"], 3)
    (0.85072, 0.05569, -0.09)
    """
    require(market.n >= 2, "market", "needs at least 2 models for leave-one-out entry",
            "add models")
    Q, w = market.quality, market.omega
    P = rule.probabilities(Q)
    W = float(welfare(Q, w, rule, P))
    dW = W - welfare_without_each(market, rule)
    pay = {m: payoffs(m, Q, w, rule, P) for m in MECHANISMS}
    optima = {m: (int(np.argmax(pay[m])), float(dW[np.argmax(pay[m])])) for m in MECHANISMS}
    best = int(np.argmax(dW >= dW.max() - WELFARE_TIE))
    optima["welfare"] = (best, float(dW[best]))
    return LeaveOneOut(market.models, pay["winrate"], pay["weighted_winrate"], dW, W,
                       {m: _spearman(pay[m], dW) for m in MECHANISMS}, optima)


@dataclass(frozen=True)
class ReplacementTable:
    """Per producer: welfare after its payment-optimal and welfare-optimal replacements.

    Parameters
    ----------
    models : tuple of str
        Model names.
    welfare : dict
        ``welfare[key][i]``: ``W`` after producer ``i``'s ``key``-optimal replacement, for
        ``key`` in ``{"winrate", "weighted_winrate", "welfare"}`` (welfare-worst best response
        under ties).
    choice : dict
        ``choice[key][i]``: name of the model whose vector producer ``i`` picks.
    weighted_at_least_winrate : float
        Share of producers for which weighted winrate leads to welfare at least that of
        winrate.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract: entry and replacement on empirical
    benchmark data. The protocol is a reconstruction of the paper's experiments, which are not
    available.
    """

    models: tuple[str, ...]
    welfare: dict
    choice: dict
    weighted_at_least_winrate: float

    def to_frame(self) -> pd.DataFrame:
        """One row per producer (by model name): its choices and the welfare after each.

        Returns
        -------
        pandas.DataFrame
            Index ``model``; columns ``winrate_choice``, ``weighted_winrate_choice``,
            ``welfare_choice`` (the model whose vector the producer picks under each
            objective), ``welfare_winrate``, ``welfare_weighted_winrate`` and
            ``welfare_optimal`` (``W`` after that choice).

        Examples
        --------
        >>> from benchgame.mechanisms.marketplace import Market, Perfect
        >>> m = Market([[0.8, 0.2], [0.2, 0.9], [0.5, 0.5]], [0.5, 0.5], models=("x", "y", "z"))
        >>> replacement_table(m, Perfect()).to_frame()[["winrate_choice", "welfare_winrate"]]
              winrate_choice  welfare_winrate
        model
        x                  x             0.85
        y                  y             0.85
        z                  x             0.85
        """
        import pandas as pd

        cols = {f"{k}_choice": list(self.choice[k]) for k in (*MECHANISMS, "welfare")}
        cols.update({"welfare_winrate": self.welfare["winrate"],
                     "welfare_weighted_winrate": self.welfare["weighted_winrate"],
                     "welfare_optimal": self.welfare["welfare"]})
        return pd.DataFrame(cols, index=pd.Index(self.models, name="model"))

    def to_dict(self) -> dict:
        """The table as JSON-safe data, producers and choices by name.

        Returns
        -------
        dict
            ``producers`` (one record per row of :meth:`to_frame`, with ``model``),
            ``mean_welfare`` (per objective) and ``weighted_at_least_winrate``.

        Examples
        --------
        >>> from benchgame.mechanisms.marketplace import Market, Perfect
        >>> m = Market([[0.8, 0.2], [0.2, 0.9], [0.5, 0.5]], [0.5, 0.5], models=("x", "y", "z"))
        >>> d = replacement_table(m, Perfect()).to_dict()
        >>> d["producers"][2]["weighted_winrate_choice"], d["weighted_at_least_winrate"]
        ('y', 1.0)
        """
        return to_jsonable({"producers": self.to_frame(),
                            "mean_welfare": {k: float(np.mean(v))
                                             for k, v in self.welfare.items()},
                            "weighted_at_least_winrate": self.weighted_at_least_winrate})


def replacement_table(market: Market, rule: ChoiceRule, tol: float = 1e-9) -> ReplacementTable:
    """Replacement table: each producer may replace its vector by any row of the table.

    Parameters
    ----------
    market : Market
        The market; its rows are every producer's menu (its own row is "no change").
    rule : ChoiceRule
        Choice rule of the aggregator.
    tol : float, default 1e-9
        Tolerance of the best-response sets and of the welfare comparisons.

    Returns
    -------
    ReplacementTable
        Welfare and choices per producer under winrate, weighted winrate and welfare. A
        producer's best responses are the rows whose payment is within ``tol`` of its best;
        the reported welfare is the worst over them and the choice the first row (table order)
        within ``tol`` of that worst welfare. The welfare-optimal choice is the first row within
        ``tol`` of the best welfare. Closed forms make the table ``O(n^2 m)`` for softmax,
        Bradley-Terry, Luce, perfect and epsilon-uniform aggregation
        (:mod:`benchgame.mechanisms.marketplace.one_removed`).

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract: entry and replacement on empirical
    benchmark data. The protocol is a reconstruction of the paper's experiments, which are not
    available.

    Examples
    --------
    >>> from benchgame.mechanisms.marketplace import Market, Perfect
    >>> m = Market([[0.8, 0.2], [0.2, 0.9], [0.5, 0.5]], [0.5, 0.5], models=("x", "y", "z"))
    >>> t = replacement_table(m, Perfect())
    >>> t.choice["winrate"], t.choice["weighted_winrate"]
    (('x', 'y', 'x'), ('x', 'y', 'y'))
    >>> t.weighted_at_least_winrate
    1.0
    """
    keys = (*MECHANISMS, "welfare")
    wel = {k: np.empty(market.n) for k in keys}
    idx = {k: np.empty(market.n, dtype=np.intp) for k in keys}
    for rows, wr, wwr, w in replacement_payoffs(market, rule):
        for key, pay in zip(MECHANISMS, (wr, wwr), strict=True):
            br = pay >= pay.max(axis=1, keepdims=True) - tol
            wel[key][rows] = worst = np.where(br, w, np.inf).min(axis=1)
            idx[key][rows] = np.argmax(br & (w <= worst[:, None] + tol), axis=1)
        wel["welfare"][rows] = best = w.max(axis=1)
        idx["welfare"][rows] = np.argmax(w >= best[:, None] - tol, axis=1)
    choice = {k: tuple(market.models[i] for i in v) for k, v in idx.items()}
    frac = float(np.mean(wel["weighted_winrate"] >= wel["winrate"] - tol))
    return ReplacementTable(market.models, wel, choice, frac)
