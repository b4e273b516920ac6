"""Consumer welfare of a marketplace under a choice rule.

``W(Q) = sum_t omega_t sum_i P[i, t] q_i(t)``: the expected quality of the answer the consumer
actually gets (a reconstruction of the paper's definition of consumer utility in Donahue and
Raghavan, arXiv:2602.23293). Perfect aggregation gives ``sum_t omega_t max_i q_i(t)``;
epsilon-uniform ``(1 - eps) sum_t omega_t max_i q_i(t) + eps sum_t omega_t mean_i q_i(t)``.
"""

from __future__ import annotations

import numpy as np

from benchgame.mechanisms.marketplace.choice_rules import ChoiceRule

__all__ = ["task_welfare", "welfare"]


def task_welfare(Q: np.ndarray, rule: ChoiceRule, P: np.ndarray | None = None) -> np.ndarray:
    """Per-task welfare ``W_t = sum_i P[i, t] q_i(t)``.

    Parameters
    ----------
    Q : array_like, shape (..., n, m)
        Qualities ``Q[i, t]``; leading axes stack several markets.
    rule : ChoiceRule
        Choice rule giving the selection probabilities ``P = rule.probabilities(Q)``.
    P : ndarray, shape (..., n, m), optional
        Selection probabilities already computed for ``Q`` (skips the rule).

    Returns
    -------
    ndarray, shape (..., m)
        Expected quality of the selected answer on each task.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract (consumer utility under noisy
    aggregation); the per-task form is a reconstruction of the paper's definition.

    Examples
    --------
    >>> from benchgame.mechanisms.marketplace import Perfect
    >>> task_welfare([[0.8, 0.2], [0.2, 0.9]], Perfect()).tolist()
    [0.8, 0.9]
    """
    Q = np.asarray(Q, dtype=float)
    P = rule.probabilities(Q) if P is None else P
    return (P * Q).sum(axis=-2)


def welfare(Q: np.ndarray, omega: np.ndarray, rule: ChoiceRule,
            P: np.ndarray | None = None) -> np.ndarray:
    """Consumer welfare ``W = sum_t omega_t W_t`` of one market or a stack of markets.

    Parameters
    ----------
    Q : array_like, shape (..., n, m)
        Qualities ``Q[i, t]``; leading axes stack several markets (vectorized).
    omega : array_like, shape (m,)
        Task weights ``pi`` (or ``pi * v`` with task values).
    rule : ChoiceRule
        Choice rule giving the selection probabilities.
    P : ndarray, shape (..., n, m), optional
        Selection probabilities already computed for ``Q``.

    Returns
    -------
    ndarray, shape (...)
        Expected quality of the answer the consumer gets (a 0-d array for one market).

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract (consumer welfare); the formula is
    a reconstruction of the paper's definition.

    Examples
    --------
    Perfect aggregation picks the best model on every task; noise lowers welfare:

    >>> from benchgame.mechanisms.marketplace import EpsilonUniform, Perfect, Softmax
    >>> Q, pi = [[0.8, 0.2], [0.2, 0.9]], [0.5, 0.5]
    >>> round(float(welfare(Q, pi, Perfect())), 6)
    0.85
    >>> round(float(welfare(Q, pi, EpsilonUniform(0.5))), 6)
    0.6875
    >>> round(float(welfare(Q, pi, Softmax(5.0))), 6)
    0.825513
    """
    return task_welfare(Q, rule, P) @ np.asarray(omega, dtype=float)
