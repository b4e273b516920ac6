"""Expected rank payoffs when the leaderboard observes noisy scores (exact, no sampling).

Under a protocol whose observed score ``Y`` is random given the latent score (for example
accuracy on ``m`` test questions, :mod:`~benchgame.games.leaderboard.noisy_scores`), ranks are
random given efforts. Given developer i's *realised* score ``y``, the opponents' observed scores
are independent of each other (their noise and their mixed efforts are independent), so opponent
j is ranked ahead with probability

    q_j(y) = P(Y_j > y) + w_ij P(Y_j = y),

(``w_ij = 1`` if j wins ties against i), the number of opponents ahead is Poisson-binomial with
these probabilities, and the expected reward of level k is the sum over the common support of
``P(Y_i = y | level k)`` times the expected reward given ``y``. The cost is ``O(n^2 K + n M K)``
per evaluation for ``K`` support points (``m + 1`` for binomial scores) and ``M`` grid levels.
Deterministic protocols are the point-mass case and give the values of
:class:`~benchgame.games.leaderboard.rank_payoffs.RankGame` (without its tie band).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from benchgame.core.validation import require
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.noisy_scores import strict_survival
from benchgame.games.leaderboard.rank_counts import count_distribution, default_grid
from benchgame.games.leaderboard.rank_payoffs import RankGame

__all__ = ["NoisyRankGame"]


class NoisyRankGame(RankGame):
    """The grid game of a contest whose protocol observes scores with noise.

    Same interface as :class:`~benchgame.games.leaderboard.rank_payoffs.RankGame` (so the
    mixed-play solver and the fidelity metrics apply), with payoffs summed over the observed
    score distributions of :meth:`Protocol.observe`.

    Parameters
    ----------
    contest : Contest
        The contest; tie rule ``capability`` or ``index`` (ties of observed scores are broken by
        that rule).
    grids : sequence of array_like
        Effort grid of each developer.

    Raises
    ------
    InputError
        If the tie rule is ``uniform`` or a grid is invalid.

    References
    ----------
    Lazear and Rosen (1981), Rank-order tournaments as optimum labor contracts, Journal of
    Political Economy 89; Chen, Zhang and Hardt (2026), Leaderboard incentives,
    arXiv:2603.08371, Section 3 (rank rewards).

    Examples
    --------
    Two developers with equal latent scores 0.5 measured on one question, prize 1, capability
    ties: developer 0 is first unless it fails and the other succeeds (probability 1/4):

    >>> from benchgame.games.leaderboard import Contest, GeneralizedLogit, PowerCost
    >>> from benchgame.mechanisms.protocols import NoisyProtocol
    >>> fam = GeneralizedLogit([1.0, 0.0], [0.0, 0.0], 1.0)   # v = 1/2 at x = 0 for both
    >>> ct = Contest([1.0, 0.0], fam, PowerCost(1.0), [1.0, 0.0], NoisyProtocol(1))
    >>> g = NoisyRankGame(ct, [[0.0]] * 2)
    >>> g.expected_payoffs([[1.0], [1.0]]).tolist()
    [0.75, 0.25]
    """

    polishable = False

    def __init__(self, contest: Contest, grids: Any) -> None:
        require(isinstance(contest, Contest), "contest", "is not a Contest")
        require(contest.tie != "uniform", "tie", "is 'uniform'",
                "noisy scores are ranked with tie rule 'capability' or 'index'")
        super().__init__(contest, grids, tie_band=0.0)
        obs = contest.protocol.observe(np.concatenate(self.scores))
        self.observed = obs
        F = np.zeros((self.n, self.M, obs.atoms.size))
        start = 0
        for i, m in enumerate(self.sizes):
            F[i, :m] = obs.pmf[start:start + m]
            start += m
        self._F = F

    @classmethod
    def from_contest(cls, contest: Contest, *, step: float | None = None, levels: int = 41,
                     e_max: float | None = None, tie_band: float = 0.0) -> NoisyRankGame:
        """The noisy grid game on the common grid ``{0, h, ..., e_max}``.

        Parameters
        ----------
        contest : Contest
            The contest.
        step, levels, e_max : optional
            As in :func:`~benchgame.games.leaderboard.rank_counts.default_grid`.
        tie_band : float, default 0
            Unused (observed scores are compared exactly); kept for the interface.

        Returns
        -------
        NoisyRankGame
        """
        g = default_grid(contest, step=step, levels=levels, e_max=e_max)
        return cls(contest, [g] * contest.n)

    @property
    def observed_pmf(self) -> np.ndarray:
        """``(n, M, K)``: distribution of each developer's observed score at each grid level."""
        return self._F

    def _opponents(self, P: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Mixture pmf ``G[j]`` of j's observed score and ``S[j] = P(Y_j > atom)``."""
        G = np.einsum("jk,jkc->jc", P, self._F)
        return G, strict_survival(G)

    def beat_probabilities(self, P: np.ndarray, player: int | None = None
                           ) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities that opponent ``j``'s observed score is above, or equal to, i's.

        Parameters
        ----------
        P : numpy.ndarray
            Padded profile ``(n, M)``.
        player : int, optional
            Only this developer (default: all).

        Returns
        -------
        ahead, tied : numpy.ndarray
            Shape ``(n, n, M)`` (``[j, i, k]``, zero for ``j = i``), or ``(n, M)`` for one
            developer.
        """
        G, S = self._opponents(P)
        off = 1.0 - np.eye(self.n)[:, :, None]
        ahead = np.einsum("jc,ikc->jik", S, self._F) * off
        tied = np.einsum("jc,ikc->jik", G, self._F) * off
        if player is None:
            return ahead, tied
        return ahead[:, player], tied[:, player]

    def rank_distribution(self, P: np.ndarray, player: int | None = None) -> np.ndarray:
        """Rank probabilities of every developer at every grid level, over the noise.

        Parameters
        ----------
        P : numpy.ndarray
            Padded profile ``(n, M)``.
        player : int, optional
            Only this developer (default: all).

        Returns
        -------
        numpy.ndarray
            ``[r, i, k]``: probability that developer i at level k finishes at rank ``r + 1``;
            shape ``(n, M)`` when ``player`` is given.
        """
        G, S = self._opponents(P)
        win = self.tables.win                                   # win[i, j]: j wins vs i
        rows = np.arange(self.n) if player is None else np.array([player])
        q = S[:, None, :] + win.T[:, rows, None] * G[:, None, :]   # [j, i, c]
        q = q * (np.arange(self.n)[:, None] != rows[None, :])[:, :, None]
        counts = count_distribution(np.clip(q, 0.0, 1.0))          # [r, i, c]
        D = np.einsum("ric,ikc->rik", counts, self._F[rows])
        return D if player is None else D[:, 0]

    def values_padded(self, P: np.ndarray, player: int | None = None) -> np.ndarray:
        """Expected utility of each grid level against the others' mixtures, over the noise.

        Parameters
        ----------
        P : numpy.ndarray
            Padded profile ``(n, M)``.
        player : int, optional
            Only this developer (default: all).

        Returns
        -------
        numpy.ndarray
            Shape ``(n, M)`` or ``(M,)``; padding levels are ``-inf``.
        """
        D = self.rank_distribution(P, player)
        cost = self._cost_pad if player is None else self._cost_pad[player]
        return np.einsum("r,r...->...", self.rewards, D) - cost

    def dominance_gaps(self) -> np.ndarray:
        """Largest reward gain of each grid level over zero effort, whatever the others do.

        Given i's observed score the expected reward is non-decreasing in it and lies in
        ``[R_n, R_1]``, so moving from level 0 to level k gains at most
        ``(R_1 - R_n) max_t [P(Y_k >= t) - P(Y_0 >= t)]``.

        Returns
        -------
        numpy.ndarray
            Shape ``(n, M)``: the bound for each developer and level (0 at level 0; ``nan`` on
            padding).

        Examples
        --------
        >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
        >>> from benchgame.mechanisms.protocols import NoisyProtocol
        >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0], NoisyProtocol(1))
        >>> NoisyRankGame(ct, [[0.0, 1.0]] * 2).dominance_gaps().round(4).tolist()
        [[0.0, 0.2325], [0.0, 0.3834]]
        """
        tail = strict_survival(self._F) + self._F                        # P(Y_k >= atom)
        diff = tail - tail[:, :1, :]
        out = (self.rewards[0] - self.rewards[-1]) * np.maximum(diff.max(axis=2), 0.0)
        pad = np.arange(self.M)[None, :] >= self.sizes[:, None]
        return np.where(pad, np.nan, out)
