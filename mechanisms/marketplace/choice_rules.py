"""Choice rules: how a noisy aggregator (a user or a router) picks one model per task.

For each task ``t`` the aggregator picks model ``i`` with probability ``P[i, t] = sigma_i(Q[:, t])``
for a choice rule ``sigma: R^n -> Delta_n``; each column of ``P`` sums to one. Every rule here is
anonymous, monotone and regular (adding a model never raises an incumbent's probability), the
properties the reconstruction of Donahue and Raghavan (arXiv:2602.23293) uses.

The paper's noise model is not published; the rules below are the alternatives a reconstruction
considers, each a parameter of every metric and analysis. They are registered by name in
:mod:`benchgame.mechanisms.marketplace.choice_registry` (``parse_rule("softmax:20")``).

All rules act on arrays of shape ``(..., n, m)`` (models on axis -2, tasks on axis -1), so analyses
vectorize over candidate entrants and strategy profiles by stacking markets on leading axes.
"""

from __future__ import annotations

from dataclasses import dataclass

import lazy_loader as lazy
import numpy as np

from benchgame.core.validation import InputError, require

special = lazy.load("scipy.special", suppress_warning=True)  # the probit rule only

__all__ = [
    "DEFAULT_TIE_TOL",
    "BradleyTerry",
    "ChoiceRule",
    "EpsilonUniform",
    "Luce",
    "Perfect",
    "Probit",
    "Softmax",
]

DEFAULT_TIE_TOL = 1e-12
"""Absolute tolerance within which qualities count as tied (perfect and epsilon-uniform)."""


class ChoiceRule:
    """A choice rule: how a noisy aggregator picks one model per task.

    Subclasses implement :meth:`probabilities`; :meth:`pairwise` defaults to the two-model
    restriction of the rule.
    """

    name = "rule"

    def probabilities(self, Q: np.ndarray) -> np.ndarray:
        """Selection probabilities ``P`` of the same shape as ``Q`` (``(..., n, m)``)."""
        raise NotImplementedError

    def beats(self, Q: np.ndarray) -> np.ndarray:
        """Pairwise win probabilities ``B[..., i, j, t] = P(i beats j on t)``.

        Defined as the rule applied to the two-model market ``{i, j}``; ties count one half and
        ``B[i, i, t] = 1/2``. For :class:`Softmax` this is the Bradley-Terry probability
        ``sigma(beta (q_i(t) - q_j(t)))``.
        """
        Q = np.asarray(Q, dtype=float)
        n = Q.shape[-2]
        qi = np.broadcast_to(Q[..., :, None, :], Q.shape[:-2] + (n, n, Q.shape[-1]))
        qj = np.broadcast_to(Q[..., None, :, :], qi.shape)
        pair = np.stack([qi, qj], axis=-2)  # (..., n, n, 2, m)
        return self.probabilities(pair)[..., 0, :]

    def to_dict(self) -> dict:
        return {"rule": self.name, **{k: v for k, v in vars(self).items()}}


def _check_q(Q: np.ndarray) -> np.ndarray:
    Q = np.asarray(Q, dtype=float)
    require(Q.ndim >= 2 and Q.shape[-2] >= 1, "quality",
            f"has shape {Q.shape}, expected (..., n, m) with n >= 1",
            "give at least one model")
    return Q


def _normalized_exp(scale: float, x: np.ndarray) -> np.ndarray:
    """``exp(scale x_i) / sum_j exp(scale x_j)`` over axis -2, exact in the limit ``scale -> inf``.

    Log-sum-exp with the shift taken *before* scaling: ``z = scale (x - max_j x_j)``, so the
    largest ``z`` is exactly 0 (no overflow, and tied maxima get ``exp(0) = 1`` each), and the
    normaliser ``sum_j exp(z_j)`` lies in ``[1, n]``. Scaling first and subtracting
    ``logsumexp(scale x)`` afterwards cancels catastrophically for large ``scale``: at
    ``scale = 1e17`` the ``log 2`` of two tied maxima is below the float spacing of
    ``scale x_max``, both probabilities come out as 1 and welfare exceeds every quality.
    """
    z = scale * (x - x.max(axis=-2, keepdims=True))
    e = np.exp(z)
    return e / e.sum(axis=-2, keepdims=True)


@dataclass(frozen=True)
class EpsilonUniform(ChoiceRule):
    """Pick a best model with probability ``1 - eps``, a uniform model with probability ``eps``.

    ``P[i, t] = (1 - eps) 1{i in B_t} / |B_t| + eps / n`` with ``B_t`` the models within
    ``tie_tol`` of ``max_j q_j(t)`` (ties split equally; results jump at ties).
    ``eps = 0`` is perfect aggregation.

    Parameters
    ----------
    eps : float, default 0
        Noise level in ``[0, 1]``.
    tie_tol : float, default DEFAULT_TIE_TOL
        Absolute tolerance within which qualities count as tied.

    Raises
    ------
    InputError
        If ``eps`` is outside ``[0, 1]`` or ``tie_tol`` is negative or not finite.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293: a reconstruction of the paper's noisy
    aggregator.

    Examples
    --------
    >>> EpsilonUniform(0.2).probabilities([[0.9], [0.1]]).ravel().tolist()
    [0.9, 0.1]
    """

    eps: float = 0.0
    tie_tol: float = DEFAULT_TIE_TOL
    name = "epsilon"

    def __post_init__(self) -> None:
        require(np.isfinite(self.eps) and 0.0 <= self.eps <= 1.0, "eps",
                f"is {self.eps}, outside [0, 1]", "give a noise level 0 <= eps <= 1")
        require(np.isfinite(self.tie_tol) and self.tie_tol >= 0.0, "tie_tol",
                f"is {self.tie_tol}", "give a finite tolerance >= 0")

    def probabilities(self, Q: np.ndarray) -> np.ndarray:
        Q = _check_q(Q)
        n = Q.shape[-2]
        best = Q >= Q.max(axis=-2, keepdims=True) - self.tie_tol
        share = best / best.sum(axis=-2, keepdims=True)
        return (1.0 - self.eps) * share + self.eps / n

    def to_dict(self) -> dict:
        return {"rule": self.name, "eps": self.eps, "tie_tol": self.tie_tol}


def Perfect(tie_tol: float = DEFAULT_TIE_TOL) -> EpsilonUniform:  # noqa: N802
    """Noiseless aggregation: uniform over ``argmax_i q_i(t)`` (``EpsilonUniform(0)``).

    Parameters
    ----------
    tie_tol : float, default DEFAULT_TIE_TOL
        Absolute tolerance within which qualities count as tied (ties split equally).

    Returns
    -------
    EpsilonUniform
        The rule with ``eps = 0``.

    Examples
    --------
    >>> Perfect().probabilities([[0.9, 0.5], [0.1, 0.5]]).tolist()
    [[1.0, 0.5], [0.0, 0.5]]
    """
    return EpsilonUniform(0.0, tie_tol)


@dataclass(frozen=True)
class Softmax(ChoiceRule):
    """Logit rule ``P[i, t] = exp(beta q_i(t)) / sum_j exp(beta q_j(t))``, via log-sum-exp.

    ``beta = 0`` is uniform; ``beta -> inf`` tends to perfect aggregation.

    Parameters
    ----------
    beta : float, default 1
        Inverse temperature, finite and ``>= 0``.

    Raises
    ------
    InputError
        If ``beta`` is negative or not finite.
    """

    beta: float = 1.0
    name = "softmax"

    def __post_init__(self) -> None:
        require(np.isfinite(self.beta) and self.beta >= 0.0, "beta",
                f"is {self.beta}", "give a finite inverse temperature beta >= 0")

    def probabilities(self, Q: np.ndarray) -> np.ndarray:
        Q = _check_q(Q)
        return _normalized_exp(self.beta, Q)

    def to_dict(self) -> dict:
        return {"rule": self.name, "beta": self.beta}


@dataclass(frozen=True)
class BradleyTerry(Softmax):
    """Softmax selection whose pairwise comparisons are Bradley-Terry.

    ``P(i beats j on t) = sigma(beta (q_i(t) - q_j(t)))``; used with the pairwise winrate.

    Parameters
    ----------
    beta : float, default 1
        Inverse temperature, finite and ``>= 0``.

    References
    ----------
    Bradley and Terry (1952), "Rank analysis of incomplete block designs", Biometrika 39.
    """

    name = "bradley_terry"


@dataclass(frozen=True)
class Luce(ChoiceRule):
    """Luce / Tullock rule ``P[i, t] = q_i(t)^gamma / sum_j q_j(t)^gamma``; needs ``q > 0``.

    Parameters
    ----------
    gamma : float, default 1
        Exponent, ``> 0``.

    Raises
    ------
    InputError
        If ``gamma`` is not positive and finite (and, when used, on non-positive qualities).

    References
    ----------
    Luce (1959), Individual Choice Behavior; Tullock (1980), "Efficient rent seeking".
    """

    gamma: float = 1.0
    name = "luce"

    def __post_init__(self) -> None:
        require(np.isfinite(self.gamma) and self.gamma > 0.0, "gamma",
                f"is {self.gamma}", "give an exponent gamma > 0")

    def probabilities(self, Q: np.ndarray) -> np.ndarray:
        Q = _check_q(Q)
        if np.any(Q <= 0):
            raise InputError("quality", "the Luce rule needs strictly positive qualities",
                             "shift qualities above 0 or use another rule")
        return _normalized_exp(self.gamma, np.log(Q))

    def to_dict(self) -> dict:
        return {"rule": self.name, "gamma": self.gamma}


@dataclass(frozen=True)
class Probit(ChoiceRule):
    """Random-utility rule ``P[i, t] = P(q_i + eta_i >= max_j q_j + eta_j)``, ``eta ~ N(0, s^2)``.

    ``method="quadrature"`` (default): Gauss-Hermite quadrature of the exact one-dimensional
    integral ``P_i = E_z[prod_{j != i} Phi((q_i - q_j)/s + z)]`` with ``z ~ N(0, 1)``
    (``nodes`` points; exact up to quadrature error, and for two models equal to
    ``Phi((q_i - q_j) / (s sqrt 2))``). ``method="montecarlo"``: ``samples`` seeded draws.

    Parameters
    ----------
    scale : float, default 0.1
        Noise standard deviation ``s > 0``.
    method : {"quadrature", "montecarlo"}, default "quadrature"
        How the choice probabilities are computed.
    nodes : int, default 64
        Gauss-Hermite nodes (quadrature).
    samples : int, default 20000
        Draws (Monte Carlo).
    seed : int, default 0
        Seed of the draws (Monte Carlo).

    Raises
    ------
    InputError
        On a non-positive scale, an unknown method, or too few nodes or samples.

    References
    ----------
    Thurstone (1927), "A law of comparative judgment", Psychological Review 34.
    """

    scale: float = 0.1
    method: str = "quadrature"
    nodes: int = 64
    samples: int = 20000
    seed: int = 0
    name = "probit"

    def __post_init__(self) -> None:
        require(np.isfinite(self.scale) and self.scale > 0, "scale", f"is {self.scale}",
                "give a noise standard deviation > 0")
        require(self.method in ("quadrature", "montecarlo"), "method",
                f"is {self.method!r}", "use 'quadrature' or 'montecarlo'")
        require(self.nodes >= 2 and self.samples >= 1, "nodes",
                "needs nodes >= 2 and samples >= 1")

    def probabilities(self, Q: np.ndarray) -> np.ndarray:
        Q = _check_q(Q)
        if self.method == "montecarlo":
            rng = np.random.default_rng(self.seed)
            eta = rng.normal(0.0, self.scale, size=(self.samples,) + Q.shape)
            U = Q[None] + eta
            win = U >= U.max(axis=-2, keepdims=True)
            return (win / win.sum(axis=-2, keepdims=True)).mean(axis=0)
        x, w = np.polynomial.hermite_e.hermegauss(self.nodes)  # weight exp(-x^2/2)
        w = w / w.sum()
        d = (Q[..., :, None, :] - Q[..., None, :, :]) / self.scale  # (..., i, j, m)
        logphi = special.log_ndtr(d[..., None] + x)  # (..., i, j, m, K)
        n = Q.shape[-2]
        eye = np.eye(n, dtype=bool)[:, :, None, None]
        logphi = np.where(eye, 0.0, logphi)
        P = np.exp(logphi.sum(axis=-3)) @ w  # (..., i, m)
        return P / P.sum(axis=-2, keepdims=True)

    def beats(self, Q: np.ndarray) -> np.ndarray:
        Q = np.asarray(Q, dtype=float)
        return special.ndtr((Q[..., :, None, :] - Q[..., None, :, :]) / (self.scale * np.sqrt(2.0)))

    def to_dict(self) -> dict:
        return {"rule": self.name, "scale": self.scale, "method": self.method}
