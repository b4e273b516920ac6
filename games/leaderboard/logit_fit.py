"""Tabulated learning curves fitted to the generalized logit form by nonlinear least squares.

The pipeline behind Chen, Zhang and Hardt (2026), Figure 1: accuracy trajectories of several
models (accuracy against training steps) are fitted with ``L + (U - L) sigma(alpha + beta
log(1 + x))`` per model, the models are ordered by fitted capability, and the fitted family feeds
the catch-up curves of the designer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.special import expit

from benchgame.core.validation import as_finite_array, require
from benchgame.games.leaderboard.generalized_logit import GeneralizedLogit

__all__ = ["LogitFit", "fit_logit_curves"]


@dataclass(frozen=True)
class LogitFit:
    """Result of :func:`fit_logit_curves`.

    Parameters
    ----------
    family : GeneralizedLogit
        Fitted family; models are ordered by fitted capability (highest first).
    order : numpy.ndarray
        ``order[k]`` = input curve index of the k-th most capable model.
    rmse : numpy.ndarray
        Root-mean-square residual per model (in input order).
    success : numpy.ndarray of bool
        Whether least squares converged, per model (input order).
    method : str, default "scipy.optimize.least_squares (trust-region reflective)"
        The fitting method.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Figure 1.
    """

    family: GeneralizedLogit
    order: np.ndarray
    rmse: np.ndarray
    success: np.ndarray
    method: str = "scipy.optimize.least_squares (trust-region reflective)"


def fit_logit_curves(steps: Any, accuracy: Any, *, common_bounds: bool = False,
                     reference_steps: float = 0.0) -> LogitFit:
    """Fit ``(L, U, alpha, beta)`` per model by nonlinear least squares.

    Parameters
    ----------
    steps : array_like, shape (m,) or (n, m)
        Training steps of the checkpoints (shared or per model), >= 0.
    accuracy : array_like, shape (n, m)
        Observed accuracies in [0, 1], one row per model.
    common_bounds : bool, default False
        Fit one shared (L, U) for all models instead of per-model bounds.
    reference_steps : float, default 0.0
        Capability is defined as the fitted score at this training level
        (``theta_k = v_k(reference_steps)``), and models are ordered by it. This definition is a
        choice of this package, not taken from the paper.

    Returns
    -------
    LogitFit
        The fitted family (ordered by capability), the order and the residuals.

    Raises
    ------
    InputError
        If accuracies leave [0, 1], there are fewer than 4 checkpoints per model, or ``steps``
        does not match ``accuracy``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Figure 1 and
    Section 5.1 (learning curves fitted with the generalized logit scaling form).

    Examples
    --------
    Curves generated from the logit form are recovered:

    >>> import numpy as np
    >>> from scipy.special import expit
    >>> from benchgame.games.leaderboard import fit_logit_curves
    >>> steps = np.array([0.0, 10, 30, 100, 300, 1000, 3000])
    >>> acc = np.stack([0.2 + 0.7 * expit(a + 0.5 * np.log1p(steps)) for a in (-2.0, -1.0)])
    >>> fit = fit_logit_curves(steps, acc, common_bounds=True)
    >>> fit.order.tolist()                     # the second curve is more capable
    [1, 0]
    >>> fit.family.alpha.round(3).tolist(), fit.family.beta.round(3).tolist()
    ([-1.0, -2.0], [0.5, 0.5])
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
