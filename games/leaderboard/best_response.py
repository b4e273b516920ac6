"""Exact best-response oracle of the leaderboard contest, without an effort grid.

Fix the others' efforts. For developer i and every opponent j, the catch-up thresholds give the
effort ``reach_j`` at which i ties j's score and ``exceed_j`` after which i is strictly above
(``reach_j <= exceed_j``, equal for strictly increasing curves). As a function of i's effort the
standing against j is: below on ``[0, reach_j)``, tied on ``[reach_j, exceed_j]``, above on
``(exceed_j, inf)``. Between consecutive thresholds the reward is constant and the cost
non-decreasing, so the supremum of ``u_i`` is the largest of

* the payoff *at* each threshold (attained), and
* the right limit just after each threshold (``R - c(p)``, approached but not attained).

The best response is attained iff some threshold point achieves the supremum; otherwise only an
epsilon-maximiser exists ("exceed by epsilon": the payoff jumps at every score tie, so the set of
best responses is often open). Cost: O(n log n) per developer.

Ties are decided in the training coordinate through the family's exact ``exceed_training``
(e.g. ``theta + x`` for substitutes), not by comparing rounded scores; the contest's ``tie_tol``
applies to :meth:`Contest.utilities` only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from benchgame.core.validation import require
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.thresholds import catch_up

__all__ = ["BestResponse", "best_response"]


@dataclass(frozen=True)
class BestResponse:
    """Result of the exact best-response oracle for one developer.

    Parameters
    ----------
    player : int
        0-based developer index.
    value : float
        ``sup_e u_i(e, e_-i)``.
    attained : bool
        Whether some effort achieves ``value``.
    effort : float
        The maximiser if attained, else the infimum effort ``p`` approached from the right.
    next_threshold : float
        Next threshold above ``effort`` (``inf`` if none): every effort in
        ``(effort, next_threshold)`` earns the same reward.
    reward : float
        Reward earned by the (epsilon-)best response.
    current : float
        ``u_i`` at the given profile (evaluated on the same exact thresholds).
    gap : float
        ``value - current >= 0``: the player's regret, the PNE certificate entry.
    cost_at_effort : float
        ``c(effort)``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6.
    """

    player: int
    value: float
    attained: bool
    effort: float
    next_threshold: float
    reward: float
    current: float
    gap: float
    cost_at_effort: float

    def epsilon_maximiser(self, contest: Contest, eps: float) -> float:
        """An effort whose payoff is within ``eps`` of ``value``.

        ``effort`` itself when the best response is attained, else a point of
        ``(effort, next_threshold)`` with ``c(e) <= c(effort) + eps``.
        """
        require(eps > 0, "eps", f"is {eps}", "use eps > 0")
        if self.attained:
            return self.effort
        hi = float(contest.cost.inverse(self.cost_at_effort + eps))
        cand = min(hi, self.effort + eps if np.isinf(self.next_threshold)
                   else 0.5 * (self.effort + self.next_threshold))
        if cand <= self.effort:      # cost jumps: fall back to the midpoint of the open piece
            cand = np.nextafter(self.effort, np.inf)
        return float(cand)

    def to_dict(self) -> dict:
        """The result as a JSON-ready dictionary."""
        return {k: (float(v) if isinstance(v, (float, np.floating)) else v)
                for k, v in self.__dict__.items()}


def _reward(contest: Contest, above: np.ndarray, tied: np.ndarray, win: np.ndarray
            ) -> np.ndarray:
    R = contest.rewards.values
    if contest.tie != "uniform":
        return R[above + win]
    cum = np.concatenate([[0.0], np.cumsum(R)])
    return (cum[above + tied + 1] - cum[above]) / (tied + 1)


def best_response(contest: Contest, efforts: Any, player: int, *, snap_tol: float = 1e-12
                  ) -> BestResponse:
    """Exact best response of ``player`` (0-based) to the others' efforts in ``efforts``.

    The supremum of the payoff is taken over the catch-up thresholds against every opponent and
    the right limits just after them (module docstring), so no grid is involved.

    Parameters
    ----------
    contest : Contest
        The contest.
    efforts : array_like, shape (n,)
        The effort profile; the player's own entry is used for the current payoff.
    player : int
        0-based index of the responding developer.
    snap_tol : float, default 1e-12
        A current effort within this relative distance of a catch-up threshold is read as equal
        to it.

    Returns
    -------
    BestResponse
        The supremum, whether it is attained, the (infimum) effort and the player's regret at
        the profile.

    Raises
    ------
    InputError
        If ``efforts`` is not one valid profile or ``player`` is out of range.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6 (the
    just-overtake deviation).

    Examples
    --------
    From the all-zero profile the weaker developer gains by exceeding the stronger one's score:
    the supremum ``1 - 0.5`` is approached from above effort 0.5 but not attained.

    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes, best_response
    >>> c = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> br = best_response(c, [0.0, 0.0], player=1)
    >>> br.value, br.attained, br.effort, br.gap
    (0.5, False, 0.5, 0.5)
    >>> round(br.epsilon_maximiser(c, 1e-3), 6)
    0.501
    """
    e = contest._efforts(efforts)
    require(e.ndim == 1, "efforts", "must be one profile of shape (n,)")
    n = contest.n
    i = int(player)
    require(0 <= i < n, "player", f"is {player}", f"use 0 <= player < {n}")
    others = np.delete(np.arange(n), i)
    reach = catch_up(contest, i, others, e[others], strict=False)
    exceed = catch_up(contest, i, others, e[others], strict=True)
    lo = np.where(exceed.ahead_at_zero, -1.0, reach.effort)
    hi = np.where(exceed.ahead_at_zero, -1.0, exceed.effort)
    hi = np.maximum(hi, lo)
    wins = contest._wins_tie()[i, others]

    thr = np.concatenate([[0.0], lo[lo >= 0], hi[hi >= 0]])
    thr = np.unique(thr[np.isfinite(thr)])
    # an effort equal to a threshold up to rounding is treated as exactly on it (the tie rule
    # then decides), so that profiles built from computed thresholds are read as intended
    near = int(np.argmin(np.abs(thr - e[i])))
    own = thr[near] if abs(thr[near] - e[i]) <= snap_tol * max(1.0, e[i]) else e[i]
    pts = np.unique(np.concatenate([thr, [own]]))

    lo_s, hi_s = np.sort(lo), np.sort(hi)
    lw, hw = np.sort(lo[wins]), np.sort(hi[wins])

    def counts(x: np.ndarray, right: bool) -> tuple[np.ndarray, ...]:
        above = lo.size - np.searchsorted(lo_s, x, side="right")          # lo_j > x
        below = np.searchsorted(hi_s, x, side="right" if right else "left")  # hi_j <(=) x
        tied = (n - 1) - above - below
        above_w = lw.size - np.searchsorted(lw, x, side="right")
        below_w = np.searchsorted(hw, x, side="right" if right else "left")
        tied_win = lw.size - above_w - below_w
        return above, tied, tied_win

    cost_pts = contest.cost(pts)
    at = _reward(contest, *counts(pts, right=False)) - cost_pts
    after = _reward(contest, *counts(pts, right=True)) - cost_pts
    best_at, best_after = int(np.argmax(at)), int(np.argmax(after))
    cur_idx = int(np.searchsorted(pts, own))
    current = float(at[cur_idx])
    # equal up to a few ulps of the payoff level: the supremum is attained
    attained = at[best_at] >= after[best_after] - 8 * np.spacing(
        max(1.0, abs(at[best_at]), abs(after[best_after])))
    k = best_at if attained else best_after
    value = float(at[k] if attained else after[k])
    reward = value + float(cost_pts[k])
    nxt = float(pts[k + 1]) if k + 1 < pts.size else float("inf")
    return BestResponse(i, value, bool(attained), float(pts[k]), nxt, reward, current,
                        max(value - current, 0.0), float(cost_pts[k]))
