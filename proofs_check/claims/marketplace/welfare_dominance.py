"""Weighted winrate versus winrate: welfare of the entrant's best response (reconstruction of
Donahue and Raghavan, arXiv:2602.23293; the abstract says weighted winrate "increases consumer
welfare").

- General statement (false): "for every market and finite candidate set, the welfare at the
  weighted-winrate best response is at least the welfare at the winrate best response". Refuted by
  a two-task market with two free candidates (incumbent (0.4, 0.7), candidates (0.8, 0.6) and
  (0.3, 0.9), softmax beta = 20), and found by a generator of such markets.
- Two-task budget-line form (a numerical conjecture of the reconstruction): with the entrant on the
  budget line ``q = (alpha, 1 - alpha)`` and ties resolved to the welfare-worst best response on
  both sides, ``W(WWR best response) >= W(WR best response)``. Dropping the budget-line condition
  finds counterexamples.
- Worked example: incumbent (0.8, 0.2), pi = (0.55, 0.45), softmax beta = 5, entrant
  on the budget line (100,001-point grid): winrate picks alpha = 1 (W = 0.586212), weighted winrate
  picks alpha = 0 (W = 0.875611), the welfare optimum.
"""

from __future__ import annotations

import numpy as np

from benchgame.mechanisms.marketplace.choice_rules import Softmax
from benchgame.mechanisms.marketplace.entry import entry_budget_line
from benchgame.mechanisms.marketplace.market import Market
from benchgame.proofs_check.claim import Claim, Hypothesis, Source, Status, Verdict, Witness
from benchgame.proofs_check.claims.marketplace.instances import (
    ARXIV,
    COUNTEREXAMPLE,
    COUNTEREXAMPLE_NAME,
    SOURCE,
    EntryInstance,
    general_instance,
    on_budget_line,
    two_task_free_instance,
    two_task_line_instance,
    welfare_at_worst_best_responses,
)
from benchgame.proofs_check.registry import register

CE = EntryInstance(np.array(COUNTEREXAMPLE["incumbents"]), np.array(COUNTEREXAMPLE["pi"]),
                   Softmax(COUNTEREXAMPLE["beta"]), np.array(COUNTEREXAMPLE["candidates"]),
                   {"feasible_set": "free candidates"})


def _check(inst: EntryInstance) -> Verdict:
    d = welfare_at_worst_best_responses(inst)
    return Verdict.from_condition(d["W_weighted_br"] >= d["W_winrate_br"] - 1e-9,
                                  "W(weighted-winrate best response) >= W(winrate best response)",
                                  **d)


def _general_or_free(rng) -> EntryInstance:
    return general_instance(rng) if rng.random() < 0.5 else two_task_free_instance(rng)


register(Claim(
    id="marketplace.weighted_never_lowers_welfare.general",
    statement="For every market, choice rule and finite candidate set, the entrant's "
              "weighted-winrate best response gives at least the welfare of its winrate best "
              "response.",
    source=Source(paper=SOURCE, item="weighted winrate increases consumer welfare (abstract), "
                  "read for every market", arxiv=ARXIV, form="false",
                  note="refuted by a two-task market with two free candidates: weighted winrate "
                       "rewards the level of quality where the entrant wins, welfare the "
                       "increment"),
    expected=Status.REFUTED,
    hypotheses=(),
    generate=_general_or_free,
    check=_check,
    witnesses=(Witness(COUNTEREXAMPLE_NAME, CE),),
    default_examples=60,
))

register(Claim(
    id="marketplace.budget_line_welfare_dominance.reconstruction",
    aliases=("marketplace.p6_budget_line_dominance.reconstruction",),
    statement="Two tasks, entrant on the budget line q = (alpha, 1 - alpha), 1-4 incumbents, "
              "softmax or epsilon-uniform: W(weighted-winrate best response) >= W(winrate best "
              "response), ties resolved to the welfare-worst best response on both sides.",
    source=Source(paper=SOURCE, item="weighted winrate increases consumer welfare (abstract)",
                  arxiv=ARXIV, form="reconstruction",
                  note="numerical conjecture of the reconstruction (two tasks, entrant on the "
                       "budget line); 201-point budget-line grid"),
    expected=Status.HOLDS,
    hypotheses=(Hypothesis("budget_line", "candidates lie on the two-task budget line",
                           on_budget_line),),
    generate=two_task_line_instance,
    generate_violating=two_task_free_instance,
    check=_check,
    witnesses=(Witness(COUNTEREXAMPLE_NAME, CE, violating=True),),
    default_examples=100,
))

WORKED = {"incumbent": (0.8, 0.2), "pi": (0.55, 0.45), "beta": 5.0}
W_PRINTED = (0.586212, 0.875611)


def _check_worked(inst: dict) -> Verdict:
    mk = Market([inst["incumbent"]], inst["pi"])
    r = Softmax(inst["beta"])
    wr = entry_budget_line(mk, r, "winrate", grid=inst["grid"])
    wwr = entry_budget_line(mk, r, "weighted_winrate", grid=inst["grid"])
    a_wr = wr.candidates[list(wr.best_responses), 0]
    a_wwr = wwr.candidates[list(wwr.best_responses), 0]
    ok = (bool(np.all(a_wr >= 1 - 1e-6)) and bool(np.all(a_wwr <= 1e-6))
          and abs(wwr.welfare_worst_br - wwr.welfare_opt) <= 1e-9)
    if all(inst[k] == WORKED[k] for k in WORKED):  # the statement's printed welfare values
        ok = ok and (abs(wr.welfare_worst_br - W_PRINTED[0]) <= 5e-7
                     and abs(wwr.welfare_worst_br - W_PRINTED[1]) <= 5e-7)
    return Verdict.from_condition(ok, "winrate picks alpha=1, weighted winrate picks alpha=0 = "
                                  "welfare optimum (W = 0.586212 and 0.875611 on the worked "
                                  "instance)", W_winrate_br=wr.welfare_worst_br,
                                  W_weighted_br=wwr.welfare_worst_br, W_opt=wr.welfare_opt)


register(Claim(
    id="marketplace.entry_worked_example.reconstruction",
    statement="Incumbent (0.8, 0.2), pi = (0.55, 0.45), softmax beta = 5, entrant on the budget "
              "line: the winrate best response is alpha = 1 (W = 0.586212); the weighted-winrate "
              "best response is alpha = 0 (W = 0.875611), the welfare optimum.",
    source=Source(paper=SOURCE, item="weighted winrate improves incentives to specialize "
                  "(abstract), market entry", arxiv=ARXIV, form="reconstruction",
                  note="worked example of the reconstruction"),
    expected=Status.HOLDS,
    hypotheses=(Hypothesis("below_threshold", "pi_A < 2 sigma(beta)/(1 + 2 sigma(beta))",
                           lambda d: d["pi"][0] < 2 / (3 + np.exp(-d["beta"]))),),
    generate=lambda rng: {**WORKED, "grid": 100001},
    generate_violating=lambda rng: {**WORKED, "pi": (p := float(rng.uniform(0.7, 0.95)), 1 - p),
                                    "grid": 1001},
    check=_check_worked,
    default_examples=1,
))
