"""Accounting identities of winrate and weighted winrate, and the bound weighted winrate puts on
an entrant's welfare contribution (reconstruction of Donahue and Raghavan, arXiv:2602.23293).

* Identities: ``sum_i WR_i = 1`` and ``sum_i WWR_i = W`` for every choice rule (column-stochastic
  ``P``). Breaking the hypothesis: a non-stochastic "rule" (independent acceptance
  probabilities, :class:`IndependentAcceptance`).
* Entry bound: ``Delta W <= WWR_e`` for entry under a regular rule with ``q >= 0``. Breaking it:
  negative qualities, or a non-regular rule with an attraction effect (:class:`DecoyRule`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import expit

from benchgame.mechanisms.marketplace.choice_rules import ChoiceRule, Softmax
from benchgame.mechanisms.marketplace.payments import payoffs
from benchgame.mechanisms.marketplace.welfare import welfare
from benchgame.proofs_check.claim import Claim, Hypothesis, Source, Status, Verdict
from benchgame.proofs_check.claims.marketplace.instances import (
    ARXIV,
    SOURCE,
    EntryInstance,
    general_instance,
)
from benchgame.proofs_check.registry import register

__all__ = ["DecoyRule", "IndependentAcceptance"]


@dataclass(frozen=True)
class IndependentAcceptance(ChoiceRule):
    """Not a choice rule: each model is accepted independently, with ``sigma(beta (q - 1/2))``.

    Its "probabilities" do not sum to one over models, so winrate is no longer constant-sum:
    the violating instances of the accounting identities.

    Parameters
    ----------
    beta : float
        Slope of the acceptance probability in the quality.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract (winrate and weighted winrate).

    Examples
    --------
    >>> P = IndependentAcceptance(5.0).probabilities(np.array([[0.9], [0.8]]))
    >>> bool(P.sum() > 1)
    True
    """

    beta: float = 5.0
    name = "independent_acceptance"

    def probabilities(self, Q):
        """Acceptance probabilities ``sigma(beta (Q - 1/2))``, entry by entry.

        Parameters
        ----------
        Q : array_like
            Qualities, shape ``(..., n, m)``.

        Returns
        -------
        numpy.ndarray
            Same shape as ``Q``.
        """
        return expit(self.beta * (np.asarray(Q, float) - 0.5))


@dataclass(frozen=True)
class DecoyRule(ChoiceRule):
    """Softmax with an attraction (decoy) effect: a choice rule that is not regular.

    A model gains ``bonus`` in utility for each other model it beats on the task by at most
    ``gap`` (a near copy it dominates), so adding a slightly worse copy of a model raises that
    model's probability.

    Parameters
    ----------
    beta : float
        Inverse temperature of the softmax.
    bonus : float
        Utility bonus per dominated near copy, in units of ``1/beta``.
    gap : float
        Largest quality margin that counts as a near copy.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract (market entry).

    Examples
    --------
    >>> rule = DecoyRule()
    >>> before = rule.probabilities(np.array([[0.9], [0.5]]))[0, 0]
    >>> after = rule.probabilities(np.array([[0.9], [0.5], [0.8]]))[0, 0]
    >>> bool(after > before)
    True
    """

    beta: float = 2.0
    bonus: float = 4.0
    gap: float = 0.2
    name = "decoy"

    def probabilities(self, Q):
        """Selection probabilities: softmax of the qualities plus the decoy bonuses.

        Parameters
        ----------
        Q : array_like
            Qualities, shape ``(..., n, m)``.

        Returns
        -------
        numpy.ndarray
            Same shape as ``Q``; each column sums to one.
        """
        Q = np.asarray(Q, float)
        d = Q[..., :, None, :] - Q[..., None, :, :]
        dominated = ((d > 0) & (d <= self.gap)).sum(axis=-2)
        return Softmax(self.beta).probabilities(Q + self.bonus / self.beta * dominated)


def _is_choice_rule(inst: EntryInstance) -> bool:
    P = inst.rule.probabilities(inst.incumbents)
    return bool(np.allclose(P.sum(axis=0), 1.0, atol=1e-12))


def _check_identities(inst: EntryInstance) -> Verdict:
    Q, pi, r = inst.incumbents, inst.pi, inst.rule
    wr = payoffs("winrate", Q, pi, r)
    wwr = payoffs("weighted_winrate", Q, pi, r)
    W = float(welfare(Q, pi, r))
    r1, r2 = abs(wr.sum() - 1.0), abs(wwr.sum() - W)
    return Verdict.from_condition(r1 <= 1e-9 and r2 <= 1e-9, "sum WR = 1 and sum WWR = W",
                                  residual_winrate=r1, residual_weighted=r2, welfare=W)


def _identities_violating(rng):
    inst = general_instance(rng)
    return EntryInstance(inst.incumbents, inst.pi, IndependentAcceptance(float(rng.uniform(1, 9))),
                         inst.candidates)


register(Claim(
    id="marketplace.payoff_accounting_identities.reconstruction",
    aliases=("marketplace.p1_identities.reconstruction",),
    statement="For every choice rule: sum_i WR_i = 1 (winrate is constant-sum) and "
              "sum_i WWR_i = W (weighted winrate splits consumer welfare exactly).",
    source=Source(paper=SOURCE, item="winrate and weighted winrate (abstract)", arxiv=ARXIV,
                  form="reconstruction",
                  note="winrate as a selection share is constant-sum; weighted winrate splits "
                       "consumer welfare among producers"),
    expected=Status.HOLDS,
    hypotheses=(Hypothesis("choice_rule", "P is column-stochastic", _is_choice_rule),),
    generate=general_instance,
    generate_violating=_identities_violating,
    check=_check_identities,
    default_examples=100,
))


def _check_entry_bound(inst: EntryInstance) -> Verdict:
    Q, pi, r = inst.incumbents, inst.pi, inst.rule
    W0 = float(welfare(Q, pi, r))
    worst = np.inf
    for q in inst.candidates:
        Q1 = np.vstack([Q, q])
        dW = float(welfare(Q1, pi, r)) - W0
        wwr_e = float(payoffs("weighted_winrate", Q1, pi, r)[-1])
        worst = min(worst, wwr_e - dW)
    return Verdict.from_condition(worst >= -1e-12, "Delta W <= WWR_e for every candidate",
                                  min_slack=worst)


def _nonneg(inst: EntryInstance) -> bool:
    return bool(inst.incumbents.min() >= 0 and inst.candidates.min() >= 0)


def _regular(inst: EntryInstance) -> bool:
    """Regularity on this instance: adding any candidate never raises an incumbent's choice
    probability on any task (checked numerically, tolerance 1e-12)."""
    Q, r = inst.incumbents, inst.rule
    P0 = r.probabilities(Q)
    return all(bool(np.all(r.probabilities(np.vstack([Q, q]))[:-1] <= P0 + 1e-12))
               for q in inst.candidates)


def _entry_bound_violating(rng):
    if rng.random() < 0.5:  # negative qualities under softmax
        m = int(rng.integers(2, 5))
        Q = -rng.uniform(0.5, 1.0, (int(rng.integers(1, 4)), m))
        C = rng.uniform(-0.2, 0.0, (3, m))
        return EntryInstance(Q, rng.dirichlet(np.ones(m)), Softmax(float(rng.uniform(1, 5))), C)
    # decoy: the entrant is a slightly dominated copy of an incumbent, which then attracts
    m = int(rng.integers(2, 5))
    Q = rng.uniform(0.2, 1.0, (int(rng.integers(2, 4)), m))
    j = int(np.argmax(Q.mean(axis=1)))
    C = np.clip(Q[j] - rng.uniform(0.05, 0.15, (2, m)), 0, 1)
    Q[np.arange(len(Q)) != j] *= 0.1
    return EntryInstance(Q, rng.dirichlet(np.ones(m)), DecoyRule(), C)


register(Claim(
    id="marketplace.entry_welfare_bound.reconstruction",
    aliases=("marketplace.p2_entry_bound.reconstruction",),
    statement="Under a regular choice rule with non-negative qualities, the welfare change caused "
              "by an entrant never exceeds its weighted winrate: Delta W <= WWR_e.",
    source=Source(paper=SOURCE, item="market entry under weighted winrate (abstract)",
                  arxiv=ARXIV, form="reconstruction",
                  note="regularity: adding a model never raises an incumbent's choice "
                       "probability, so incumbents only lose welfare share"),
    expected=Status.HOLDS,
    hypotheses=(Hypothesis("nonnegative", "all qualities >= 0", _nonneg),
                Hypothesis("regular", "adding a model never raises an incumbent's probability",
                           _regular)),
    generate=general_instance,
    generate_violating=_entry_bound_violating,
    check=_check_entry_bound,
    default_examples=100,
))
