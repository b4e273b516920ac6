"""The exact pure-equilibrium test of one effort profile, with its certificate.

A profile is a pure Nash equilibrium (PNE) iff no developer's supremum deviation payoff exceeds
its current payoff. The supremum comes from the exact best-response oracle
(:func:`benchgame.games.leaderboard.best_response.best_response`), so the test involves no grid,
and the certificate is the vector of per-developer regrets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from benchgame.core.validation import require
from benchgame.games.leaderboard.best_response import BestResponse, best_response
from benchgame.games.leaderboard.contest import Contest

__all__ = ["PNETest", "pne_test"]

DEFAULT_TOL = 1e-9
"""Default tolerance of the equilibrium tests (regrets and ``c(ebar) >= gap`` margins)."""


@dataclass(frozen=True)
class PNETest:
    """Certificate of the PNE test of one profile.

    ``gaps[i] = sup_e u_i(e, e_-i) - u_i(profile) >= 0``; the profile is a PNE iff every gap is
    ``<= tol``.

    Parameters
    ----------
    efforts : numpy.ndarray, shape (n,)
        The profile tested.
    gaps : numpy.ndarray, shape (n,)
        Per-developer regrets.
    best_responses : tuple of BestResponse
        The exact best response of each developer.
    is_equilibrium : bool
        Whether every gap is at most ``tol``.
    tol : float
        Tolerance used.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6.
    """

    efforts: np.ndarray
    gaps: np.ndarray
    best_responses: tuple[BestResponse, ...]
    is_equilibrium: bool
    tol: float

    def to_dict(self) -> dict:
        """The certificate as a JSON-ready dictionary."""
        return {"efforts": self.efforts.tolist(), "gaps": self.gaps.tolist(),
                "is_equilibrium": self.is_equilibrium, "tol": self.tol,
                "best_responses": [b.to_dict() for b in self.best_responses]}


def pne_test(contest: Contest, efforts: Any, tol: float = DEFAULT_TOL) -> PNETest:
    """Exact PNE test of ``efforts``: ``u_i >= sup-deviation_i - tol`` for every developer.

    Parameters
    ----------
    contest : Contest
        The contest.
    efforts : array_like, shape (n,)
        The profile to test.
    tol : float, default 1e-9
        Largest regret accepted.

    Returns
    -------
    PNETest
        The verdict and the per-developer regrets and best responses.

    Raises
    ------
    InputError
        If ``efforts`` is not one valid profile.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Proposition 4.3 and
    Theorem 4.6 (pure Nash equilibria of the developers' subgame).

    Examples
    --------
    With a prize of 1 and cost ``c(e) = e`` the all-zero profile is not an equilibrium (the
    weaker developer overtakes at cost 0.5); with a prize of 0.25 it is:

    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes, pne_test
    >>> c = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> t = pne_test(c, [0.0, 0.0])
    >>> t.is_equilibrium, t.gaps.tolist()
    (False, [0.0, 0.5])
    >>> pne_test(c.with_rewards([0.25, 0.0]), [0.0, 0.0]).is_equilibrium
    True
    """
    e = contest._efforts(efforts)
    require(e.ndim == 1, "efforts", "must be one profile of shape (n,)")
    brs = tuple(best_response(contest, e, i) for i in range(contest.n))
    gaps = np.array([b.gap for b in brs])
    return PNETest(e.copy(), gaps, brs, bool(np.all(gaps <= tol)), float(tol))
