"""The score-family interface ``v(theta, x)`` of the leaderboard game and its per-model lookup.

A score family gives the observed benchmark score of a model of capability ``theta`` after ``x``
units of benchmark-specific training (Chen, Zhang and Hardt 2026, Assumption 4.2). Every family
is vectorized over ``theta`` and ``x`` (numpy broadcasting) and provides

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

The families live in their own modules:

* :class:`~benchgame.games.leaderboard.substitutes.Substitutes`: ``F(theta + x)``;
* :class:`~benchgame.games.leaderboard.generalized_logit.GeneralizedLogit`:
  ``L + (U - L) sigma(alpha + beta log(1 + x))``, common or per-model bounds, or per-model
  ceilings increasing in theta (:meth:`GeneralizedLogit.with_ceilings`);
* :class:`~benchgame.games.leaderboard.piecewise_linear_scores.PiecewiseLinearConcave`:
  piecewise-linear concave curves, for counterexamples;
* :func:`~benchgame.games.leaderboard.logit_fit.fit_logit_curves`: tabulated learning curves
  fitted to the logit form;
* :class:`~benchgame.games.leaderboard.numeric_inverse.CallableFamily`: any continuous
  non-decreasing ``v``, inverted by bracketing and brentq.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

import numpy as np

from benchgame.core.validation import InputError, as_finite_array, require

__all__ = ["ScoreFamily"]


class ScoreFamily(ABC):
    """Interface of a score family ``v(theta, x)`` (see the module docstring).

    Subclasses implement :meth:`value`, :meth:`inverse` and :meth:`ceiling`; the other methods
    have defaults that a family with a closed form may override.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.2
    (a continuous score ``v : Theta x R>=0 -> [0, 1]``, conditions C1-C3).
    """

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

    training_rtol: float = 1e-13
    """Relative accuracy assumed of :meth:`exceed_training` (a few hundred ulps: closed forms
    in log-odds or interpolation), used as its error bound when deciding whether a computed
    margin is certain."""
    training_atol: float = 0.0
    """Absolute accuracy assumed of :meth:`exceed_training` (root finders set their tolerance)."""

    def training_offset(self, theta_r: Any, theta_k: Any, *, exact: bool = False) -> Any:
        """Training offset ``d`` with ``v(theta_r, x + d) = v(theta_k, x)`` for every x, or None.

        Families in which capability acts as a shift of training (substitutes) override this;
        catch-up efforts are then computed as ``e_k + d`` without the round trip through the
        score, which keeps every digit at large tune-before-test levels.

        Parameters
        ----------
        theta_r, theta_k : array_like
            Capabilities (broadcast).
        exact : bool, default False
            Return a :class:`fractions.Fraction` (scalar capabilities only): the offset in
            exact arithmetic of the given floats.

        Returns
        -------
        numpy.ndarray, fractions.Fraction or None
            The offset, or None when the family has no such structure (the default).
        """
        return None

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
        """The family's parameters as a JSON-ready dictionary."""
        return {"family": self.name}


# --------------------------------------------------------------------------------------------
# helpers for families tabulated per capability
# --------------------------------------------------------------------------------------------

def capability_table(theta: Any, field: str = "theta") -> np.ndarray:
    """Validated 1-D array of distinct capabilities, one per model."""
    th = as_finite_array(theta, field, ndim=1)
    require(np.unique(th).size == th.size, field, "contains equal capabilities",
            "give one distinct capability per model")
    return th


def per_model(value: Any, n: int, field: str) -> np.ndarray:
    """A scalar broadcast to ``n`` models, or a validated array of shape ``(n,)``."""
    arr = as_finite_array(value, field)
    if arr.ndim == 0:
        return np.full(n, float(arr))
    require(arr.shape == (n,), field, f"has shape {arr.shape}, expected a scalar or ({n},)")
    return arr


class TabulatedFamily(ScoreFamily):
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
        # searchsorted is never negative: only the end needs bounding (np.clip costs 3x more)
        pos = np.minimum(np.searchsorted(self._sorted, th), self._sorted.size - 1)
        if not (self._sorted[pos] == th).all():
            bad = np.asarray(th)[self._sorted[pos] != th].ravel()[0]
            raise InputError("theta", f"capability {bad} is not one of this family's models "
                             f"{self._theta.tolist()}",
                             "use exactly the capabilities the family was built with")
        return self._order[pos]

    def validate_capabilities(self, theta: np.ndarray) -> None:
        """Raise InputError unless every capability is one of the family's models."""
        self.index(theta)

    @property
    def capabilities(self) -> np.ndarray:
        """The capabilities the family was built with (a copy)."""
        return self._theta.copy()
