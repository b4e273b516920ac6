"""Bradley-Terry maximum likelihood recovers planted ratings (Zermelo 1929; Ford 1957).

Statement: with planted strengths s (mean zero) and, for every pair of models, N >= 1000 battles
drawn from P(i beats j) = sigma(s_i - s_j), the maximum-likelihood estimate with the mean fixed
at zero (:func:`benchgame.analyses.arena.fit_bradley_terry`) is within 0.15 of s in every
coordinate.

The MLE exists and is unique only when the "has beaten" graph is strongly connected. The violating
generator draws two groups of models that never meet, with group means +0.5 and -0.5: the
likelihood is then flat along the shift between the groups, the fitted ratings (computed with
``check_identified=False``) keep both group means at zero, and the check finds an error of about
0.5.
"""

from __future__ import annotations

import lazy_loader as lazy
import numpy as np

from benchgame.analyses.arena import fit_bradley_terry
from benchgame.proofs_check.claim import Claim, Hypothesis, Source, Status, Verdict
from benchgame.proofs_check.registry import register

nx = lazy.load("networkx")

TOL = 0.15


def _battles(rng: np.random.Generator, s: np.ndarray, n_pair: int,
             groups: np.ndarray | None = None) -> np.ndarray:
    n = s.size
    W = np.zeros((n, n))
    iu = np.triu_indices(n, 1)
    p = 1.0 / (1.0 + np.exp(-(s[iu[0]] - s[iu[1]])))
    N = np.full(p.shape, n_pair)
    if groups is not None:
        N = np.where(groups[iu[0]] == groups[iu[1]], N, 0)
    wins = rng.binomial(N, p)
    W[iu] = wins
    W[iu[1], iu[0]] = N - wins
    return W


def _generate(rng: np.random.Generator) -> dict:
    n = int(rng.integers(3, 9))
    s = rng.uniform(-1.0, 1.0, size=n)
    s -= s.mean()
    return {"s": s, "W": _battles(rng, s, 3000), "n_pair": 3000}


def _violating(rng: np.random.Generator) -> dict:
    n = int(rng.integers(4, 9))
    groups = np.arange(n) % 2
    s = rng.uniform(-0.3, 0.3, size=n) + np.where(groups == 0, 0.5, -0.5)
    s -= s.mean()
    return {"s": s, "W": _battles(rng, s, 3000, groups), "n_pair": 3000}


def _strongly_connected(inst: dict) -> bool:
    g = nx.DiGraph()
    g.add_nodes_from(range(inst["s"].size))
    g.add_edges_from(zip(*np.nonzero(inst["W"] > 0), strict=True))
    return nx.is_strongly_connected(g)


def _check(inst: dict) -> Verdict:
    fit = fit_bradley_terry(inst["W"], check_identified=False)
    est = fit.ratings.sort_index(key=lambda ix: ix.str[1:].astype(int))["strength"].to_numpy()
    err = float(np.max(np.abs(est - inst["s"])))
    return Verdict.from_condition(err <= TOL, f"max_i |s_hat_i - s_i| <= {TOL}",
                                  max_error=err, gradient_norm=fit.gradient_norm,
                                  planted=inst["s"].tolist(), fitted=est.tolist())


register(Claim(
    id="arena.bt_mle_recovers_planted.general",
    statement=f"With N >= 1000 battles on every pair drawn from a Bradley-Terry model, the MLE "
              f"with mean fixed at zero is within {TOL} of the planted strengths.",
    source=Source(paper="Bradley and Terry 1952; Zermelo 1929; Ford 1957",
                  item="existence, uniqueness and consistency of the Bradley-Terry MLE",
                  form="general", note="the fit behind the arena ratings recomputed from "
                  "Chatbot Arena battle counts"),
    expected=Status.HOLDS,
    hypotheses=(
        Hypothesis("strongly_connected", "the 'has beaten' graph is strongly connected",
                   _strongly_connected),
        Hypothesis("enough_battles", "at least 1000 battles per pair",
                   lambda i: i["n_pair"] >= 1000 and bool(np.all(
                       (i["W"] + i["W"].T)[np.triu_indices(i["s"].size, 1)] >= 1000))),
    ),
    generate=_generate,
    generate_violating=_violating,
    check=_check,
    describe=lambda i: {"planted": i["s"].tolist(), "wins": i["W"].tolist()},
    default_examples=30,
))
