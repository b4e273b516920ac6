"""Certified mixed equilibria of the leaderboard grid game for many developers and fine grids.

Method. Regret matching+ (Tammelin 2014) with alternating updates and quadratic averaging
(weights ``t^2``, as in discounted regret minimization, Brown and Sandholm 2019) runs on the
grid game; each update needs only one developer's expected payoffs, computed from the
Poisson-binomial rank counts of :class:`~benchgame.games.leaderboard.RankGame` in ``O(n^2 m)``
without enumerating profiles. At checkpoints the average profile is polished by semismooth
Newton steps on the equilibrium conditions (:func:`~benchgame.games.leaderboard.mixed_polish.
polish`), which usually lands on an equilibrium of the grid game up to rounding.

Certificate. The result carries the exact exploitability (sum of regrets, NashConv) of the
returned profile, computed with the same polynomial-time payoffs. It is *certified* only when
the exploitability is at most ``tol`` times the largest adjacent reward gap
``max_r (R_{r-1} - R_r)``; otherwise it says so and reports the bound reached.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from benchgame.core.validation import require
from benchgame.games.leaderboard.mixed_polish import polish
from benchgame.games.leaderboard.rank_counts import regrets_padded
from benchgame.games.leaderboard.rank_payoffs import RankGame

__all__ = ["MixedSolution", "reward_scale", "solve_mixed"]

METHOD = ("regret matching+ (alternating, quadratic averaging) on Poisson-binomial payoffs, "
          "polished by semismooth Newton steps")


def reward_scale(game: RankGame) -> float:
    """The largest adjacent reward gap ``max_r (R_{r-1} - R_r)`` (1 if all rewards are equal).

    Parameters
    ----------
    game : RankGame
        The grid game.

    Returns
    -------
    float
        The scale of the certificate's tolerance.

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, RankGame, Substitutes
    >>> ct = Contest([1.0, 0.5, 0.2], Substitutes(), PowerCost(1.0), [1.0, 0.7, 0.0])
    >>> reward_scale(RankGame.from_contest(ct, levels=3))
    0.7
    """
    gaps = -np.diff(game.rewards)
    return float(gaps.max()) if gaps.size and gaps.max() > 0 else 1.0


@dataclass(frozen=True, eq=False)
class MixedSolution:
    """A mixed profile of the grid game with its exploitability certificate.

    Parameters
    ----------
    game : RankGame
        The grid game.
    profile : tuple of numpy.ndarray
        One probability vector per developer over its grid.
    regrets : numpy.ndarray
        Regret of every developer at ``profile``.
    target : float
        ``tol`` times the largest adjacent reward gap.
    iterations : int
        Regret-matching iterations run.
    polish_attempts, newton_steps : int
        Polish attempts and semismooth Newton steps over all attempts.
    seconds : float
        Wall-clock time.
    trace : tuple of (int, float)
        ``(iteration, exploitability)`` at each checkpoint.
    method : str
        The method.

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, RankGame, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> sol = solve_mixed(RankGame.from_contest(ct, levels=5))
    >>> sol.certified, sol.target, sol.summary().split(":")[0]
    (True, 0.0001, 'certified equilibrium of the grid game')
    """

    game: RankGame
    profile: tuple[np.ndarray, ...]
    regrets: np.ndarray
    target: float
    iterations: int
    polish_attempts: int
    newton_steps: int
    seconds: float
    trace: tuple[tuple[int, float], ...] = field(default_factory=tuple)
    method: str = METHOD

    @property
    def exploitability(self) -> float:
        """Sum of regrets (NashConv) of ``profile``."""
        return float(self.regrets.sum())

    @property
    def epsilon(self) -> float:
        """Largest regret: ``profile`` is an epsilon-equilibrium for this epsilon."""
        return float(self.regrets.max())

    @property
    def certified(self) -> bool:
        """Whether the exploitability meets the target."""
        return self.exploitability <= self.target

    def summary(self) -> str:
        """One line: certified or not, with the bound reached.

        Returns
        -------
        str
            A sentence for reports.
        """
        verdict = ("certified equilibrium of the grid game" if self.certified else
                   "NOT certified: the bound was not met")
        return (f"{verdict}: exploitability {self.exploitability:.3g} (target "
                f"{self.target:.3g}) after {self.iterations} iterations, "
                f"{self.polish_attempts} polish attempts, {self.seconds:.2f} s")

    def to_dict(self) -> dict:
        """The solution as a JSON-ready dictionary.

        Returns
        -------
        dict
            Profile, regrets, certificate fields and counters.
        """
        return {"profile": [p.tolist() for p in self.profile], "regrets": self.regrets.tolist(),
                "exploitability": self.exploitability, "epsilon": self.epsilon,
                "target": self.target, "certified": self.certified,
                "iterations": self.iterations, "polish_attempts": self.polish_attempts,
                "newton_steps": self.newton_steps, "seconds": self.seconds,
                "trace": [list(x) for x in self.trace], "method": self.method}


def solve_mixed(game: RankGame, *, tol: float = 1e-4, max_iter: int = 20_000,
                time_limit: float | None = None, polish_from: int = 50,
                init: Any = None) -> MixedSolution:
    """An epsilon-equilibrium of the grid game, certified by its exploitability.

    Parameters
    ----------
    game : RankGame
        The grid game.
    tol : float, default 1e-4
        Target exploitability relative to the largest adjacent reward gap.
    max_iter : int, default 20000
        Largest number of regret-matching iterations.
    time_limit : float, optional
        Stop after this many seconds (the best profile so far is returned, certified or not).
    polish_from : int, default 50
        First polish checkpoint; later ones double the iteration count.
    init : sequence of array_like, optional
        Starting profile (default: uniform over every grid).

    Returns
    -------
    MixedSolution
        The profile with the smallest exploitability seen, with its certificate.

    Raises
    ------
    InputError
        If ``tol``, ``max_iter`` or ``time_limit`` is invalid.

    References
    ----------
    Tammelin (2014), Solving large imperfect information games using CFR+, arXiv:1407.5042;
    Brown and Sandholm (2019), Solving imperfect-information games via discounted regret
    minimization, AAAI; Chen, Zhang and Hardt (2026), Leaderboard incentives,
    arXiv:2603.08371, Section 4 (equilibria of the developers' subgame).

    Examples
    --------
    The W1 instance on an 11-point grid:

    >>> from benchgame.games.leaderboard import Contest, PowerCost, RankGame, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> sol = solve_mixed(RankGame.from_contest(ct, levels=11))
    >>> sol.certified, sol.exploitability < 1e-12
    (True, True)
    >>> [round(float(x), 3) + 0.0 for x in sol.game.expected_payoffs(sol.profile)]  # O(h) off
    [0.6, 0.0]
    """
    require(np.isfinite(tol) and tol >= 0, "tol", f"is {tol}", "use a tolerance >= 0")
    require(int(max_iter) >= 1, "max_iter", f"is {max_iter}", "use max_iter >= 1")
    require(time_limit is None or time_limit > 0, "time_limit", f"is {time_limit}",
            "use a positive number of seconds")
    t0 = time.perf_counter()
    n, M, sizes = game.n, game.M, game.sizes
    mask = np.arange(M)[None, :] < sizes[:, None]
    uniform = mask / sizes[:, None]
    P = uniform.copy() if init is None else game.padded(init)
    target = float(tol) * reward_scale(game)
    best = P.copy()
    best_reg = regrets_padded(P, game.values_padded(P))
    trace = [(0, float(best_reg.sum()))]
    Q = np.zeros((n, M))
    avg = np.zeros((n, M))
    wsum = 0.0
    attempts = steps = it = 0
    checkpoint = max(1, int(polish_from))
    exact = 1e-13 * reward_scale(game)
    while best_reg.sum() > target and it < max_iter:
        it += 1
        for i in range(n):
            V = np.where(mask[i], game.values_padded(P, i), 0.0)
            Q[i] = np.maximum(Q[i] + (V - P[i] @ V) * mask[i], 0.0)
            s = Q[i].sum()
            P[i] = Q[i] / s if s > 0 else uniform[i]
        w = float(it) ** 2
        avg += w * P
        wsum += w
        elapsed = time.perf_counter() - t0
        out_of_time = time_limit is not None and elapsed > time_limit
        if it == checkpoint or it == max_iter or out_of_time:
            A = avg / wsum
            reg = regrets_padded(A, game.values_padded(A))
            if reg.sum() < best_reg.sum():
                best, best_reg = A, reg
            polishable = getattr(game, "polishable", True)  # noisy games: no Newton polish
            if best_reg.sum() > exact and polishable:  # polish a certified profile too
                left = None if time_limit is None else max(time_limit - elapsed, 0.0)
                res = polish(game, best if best_reg.sum() <= target else A, time_limit=left)
                attempts += res.rounds > 0
                steps += res.newton_steps
                if res.regrets.sum() < best_reg.sum():
                    best, best_reg = res.profile, res.regrets
            trace.append((it, float(best_reg.sum())))
            checkpoint *= 2
        if out_of_time:
            break
    return MixedSolution(game, game.unpadded(best), best_reg, target, it, attempts, steps,
                         time.perf_counter() - t0, tuple(trace))
