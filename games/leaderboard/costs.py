"""Effort costs c(e) of benchmark-specific post-training (Assumption 4.1 and the condition (S)).

Chen, Zhang and Hardt (2026), Assumption 4.1: ``c : R>=0 -> R>=0`` non-decreasing, convex,
``c(0) = 0``, unbounded. Read literally it admits costs that vanish near 0, and Proposition 4.3 and
Theorem 4.6 then have counterexamples. Every corrected theorem in this package adds

    (S)  c(e) > 0 for every e > 0,

equivalent, for convex c with c(0) = 0, to c strictly increasing (if ``c(e1) = c(e2) > 0`` with
``e1 < e2``, the slope 0 on ``[e1, e2]`` is below the slope ``c(e1)/e1`` on ``[0, e1]``). Every
cost below declares ``strict`` ((S) holds), ``convex`` and gives
``inverse(y) = sup{e >= 0 : c(e) <= y}``, the largest effort affordable with budget y (a
convention of this package, equal to the ordinary inverse under (S)). ``sympy_expr()`` returns
the closed form for symbolic checks.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

import numpy as np

from benchgame.core.validation import InputError, as_finite_array, require

__all__ = [
    "Cost",
    "ExponentialCost",
    "FlatStartCost",
    "LinearQuadraticCost",
    "PiecewiseLinearCost",
    "PowerCost",
]


def _efforts(e: Any) -> np.ndarray:
    arr = np.asarray(e, dtype=float)
    if np.any(np.isnan(arr)) or np.any(arr < 0):
        raise InputError("effort", "contains a negative or NaN value",
                         "efforts are >= 0 (use 0 for no benchmark-specific training)")
    return arr


class Cost(ABC):
    """Interface of an effort cost ``c(e)`` (see the module docstring).

    Subclasses set ``strict`` and implement ``_value``, :meth:`inverse`, :meth:`sympy_expr` and
    :meth:`to_dict`; calling the cost rejects negative or NaN efforts.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.1.
    """

    strict: bool
    """(S): c(e) > 0 for every e > 0."""
    convex: bool = True

    def __call__(self, e: Any) -> np.ndarray:
        """``c(e)`` elementwise; negative or NaN efforts raise InputError."""
        return self._value(_efforts(e))

    @abstractmethod
    def _value(self, e: np.ndarray) -> np.ndarray: ...

    @abstractmethod
    def inverse(self, y: Any) -> np.ndarray:
        """``sup{e >= 0 : c(e) <= y}`` for ``y >= 0``."""

    @abstractmethod
    def sympy_expr(self) -> tuple[Any, Any]:
        """``(expr, e)``: the cost as a sympy expression in the symbol ``e`` (e >= 0)."""

    @abstractmethod
    def to_dict(self) -> dict:
        """The cost's parameters as a JSON-ready dictionary."""


class PowerCost(Cost):
    """Power cost ``c(e) = kappa e^p`` with ``kappa > 0`` and ``p >= 1``; (S) holds.

    Parameters
    ----------
    kappa : float, default 1.0
        Scale ``kappa > 0``; with ``p = 1`` it is the ``kappa`` of ``c(e) >= kappa e`` in
        Proposition 5.6.
    p : float, default 1.0
        Exponent ``p >= 1`` (convexity).

    Raises
    ------
    InputError
        If ``kappa <= 0`` or ``p < 1``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.1 and
    Proposition 5.6 (linear cost lower bound ``c(e) >= kappa e``).

    Examples
    --------
    >>> from benchgame.games.leaderboard import PowerCost
    >>> c = PowerCost(kappa=0.5, p=2.0)
    >>> c([0.0, 1.0, 2.0]).tolist()
    [0.0, 0.5, 2.0]
    >>> float(c.inverse(2.0)), c.strict
    (2.0, True)
    """

    def __init__(self, kappa: float = 1.0, p: float = 1.0) -> None:
        require(np.isfinite(kappa) and kappa > 0, "kappa", f"is {kappa}", "use kappa > 0")
        require(np.isfinite(p) and p >= 1, "p", f"is {p}", "use p >= 1 (convexity)")
        self.kappa, self.p, self.strict = float(kappa), float(p), True

    def _value(self, e: np.ndarray) -> np.ndarray:
        return self.kappa * e ** self.p

    def inverse(self, y: Any) -> np.ndarray:
        return (np.maximum(np.asarray(y, float), 0.0) / self.kappa) ** (1.0 / self.p)

    def sympy_expr(self) -> tuple[Any, Any]:
        import sympy as sp

        e = sp.Symbol("e", nonnegative=True)
        return sp.nsimplify(self.kappa) * e ** sp.nsimplify(self.p), e

    def to_dict(self) -> dict:
        return {"cost": "power", "kappa": self.kappa, "p": self.p, "strict": True}


class LinearQuadraticCost(Cost):
    """Linear-quadratic cost ``c(e) = kappa e + mu e^2``; (S) holds.

    Parameters
    ----------
    kappa : float, default 1.0
        Linear coefficient ``>= 0``.
    mu : float, default 0.0
        Quadratic coefficient ``>= 0``; ``kappa`` and ``mu`` are not both 0.

    Raises
    ------
    InputError
        If a coefficient is negative or both are 0.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.1.

    Examples
    --------
    >>> from benchgame.games.leaderboard import LinearQuadraticCost
    >>> c = LinearQuadraticCost(kappa=1.0, mu=0.5)
    >>> float(c(2.0)), float(c.inverse(4.0))
    (4.0, 2.0)
    """

    def __init__(self, kappa: float = 1.0, mu: float = 0.0) -> None:
        require(np.isfinite(kappa) and kappa >= 0, "kappa", f"is {kappa}", "use kappa >= 0")
        require(np.isfinite(mu) and mu >= 0, "mu", f"is {mu}", "use mu >= 0")
        require(kappa > 0 or mu > 0, "kappa", "and mu are both 0", "make one of them positive")
        self.kappa, self.mu, self.strict = float(kappa), float(mu), True

    def _value(self, e: np.ndarray) -> np.ndarray:
        return self.kappa * e + self.mu * e * e

    def inverse(self, y: Any) -> np.ndarray:
        y = np.maximum(np.asarray(y, float), 0.0)
        # stable root of mu e^2 + kappa e - y = 0
        return 2.0 * y / (self.kappa + np.sqrt(self.kappa ** 2 + 4.0 * self.mu * y))

    def sympy_expr(self) -> tuple[Any, Any]:
        import sympy as sp

        e = sp.Symbol("e", nonnegative=True)
        return sp.nsimplify(self.kappa) * e + sp.nsimplify(self.mu) * e ** 2, e

    def to_dict(self) -> dict:
        return {"cost": "linear_quadratic", "kappa": self.kappa, "mu": self.mu, "strict": True}


class ExponentialCost(Cost):
    """Exponential cost ``c(e) = scale (e^{k e} - 1)``; (S) holds.

    Parameters
    ----------
    k : float, default 1.0
        Rate ``k > 0``.
    scale : float, default 1.0
        Scale ``> 0``.

    Raises
    ------
    InputError
        If ``k <= 0`` or ``scale <= 0``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.1.

    Examples
    --------
    >>> from benchgame.games.leaderboard import ExponentialCost
    >>> c = ExponentialCost(k=1.0, scale=2.0)
    >>> round(float(c(1.0)), 9), round(float(c.inverse(c(1.0))), 12)
    (3.436563657, 1.0)
    """

    def __init__(self, k: float = 1.0, scale: float = 1.0) -> None:
        require(np.isfinite(k) and k > 0, "k", f"is {k}", "use k > 0")
        require(np.isfinite(scale) and scale > 0, "scale", f"is {scale}", "use scale > 0")
        self.k, self.scale, self.strict = float(k), float(scale), True

    def _value(self, e: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):
            return self.scale * np.expm1(self.k * e)

    def inverse(self, y: Any) -> np.ndarray:
        return np.log1p(np.maximum(np.asarray(y, float), 0.0) / self.scale) / self.k

    def sympy_expr(self) -> tuple[Any, Any]:
        import sympy as sp

        e = sp.Symbol("e", nonnegative=True)
        return sp.nsimplify(self.scale) * (sp.exp(sp.nsimplify(self.k) * e) - 1), e

    def to_dict(self) -> dict:
        return {"cost": "exponential", "k": self.k, "scale": self.scale, "strict": True}


class PiecewiseLinearCost(Cost):
    """Convex piecewise-linear cost starting at ``c(0) = 0``.

    The slope is ``slopes[j]`` on ``[breakpoints[j], breakpoints[j+1])``, and the last slope
    continues to infinity. (S) holds iff the first slope is positive.

    Parameters
    ----------
    breakpoints : array_like, shape (m,)
        Strictly increasing, starting at 0.
    slopes : array_like, shape (m,)
        Non-negative, non-decreasing slopes (convexity) with a positive last slope (unbounded).

    Raises
    ------
    InputError
        If the breakpoints do not start at 0 or do not increase, the slopes decrease, or the last
        slope is 0.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.1.

    Examples
    --------
    >>> from benchgame.games.leaderboard import PiecewiseLinearCost
    >>> c = PiecewiseLinearCost([0.0, 1.0], [0.0, 2.0])   # flat on [0, 1]: (S) fails
    >>> c([0.5, 2.0]).tolist(), c.strict
    ([0.0, 2.0], False)
    """

    def __init__(self, breakpoints: Any, slopes: Any) -> None:
        b = as_finite_array(breakpoints, "breakpoints", ndim=1, nonnegative=True)
        s = as_finite_array(slopes, "slopes", ndim=1, nonnegative=True, shape=(b.size,))
        require(b[0] == 0 and bool(np.all(np.diff(b) > 0)), "breakpoints",
                "must start at 0 and increase strictly")
        require(bool(np.all(np.diff(s) >= 0)), "slopes", "decrease somewhere",
                "give non-decreasing slopes (convex cost)")
        require(s[-1] > 0, "slopes", "last slope is 0, so the cost is bounded",
                "make the last slope positive")
        self.breakpoints, self.slopes = b, s
        self._vals = np.concatenate([[0.0], np.cumsum(np.diff(b) * s[:-1])])
        self.strict = bool(s[0] > 0)

    def _value(self, e: np.ndarray) -> np.ndarray:
        j = np.searchsorted(self.breakpoints, e, side="right") - 1
        return self._vals[j] + self.slopes[j] * (e - self.breakpoints[j])

    def inverse(self, y: Any) -> np.ndarray:
        y = np.maximum(np.asarray(y, float), 0.0)
        j = np.searchsorted(self._vals, y, side="right") - 1
        # the last knot with value <= y; on a flat piece (slope 0) the sup is its right end
        sl = self.slopes[j]
        with np.errstate(divide="ignore", invalid="ignore"):
            step = np.where(sl > 0, (y - self._vals[j]) / np.where(sl > 0, sl, 1.0), 0.0)
        nxt = np.minimum(j + 1, self.breakpoints.size - 1)
        flat_end = np.where((sl == 0) & (j + 1 < self.breakpoints.size),
                            self.breakpoints[nxt], self.breakpoints[j])
        return np.where(sl > 0, self.breakpoints[j] + step, flat_end)

    def sympy_expr(self) -> tuple[Any, Any]:
        import sympy as sp

        e = sp.Symbol("e", nonnegative=True)
        pieces = []
        for j in range(self.breakpoints.size):
            expr = sp.nsimplify(self._vals[j]) + sp.nsimplify(self.slopes[j]) * (
                e - sp.nsimplify(self.breakpoints[j]))
            if j + 1 < self.breakpoints.size:
                pieces.append((expr, e < sp.nsimplify(self.breakpoints[j + 1])))
            else:
                pieces.append((expr, True))
        return sp.Piecewise(*pieces), e

    def to_dict(self) -> dict:
        return {"cost": "piecewise_linear", "breakpoints": self.breakpoints.tolist(),
                "slopes": self.slopes.tolist(), "strict": self.strict}


class FlatStartCost(Cost):
    """Flat-start cost ``c(e) = max(e - a, 0)^p``, which violates (S) when ``a > 0``.

    The cost is convex, non-decreasing, ``c(0) = 0`` and unbounded, so it meets the literal
    Assumption 4.1, but it vanishes on ``[0, a]``. It serves the counterexamples to the literal
    Proposition 4.3 and Theorem 4.6 (non-zero, inverted and multiple pure equilibria).

    Parameters
    ----------
    a : float, default 1.0
        Length ``a >= 0`` of the free stretch.
    p : float, default 2.0
        Exponent ``p >= 1``.

    Raises
    ------
    InputError
        If ``a < 0`` or ``p < 1``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.1,
    Proposition 4.3 and Theorem 4.6.

    Examples
    --------
    >>> from benchgame.games.leaderboard import FlatStartCost
    >>> c = FlatStartCost(a=1.0, p=2.0)
    >>> c([0.5, 1.5]).tolist(), c.strict
    ([0.0, 0.25], False)
    """

    def __init__(self, a: float = 1.0, p: float = 2.0) -> None:
        require(np.isfinite(a) and a >= 0, "a", f"is {a}", "use a >= 0")
        require(np.isfinite(p) and p >= 1, "p", f"is {p}", "use p >= 1 (convexity)")
        self.a, self.p = float(a), float(p)
        self.strict = self.a == 0

    def _value(self, e: np.ndarray) -> np.ndarray:
        return np.maximum(e - self.a, 0.0) ** self.p

    def inverse(self, y: Any) -> np.ndarray:
        return self.a + np.maximum(np.asarray(y, float), 0.0) ** (1.0 / self.p)

    def sympy_expr(self) -> tuple[Any, Any]:
        import sympy as sp

        e = sp.Symbol("e", nonnegative=True)
        return sp.Max(e - sp.nsimplify(self.a), 0) ** sp.nsimplify(self.p), e

    def to_dict(self) -> dict:
        return {"cost": "flat_start", "a": self.a, "p": self.p, "strict": self.strict}
