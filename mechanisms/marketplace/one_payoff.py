"""One producer's payoff in many stacked markets, without the payoffs of all the others.

Entry and replacement evaluate one producer (the entrant, or the model being replaced) in
``k`` markets stacked on a leading axis. The payment rules of
:mod:`benchgame.mechanisms.marketplace.payments` pay every model; the functions here compute the
same formulas for row ``i`` only: pairwise rules need the two-model contests of ``i`` against
each opponent (``n`` instead of ``n^2`` per market) and the marginal contribution needs one
leave-one-out welfare (``W(Q_{-i})``, instead of all ``n``).
"""

from __future__ import annotations

import numpy as np

from benchgame.core.validation import require
from benchgame.mechanisms.marketplace.choice_rules import ChoiceRule
from benchgame.mechanisms.marketplace.welfare import task_welfare

__all__ = ["ONE_PAYOFF"]


def beats_row(rule: ChoiceRule, Q: np.ndarray, i: int, j: int | None = None) -> np.ndarray:
    """``B[..., i, j, t]`` for every ``j`` (shape ``(..., n, m)``), or for one ``j`` (``(..., m)``).

    The same two-model restriction as :meth:`ChoiceRule.beats` (row ``i`` of it), through the
    rule's own ``beats`` on the pairs ``(q_i, q_j)`` when it overrides the default.
    """
    qi = Q[..., i:i + 1, :]
    qj = Q if j is None else Q[..., j:j + 1, :]
    qi = np.broadcast_to(qi, qj.shape)
    pair = np.stack([qi, qj], axis=-2)                     # (..., n, 2, m)
    if type(rule).beats is ChoiceRule.beats:
        B = rule.probabilities(pair)[..., 0, :]
    else:
        B = rule.beats(pair)[..., 0, 1, :]
    return B if j is None else B[..., 0, :]


def _offdiag_mean_row(x: np.ndarray, i: int) -> np.ndarray:
    n = x.shape[-1]
    if n == 1:
        return np.zeros(x.shape[:-1])
    return np.where(np.arange(n) == i, 0.0, x).sum(axis=-1) / (n - 1)


def _winrate(Q, omega, rule, P, i):
    return P[..., i, :] @ omega


def _weighted(Q, omega, rule, P, i):
    return (P[..., i, :] * Q[..., i, :]) @ omega


def _pairwise(Q, omega, rule, P, i, weighted=False):
    B = beats_row(rule, Q, i)
    if weighted:
        B = B * Q[..., i, None, :]
    return _offdiag_mean_row(B @ omega, i)


def _weighted_pairwise(Q, omega, rule, P, i):
    return _pairwise(Q, omega, rule, P, i, weighted=True)


def _reference(Q, omega, rule, P, i, reference=0):
    n = Q.shape[-2]
    require(isinstance(reference, int | np.integer) and 0 <= int(reference) < n, "reference",
            f"is {reference!r}", f"give a model index in [0, {n})")
    return beats_row(rule, Q, i, int(reference)) @ omega


def _margin(Q, omega, rule, P, i):
    B = beats_row(rule, Q, i)
    return _offdiag_mean_row((B * (Q[..., i, None, :] - Q)) @ omega, i)


def _marginal(Q, omega, rule, P, i):
    W = task_welfare(Q, rule, P) @ omega
    if Q.shape[-2] == 1:
        return W
    return W - task_welfare(np.delete(Q, i, axis=-2), rule) @ omega


ONE_PAYOFF = {"winrate": _winrate, "weighted_winrate": _weighted, "pairwise": _pairwise,
              "weighted_pairwise": _weighted_pairwise, "reference": _reference,
              "margin": _margin, "marginal": _marginal}
"""Built-in payment rules by name: ``pay_one(Q, omega, rule, P, i, **options) -> (...)``."""
