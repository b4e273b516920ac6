"""The designer's side: tune-before-test curves, stabilizing thresholds and the Stackelberg
choice (spec 1.4, 3.6, 3.8 and 5.4).

* ``e_req_r(Delta)``: adjacent catch-up effort of developer r against r - 1 at level Delta;
  ``M(Delta) = min_r e_req_r(Delta)`` (the Figure 1 quantity).
* ``Delta*_r = inf{Delta >= 0 : J_r(Delta') >= G_r for all Delta' >= Delta}`` with
  ``J_r = c(e_req_r)`` and ``G_r = R_{r-1} - R_r``; ``Delta* = max_r Delta*_r`` [RECON].
  When monotonicity of ``e_req_r`` in Delta is certified (Prop 5.3: C3 and strictly increasing
  scores) ``Delta*_r`` is found by vectorized bisection; otherwise by a scan of a Delta grid,
  reported as not certified.
* Each pair stabilizes by *infeasibility* (``U(theta_r) <= a_{r-1}(Delta)``, ``e_req = inf``) or by
  *growth* (``e_req`` grows until ``c(e_req) >= G_r``), or never (e.g. substitutes: ``e_req``
  constant in Delta).
* Logit closed forms (common bounds, spec 3.8): ``rho_r = exp((alpha_{r-1} - alpha_r)/beta_r)``,
  ``gamma_r = beta_r / beta_{r-1}``, ``lambda_r = G_r / kappa``,
  ``e_req_r(Delta) = rho_r (1 + Delta)^{1/gamma_r} - (1 + Delta)``, the Prop 5.6 (corrected)
  bound ``Delta*_r <= max(0, (lambda_r / e_req_r(0))^{gamma_r} - 1)`` and the exact ``Delta*_r`` for
  ``c = kappa e``.
* :func:`designer_choice`: ``Delta_opt = min{Delta : unique PNE ranking by capability}`` [RECON],
  or "none exists" with the pairs that never stabilize.

The level Delta is the protocol's ``level`` (``Protocol.at_level``); infeasibility levels assume
the protocol's base training equals Delta (tune-before-test and the effort cap) [RECON].
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from scipy.optimize import brentq

from benchgame.core.validation import as_finite_array, require
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.costs import LinearQuadraticCost, PowerCost
from benchgame.games.leaderboard.pure_analysis import PureAnalysis, analyze_pure
from benchgame.games.leaderboard.score_families import GeneralizedLogit

__all__ = [
    "DesignerChoice",
    "LogitClosedForm",
    "PairThreshold",
    "StabilizingThreshold",
    "designer_choice",
    "e_req_curves",
    "e_req_at_levels",
    "logit_closed_form",
    "min_catch_up_curve",
    "stabilizing_threshold",
]

DEFAULT_DELTA_MAX = 1e12


def e_req_at_levels(contest: Contest, r: Any, levels: Any) -> np.ndarray:
    """``e_req`` of developer(s) ``r`` (0-based, r >= 1, against r - 1) at levels ``levels``
    (broadcast): ``inf{e : v(theta_r, x_Delta(e)) > v(theta_{r-1}, x_Delta(0))}``."""
    r = np.asarray(r, dtype=int)
    require(bool(np.all((r >= 1) & (r < contest.n))), "r", "must be in 1..n-1 (0-based)")
    d = as_finite_array(levels, "delta", nonnegative=True, allow_empty=True)
    th, fam, proto = contest.theta, contest.family, contest.protocol
    x0 = proto.effective_training_at(0.0, d)
    X = fam.exceed_training(th[r], th[r - 1], x0, strict=True)
    return np.where(X < x0, 0.0, proto.min_effort_exceeding_at(X, d))


def e_req_curves(contest: Contest, deltas: Any) -> np.ndarray:
    """``e_req_r(Delta)`` for every Delta in ``deltas`` and r = 2..n: shape (len(deltas), n-1);
    column ``j`` is developer ``j + 1`` catching developer ``j``."""
    d = as_finite_array(deltas, "deltas", ndim=1, nonnegative=True)
    r = np.arange(1, contest.n)
    return e_req_at_levels(contest, r[None, :], d[:, None])


def min_catch_up_curve(contest: Contest, deltas: Any) -> np.ndarray:
    """``M(Delta) = min_r e_req_r(Delta)`` (Figure 1, right panel)."""
    return e_req_curves(contest, deltas).min(axis=1)


Mechanism = Literal["already", "infeasibility", "growth", "never"]


@dataclass(frozen=True)
class PairThreshold:
    """Stabilizing threshold of the adjacent pair (r - 1, r), r 0-based (r >= 1).

    Attributes
    ----------
    r : int
    delta_star : float
        ``Delta*_r`` (``inf`` when the pair never stabilizes up to ``delta_max``).
    mechanism : {"already", "infeasibility", "growth", "never"}
    delta_infeasible : float
        ``Delta_inf,r = inf{Delta : v(theta_{r-1}, Delta) >= U(theta_r)}`` (``inf`` if never).
    e_req_at_zero, reward_gap : float
    reason : str
    monotone_on_grid : bool
        Whether ``e_req_r`` was non-decreasing on the Delta grid evaluated (Prop 5.3 check; a
        False flags a C3 failure).
    """

    r: int
    delta_star: float
    mechanism: Mechanism
    delta_infeasible: float
    e_req_at_zero: float
    reward_gap: float
    reason: str
    monotone_on_grid: bool = True

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class StabilizingThreshold:
    """``Delta* = max_r Delta*_r`` with the per-pair details.

    ``monotone_certified``: Prop 5.3's hypotheses certified (C3 and strictly increasing scores),
    so the bisection is exact; otherwise ``method == "scan"`` on ``scan_grid`` points.
    """

    delta_star: float
    pairs: tuple[PairThreshold, ...]
    monotone_certified: bool
    method: str
    delta_max: float

    @property
    def never(self) -> tuple[PairThreshold, ...]:
        return tuple(p for p in self.pairs if p.mechanism == "never")

    def to_dict(self) -> dict:
        return {"delta_star": self.delta_star, "pairs": [p.to_dict() for p in self.pairs],
                "monotone_certified": self.monotone_certified, "method": self.method,
                "delta_max": self.delta_max}


def _ok(contest: Contest, r: np.ndarray, d: np.ndarray, atol: float) -> tuple[np.ndarray, ...]:
    e = e_req_at_levels(contest, r, d)
    fin = np.isfinite(e)
    J = np.where(fin, contest.cost(np.where(fin, e, 0.0)), np.inf)
    G = contest.rewards.gaps[r - 1]
    return J >= G - atol * np.maximum(1.0, np.abs(G)), e


def stabilizing_threshold(contest: Contest, *, delta_max: float = DEFAULT_DELTA_MAX,
                          tol: float = 1e-9, monotone: bool | None = None,
                          scan_points: int = 400) -> StabilizingThreshold:
    """``Delta*_r`` for every adjacent pair and ``Delta* = max_r Delta*_r`` (spec 5.4).

    Parameters
    ----------
    contest : Contest
        Its protocol supplies the family of levels through ``at_level``.
    delta_max : float
        Largest level searched (pairs not stable by then are reported as ``never``).
    tol : float
        Relative tolerance on ``J_r >= G_r`` and on the bisection.
    monotone : bool or None
        Override the monotonicity certificate (None: C3 certificate of the family and strictly
        increasing scores).
    scan_points : int
        Levels of the geometric scan used when monotonicity is not certified.
    """
    n = contest.n
    r = np.arange(1, n)
    atol = tol
    if monotone is None:
        monotone = bool(contest.family.c3_certificate(contest.theta)
                        and contest.family.strictly_increasing(contest.theta))
    G = contest.rewards.gaps
    e0 = e_req_at_levels(contest, r, 0.0)
    grid = np.concatenate([[0.0], np.geomspace(1e-6, delta_max, 19 * 12 + 1)])
    if not monotone:
        grid = np.unique(np.concatenate([grid, np.geomspace(1e-3, delta_max, scan_points)]))
    okg, eg = _ok(contest, r[None, :], grid[:, None], atol)           # (levels, pairs)
    if monotone:
        first = np.where(okg.any(axis=0), np.argmax(okg, axis=0), -1)
    else:
        # first grid index after which every grid level is stable
        tail_ok = np.flip(np.logical_and.accumulate(np.flip(okg, axis=0), axis=0), axis=0)
        first = np.where(tail_ok.any(axis=0), np.argmax(tail_ok, axis=0), -1)
    lo = np.where(first > 0, grid[np.maximum(first - 1, 0)], 0.0)
    hi = np.where(first >= 0, grid[np.maximum(first, 0)], np.inf)
    active = first > 0
    for _ in range(200):
        if not np.any(active):
            break
        mid = 0.5 * (lo + hi)
        okm, _ = _ok(contest, r, np.where(active, mid, 0.0), 0.0)
        hi = np.where(active & okm, mid, hi)
        lo = np.where(active & ~okm, mid, lo)
        active = active & (hi - lo > 1e-14 * np.maximum(1.0, hi))
    dstar = np.where(first == 0, 0.0, hi)
    # infeasibility level: a_{r-1}(Delta) >= U(theta_r)
    th = contest.theta
    d_inf = contest.family.inverse(th[r - 1], contest.family.ceiling(th[r]), strict=False)
    e_after = e_req_at_levels(contest, r, np.where(np.isfinite(dstar), dstar, 0.0)
                              * (1 + 1e-9) + 1e-12)
    with np.errstate(invalid="ignore"):
        mono_grid = np.all((eg[1:] >= eg[:-1] * (1 - 1e-9) - 1e-12) | np.isinf(eg[1:]), axis=0)
    pairs = []
    for j, rr in enumerate(r):
        if first[j] == 0:
            mech, why = "already", "J_r(0) >= G_r"
        elif first[j] < 0:
            e_end = eg[-1, j]
            grows = np.isfinite(e_end) and e_end > e0[j] * (1 + 1e-6) + 1e-12
            why = (f"J_r stays below G_r = {G[j]:.6g} up to Delta = {delta_max:.3g}" if grows
                   else f"e_req_r does not grow with Delta (e_req(0) = {e0[j]:.6g}, "
                        f"e_req({delta_max:.3g}) = {e_end:.6g}): c(e_req) < G_r for every Delta")
            mech = "never"
        else:
            mech = "infeasibility" if not np.isfinite(e_after[j]) else "growth"
            why = ("catch-up becomes infeasible: a_{r-1}(Delta) >= U(theta_r)"
                   if mech == "infeasibility" else "e_req_r grows until c(e_req_r) >= G_r")
        if not mono_grid[j]:
            why += ("; e_req_r decreases somewhere on the Delta grid (C3 fails: no Prop 5.3 "
                    "monotonicity)")
        pairs.append(PairThreshold(int(rr), float(dstar[j]) if mech != "never" else np.inf,
                                   mech, float(d_inf[j]), float(e0[j]), float(G[j]), why,
                                   bool(mono_grid[j])))
    total = max((p.delta_star for p in pairs), default=0.0)
    method = "bisection (monotone by Prop 5.3)" if monotone else (
        f"scan of {grid.size} levels + bisection of the last crossing (monotonicity not "
        "certified)")
    return StabilizingThreshold(float(total), tuple(pairs), bool(monotone), method,
                                float(delta_max))


@dataclass(frozen=True)
class LogitClosedForm:
    """Spec 3.8 quantities per adjacent pair (arrays of length n - 1, pair j = (j, j + 1)).

    ``bound`` is the corrected Prop 5.6 bound ``max(0, (lambda/e_req(0))^gamma - 1)`` (needs
    ``gamma <= 1``); ``delta_star_exact`` is the exact threshold for a linear cost ``kappa e``
    (NaN entries where the cost is not linear: not computed).
    """

    rho: np.ndarray
    gamma: np.ndarray
    lam: np.ndarray
    kappa: float
    e_req_zero: np.ndarray
    bound: np.ndarray
    delta_star_exact: np.ndarray | None

    def e_req(self, delta: Any) -> np.ndarray:
        """``rho (1 + Delta)^{1/gamma} - (1 + Delta)`` (shape broadcast of delta x pairs)."""
        y = 1.0 + np.asarray(delta, float)[..., None]
        return self.rho * y ** (1.0 / self.gamma) - y


def _linear_kappa(contest: Contest) -> tuple[float, bool]:
    c = contest.cost
    if isinstance(c, PowerCost):
        return (c.kappa, True) if c.p == 1 else (float("nan"), False)
    if isinstance(c, LinearQuadraticCost) and c.kappa > 0:
        return c.kappa, c.mu == 0
    return float("nan"), False


def logit_closed_form(contest: Contest, kappa: float | None = None) -> LogitClosedForm:
    """Closed forms of spec 3.8 for a generalized-logit family with common bounds under
    tune-before-test, and a cost with ``c(e) >= kappa e`` (``kappa`` read from a linear or
    power-1 / linear-quadratic cost, or given)."""
    fam = contest.family
    require(isinstance(fam, GeneralizedLogit), "family", "is not a GeneralizedLogit",
            "the closed forms of spec 3.8 are for the generalized logit family")
    a, b, lo, up = fam.params(contest.theta)
    require(bool(np.ptp(lo) == 0 and np.ptp(up) == 0), "family",
            "has per-model bounds", "the closed forms need common bounds L, U")
    k_lin, linear = _linear_kappa(contest)
    if kappa is None:
        require(np.isfinite(k_lin), "kappa", "cannot be read from this cost",
                "pass kappa with c(e) >= kappa e")
        kappa = k_lin
    require(kappa > 0, "kappa", f"is {kappa}", "use kappa > 0")
    rho = np.exp((a[:-1] - a[1:]) / b[1:])
    gamma = b[1:] / b[:-1]
    lam = contest.rewards.gaps / kappa
    e0 = rho - 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        bound = np.where(e0 > 0, np.maximum(0.0, (lam / e0) ** gamma - 1.0), np.inf)
    exact = None
    if linear:
        exact = np.full(rho.size, np.nan)
        for j in range(rho.size):
            def f(y: float, j: int = j) -> float:
                return rho[j] * y ** (1.0 / gamma[j]) - y - lam[j]
            if f(1.0) >= 0:
                exact[j] = 0.0
            elif gamma[j] == 1.0 and rho[j] > 1:
                exact[j] = lam[j] / (rho[j] - 1.0) - 1.0
            elif rho[j] > 1 and gamma[j] < 1:
                hi = 2.0
                while f(hi) < 0:
                    hi *= 2.0
                exact[j] = brentq(f, 1.0, hi, xtol=1e-14, rtol=1e-15) - 1.0
            else:
                exact[j] = np.inf
    return LogitClosedForm(rho, gamma, lam, float(kappa), e0, bound, exact)


@dataclass(frozen=True)
class DesignerChoice:
    """The designer's Stackelberg choice [RECON]:
    ``Delta_opt = min{Delta >= 0 : G(Delta) has a unique PNE and it ranks by capability}``.

    ``delta`` is None when no such level exists (``never`` lists the pairs that never stabilize)
    or when it cannot be certified (``reason`` says why).
    """

    delta: float | None
    exists: bool | None
    analysis: PureAnalysis | None
    threshold: StabilizingThreshold
    never: tuple[PairThreshold, ...]
    reason: str

    def to_dict(self) -> dict:
        return {"delta": self.delta, "exists": self.exists,
                "analysis": None if self.analysis is None else self.analysis.to_dict(),
                "threshold": self.threshold.to_dict(),
                "never": [p.to_dict() for p in self.never], "reason": self.reason}


def designer_choice(contest: Contest, *, delta_max: float = DEFAULT_DELTA_MAX,
                    tol: float = 1e-9, monotone: bool | None = None,
                    c3: str | bool | None = None) -> DesignerChoice:
    """Smallest level with a unique PNE ranking by capability, or "none exists".

    Under (S), capability ties, convex cost, C3 and C1 the set of such levels is
    ``[Delta*, inf)`` (Prop 5.3 corrected + Theorem 4.6 corrected), so the answer is ``Delta*``,
    confirmed by :func:`analyze_pure` at that level. ``monotone`` and ``c3`` pass certificates
    from the assumption checkers (default: the family's structural certificates).
    """
    st = stabilizing_threshold(contest, delta_max=delta_max, tol=tol, monotone=monotone)
    if not st.monotone_certified:
        return _choice_by_scan(contest, st, delta_max, tol, c3)
    if st.never:
        return DesignerChoice(None, False, None, st, st.never,
                              f"{len(st.never)} adjacent pair(s) never stabilize: "
                              + "; ".join(f"r={p.r}: {p.reason}" for p in st.never))
    level = st.delta_star
    # evaluate just above the threshold: J_r >= G_r holds there with no rounding ambiguity
    probe = level * (1 + 10 * tol) + (tol if level > 0 else 0.0)
    res = analyze_pure(contest.at_level(probe), tol, c3=c3)
    if res.status == "unique" and res.ranks_by_capability:
        cert = ("" if st.monotone_certified else
                " (monotonicity not certified: found by scan, levels above were sampled only)")
        return DesignerChoice(level, True, res, st, (),
                              f"unique PNE (all-zero) ranking by capability for Delta >= "
                              f"{level:.6g}{cert}")
    if res.status == "undecided":
        return DesignerChoice(None, None, res, st, (), "cannot certify the equilibrium at "
                              f"Delta* = {level:.6g}: {res.reason}")
    return DesignerChoice(None, False, res, st, (),
                          f"at Delta* = {level:.6g} a non-adjacent pair still overtakes "
                          f"({res.reason}); C3 fails, adjacent thresholds do not suffice")


def _stable_at(contest: Contest, level: float, tol: float, c3: str | bool | None
               ) -> tuple[bool, PureAnalysis]:
    res = analyze_pure(contest.at_level(level), tol, c3=c3)
    return res.status == "unique" and bool(res.ranks_by_capability), res


def _choice_by_scan(contest: Contest, st: StabilizingThreshold, delta_max: float, tol: float,
                    c3: str | bool | None) -> DesignerChoice:
    """Without the Prop 5.3 certificate the stable levels need not form an up-set: scan a
    Delta grid for the first stable level, then bisect against the previous grid level."""
    grid = np.concatenate([[0.0], np.geomspace(1e-3, delta_max, 400)])
    prev = None
    for level in grid:
        ok, res = _stable_at(contest, float(level), tol, c3)
        if ok:
            lo, hi = (float(prev), float(level)) if prev is not None else (0.0, 0.0)
            while hi - lo > 1e-12 * max(1.0, hi):
                mid = 0.5 * (lo + hi)
                if _stable_at(contest, mid, tol, c3)[0]:
                    hi = mid
                else:
                    lo = mid
            ok_hi, res_hi = _stable_at(contest, hi, tol, c3)
            return DesignerChoice(hi, True, res_hi if ok_hi else res, st, (),
                                  f"unique PNE ranking by capability at Delta = {hi:.6g}, the "
                                  "first such level found by a scan of the Delta grid "
                                  "(monotonicity not certified: smaller stable levels between "
                                  "grid points and instability above are not excluded)")
        prev = level
    return DesignerChoice(None, False, None, st, st.never,
                          f"no level in [0, {delta_max:.3g}] (scan of {grid.size} levels) has a "
                          "unique PNE ranking by capability"
                          + ("; never-stabilizing pairs: " + "; ".join(
                              f"r={p.r}: {p.reason}" for p in st.never) if st.never else ""))
