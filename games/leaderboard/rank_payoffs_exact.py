"""Exact rational expected payoffs, regrets and exploitability of the leaderboard grid game.

A check of :class:`~benchgame.games.leaderboard.RankGame` for small instances. The grid game
is the one defined by the floating-point scores, costs and rewards (every float is a rational
number); given a mixed profile with rational (or float) probabilities, this module computes
every expected utility in :class:`fractions.Fraction` arithmetic, with no rounding. The count
of opponents ahead and tied is propagated jointly, so the ``uniform`` tie rule is applied by
its definition (tied developers split the rewards of the ranks they occupy) rather than by the
quadrature of the fast path. Cost: ``O(n^2 m^2)`` comparisons and ``O(n^3 m)`` rational
operations for ``n`` developers with ``m`` levels; meant for ``n <= 4`` and small grids.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from benchgame.core.validation import require
from benchgame.games.leaderboard.rank_payoffs import RankGame

__all__ = ["exact_action_values", "exact_exploitability", "exact_regrets"]


def _fractions(game: RankGame, profile: Any) -> list[list[Fraction]]:
    require(len(profile) == game.n, "profile", f"has {len(profile)} strategies for {game.n} "
            "developers")
    out = []
    for i, s in enumerate(profile):
        p = [x if isinstance(x, Fraction) else Fraction(float(x)) for x in s]
        require(len(p) == game.sizes[i], f"profile[{i}]", f"has {len(p)} entries for "
                f"{game.sizes[i]} grid levels")
        require(all(x >= 0 for x in p) and sum(p) == 1, f"profile[{i}]",
                "is not a probability vector in exact arithmetic (entries >= 0 summing to 1)",
                "pass Fractions, or floats whose exact sum is 1")
        out.append(p)
    return out


def exact_action_values(game: RankGame, profile: Any) -> list[list[Fraction]]:
    """Expected utility of every grid level of every developer, in rational arithmetic.

    Parameters
    ----------
    game : RankGame
        The grid game (its float scores, costs and rewards are read as exact rationals).
    profile : sequence of sequence of Fraction or float
        Mixed profile; each vector must sum to exactly 1.

    Returns
    -------
    list of list of Fraction
        ``values[i][k] = u_i(level k, profile_{-i})``.

    Raises
    ------
    InputError
        If the profile does not match the grids or is not an exact probability vector.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Section 3 (rank
    rewards, tie rules and effort costs).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from benchgame.games.leaderboard import Contest, PowerCost, RankGame, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0], tie="uniform")
    >>> g = RankGame(ct, [[0.0, 0.5]] * 2)
    >>> [[str(v) for v in row] for row in exact_action_values(g, [[1, 0], [F(1, 3), F(2, 3)]])]
    [['2/3', '1/2'], ['0', '0']]
    """
    P = _fractions(game, profile)
    n, band, tie = game.n, game.band, game.contest.tie
    R = [Fraction(float(r)) for r in game.rewards]
    win = game.tables.win
    out = []
    for i in range(n):
        row = []
        for k, s in enumerate(game.scores[i]):
            # dist[(A, T)]: A opponents ahead (ties won by them included unless uniform)
            dist: dict[tuple[int, int], Fraction] = {(0, 0): Fraction(1)}
            for j in range(n):
                if j == i:
                    continue
                a = t = Fraction(0)
                for p, sj in zip(P[j], game.scores[j], strict=True):
                    d = float(sj) - float(s)
                    if d > band:
                        a += p
                    elif abs(d) <= band:
                        t += p
                if tie != "uniform" and win[i, j]:
                    a, t = a + t, Fraction(0)
                elif tie != "uniform":
                    t = Fraction(0)
                b = 1 - a - t
                new: dict[tuple[int, int], Fraction] = {}
                for (A, T), w in dist.items():
                    for key, pr in (((A, T), b), ((A + 1, T), a), ((A, T + 1), t)):
                        if pr:
                            new[key] = new.get(key, Fraction(0)) + w * pr
                dist = new
            reward = sum((w * sum(R[A:A + T + 1], Fraction(0)) / (T + 1)
                          for (A, T), w in dist.items()), Fraction(0))
            row.append(reward - Fraction(float(game.costs[i][k])))
        out.append(row)
    return out


def exact_regrets(game: RankGame, profile: Any) -> list[Fraction]:
    """Exact regret of every developer: best grid level's value minus expected utility.

    Parameters
    ----------
    game : RankGame
        The grid game.
    profile : sequence of sequence of Fraction or float
        Mixed profile; each vector must sum to exactly 1.

    Returns
    -------
    list of Fraction
        One regret per developer (each ``>= 0``).

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Section 4 (Nash
    equilibrium of the developers' subgame).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from benchgame.games.leaderboard import Contest, PowerCost, RankGame, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> g = RankGame(ct, [[0.0, 0.5, 1.0]] * 2)
    >>> [str(r) for r in exact_regrets(g, [[1, 0, 0], [F(1, 2), 0, F(1, 2)]])]
    ['0', '0']
    """
    P = _fractions(game, profile)
    V = exact_action_values(game, P)
    return [max(v) - sum((p * x for p, x in zip(P[i], v, strict=True)), Fraction(0))
            for i, v in enumerate(V)]


def exact_exploitability(game: RankGame, profile: Any) -> Fraction:
    """Exact exploitability (sum of regrets, NashConv) of a mixed profile.

    Parameters
    ----------
    game : RankGame
        The grid game.
    profile : sequence of sequence of Fraction or float
        Mixed profile; each vector must sum to exactly 1.

    Returns
    -------
    Fraction
        ``sum_i regret_i``; zero exactly at an equilibrium of the grid game.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Section 4.

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, RankGame, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> g = RankGame(ct, [[0.0, 0.5, 1.0]] * 2)
    >>> str(exact_exploitability(g, [[0, 1, 0], [1, 0, 0]]))
    '1/2'
    """
    return sum(exact_regrets(game, profile), Fraction(0))
