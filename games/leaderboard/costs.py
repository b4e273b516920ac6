"""Effort costs c(e) of benchmark-specific post-training (Assumption 4.1 and the repair (S)).

Assumption 4.1 [AUDIT]: ``c : R>=0 -> R>=0`` non-decreasing, convex, ``c(0) = 0``, unbounded.
The repair used by every corrected theorem is

    (S)  c(e) > 0 for every e > 0,

equivalent, for convex c with c(0) = 0, to c strictly increasing (spec 3.1). Every cost below
declares ``strict`` ((S) holds), ``convex`` and gives ``inverse(y) = sup{e >= 0 : c(e) <= y}``
([RECON] the largest effort affordable with budget y; equal to the ordinary inverse under (S)).
``sympy_expr()`` returns the closed form for symbolic checks.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

import numpy as np

from benchgame.core.validation import as_finite_array, require

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
        from benchgame.core.validation import InputError

        raise InputError("effort", "contains a negative or NaN value",
                         "efforts are >= 0 (use 0 for no benchmark-specific training)")
    return arr


class Cost(ABC):
    """Interface of an effort cost; see the module docstring."""

    strict: bool
    """(S): c(e) > 0 for every e > 0."""
    convex: bool = True

    def __call__(self, e: Any) -> np.ndarray:
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
    def to_dict(self) -> dict: ...


class PowerCost(Cost):
    """``c(e) = kappa e^p`` with ``kappa > 0``, ``p >= 1``. (S) holds."""

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
    """``c(e) = kappa e + mu e^2`` with ``kappa, mu >= 0`` not both 0. (S) holds."""

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
    """``c(e) = scale (e^{k e} - 1)`` with ``k > 0``, ``scale > 0``. (S) holds."""

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
    """Convex piecewise-linear cost from ``c(0) = 0``: slope ``slopes[j]`` on
    ``[breakpoints[j], breakpoints[j+1])`` (the last slope continues to infinity).

    Slopes must be non-decreasing (convexity) with a positive last slope (unbounded). (S) holds
    iff the first slope is positive.
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
    """``c(e) = max(e - a, 0)^p`` (``a >= 0``, ``p >= 1``): convex, non-decreasing, ``c(0) = 0``,
    unbounded, but (S) fails when ``a > 0``. Used only for the counterexamples X1/X2 (W2-W4)."""

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
