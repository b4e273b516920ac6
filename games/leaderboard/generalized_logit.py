"""Generalized logit power-law learning curves ``L + (U - L) sigma(alpha + beta log(1 + x))``.

The score family of Chen, Zhang and Hardt (2026), Proposition 5.6 and Figure 1: in odds,
``(v - L)/(U - v) = e^{alpha} (1 + x)^{beta}``. The parameter names follow the paper; the
``log(1 + x)`` offset is a reconstruction (the paper's exact form is not available to us), chosen
because it reproduces the paper's worked numbers. ``beta <= 1`` keeps ``v`` concave in ``x``.

Models have common bounds ``(L, U)`` or per-model bounds; :meth:`GeneralizedLogit.with_ceilings`
builds per-model ceilings that increase with capability, under which catch-up becomes infeasible
at large tune-before-test levels.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from benchgame.core.validation import require
from benchgame.games.leaderboard.score_family import TabulatedFamily, capability_table, per_model

__all__ = ["GeneralizedLogit"]


class GeneralizedLogit(TabulatedFamily):
    """Generalized logit power-law learning curves, one set of parameters per model.

    ``v_k(x) = L_k + (U_k - L_k) sigma(alpha_k + beta_k log(1 + x))``, i.e. odds
    ``(v - L)/(U - v) = e^{alpha} (1 + x)^{beta}``.

    Inverse: ``E_k(s) = expm1((logit((s - L)/(U - L)) - alpha)/beta)``, clipped at 0, ``+inf`` for
    ``s >= U``. With common bounds the catch-up training is computed in log-odds (no loss of
    precision near the ceiling).

    Parameters
    ----------
    theta : array_like, shape (n,)
        Capabilities, one per model (distinct).
    alpha : array_like, shape (n,), or float
        Log-odds intercepts ``alpha_k``.
    beta : array_like, shape (n,), or float
        Log-odds slopes ``beta_k > 0`` in ``log(1 + x)``.
    lower : array_like, shape (n,), or float, default 0.0
        Floors ``L_k >= 0``; a scalar for common bounds.
    upper : array_like, shape (n,), or float, default 1.0
        Ceilings ``U_k <= 1`` above the floors; a scalar for common bounds.

    Raises
    ------
    InputError
        If capabilities repeat, a parameter has the wrong shape, ``beta <= 0`` or the bounds are
        not ``0 <= L < U <= 1``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Proposition 5.6
    (generalized logit power-law scaling) and Figure 1 (learning curves fitted in this form).

    Examples
    --------
    Two models with common bounds; the weaker one needs ``1 + Delta`` extra training to pass the
    stronger one's score at training ``Delta``:

    >>> import numpy as np
    >>> from benchgame.games.leaderboard import GeneralizedLogit
    >>> fam = GeneralizedLogit([1.0, 0.0], alpha=[np.log(2.0), 0.0], beta=1.0)
    >>> round(float(fam.value(1.0, 0.0)), 12)         # sigma(log 2)
    0.666666666667
    >>> round(float(fam.exceed_training(0.0, 1.0, 10.0)) - 10.0, 9)
    11.0
    >>> fam.c3_certificate(fam.capabilities) is not None
    True
    """

    def __init__(self, theta: Any, alpha: Any, beta: Any, lower: Any = 0.0, upper: Any = 1.0
                 ) -> None:
        self._theta = capability_table(theta)
        n = self._theta.size
        self.alpha = per_model(alpha, n, "alpha")
        self.beta = per_model(beta, n, "beta")
        self.lower = per_model(lower, n, "lower")
        self.upper = per_model(upper, n, "upper")
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
        """Per-model ceilings ``U(theta)`` strictly increasing in theta.

        Parameters
        ----------
        theta, alpha, beta : array_like
            As in the constructor.
        upper : array_like, shape (n,)
            Ceilings, strictly increasing with capability.
        lower : array_like, shape (n,), or float, default 0.0
            Floors.

        Returns
        -------
        GeneralizedLogit
        """
        th = capability_table(theta)
        U = per_model(upper, th.size, "upper")
        o = np.argsort(th)
        require(bool(np.all(np.diff(U[o]) > 0)), "upper",
                "ceilings must increase strictly with capability in with_ceilings",
                "sort the ceilings in the order of theta or use the plain constructor")
        return cls(th, alpha, beta, lower, U)

    def params(self, theta: Any) -> tuple[np.ndarray, ...]:
        """``(alpha, beta, lower, upper)`` of the developers with capabilities ``theta``.

        The score is ``lower + (upper - lower) * sigma(alpha + beta * log(1 + x))``.
        """
        i = self.index(theta)
        return self.alpha[i], self.beta[i], self.lower[i], self.upper[i]

    def value(self, theta: Any, x: Any) -> np.ndarray:
        """``L + (U - L) sigma(alpha + beta log(1 + x))``, broadcast."""
        from scipy.special import expit  # deferred: scipy.special takes 0.2 s to import

        a, b, lo, up = self.params(theta)
        return lo + (up - lo) * expit(a + b * np.log1p(np.asarray(x, float)))

    def inverse(self, theta: Any, s: Any, *, strict: bool = False, clip: bool = True
                ) -> np.ndarray:
        """``expm1((logit((s - L)/(U - L)) - alpha)/beta)`` (``+inf`` for ``s >= U``)."""
        from scipy.special import logit  # deferred: scipy.special takes 0.2 s to import

        a, b, lo, up = self.params(theta)
        s = np.asarray(s, float)
        q = (s - lo) / (up - lo)
        with np.errstate(all="ignore"):
            out = np.expm1((logit(np.clip(q, 0.0, 1.0)) - a) / b)
        out = np.where(q >= 1.0, np.inf, np.where(q <= 0.0, -1.0, out))
        return np.maximum(out, 0.0) if clip else out

    def ceiling(self, theta: Any) -> np.ndarray:
        """The ceilings ``U(theta)``."""
        return self.params(theta)[3]

    def log_odds(self, theta: Any, x: Any) -> np.ndarray:
        """``alpha + beta log(1 + x)``: the score in log-odds coordinates."""
        a, b, _, _ = self.params(theta)
        return a + b * np.log1p(np.asarray(x, float))

    def exceed_training(self, theta_r: Any, theta_k: Any, x_k: Any, *, strict: bool = True
                        ) -> np.ndarray:
        """Training at which model r passes ``v(theta_k, x_k)``, computed in log-odds."""
        ar, br, lr, ur = self.params(theta_r)
        _, _, lk, uk = self.params(theta_k)
        same = (lr == lk) & (ur == uk)
        if not np.all(same):
            generic = super().exceed_training(theta_r, theta_k, x_k, strict=strict)
            # common ceiling, different floors: work with the distance to the ceiling,
            # U - v_k = (U - L_k) sigma(-z_k), which keeps its digits near saturation
            top = (ur == uk) & ~same
            if np.any(top):
                from scipy.special import expit  # deferred: scipy.special is slow to import

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
        """C1 with common bounds, alpha strictly and beta weakly increasing in theta; else None."""
        a_dec, b_dec = self._monotone_params(theta)
        lo, up = self.params(theta)[2:]
        if self.common_bounds or (np.ptp(lo) == 0 and np.ptp(up) == 0):
            if a_dec and b_dec:
                return ("common bounds with alpha strictly and beta weakly increasing in theta: "
                        "log-odds alpha + beta log(1+x) strictly increasing in theta for x >= 0")
        return None

    def c3_certificate(self, theta: np.ndarray) -> str | None:
        """C3 with common bounds, alpha strictly and beta weakly increasing in theta; else None."""
        a_dec, b_dec = self._monotone_params(theta)
        lo, up = self.params(theta)[2:]
        if (np.ptp(lo) == 0 and np.ptp(up) == 0) and a_dec and b_dec:
            return ("common bounds, alpha strictly and beta weakly increasing in theta: "
                    "dA/dO >= 0 for every pair (A: effort advantage, O: log-odds of the "
                    "target score)")
        return None

    def strictly_increasing(self, theta: np.ndarray) -> bool:
        """True: every curve is strictly increasing below its ceiling."""
        return True

    def to_dict(self) -> dict:
        """The family's parameters as a JSON-ready dictionary."""
        return {"family": "generalized_logit", "theta": self._theta.tolist(),
                "alpha": self.alpha.tolist(), "beta": self.beta.tolist(),
                "lower": self.lower.tolist(), "upper": self.upper.tolist()}
