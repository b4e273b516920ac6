"""Market entry on continuous feasible sets: the two-task budget line and the budget simplex.

A reconstruction of the feasible sets of Donahue and Raghavan (arXiv:2602.23293), whose exact
definitions are not available. The budget line ``q = (alpha, 1 - alpha)``, ``alpha in [0, 1]``
(``alpha = 1`` piles onto task A, ``alpha = 0`` specializes on task B) and the budget simplex
``{q >= 0: c . q = B}`` are solved by a grid plus local refinement (bounded scalar search on the
line, SLSQP on the simplex); the grid and the refined points are part of the result's
certificate.
"""

from __future__ import annotations

import lazy_loader as lazy
import numpy as np

from benchgame.core.validation import as_finite_array, require
from benchgame.mechanisms.marketplace.choice_rules import ChoiceRule
from benchgame.mechanisms.marketplace.market import Market
from benchgame.mechanisms.marketplace.outcome import EntryResult, _evaluate, _result
from benchgame.mechanisms.marketplace.welfare import welfare

optimize = lazy.load("scipy.optimize", suppress_warning=True)

__all__ = ["budget_line", "budget_simplex_grid", "entry_budget_line", "entry_budget_simplex"]


def budget_line(grid: int) -> np.ndarray:
    """Grid of the two-task budget line ``(alpha, 1 - alpha)``, ``alpha = 0, ..., 1``.

    Parameters
    ----------
    grid : int
        Number of equally spaced values of ``alpha`` (at least 2).

    Returns
    -------
    ndarray, shape (grid, 2)
        Rows ``(alpha, 1 - alpha)`` with ``alpha = k / (grid - 1)``.

    Raises
    ------
    InputError
        If ``grid`` is not an integer >= 2.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract (specialize vs homogenize); the
    budget line is a reconstruction of the paper's feasible sets.

    Examples
    --------
    >>> budget_line(3).tolist()
    [[0.0, 1.0], [0.5, 0.5], [1.0, 0.0]]
    """
    require(isinstance(grid, int | np.integer) and grid >= 2, "grid", f"is {grid!r}",
            "give at least 2 grid points")
    a = np.linspace(0.0, 1.0, int(grid))
    return np.column_stack([a, 1.0 - a])


def _refine_line(f, a0: float, h: float) -> float:
    lo, hi = max(0.0, a0 - h), min(1.0, a0 + h)
    r = optimize.minimize_scalar(lambda a: -f(a), bounds=(lo, hi), method="bounded",
                                 options={"xatol": 1e-10})
    return float(r.x)


def entry_budget_line(market: Market, rule: ChoiceRule, mechanism: str = "winrate", *,
                      grid: int = 1001, refine: bool = True, tol: float = 1e-9,
                      **options: object) -> EntryResult:
    """Entry on the two-task budget line ``q = (alpha, 1 - alpha)``, ``alpha in [0, 1]``.

    A grid of ``grid`` points, then bounded scalar refinement (``minimize_scalar``) of the payoff
    and of welfare within one grid step of the best grid points; refined points are appended to
    the candidates. Certificate: grid size, step, refined alphas.

    Parameters
    ----------
    market : Market
        The incumbents, on two tasks.
    rule : ChoiceRule
        Choice rule of the aggregator.
    mechanism : str, default "winrate"
        A registered payment rule (``"winrate"``, ``"weighted_winrate"``, ...).
    grid : int, default 1001
        Number of grid points on the line.
    refine : bool, default True
        Refine the best grid points of payoff and welfare with a bounded scalar search.
    tol : float, default 1e-9
        Candidates with ``payoff >= max payoff - tol`` are best responses.
    **options
        Extra keyword arguments of the payment rule (e.g. ``reference`` for ``"reference"``).

    Returns
    -------
    EntryResult
        Grid and refined candidates with their payoff and welfare.

    Raises
    ------
    InputError
        If the market does not have exactly two tasks or ``grid`` is below 2.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract (v1): "market entry", an entirely new
    model added to the available models. Feasible sets, best-response sets and the welfare gap
    are a reconstruction of the paper's definitions.

    Examples
    --------
    Incumbent ``(0.8, 0.2)``, ``pi = (0.55, 0.45)``, softmax ``beta = 5``: winrate's entrant
    homogenizes (``alpha = 1``), weighted winrate's specializes (``alpha = 0``), the welfare
    optimum:

    >>> from benchgame.mechanisms.marketplace import Market, Softmax
    >>> m = Market([[0.8, 0.2]], [0.55, 0.45])
    >>> r = entry_budget_line(m, Softmax(5.0), "winrate", grid=101)
    >>> r.candidates[r.best_responses[0]].round(6).tolist(), round(r.welfare_worst_br, 6)
    ([1.0, 0.0], 0.586212)
    >>> r = entry_budget_line(m, Softmax(5.0), "weighted_winrate", grid=101)
    >>> r.candidates[r.best_responses[0]].round(6).tolist(), round(r.welfare_worst_br, 6)
    ([0.0, 1.0], 0.875611)
    >>> round(r.gap, 6)
    0.0
    """
    require(market.m == 2, "market", f"has {market.m} tasks", "the budget line needs 2 tasks")
    C = budget_line(grid)
    pay, wel = _evaluate(market.quality, market.omega, rule, mechanism, C, market.n, options)
    refined = []
    if refine:
        h = 1.0 / (grid - 1)

        def val(a: float, which: int) -> float:
            p, w = _evaluate(market.quality, market.omega, rule, mechanism,
                             np.array([[a, 1.0 - a]]), market.n, options)
            return float((p, w)[which][0])

        for which, arr in ((0, pay), (1, wel)):
            a = _refine_line(lambda x, w=which: val(x, w), C[int(np.argmax(arr)), 0], h)
            refined.append(a)
        R = np.array([[a, 1 - a] for a in refined])
        p2, w2 = _evaluate(market.quality, market.omega, rule, mechanism, R, market.n, options)
        C, pay, wel = np.vstack([C, R]), np.concatenate([pay, p2]), np.concatenate([wel, w2])
    w0 = welfare(market.quality, market.omega, rule)
    return _result(C, pay, wel, w0, mechanism, "budget line grid + bounded refinement", tol,
                   {"grid": int(grid), "step": 1.0 / (grid - 1), "refined_alpha": refined})


def budget_simplex_grid(costs: np.ndarray, budget: float, resolution: int) -> np.ndarray:
    """Grid of the budget simplex ``{q >= 0 : c^T q = B}``.

    ``q_t = B w_t / c_t`` with ``w`` on the simplex grid of step ``1/resolution`` (all
    compositions of ``resolution`` into ``m`` parts).

    Parameters
    ----------
    costs : array_like, shape (m,)
        Positive cost ``c_t`` of one unit of quality on task ``t``.
    budget : float
        Positive budget ``B``.
    resolution : int
        Number of budget shares (at least 1).

    Returns
    -------
    ndarray, shape (C(resolution + m - 1, m - 1), m)
        The grid points, one per row.

    Raises
    ------
    InputError
        If a cost or the budget is not positive, or ``resolution`` is not an integer >= 1.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract (model changes); the budget
    simplex is a reconstruction of the paper's feasible sets.

    Examples
    --------
    >>> budget_simplex_grid([1.0, 2.0], 1.0, 2).tolist()
    [[0.0, 0.5], [0.5, 0.25], [1.0, 0.0]]
    """
    c = as_finite_array(costs, "costs", ndim=1)
    require(bool(np.all(c > 0)), "costs", "must be > 0", "give positive task costs")
    require(np.isfinite(budget) and budget > 0, "budget", f"is {budget}", "give a budget > 0")
    require(isinstance(resolution, int | np.integer) and resolution >= 1, "resolution",
            f"is {resolution!r}", "give an integer >= 1")
    m = len(c)
    pts = [np.zeros(0, dtype=int)]
    for _ in range(m - 1):
        pts = [np.append(p, k) for p in pts for k in range(resolution - int(p.sum()) + 1)]
    W = np.array([np.append(p, resolution - p.sum()) for p in pts], dtype=float) / resolution
    return budget * W / c


def entry_budget_simplex(market: Market, rule: ChoiceRule, mechanism: str = "winrate", *,
                         costs: object | None = None, budget: float = 1.0,
                         resolution: int = 20, refine: bool = True, tol: float = 1e-9,
                         **options: object) -> EntryResult:
    """Entry on the budget simplex ``{q in [0, V]^m : c^T q = B}``.

    A grid of step ``1/resolution`` (in budget shares) plus SLSQP refinement from the best grid
    points of payoff and welfare. Grid points outside ``[vmin, vmax]`` are dropped.

    Parameters
    ----------
    market : Market
        The incumbents and the task weights.
    rule : ChoiceRule
        Choice rule of the aggregator.
    mechanism : str, default "winrate"
        A registered payment rule (``"winrate"``, ``"weighted_winrate"``, ...).
    costs : array_like, shape (m,), optional
        Positive task costs ``c`` (default all 1).
    budget : float, default 1.0
        Budget ``B``.
    resolution : int, default 20
        Number of budget shares of the grid.
    refine : bool, default True
        Refine the best grid points of payoff and welfare with SLSQP on the simplex.
    tol : float, default 1e-9
        Candidates with ``payoff >= max payoff - tol`` are best responses.
    **options
        Extra keyword arguments of the payment rule (e.g. ``reference`` for ``"reference"``).

    Returns
    -------
    EntryResult
        Grid and refined candidates with their payoff and welfare.

    Raises
    ------
    InputError
        If the costs, budget or resolution are invalid, or no grid point lies in the quality
        range.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract (v1): "market entry", an entirely new
    model added to the available models. Feasible sets, best-response sets and the welfare gap
    are a reconstruction of the paper's definitions.

    Examples
    --------
    >>> from benchgame.mechanisms.marketplace import Market, Perfect
    >>> m = Market([[0.8, 0.2, 0.0]], [0.4, 0.3, 0.3])
    >>> r = entry_budget_simplex(m, Perfect(), "weighted_winrate", resolution=4)
    >>> r.candidates[r.best_responses[0]].round(6).tolist(), r.certificate["grid_points"]
    ([1.0, 0.0, 0.0], 15)
    """
    c = np.ones(market.m) if costs is None else as_finite_array(costs, "costs", ndim=1,
                                                                  shape=(market.m,))
    G = budget_simplex_grid(c, budget, resolution)
    G = G[np.all(G <= market.vmax + 1e-12, axis=1)]
    require(len(G) > 0, "budget", "no grid point lies inside the quality range",
            "lower the budget or raise vmax")
    pay, wel = _evaluate(market.quality, market.omega, rule, mechanism, G, market.n, options)
    refined = []
    if refine:
        cons = ({"type": "eq", "fun": lambda q: c @ q - budget},)
        bounds = [(max(0.0, market.vmin), market.vmax)] * market.m
        for which, arr in ((0, pay), (1, wel)):
            def f(q, w=which):
                p, wl = _evaluate(market.quality, market.omega, rule, mechanism,
                                  np.clip(q, 0, market.vmax)[None], market.n, options)
                return -float((p, wl)[w][0])
            r = optimize.minimize(f, G[int(np.argmax(arr))], method="SLSQP", bounds=bounds,
                                  constraints=cons, options={"ftol": 1e-12, "maxiter": 200})
            q = np.clip(r.x, 0, market.vmax)
            if abs(c @ q - budget) <= 1e-8:
                refined.append(q)
        if refined:
            R = np.array(refined)
            p2, w2 = _evaluate(market.quality, market.omega, rule, mechanism, R, market.n,
                               options)
            G, pay, wel = np.vstack([G, R]), np.concatenate([pay, p2]), np.concatenate([wel, w2])
    w0 = welfare(market.quality, market.omega, rule)
    return _result(G, pay, wel, w0, mechanism, "budget simplex grid + SLSQP refinement", tol,
                   {"resolution": int(resolution), "grid_points": int(len(G) - len(refined)),
                    "refined": [q.tolist() for q in refined]})
