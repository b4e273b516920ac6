"""Exact ranking fidelity and effort of independent mixed play on the grid, in polynomial time.

Every metric is an expectation under the product of the developers' mixtures, computed without
enumerating profiles:

* pairwise order probabilities ``P(j ranked above i) = sum_k p_i(k) P(j ahead of i at k)`` give
  the expected number of inversions and the expected Kendall tau
  ``E[(concordant - discordant) / (n(n-1)/2)]`` between the leaderboard and the capability order
  (Kendall's tau_a; with the ``capability`` and ``index`` tie rules ranks are strict and it
  equals tau_b; under ``uniform`` a tied pair counts as neither);
* ``P(top-1 correct)``: the most capable developer (index 0) is ranked first (under ``uniform``,
  no developer is strictly ahead), from its Poisson-binomial rank counts;
* expected effort and cost per developer and in total (the total cost is the wasted effort:
  rank rewards are transfers, effort buys only rank).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from benchgame.games.leaderboard.rank_counts import count_distribution
from benchgame.games.leaderboard.rank_payoffs import RankGame

__all__ = ["play_metrics"]


def play_metrics(game: RankGame, profile: Any) -> dict[str, Any]:
    """Ranking fidelity, effort, cost and payoffs of a mixed profile of the grid game.

    Parameters
    ----------
    game : RankGame
        The grid game.
    profile : sequence of array_like
        One probability vector per developer over its grid.

    Returns
    -------
    dict
        ``expected_tau``, ``p_top1_correct``, ``expected_inversions``, ``expected_total_effort``
        and ``expected_total_cost`` (floats), and per developer (arrays) ``payoff``, ``effort``,
        ``cost``, ``p_first`` and ``expected_rank``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Proposition 4.3
    (equilibrium leaderboards and the capability order) and Section 3 (rank rewards); Kendall
    (1938), A new measure of rank correlation, Biometrika 30.

    Examples
    --------
    W1 on the grid ``{0, 0.5, 1}``: developer 1 plays 0 or 1 with probability 1/2 each.

    >>> from benchgame.games.leaderboard import Contest, PowerCost, RankGame, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> m = play_metrics(RankGame(ct, [[0.0, 0.5, 1.0]] * 2), [[1, 0, 0], [0.5, 0, 0.5]])
    >>> m["expected_tau"], m["p_top1_correct"], m["expected_total_cost"]
    (0.0, 0.5, 0.5)
    >>> m["payoff"].tolist(), m["expected_rank"].tolist()
    ([0.5, 0.0], [1.5, 1.5])
    """
    P = game.padded(profile)
    n = game.n
    uniform = game.contest.tie == "uniform"
    win = game.tables.win                                   # win[i, j]: j wins ties vs i
    ahead, tied = game.beat_probabilities(P)                # [j, i, k]
    A = np.einsum("jik,ik->ji", ahead, P)
    T = np.einsum("jik,ik->ji", tied, P)
    above = A if uniform else A + win.T * T                 # above[j, i]: j ranked above i
    iu, ju = np.triu_indices(n, 1)                          # i < j: i is more capable
    n0 = iu.size
    concordant, discordant = above[iu, ju], above[ju, iu]
    if uniform:
        first = np.einsum("ik,ik->i", count_distribution(ahead)[0], P)
        expected_rank = 1.0 + A.sum(axis=0)
    else:
        D = game.rank_distribution(P)                       # [r, i, k]
        byrank = np.einsum("rik,ik->ir", D, P)
        first = byrank[:, 0]
        expected_rank = byrank @ np.arange(1, n + 1)
    V = game.values_padded(P)
    payoff = (P * np.where(P > 0, V, 0.0)).sum(axis=1)
    effort = np.array([p @ g for p, g in zip(game.unpadded(P), game.grids, strict=True)])
    cost = np.array([p @ c for p, c in zip(game.unpadded(P), game.costs, strict=True)])
    return {"expected_tau": float((concordant - discordant).sum() / n0),
            "p_top1_correct": float(first[0]),
            "expected_inversions": float(discordant.sum()),
            "expected_total_effort": float(effort.sum()),
            "expected_total_cost": float(cost.sum()),
            "payoff": payoff, "effort": effort, "cost": cost, "p_first": first,
            "expected_rank": expected_rank}
