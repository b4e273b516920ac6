"""Instance generators shared by the marketplace claims (Donahue and Raghavan, arXiv:2602.23293).

The paper's full text was not available; the claims are about a reconstructed model (qualities
``Q`` of models on tasks, task weights ``pi``, a noisy choice rule, winrate and weighted winrate).
The generators draw general markets, two-task markets whose entrant lies on the budget line
``q = (alpha, 1 - alpha)``, and two-task markets with free candidates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from benchgame.mechanisms.marketplace.choice_rules import ChoiceRule, EpsilonUniform, Softmax
from benchgame.mechanisms.marketplace.entry import budget_line, entry
from benchgame.mechanisms.marketplace.market import Market

__all__ = [
    "EntryInstance",
    "general_instance",
    "on_budget_line",
    "random_rule",
    "two_task_free_instance",
    "two_task_line_instance",
    "welfare_at_worst_best_responses",
]

SOURCE = ("Donahue and Raghavan, Impacts of Aggregation on Model Diversity and Consumer Utility "
          "(reconstruction)")
ARXIV = "2602.23293"

# two tasks, free candidates: weighted winrate picks the candidate with less welfare
COUNTEREXAMPLE = {"incumbents": [[0.4, 0.7]], "pi": [0.5, 0.5], "beta": 20.0,
                  "candidates": [[0.8, 0.6], [0.3, 0.9]]}
COUNTEREXAMPLE_NAME = ("incumbent (0.4, 0.7), candidates (0.8, 0.6) and (0.3, 0.9), "
                       "softmax beta = 20")


@dataclass(frozen=True)
class EntryInstance:
    """Incumbents, task weights, a choice rule and a finite set of candidate entrants.

    Parameters
    ----------
    incumbents : numpy.ndarray
        Qualities ``Q`` of the incumbent models, shape ``(n, m)`` (models x tasks).
    pi : numpy.ndarray
        Task weights, shape ``(m,)``.
    rule : ChoiceRule
        How the consumer (or router) picks a model on each task.
    candidates : numpy.ndarray
        Quality vectors an entrant may choose, shape ``(k, m)``.
    tags : dict
        Extra data for a claim (e.g. ``{"clone_of": 0}``), reported with the instance.

    References
    ----------
    Donahue and Raghavan (2026), Impacts of Aggregation on Model Diversity and Consumer
    Utility, arXiv:2602.23293, abstract (market entry).

    Examples
    --------
    >>> from benchgame.mechanisms.marketplace.choice_rules import Softmax
    >>> inst = EntryInstance(np.array([[0.8, 0.2]]), np.array([0.55, 0.45]), Softmax(5.0),
    ...                      np.array([[1.0, 0.0], [0.0, 1.0]]))
    >>> inst.market.n
    1
    """

    incumbents: np.ndarray
    pi: np.ndarray
    rule: ChoiceRule
    candidates: np.ndarray
    tags: dict = field(default_factory=dict)

    @property
    def market(self) -> Market:
        """The incumbents' market (lower quality bound 0, or below when qualities are negative)."""
        return Market(self.incumbents, self.pi, vmin=min(0.0, float(self.incumbents.min()),
                                                        float(self.candidates.min())))

    def to_dict(self) -> dict:
        """Return the instance as a JSON-able dictionary.

        Returns
        -------
        dict
            Incumbents, task weights, rule, candidates and the tags.
        """
        return {"incumbents": self.incumbents.tolist(), "pi": self.pi.tolist(),
                "rule": self.rule.to_dict(), "candidates": self.candidates.tolist(), **self.tags}


def random_rule(rng: np.random.Generator) -> ChoiceRule:
    """Draw a noisy choice rule: softmax or epsilon-uniform, with equal probability.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source.

    Returns
    -------
    ChoiceRule
        Softmax with inverse temperature in ``[0.3, 40]`` or epsilon-uniform with
        ``eps`` in ``[0, 0.95]``.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract (noisy aggregation).

    Examples
    --------
    >>> random_rule(np.random.default_rng(0)).name in ("softmax", "epsilon")
    True
    """
    if rng.random() < 0.5:
        return Softmax(float(rng.uniform(0.3, 40.0)))
    return EpsilonUniform(float(rng.uniform(0.0, 0.95)))


def general_instance(rng: np.random.Generator) -> EntryInstance:
    """Draw a general market: any number of tasks and incumbents, random candidates.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source.

    Returns
    -------
    EntryInstance
        ``m`` in 2..6 tasks, ``n`` in 1..6 incumbents with qualities in ``[0, 1]``, task
        weights from a flat Dirichlet, 2..8 candidates in ``[0, 1]^m`` and a rule from
        :func:`random_rule`.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract (market entry).

    Examples
    --------
    >>> inst = general_instance(np.random.default_rng(0))
    >>> inst.incumbents.shape[1] == inst.candidates.shape[1] == inst.pi.size
    True
    >>> bool(np.isclose(inst.pi.sum(), 1.0))
    True
    """
    m, n, k = int(rng.integers(2, 7)), int(rng.integers(1, 7)), int(rng.integers(2, 9))
    return EntryInstance(rng.random((n, m)), rng.dirichlet(np.ones(m)), random_rule(rng),
                         rng.random((k, m)))


def two_task_line_instance(rng: np.random.Generator, grid: int = 201) -> EntryInstance:
    """Draw a two-task market whose entrant chooses a point of the budget line.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source.
    grid : int
        Points of the budget line ``q = (alpha, 1 - alpha)``, ``alpha`` in ``[0, 1]``.

    Returns
    -------
    EntryInstance
        1..4 incumbents on or off the budget line, ``pi_A`` in ``[0.02, 0.98]``, a rule from
        :func:`random_rule` and the budget-line grid as candidates.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract (weighted winrate increases consumer
    welfare).

    Examples
    --------
    >>> inst = two_task_line_instance(np.random.default_rng(0), grid=11)
    >>> inst.candidates.shape, on_budget_line(inst)
    ((11, 2), True)
    """
    n = int(rng.integers(1, 5))
    if rng.random() < 0.5:
        a = rng.random(n)
        Q = np.column_stack([a, 1 - a])
    else:
        Q = rng.random((n, 2))
    p = float(rng.uniform(0.02, 0.98))
    return EntryInstance(Q, np.array([p, 1 - p]), random_rule(rng), budget_line(grid),
                         {"feasible_set": "budget line"})


def two_task_free_instance(rng: np.random.Generator) -> EntryInstance:
    """Draw a two-task market with two free candidates, off the budget line.

    The candidates follow the pattern of the finite-candidate counterexample: one wins the
    contested task at a high level, the other adds a smaller increment on the other task.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source.

    Returns
    -------
    EntryInstance
        One incumbent, ``pi = (1/2, 1/2)``, softmax with inverse temperature in ``[10, 30]``.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract (weighted winrate increases consumer
    welfare).

    Examples
    --------
    >>> inst = two_task_free_instance(np.random.default_rng(0))
    >>> inst.candidates.shape, inst.tags["feasible_set"]
    ((2, 2), 'free candidates')
    """
    inc = np.array([[rng.uniform(0.2, 0.6), rng.uniform(0.5, 0.8)]])
    c1 = [inc[0, 0] + rng.uniform(0.2, 0.4), inc[0, 1] - rng.uniform(0.0, 0.2)]
    c2 = [inc[0, 0] - rng.uniform(0.0, 0.2), inc[0, 1] + rng.uniform(0.1, 0.3)]
    C = np.clip(np.array([c1, c2]), 0.0, 1.0)
    return EntryInstance(inc, np.array([0.5, 0.5]), Softmax(float(rng.uniform(10, 30))), C,
                         {"feasible_set": "free candidates"})


def welfare_at_worst_best_responses(inst: EntryInstance, tol: float = 1e-9) -> dict:
    """Welfare at the entrant's welfare-worst best response under each mechanism.

    Parameters
    ----------
    inst : EntryInstance
        The market and the candidates.
    tol : float
        Payoffs within ``tol`` of the best count as best responses.

    Returns
    -------
    dict
        ``W_winrate_br`` and ``W_weighted_br`` (welfare at the worst best response under winrate
        and weighted winrate), ``W_opt`` (best welfare over the candidates), and the best
        responses ``winrate_br`` and ``weighted_br``.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract (weighted winrate increases consumer
    welfare).

    Examples
    --------
    >>> from benchgame.mechanisms.marketplace.choice_rules import Softmax
    >>> inst = EntryInstance(np.array(COUNTEREXAMPLE["incumbents"]),
    ...                      np.array(COUNTEREXAMPLE["pi"]), Softmax(COUNTEREXAMPLE["beta"]),
    ...                      np.array(COUNTEREXAMPLE["candidates"]))
    >>> d = welfare_at_worst_best_responses(inst)
    >>> d["winrate_br"], d["weighted_br"]
    ([[0.8, 0.6]], [[0.3, 0.9]])
    >>> round(d["W_winrate_br"], 6), round(d["W_weighted_br"], 6)
    (0.743973, 0.642241)
    """
    mk = inst.market
    wr = entry(mk, inst.rule, inst.candidates, "winrate", tol=tol)
    wwr = entry(mk, inst.rule, inst.candidates, "weighted_winrate", tol=tol)
    return {"W_winrate_br": wr.welfare_worst_br, "W_weighted_br": wwr.welfare_worst_br,
            "W_opt": wr.welfare_opt,
            "winrate_br": wr.candidates[list(wr.best_responses)].tolist(),
            "weighted_br": wwr.candidates[list(wwr.best_responses)].tolist()}


def on_budget_line(inst: EntryInstance) -> bool:
    """Whether every candidate lies on the two-task budget line ``q(A) + q(B) = 1``.

    Parameters
    ----------
    inst : EntryInstance
        The market and the candidates.

    Returns
    -------
    bool
        True for two tasks with every candidate summing to 1 (within 1e-12).

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract (specialization of producers).

    Examples
    --------
    >>> on_budget_line(two_task_free_instance(np.random.default_rng(0)))
    False
    """
    C = inst.candidates
    return C.shape[1] == 2 and bool(np.all(np.abs(C.sum(axis=1) - 1.0) <= 1e-12))
