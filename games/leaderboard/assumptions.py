"""Assumption checkers for the leaderboard game (spec 3.1, 3.2, 5.1).

Each checker returns a frozen :class:`AssumptionCheck` with ``holds``, the ``method`` used
(``symbolic`` via sympy where the family or cost has a closed form, ``numeric`` on a grid
otherwise) and either a certificate (grid used, smallest margin) or a violating witness (the
point and the numbers).

- **C1** ``v(theta_i, x) > v(theta_j, x)`` for ``theta_i > theta_j``.
  Symbolic for the generalized logit with common bounds: the log-odds difference of two models
  is ``d_alpha + d_beta t`` with ``t = log(1 + x) >= 0``, positive for every ``t`` iff
  ``d_alpha > 0`` and ``d_beta >= 0``; otherwise the crossing ``t* = -d_alpha / d_beta`` is the
  witness (family X5). Numeric elsewhere: adjacent pairs on an x-grid (adjacent pairs suffice:
  strict order is transitive).
- **C2** ``v(theta, .)`` non-decreasing and concave. Symbolic for the logit:
  ``v'' = (U - L) beta sigma (1 - sigma) (beta (1 - 2 sigma) - 1) / (1 + x)^2`` (derived with
  sympy), so concavity is ``beta (1 - 2 sigma(alpha)) <= 1`` at ``x = 0`` (always for
  ``beta <= 1``). Numeric: first differences ``>= -tol`` and non-increasing chord slopes.
- **C3** ``A_ij(s) = E_j(s) - E_i(s)`` non-decreasing in ``s`` on scores attainable by ``j``
  [RECON formalisation, spec 3.2]: every pair ``i < j`` on the s-grid ``s = v(theta_j, x)``.
- **Cost** convexity and (S) ``c(e) > 0 for e > 0``: symbolic via ``Cost.sympy_expr`` when sympy
  decides the sign, numeric sampling otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from benchgame.core.validation import as_finite_array, require
from benchgame.games.leaderboard.costs import Cost
from benchgame.games.leaderboard.score_families import GeneralizedLogit, ScoreFamily

__all__ = [
    "AssumptionCheck",
    "check_all",
    "check_c1",
    "check_c2",
    "check_c3",
    "check_convexity",
    "check_strict_cost",
    "default_training_grid",
]


@dataclass(frozen=True)
class AssumptionCheck:
    """Outcome of one assumption check.

    Attributes
    ----------
    name : str
        ``C1``, ``C2``, ``C3``, ``convexity`` or ``S``.
    holds : bool
    method : str
        ``symbolic`` (sympy / closed-form sign analysis, valid on the whole domain) or
        ``numeric`` (valid on the grid in ``certificate``).
    certificate : dict
        Grid used (size and range) and the smallest margin; the symbolic condition when symbolic.
    witness : dict or None
        When ``holds`` is False: the violating point and the numbers.
    tol : float
    """

    name: str
    holds: bool
    method: str
    certificate: dict = field(default_factory=dict)
    witness: dict | None = None
    tol: float = 0.0

    def to_dict(self) -> dict:
        return {"name": self.name, "holds": self.holds, "method": self.method,
                "certificate": self.certificate, "witness": self.witness, "tol": self.tol}


def default_training_grid(base: float = 0.0, points: int = 400, x_max: float = 1e6) -> np.ndarray:
    """Training grid ``base + {0} U logspace(-3, log10(x_max))`` plus a linear part on [0, 10]."""
    require(points >= 8, "points", f"is {points}", "use at least 8 grid points")
    g = np.concatenate([[0.0], np.linspace(0.0, 10.0, points // 2)[1:],
                        np.logspace(-3, np.log10(x_max), points // 2)])
    return base + np.unique(g)


def _grid(x: Any, base: float) -> np.ndarray:
    if x is None:
        return default_training_grid(base)
    g = np.unique(as_finite_array(x, "x_grid", ndim=1, nonnegative=True))
    require(g.size >= 3, "x_grid", f"has {g.size} points", "give at least 3 grid points")
    return g


def _grid_cert(g: np.ndarray, margin: float, **extra: Any) -> dict:
    return {"grid": {"points": int(g.size), "min": float(g[0]), "max": float(g[-1])},
            "min_margin": float(margin), **extra}


def _logit_common(family: ScoreFamily, theta: np.ndarray) -> tuple[np.ndarray, ...] | None:
    if not isinstance(family, GeneralizedLogit):
        return None
    a, b, lo, up = family.params(theta)
    if np.ptp(lo) != 0 or np.ptp(up) != 0:
        return None
    return a, b, lo, up


_SATURATION = 1e-9
"""Scores within this distance of the ceiling are treated as saturated in floating point and
left out of the numeric C1/C3 grids (the generalized inverse has no precision there)."""


# --------------------------------------------------------------------------------------------
def check_c1(family: ScoreFamily, theta: Any, x_grid: Any = None, *, tol: float = 0.0,
             symbolic: bool = True) -> AssumptionCheck:
    """C1: ``v(theta_i, x) > v(theta_{i+1}, x)`` for all x (theta sorted decreasing).

    Symbolic for :class:`GeneralizedLogit` with common bounds (exact sign analysis of the
    log-odds difference with sympy rationals), numeric on ``x_grid`` otherwise. Numeric margins
    must exceed ``tol``.
    """
    th = as_finite_array(theta, "theta", ndim=1)
    params = _logit_common(family, th) if symbolic else None
    if params is not None:
        import sympy as sp

        a, b = params[0], params[1]
        t = sp.Symbol("t", nonnegative=True)
        for i in range(th.size - 1):
            da = sp.nsimplify(a[i] - a[i + 1], rational=True)
            db = sp.nsimplify(b[i] - b[i + 1], rational=True)
            expr = da + db * t
            inf_val = da if db >= 0 else -sp.oo
            if not (inf_val > 0):
                t_star = sp.Integer(0) if da <= 0 else -da / db
                x_star = float(sp.exp(t_star) - 1)
                x_w = 0.0 if da <= 0 else 2.0 * x_star + 1.0  # at / past the crossing
                v = family.value(th[[i, i + 1]], x_w)
                return AssumptionCheck(
                    "C1", False, "symbolic",
                    {"condition": "d_alpha > 0 and d_beta >= 0 for adjacent models"},
                    {"pair": [i, i + 1], "log_odds_difference": str(expr),
                     "crossing_x": x_star, "x": x_w, "v_higher": float(v[0]),
                     "v_lower": float(v[1])}, tol)
        return AssumptionCheck("C1", True, "symbolic",
                               {"condition": "log-odds difference d_alpha + d_beta log(1+x) with "
                                "d_alpha > 0, d_beta >= 0 for every adjacent pair (common bounds)",
                                "pairs": int(th.size - 1)}, None, tol)
    g = _grid(x_grid, 0.0)
    v = family.value(th[:, None], g[None, :])
    d = v[:-1] - v[1:]
    # points where both scores sit at their ceilings in floating point carry no information
    U = family.ceiling(th)[:, None]
    sat = (v >= U - _SATURATION)[:-1] & (v >= U - _SATURATION)[1:]
    d = np.where(sat, np.inf, d)
    i, j = np.unravel_index(int(np.argmin(d)), d.shape)
    if d[i, j] <= tol:
        return AssumptionCheck("C1", False, "numeric", _grid_cert(g, d[i, j]),
                               {"pair": [int(i), int(i) + 1], "x": float(g[j]),
                                "v_higher": float(v[i, j]), "v_lower": float(v[i + 1, j])}, tol)
    return AssumptionCheck("C1", True, "numeric", _grid_cert(g, d[i, j]), None, tol)


def check_c2(family: ScoreFamily, theta: Any, x_grid: Any = None, *, tol: float = 1e-12,
             symbolic: bool = True) -> AssumptionCheck:
    """C2: ``v(theta, .)`` non-decreasing and concave (saturation: the ceiling ``U(theta)`` is
    the finite limit, [RECON] O4).

    Symbolic for :class:`GeneralizedLogit`: sympy derives ``v''`` and the check is the sign of
    ``beta (1 - 2 sigma(alpha)) - 1`` (``sigma`` is increasing in x, so x = 0 is the worst case).
    Numeric: first differences ``>= -tol`` and chord slopes non-increasing within ``tol``.
    """
    th = as_finite_array(theta, "theta", ndim=1)
    if symbolic and isinstance(family, GeneralizedLogit):
        import sympy as sp

        x = sp.Symbol("x", nonnegative=True)
        al, be, lo, up = sp.symbols("alpha beta L U", real=True)
        vexpr = lo + (up - lo) / (1 + sp.exp(-(al + be * sp.log(1 + x))))
        sig = 1 / (1 + sp.exp(-(al + be * sp.log(1 + x))))
        target = (up - lo) * be * sig * (1 - sig) * (be * (1 - 2 * sig) - 1) / (1 + x) ** 2
        identity = sp.simplify(sp.diff(vexpr, x, 2) - target) == 0
        a, b, _, _ = family.params(th)
        s0 = 1.0 / (1.0 + np.exp(-a))
        cond = b * (1.0 - 2.0 * s0) - 1.0
        k = int(np.argmax(cond))
        cert = {"condition": "beta (1 - 2 sigma(alpha)) <= 1 (v'' sign, derived with sympy)",
                "sympy_identity_verified": bool(identity), "max_condition": float(cond[k])}
        if cond[k] > tol:
            return AssumptionCheck("C2", False, "symbolic", cert,
                                   {"model": k, "x": 0.0, "beta": float(b[k]),
                                    "sigma_alpha": float(s0[k]), "beta_1_minus_2sigma": float(
                                        b[k] * (1 - 2 * s0[k]))}, tol)
        return AssumptionCheck("C2", bool(identity), "symbolic", cert, None, tol)
    g = _grid(x_grid, 0.0)
    v = family.value(th[:, None], g[None, :])
    dv = np.diff(v, axis=1)
    k, j = np.unravel_index(int(np.argmin(dv)), dv.shape)
    if dv[k, j] < -tol:
        return AssumptionCheck("C2", False, "numeric", _grid_cert(g, dv[k, j]),
                               {"model": int(k), "property": "non-decreasing", "x": float(g[j]),
                                "x_next": float(g[j + 1]), "v": float(v[k, j]),
                                "v_next": float(v[k, j + 1])}, tol)
    slope = dv / np.diff(g)[None, :]
    inc = np.diff(slope, axis=1)
    k, j = np.unravel_index(int(np.argmax(inc)), inc.shape)
    if inc[k, j] > tol * max(1.0, float(np.abs(slope).max())):
        return AssumptionCheck("C2", False, "numeric", _grid_cert(g, -inc[k, j]),
                               {"model": int(k), "property": "concave", "x": float(g[j + 1]),
                                "slope_left": float(slope[k, j]),
                                "slope_right": float(slope[k, j + 1])}, tol)
    return AssumptionCheck("C2", True, "numeric", _grid_cert(g, -inc[k, j]), None, tol)


def check_c3(family: ScoreFamily, theta: Any, x_grid: Any = None, *, tol: float = 1e-6,
             max_pairs: int = 5000) -> AssumptionCheck:
    """C3 [RECON]: for every pair ``i < j`` (theta_i > theta_j) the effort advantage
    ``A_ij(s) = E_j(s) - E_i(s)`` is non-decreasing in ``s`` on the scores attainable by ``j``.

    The s-grid is ``s = v(theta_j, x)`` for ``x`` in ``x_grid`` below ``j``'s ceiling. Decreases
    larger than ``tol * max(1, |A|)`` are violations. Numeric for every family (the structural
    certificate of the family, if any, is reported alongside). At most ``max_pairs`` pairs are
    checked (adjacent pairs first); the certificate says how many.
    """
    th = as_finite_array(theta, "theta", ndim=1)
    g = _grid(x_grid, 0.0)
    n = th.size
    ii, jj = np.triu_indices(n, 1)
    order = np.argsort(jj - ii, kind="stable")[:max_pairs]
    ii, jj = ii[order], jj[order]
    s = family.value(th[jj][:, None], g[None, :])
    ok = s < family.ceiling(th[jj])[:, None] - _SATURATION
    A = g[None, :] - family.inverse(th[ii][:, None], s)
    A = np.where(ok, A, np.nan)
    dA = np.diff(A, axis=1)
    scale = tol * np.maximum(1.0, np.abs(A[:, 1:]))
    viol = np.where(np.isnan(dA), np.inf, dA + scale)
    p, j = np.unravel_index(int(np.argmin(viol)), viol.shape)
    margin = float(np.nanmin(np.where(np.isnan(dA), np.nan, dA))) if np.isfinite(viol).any() \
        else float("inf")
    total = int(n * (n - 1) // 2)
    cert = _grid_cert(g, margin, pairs=int(ii.size), pairs_total=total,
                      complete=bool(ii.size == total), structural=family.c3_certificate(th))
    if viol[p, j] < 0:
        return AssumptionCheck("C3", False, "numeric", cert,
                               {"pair": [int(ii[p]), int(jj[p])], "s": float(s[p, j]),
                                "s_next": float(s[p, j + 1]), "A": float(A[p, j]),
                                "A_next": float(A[p, j + 1])}, tol)
    return AssumptionCheck("C3", True, "numeric", cert, None, tol)


# --------------------------------------------------------------------------------------------
def _cost_grid(e_grid: Any) -> np.ndarray:
    if e_grid is None:
        return np.unique(np.concatenate([np.linspace(0, 10, 401), np.logspace(-4, 4, 200)]))
    return _grid(e_grid, 0.0)


def check_strict_cost(cost: Cost, e_grid: Any = None, *, symbolic: bool = True
                      ) -> AssumptionCheck:
    """(S): ``c(e) > 0`` for every ``e > 0`` (spec 3.1).

    Symbolic when sympy decides the sign of ``c(e)`` for a positive symbol ``e``; numeric on
    ``e_grid`` (positive points) otherwise, with the witness ``e`` where ``c(e) = 0``.
    """
    if symbolic:
        import sympy as sp

        expr, e = cost.sympy_expr()
        ep = sp.Symbol("e", positive=True)
        ce = expr.subs(e, ep)
        cert = {"expression": str(expr), "condition": "c(e) > 0 for e > 0 (sympy)"}
        if ce.is_positive:
            return AssumptionCheck("S", True, "symbolic", cert)
        # c(0) = 0 and c' > 0 on (0, inf) also give c > 0 there
        if sp.simplify(expr.subs(e, 0)) == 0 and sp.diff(ce, ep).is_positive:
            cert["condition"] = "c(0) = 0 and c'(e) > 0 for e > 0 (sympy)"
            cert["derivative"] = str(sp.diff(ce, ep))
            return AssumptionCheck("S", True, "symbolic", cert)
    g = _cost_grid(e_grid)
    g = g[g > 0]
    c = cost(g)
    k = int(np.argmin(c))
    if c[k] <= 0:
        last = int(np.flatnonzero(c <= 0)[-1])
        return AssumptionCheck("S", False, "numeric", _grid_cert(g, c[k]),
                               {"e": float(g[last]), "cost": float(c[last]),
                                "note": "c vanishes on (0, e]: (S) fails"})
    return AssumptionCheck("S", True, "numeric", _grid_cert(g, c[k]))


def check_convexity(cost: Cost, e_grid: Any = None, *, tol: float = 1e-12,
                    symbolic: bool = True) -> AssumptionCheck:
    """Convexity of ``c`` (Assumption 4.1): ``c'' >= 0`` symbolically when sympy decides it,
    otherwise non-decreasing chord slopes on ``e_grid`` (within ``tol``)."""
    if symbolic:
        import sympy as sp

        expr, e = cost.sympy_expr()
        ep = sp.Symbol("e", positive=True)
        d2 = sp.simplify(sp.diff(expr.subs(e, ep), ep, 2))
        nonneg = d2.is_nonnegative
        if nonneg is not None:
            cert = {"expression": str(expr), "second_derivative": str(d2)}
            if nonneg:
                return AssumptionCheck("convexity", True, "symbolic", cert, None, tol)
            return AssumptionCheck("convexity", False, "symbolic", cert,
                                   {"second_derivative": str(d2)}, tol)
    g = _cost_grid(e_grid)
    with np.errstate(over="ignore", invalid="ignore"):
        c = cost(g)
    g, c = g[np.isfinite(c)], c[np.isfinite(c)]
    slope = np.diff(c) / np.diff(g)
    inc = np.diff(slope)
    k = int(np.argmin(inc))
    if inc[k] < -tol * max(1.0, float(np.abs(slope).max())):
        return AssumptionCheck("convexity", False, "numeric", _grid_cert(g, inc[k]),
                               {"e": float(g[k + 1]), "slope_left": float(slope[k]),
                                "slope_right": float(slope[k + 1])}, tol)
    return AssumptionCheck("convexity", True, "numeric", _grid_cert(g, inc[k]), None, tol)


def check_all(family: ScoreFamily, theta: Any, cost: Cost, *, x_grid: Any = None,
              tol: float = 1e-6) -> dict[str, AssumptionCheck]:
    """All five checks, keyed ``C1``, ``C2``, ``C3``, ``convexity``, ``S``."""
    return {"C1": check_c1(family, theta, x_grid),
            "C2": check_c2(family, theta, x_grid),
            "C3": check_c3(family, theta, x_grid, tol=tol),
            "convexity": check_convexity(cost),
            "S": check_strict_cost(cost)}
