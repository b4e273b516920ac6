"""Generalized inverses by bracketing and brentq, and user score families that rely on them.

A family without a closed-form inverse gets ``E_theta(s) = inf{x >= 0 : v(theta, x) >= s}`` from
:func:`bracketed_inverse`: the bracket grows geometrically up to a large training range (catch-up
efforts of fitted learning curves reach hundreds of thousands of steps), and a target at or above
the ceiling is reported as infeasible (``+inf``), never as a failure to converge.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from benchgame.core.validation import require
from benchgame.games.leaderboard.score_family import ScoreFamily

__all__ = ["BracketError", "CallableFamily", "bracketed_inverse"]


class BracketError(ArithmeticError):
    """A target below the ceiling is not reached within the bracketing range ``[0, x_max]``.

    Raised by :func:`bracketed_inverse` instead of reporting a reachable target as infeasible.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Figure 1 (catch-up
    efforts of fitted learning curves reach hundreds of thousands of steps).
    """


def bracketed_inverse(value: Callable[[float], float], s: float, *, strict: bool = False,
                      ceiling: float | None = None, x_max: float = 1e15,
                      xtol: float = 1e-12) -> float:
    """Generalized inverse ``inf{x >= 0 : value(x) >= s}`` of a continuous increasing curve.

    The bracket grows geometrically (``hi <- min(4 hi, x_max)``) until ``value(hi)`` reaches
    ``s`` (``strict``: exceeds it), then brentq finds the crossing. On a flat stretch at level
    ``s`` brentq returns some point of it, so curves with flat parts need their own exact inverse
    (as :class:`~benchgame.games.leaderboard.piecewise_linear_scores.PiecewiseLinearConcave` has).

    Parameters
    ----------
    value : callable
        Scalar curve ``x -> v(x)``, continuous and strictly increasing below its ceiling.
    s : float
        Target score.
    strict : bool, default False
        Find ``inf{x : value(x) > s}`` instead of ``>= s``.
    ceiling : float, optional
        ``lim_{x -> inf} value(x)``; a target at or above it is unattainable.
    x_max : float, default 1e15
        Largest training searched.
    xtol : float, default 1e-12
        Absolute tolerance of brentq.

    Returns
    -------
    float
        0 when ``value(0)`` already reaches ``s``; ``+inf`` when ``s`` is at or above
        ``ceiling``, or, without a ``ceiling``, when ``s`` is not reached by ``x_max``
        (infeasible within that range); the crossing otherwise.

    Raises
    ------
    BracketError
        If ``s`` is below ``ceiling`` but not reached by ``x_max``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.2 and
    Figure 1 (catch-up efforts of fitted learning curves reach hundreds of thousands of steps).

    Examples
    --------
    >>> import math
    >>> from benchgame.games.leaderboard import bracketed_inverse
    >>> curve = lambda x: 1.0 - math.exp(-x)
    >>> round(bracketed_inverse(curve, 0.5, ceiling=1.0), 12)   # log 2
    0.69314718056
    >>> bracketed_inverse(curve, 1.0, ceiling=1.0)
    inf
    """
    from scipy.optimize import brentq

    def reached(x: float) -> bool:
        v = float(value(x))
        return v > s if strict else v >= s

    if reached(0.0):
        return 0.0
    if ceiling is not None and s >= ceiling:
        return float("inf")
    hi = 1.0
    while not reached(hi):
        if hi >= x_max:
            if ceiling is None:
                return float("inf")
            raise BracketError(f"target score {s!r} is below the ceiling {ceiling!r} but "
                               f"value(x_max = {x_max:g}) = {float(value(x_max))!r} does not "
                               "reach it; pass a larger x_max or give the family an exact "
                               "inverse")
        hi = min(4.0 * hi, x_max)
    return float(brentq(lambda x: float(value(x)) - s, 0.0, hi, xtol=xtol, rtol=1e-15,
                        maxiter=500))


class CallableFamily(ScoreFamily):
    """A user score family given by callables, inverted numerically.

    ``value(theta, x)`` must be vectorized, continuous and strictly increasing in x below the
    ceiling ``ceiling(theta)``; the inverse is computed elementwise by :func:`bracketed_inverse`.

    Parameters
    ----------
    value : callable
        ``(theta, x) -> v`` with values in [0, 1].
    ceiling : callable
        ``theta -> U(theta)``.
    name : str, default "user family"
        Name shown in results.

    Raises
    ------
    InputError
        If ``value`` or ``ceiling`` is not callable.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.2.

    Examples
    --------
    >>> import numpy as np
    >>> from benchgame.games.leaderboard import CallableFamily
    >>> fam = CallableFamily(lambda t, x: 1 - np.exp(-(t + x)), lambda t: np.ones_like(t))
    >>> round(float(fam.inverse(0.5, 1 - np.exp(-1.0))), 9)
    0.5
    """

    training_rtol = 1e-12
    training_atol = 1e-11
    """brentq's tolerances in :func:`bracketed_inverse` (with a margin), as the error bound."""

    def __init__(self, value: Callable[[Any, Any], Any], ceiling: Callable[[Any], Any],
                 name: str = "user family") -> None:
        require(callable(value) and callable(ceiling), "value", "and ceiling must be callables")
        self._value, self._ceiling, self.name = value, ceiling, name

    def value(self, theta: Any, x: Any) -> np.ndarray:
        """The user's ``value(theta, x)`` as a float array."""
        return np.asarray(self._value(np.asarray(theta, float), np.asarray(x, float)), float)

    def ceiling(self, theta: Any) -> np.ndarray:
        """The user's ``ceiling(theta)``, broadcast to the shape of ``theta``."""
        return np.broadcast_to(np.asarray(self._ceiling(np.asarray(theta, float)), float),
                               np.shape(theta)).copy()

    def inverse(self, theta: Any, s: Any, *, strict: bool = False, clip: bool = True
                ) -> np.ndarray:
        """Elementwise :func:`bracketed_inverse` (``-inf`` below ``v(theta, 0)`` unclipped)."""
        th_b, s_b = np.broadcast_arrays(np.asarray(theta, float), np.asarray(s, float))
        out = np.empty(th_b.shape)
        for idx in np.ndindex(th_b.shape):
            t, target = float(th_b[idx]), float(s_b[idx])
            v0 = float(self._value(t, 0.0))
            if not clip and (v0 > target or (not strict and v0 >= target)):
                out[idx] = -np.inf         # constant extension to negative training
                continue
            out[idx] = bracketed_inverse(lambda x, t=t: float(self._value(t, x)), target,
                                         strict=strict, ceiling=float(self._ceiling(t)))
        return out

    def strictly_increasing(self, theta: np.ndarray) -> bool:
        """True: the user promises strictly increasing curves."""
        return True

    def to_dict(self) -> dict:
        """The family's name as a JSON-ready dictionary."""
        return {"family": "callable", "name": self.name}
