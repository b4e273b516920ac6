"""Instance generators shared by the marketplace claims (section 6.1 of the reconstruction)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from benchgame.mechanisms.marketplace.choice_rules import ChoiceRule, EpsilonUniform, Softmax
from benchgame.mechanisms.marketplace.entry import budget_line, entry
from benchgame.mechanisms.marketplace.market import Market

SOURCE = ("Donahue and Raghavan, Impacts of Aggregation on Model Diversity and Consumer Utility "
          "(reconstruction)")
ARXIV = "2602.23293"

# the counterexample of section 3.6 of the reconstruction
COUNTEREXAMPLE = {"incumbents": [[0.4, 0.7]], "pi": [0.5, 0.5], "beta": 20.0,
                  "candidates": [[0.8, 0.6], [0.3, 0.9]]}


@dataclass(frozen=True)
class EntryInstance:
    """Incumbents, task weights, a choice rule and a finite candidate set."""

    incumbents: np.ndarray
    pi: np.ndarray
    rule: ChoiceRule
    candidates: np.ndarray
    tags: dict = field(default_factory=dict)

    @property
    def market(self) -> Market:
        return Market(self.incumbents, self.pi, vmin=min(0.0, float(self.incumbents.min()),
                                                        float(self.candidates.min())))

    def to_dict(self) -> dict:
        return {"incumbents": self.incumbents.tolist(), "pi": self.pi.tolist(),
                "rule": self.rule.to_dict(), "candidates": self.candidates.tolist(), **self.tags}


def random_rule(rng: np.random.Generator) -> ChoiceRule:
    """Softmax with beta in [0.3, 40] or epsilon-uniform with eps in [0, 0.95]."""
    if rng.random() < 0.5:
        return Softmax(float(rng.uniform(0.3, 40.0)))
    return EpsilonUniform(float(rng.uniform(0.0, 0.95)))


def general_instance(rng: np.random.Generator) -> EntryInstance:
    """m in [2, 6], n in [1, 6], Q in [0, 1]^{n x m}, pi ~ Dirichlet, 2-8 candidates."""
    m, n, k = int(rng.integers(2, 7)), int(rng.integers(1, 7)), int(rng.integers(2, 9))
    return EntryInstance(rng.random((n, m)), rng.dirichlet(np.ones(m)), random_rule(rng),
                         rng.random((k, m)))


def two_task_line_instance(rng: np.random.Generator, grid: int = 201) -> EntryInstance:
    """Two tasks, 1-4 incumbents on or off the budget line, the entrant on the budget line."""
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
    """Two tasks, the budget-line condition dropped: one incumbent and two free candidates
    around the pattern of the section 3.6 counterexample (a candidate that wins the contested
    task at a high level vs one that adds a smaller increment elsewhere)."""
    inc = np.array([[rng.uniform(0.2, 0.6), rng.uniform(0.5, 0.8)]])
    c1 = [inc[0, 0] + rng.uniform(0.2, 0.4), inc[0, 1] - rng.uniform(0.0, 0.2)]
    c2 = [inc[0, 0] - rng.uniform(0.0, 0.2), inc[0, 1] + rng.uniform(0.1, 0.3)]
    C = np.clip(np.array([c1, c2]), 0.0, 1.0)
    return EntryInstance(inc, np.array([0.5, 0.5]), Softmax(float(rng.uniform(10, 30))), C,
                         {"feasible_set": "free candidates"})


def welfare_at_worst_best_responses(inst: EntryInstance, tol: float = 1e-9) -> dict:
    """W at the welfare-worst best response under winrate and under weighted winrate."""
    mk = inst.market
    wr = entry(mk, inst.rule, inst.candidates, "winrate", tol=tol)
    wwr = entry(mk, inst.rule, inst.candidates, "weighted_winrate", tol=tol)
    return {"W_winrate_br": wr.welfare_worst_br, "W_weighted_br": wwr.welfare_worst_br,
            "W_opt": wr.welfare_opt,
            "winrate_br": wr.candidates[list(wr.best_responses)].tolist(),
            "weighted_br": wwr.candidates[list(wwr.best_responses)].tolist()}


def on_budget_line(inst: EntryInstance) -> bool:
    C = inst.candidates
    return C.shape[1] == 2 and bool(np.all(np.abs(C.sum(axis=1) - 1.0) <= 1e-12))
