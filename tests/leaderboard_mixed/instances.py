"""Contests used by the mixed-play tests: the worked example W1 and all-pay auctions."""

from __future__ import annotations

import numpy as np

from benchgame.games.leaderboard import (
    Contest,
    GeneralizedLogit,
    PiecewiseLinearConcave,
    PowerCost,
    Rewards,
    Substitutes,
    TuneBeforeTest,
)


def w1(tie: str = "capability") -> Contest:
    """W1: substitutes 1 - exp(-(theta + x)), theta = (1, 0.5), c(e) = e, rewards (1, 0)."""
    return Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0], tie=tie)


def identical(n: int, tie: str = "uniform", prize: float = 1.0) -> Contest:
    """n identical developers (score = effort, capped at 1): the symmetric all-pay auction."""
    th = np.arange(n, 0, -1.0)
    fam = PiecewiseLinearConcave(th, [[0, 1]] * n, [[0, 1]] * n)
    return Contest(th, fam, PowerCost(1.0), Rewards.winner_take_all(n, prize), tie=tie)


def two_valuations(weak: float = 0.6) -> Contest:
    """Scores theta_i * e: an all-pay auction with valuations (1, weak) and a prize of 1."""
    th = np.array([2.0, 1.0])
    fam = PiecewiseLinearConcave(th, [[0, 1]] * 2, [[0, 1.0], [0, weak]])
    return Contest(th, fam, PowerCost(1.0), [1.0, 0.0])


def logit(n: int, seed: int = 0, rewards: Rewards | None = None, delta: float = 0.0,
          tie: str = "capability") -> Contest:
    """Generalized-logit developers (no pure equilibrium for the seeds used)."""
    rng = np.random.default_rng(seed)
    theta = np.linspace(2.0, 1.0, n)
    alpha = np.sort(rng.uniform(-0.5, 0.5, n))[::-1]
    rew = Rewards.geometric(n, 0.5) if rewards is None else rewards
    return Contest(theta, GeneralizedLogit(theta, alpha, 0.6), PowerCost(1.0), rew,
                   TuneBeforeTest(delta), tie=tie)


def three_logit() -> Contest:
    """The three-developer logit contest of the discretized-game tests."""
    theta = np.array([3.0, 2.0, 1.0])
    return Contest(theta, GeneralizedLogit(theta, [0.3, 0.2, 0.1], 0.6), PowerCost(1.0),
                   [0.6, 0.2, 0.0])
