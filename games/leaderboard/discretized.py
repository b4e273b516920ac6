"""Discretized leaderboard games: finite cross-checks of the continuum analysis.

The developers' subgame ``G(Delta)`` restricted to effort grids is a finite normal-form game
(:class:`benchgame.games.NormalFormGame`). The grid for developer ``r`` is

    {0, h, 2h, ..., e_max}  U  {ebar_{r,k}(Delta), ebar_{r,k}(Delta) +- h/10 : k < r},

with ``e_max >= c^{-1}(R_1 - R_n)`` (no one spends more than the largest prize) and the exact
catch-up thresholds ``ebar`` (:func:`benchgame.games.leaderboard.catch_up_matrix`) inserted, so
that "tie at the threshold" and "just above it" are both available. The payoff tensor
``(m_1, ..., m_n, n)`` is built by broadcasting the profile grid through
:meth:`Contest.utilities` (no loop over profiles). Ties: scores within ``tie_tol`` are tied and
the contest's tie rule decides inside that band (the inserted thresholds tie in exact arithmetic
but may differ by rounding in floating point).

The grid game is a different game: a just-overtake that is profitable in the continuum may cost
``c(e_req + h) > G`` on the grid and create spurious equilibria. Every grid pure equilibrium is
therefore re-checked with the continuum oracle :func:`benchgame.games.leaderboard.pne_test`, and
those that fail are reported as grid artifacts, together with the grid step. Mixed equilibria of
grid games are in :mod:`benchgame.games.leaderboard.grid_mixed`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from benchgame.core.limits import check_limit
from benchgame.core.validation import require
from benchgame.games.equilibrium import EquilibriumSet
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.pne_certificate import PNETest, pne_test
from benchgame.games.leaderboard.thresholds import catch_up_matrix
from benchgame.games.normal_form import NormalFormGame
from benchgame.games.pure import pure_equilibria

__all__ = [
    "DiscretizedGame",
    "GridPureEquilibria",
    "discretize",
    "effort_grids",
    "grid_pure_equilibria",
]

MERGE_RTOL = 1e-9
"""Grid points closer than ``MERGE_RTOL * step`` are one point (rounding of the thresholds)."""


def _merge_close(keep: np.ndarray, others: np.ndarray, step: float) -> np.ndarray:
    """Sorted union of ``keep`` and ``others`` with points equal up to rounding merged.

    Points closer than ``MERGE_RTOL * step`` form one cluster; a cluster keeps its first point
    from ``keep`` (the exact catch-up thresholds), else its smallest point. A threshold
    ``0.9999999999999999`` thus replaces the grid point ``1.0`` instead of sitting next to it.
    """
    pts = np.concatenate([keep, others])
    is_keep = np.concatenate([np.ones(keep.size, bool), np.zeros(others.size, bool)])
    order = np.argsort(pts, kind="stable")
    pts, is_keep = pts[order], is_keep[order]
    if pts.size == 0:
        return pts
    new = np.concatenate([[True], np.diff(pts) > MERGE_RTOL * step])
    cluster = np.cumsum(new) - 1
    out = pts[new].copy()                        # smallest point of each cluster
    k = np.flatnonzero(is_keep)
    cl, first = np.unique(cluster[k], return_index=True)
    out[cl] = pts[k[first]]                      # ... unless the cluster holds a threshold
    return out


def _labels(grid: np.ndarray) -> list[str]:
    """Distinct strategy labels: 6 significant digits, more where two points would collide."""
    for digits in (6, 9, 12, 17):
        lab = [f"{x:.{digits}g}" for x in grid]
        if len(set(lab)) == len(lab):
            return lab
    return [repr(float(x)) for x in grid]


def effort_grids(contest: Contest, step: float, *, e_max: float | None = None,
                 insert_thresholds: bool = True) -> tuple[tuple[np.ndarray, ...], float,
                                                          tuple[np.ndarray, ...]]:
    """Per-developer effort grids with the exact catch-up thresholds inserted.

    Parameters
    ----------
    contest : Contest
        The contest.
    step : float
        Grid step ``h > 0``.
    e_max : float, optional
        Largest effort (default ``c^{-1}(R_1 - R_n)`` rounded up to the grid).
    insert_thresholds : bool, default True
        Insert ``ebar_{r,k}`` and ``ebar +- h/10`` for every k < r.

    Returns
    -------
    grids : tuple of numpy.ndarray
        Effort grid of each developer (read-only).
    e_max : float
        Largest effort.
    inserted : tuple of numpy.ndarray
        ``inserted[r]``: the exact thresholds ``ebar_{r,k}`` (k < r) added to developer r's grid
        (with ``+- step/10``).

    Raises
    ------
    InputError
        If ``step`` or ``e_max`` is invalid or the grid game would exceed the ``grid_profiles``
        limit of :mod:`benchgame.core.limits` (4,000,000 profiles unless raised).

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6 (the
    just-overtake thresholds inserted in the grids).

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes, effort_grids
    >>> c = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> grids, e_max, inserted = effort_grids(c, 0.25)
    >>> grids[1].tolist(), e_max, inserted[1].tolist()
    ([0.0, 0.25, 0.475, 0.5, 0.525, 0.75, 1.0], 1.0, [0.5])
    """
    require(np.isfinite(step) and step > 0, "step", f"is {step}", "use a grid step h > 0")
    R = contest.rewards.values
    if e_max is None:
        e_max = float(contest.cost.inverse(float(R[0] - R[-1])))
        e_max = max(step, float(np.ceil(e_max / step - 1e-9) * step))
    require(np.isfinite(e_max) and e_max >= step, "e_max", f"is {e_max}",
            "use e_max >= step (default c^{-1}(R_1 - R_n))")
    points = math.floor(e_max / step + 0.5) + 1  # checked before the grid is allocated
    check_limit(points ** contest.n, "grid_profiles", f"step (h = {step:g}: {points} points per "
                f"developer, {contest.n} developers)")
    base = np.arange(0.0, e_max + step / 2, step)
    M = catch_up_matrix(contest).values if insert_thresholds else None
    grids, inserted = [], []
    for r in range(contest.n):
        extra = np.empty(0)
        if M is not None and r > 0:
            t = M[r, :r]
            t = t[np.isfinite(t) & (t <= e_max)]
            extra = _merge_close(np.unique(t), np.empty(0), step)
            pts = np.concatenate([extra - step / 10, extra + step / 10])
            pts = pts[(pts >= 0) & (pts <= e_max + step / 10)]
            grids.append(_merge_close(extra, np.concatenate([base, pts]), step))
        else:
            grids.append(base.copy())
        inserted.append(extra)
    for g in grids:
        g.setflags(write=False)
    return tuple(grids), float(e_max), tuple(inserted)


@dataclass(frozen=True, eq=False)
class DiscretizedGame:
    """A leaderboard contest restricted to effort grids (built by :func:`discretize`).

    Parameters
    ----------
    contest : Contest
        The contest with ``tie_tol`` set to the tie band used on the grid.
    grids : tuple of numpy.ndarray
        Effort grid of each developer.
    step : float
        Grid step ``h``.
    e_max : float
        Largest effort.
    inserted : tuple of numpy.ndarray
        Exact thresholds inserted per developer.
    game : NormalFormGame
        Payoff tensor ``(m_1, ..., m_n, n)``.
    notes : tuple of str, optional
        Grid caveats (e.g. ``c(h) >= min positive reward gap``).

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6 (the
    continuum game the grid approximates).
    """

    contest: Contest
    grids: tuple[np.ndarray, ...]
    step: float
    e_max: float
    inserted: tuple[np.ndarray, ...]
    game: NormalFormGame
    notes: tuple[str, ...] = field(default_factory=tuple)

    def profile_efforts(self, profile: Any) -> np.ndarray:
        """Efforts of a profile of grid indices."""
        return np.array([g[int(a)] for g, a in zip(self.grids, profile, strict=True)])

    def to_dict(self) -> dict:
        """The grid (without the payoff tensor) as a JSON-ready dictionary."""
        return {"step": self.step, "e_max": self.e_max, "shape": list(self.game.shape),
                "inserted": [x.tolist() for x in self.inserted], "notes": list(self.notes),
                "tie_tol": self.contest.tie_tol}


def discretize(contest: Contest, step: float, *, e_max: float | None = None,
               insert_thresholds: bool = True, tie_tol: float = 1e-12) -> DiscretizedGame:
    """Build the grid game of ``contest`` with grid step ``step``.

    Parameters
    ----------
    contest : Contest
        The contest.
    step : float
        Grid step ``h``.
    e_max : float, optional
        Largest effort (default ``c^{-1}(R_1 - R_n)`` rounded up to the grid).
    insert_thresholds : bool, default True
        Insert ``ebar_{r,k}`` and ``ebar +- h/10``.
    tie_tol : float, default 1e-12
        Scores within ``tie_tol`` are tied; the contest's tie rule applies inside the band.

    Returns
    -------
    DiscretizedGame
        The grids and the normal-form game, with a note when one grid step costs at least the
        smallest positive reward gap (spurious grid equilibria possible).

    Raises
    ------
    InputError
        If ``tie_tol`` is negative or the grid is invalid or too large.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6 (the
    continuum game the grid approximates).

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes, discretize
    >>> c = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> dg = discretize(c, 0.05)
    >>> dg.game.shape, dg.inserted[1].tolist(), dg.e_max
    ((21, 23), [0.5], 1.0)
    """
    require(np.isfinite(tie_tol) and tie_tol >= 0, "tie_tol", f"is {tie_tol}", "use >= 0")
    c = Contest(contest.theta, contest.family, contest.cost, contest.rewards, contest.protocol,
                contest.tie, contest.priority, max(float(tie_tol), contest.tie_tol))
    grids, e_max, inserted = effort_grids(c, step, e_max=e_max,
                                          insert_thresholds=insert_thresholds)
    E = np.stack(np.meshgrid(*grids, indexing="ij"), axis=-1)
    payoffs = c.utilities(E)
    game = NormalFormGame(payoffs, labels=[_labels(g) for g in grids],
                          players=[f"developer {i}" for i in range(c.n)],
                          title=f"leaderboard grid game (h = {step:g}, Delta = {c.delta:g})")
    notes = []
    G = c.rewards.gaps
    pos = G[G > 0]
    ch = float(c.cost(step))
    if pos.size and ch >= pos.min():
        notes.append(f"c(h) = {ch:.4g} >= smallest positive reward gap {pos.min():.4g}: "
                     "exceeding a threshold by one step may be unprofitable on the grid "
                     "although profitable in the continuum (spurious grid equilibria possible)")
    return DiscretizedGame(c, grids, float(step), e_max, inserted, game, tuple(notes))


# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class GridPureEquilibria:
    """Pure equilibria of a grid game, each re-checked in the continuum.

    Parameters
    ----------
    discretized : DiscretizedGame
        The grid game.
    equilibria : EquilibriumSet
        Complete pure enumeration on the grid (engine certificates).
    profiles : tuple of numpy.ndarray
        Efforts of each grid PNE.
    continuum : tuple of PNETest
        Continuum oracle verdict for each grid PNE.
    artifacts : tuple of int
        Indices (into ``profiles``) of grid PNE that are not continuum PNE.
    step : float
        Grid step.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6.
    """

    discretized: DiscretizedGame
    equilibria: EquilibriumSet
    profiles: tuple[np.ndarray, ...]
    continuum: tuple[PNETest, ...]
    artifacts: tuple[int, ...]
    step: float

    @property
    def certified(self) -> tuple[np.ndarray, ...]:
        """Grid PNE that are also continuum PNE."""
        return tuple(p for k, p in enumerate(self.profiles) if k not in self.artifacts)

    def to_dict(self) -> dict:
        """The equilibria and their continuum verdicts as a JSON-ready dictionary."""
        return {"step": self.step, "grid": self.discretized.to_dict(),
                "profiles": [p.tolist() for p in self.profiles],
                "continuum_pne": [t.is_equilibrium for t in self.continuum],
                "continuum_gaps": [t.gaps.tolist() for t in self.continuum],
                "artifacts": list(self.artifacts)}


def grid_pure_equilibria(dg: DiscretizedGame, tol: float = 1e-9,
                         continuum_tol: float = 1e-9) -> GridPureEquilibria:
    """All pure equilibria of the grid game, each re-checked with the continuum oracle.

    Parameters
    ----------
    dg : DiscretizedGame
        The grid game.
    tol : float, default 1e-9
        Relative tolerance of the engine's vectorized pure enumeration.
    continuum_tol : float, default 1e-9
        Tolerance of :func:`~benchgame.games.leaderboard.pne_certificate.pne_test`.

    Returns
    -------
    GridPureEquilibria
        The grid equilibria, their continuum verdicts and the grid artifacts.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6 and
    Proposition 4.3.

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> from benchgame.games.leaderboard import discretize, grid_pure_equilibria
    >>> c = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> len(grid_pure_equilibria(discretize(c, 0.05)).profiles)
    0
    >>> res = grid_pure_equilibria(discretize(c.with_rewards([0.25, 0.0]), 0.05))
    >>> [p.tolist() for p in res.certified], res.artifacts
    ([[0.0, 0.0]], ())
    """
    eqs = pure_equilibria(dg.game, tol)
    profiles = tuple(dg.profile_efforts(e.provenance["profile"]) for e in eqs.equilibria)
    tests = tuple(pne_test(dg.contest, p, continuum_tol) for p in profiles)
    artifacts = tuple(k for k, t in enumerate(tests) if not t.is_equilibrium)
    return GridPureEquilibria(dg, eqs, profiles, tests, artifacts, dg.step)
