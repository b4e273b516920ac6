"""Named contests for the leaderboard claims: the worked examples of the reproduction audit
and the fixed counterexamples (Chen, Zhang, Hardt 2026, arXiv:2603.08371).

By what they are:

* :func:`substitutes_two_developers`: ``v = 1 - exp(-(theta + x))``, linear cost; no pure
  equilibrium with the prize ``R = (1, 0)``;
* :func:`flat_cost_equal_rewards` and :func:`flat_cost_small_prize`: the flat-start cost
  ``max(e - 1, 0)^2`` breaks the strict-cost condition (S), and with it Proposition 4.3 and
  Theorem 4.6 as literally stated;
* :func:`never_stabilizing_logit`: ``v = 1 - 1/(2 + x + theta)``, a logit with per-model lower
  bounds whose catch-up effort is constant in Delta, against Proposition 5.6 as literally stated;
  :func:`stabilizing_logit` is the common-bounds contrast;
* :func:`steep_capped_low_model`: C3 fails (the low model's learning curve is steep and capped
  just below the middle one), so the adjacent conditions no longer suffice;
* :func:`crossing_learning_curves`: C1 fails (common ceiling, the lower model's curve steeper).

Random generators, meeting or breaking the hypotheses, are in
:mod:`benchgame.proofs_check.claims.leaderboard.generators`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from benchgame.games.leaderboard import (
    Contest,
    FlatStartCost,
    GeneralizedLogit,
    PiecewiseLinearConcave,
    PowerCost,
    Substitutes,
    TuneBeforeTest,
    adjacent_catch_up,
)

__all__ = [
    "crossing_learning_curves",
    "flat_cost_equal_rewards",
    "flat_cost_small_prize",
    "never_stabilizing_logit",
    "stabilizing_logit",
    "steep_capped_low_model",
    "substitutes_two_developers",
]


# --------------------------------------------------------------------------------------------
# worked examples of the reproduction audit
# --------------------------------------------------------------------------------------------

def substitutes_two_developers(rewards: Any = (1.0, 0.0), delta: float = 0.0) -> Contest:
    """Two developers with substitutes learning curves and a linear cost.

    ``theta = (1, 0.5)``, ``v(theta, x) = 1 - exp(-(theta + x))``, ``c(e) = e``, capability ties.
    With ``R = (1, 0)`` the low developer overtakes at effort 0.5, cheaper than the prize, so
    there is no pure equilibrium; with ``R = (0.25, 0)`` zero effort is the unique one.

    Parameters
    ----------
    rewards : sequence of float
        Rank rewards ``R_1 >= R_2``.
    delta : float
        Tune-before-test level.

    Returns
    -------
    Contest
        The contest.

    References
    ----------
    Chen, Zhang, Hardt (2026), Leaderboard Incentives, arXiv:2603.08371, Theorem 4.6(b).

    Examples
    --------
    >>> from benchgame.games.leaderboard import analyze_pure
    >>> analyze_pure(substitutes_two_developers()).status
    'none'
    >>> analyze_pure(substitutes_two_developers([0.25, 0.0])).status
    'unique'
    """
    return Contest([1.0, 0.5], Substitutes(), PowerCost(1.0, 1.0), rewards, TuneBeforeTest(delta))


def flat_cost_equal_rewards(linear: bool = False) -> Contest:
    """Two substitutes developers, flat-start cost ``max(e - 1, 0)^2`` and equal rewards (1, 1).

    The profile ``(0, 0.75)`` is a pure equilibrium that ranks the less capable developer first,
    against Proposition 4.3 as literally stated. With ``linear`` the cost is ``c(e) = e`` (strict)
    and that profile is no equilibrium.

    Parameters
    ----------
    linear : bool
        Use the strict cost ``c(e) = e`` instead.

    Returns
    -------
    Contest
        The contest.

    References
    ----------
    Chen, Zhang, Hardt (2026), Leaderboard Incentives, arXiv:2603.08371, Proposition 4.3.

    Examples
    --------
    >>> from benchgame.games.leaderboard import pne_test
    >>> pne_test(flat_cost_equal_rewards(), [0.0, 0.75]).is_equilibrium
    True
    >>> pne_test(flat_cost_equal_rewards(linear=True), [0.0, 0.75]).is_equilibrium
    False
    """
    cost = PowerCost(1.0, 1.0) if linear else FlatStartCost(1.0, 2.0)
    return Contest([1.0, 0.5], Substitutes(), cost, [1.0, 1.0])


def flat_cost_small_prize(linear: bool = False, delta: float = 0.0) -> Contest:
    """Two substitutes developers, flat-start cost ``max(e - 1, 0)^2`` and the prize (0.1, 0).

    The just-overtake effort costs nothing (J = 0 < 0.1), yet ``(1, 1)`` and ``(1, 0)`` are pure
    equilibria at every tune-before-test level, against Theorem 4.6(a) and (b) as literally stated.
    With ``linear`` (``c(e) = e``) zero effort is the unique equilibrium.

    Parameters
    ----------
    linear : bool
        Use the strict cost ``c(e) = e`` instead.
    delta : float
        Tune-before-test level (it cancels: scores depend on ``theta + delta + e``).

    Returns
    -------
    Contest
        The contest.

    References
    ----------
    Chen, Zhang, Hardt (2026), Leaderboard Incentives, arXiv:2603.08371, Theorem 4.6.

    Examples
    --------
    >>> from benchgame.games.leaderboard import pne_test
    >>> pne_test(flat_cost_small_prize(delta=5.0), [1.0, 1.0]).is_equilibrium
    True
    """
    cost = PowerCost(1.0, 1.0) if linear else FlatStartCost(1.0, 2.0)
    return Contest([1.0, 0.5], Substitutes(), cost, [0.1, 0.0], TuneBeforeTest(delta))


def never_stabilizing_logit(gap: float = 2.0, theta: tuple[float, float] = (1.0, 0.0)
                            ) -> Contest:
    """Two developers with ``v = 1 - 1/(2 + x + theta)``: catch-up effort constant in Delta.

    Written in the generalized logit form with ``U = 1``, per-model lower bounds
    ``L = theta/(1 + theta)``, ``alpha = -log(1 + theta)``, ``beta = 1``; ``c(e) = e``. The catch-up
    effort is ``theta_h - theta_l`` at every Delta, so with a prize above it no tune-before-test
    level stabilizes the ranking, against Proposition 5.6 as literally stated.

    Parameters
    ----------
    gap : float
        Reward gap ``R_1 - R_2``.
    theta : tuple of float
        Capabilities ``(theta_h, theta_l)``.

    Returns
    -------
    Contest
        The contest.

    References
    ----------
    Chen, Zhang, Hardt (2026), Leaderboard Incentives, arXiv:2603.08371, Proposition 5.6.

    Examples
    --------
    >>> from benchgame.games.leaderboard import adjacent_catch_up
    >>> c = never_stabilizing_logit()
    >>> [round(float(adjacent_catch_up(c.at_level(d))[0]), 9) for d in (0.0, 10.0, 1e3)]
    [1.0, 1.0, 1.0]
    """
    th = np.asarray(theta, float)
    fam = GeneralizedLogit(th, -np.log1p(th), 1.0, th / (1 + th), 1.0)
    return Contest(th, fam, PowerCost(1.0, 1.0), [gap, 0.0])


def stabilizing_logit(gap: float = 2.0) -> Contest:
    """Two developers with ``v = sigma(alpha + log(1 + x))``, ``alpha = (log 2, 0)``, ``c(e) = e``.

    Common bounds: the catch-up effort is ``1 + Delta``, so the ranking stabilizes at
    ``Delta = gap - 1``.

    Parameters
    ----------
    gap : float
        Reward gap ``R_1 - R_2``.

    Returns
    -------
    Contest
        The contest.

    References
    ----------
    Chen, Zhang, Hardt (2026), Leaderboard Incentives, arXiv:2603.08371, Proposition 5.6.

    Examples
    --------
    >>> from benchgame.games.leaderboard import adjacent_catch_up
    >>> float(adjacent_catch_up(stabilizing_logit().at_level(1.0))[0])
    2.0
    """
    fam = GeneralizedLogit([1.0, 0.0], [np.log(2.0), 0.0], 1.0)
    return Contest([1.0, 0.0], fam, PowerCost(1.0, 1.0), [gap, 0.0])


# --------------------------------------------------------------------------------------------
# fixed counterexamples
# --------------------------------------------------------------------------------------------

def steep_capped_low_model(rng: np.random.Generator | None = None) -> Contest:
    """Three developers where C3 fails while C1, C2 and a strict linear cost hold.

    Default: ``v_1 = min(3 + x, 10)/10``, ``v_2 = min(2 + x, 9)/10``, ``v_3 = min(2x, 3.5)/10``,
    ``c(e) = e`` and rewards equal to the adjacent just-overtake costs, ``R = (2, 1, 0)``: every
    adjacent condition holds (tightly), yet the third developer jumps straight to rank 1 at cost
    1.5 < 2, so there is no pure equilibrium. With ``rng``, the same recipe with random numbers
    (the low model steep, capped just above the middle model's zero-effort score).

    Parameters
    ----------
    rng : numpy.random.Generator, optional
        Draw a random instance of the recipe instead of the fixed one.

    Returns
    -------
    Contest
        The contest (piecewise-linear concave scores, Delta = 0).

    References
    ----------
    Chen, Zhang, Hardt (2026), Leaderboard Incentives, arXiv:2603.08371, Assumption 4.2 (C3) and
    Theorem 4.6.

    Examples
    --------
    >>> from benchgame.games.leaderboard import pne_test
    >>> c = steep_capped_low_model()
    >>> [round(float(r), 9) for r in c.rewards.values]
    [2.0, 1.0, 0.0]
    >>> pne_test(c, [0.0, 0.0, 0.0]).is_equilibrium
    False
    """
    if rng is None:
        top, mid, slope, cap = 3.0, 2.0, 2.0, 3.5
    else:
        top = float(rng.uniform(2.5, 4.0))
        mid = top - float(rng.uniform(0.8, 1.2))
        slope = float(rng.uniform(1.5, 3.0))
        cap = mid + float(rng.uniform(1.2, 1.8))
    kx = [[0.0, 10.0 - top], [0.0, 9.0 - mid], [0.0, cap / slope]]
    kv = [[top / 10, 1.0], [mid / 10, 0.9], [0.0, cap / 10]]
    fam = PiecewiseLinearConcave([3.0, 2.0, 1.0], kx, kv)
    base = Contest([3.0, 2.0, 1.0], fam, PowerCost(1.0, 1.0), [2.0, 1.0, 0.0])
    J = adjacent_catch_up(base)           # linear cost: J = e_req
    # gaps equal to the adjacent just-overtake costs: every adjacent condition holds (tight)
    return base.with_rewards(np.array([J[0] + J[1], J[1], 0.0]))


def crossing_learning_curves(delta: float = 10.0, gap: float = 0.5) -> Contest:
    """Two logit learning curves that cross: C1 fails and tune-before-test inverts the ranking.

    Common bounds ``L = 0``, ``U = 1``; ``(alpha, beta) = (1, 0.4)`` for the more capable
    developer and ``(0, 0.9)`` for the other, ``c(e) = e``. At Delta = 0 the zero-effort scores
    are 0.7311 > 0.5; at Delta = 10 they are 0.8764 < 0.8964.

    Parameters
    ----------
    delta : float
        Tune-before-test level.
    gap : float
        Reward gap ``R_1 - R_2``.

    Returns
    -------
    Contest
        The contest.

    References
    ----------
    Chen, Zhang, Hardt (2026), Leaderboard Incentives, arXiv:2603.08371, Assumption 4.2 (C1).

    Examples
    --------
    >>> [round(float(s), 4) for s in crossing_learning_curves(10.0).zero_scores()]
    [0.8764, 0.8964]
    """
    fam = GeneralizedLogit([1.0, 0.0], [1.0, 0.0], [0.4, 0.9])
    return Contest([1.0, 0.0], fam, PowerCost(1.0, 1.0), [gap, 0.0], TuneBeforeTest(delta))
