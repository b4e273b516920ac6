"""Market entry and model replacement over finite menus: best responses and their welfare.

The two kinds of model change of Donahue and Raghavan (arXiv:2602.23293, abstract), as a
reconstruction of the paper's definitions. Incumbents ``Q`` are fixed; a producer picks
``q in F`` to maximise its payment ``M(Q (+) q)`` (entry) or ``M(Q_{-i} (+) q)`` (replacement;
``F_i`` contains ``q_i``, "no change"). Reported (:class:`EntryResult`): the best-response set
(argmax within ``tol``), welfare at the worst and best best response, the welfare optimum over
``F`` and the gap ``max_F W - W(worst best response)`` (the mechanism's price). Finite menus are
evaluated for all candidates at once (markets stacked on a leading axis). Entry on the two-task
budget line ``q = (alpha, 1 - alpha)`` and on the budget simplex ``{q >= 0: c . q = B}`` lives in
:mod:`benchgame.mechanisms.marketplace.budget` and is re-exported here.
"""

from __future__ import annotations

import numpy as np

from benchgame.core.validation import require
from benchgame.mechanisms.marketplace.budget import (
    budget_line,
    budget_simplex_grid,
    entry_budget_line,
    entry_budget_simplex,
)
from benchgame.mechanisms.marketplace.choice_rules import ChoiceRule
from benchgame.mechanisms.marketplace.market import Market
from benchgame.mechanisms.marketplace.outcome import EntryResult, _evaluate, _result
from benchgame.mechanisms.marketplace.payments import get_payment_rule
from benchgame.mechanisms.marketplace.welfare import welfare

__all__ = [
    "EntryResult",
    "budget_line",
    "budget_simplex_grid",
    "entry",
    "entry_budget_line",
    "entry_budget_simplex",
    "replacement",
]


def entry(market: Market, rule: ChoiceRule, candidates: object, mechanism: str = "winrate",
          *, tol: float = 1e-9, **options: object) -> EntryResult:
    """Entry of one new model chosen from a finite menu ``F`` (the rows of ``candidates``).

    Vectorized over candidates (markets stacked as ``(k, n+1, m)``, evaluated in chunks).

    Parameters
    ----------
    market : Market
        The incumbents and the task weights.
    rule : ChoiceRule
        Choice rule of the aggregator.
    candidates : array_like, shape (k, m)
        The entrant's menu ``F``, inside the market's quality range.
    mechanism : str, default "winrate"
        A registered payment rule (``"winrate"``, ``"weighted_winrate"``, ...).
    tol : float, default 1e-9
        Candidates with ``payoff >= max payoff - tol`` are best responses.
    **options
        Extra keyword arguments of the payment rule (e.g. ``reference`` for ``"reference"``).

    Returns
    -------
    EntryResult
        Payoff and welfare per candidate, best-response set, welfare gap.

    Raises
    ------
    InputError
        If the mechanism is unknown, ``tol`` is negative or a candidate is out of range.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract (v1): "market entry", an entirely new
    model added to the available models. Feasible sets, best-response sets and the welfare gap
    are a reconstruction of the paper's definitions.

    Examples
    --------
    A finite menu on which weighted winrate picks the welfare-worse entrant (``c2 = (0.3, 0.9)``
    instead of ``c1 = (0.8, 0.6)``): its positive effect needs conditions.

    >>> from benchgame.mechanisms.marketplace import Market, Softmax
    >>> m = Market([[0.4, 0.7]], [0.5, 0.5])
    >>> C = [[0.8, 0.6], [0.3, 0.9]]
    >>> r = entry(m, Softmax(20.0), C, "winrate")
    >>> r.payoff.round(6).tolist(), r.welfare.round(6).tolist(), r.best_responses
    ([0.559434, 0.550608], [0.743973, 0.642241], (0,))
    >>> r = entry(m, Softmax(20.0), C, "weighted_winrate")
    >>> r.payoff.round(6).tolist(), r.best_responses, round(r.gap, 6)
    ([0.435627, 0.459787], (1,), 0.101732)
    """
    get_payment_rule(mechanism)
    require(np.isfinite(tol) and tol >= 0, "tol", f"is {tol}", "give tol >= 0")
    C = market.check_candidates(candidates)
    pay, wel = _evaluate(market.quality, market.omega, rule, mechanism, C, market.n, options)
    w0 = welfare(market.quality, market.omega, rule)
    return _result(C, pay, wel, w0, mechanism, "finite menu", tol, {"candidates": len(C)})


def replacement(market: Market, i: int, rule: ChoiceRule, candidates: object,
                mechanism: str = "winrate", *, tol: float = 1e-9,
                **options: object) -> EntryResult:
    """Replacement of model ``i``'s quality vector by a vector of its menu ``F_i``.

    ``q_i`` itself is added to the menu as row 0 ("no change") unless already present.

    Parameters
    ----------
    market : Market
        The current models and the task weights.
    i : int
        Index of the model being replaced.
    rule : ChoiceRule
        Choice rule of the aggregator.
    candidates : array_like, shape (k, m)
        The menu ``F_i``, inside the market's quality range.
    mechanism : str, default "winrate"
        A registered payment rule (``"winrate"``, ``"weighted_winrate"``, ...).
    tol : float, default 1e-9
        Candidates with ``payoff >= max payoff - tol`` are best responses.
    **options
        Extra keyword arguments of the payment rule (e.g. ``reference`` for ``"reference"``).

    Returns
    -------
    EntryResult
        Payoff and welfare per menu row (row 0 is "no change" when it was added).

    Raises
    ------
    InputError
        If ``i`` is not a model index or a candidate is out of range.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract (v1): "model replacement", an
    existing model's strengths and weaknesses changed. The menu and the best-response set are a
    reconstruction of the paper's definitions.

    Examples
    --------
    Two models at ``(0.8, 0.2)``; the second may specialize on task B. Under perfect
    aggregation winrate keeps it on task A, weighted winrate moves it:

    >>> from benchgame.mechanisms.marketplace import Market, Perfect
    >>> m = Market([[0.8, 0.2], [0.8, 0.2]], [0.55, 0.45])
    >>> r = replacement(m, 1, Perfect(), [[0.0, 1.0]], "winrate")
    >>> r.candidates.tolist(), r.payoff.round(6).tolist(), r.best_responses
    ([[0.8, 0.2], [0.0, 1.0]], [0.5, 0.45], (0,))
    >>> r = replacement(m, 1, Perfect(), [[0.0, 1.0]], "weighted_winrate")
    >>> r.payoff.round(6).tolist(), r.best_responses, r.welfare.round(6).tolist()
    ([0.265, 0.45], (1,), [0.53, 0.89])
    """
    require(isinstance(i, int | np.integer) and 0 <= i < market.n, "i", f"is {i!r}",
            f"give a model index in [0, {market.n})")
    C = market.check_candidates(candidates)
    if not np.any(np.all(np.abs(C - market.quality[i]) <= 0.0, axis=1)):
        C = np.vstack([market.quality[i][None], C])
    base = np.delete(market.quality, i, axis=0)
    pay, wel = _evaluate(base, market.omega, rule, mechanism, C, int(i), options)
    w0 = welfare(market.quality, market.omega, rule)
    return _result(C, pay, wel, w0, mechanism, "finite menu (replacement)", tol,
                   {"candidates": len(C), "replaced": int(i)})
