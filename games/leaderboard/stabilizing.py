"""Stabilizing thresholds of tune-before-test: the smallest level that makes each pair stable.

For the adjacent pair (r - 1, r), with ``J_r(Delta) = c(e_req_r(Delta))`` the just-overtake cost
and ``G_r = R_{r-1} - R_r`` the reward gap,

    Delta*_r = inf{Delta >= 0 : J_r(Delta') >= G_r for all Delta' >= Delta},
    Delta* = max_r Delta*_r

(the paper speaks of a pairwise stabilizing threshold; the maximum over pairs is a
reconstruction). When ``e_req_r`` is certified non-decreasing in Delta (Chen, Zhang and Hardt
2026, Proposition 5.3: C3 and strictly increasing scores) ``Delta*_r`` is found by vectorized
bisection; otherwise by a scan of a Delta grid, reported as not certified.

Each pair stabilizes by *infeasibility* (``U(theta_r) <= a_{r-1}(Delta)``, ``e_req = inf``), by
*growth* (``e_req`` grows until ``c(e_req) >= G_r``), or never (e.g. substitutes: ``e_req``
constant in Delta). Infeasibility levels assume the protocol's base training equals Delta
(tune-before-test and the effort cap).

No threshold is reported without a certificate. Comparisons ``J_r >= G_r`` count only outside
their rounding bound (:mod:`~benchgame.games.leaderboard.margins`), which grows with Delta as
``e_req = x - Delta`` loses digits: a finite ``Delta*_r`` comes with a bracket of a certified
unstable and a certified stable level, ``never`` means certified unstable at ``delta_max``, and
a pair that cannot be resolved is ``undecided`` (``Delta* = nan``) with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from benchgame.games.leaderboard.catch_up_curves import e_req_at_levels
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.margins import classify_margins, settle_near_ties

__all__ = ["PairThreshold", "StabilizingThreshold", "stabilizing_threshold"]

DEFAULT_DELTA_MAX = 1e12
"""Largest tune-before-test level searched by default."""


Mechanism = Literal["already", "infeasibility", "growth", "never", "undecided"]


@dataclass(frozen=True)
class PairThreshold:
    """Stabilizing threshold of the adjacent pair (r - 1, r), r 0-based (r >= 1).

    Parameters
    ----------
    r : int
        0-based index of the lower developer of the pair.
    delta_star : float
        ``Delta*_r`` (``inf`` when the pair never stabilizes up to ``delta_max``, ``nan`` when
        undecided).
    mechanism : {"already", "infeasibility", "growth", "never", "undecided"}
        Stable at level 0 already, by infeasible catch-up, by growth of ``e_req_r``, never
        (certified unstable at ``delta_max``), or undecided (no level is certified stable and
        at the top of the search ``J_r`` and ``G_r`` cannot be told apart in floating point).
    delta_infeasible : float
        ``Delta_inf,r = inf{Delta : v(theta_{r-1}, Delta) >= U(theta_r)}`` (``inf`` if never).
    e_req_at_zero : float
        ``e_req_r(0)``.
    reward_gap : float
        ``G_r = R_{r-1} - R_r``.
    reason : str
        The mechanism in words.
    monotone_on_grid : bool, default True
        Whether ``e_req_r`` was non-decreasing on the Delta grid evaluated, up to its rounding
        bound (the monotonicity of Proposition 5.3; False flags a C3 failure).
    bracket : tuple of float or None, optional
        The certificate of a finite ``delta_star``: ``(lo, hi)`` with ``J_r < G_r`` certified
        at ``lo`` (or ``lo = 0`` with no certified unstable level), ``J_r >= G_r`` certified at
        ``hi``, and ``lo <= delta_star <= hi``; None when ``delta_star`` is not finite.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Proposition 5.3 and
    Proposition 5.6.
    """

    r: int
    delta_star: float
    mechanism: Mechanism
    delta_infeasible: float
    e_req_at_zero: float
    reward_gap: float
    reason: str
    monotone_on_grid: bool = True
    bracket: tuple[float, float] | None = None

    def to_dict(self) -> dict:
        """The pair's threshold as a JSON-ready dictionary."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class StabilizingThreshold:
    """``Delta* = max_r Delta*_r`` with the per-pair details.

    Parameters
    ----------
    delta_star : float
        ``Delta*`` (``inf`` when some pair never stabilizes, else ``nan`` when some pair is
        undecided).
    pairs : tuple of PairThreshold
        One entry per adjacent pair.
    monotone_certified : bool
        Whether the hypotheses of Proposition 5.3 (C3 and strictly increasing scores) were
        certified, so that the bisection is exact; otherwise the levels were scanned.
    method : str
        ``bisection ...`` or ``scan of ...``.
    delta_max : float
        Largest level searched.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Proposition 5.3 and
    Proposition 5.6.
    """

    delta_star: float
    pairs: tuple[PairThreshold, ...]
    monotone_certified: bool
    method: str
    delta_max: float

    @property
    def never(self) -> tuple[PairThreshold, ...]:
        """The pairs that never stabilize up to ``delta_max``."""
        return tuple(p for p in self.pairs if p.mechanism == "never")

    @property
    def undecided(self) -> tuple[PairThreshold, ...]:
        """The pairs whose threshold could not be certified (see their ``reason``)."""
        return tuple(p for p in self.pairs if p.mechanism == "undecided")

    def to_dict(self) -> dict:
        """The thresholds as a JSON-ready dictionary."""
        return {"delta_star": self.delta_star, "pairs": [p.to_dict() for p in self.pairs],
                "monotone_certified": self.monotone_certified, "method": self.method,
                "delta_max": self.delta_max}


def _states(contest: Contest, r: np.ndarray, d: np.ndarray, tol: float
            ) -> tuple[np.ndarray, ...]:
    """Certified states (1 stable, -1 unstable, 0 near tie), ``J``, ``G``, ``e_req`` and its
    error bound of the adjacent pairs ``r`` at levels ``d``."""
    e, err = e_req_at_levels(contest, r, d, with_error=True)
    G = contest.rewards.gaps[r - 1]
    state, J = classify_margins(contest.cost, e, err, G, tol)
    if np.any(state == 0):   # exact arithmetic, where available, does not depend on the level
        rb = np.broadcast_to(r, state.shape)
        state = settle_near_ties(contest, rb, rb - 1, state)[0]
    return state, J, np.broadcast_to(G, state.shape), e, err


_SCAN_BLOCK = 512
"""Pairs per block of the level scan: the temporaries of a block (levels x pairs) are reused from
block to block instead of mapping fresh memory for every pair at once."""


def _scan(contest: Contest, r: np.ndarray, grid: np.ndarray, tol: float
          ) -> tuple[np.ndarray, ...]:
    """:func:`_states` of the pairs ``r`` at every level of ``grid``, in blocks of pairs:
    states, ``e_req`` and its error bound, each of shape (levels, pairs)."""
    out: list[np.ndarray] = []
    for start in range(0, max(r.size, 1), _SCAN_BLOCK):
        pairs = slice(start, start + _SCAN_BLOCK)
        block = _states(contest, r[None, pairs], grid[:, None], tol)
        if not out:
            out = [np.empty((grid.size, r.size), dtype=block[k].dtype) for k in (0, 3, 4)]
        for arr, k in zip(out, (0, 3, 4), strict=True):
            arr[:, pairs] = block[k]
    return tuple(out)


def _bisect(contest: Contest, r: np.ndarray, lo: np.ndarray, hi: np.ndarray,
            active: np.ndarray, tol: float, pred: Callable[..., np.ndarray]
            ) -> tuple[np.ndarray, np.ndarray]:
    """Vectorized bisection keeping ``pred`` false at ``lo`` and true at ``hi``."""
    lo, hi, active = lo.copy(), hi.copy(), active.copy()
    for _ in range(200):
        if not np.any(active):
            break
        mid = 0.5 * (lo + hi)
        ok = pred(*_states(contest, r, np.where(active, mid, 0.0), tol)[:3])
        hi = np.where(active & ok, mid, hi)
        lo = np.where(active & ~ok, mid, lo)
        active = active & (hi - lo > 1e-14 * np.maximum(1.0, hi))
    return lo, hi


def _brackets(contest: Contest, r: np.ndarray, grid: np.ndarray, sg: np.ndarray,
              first: np.ndarray, tol: float) -> tuple[np.ndarray, ...]:
    """For pairs with a certified stable grid level ``first``: the smallest certified stable
    level ``hi``, the largest certified unstable level ``lo`` below it (0 where there is none:
    ``has_lo`` False) and the estimate of ``Delta*_r`` (float crossing ``J_r = G_r``) between."""
    found = first >= 0
    f = np.maximum(first, 0)
    hi0 = np.where(found, grid[f], 0.0)
    lo0 = np.where(first > 0, grid[np.maximum(f - 1, 0)], 0.0)
    _, hi = _bisect(contest, r, lo0, hi0, first > 0, tol, lambda st, J, G: st == 1)
    below = (sg == -1) & (np.arange(grid.size)[:, None] < f[None, :])
    has_lo = found & below.any(axis=0)
    last = grid.size - 1 - np.argmax(np.flip(below, axis=0), axis=0)
    lo, _ = _bisect(contest, r, np.where(has_lo, grid[last], 0.0), hi, has_lo, tol,
                    lambda st, J, G: st != -1)
    lo = np.where(has_lo, lo, 0.0)
    at_lo = _states(contest, r, lo, tol)
    cross_at_lo = at_lo[1] >= at_lo[2]
    _, est = _bisect(contest, r, lo, hi, (first > 0) & ~(~has_lo & cross_at_lo), tol,
                     lambda st, J, G: J >= G)
    est = np.where((first > 0) & ~has_lo & cross_at_lo, lo, est)
    return np.where(first == 0, 0.0, lo), np.where(first == 0, 0.0, hi), has_lo, \
        np.where(first == 0, 0.0, est)


def stabilizing_threshold(contest: Contest, *, delta_max: float = DEFAULT_DELTA_MAX,
                          tol: float = 1e-9, monotone: bool | None = None,
                          scan_points: int = 400) -> StabilizingThreshold:
    """``Delta*_r`` for every adjacent pair and ``Delta* = max_r Delta*_r``.

    A geometric grid of levels brackets the first stable level of each pair, which bisection
    then refines (module docstring). Every comparison ``J_r >= G_r`` is certified
    (:func:`~benchgame.games.leaderboard.margins.classify_margins`): the catch-up effort's
    rounding bound grows with Delta, so at levels where it swamps the margin the comparison is
    a near tie. A finite ``Delta*_r`` comes with its certificate ``bracket``; a pair with no
    certified stable level is ``never`` only when it is certified unstable at ``delta_max``,
    otherwise ``undecided``.

    Parameters
    ----------
    contest : Contest
        Its protocol supplies the family of levels through ``at_level``.
    delta_max : float, default 1e12
        Largest level searched (pairs certified unstable there are reported as ``never``).
    tol : float, default 1e-9
        Relative tolerance of ``J_r >= G_r``.
    monotone : bool or None, optional
        Override the monotonicity certificate (None: the protocol's
        ``monotone_certificate``, the C3 certificate of the family and strictly increasing
        scores; a protocol whose levels do not enter as ``x(e) = Delta + e`` is scanned).
    scan_points : int, default 400
        Levels of the geometric scan used when monotonicity is not certified.

    Returns
    -------
    StabilizingThreshold
        ``Delta*``, and per pair its threshold, mechanism and reason.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Proposition 5.3
    (stabilization is monotone in Delta) and Proposition 5.6 (a pairwise stabilizing threshold
    exists under the generalized logit form and grows polynomially in the reward gap).

    Examples
    --------
    Logit curves with odds ``2 (1 + x)`` and ``1 + x``: ``e_req(Delta) = 1 + Delta``, so with
    cost ``c(e) = e`` and a reward gap of 2 the pair is stable from Delta = 1 on:

    >>> import numpy as np
    >>> from benchgame.games.leaderboard import Contest, GeneralizedLogit, PowerCost
    >>> from benchgame.games.leaderboard import stabilizing_threshold
    >>> fam = GeneralizedLogit([1.0, 0.0], [np.log(2.0), 0.0], 1.0)
    >>> st = stabilizing_threshold(Contest([1.0, 0.0], fam, PowerCost(1.0), [2.0, 0.0]))
    >>> round(st.delta_star, 9), st.pairs[0].mechanism, st.monotone_certified
    (1.0, 'growth', True)
    """
    n = contest.n
    r = np.arange(1, n)
    if monotone is None:
        monotone = bool(contest.protocol.monotone_certificate is not None
                        and contest.family.c3_certificate(contest.theta)
                        and contest.family.strictly_increasing(contest.theta))
    G = contest.rewards.gaps
    e0 = e_req_at_levels(contest, r, 0.0)
    grid = np.concatenate([[0.0], np.geomspace(1e-6, delta_max, 19 * 12 + 1)])
    if not monotone:
        grid = np.unique(np.concatenate([grid, np.geomspace(1e-3, delta_max, scan_points)]))
    sg, eg, errg = _scan(contest, r, grid, tol)                            # (levels, pairs)
    if monotone:      # stable at one level => stable at every higher level (Prop 5.3)
        ok = sg == 1
    else:             # first grid level after which every grid level is certified stable
        ok = np.flip(np.logical_and.accumulate(np.flip(sg == 1, axis=0), axis=0), axis=0)
    first = np.where(ok.any(axis=0), np.argmax(ok, axis=0), -1)
    lo, hi, has_lo, dstar = _brackets(contest, r, grid, sg, first, tol)
    # infeasibility level: a_{r-1}(Delta) >= U(theta_r)
    th = contest.theta
    d_inf = contest.family.inverse(th[r - 1], contest.family.ceiling(th[r]), strict=False)
    e_after = e_req_at_levels(contest, r, np.where(first >= 0, dstar, 0.0) * (1 + 1e-9) + 1e-12)
    with np.errstate(invalid="ignore"):
        mono_grid = np.all((eg[1:] + errg[1:] + errg[:-1] >= eg[:-1] * (1 - 1e-9) - 1e-12)
                           | np.isinf(eg[1:]), axis=0)
    pairs = []
    for j, rr in enumerate(r):
        bracket = None
        if first[j] == 0:
            mech, why, ds = "already", "J_r(0) >= G_r", 0.0
            bracket = (0.0, 0.0)
        elif first[j] < 0 and sg[-1, j] == -1:
            e_end = eg[-1, j]
            grows = np.isfinite(e_end) and e_end > e0[j] * (1 + 1e-6) + 1e-12
            why = (f"J_r stays below G_r = {G[j]:.6g} up to Delta = {delta_max:.3g}" if grows
                   else f"e_req_r does not grow with Delta (e_req(0) = {e0[j]:.6g}, "
                        f"e_req({delta_max:.3g}) = {e_end:.6g}): c(e_req) < G_r for every Delta")
            mech, ds = "never", np.inf
        elif first[j] < 0:
            k = int(np.flatnonzero(sg[:, j] != -1)[0])
            why = (f"undecided: from Delta = {grid[k]:.6g} on, J_r and G_r = {G[j]:.6g} cannot be "
                   f"told apart (e_req = {eg[k, j]:.6g} with rounding bound {errg[k, j]:.3g}), "
                   f"and no level up to {delta_max:.3g} is certified stable")
            mech, ds = "undecided", np.nan
        else:
            mech = "infeasibility" if not np.isfinite(e_after[j]) else "growth"
            why = ("catch-up becomes infeasible: a_{r-1}(Delta) >= U(theta_r)"
                   if mech == "infeasibility" else "e_req_r grows until c(e_req_r) >= G_r")
            ds, bracket = float(dstar[j]), (float(lo[j]), float(hi[j]))
            why += (f"; certified: stable at Delta = {hi[j]:.10g}" + (
                f", unstable at Delta = {lo[j]:.10g}" if has_lo[j] else
                ", no certified unstable level below (near tie from Delta = 0)"))
        if not mono_grid[j]:
            why += ("; e_req_r decreases somewhere on the Delta grid (C3 fails: no Prop 5.3 "
                    "monotonicity)")
        pairs.append(PairThreshold(int(rr), float(ds), mech, float(d_inf[j]), float(e0[j]),
                                   float(G[j]), why, bool(mono_grid[j]), bracket))
    if any(p.mechanism == "never" for p in pairs):
        total = np.inf
    elif any(p.mechanism == "undecided" for p in pairs):
        total = np.nan
    else:
        total = max((p.delta_star for p in pairs), default=0.0)
    method = "bisection (monotone by Prop 5.3)" if monotone else (
        f"scan of {grid.size} levels + bisection of the last crossing (monotonicity not "
        "certified)")
    return StabilizingThreshold(float(total), tuple(pairs), bool(monotone), method,
                                float(delta_max))
