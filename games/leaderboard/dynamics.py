"""Best-response dynamics of the leaderboard contest, for illustration, with cycle detection.

When the all-zero profile is not an equilibrium, sequential best-response play shows the
just-overtake arms race behind Chen, Zhang and Hardt (2026), Theorem 4.6: a trailing developer
overtakes by one effort step, the overtaken and more capable one retakes the spot more cheaply,
efforts escalate until overtaking no longer pays, and play collapses back to zero. A profile at
which play stops is reported as a pure equilibrium only after the exact test
:func:`~benchgame.games.leaderboard.pne_certificate.pne_test`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from benchgame.core.validation import require
from benchgame.games.leaderboard.best_response import best_response
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.pne_certificate import DEFAULT_TOL, pne_test

__all__ = ["Dynamics", "best_response_dynamics"]


@dataclass(frozen=True)
class Dynamics:
    """Result of :func:`best_response_dynamics`.

    Parameters
    ----------
    path : numpy.ndarray, shape (moves + 1, n)
        The profiles visited, one row per single-player move (the start first).
    converged : bool
        Whether play reached a profile at which no player moved in a full round.
    cycle_length : int or None
        The period (in moves) when a profile repeats.
    cycle_start : int or None
        Index in ``path`` of the first visit of the repeated profile.
    certified_pne : bool or None
        The :func:`~benchgame.games.leaderboard.pne_certificate.pne_test` verdict for the
        profile where play stopped (None without convergence).
    step : float
        The effort step used to exceed an infimum.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6.
    """

    path: np.ndarray
    converged: bool
    cycle_length: int | None
    cycle_start: int | None
    certified_pne: bool | None
    step: float

    def to_dict(self) -> dict:
        """The result as a JSON-ready dictionary."""
        return {"path": self.path.tolist(), "converged": self.converged,
                "cycle_length": self.cycle_length, "cycle_start": self.cycle_start,
                "certified_pne": self.certified_pne, "step": self.step}


def best_response_dynamics(contest: Contest, start: Any = None, *, step: float = 0.05,
                           max_moves: int = 10_000, tol: float = DEFAULT_TOL) -> Dynamics:
    """Round-robin best-response play, from the last developer up, until a cycle or rest.

    A player whose regret exceeds ``tol`` moves to its best response if attained, else to the
    smallest multiple of ``step`` strictly above the infimum ("exceed by one step", as on an
    effort grid of step ``step``). Play stops at a repeated profile (cycle) or after a full round
    without moves; that fixed point is then checked with
    :func:`~benchgame.games.leaderboard.pne_certificate.pne_test`, never assumed to be a PNE.

    Parameters
    ----------
    contest : Contest
        The contest.
    start : array_like, shape (n,), optional
        Starting profile (default all zero).
    step : float, default 0.05
        Effort step used to exceed an infimum that is not attained.
    max_moves : int, default 10000
        Largest number of moves.
    tol : float, default 1e-9
        Regret below which a player does not move.

    Returns
    -------
    Dynamics
        The path, and whether it converged (with the equilibrium verdict) or cycled.

    Raises
    ------
    InputError
        If ``step <= 0`` or ``start`` is not a valid profile.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6 (no pure
    equilibrium when an adjacent just-overtake is cheaper than its reward gap).

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> from benchgame.games.leaderboard import best_response_dynamics
    >>> c = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> d = best_response_dynamics(c, step=0.05)
    >>> d.converged, d.cycle_length, d.path[-3:].round(12).tolist()
    (False, 22, [[0.5, 1.0], [0.5, 0.0], [0.0, 0.0]])
    >>> best_response_dynamics(c.with_rewards([0.25, 0.0])).certified_pne
    True
    """
    require(step > 0, "step", f"is {step}", "use a positive effort step")
    n = contest.n
    e = np.zeros(n) if start is None else contest._efforts(start).astype(float).copy()
    seen: dict[tuple, int] = {tuple(np.round(e, 12)): 0}
    path = [e.copy()]
    idle = 0
    moves = 0
    i = n - 1
    while moves < max_moves:
        br = best_response(contest, e, i)
        if br.gap > tol:
            if br.attained:
                e[i] = br.effort
            else:
                e[i] = step * (np.floor(br.effort / step + 1e-9) + 1.0)
            moves += 1
            idle = 0
            path.append(e.copy())
            key = tuple(np.round(e, 12))
            if key in seen:
                return Dynamics(np.array(path), False, moves - seen[key], seen[key], None, step)
            seen[key] = moves
        else:
            idle += 1
            if idle >= n:
                cert = pne_test(contest, e, tol).is_equilibrium
                return Dynamics(np.array(path), True, None, None, cert, step)
        i = (i - 1) % n
    return Dynamics(np.array(path), False, None, None, None, step)
