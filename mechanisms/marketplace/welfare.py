"""Consumer welfare of a marketplace under a choice rule.

``W(Q) = sum_t omega_t sum_i P[i, t] q_i(t)``: the expected quality of the answer the consumer
actually gets (reconstruction of Donahue and Raghavan, arXiv:2602.23293, section 2.3). Perfect
aggregation gives ``sum_t omega_t max_i q_i(t)``; epsilon-uniform
``(1 - eps) sum_t omega_t max_i q_i(t) + eps sum_t omega_t mean_i q_i(t)``.
"""

from __future__ import annotations

import numpy as np

from benchgame.mechanisms.marketplace.choice_rules import ChoiceRule

__all__ = ["task_welfare", "welfare"]


def task_welfare(Q: np.ndarray, rule: ChoiceRule, P: np.ndarray | None = None) -> np.ndarray:
    """Per-task welfare ``W_t = sum_i P[i, t] q_i(t)``, shape ``(..., m)``."""
    Q = np.asarray(Q, dtype=float)
    P = rule.probabilities(Q) if P is None else P
    return (P * Q).sum(axis=-2)


def welfare(Q: np.ndarray, omega: np.ndarray, rule: ChoiceRule,
            P: np.ndarray | None = None) -> np.ndarray:
    """Consumer welfare ``W = sum_t omega_t W_t``, shape ``(...)`` (vectorized over stacks)."""
    return task_welfare(Q, rule, P) @ np.asarray(omega, dtype=float)
