"""Random contests for the leaderboard claims (Chen, Zhang, Hardt 2026, arXiv:2603.08371).

Meeting the corrected hypotheses of Theorem 4.6 and Propositions 4.3, 5.3 and 5.6
(:func:`random_strict_contest`): sorted distinct capabilities (spacing at least 1e-3),
generalized logit learning curves with common bounds, ``alpha`` increasing and
``0.2 <= beta <= 1`` non-decreasing in theta, or with ceilings increasing in theta
(:func:`random_logit_family`), and strict costs ``kappa e^p``.

Breaking them:

* :func:`random_flat_cost_contest`: flat-start cost ``max(e - a, 0)^p``, the strict-cost condition
  (S) fails;
* :func:`random_never_stabilizing_logit`: per-model lower bounds, the catch-up effort is constant
  in the tune-before-test level Delta;
* :func:`random_shrinking_catch_up`: ``gamma > 1`` (the lower model's log-odds curve steeper), the
  catch-up effort eventually decreases in Delta.
"""

from __future__ import annotations

import numpy as np

from benchgame.games.leaderboard import (
    Contest,
    FlatStartCost,
    GeneralizedLogit,
    PowerCost,
    Substitutes,
    TuneBeforeTest,
    adjacent_catch_up,
)
from benchgame.proofs_check.claims.leaderboard.instances import never_stabilizing_logit

__all__ = [
    "random_flat_cost_contest",
    "random_logit_family",
    "random_never_stabilizing_logit",
    "random_shrinking_catch_up",
    "random_strict_contest",
]


def random_logit_family(rng: np.random.Generator, n: int, *, ceilings: bool = False
                        ) -> GeneralizedLogit:
    """Draw generalized logit learning curves meeting C1, C2 and C3.

    Capabilities are drawn in ``[0, 10]``, sorted decreasing with spacing at least 1e-3;
    ``alpha`` increases and ``beta`` (in ``[0.2, 1]``, which keeps v concave) does not decrease
    with capability. Bounds are common (``L`` in ``[0, 0.3]``, ``U`` in ``[0.7, 1]``) unless
    ``ceilings``, which draws ceilings ``U(theta)`` increasing in theta.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source.
    n : int
        Number of developers.
    ceilings : bool
        Per-model ceilings increasing in theta instead of a common ``U``.

    Returns
    -------
    GeneralizedLogit
        The score family; its ``capabilities`` are the drawn thetas.

    References
    ----------
    Chen, Zhang, Hardt (2026), Leaderboard Incentives, arXiv:2603.08371, Assumption 4.2 and
    Proposition 5.6 (generalized logit power-law form).

    Examples
    --------
    >>> fam = random_logit_family(np.random.default_rng(0), 3)
    >>> bool(np.all(np.diff(fam.capabilities) < 0))
    True
    """
    th = np.sort(rng.uniform(0, 10, n))[::-1]
    th = th - np.arange(n) * 1e-3      # keep spacing >= 1e-3
    alpha = np.sort(rng.uniform(-2, 2, n))[::-1] + np.linspace(0.05 * n, 0, n)
    beta = np.sort(rng.uniform(0.2, 1.0, n))[::-1]
    lower = rng.uniform(0, 0.3)
    if ceilings:
        upper = np.sort(rng.uniform(0.7, 1.0, n))[::-1] + np.linspace(1e-3 * n, 0, n)
        upper = np.minimum(upper, 1.0 - np.arange(n) * 1e-4)
        return GeneralizedLogit.with_ceilings(th, alpha, beta, upper, lower)
    return GeneralizedLogit(th, alpha, beta, lower, rng.uniform(0.7, 1.0))


def random_strict_contest(rng: np.random.Generator, n: int | None = None, *,
                          ceilings: bool | None = None, delta: float | None = None,
                          rewards: str = "random") -> Contest:
    """Draw a contest meeting (S), C1, C2 and C3, with ties going to the higher capability.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source.
    n : int, optional
        Number of developers (default: drawn in 2..6).
    ceilings : bool, optional
        Per-model ceilings increasing in theta (default: drawn).
    delta : float, optional
        Tune-before-test level (default: 0 with probability 1/4, else log-uniform on
        ``[1e-2, 1e4]``).
    rewards : {"random", "stable", "unstable"}
        ``"random"``: reward gaps in ``[0.05, 1]`` or zero; ``"stable"``: every adjacent gap
        ``G_r`` at most the just-overtake cost ``J_r``, so zero effort is the unique pure
        equilibrium; ``"unstable"``: some ``G_r > J_r``, so there is none.

    Returns
    -------
    Contest
        The contest, with strict cost ``kappa e^p`` (``kappa`` in ``[0.05, 2]``, ``p`` in
        ``[1, 3]``).

    References
    ----------
    Chen, Zhang, Hardt (2026), Leaderboard Incentives, arXiv:2603.08371, Theorem 4.6 (with the
    strict-cost condition (S) added).

    Examples
    --------
    >>> from benchgame.games.leaderboard import analyze_pure
    >>> rng = np.random.default_rng(0)
    >>> analyze_pure(random_strict_contest(rng, 3, rewards="stable")).status
    'unique'
    >>> analyze_pure(random_strict_contest(rng, 3, rewards="unstable")).status
    'none'
    """
    n = int(rng.integers(2, 7)) if n is None else n
    ceilings = bool(rng.integers(0, 2)) if ceilings is None else ceilings
    fam = random_logit_family(rng, n, ceilings=ceilings)
    if delta is None:
        delta = 0.0 if rng.random() < 0.25 else float(np.exp(rng.uniform(np.log(1e-2),
                                                                          np.log(1e4))))
    cost = PowerCost(float(rng.uniform(0.05, 2.0)), float(rng.uniform(1.0, 3.0)))
    base = Contest(fam.capabilities, fam, cost, np.linspace(1, 0, n), TuneBeforeTest(delta))
    if rewards == "random":
        gaps = np.where(rng.random(n - 1) < 0.2, 0.0, rng.uniform(0.05, 1.0, n - 1))
    else:
        ereq = adjacent_catch_up(base)
        feasible = np.flatnonzero(np.isfinite(ereq))
        if rewards == "unstable" and feasible.size == 0:
            return random_strict_contest(rng, n, ceilings=False, delta=0.0, rewards=rewards)
        J = cost(np.where(np.isfinite(ereq), ereq, 0.0))
        frac = rng.uniform(0.1, 0.95, n - 1)
        # infeasible catch-up (e_req = inf) is stable for any gap: draw a moderate one
        gaps = np.where(np.isfinite(ereq), np.minimum(J * frac, 10.0),
                        rng.uniform(0.05, 1.0, n - 1))
        if rewards == "unstable":
            r = int(feasible[np.argmin(J[feasible])])
            gaps[r] = J[r] / frac[r] + 0.05
    R = np.concatenate([[0.0], np.cumsum(gaps[::-1])])[::-1]
    return base.with_rewards(R)


def random_flat_cost_contest(rng: np.random.Generator, *, equal_rewards: bool = False
                             ) -> Contest:
    """Draw two substitutes developers with a flat-start cost, breaking the strict-cost (S).

    The cost is ``max(e - a, 0)^p`` with ``a`` above the capability gap (effort up to ``a`` is
    free) and the prize small, or the rewards equal. Such contests have non-zero, and with equal
    rewards inverted, pure equilibria.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source.
    equal_rewards : bool
        Rewards ``(1, 1)`` instead of a small prize.

    Returns
    -------
    Contest
        The contest (values on a 0.05 grid, Delta in {0, 0.5, 2}).

    References
    ----------
    Chen, Zhang, Hardt (2026), Leaderboard Incentives, arXiv:2603.08371, Proposition 4.3 and
    Theorem 4.6 (literal forms).

    Examples
    --------
    >>> bool(random_flat_cost_contest(np.random.default_rng(0)).cost.strict)
    False
    """
    h = 0.05
    th_l = float(np.round(rng.uniform(0.2, 1.0) / h) * h)
    d = float(np.round(rng.uniform(0.2, 0.6) / h) * h)
    a = float(np.round(rng.uniform(d + 0.2, 1.5) / h) * h)
    p = float(rng.integers(1, 4))
    cost = FlatStartCost(a, p)
    if equal_rewards:
        R = [1.0, 1.0]
    else:
        R = [float(min(d ** p, 0.5) * rng.uniform(0.2, 0.8)), 0.0]
    return Contest([th_l + d, th_l], Substitutes(), cost, R,
                   TuneBeforeTest(float(rng.choice([0.0, 0.5, 2.0]))))


def random_never_stabilizing_logit(rng: np.random.Generator) -> Contest:
    """Draw a :func:`never_stabilizing_logit` contest: constant catch-up, prize above its cost.

    ``v = 1 - 1/(2 + x + theta)`` (a generalized logit with per-model lower bounds), so the
    catch-up effort is ``theta_h - theta_l`` at every Delta; the reward gap is 1.2 to 3 times that
    cost, so no tune-before-test level stabilizes the ranking.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source.

    Returns
    -------
    Contest
        The contest.

    References
    ----------
    Chen, Zhang, Hardt (2026), Leaderboard Incentives, arXiv:2603.08371, Proposition 5.6
    (literal form).

    Examples
    --------
    >>> from benchgame.games.leaderboard import stabilizing_threshold
    >>> c = random_never_stabilizing_logit(np.random.default_rng(0))
    >>> float(stabilizing_threshold(c, delta_max=1e6).delta_star)
    inf
    """
    th_l = float(rng.uniform(0.0, 2.0))
    th_h = th_l + float(rng.uniform(0.2, 1.5))
    gap = (th_h - th_l) * float(rng.uniform(1.2, 3.0))
    return never_stabilizing_logit(gap, (th_h, th_l))


def random_shrinking_catch_up(rng: np.random.Generator) -> Contest:
    """Draw two logit developers with ``gamma > 1``: the catch-up effort eventually shrinks.

    Common bounds, ``alpha_h > alpha_l`` but ``beta_h < beta_l`` (the lower model's log-odds
    curve is steeper): C1 and C3 fail, and so does the hypothesis ``gamma <= 1`` of
    Proposition 5.6.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source.

    Returns
    -------
    Contest
        The contest (``c(e) = e``, ``R = (1, 0)``).

    References
    ----------
    Chen, Zhang, Hardt (2026), Leaderboard Incentives, arXiv:2603.08371, Propositions 5.3
    and 5.6.

    Examples
    --------
    >>> from benchgame.games.leaderboard import e_req_curves
    >>> c = random_shrinking_catch_up(np.random.default_rng(0))
    >>> e = e_req_curves(c, [0.0, 1e6])[:, 0]
    >>> bool(e[1] < e[0])
    True
    """
    a_h = float(rng.uniform(0.5, 2.0))
    b_h = float(rng.uniform(0.2, 0.5))
    b_l = b_h * float(rng.uniform(1.5, 2.5))
    fam = GeneralizedLogit([1.0, 0.0], [a_h, 0.0], [b_h, b_l])
    return Contest([1.0, 0.0], fam, PowerCost(1.0, 1.0), [1.0, 0.0])
