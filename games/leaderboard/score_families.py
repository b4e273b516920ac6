"""Score families v(theta, x): observed benchmark score of a model of capability theta after x
units of benchmark-specific training (Chen, Zhang, Hardt 2026, Assumption 4.2).

Every family is vectorized over ``theta`` and ``x`` (numpy broadcasting) and provides

* ``value(theta, x)``: the score ``v(theta, x)`` in [0, 1];
* ``inverse(theta, s, strict=False, clip=True)``: the generalized inverse
  ``E_theta(s) = inf{x >= 0 : v(theta, x) >= s}`` (``strict=True``: ``inf{x : v > s}``),
  ``+inf`` when ``s`` is not attainable;
* ``ceiling(theta)``: ``U(theta) = lim_{x -> inf} v(theta, x)``;
* ``exceed_training(theta_r, theta_k, x_k, strict=True)``: the training ``X`` at which model r
  exceeds (``strict``) or reaches the score ``v(theta_k, x_k)``; families with a closed form
  override it with a numerically stable formula (log-odds for the logit, the ``theta + x``
  coordinate for substitutes);
* ``c1_certificate(theta)`` / ``c3_certificate(theta)``: a structural proof (text) that C1 / C3
  hold for these capabilities, or ``None`` when the family cannot certify it structurally (use
  the sampling checkers of :mod:`benchgame.games.leaderboard.assumptions` then).

Convention for ``clip=False``: the inverse is taken on the family's natural extension to
negative training (``theta + x`` for substitutes, ``x > -1`` for the logit, the constant
``v(theta, 0)`` for piecewise-linear curves). A value below the protocol's base training means the
score is already exceeded (or reached) with zero effort.

Families
--------
(A) :class:`Substitutes`            ``F(theta + x)``
(B/C) :class:`GeneralizedLogit`     ``L + (U - L) sigma(alpha + beta log(1 + x))``, common or
                                    per-model bounds
(D) :meth:`GeneralizedLogit.with_ceilings`  per-model ceilings increasing in theta
(P) :class:`PiecewiseLinearConcave`  for counterexamples (X3)
(T) :func:`fit_logit_curves`         tabulated learning curves fitted to the logit form
(user) :class:`CallableFamily`       any continuous non-decreasing ``v``; inverse by brentq
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.special import expit, logit

from benchgame.core.validation import InputError, as_finite_array, require

__all__ = [
    "CallableFamily",
    "GeneralizedLogit",
    "LogitFit",
    "PiecewiseLinearConcave",
    "ScoreFamily",
    "Substitutes",
    "BracketError",
    "bracketed_inverse",
    "fit_logit_curves",
]


class ScoreFamily(ABC):
    """Interface of a score family ``v(theta, x)``; see the module docstring."""

    name: str = "score family"

    @abstractmethod
    def value(self, theta: Any, x: Any) -> np.ndarray:
        """``v(theta, x)`` broadcast over ``theta`` and ``x`` (``x >= 0``)."""

    @abstractmethod
    def inverse(self, theta: Any, s: Any, *, strict: bool = False, clip: bool = True
                ) -> np.ndarray:
        """Generalized inverse ``E_theta(s) = inf{x >= 0 : v(theta, x) >= s}``.

        ``strict=True`` gives ``E^>_theta(s) = inf{x : v(theta, x) > s}``. Unattainable scores give
        ``+inf``. ``clip=False`` uses the natural extension to negative training (module
        docstring), so that "already exceeded at zero" is distinguishable from a tie.
        """

    @abstractmethod
    def ceiling(self, theta: Any) -> np.ndarray:
        """``U(theta) = lim_{x -> inf} v(theta, x)``."""

    def exceed_training(self, theta_r: Any, theta_k: Any, x_k: Any, *, strict: bool = True
                        ) -> np.ndarray:
        """Training at which model ``theta_r`` exceeds (or, ``strict=False``, reaches) the score
        ``v(theta_k, x_k)``: ``E^>_{theta_r}(v(theta_k, x_k))`` without clipping at 0."""
        return self.inverse(theta_r, self.value(theta_k, x_k), strict=strict, clip=False)

    def c1_certificate(self, theta: np.ndarray) -> str | None:
        """Structural proof that C1 holds for these capabilities, or None."""
        return None

    def c3_certificate(self, theta: np.ndarray) -> str | None:
        """Structural proof that C3 holds for every pair of these capabilities, or None."""
        return None

    def strictly_increasing(self, theta: np.ndarray) -> bool:
        """Whether ``v(theta, .)`` is strictly increasing below its ceiling (E(v(x)) = x)."""
        return False

    def validate_capabilities(self, theta: np.ndarray) -> None:  # noqa: B027 (optional hook)
        """Raise InputError if the family is not defined at these capabilities."""

    def to_dict(self) -> dict:
        return {"family": self.name}


# --------------------------------------------------------------------------------------------
# (A) substitutes
# --------------------------------------------------------------------------------------------

_SUBSTITUTE_PRESETS: dict[str, tuple[Callable, Callable, float, str]] = {
    # name: (F, F^{-1}, smallest z with F(z) >= 0, formula)
    "exponential": (lambda z: -np.expm1(-z), lambda s: -np.log1p(-s), 0.0, "1 - exp(-z)"),
    "reciprocal": (lambda z: 1.0 - 1.0 / (2.0 + z), lambda s: 1.0 / (1.0 - s) - 2.0, -1.0,
                   "1 - 1/(2 + z)"),
}


class Substitutes(ScoreFamily):
    """Family (A): ``v(theta, x) = F(theta + x)`` with F continuous, strictly increasing, ``F <= 1``
    and ``F(z) -> upper`` as z grows.

    Capability and training are perfect substitutes, so the catch-up effort of r against k is
    ``theta_k - theta_r`` at every tune-before-test level: tune-before-test never stabilizes this
    family (spec 3.6, generator X4). C1 and C3 hold (``A_ij(s) = theta_i - theta_j`` is constant).

    Parameters
    ----------
    F : {"exponential", "reciprocal"} or callable
        ``"exponential"``: ``1 - e^{-z}`` (W1-W4); ``"reciprocal"``: ``1 - 1/(2 + z)`` (W5, the
        literal Prop 5.6 counterexample). A callable needs ``F_inv``, ``upper`` and ``z_min``.
    F_inv : callable, optional
        Inverse of F on ``(F(z_min), upper)``.
    upper : float
        ``sup F`` (the common ceiling U).
    z_min : float
        Smallest ``theta + x`` at which ``F >= 0``; capabilities below it are rejected.
    """

    def __init__(self, F: str | Callable = "exponential", F_inv: Callable | None = None, *,
                 upper: float = 1.0, z_min: float = 0.0, formula: str = "F(z)") -> None:
        if isinstance(F, str):
            require(F in _SUBSTITUTE_PRESETS, "F", f"unknown preset {F!r}",
                    f"use one of {sorted(_SUBSTITUTE_PRESETS)} or a callable with F_inv")
            self.preset = F
            self._F, self._F_inv, self.z_min, self.formula = _SUBSTITUTE_PRESETS[F]
            self.upper = 1.0
        else:
            require(callable(F) and callable(F_inv), "F_inv",
                    "is required with a callable F", "give the inverse of F")
            require(0.0 < upper <= 1.0, "upper", f"is {upper}", "give sup F in (0, 1]")
            self.preset = None
            self._F, self._F_inv, self.z_min, self.formula = F, F_inv, float(z_min), formula
            self.upper = float(upper)
        self.name = f"substitutes F(theta + x), F(z) = {self.formula}"

    def value(self, theta: Any, x: Any) -> np.ndarray:
        return np.asarray(self._F(np.asarray(theta, float) + np.asarray(x, float)), float)

    def inverse(self, theta: Any, s: Any, *, strict: bool = False, clip: bool = True
                ) -> np.ndarray:
        theta = np.asarray(theta, float)
        s = np.asarray(s, float)
        s_b, th_b = np.broadcast_arrays(s, theta)
        out = np.full(s_b.shape, np.inf)
        ok = s_b < self.upper
        with np.errstate(all="ignore"):
            out[ok] = self._F_inv(s_b[ok]) - th_b[ok]
        return np.maximum(out, 0.0) if clip else out

    def ceiling(self, theta: Any) -> np.ndarray:
        return np.full(np.shape(theta), self.upper)

    def exceed_training(self, theta_r: Any, theta_k: Any, x_k: Any, *, strict: bool = True
                        ) -> np.ndarray:
        # exact in the theta + x coordinate (F strictly increasing): no round trip through F
        return (np.asarray(theta_k, float) + np.asarray(x_k, float)
                - np.asarray(theta_r, float))

    def c1_certificate(self, theta: np.ndarray) -> str | None:
        return ("F strictly increasing, so v(theta, x) = F(theta + x) is strictly increasing in "
                "theta")

    def c3_certificate(self, theta: np.ndarray) -> str | None:
        return "A_ij(s) = E_j(s) - E_i(s) = theta_i - theta_j is constant in s"

    def strictly_increasing(self, theta: np.ndarray) -> bool:
        return True

    def validate_capabilities(self, theta: np.ndarray) -> None:
        bad = np.flatnonzero(theta < self.z_min)
        if bad.size:
            raise InputError("theta", f"theta[{bad[0]}] = {theta[bad[0]]} is below {self.z_min}, "
                             f"where F({self.formula}) is negative",
                             f"use capabilities >= {self.z_min} so scores stay in [0, 1]")

    def to_dict(self) -> dict:
        return {"family": "substitutes", "F": self.formula, "upper": self.upper}


# --------------------------------------------------------------------------------------------
# helpers for families tabulated per capability
# --------------------------------------------------------------------------------------------

def _capability_table(theta: Any, field: str = "theta") -> np.ndarray:
    th = as_finite_array(theta, field, ndim=1)
    require(np.unique(th).size == th.size, field, "contains equal capabilities",
            "give one distinct capability per model")
    return th


class _Tabulated(ScoreFamily):
    """A family given per model, looked up by exact capability value."""

    _theta: np.ndarray

    def _setup_lookup(self) -> None:
        self._order = np.argsort(self._theta, kind="stable")
        self._sorted = self._theta[self._order]
        self._scalar: dict[float, np.intp] = {}
        for k, t in enumerate(self._theta):  # first index of equal capabilities, as below
            self._scalar.setdefault(float(t), np.intp(k))

    def index(self, theta: Any) -> np.ndarray:
        """Model indices (in the family's own order) of the capabilities ``theta``."""
        if isinstance(theta, float | int | np.floating) and float(theta) in self._scalar:
            return self._scalar[float(theta)]  # scalar fast path (hot in the designer)
        th = np.asarray(theta, float)
        pos = np.clip(np.searchsorted(self._sorted, th), 0, self._sorted.size - 1)
        if not np.all(self._sorted[pos] == th):
            bad = np.asarray(th)[self._sorted[pos] != th].ravel()[0]
            raise InputError("theta", f"capability {bad} is not one of this family's models "
                             f"{self._theta.tolist()}",
                             "use exactly the capabilities the family was built with")
        return self._order[pos]

    def validate_capabilities(self, theta: np.ndarray) -> None:
        self.index(theta)

    @property
    def capabilities(self) -> np.ndarray:
        return self._theta.copy()


def _per_model(value: Any, n: int, field: str) -> np.ndarray:
    arr = as_finite_array(value, field)
    if arr.ndim == 0:
        return np.full(n, float(arr))
    require(arr.shape == (n,), field, f"has shape {arr.shape}, expected a scalar or ({n},)")
    return arr


# --------------------------------------------------------------------------------------------
# (B/C/D) generalized logit
# --------------------------------------------------------------------------------------------

class GeneralizedLogit(_Tabulated):
    """Families (B/C/D): generalized logit power-law learning curves (spec 3.3, [RECON]).

    ``v_k(x) = L_k + (U_k - L_k) sigma(alpha_k + beta_k log(1 + x))``, i.e. odds
    ``(v - L)/(U - v) = e^{alpha} (1 + x)^{beta}``. The ``log(1 + x)`` offset is reverse-engineered
    [RECON] and reproduces the audit's numbers. ``beta <= 1`` keeps v concave (spec 5.7).

    Inverse: ``E_k(s) = expm1((logit((s - L)/(U - L)) - alpha)/beta)``, clipped at 0, ``+inf`` for
    ``s >= U``. With common bounds the catch-up training is computed in log-odds (no loss of
    precision near the ceiling).

    Parameters
    ----------
    theta : array_like (n,)
        Capabilities, one per model (distinct).
    alpha, beta : array_like (n,) or float
        Intercepts and slopes (``beta > 0``).
    lower, upper : array_like (n,) or float
        Bounds ``0 <= L < U <= 1``; scalars for common bounds (family B/C).
    """

    def __init__(self, theta: Any, alpha: Any, beta: Any, lower: Any = 0.0, upper: Any = 1.0
                 ) -> None:
        self._theta = _capability_table(theta)
        n = self._theta.size
        self.alpha = _per_model(alpha, n, "alpha")
        self.beta = _per_model(beta, n, "beta")
        self.lower = _per_model(lower, n, "lower")
        self.upper = _per_model(upper, n, "upper")
        require(bool(np.all(self.beta > 0)), "beta", "must be > 0",
                "give positive log-odds slopes")
        require(bool(np.all(self.lower >= 0)), "lower", "is below 0",
                "scores live in [0, 1]: use L >= 0")
        require(bool(np.all(self.upper <= 1)), "upper", "is above 1",
                "scores live in [0, 1]: use U <= 1")
        require(bool(np.all(self.lower < self.upper)), "upper", "must exceed lower",
                "give L < U for every model")
        self.common_bounds = bool(np.ptp(self.lower) == 0 and np.ptp(self.upper) == 0)
        self.name = "generalized logit" + (" (common bounds)" if self.common_bounds
                                           else " (per-model bounds)")
        self._setup_lookup()

    @classmethod
    def with_ceilings(cls, theta: Any, alpha: Any, beta: Any, upper: Any, lower: Any = 0.0
                      ) -> GeneralizedLogit:
        """Family (D): per-model ceilings ``U(theta)`` strictly increasing in theta."""
        th = _capability_table(theta)
        U = _per_model(upper, th.size, "upper")
        o = np.argsort(th)
        require(bool(np.all(np.diff(U[o]) > 0)), "upper",
                "ceilings must increase strictly with capability for family D",
                "sort the ceilings in the order of theta or use the plain constructor")
        return cls(th, alpha, beta, lower, U)

    def params(self, theta: Any) -> tuple[np.ndarray, ...]:
        """``(alpha, beta, lower, upper)`` of the developers with capabilities ``theta``.

        The score is ``lower + (upper - lower) * sigma(alpha + beta * log(1 + x))``.
        """
        i = self.index(theta)
        return self.alpha[i], self.beta[i], self.lower[i], self.upper[i]

    def value(self, theta: Any, x: Any) -> np.ndarray:
        a, b, lo, up = self.params(theta)
        return lo + (up - lo) * expit(a + b * np.log1p(np.asarray(x, float)))

    def inverse(self, theta: Any, s: Any, *, strict: bool = False, clip: bool = True
                ) -> np.ndarray:
        a, b, lo, up = self.params(theta)
        s = np.asarray(s, float)
        q = (s - lo) / (up - lo)
        with np.errstate(all="ignore"):
            out = np.expm1((logit(np.clip(q, 0.0, 1.0)) - a) / b)
        out = np.where(q >= 1.0, np.inf, np.where(q <= 0.0, -1.0, out))
        return np.maximum(out, 0.0) if clip else out

    def ceiling(self, theta: Any) -> np.ndarray:
        return self.params(theta)[3]

    def log_odds(self, theta: Any, x: Any) -> np.ndarray:
        """``alpha + beta log(1 + x)``: the score in log-odds coordinates."""
        a, b, _, _ = self.params(theta)
        return a + b * np.log1p(np.asarray(x, float))

    def exceed_training(self, theta_r: Any, theta_k: Any, x_k: Any, *, strict: bool = True
                        ) -> np.ndarray:
        ar, br, lr, ur = self.params(theta_r)
        _, _, lk, uk = self.params(theta_k)
        same = (lr == lk) & (ur == uk)
        if not np.all(same):
            generic = super().exceed_training(theta_r, theta_k, x_k, strict=strict)
            # common ceiling, different floors: work with the distance to the ceiling,
            # U - v_k = (U - L_k) sigma(-z_k), which keeps its digits near saturation
            top = (ur == uk) & ~same
            if np.any(top):
                with np.errstate(all="ignore"):
                    d = (uk - lk) * expit(-self.log_odds(theta_k, x_k)) / (ur - lr)
                    z = np.log1p(-d) - np.log(d)
                    via_top = np.expm1((z - ar) / br)
                generic = np.where(top & (d > 0) & (d < 1), via_top, generic)
            if not np.any(same):
                return generic
        with np.errstate(all="ignore"):
            stable = np.expm1((self.log_odds(theta_k, x_k) - ar) / br)
        return stable if np.all(same) else np.where(same, stable, generic)

    def _monotone_params(self, theta: np.ndarray) -> tuple[bool, bool]:
        a, b, lo, up = self.params(np.sort(np.asarray(theta, float))[::-1])
        return bool(np.all(np.diff(a) < 0)), bool(np.all(np.diff(b) <= 0))

    def c1_certificate(self, theta: np.ndarray) -> str | None:
        a_dec, b_dec = self._monotone_params(theta)
        lo, up = self.params(theta)[2:]
        if self.common_bounds or (np.ptp(lo) == 0 and np.ptp(up) == 0):
            if a_dec and b_dec:
                return ("common bounds with alpha strictly and beta weakly increasing in theta: "
                        "log-odds alpha + beta log(1+x) strictly increasing in theta for x >= 0")
        return None

    def c3_certificate(self, theta: np.ndarray) -> str | None:
        a_dec, b_dec = self._monotone_params(theta)
        lo, up = self.params(theta)[2:]
        if (np.ptp(lo) == 0 and np.ptp(up) == 0) and a_dec and b_dec:
            return ("common bounds, alpha strictly and beta weakly increasing in theta: "
                    "dA/dO >= 0 for every pair (spec 5.6, family C)")
        return None

    def strictly_increasing(self, theta: np.ndarray) -> bool:
        return True

    def to_dict(self) -> dict:
        return {"family": "generalized_logit", "theta": self._theta.tolist(),
                "alpha": self.alpha.tolist(), "beta": self.beta.tolist(),
                "lower": self.lower.tolist(), "upper": self.upper.tolist()}


# --------------------------------------------------------------------------------------------
# (P) piecewise-linear concave
# --------------------------------------------------------------------------------------------

class PiecewiseLinearConcave(_Tabulated):
    """Family (P): per-model piecewise-linear, concave, non-decreasing curves, constant after the
    last knot (the ceiling is the last knot value). Used for the C3 counterexample X3:
    ``v_1 = min(3+x, 10)/10``, ``v_2 = min(2+x, 9)/10``, ``v_3 = min(2x, 3.5)/10``.

    Parameters
    ----------
    theta : array_like (n,)
        Capabilities (distinct).
    knots_x : sequence of array_like
        Per model, strictly increasing knot abscissae starting at 0.
    knots_v : sequence of array_like
        Per model, knot values in [0, 1]; non-decreasing with non-increasing slopes.
    """

    def __init__(self, theta: Any, knots_x: Sequence[Any], knots_v: Sequence[Any]) -> None:
        self._theta = _capability_table(theta)
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
        out = self._apply(theta, s, lambda k, ss: self._inv(k, ss, strict))
        return np.maximum(out, 0.0) if clip else out

    def ceiling(self, theta: Any) -> np.ndarray:
        th = np.asarray(theta, float)
        return np.asarray([self.knots_v[k][-1] for k in np.ravel(self.index(th))]
                          ).reshape(th.shape)

    def to_dict(self) -> dict:
        return {"family": "piecewise_linear_concave", "theta": self._theta.tolist(),
                "knots_x": [x.tolist() for x in self.knots_x],
                "knots_v": [v.tolist() for v in self.knots_v]}


# --------------------------------------------------------------------------------------------
# (T) tabulated learning curves fitted to the logit form
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LogitFit:
    """Result of :func:`fit_logit_curves`.

    Attributes
    ----------
    family : GeneralizedLogit
        Fitted family; models are ordered by fitted capability (highest first).
    order : numpy.ndarray
        ``order[k]`` = input curve index of the k-th most capable model.
    rmse : numpy.ndarray
        Root-mean-square residual per model (in input order).
    success : numpy.ndarray of bool
        Whether least squares converged, per model (input order).
    method : str
    """

    family: GeneralizedLogit
    order: np.ndarray
    rmse: np.ndarray
    success: np.ndarray
    method: str = "scipy.optimize.least_squares (trust-region reflective)"


def fit_logit_curves(steps: Any, accuracy: Any, *, common_bounds: bool = False,
                     reference_steps: float = 0.0) -> LogitFit:
    """Fit ``(L, U, alpha, beta)`` per model by nonlinear least squares (family T).

    Parameters
    ----------
    steps : array_like (m,) or (n, m)
        Training steps of the checkpoints (shared or per model), >= 0.
    accuracy : array_like (n, m)
        Observed accuracies in [0, 1], one row per model.
    common_bounds : bool
        Fit one shared (L, U) for all models (family C) instead of per-model bounds.
    reference_steps : float
        [RECON] capability is defined as the fitted score at this training level
        (``theta_k = v_k(reference_steps)``); models are ordered by it.

    Returns
    -------
    LogitFit
    """
    from scipy.optimize import least_squares

    acc = as_finite_array(accuracy, "accuracy", ndim=2)
    require(bool(np.all((acc >= 0) & (acc <= 1))), "accuracy", "has values outside [0, 1]",
            "give accuracies as fractions")
    n, m = acc.shape
    require(m >= 4, "accuracy", f"has {m} checkpoints per model", "give at least 4 checkpoints")
    st = as_finite_array(steps, "steps", nonnegative=True)
    st = np.broadcast_to(st, (n, m)) if st.ndim == 1 else st
    require(st.shape == (n, m), "steps", f"has shape {st.shape}, expected ({m},) or ({n}, {m})")
    eps = 1e-6

    def unpack(p: np.ndarray) -> tuple[np.ndarray, ...]:
        if common_bounds:
            lo, up = p[0], p[1]
            return np.full(n, lo), np.full(n, up), p[2:2 + n], p[2 + n:]
        return p[:n], p[n:2 * n], p[2 * n:3 * n], p[3 * n:]

    def resid(p: np.ndarray) -> np.ndarray:
        lo, up, a, b = unpack(p)
        v = lo[:, None] + (up - lo)[:, None] * expit(a[:, None] + b[:, None] * np.log1p(st))
        return (v - acc).ravel()

    lo0 = np.clip(acc.min(axis=1) - 0.05, 0, 1 - 2 * eps)
    up0 = np.clip(acc.max(axis=1) + 0.05, lo0 + eps, 1)
    a0, b0 = np.zeros(n), np.full(n, 0.5)
    if common_bounds:
        p0 = np.concatenate([[lo0.min(), up0.max()], a0, b0])
        lb = np.concatenate([[0, eps], np.full(n, -50), np.full(n, eps)])
        ub = np.concatenate([[1 - eps, 1], np.full(n, 50), np.full(n, 10)])
    else:
        p0 = np.concatenate([lo0, up0, a0, b0])
        lb = np.concatenate([np.zeros(n), np.full(n, eps), np.full(n, -50), np.full(n, eps)])
        ub = np.concatenate([np.full(n, 1 - eps), np.ones(n), np.full(n, 50), np.full(n, 10)])
    p0 = np.clip(p0, lb + 1e-9, ub - 1e-9)
    sol = least_squares(resid, p0, bounds=(lb, ub), method="trf")
    lo, up, a, b = unpack(sol.x)
    up = np.maximum(up, lo + eps)
    cap = lo + (up - lo) * expit(a + b * np.log1p(reference_steps))
    order = np.argsort(-cap, kind="stable")
    r = resid(sol.x).reshape(n, m)
    fam = GeneralizedLogit(cap[order], a[order], b[order], lo[order], up[order])
    return LogitFit(fam, order, np.sqrt(np.mean(r ** 2, axis=1)),
                    np.full(n, bool(sol.success)))


# --------------------------------------------------------------------------------------------
# user families without a closed-form inverse
# --------------------------------------------------------------------------------------------

class BracketError(ArithmeticError):
    """A target below the ceiling is not reached within the bracketing range ``[0, x_max]``."""


def bracketed_inverse(value: Callable[[float], float], s: float, *, strict: bool = False,
                      ceiling: float | None = None, x_max: float = 1e15,
                      xtol: float = 1e-12) -> float:
    """Generalized inverse ``inf{x >= 0 : value(x) >= s}`` of a continuous, strictly increasing
    scalar curve by bracketing and brentq.

    The bracket grows geometrically (``hi <- min(4 hi, x_max)``) until ``value(hi)`` reaches
    ``s`` (``strict``: exceeds it); spec 5.7 asks for ``x_max >= 1e12``. Returns 0 when
    ``value(0)`` already reaches ``s``, and ``+inf`` when ``s`` is at or above ``ceiling`` (the
    target is never reached: catch-up is infeasible). Without a ``ceiling``, a target not
    reached by ``x_max`` also gives ``+inf`` (infeasible within that effort range). With a
    ``ceiling`` above ``s`` the target is reachable, so not reaching it by ``x_max`` raises
    :class:`BracketError` instead of reporting infeasibility. On a flat stretch at level ``s``
    brentq returns some point of it, so curves with flat parts need their own exact inverse (as
    :class:`PiecewiseLinearConcave` has).
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
    """A user score family given by ``value(theta, x)`` (vectorized, continuous, strictly
    increasing in x below the ceiling) and ``ceiling(theta)``; the inverse is computed by
    :func:`bracketed_inverse` (brentq), elementwise.

    Parameters
    ----------
    value : callable ``(theta, x) -> v`` in [0, 1]
    ceiling : callable ``theta -> U(theta)``
    name : str
    """

    def __init__(self, value: Callable[[Any, Any], Any], ceiling: Callable[[Any], Any],
                 name: str = "user family") -> None:
        require(callable(value) and callable(ceiling), "value", "and ceiling must be callables")
        self._value, self._ceiling, self.name = value, ceiling, name

    def value(self, theta: Any, x: Any) -> np.ndarray:
        return np.asarray(self._value(np.asarray(theta, float), np.asarray(x, float)), float)

    def ceiling(self, theta: Any) -> np.ndarray:
        return np.broadcast_to(np.asarray(self._ceiling(np.asarray(theta, float)), float),
                               np.shape(theta)).copy()

    def inverse(self, theta: Any, s: Any, *, strict: bool = False, clip: bool = True
                ) -> np.ndarray:
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
        return True

    def to_dict(self) -> dict:
        return {"family": "callable", "name": self.name}
