"""Substitutes score family ``v(theta, x) = F(theta + x)``: capability and training add up.

The catch-up effort of a model against another is the capability gap at every tune-before-test
level, so tune-before-test never stabilizes this family: it is the family of the counterexamples
to the literal statements of Proposition 4.3, Theorem 4.6 and Proposition 5.6 of Chen, Zhang and
Hardt (2026) (``F(z) = 1 - e^{-z}`` and ``F(z) = 1 - 1/(2 + z)``).
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

from benchgame.core.validation import InputError, require
from benchgame.games.leaderboard.score_family import ScoreFamily

__all__ = ["Substitutes"]

_SUBSTITUTE_PRESETS: dict[str, tuple[Callable, Callable, float, str]] = {
    # name: (F, F^{-1}, smallest z with F(z) >= 0, formula)
    "exponential": (lambda z: -np.expm1(-z), lambda s: -np.log1p(-s), 0.0, "1 - exp(-z)"),
    "reciprocal": (lambda z: 1.0 - 1.0 / (2.0 + z), lambda s: 1.0 / (1.0 - s) - 2.0, -1.0,
                   "1 - 1/(2 + z)"),
}


class Substitutes(ScoreFamily):
    """Score family ``v(theta, x) = F(theta + x)`` with F continuous and strictly increasing.

    ``F <= 1`` and ``F(z) -> upper`` as z grows. Capability and training are perfect
    substitutes, so the catch-up effort of r against k is ``theta_k - theta_r`` at every
    tune-before-test level: tune-before-test never stabilizes this family. C1 and C3 hold
    (``A_ij(s) = theta_i - theta_j`` is constant).

    Parameters
    ----------
    F : {"exponential", "reciprocal"} or callable, default "exponential"
        ``"exponential"``: ``1 - e^{-z}``; ``"reciprocal"``: ``1 - 1/(2 + z)``. A callable needs
        ``F_inv`` and, unless the defaults fit, ``upper`` and ``z_min``.
    F_inv : callable, optional
        Inverse of F on ``(F(z_min), upper)``; required with a callable ``F``.
    upper : float, default 1.0
        ``sup F`` (the common ceiling U), in ``(0, 1]``; ignored for the presets.
    z_min : float, default 0.0
        Smallest ``theta + x`` at which ``F >= 0``; capabilities below it are rejected. Ignored
        for the presets.
    formula : str, default "F(z)"
        Text of ``F`` used in the family's name and serialization; ignored for the presets.

    Raises
    ------
    InputError
        If the preset name is unknown, ``F_inv`` is missing for a callable ``F`` or ``upper`` is
        outside ``(0, 1]``.

    See Also
    --------
    benchgame.games.leaderboard.generalized_logit.GeneralizedLogit : a family that
        tune-before-test stabilizes.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.2
    (C1-C3 hold) and Proposition 5.6 (``1 - 1/(2 + theta + x)`` is the generalized logit form
    with ``U = 1``, ``beta = 1`` and capability-dependent floor, for which no finite
    tune-before-test level stabilizes the ranking).

    Examples
    --------
    >>> from benchgame.games.leaderboard import Substitutes
    >>> fam = Substitutes("exponential")
    >>> float(fam.value(1.0, 0.5))           # 1 - exp(-1.5)
    0.7768698398515702
    >>> float(fam.exceed_training(0.5, 1.0, 0.0))  # the capability gap, at every level
    0.5
    >>> float(fam.exceed_training(0.5, 1.0, 100.0)) - 100.0
    0.5
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
        """``F(theta + x)``, broadcast over ``theta`` and ``x``."""
        return np.asarray(self._F(np.asarray(theta, float) + np.asarray(x, float)), float)

    def inverse(self, theta: Any, s: Any, *, strict: bool = False, clip: bool = True
                ) -> np.ndarray:
        """``F^{-1}(s) - theta`` (``+inf`` for ``s >= upper``; clipped at 0 unless ``clip``)."""
        theta = np.asarray(theta, float)
        s = np.asarray(s, float)
        s_b, th_b = np.broadcast_arrays(s, theta)
        out = np.full(s_b.shape, np.inf)
        ok = s_b < self.upper
        with np.errstate(all="ignore"):
            out[ok] = self._F_inv(s_b[ok]) - th_b[ok]
        return np.maximum(out, 0.0) if clip else out

    def ceiling(self, theta: Any) -> np.ndarray:
        """The common ceiling ``upper`` for every capability."""
        return np.full(np.shape(theta), self.upper)

    def exceed_training(self, theta_r: Any, theta_k: Any, x_k: Any, *, strict: bool = True
                        ) -> np.ndarray:
        """``theta_k + x_k - theta_r``, exact in the ``theta + x`` coordinate."""
        # exact in the theta + x coordinate (F strictly increasing): no round trip through F
        return (np.asarray(theta_k, float) + np.asarray(x_k, float)
                - np.asarray(theta_r, float))

    def training_offset(self, theta_r: Any, theta_k: Any, *, exact: bool = False) -> Any:
        """``theta_k - theta_r``: ``F(theta_r + x + d) = F(theta_k + x)`` (F strictly increasing).

        With ``exact`` the difference of the two floats as a :class:`fractions.Fraction`.

        Examples
        --------
        >>> from benchgame.games.leaderboard import Substitutes
        >>> Substitutes().training_offset(0.5, 1.0, exact=True)
        Fraction(1, 2)
        """
        if exact:
            return Fraction(float(theta_k)) - Fraction(float(theta_r))
        return np.asarray(theta_k, float) - np.asarray(theta_r, float)

    def c1_certificate(self, theta: np.ndarray) -> str | None:
        """C1 holds because F is strictly increasing."""
        return ("F strictly increasing, so v(theta, x) = F(theta + x) is strictly increasing in "
                "theta")

    def c3_certificate(self, theta: np.ndarray) -> str | None:
        """C3 holds because the effort advantage is the constant capability gap."""
        return "A_ij(s) = E_j(s) - E_i(s) = theta_i - theta_j is constant in s"

    def strictly_increasing(self, theta: np.ndarray) -> bool:
        """True: F is strictly increasing."""
        return True

    def validate_capabilities(self, theta: np.ndarray) -> None:
        """Raise InputError for capabilities below ``z_min`` (negative scores)."""
        bad = np.flatnonzero(theta < self.z_min)
        if bad.size:
            raise InputError("theta", f"theta[{bad[0]}] = {theta[bad[0]]} is below {self.z_min}, "
                             f"where F({self.formula}) is negative",
                             f"use capabilities >= {self.z_min} so scores stay in [0, 1]")

    def to_dict(self) -> dict:
        """The family as a JSON-ready dictionary."""
        return {"family": "substitutes", "F": self.formula, "upper": self.upper}
