"""Polish of approximate mixed equilibria of the grid game by semismooth Newton steps.

A mixed profile ``p`` of the grid game is an equilibrium iff, for every developer ``i`` with
equilibrium value ``v_i`` and every level ``k`` in a candidate set ``S_i``,

    p_i(k) >= 0,   v_i - U_i(k; p_{-i}) >= 0,   p_i(k) (v_i - U_i(k; p_{-i})) = 0,
    sum_k p_i(k) = 1,

and no level outside ``S_i`` beats ``v_i``. The complementarity conditions are written with the
Fischer-Burmeister function ``phi(a, b) = a + b - sqrt(a^2 + b^2)`` (zero iff ``a, b >= 0`` and
``ab = 0``) and solved by semismooth Newton steps with a backtracking line search (De Luca,
Facchinei and Kanzow 1996), which converges quadratically near a regular equilibrium and picks
the support by itself. The Jacobian is exact: ``U_i(k)`` is affine in the probability ``q_j``
that opponent ``j`` is ranked ahead, with slope ``E[R(K_{-j} + 1)] - E[R(K_{-j})]`` from the
count distribution without ``j``. Levels outside ``S_i`` that beat ``v_i`` are added and the
solve is repeated.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from benchgame.games.leaderboard.blas_threads import single_blas_thread
from benchgame.games.leaderboard.rank_counts import leave_one_out_counts, regrets_padded
from benchgame.games.leaderboard.rank_payoffs import RankGame

__all__ = ["PolishResult", "derivative_blocks", "polish", "sorted_positions"]

CLEAN = 1e-12
"""Polished probabilities below this fraction of a developer's largest one are set to 0."""


@dataclass(frozen=True)
class PolishResult:
    """Outcome of :func:`polish`.

    Parameters
    ----------
    profile : numpy.ndarray
        Padded profile ``(n, M)`` (the better of the start and the polished profile).
    regrets : numpy.ndarray
        Regrets of ``profile``.
    rounds : int
        Candidate-set rounds.
    newton_steps : int
        Semismooth Newton steps over all rounds.
    residual : float
        Final Fischer-Burmeister residual (max norm).
    improved : bool
        Whether the polished profile replaced the start.

    Examples
    --------
    >>> import numpy as np
    >>> res = PolishResult(np.eye(2), np.zeros(2), 1, 3, 0.0, True)
    >>> float(res.regrets.sum()), res.newton_steps
    (0.0, 3)
    """

    profile: np.ndarray
    regrets: np.ndarray
    rounds: int
    newton_steps: int
    residual: float
    improved: bool


def sorted_positions(game: RankGame) -> np.ndarray:
    """Position of every grid level in its developer's score order.

    Parameters
    ----------
    game : RankGame
        The grid game.

    Returns
    -------
    numpy.ndarray of int
        ``pos[j, l]``: rank of level ``l`` among developer j's levels sorted by score.

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, RankGame, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> sorted_positions(RankGame(ct, [[0.5, 0.0], [0.0, 1.0]])).tolist()
    [[1, 0], [0, 1]]
    """
    order = game.tables.order
    pos = np.empty_like(order)
    rows = np.arange(game.n)[:, None]
    pos[rows, order] = np.arange(game.M)[None, :]
    return pos


def derivative_blocks(game: RankGame, P: np.ndarray, i: int, levels: np.ndarray
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Coefficients of the derivatives ``dU_i(k) / dp_j(l)`` of developer i's payoffs.

    Parameters
    ----------
    game : RankGame
        The grid game.
    P : numpy.ndarray
        Padded profile ``(n, M)``.
    i : int
        The developer.
    levels : numpy.ndarray of int
        Levels ``k`` of developer ``i``.

    Returns
    -------
    base, ahead, tied : numpy.ndarray
        Shape ``(n, len(levels))``: ``dU_i(k)/dp_j(l) = base[j, k] + ahead[j, k] * A + tied[j,
        k] * T``, with ``A`` (``T``) the indicator that j at level ``l`` is ahead of (tied with)
        i at level ``k``. On the simplex this is the exact derivative of the expected utility.

    Examples
    --------
    Against an opponent who always plays 0, winning a prize of 1 is worth 1:

    >>> import numpy as np
    >>> from benchgame.games.leaderboard import Contest, PowerCost, RankGame, Substitutes
    >>> g = RankGame(Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0]),
    ...              [[0.0, 1.0]] * 2)
    >>> base, ahead, tied = derivative_blocks(g, np.array([[1.0, 0.0], [1.0, 0.0]]), 0,
    ...                                       np.array([0]))
    >>> base[1].tolist(), ahead[1].tolist(), tied[1].tolist()
    ([1.0], [-1.0], [0.0])
    """
    t = game.tables
    a, tie = game.beat_probabilities(P, i)
    a, tie = a[:, levels], tie[:, levels]
    R = game.rewards
    Rs = np.r_[R[1:], R[-1]]
    base = np.zeros(a.shape)
    d_ahead = np.zeros(a.shape)
    d_tied = np.zeros(a.shape)
    uniform = game.contest.tie == "uniform"
    for node, wt in zip(t.nodes, t.weights, strict=True):
        w = (1.0 - node) if uniform else t.win[i][:, None]
        D = leave_one_out_counts(a + w * tie)
        A0 = np.tensordot(R, D, axes=(0, 0))
        slope = wt * (np.tensordot(Rs, D, axes=(0, 0)) - A0)
        base += wt * A0
        d_ahead += slope
        d_tied += slope * w
    return base, d_ahead, d_tied


class _System:
    """The Fischer-Burmeister system on candidate sets (internal)."""

    def __init__(self, game: RankGame, S: list[np.ndarray]) -> None:
        self.game, self.S = game, S
        self.off = np.cumsum([0] + [s.size for s in S])
        self.N = int(self.off[-1])
        self.own = np.concatenate([np.full(s.size, i) for i, s in enumerate(S)])
        self.pos = sorted_positions(game)

    def unpack(self, x: np.ndarray) -> np.ndarray:
        P = np.zeros((self.game.n, self.game.M))
        for i, s in enumerate(self.S):
            P[i, s] = x[self.off[i]:self.off[i + 1]]
        return P

    def residual(self, x: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, ...]:
        P = self.unpack(x)
        V = self.game.values_padded(P)
        b = v[self.own] - np.concatenate([V[i, s] for i, s in enumerate(self.S)])
        r = np.hypot(x, b)
        sums = np.add.reduceat(x, self.off[:-1]) - 1.0
        return np.concatenate([x + b - r, sums]), b, r, P

    def jacobian(self, x: np.ndarray, b: np.ndarray, r: np.ndarray, P: np.ndarray
                 ) -> np.ndarray:
        g, N, off, t = self.game, self.N, self.off, self.game.tables
        safe = r > 1e-300
        rr = np.where(safe, r, 1.0)
        da = np.where(safe, 1.0 - x / rr, 1.0 - np.sqrt(0.5))
        db = np.where(safe, 1.0 - b / rr, 1.0 - np.sqrt(0.5))
        J = np.zeros((N + g.n, N + g.n))
        J[np.arange(N), np.arange(N)] = da
        J[np.arange(N), N + self.own] = db
        M1 = g.M + 1
        for i, k in enumerate(self.S):
            J[N + i, off[i]:off[i + 1]] = 1.0
            if k.size == 0:
                continue
            base, dah, dti = derivative_blocks(g, P, i, k)
            rows = slice(off[i], off[i + 1])
            for j, lv in enumerate(self.S):
                if j == i or lv.size == 0:
                    continue
                pj = self.pos[j, lv][None, :]
                ah = pj >= (t.ahead[j, i, k] - j * M1)[:, None]
                ti = (pj >= (t.level[j, i, k] - j * M1)[:, None]) & ~ah
                blk = base[j][:, None] + dah[j][:, None] * ah + dti[j][:, None] * ti
                J[rows, off[j]:off[j + 1]] = -db[rows][:, None] * blk
        return J

    def solve(self, P0: np.ndarray, max_steps: int, deadline: float, newton: bool
              ) -> tuple[np.ndarray, float, int]:
        g = self.game
        x = np.concatenate([P0[i, s] for i, s in enumerate(self.S)])
        x = x / np.maximum(np.add.reduceat(x, self.off[:-1]), 1e-300)[self.own]
        V = g.values_padded(self.unpack(x))
        v = np.array([V[i, s].max() if s.size else 0.0 for i, s in enumerate(self.S)])
        F, b, r, P = self.residual(x, v)
        steps = 0
        while steps < max_steps and np.abs(F).max() >= 1e-15 and time.perf_counter() < deadline:
            steps += 1
            nrm = float(np.linalg.norm(F))
            J = self.jacobian(x, b, r, P)
            trial = None
            for mu in (0.0 if newton else nrm * nrm, nrm):
                try:
                    d = (np.linalg.solve(J, -F) if mu == 0.0 else
                         np.linalg.solve(J.T @ J + mu * np.eye(J.shape[0]), -(J.T @ F)))
                except np.linalg.LinAlgError:
                    continue
                trial = self._search(x, v, d, nrm) if np.all(np.isfinite(d)) else None
                if trial is not None:
                    break
            if trial is None:
                break                       # no descent: not near a solution
            x, v, F, b, r, P = trial
        return P, float(np.abs(F).max()), steps

    def _search(self, x: np.ndarray, v: np.ndarray, d: np.ndarray, nrm: float
                ) -> tuple[np.ndarray, ...] | None:
        lam = 1.0
        while lam >= 1e-3:
            xn, vn = x + lam * d[:self.N], v + lam * d[self.N:]
            Fn, bn, rn, Pn = self.residual(xn, vn)
            if np.linalg.norm(Fn) <= (1 - 1e-4 * lam) * nrm:
                return xn, vn, Fn, bn, rn, Pn
            lam /= 2
        return None


def _normalised(P: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    Q = np.maximum(P, 0.0)
    Q[np.arange(Q.shape[1])[None, :] >= sizes[:, None]] = 0.0
    Q[Q < CLEAN * Q.max(axis=1, keepdims=True)] = 0.0
    tot = Q.sum(axis=1, keepdims=True)
    return np.where(tot > 0, Q / np.where(tot > 0, tot, 1.0), 0.0)


def polish(game: RankGame, P: np.ndarray, *, max_rounds: int = 4, max_steps: int = 20,
           start_band: float | None = None, time_limit: float | None = None,
           max_candidates: int = 1000) -> PolishResult:
    """Turn an approximate equilibrium into an (almost) exact one by semismooth Newton steps.

    Parameters
    ----------
    game : RankGame
        The grid game.
    P : numpy.ndarray
        Padded approximate equilibrium ``(n, M)`` (e.g. a regret-matching average).
    max_rounds : int, default 4
        Candidate-set rounds (a round adds the levels that beat the developer's value).
    max_steps : int, default 20
        Newton steps per round; a round also stops when the line search fails.
    start_band : float, optional
        Initial candidate sets: levels within this much of the best-response value (default
        ten times the largest regret of ``P``).
    time_limit : float, optional
        Seconds after which no new Newton step starts.
    max_candidates : int, default 1000
        No polish is attempted (``rounds == 0``) when more levels than this are candidates: the
        start is then too far from an equilibrium for dense Newton steps to pay off.

    Returns
    -------
    PolishResult
        The better of ``P`` and the polished profile, with its regrets.

    References
    ----------
    De Luca, Facchinei and Kanzow (1996), A semismooth equation approach to the solution of
    nonlinear complementarity problems, Mathematical Programming 75; Chen, Zhang and Hardt (2026),
    Leaderboard incentives, arXiv:2603.08371, Section 4 (equilibria of the developers' subgame).

    Examples
    --------
    >>> import numpy as np
    >>> from benchgame.games.leaderboard import Contest, PowerCost, RankGame, Substitutes
    >>> g = RankGame(Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0]),
    ...              [np.linspace(0, 1, 5)] * 2)
    >>> res = polish(g, np.full((2, 5), 0.2))
    >>> bool(res.regrets.sum() < 1e-12), res.improved
    (True, True)
    """
    with single_blas_thread():
        return _polish(game, P, max_rounds, max_steps, start_band, time_limit, max_candidates)


def _polish(game: RankGame, P: np.ndarray, max_rounds: int, max_steps: int,
            start_band: float | None, time_limit: float | None, max_candidates: int
            ) -> PolishResult:
    deadline = time.perf_counter() + (np.inf if time_limit is None else float(time_limit))
    V = game.values_padded(P)
    reg0 = regrets_padded(P, V)
    best, best_reg = P, reg0
    gap = V.max(axis=1, keepdims=True) - V
    band = float(start_band) if start_band is not None else max(10 * float(reg0.max()), 1e-9)
    S = [np.union1d(np.flatnonzero(gap[i, :m] <= band), [int(np.argmax(V[i]))])
         for i, m in enumerate(game.sizes)]
    if sum(x.size for x in S) > max_candidates:
        return PolishResult(P, reg0, 0, 0, np.inf, False)
    steps = rounds = 0
    res = np.inf
    start = P
    while rounds < max_rounds and time.perf_counter() < deadline:
        rounds += 1
        system = _System(game, S)
        Pn, res, k = system.solve(start, max_steps, deadline, newton=True)
        steps += k
        if 1e-9 < res < 1e-2:               # near a degenerate equilibrium: Levenberg-Marquardt
            Pl, rl, k = system.solve(start, max_steps, deadline, newton=False)
            steps += k
            if rl < res:
                Pn, res = Pl, rl
        Q = _normalised(Pn, game.sizes)
        VQ = game.values_padded(Q)
        reg = regrets_padded(Q, VQ)
        if reg.sum() < best_reg.sum():
            best, best_reg = Q, reg
        if best_reg.sum() <= 1e-13 * max(1.0, float(np.ptp(game.rewards))):
            break
        if res > 1e-9:
            break                           # Newton did not converge: candidates are not enough
        value = (Q * np.where(Q > 0, VQ, 0.0)).sum(axis=1)
        for i, m in enumerate(game.sizes):
            S[i] = np.union1d(S[i], np.flatnonzero(VQ[i, :m] > value[i] + 1e-13))
        start = Q
    return PolishResult(best, best_reg, rounds, steps, float(res), best is not P)
