"""Expected payoffs of the leaderboard grid game against independent mixed opponents.

On effort grids the developers' subgame is a finite game, but its payoff tensor has
``m_1 * ... * m_n`` profiles. Against *independent* mixed opponents no profile needs to be
enumerated: developer ``i`` at grid level ``k`` (score ``s``) is beaten by opponent ``j`` with
probability

    q_j(s) = P(s_j > s + band) + w_ij * P(|s_j - s| <= band),

where ``w_ij`` is 1 if j wins ties against i (rule ``capability`` or ``index``) and 0 otherwise.
The number of opponents ranked ahead is Poisson-binomial with these probabilities; its
distribution follows from the recursion ``P_j(K) = P_{j-1}(K) (1 - q_j) + P_{j-1}(K - 1) q_j``
in ``O(n^2)`` per level, vectorized over developers and levels. The ``uniform`` tie rule (tied
developers split the rewards of the ranks they occupy) equals tie-breaking by a uniformly random
priority: given i's priority ``t``, a tied opponent ranks ahead with probability ``1 - t``, the
opponents are independent, and the expected reward is a polynomial of degree ``< n`` in ``t``, so
Gauss-Legendre quadrature with ``ceil(n / 2)`` nodes integrates it exactly.

Scores are compared as in :meth:`Contest.ranks` (``s_j - s_i > band``: ahead; ``|s_j - s_i| <=
band``: tied), so the values agree with the payoff tensor of
:func:`benchgame.games.leaderboard.discretize`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from benchgame.core.validation import as_finite_array, require
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.rank_counts import (
    count_distribution,
    default_grid,
    regrets_padded,
)

__all__ = ["RankGame"]

GRID_TIE_BAND = 1e-12
"""Scores closer than this are tied on the grid (the default of ``discretize``)."""


@dataclass(frozen=True, eq=False)
class _Tables:
    """Precomputed comparison tables (internal)."""

    order: np.ndarray      # (n, M): levels of j sorted by score (padding last)
    ahead: np.ndarray      # (n_j, n_i, M): flat index into suffix sums: P(j ahead of i at k)
    level: np.ndarray      # (n_j, n_i, M): flat index: P(j ahead or tied)
    win: np.ndarray        # (n, n): j wins a tie against i
    nodes: np.ndarray      # quadrature nodes t (uniform rule) or [0.5]
    weights: np.ndarray


class RankGame:
    """A leaderboard contest on effort grids, evaluated against independent mixtures.

    Parameters
    ----------
    contest : Contest
        The contest (any protocol, score family, cost, rewards and tie rule).
    grids : sequence of array_like
        Effort grid of each developer (finite, ``>= 0``).
    tie_band : float, default 1e-12
        Scores within ``max(tie_band, contest.tie_tol)`` are tied.

    Raises
    ------
    InputError
        If the number of grids differs from ``n`` or a grid is empty, negative or non-finite.

    See Also
    --------
    benchgame.games.leaderboard.discretize : the same grid game as a full payoff tensor.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Section 3 (the
    rank-order contest ``u_i = R_rank(i) - c(e_i)``); Barut and Kovenock (1998), European
    Journal of Political Economy 14 (multiple-prize all-pay auctions).

    Examples
    --------
    Two developers (the W1 instance) on the grid ``{0, 0.5, 1}``; developer 1 mixes evenly:

    >>> from benchgame.games.leaderboard import Contest, PowerCost, RankGame, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> g = RankGame(ct, [[0.0, 0.5, 1.0]] * 2)
    >>> prof = [[1.0, 0.0, 0.0], [0.5, 0.0, 0.5]]
    >>> [v.tolist() for v in g.action_values(prof)]
    [[0.5, 0.5, 0.0], [0.0, -0.5, 0.0]]
    >>> g.regrets(prof).tolist(), float(g.exploitability(prof))
    ([0.0, 0.0], 0.0)
    """

    def __init__(self, contest: Contest, grids: Any, *, tie_band: float = GRID_TIE_BAND) -> None:
        require(isinstance(contest, Contest), "contest", "is not a Contest")
        grids = list(grids)
        require(len(grids) == contest.n, "grids", f"has {len(grids)} grids for {contest.n} "
                "developers", "give one effort grid per developer")
        self.grids = tuple(as_finite_array(g, f"grids[{i}]", ndim=1, nonnegative=True)
                           for i, g in enumerate(grids))
        require(all(g.size >= 1 for g in self.grids), "grids", "has an empty grid")
        require(np.isfinite(tie_band) and tie_band >= 0, "tie_band", f"is {tie_band}",
                "use a band >= 0")
        self.contest = contest
        self.band = max(float(tie_band), float(contest.tie_tol))
        self.n = contest.n
        self.sizes = np.array([g.size for g in self.grids])
        self.M = int(self.sizes.max())
        self.rewards = contest.rewards.values.astype(float)
        self.scores = tuple(contest.family.value(contest.theta[i],
                                                 contest.protocol.effective_training(g))
                            for i, g in enumerate(self.grids))
        self.costs = tuple(np.asarray(contest.cost(g), float) for g in self.grids)
        self._cost_pad = np.full((self.n, self.M), np.inf)
        for i, c in enumerate(self.costs):
            self._cost_pad[i, :c.size] = c
        self._tables = self._build_tables()
        self._rows = np.arange(self.n)[:, None]

    # ----------------------------------------------------------------------------------------
    @classmethod
    def from_contest(cls, contest: Contest, *, step: float | None = None, levels: int = 200,
                     e_max: float | None = None, tie_band: float = GRID_TIE_BAND) -> RankGame:
        """The grid game on the common grid ``{0, h, ..., e_max}`` of every developer.

        Parameters
        ----------
        contest : Contest
            The contest.
        step, levels, e_max : optional
            Grid step, number of levels and largest effort, as in
            :func:`~benchgame.games.leaderboard.rank_counts.default_grid`.
        tie_band : float, default 1e-12
            Tie band for scores.

        Returns
        -------
        RankGame
            The grid game.
        """
        g = default_grid(contest, step=step, levels=levels, e_max=e_max)
        return cls(contest, [g] * contest.n, tie_band=tie_band)

    @classmethod
    def from_discretized(cls, dg: Any) -> RankGame:
        """The grid game of a :class:`~benchgame.games.leaderboard.DiscretizedGame`.

        Parameters
        ----------
        dg : DiscretizedGame
            A game built by :func:`benchgame.games.leaderboard.discretize` (same grids, same tie
            band), so that values agree with its payoff tensor.

        Returns
        -------
        RankGame
            The same finite game without the tensor.
        """
        return cls(dg.contest, dg.grids, tie_band=dg.contest.tie_tol)

    @property
    def step(self) -> float:
        """Largest spacing of consecutive grid points over all developers."""
        return max([float(np.diff(g).max()) for g in self.grids if g.size > 1] or [0.0])

    @property
    def tables(self) -> _Tables:
        """Precomputed score comparisons (sorted orders, suffix-sum indices, tie winners)."""
        return self._tables

    # ----------------------------------------------------------------------------------------
    def _build_tables(self) -> _Tables:
        n, M, b = self.n, self.M, self.band
        order = np.tile(np.arange(M), (n, 1))
        for j, s in enumerate(self.scores):
            order[j, :s.size] = np.argsort(s, kind="stable")
        ahead = np.empty((n, n, M), dtype=np.intp)
        level = np.empty((n, n, M), dtype=np.intp)
        for j, sj in enumerate(self.scores):
            srt = sj[order[j, :sj.size]]
            for i, si in enumerate(self.scores):
                base = j * (M + 1)
                if i == j:
                    ahead[j, i] = level[j, i] = base + M      # suffix sum 0: never ahead
                    continue
                d = srt[None, :] - si[:, None]                # exactly as Contest._standing
                na = (d > b).sum(axis=1)
                nl = (d >= -b).sum(axis=1)                    # ahead or tied
                ahead[j, i] = base + M
                level[j, i] = base + M
                ahead[j, i, :si.size] = base + sj.size - na
                level[j, i, :si.size] = base + sj.size - nl
        idx = np.arange(n)
        ct = self.contest
        if ct.tie == "index" and ct.priority is not None:
            p = np.asarray(ct.priority)
            win = (p[None, :] < p[:, None]).astype(float)
        else:
            win = (idx[None, :] < idx[:, None]).astype(float)
        if ct.tie == "uniform":
            x, w = np.polynomial.legendre.leggauss(max(1, (n + 1) // 2))
            nodes, weights = (x + 1) / 2, w / 2
        else:
            nodes, weights = np.array([0.5]), np.array([1.0])
        return _Tables(order, ahead, level, win, nodes, weights)

    # ----------------------------------------------------------------------------------------
    def padded(self, profile: Any) -> np.ndarray:
        """Validate a mixed profile and return it as an ``(n, M)`` array (zero padding).

        Parameters
        ----------
        profile : sequence of array_like
            One probability vector per developer over its grid (sums within 1e-9 of 1).

        Returns
        -------
        numpy.ndarray
            Shape ``(n, M)`` with ``M`` the largest grid size.

        Raises
        ------
        InputError
            If a vector has the wrong length, a negative entry or does not sum to 1.
        """
        require(len(profile) == self.n, "profile", f"has {len(profile)} strategies for "
                f"{self.n} developers")
        P = np.zeros((self.n, self.M))
        for i, s in enumerate(profile):
            a = as_finite_array(s, f"profile[{i}]", ndim=1, nonnegative=True)
            require(a.size == self.sizes[i], f"profile[{i}]", f"has {a.size} entries for "
                    f"{self.sizes[i]} grid levels")
            require(abs(a.sum() - 1.0) <= 1e-9, f"profile[{i}]", f"sums to {a.sum():.12g}",
                    "normalise the mixed strategy")
            P[i, :a.size] = a
        return P

    def unpadded(self, P: np.ndarray) -> tuple[np.ndarray, ...]:
        """Split a padded ``(n, M)`` array ``P`` into per-developer vectors (length ``m_i``)."""
        return tuple(np.array(P[i, :m]) for i, m in enumerate(self.sizes))

    def beat_probabilities(self, P: np.ndarray, player: int | None = None
                           ) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities that opponent ``j`` is ahead of, or tied with, developer ``i``.

        Parameters
        ----------
        P : numpy.ndarray
            Padded profile ``(n, M)`` (see :meth:`padded`).
        player : int, optional
            Only this developer (default: all).

        Returns
        -------
        ahead, tied : numpy.ndarray
            Shape ``(n, n, M)``: ``[j, i, k]`` for developer i at level k against opponent j
            (zero for ``j = i``); shape ``(n, M)`` (``[j, k]``) when ``player`` is given.
        """
        t = self._tables
        suf = np.zeros((self.n, self.M + 1))
        suf[:, :-1] = np.cumsum(P[self._rows, t.order[:, ::-1]], axis=1)[:, ::-1]
        flat = suf.ravel()
        sl = slice(None) if player is None else player
        ahead = flat[t.ahead[:, sl]]
        tied = flat[t.level[:, sl]] - ahead
        return ahead, tied

    def rank_distribution(self, P: np.ndarray, player: int | None = None) -> np.ndarray:
        """Rank probabilities of every developer at every grid level.

        Parameters
        ----------
        P : numpy.ndarray
            Padded profile ``(n, M)``.
        player : int, optional
            Only this developer (default: all).

        Returns
        -------
        numpy.ndarray
            Shape ``(n, n, M)``: ``[r, i, k]`` is the probability that developer i at level k
            finishes at rank ``r + 1`` (under the uniform rule, ranks inside a tied group are
            assigned uniformly at random, which gives the same expected reward); shape
            ``(n, M)`` when ``player`` is given.
        """
        ahead, tied = self.beat_probabilities(P, player)
        t = self._tables
        if self.contest.tie != "uniform":
            win = t.win.T[:, :, None] if player is None else t.win[player][:, None]
            return count_distribution(ahead + win * tied)
        out = np.zeros(ahead.shape)
        for node, wt in zip(t.nodes, t.weights, strict=True):
            out += wt * count_distribution(ahead + (1.0 - node) * tied)
        return out

    def values_padded(self, P: np.ndarray, player: int | None = None) -> np.ndarray:
        """Expected utility of each grid level against the others' mixtures.

        Parameters
        ----------
        P : numpy.ndarray
            Padded profile ``(n, M)``.
        player : int, optional
            Only this developer (default: all).

        Returns
        -------
        numpy.ndarray
            ``u_i(level k, P_{-i})``, shape ``(n, M)`` (or ``(M,)`` for one developer);
            padding levels are ``-inf``.
        """
        D = self.rank_distribution(P, player)
        cost = self._cost_pad if player is None else self._cost_pad[player]
        return (self.rewards @ D.reshape(self.n, -1)).reshape(D.shape[1:]) - cost

    # ----------------------------------------------------------------------------------------
    def action_values(self, profile: Any) -> tuple[np.ndarray, ...]:
        """Expected utility of every grid level of every developer against the others.

        Parameters
        ----------
        profile : sequence of array_like
            Mixed profile, one vector per developer.

        Returns
        -------
        tuple of numpy.ndarray
            Entry ``i`` has length ``m_i``.
        """
        return self.unpadded(self.values_padded(self.padded(profile)))

    def expected_payoffs(self, profile: Any) -> np.ndarray:
        """Expected utility of every developer at a mixed profile.

        Parameters
        ----------
        profile : sequence of array_like
            Mixed profile.

        Returns
        -------
        numpy.ndarray
            Shape ``(n,)``.
        """
        P = self.padded(profile)
        V = self.values_padded(P)
        return (P * np.where(P > 0, V, 0.0)).sum(axis=1)

    def best_responses(self, profile: Any) -> tuple[np.ndarray, np.ndarray]:
        """A best-responding grid level and its value for every developer.

        Parameters
        ----------
        profile : sequence of array_like
            Mixed profile.

        Returns
        -------
        levels : numpy.ndarray of int
            Index of the lowest-effort best response of each developer.
        values : numpy.ndarray
            Best-response values.
        """
        V = self.values_padded(self.padded(profile))
        return V.argmax(axis=1), V.max(axis=1)

    def regrets(self, profile: Any) -> np.ndarray:
        """Regret of every developer: best-response value minus expected utility.

        Parameters
        ----------
        profile : sequence of array_like
            Mixed profile.

        Returns
        -------
        numpy.ndarray
            Shape ``(n,)``, each ``>= 0``.
        """
        P = self.padded(profile)
        return regrets_padded(P, self.values_padded(P))

    def exploitability(self, profile: Any) -> float:
        """Exploitability (sum of regrets, NashConv) of a mixed profile.

        Parameters
        ----------
        profile : sequence of array_like
            Mixed profile.

        Returns
        -------
        float
            ``sum_i (max_k u_i(k, P_{-i}) - u_i(P))``; 0 exactly at an equilibrium.
        """
        return float(self.regrets(profile).sum())
