"""Piecewise-linear concave score curves, one per model, with an exact generalized inverse.

Curves with flat parts and kinks make counterexamples easy to write down, for instance three
models whose curves satisfy C1, C2 and a strict linear cost but violate C3 of Chen, Zhang and
Hardt (2026), Assumption 4.2, so that the adjacent just-overtake conditions no longer imply that
the all-zero profile is an equilibrium.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from benchgame.core.validation import as_finite_array, require
from benchgame.games.leaderboard.score_family import TabulatedFamily, capability_table

__all__ = ["PiecewiseLinearConcave"]


class PiecewiseLinearConcave(TabulatedFamily):
    """Per-model piecewise-linear, concave, non-decreasing score curves.

    Each curve interpolates its knots linearly and is constant after the last knot (the ceiling
    is the last knot value). The inverse is exact, including flat stretches.

    Parameters
    ----------
    theta : array_like, shape (n,)
        Capabilities (distinct).
    knots_x : sequence of array_like
        Per model, strictly increasing knot abscissae starting at 0.
    knots_v : sequence of array_like
        Per model, knot values in [0, 1]; non-decreasing with non-increasing slopes.

    Raises
    ------
    InputError
        If the knot lists do not match the models, do not start at 0, leave [0, 1], decrease or
        are not concave.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.2
    (curves meeting C1 and C2 but not C3) and Theorem 4.6.

    Examples
    --------
    The curves ``min(3 + x, 10)/10``, ``min(2 + x, 9)/10`` and ``min(2x, 3.5)/10``:

    >>> from benchgame.games.leaderboard import PiecewiseLinearConcave
    >>> fam = PiecewiseLinearConcave([3.0, 2.0, 1.0], [[0, 7], [0, 7], [0, 1.75]],
    ...                              [[0.3, 1.0], [0.2, 0.9], [0.0, 0.35]])
    >>> fam.value([3.0, 2.0, 1.0], 1.0).round(12).tolist()
    [0.4, 0.3, 0.2]
    >>> round(float(fam.inverse(1.0, 0.3)), 12)   # training of model 3 to reach 0.3
    1.5
    >>> fam.ceiling([3.0, 2.0, 1.0]).tolist()
    [1.0, 0.9, 0.35]
    """

    def __init__(self, theta: Any, knots_x: Sequence[Any], knots_v: Sequence[Any]) -> None:
        self._theta = capability_table(theta)
        n = self._theta.size
        require(len(knots_x) == n and len(knots_v) == n, "knots_x",
                f"needs one knot list per model ({n})")
        self.knots_x: list[np.ndarray] = []
        self.knots_v: list[np.ndarray] = []
        for k in range(n):
            xs = as_finite_array(knots_x[k], f"knots_x[{k}]", ndim=1)
            vs = as_finite_array(knots_v[k], f"knots_v[{k}]", ndim=1, shape=(xs.size,))
            require(xs.size >= 2 and xs[0] == 0 and bool(np.all(np.diff(xs) > 0)),
                    f"knots_x[{k}]", "must start at 0 and increase strictly (>= 2 knots)")
            require(bool(np.all((vs >= 0) & (vs <= 1))), f"knots_v[{k}]",
                    "has values outside [0, 1]", "scores live in [0, 1]")
            slopes = np.diff(vs) / np.diff(xs)
            require(bool(np.all(slopes >= 0)), f"knots_v[{k}]", "decreases",
                    "scores must be non-decreasing in effort")
            require(bool(np.all(np.diff(slopes) <= 1e-12)), f"knots_v[{k}]",
                    "is not concave (slopes increase)", "give non-increasing slopes")
            self.knots_x.append(xs)
            self.knots_v.append(vs)
        self.name = "piecewise-linear concave"
        self._setup_lookup()

    def _apply(self, theta: Any, arg: Any, fn: Callable[[int, np.ndarray], np.ndarray]
               ) -> np.ndarray:
        th_b, a_b = np.broadcast_arrays(np.asarray(theta, float), np.asarray(arg, float))
        idx = self.index(th_b)
        out = np.empty(a_b.shape)
        for k in np.unique(idx):
            m = idx == k
            out[m] = fn(int(k), a_b[m])
        return out

    def value(self, theta: Any, x: Any) -> np.ndarray:
        """Linear interpolation of each model's knots, broadcast."""
        return self._apply(theta, x, lambda k, xx: np.interp(xx, self.knots_x[k],
                                                              self.knots_v[k]))

    def _inv(self, k: int, s: np.ndarray, strict: bool) -> np.ndarray:
        xs, vs = self.knots_x[k], self.knots_v[k]
        j = np.searchsorted(vs, s, side="right" if strict else "left")
        out = np.empty(s.shape)
        below = j == 0
        out[below] = -np.inf                      # already exceeded/reached at x = 0
        top = j >= vs.size
        out[top] = np.inf
        mid = ~below & ~top
        jm = j[mid]
        x0, x1, v0, v1 = xs[jm - 1], xs[jm], vs[jm - 1], vs[jm]
        out[mid] = x0 + (s[mid] - v0) * (x1 - x0) / (v1 - v0)
        return out

    def inverse(self, theta: Any, s: Any, *, strict: bool = False, clip: bool = True
                ) -> np.ndarray:
        """Exact generalized inverse on the knots (``+inf`` above the last knot value)."""
        out = self._apply(theta, s, lambda k, ss: self._inv(k, ss, strict))
        return np.maximum(out, 0.0) if clip else out

    def ceiling(self, theta: Any) -> np.ndarray:
        """The last knot value of each model."""
        th = np.asarray(theta, float)
        return np.asarray([self.knots_v[k][-1] for k in np.ravel(self.index(th))]
                          ).reshape(th.shape)

    def to_dict(self) -> dict:
        """The knots as a JSON-ready dictionary."""
        return {"family": "piecewise_linear_concave", "theta": self._theta.tolist(),
                "knots_x": [x.tolist() for x in self.knots_x],
                "knots_v": [v.tolist() for v in self.knots_v]}
