"""Noisy aggregation makes crowding costly: closed forms of the welfare change on entry, and the
softmax selection gradients (reconstruction of Donahue and Raghavan, arXiv:2602.23293).

- epsilon-uniform entry of ``e`` into ``n`` incumbents:
  ``Delta W = (1-eps) sum_t pi_t (q_e(t) - M_t)_+ + eps/(n+1) sum_t pi_t (q_e(t) - qbar_t)``.
- softmax, an exact clone of model ``j``: task-t welfare changes by
  ``e_j (q_j(t) - W_t) / (D_t + e_j)``, ``e_j = exp(beta q_j(t))``,
  ``D_t = sum_i exp(beta q_i(t))``;
  the clone's share on t is ``e_j / (D_t + e_j)``.
- softmax gradients: ``dP[i,t]/dq_i(t) = beta P(1-P)`` and ``d(P q)/dq = P + beta q P(1-P)``.
"""

from __future__ import annotations

import numpy as np

from benchgame.mechanisms.marketplace.choice_rules import EpsilonUniform, Luce, Softmax
from benchgame.mechanisms.marketplace.welfare import task_welfare, welfare
from benchgame.proofs_check.claim import Claim, Hypothesis, Source, Status, Verdict
from benchgame.proofs_check.claims.marketplace.instances import (
    ARXIV,
    SOURCE,
    EntryInstance,
    general_instance,
)
from benchgame.proofs_check.registry import register

__all__ = ["epsilon_entry_formula", "softmax_clone_formula"]


def epsilon_entry_formula(Q: np.ndarray, q: np.ndarray, pi: np.ndarray, eps: float) -> float:
    """Closed-form welfare change when a model enters under epsilon-uniform aggregation.

    ``Delta W = (1-eps) sum_t pi_t (q_e(t) - M_t)_+ + eps/(n+1) sum_t pi_t (q_e(t) - qbar_t)``,
    with ``M_t`` and ``qbar_t`` the incumbents' best and mean quality on task t: a below-average
    entrant lowers welfare even when it wins nothing, because noise sends it some queries.

    Parameters
    ----------
    Q : numpy.ndarray
        Incumbent qualities, shape ``(n, m)``.
    q : numpy.ndarray
        The entrant's qualities, shape ``(m,)``.
    pi : numpy.ndarray
        Task weights, shape ``(m,)``.
    eps : float
        Noise level: the best model is picked with probability ``1 - eps``, a uniformly random
        one otherwise.

    Returns
    -------
    float
        The welfare change ``W(Q + q) - W(Q)``.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract (noisy aggregation, market entry).

    Examples
    --------
    >>> Q, pi = np.array([[1.0, 0.0]]), np.array([0.5, 0.5])
    >>> epsilon_entry_formula(Q, np.array([0.0, 1.0]), pi, 0.0)
    0.5
    >>> epsilon_entry_formula(Q, np.array([0.2, 0.0]), pi, 0.5) < 0
    True
    """
    n = Q.shape[0]
    M, qbar = Q.max(axis=0), Q.mean(axis=0)
    return float((1 - eps) * np.clip(q - M, 0, None) @ pi + eps / (n + 1) * (q - qbar) @ pi)


def softmax_clone_formula(Q: np.ndarray, j: int, beta: float) -> np.ndarray:
    """Per-task welfare change of adding an exact clone of model ``j`` under softmax choice.

    ``e_j (q_j(t) - W_t) / (D_t + e_j)`` with ``e_j = exp(beta q_j(t))``,
    ``D_t = sum_i exp(beta q_i(t))`` and ``W_t`` the task-t welfare before the clone: positive
    exactly where the cloned model is better than the average answer the consumer gets.

    Parameters
    ----------
    Q : numpy.ndarray
        Incumbent qualities, shape ``(n, m)``.
    j : int
        The cloned model.
    beta : float
        Inverse temperature of the softmax.

    Returns
    -------
    numpy.ndarray
        The welfare change per task, shape ``(m,)``.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract (noisy aggregation, market entry).

    Examples
    --------
    >>> d = softmax_clone_formula(np.array([[0.9, 0.1], [0.2, 0.8]]), 0, 5.0)
    >>> bool(d[0] > 0), bool(d[1] < 0)
    (True, True)
    """
    e = np.exp(beta * Q)
    D, ej = e.sum(axis=0), e[j]
    Wt = (e * Q).sum(axis=0) / D
    return ej * (Q[j] - Wt) / (D + ej)


def _gen_eps(rng) -> EntryInstance:
    inst = general_instance(rng)
    return EntryInstance(inst.incumbents, inst.pi, EpsilonUniform(float(rng.uniform(0, 1))),
                         inst.candidates)


def _check_eps(inst: EntryInstance) -> Verdict:
    eps = getattr(inst.rule, "eps", 0.0)
    W0 = float(welfare(inst.incumbents, inst.pi, inst.rule))
    err = 0.0
    for q in inst.candidates:
        dW = float(welfare(np.vstack([inst.incumbents, q]), inst.pi, inst.rule)) - W0
        err = max(err, abs(dW - epsilon_entry_formula(inst.incumbents, q, inst.pi, eps)))
    return Verdict.from_condition(err <= 1e-12, "Delta W equals the epsilon-uniform formula",
                                  max_error=err)


register(Claim(
    id="marketplace.epsilon_entry_welfare_formula.reconstruction",
    aliases=("marketplace.p5_epsilon_entry_formula.reconstruction",),
    statement="Epsilon-uniform aggregation: entry of e into n incumbents changes welfare by "
              "(1-eps) sum_t pi_t (q_e(t) - M_t)_+ + eps/(n+1) sum_t pi_t (q_e(t) - qbar_t).",
    source=Source(paper=SOURCE, item="noisy aggregation, market entry (abstract)", arxiv=ARXIV,
                  form="reconstruction",
                  note="a below-average entrant lowers welfare even when it wins no task"),
    expected=Status.HOLDS,
    hypotheses=(Hypothesis("epsilon_uniform", "the rule is epsilon-uniform",
                           lambda i: isinstance(i.rule, EpsilonUniform)),),
    generate=_gen_eps,
    generate_violating=lambda rng: EntryInstance(*(lambda g: (g.incumbents, g.pi,
                                                              Softmax(float(rng.uniform(1, 9))),
                                                              g.candidates))(
        general_instance(rng))),
    check=_check_eps,
    default_examples=100,
))


def _gen_clone(rng, perturb: float = 0.0) -> EntryInstance:
    inst = general_instance(rng)
    j = int(rng.integers(len(inst.incumbents)))
    q = inst.incumbents[j].copy()
    if perturb:
        q = np.clip(q + rng.choice([-1, 1], size=q.shape) * rng.uniform(0.05, 0.2, q.shape), 0, 1)
    return EntryInstance(inst.incumbents, inst.pi, Softmax(float(rng.uniform(0.5, 30))),
                         q[None], {"clone_of": j})


def _check_clone(inst: EntryInstance) -> Verdict:
    Q, q, r = inst.incumbents, inst.candidates[0], inst.rule
    j = inst.tags["clone_of"]
    Q1 = np.vstack([Q, q])
    dWt = task_welfare(Q1, r) - task_welfare(Q, r)
    pred = softmax_clone_formula(Q, j, r.beta)
    share = r.probabilities(Q1)[-1]
    e = np.exp(r.beta * Q)
    share_pred = e[j] / (e.sum(axis=0) + e[j])
    err = float(max(np.abs(dWt - pred).max(), np.abs(share - share_pred).max()))
    sign_ok = bool(np.all((dWt > 1e-12) <= (Q[j] > task_welfare(Q, r) - 1e-12)))
    return Verdict.from_condition(err <= 1e-10 and sign_ok,
                                  "clone welfare change and share match the formula",
                                  max_error=err)


register(Claim(
    id="marketplace.softmax_clone_welfare_formula.reconstruction",
    aliases=("marketplace.p5_softmax_clone_formula.reconstruction",),
    statement="Softmax: adding an exact clone of model j changes task-t welfare by "
              "e_j (q_j(t) - W_t)/(D_t + e_j) (positive iff q_j(t) > W_t); the clone's share is "
              "e_j/(D_t + e_j).",
    source=Source(paper=SOURCE, item="noisy aggregation, market entry (abstract)", arxiv=ARXIV,
                  form="reconstruction",
                  note="a clone raises task-t welfare iff the cloned model beats the current "
                       "task-t welfare"),
    expected=Status.HOLDS,
    hypotheses=(Hypothesis("exact_clone", "the entrant equals model clone_of",
                           lambda i: bool(np.array_equal(i.candidates[0],
                                                         i.incumbents[i.tags["clone_of"]]))),),
    generate=_gen_clone,
    generate_violating=lambda rng: _gen_clone(rng, perturb=1.0),
    check=_check_clone,
    default_examples=100,
))


def _gen_grad(rng, luce: bool = False) -> EntryInstance:
    inst = general_instance(rng)
    Q = np.clip(inst.incumbents, 0.05, 1.0)
    rule = Luce(float(rng.uniform(1, 5))) if luce else Softmax(float(rng.uniform(0.5, 30)))
    return EntryInstance(Q, inst.pi, rule, Q[:1], {"model": int(rng.integers(len(Q)))})


def _check_grad(inst: EntryInstance) -> Verdict:
    Q, r, i = inst.incumbents, inst.rule, inst.tags["model"]
    beta = getattr(r, "beta", getattr(r, "gamma", 1.0))
    P = r.probabilities(Q)[i]
    h = 1e-6
    Qp, Qm = Q.copy(), Q.copy()
    Qp[i] += h
    Qm[i] -= h
    dP = (r.probabilities(Qp)[i] - r.probabilities(Qm)[i]) / (2 * h)
    dPq = (r.probabilities(Qp)[i] * Qp[i] - r.probabilities(Qm)[i] * Qm[i]) / (2 * h)
    e1 = float(np.abs(dP - beta * P * (1 - P)).max())
    e2 = float(np.abs(dPq - (P + beta * Q[i] * P * (1 - P))).max())
    return Verdict.from_condition(max(e1, e2) <= 1e-5, "dP/dq = beta P(1-P) and "
                                  "d(Pq)/dq = P + beta q P(1-P)", error_share=e1,
                                  error_weighted=e2)


register(Claim(
    id="marketplace.softmax_selection_gradients.reconstruction",
    aliases=("marketplace.p5_softmax_gradients.reconstruction",),
    statement="Softmax: dP[i,t]/dq_i(t) = beta P(1-P) (peaks at P = 1/2) and "
              "d(P q)/dq = P + beta q P(1-P).",
    source=Source(paper=SOURCE, item="incentives to homogenize or specialize (abstract)",
                  arxiv=ARXIV, form="reconstruction",
                  note="under winrate the marginal value of quality peaks where a producer is "
                       "neck and neck (P = 1/2); weighted winrate adds P, rewarding quality "
                       "where the producer is already chosen"),
    expected=Status.HOLDS,
    hypotheses=(Hypothesis("softmax", "the rule is softmax",
                           lambda i: isinstance(i.rule, Softmax)),),
    generate=_gen_grad,
    generate_violating=lambda rng: _gen_grad(rng, luce=True),
    check=_check_grad,
    default_examples=100,
))
