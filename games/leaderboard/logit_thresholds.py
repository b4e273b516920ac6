"""Closed forms of the stabilizing threshold for generalized logit curves with common bounds.

For models ``k`` with log-odds ``alpha_k + beta_k log(1 + x)`` and common bounds ``(L, U)``, under
tune-before-test and a cost with ``c(e) >= kappa e``, the adjacent pair (r - 1, r) has

    rho_r = exp((alpha_{r-1} - alpha_r)/beta_r),  gamma_r = beta_r / beta_{r-1},
    lambda_r = G_r / kappa,
    e_req_r(Delta) = rho_r (1 + Delta)^{1/gamma_r} - (1 + Delta)     (comparing odds),

and, for ``gamma_r <= 1``, ``Delta*_r <= max(0, (lambda_r / e_req_r(0))^{gamma_r} - 1)``: the
stabilizing threshold grows polynomially in the reward gap, as Chen, Zhang and Hardt (2026),
Proposition 5.6 states. The definitions of ``rho``, ``gamma`` and ``lambda`` and the bound are a
reconstruction (the paper's statement is available to us only as a paraphrase); with a linear
cost ``c = kappa e`` the exact ``Delta*_r`` is also computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from benchgame.core.validation import require
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.costs import LinearQuadraticCost, PowerCost
from benchgame.games.leaderboard.generalized_logit import GeneralizedLogit

__all__ = ["LogitClosedForm", "logit_closed_form"]


@dataclass(frozen=True)
class LogitClosedForm:
    """The closed-form quantities per adjacent pair (module docstring).

    Arrays have length n - 1; entry j is the pair (j, j + 1), 0-based.

    Parameters
    ----------
    rho : numpy.ndarray
        ``rho_r = exp((alpha_{r-1} - alpha_r)/beta_r)``.
    gamma : numpy.ndarray
        ``gamma_r = beta_r / beta_{r-1}``.
    lam : numpy.ndarray
        ``lambda_r = G_r / kappa``.
    kappa : float
        Slope of the linear lower bound ``c(e) >= kappa e``.
    e_req_zero : numpy.ndarray
        ``e_req_r(0) = rho_r - 1``.
    bound : numpy.ndarray
        The bound ``max(0, (lambda/e_req(0))^gamma - 1)`` on ``Delta*_r`` (valid for
        ``gamma <= 1``).
    delta_star_exact : numpy.ndarray or None
        The exact threshold for a linear cost ``kappa e`` (None when the cost is not linear).

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Proposition 5.6.
    """

    rho: np.ndarray
    gamma: np.ndarray
    lam: np.ndarray
    kappa: float
    e_req_zero: np.ndarray
    bound: np.ndarray
    delta_star_exact: np.ndarray | None

    def e_req(self, delta: Any) -> np.ndarray:
        """``rho (1 + Delta)^{1/gamma} - (1 + Delta)`` (shape broadcast of delta x pairs)."""
        y = 1.0 + np.asarray(delta, float)[..., None]
        return self.rho * y ** (1.0 / self.gamma) - y


def _linear_kappa(contest: Contest) -> tuple[float, bool]:
    c = contest.cost
    if isinstance(c, PowerCost):
        return (c.kappa, True) if c.p == 1 else (float("nan"), False)
    if isinstance(c, LinearQuadraticCost) and c.kappa > 0:
        return c.kappa, c.mu == 0
    return float("nan"), False


def logit_closed_form(contest: Contest, kappa: float | None = None) -> LogitClosedForm:
    """Closed forms of ``e_req_r`` and of the stabilizing threshold for logit curves.

    Parameters
    ----------
    contest : Contest
        A contest under tune-before-test with a
        :class:`~benchgame.games.leaderboard.generalized_logit.GeneralizedLogit` family with
        common bounds.
    kappa : float, optional
        Slope with ``c(e) >= kappa e``; by default read from a power cost with ``p = 1`` or
        from the linear coefficient of a linear-quadratic cost.

    Returns
    -------
    LogitClosedForm
        ``rho``, ``gamma``, ``lambda``, ``e_req(0)``, the bound on ``Delta*_r`` and, for a
        linear cost, the exact ``Delta*_r``.

    Raises
    ------
    InputError
        If the family is not a generalized logit with common bounds, or ``kappa`` cannot be
        read from the cost or is not positive.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Proposition 5.6
    (the stabilizing threshold is ``O(lambda_r^{gamma_r})`` for ``gamma <= 1``).

    Examples
    --------
    >>> import numpy as np
    >>> from benchgame.games.leaderboard import Contest, GeneralizedLogit, PowerCost
    >>> from benchgame.games.leaderboard import logit_closed_form
    >>> fam = GeneralizedLogit([1.0, 0.0], [np.log(2.0), 0.0], 1.0)
    >>> lf = logit_closed_form(Contest([1.0, 0.0], fam, PowerCost(1.0), [2.0, 0.0]))
    >>> lf.rho.tolist(), lf.gamma.tolist(), lf.lam.tolist(), lf.bound.tolist()
    ([2.0], [1.0], [2.0], [1.0])
    >>> lf.delta_star_exact.tolist(), lf.e_req([0.0, 10.0]).tolist()
    ([1.0], [[1.0], [11.0]])
    """
    fam = contest.family
    require(isinstance(fam, GeneralizedLogit), "family", "is not a GeneralizedLogit",
            "the closed forms of Proposition 5.6 are for the generalized logit family")
    a, b, lo, up = fam.params(contest.theta)
    require(bool(np.ptp(lo) == 0 and np.ptp(up) == 0), "family",
            "has per-model bounds", "the closed forms need common bounds L, U")
    k_lin, linear = _linear_kappa(contest)
    if kappa is None:
        require(np.isfinite(k_lin), "kappa", "cannot be read from this cost",
                "pass kappa with c(e) >= kappa e")
        kappa = k_lin
    require(kappa > 0, "kappa", f"is {kappa}", "use kappa > 0")
    rho = np.exp((a[:-1] - a[1:]) / b[1:])
    gamma = b[1:] / b[:-1]
    lam = contest.rewards.gaps / kappa
    e0 = rho - 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        bound = np.where(e0 > 0, np.maximum(0.0, (lam / e0) ** gamma - 1.0), np.inf)
    exact = None
    if linear:
        from scipy.optimize import brentq  # deferred: scipy.optimize is slow to import

        exact = np.full(rho.size, np.nan)
        for j in range(rho.size):
            def f(y: float, j: int = j) -> float:
                return rho[j] * y ** (1.0 / gamma[j]) - y - lam[j]
            if f(1.0) >= 0:
                exact[j] = 0.0
            elif gamma[j] == 1.0 and rho[j] > 1:
                exact[j] = lam[j] / (rho[j] - 1.0) - 1.0
            elif rho[j] > 1 and gamma[j] < 1:
                hi = 2.0
                while f(hi) < 0:
                    hi *= 2.0
                exact[j] = brentq(f, 1.0, hi, xtol=1e-14, rtol=1e-15) - 1.0
            else:
                exact[j] = np.inf
    return LogitClosedForm(rho, gamma, lam, float(kappa), e0, bound, exact)
