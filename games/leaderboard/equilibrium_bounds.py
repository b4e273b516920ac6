"""A certified distance from a computed profile to an exact equilibrium of the grid game.

Let ``p`` be a computed profile with support ``T_i`` for developer ``i`` and values ``v_i``.
On the supports, an equilibrium solves the polynomial system

    F(p, v) = ( U_i(k; p_{-i}) - v_i  for k in T_i ;  sum_k p_i(k) - 1 ) = 0.

Newton-Kantorovich theorem (Ortega and Rheinboldt 1970, 12.6.2): with ``beta >= ||J^{-1}||``,
``eta >= ||J^{-1} F||`` at ``(p, v)`` and ``L`` a Lipschitz constant of ``J`` near ``(p, v)``,
if ``h = beta L eta <= 1/2`` then ``F`` has a root within ``r = (1 - sqrt(1 - 2h)) / (beta L)``
(max norm). ``U_i(k)`` is multilinear in the probabilities ``q_j`` that opponents rank ahead,
with second derivatives bounded by the reward range ``R_1 - R_n``, so ``L = (R_1 - R_n) N^2``
up to a factor ``exp(2 N r)`` (``N`` support levels in all). The root is an *exact* equilibrium
when every probability on the supports exceeds ``r`` and every level off the supports falls
short of ``v_i`` by more than ``((R_1 - R_n) N + 1) r``; levels whose cost is at least
``R_1 - R_n`` never need the margin (zero effort is at least as good). Floating-point errors in
``F`` and in the computed inverse are covered by explicit safety terms (the check is not
interval arithmetic). Any expectation of a function bounded by ``B`` then differs between the
two profiles by at most ``B N r``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from benchgame.games.leaderboard.blas_threads import single_blas_thread
from benchgame.games.leaderboard.mixed_polish import derivative_blocks, sorted_positions
from benchgame.games.leaderboard.rank_payoffs import RankGame

__all__ = ["NearbyEquilibrium", "nearby_equilibrium"]

_ROUNDING = 1e-13


@dataclass(frozen=True)
class NearbyEquilibrium:
    """Outcome of :func:`nearby_equilibrium`.

    Parameters
    ----------
    verified : bool
        Whether an exact equilibrium of the grid game lies within ``radius``.
    radius : float or None
        Max-norm distance bound on the support probabilities (None when not verified).
    l1_radius : numpy.ndarray or None
        Per developer, bound on the total variation ``||p_i - p*_i||_1`` (None when not
        verified).
    reason : str
        What was checked, or why verification failed.

    Examples
    --------
    >>> NearbyEquilibrium(False, None, None, "singular Jacobian").to_dict()["verified"]
    False
    """

    verified: bool
    radius: float | None
    l1_radius: np.ndarray | None
    reason: str

    def to_dict(self) -> dict:
        """The outcome as a JSON-ready dictionary.

        Returns
        -------
        dict
            ``verified``, ``radius``, ``l1_radius`` and ``reason``.
        """
        return {"verified": self.verified, "radius": self.radius,
                "l1_radius": None if self.l1_radius is None else self.l1_radius.tolist(),
                "reason": self.reason}


def _jacobian(game: RankGame, P: np.ndarray, T: list[np.ndarray]) -> np.ndarray:
    off = np.cumsum([0] + [t.size for t in T])
    N, n, M1 = int(off[-1]), game.n, game.M + 1
    pos, tab = sorted_positions(game), game.tables
    J = np.zeros((N + n, N + n))
    for i, k in enumerate(T):
        J[off[i]:off[i + 1], N + i] = -1.0
        J[N + i, off[i]:off[i + 1]] = 1.0
        _, dah, dti = derivative_blocks(game, P, i, k)
        for j, lv in enumerate(T):
            if j == i:
                continue
            pj = pos[j, lv][None, :]
            ah = pj >= (tab.ahead[j, i, k] - j * M1)[:, None]
            ti = (pj >= (tab.level[j, i, k] - j * M1)[:, None]) & ~ah
            J[off[i]:off[i + 1], off[j]:off[j + 1]] = (dah[j][:, None] * ah
                                                       + dti[j][:, None] * ti)
    return J


def nearby_equilibrium(game: RankGame, profile: np.ndarray, *, max_levels: int = 3000
                       ) -> NearbyEquilibrium:
    """Certify that an exact equilibrium of the grid game lies near a computed profile.

    Parameters
    ----------
    game : RankGame
        The grid game.
    profile : numpy.ndarray
        Padded profile ``(n, M)`` (e.g. the output of a polish).
    max_levels : int, default 3000
        Skip the check when the supports hold more levels (dense linear algebra).

    Returns
    -------
    NearbyEquilibrium
        ``verified`` with the radius, or the reason it could not be verified (degenerate or
        ill-conditioned equilibrium, profile too far from one, too many levels).

    References
    ----------
    Ortega and Rheinboldt (1970), Iterative Solution of Nonlinear Equations in Several
    Variables, Theorem 12.6.2 (Newton-Kantorovich); Chen, Zhang and Hardt (2026), Leaderboard
    incentives, arXiv:2603.08371, Section 4 (equilibria of the developers' subgame).

    Examples
    --------
    Two developers on the grid ``{0, 0.5}`` with a prize of 1: the exact equilibrium is pure.

    >>> import numpy as np
    >>> from benchgame.games.leaderboard import Contest, PowerCost, RankGame, Substitutes
    >>> g = RankGame(Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0]),
    ...              [[0.0, 0.5]] * 2)
    >>> res = nearby_equilibrium(g, np.array([[1.0, 0.0], [1.0, 0.0]]))
    >>> res.verified, res.radius < 1e-12
    (True, True)
    """
    with single_blas_thread():
        return _nearby(game, np.asarray(profile, float), max_levels)


def _nearby(game: RankGame, P: np.ndarray, max_levels: int) -> NearbyEquilibrium:
    n = game.n
    T = [np.flatnonzero(P[i, :m] > 0) for i, m in enumerate(game.sizes)]
    N = sum(t.size for t in T)
    if N > max_levels:
        return NearbyEquilibrium(False, None, None, f"{N} support levels exceed max_levels = "
                                 f"{max_levels}")
    spread = float(game.rewards[0] - game.rewards[-1])
    V = game.values_padded(P)
    v = (P * np.where(P > 0, V, 0.0)).sum(axis=1)
    F = np.concatenate([V[i, t] - v[i] for i, t in enumerate(T)]
                       + [P.sum(axis=1) - 1.0])
    J = _jacobian(game, P, T)
    try:
        Jinv = np.linalg.inv(J)
    except np.linalg.LinAlgError:
        return NearbyEquilibrium(False, None, None, "singular Jacobian on the supports "
                                 "(degenerate equilibrium)")
    theta = float(np.abs(np.eye(N + n) - J @ Jinv).sum(axis=1).max())
    if not np.isfinite(theta) or theta >= 0.5:
        return NearbyEquilibrium(False, None, None, "ill-conditioned Jacobian on the supports")
    beta = float(np.abs(Jinv).sum(axis=1).max()) / (1.0 - theta)
    err = _ROUNDING * (1.0 + spread + float(np.max(np.abs(V[np.isfinite(V)]), initial=0.0)))
    eta = beta * (float(np.abs(F).max()) + err)
    radius = 0.0
    if eta > 0:
        rho = 2.0 * eta
        if 2.0 * N * rho > 1.0:
            return NearbyEquilibrium(False, None, None, f"Newton correction {eta:.3g} is too "
                                     "large: the profile is not close to an equilibrium")
        L = max(spread, 1e-300) * N ** 2 * np.exp(2.0 * N * rho)
        h = beta * L * eta
        if h > 0.5:
            return NearbyEquilibrium(False, None, None, f"Kantorovich test fails (h = {h:.3g} > "
                                     "1/2): the profile is not close enough to an equilibrium")
        radius = float((1.0 - np.sqrt(1.0 - 2.0 * h)) / (beta * L))
    grow = np.exp(2.0 * N * max(radius, 0.0))
    pmin = min(float(P[i, t].min()) for i, t in enumerate(T) if t.size)
    if radius >= pmin:
        return NearbyEquilibrium(False, None, None, f"radius {radius:.3g} is not below the "
                                 f"smallest support probability {pmin:.3g}")
    need = (spread * N + 1.0) * radius * grow + err
    zero_ok = [game.grids[i][0] == 0.0 for i in range(n)]
    for i, m in enumerate(game.sizes):
        off = np.setdiff1d(np.arange(m), T[i])
        if zero_ok[i]:
            off = off[game.costs[i][off] < spread]
        if off.size and float((v[i] - V[i, off]).min()) <= need:
            k = int(off[np.argmin(v[i] - V[i, off])])
            return NearbyEquilibrium(False, None, None, f"developer {i}: level {k} off the "
                                     f"support is within {need:.3g} of the value (degenerate)")
    l1 = np.array([t.size * radius for t in T])
    return NearbyEquilibrium(True, radius, l1, "Newton-Kantorovich on the supports: an exact "
                             f"equilibrium lies within {radius:.3g} (max norm)")
