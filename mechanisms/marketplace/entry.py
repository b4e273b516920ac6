"""Market entry and model replacement: best responses of a producer and their welfare.

Reconstruction of Donahue and Raghavan (arXiv:2602.23293), sections 2.5 and 3.5 of the
reconstruction. Incumbents ``Q`` are fixed; a producer picks ``q in F`` to maximise its payment
``M(Q (+) q)`` (entry) or ``M(Q_{-i} (+) q)`` (replacement; ``F_i`` contains ``q_i``, "no change").
Reported: the best-response set (argmax within ``tol``), welfare at the worst and best best
response, the welfare optimum over ``F`` and the gap ``max_F W - W(worst best response)`` (the
mechanism's price). Finite menus are evaluated for all candidates at once (markets stacked on a
leading axis). The two-task budget line ``q = (alpha, 1 - alpha)`` and the budget simplex
``{q >= 0: c . q = B}`` are solved by a grid plus local refinement; the grid is part of the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import minimize, minimize_scalar

from benchgame.core.validation import as_finite_array, require
from benchgame.mechanisms.marketplace.choice_rules import ChoiceRule
from benchgame.mechanisms.marketplace.market import Market
from benchgame.mechanisms.marketplace.payments import get_payment_rule, payoffs
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


@dataclass(frozen=True)
class EntryResult:
    """Outcome of one producer's choice over a feasible set.

    Attributes
    ----------
    candidates : ndarray (k, m)
        Evaluated quality vectors (grid points and refined points for continuous sets).
    payoff, welfare : ndarray (k,)
        The producer's payment and consumer welfare ``W`` after the change, per candidate.
    best_responses : tuple of int
        Indices with ``payoff >= max payoff - tol`` (the best-response set).
    welfare_worst_br, welfare_best_br, welfare_opt : float
        ``W`` at the welfare-worst and welfare-best best response; ``max W`` over candidates.
    gap : float
        ``welfare_opt - welfare_worst_br`` (>= 0): the price of the mechanism.
    welfare_before : float
        ``W`` of the market before the change.
    mechanism, method : str
    certificate : dict
        Grid resolution, refinement data, tolerance.
    """

    candidates: np.ndarray
    payoff: np.ndarray
    welfare: np.ndarray
    best_responses: tuple[int, ...]
    welfare_worst_br: float
    welfare_best_br: float
    welfare_opt: float
    gap: float
    welfare_before: float
    mechanism: str
    method: str
    certificate: dict = field(default_factory=dict)

    @property
    def welfare_optima(self) -> tuple[int, ...]:
        """Indices of welfare-maximising candidates (within the certificate's tol)."""
        tol = self.certificate.get("tol", 1e-9)
        return tuple(int(k) for k in np.flatnonzero(self.welfare >= self.welfare.max() - tol))

    def to_dict(self) -> dict:
        return {"mechanism": self.mechanism, "method": self.method,
                "best_responses": list(self.best_responses),
                "best_response_vectors": self.candidates[list(self.best_responses)].tolist(),
                "welfare_worst_br": self.welfare_worst_br,
                "welfare_best_br": self.welfare_best_br, "welfare_opt": self.welfare_opt,
                "gap": self.gap, "welfare_before": self.welfare_before,
                "certificate": self.certificate}


def _stack(base: np.ndarray, C: np.ndarray, position: int) -> np.ndarray:
    """Markets ``(k, n+1, m)``: ``base`` with candidate ``C[k]`` inserted at row ``position``."""
    k = C.shape[0]
    B = np.broadcast_to(base, (k,) + base.shape)
    return np.concatenate([B[:, :position], C[:, None, :], B[:, position:]], axis=1)


def _evaluate(base: np.ndarray, omega: np.ndarray, rule: ChoiceRule, mechanism: str,
              C: np.ndarray, position: int, options: dict, chunk: int = 2048):
    pay = np.empty(C.shape[0])
    wel = np.empty(C.shape[0])
    for s in range(0, C.shape[0], chunk):
        S = _stack(base, C[s:s + chunk], position)
        P = rule.probabilities(S)
        pay[s:s + chunk] = payoffs(mechanism, S, omega, rule, P, **options)[:, position]
        wel[s:s + chunk] = welfare(S, omega, rule, P)
    return pay, wel


def _result(C, pay, wel, w0, mechanism, method, tol, cert) -> EntryResult:
    br = np.flatnonzero(pay >= pay.max() - tol)
    w_br = wel[br]
    w_opt = float(wel.max())
    return EntryResult(C, pay, wel, tuple(int(k) for k in br), float(w_br.min()),
                       float(w_br.max()), w_opt, float(w_opt - w_br.min()), float(w0),
                       mechanism, method, {"tol": tol, **cert})


def entry(market: Market, rule: ChoiceRule, candidates: object, mechanism: str = "winrate",
          *, tol: float = 1e-9, **options: object) -> EntryResult:
    """Entry of one new model chosen from a finite menu ``F`` (rows of ``candidates``).

    Vectorized over candidates (markets stacked as ``(k, n+1, m)``, evaluated in chunks).
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
    """Model ``i`` replaces ``q_i`` by a vector of ``F_i``; ``q_i`` itself is added to the menu
    as row 0 ("no change") unless already present."""
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


def budget_line(grid: int) -> np.ndarray:
    """Grid ``(alpha, 1 - alpha)``, ``alpha = 0, 1/(grid-1), ..., 1`` (shape (grid, 2))."""
    require(isinstance(grid, int | np.integer) and grid >= 2, "grid", f"is {grid!r}",
            "give at least 2 grid points")
    a = np.linspace(0.0, 1.0, int(grid))
    return np.column_stack([a, 1.0 - a])


def _refine_line(f, a0: float, h: float) -> float:
    lo, hi = max(0.0, a0 - h), min(1.0, a0 + h)
    r = minimize_scalar(lambda a: -f(a), bounds=(lo, hi), method="bounded",
                        options={"xatol": 1e-10})
    return float(r.x)


def entry_budget_line(market: Market, rule: ChoiceRule, mechanism: str = "winrate", *,
                      grid: int = 1001, refine: bool = True, tol: float = 1e-9,
                      **options: object) -> EntryResult:
    """Entry on the two-task budget line ``q = (alpha, 1 - alpha)``, ``alpha in [0, 1]``.

    A grid of ``grid`` points, then bounded scalar refinement (``minimize_scalar``) of the payoff
    and of welfare within one grid step of the best grid points; refined points are appended to
    the candidates. Certificate: grid size, step, refined alphas.
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
    """Grid of ``{q >= 0 : c . q = B}``: ``q_t = B w_t / c_t`` with ``w`` on the simplex grid of
    step ``1/resolution`` (all compositions of ``resolution`` into ``m`` parts)."""
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
    """Entry on the budget simplex ``{q in [0, V]^m : c . q = B}``: grid of step ``1/resolution``
    (in budget shares) plus SLSQP refinement from the best grid points of payoff and welfare.
    Grid points outside ``[vmin, vmax]`` are dropped."""
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
            r = minimize(f, G[int(np.argmax(arr))], method="SLSQP", bounds=bounds,
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
