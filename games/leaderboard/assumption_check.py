"""The result type of the assumption checkers, and the sampling grids they share.

Each checker of :mod:`benchgame.games.leaderboard.assumptions` and
:mod:`benchgame.games.leaderboard.cost_assumptions` returns a frozen :class:`AssumptionCheck`
with ``holds``, the ``method`` used (``symbolic`` via sympy where the family or cost has a closed
form, ``numeric`` on a grid otherwise) and either a certificate (grid used, smallest margin) or a
violating witness (the point and the numbers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from benchgame.core.validation import as_finite_array, require

__all__ = ["SATURATION", "AssumptionCheck", "default_training_grid"]

SATURATION = 1e-9
"""Scores within this distance of the ceiling are treated as saturated in floating point and
left out of the numeric C1/C3 grids (the generalized inverse has no precision there)."""


@dataclass(frozen=True)
class AssumptionCheck:
    """Outcome of one assumption check.

    Parameters
    ----------
    name : str
        ``C1``, ``C2``, ``C3``, ``convexity`` or ``S``.
    holds : bool
        Whether the assumption holds (on the grid, for a numeric check).
    method : str
        ``symbolic`` (sympy / closed-form sign analysis, valid on the whole domain) or
        ``numeric`` (valid on the grid in ``certificate``).
    certificate : dict, optional
        Grid used (size and range) and the smallest margin; the symbolic condition when symbolic.
    witness : dict or None, optional
        When ``holds`` is False: the violating point and the numbers.
    tol : float, default 0.0
        Tolerance of the check.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumptions 4.1 and
    4.2.
    """

    name: str
    holds: bool
    method: str
    certificate: dict = field(default_factory=dict)
    witness: dict | None = None
    tol: float = 0.0

    def to_dict(self) -> dict:
        """The check as a JSON-ready dictionary."""
        return {"name": self.name, "holds": self.holds, "method": self.method,
                "certificate": self.certificate, "witness": self.witness, "tol": self.tol}


def default_training_grid(base: float = 0.0, points: int = 400, x_max: float = 1e6) -> np.ndarray:
    """Default sampling grid of training levels for the numeric checks.

    Parameters
    ----------
    base : float, default 0.0
        Offset added to every point (the protocol's base training).
    points : int, default 400
        Number of points before duplicates are removed (at least 8): half linear on [0, 10],
        half logarithmic on ``[1e-3, x_max]``, plus 0.
    x_max : float, default 1e6
        Largest point before the offset.

    Returns
    -------
    numpy.ndarray
        ``base + unique({0} U linspace(0, 10) U logspace(-3, log10(x_max)))``, sorted.

    Raises
    ------
    InputError
        If ``points < 8``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.2 (the
    grids on which C1-C3 are sampled).

    Examples
    --------
    >>> from benchgame.games.leaderboard import default_training_grid
    >>> default_training_grid(10.0, points=8, x_max=100.0).round(3).tolist()
    [10.0, 10.001, 10.046, 12.154, 13.333, 16.667, 20.0, 110.0]
    """
    require(points >= 8, "points", f"is {points}", "use at least 8 grid points")
    g = np.concatenate([[0.0], np.linspace(0.0, 10.0, points // 2)[1:],
                        np.logspace(-3, np.log10(x_max), points // 2)])
    return base + np.unique(g)


def checked_grid(x: Any, base: float) -> np.ndarray:
    """``x`` validated as a sorted grid of at least 3 points, or the default grid at ``base``."""
    if x is None:
        return default_training_grid(base)
    g = np.unique(as_finite_array(x, "x_grid", ndim=1, nonnegative=True))
    require(g.size >= 3, "x_grid", f"has {g.size} points", "give at least 3 grid points")
    return g


def grid_certificate(g: np.ndarray, margin: float, **extra: Any) -> dict:
    """Certificate of a numeric check: the grid's size and range and the smallest margin."""
    return {"grid": {"points": int(g.size), "min": float(g[0]), "max": float(g[-1])},
            "min_margin": float(margin), **extra}
