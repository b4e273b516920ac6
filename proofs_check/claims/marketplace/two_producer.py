"""Two tasks, producers on the budget line: when winrate and weighted winrate homogenize or let
producers specialize (reconstruction of Donahue and Raghavan, arXiv:2602.23293).

Producers pick ``q_k = (alpha_k, 1 - alpha_k)`` from a grid of the budget line; the numeric
producer game is solved for its pure equilibria and compared with the closed forms:

- weighted winrate, two producers: (1,1) is an NE iff ``pi >= pi*`` and (1,0) iff ``pi <= pi*``,
  ``pi* = (2 - eps)/(3 - eps)`` (epsilon-uniform) or ``2 sigma(beta)/(1 + 2 sigma(beta))``
  (softmax), the sympy expressions of :mod:`benchgame.mechanisms.marketplace.thresholds`;
- winrate, two producers: (1,1) is the unique NE for ``pi > 1/2`` (eps < 1 or beta > 0);
- n producers, perfect aggregation: everyone on A is an NE iff ``pi >= 1 - 1/n`` (winrate) or
  ``pi >= n/(n + 1)`` (weighted winrate);
- softmax, two producers: ``WR_k`` is strictly increasing in ``alpha_k`` for ``pi > 1/2`` and
  constant at ``pi = 1/2``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import lazy_loader as lazy
import numpy as np

from benchgame.games.pure import pure_equilibrium_mask
from benchgame.mechanisms.marketplace import thresholds
from benchgame.mechanisms.marketplace.choice_rules import EpsilonUniform, Softmax
from benchgame.mechanisms.marketplace.entry import budget_line
from benchgame.mechanisms.marketplace.payments import payoffs
from benchgame.mechanisms.marketplace.producer_game import producer_game
from benchgame.mechanisms.marketplace.thresholds import homogenized_threshold
from benchgame.proofs_check.claim import Claim, Hypothesis, Source, Status, Verdict
from benchgame.proofs_check.claims.marketplace.instances import ARXIV, SOURCE
from benchgame.proofs_check.registry import register

sp = lazy.load("sympy")

GRID = 41


@functools.cache
def _threshold(kind: str) -> object:
    """The two-producer threshold ``pi*`` of weighted winrate as a function of the rule's
    parameter (derived with sympy on first use)."""
    sym = {"epsilon": thresholds.eps_sym, "softmax": thresholds.beta_sym}[kind]
    return sp.lambdify(sym, homogenized_threshold(2, kind, "weighted_winrate"))


@dataclass(frozen=True)
class LineGame:
    """n producers on the budget line, a rule (kind, parameter), pi_A and a mechanism."""

    n: int
    kind: str
    param: float
    pi: float
    mechanism: str
    claimed_mechanism: str

    @property
    def rule(self):
        return EpsilonUniform(self.param) if self.kind == "epsilon" else Softmax(self.param)

    def threshold(self) -> float:
        if self.n == 2 and self.claimed_mechanism == "weighted_winrate":
            return float(_threshold(self.kind)(self.param))
        return 1 - 1 / self.n if self.claimed_mechanism == "winrate" else self.n / (self.n + 1)

    def equilibrium_mask(self) -> np.ndarray:
        menus = [budget_line(GRID)[::-1]] * self.n  # index 0 is alpha = 1 (A), last alpha = 0
        pg = producer_game(menus, [self.pi, 1 - self.pi], self.rule, self.mechanism)
        return pure_equilibrium_mask(pg.game, tol=1e-12)

    def to_dict(self) -> dict:
        return dict(vars(self))


def _gen_two(rng, mechanism="weighted_winrate", claimed="weighted_winrate") -> LineGame:
    kind = "epsilon" if rng.random() < 0.5 else "softmax"
    param = float(rng.uniform(0, 0.95)) if kind == "epsilon" else float(rng.uniform(0.5, 10))
    g = LineGame(2, kind, param, 0.0, mechanism, claimed)
    thr = g.threshold()
    side = 1 if rng.random() < 0.5 else -1
    pi = float(np.clip(thr + side * rng.uniform(0.005, 0.2), 0.5, 0.995))
    return LineGame(2, kind, param, pi, mechanism, claimed)


def _check_two(g: LineGame) -> Verdict:
    mask = g.equilibrium_mask()
    thr = g.threshold()
    hom, spec = bool(mask[0, 0]), bool(mask[0, -1])
    ok = hom == (g.pi >= thr) and spec == (g.pi <= thr)
    return Verdict.from_condition(ok, "(1,1) NE iff pi >= pi* and (1,0) NE iff pi <= pi*",
                                  threshold=thr, homogenized_ne=hom, specialized_ne=spec,
                                  pi=g.pi)


def _mech_is_weighted(g: LineGame) -> bool:
    return g.mechanism == g.claimed_mechanism


register(Claim(
    id="marketplace.weighted_winrate_thresholds.reconstruction",
    aliases=("marketplace.p3_weighted_threshold.reconstruction",),
    statement="Two producers, two tasks, budget line, weighted winrate: the homogenized profile "
              "(1,1) is an NE iff pi >= pi* and the specialized profile (1,0) iff pi <= pi*, "
              "pi* = (2-eps)/(3-eps) (epsilon-uniform) or 2 sigma(beta)/(1+2 sigma(beta)) "
              "(softmax).",
    source=Source(paper=SOURCE, item="weighted winrate improves incentives to specialize "
                  "(abstract)", arxiv=ARXIV, form="reconstruction",
                  note="model replacement by two producers on the two-task budget line; "
                       "closed-form thresholds"),
    expected=Status.HOLDS,
    hypotheses=(Hypothesis("weighted_winrate", "producers are paid by weighted winrate",
                           _mech_is_weighted),),
    generate=_gen_two,
    generate_violating=lambda rng: _gen_two(rng, "winrate", "weighted_winrate"),
    check=_check_two,
    default_examples=12,
))


def _gen_wr(rng) -> LineGame:
    kind = "epsilon" if rng.random() < 0.5 else "softmax"
    param = float(rng.uniform(0, 0.95)) if kind == "epsilon" else float(rng.uniform(0.5, 10))
    return LineGame(2, kind, param, float(rng.uniform(0.51, 0.99)), "winrate", "winrate")


def _check_wr_unique(g: LineGame) -> Verdict:
    mask = g.equilibrium_mask()
    eq = [tuple(int(x) for x in p) for p in np.argwhere(mask)]
    return Verdict.from_condition(eq == [(0, 0)], "(1,1) is the unique pure NE",
                                  equilibria=eq[:5], count=len(eq))


register(Claim(
    id="marketplace.winrate_homogenizes.reconstruction",
    aliases=("marketplace.p3_winrate_homogenizes.reconstruction",),
    statement="Two producers, two tasks, budget line, winrate, pi > 1/2 (eps < 1 or beta > 0): "
              "the homogenized profile (1,1) is the unique pure NE.",
    source=Source(paper=SOURCE, item="winrate can incentivize homogenization (abstract)",
                  arxiv=ARXIV, form="reconstruction",
                  note="model replacement by two producers on the two-task budget line"),
    expected=Status.HOLDS,
    hypotheses=(Hypothesis("majority_task", "pi > 1/2", lambda g: g.pi > 0.5),),
    generate=_gen_wr,
    generate_violating=lambda rng: LineGame(2, "softmax", float(rng.uniform(0.5, 10)), 0.5,
                                            "winrate", "winrate"),
    check=_check_wr_unique,
    default_examples=12,
))


def _gen_n(rng, swap: bool = False) -> LineGame:
    n = int(rng.integers(2, 5))
    mech = "winrate" if rng.random() < 0.5 else "weighted_winrate"
    claimed = mech if not swap else ("weighted_winrate" if mech == "winrate" else "winrate")
    g = LineGame(n, "epsilon", 0.0, 0.0, mech, claimed)
    thr = g.threshold()
    if swap:  # between the two thresholds, where they disagree
        lo, hi = 1 - 1 / n, n / (n + 1)
        pi = float(rng.uniform(lo + 0.002, hi - 0.002))
    else:
        pi = float(np.clip(thr + (1 if rng.random() < 0.5 else -1) * rng.uniform(0.005, 0.1),
                           0.5, 0.995))
    return LineGame(n, "epsilon", 0.0, pi, mech, claimed)


def _check_n(g: LineGame) -> Verdict:
    menus = [budget_line(2)[::-1]] * g.n  # alpha in {1, 0}; interior alpha is dominated
    pg = producer_game(menus, [g.pi, 1 - g.pi], g.rule, g.mechanism)
    hom = bool(pure_equilibrium_mask(pg.game, tol=1e-12)[(0,) * g.n])
    thr = g.threshold()
    return Verdict.from_condition(hom == (g.pi >= thr), "everyone on A is an NE iff pi >= pi*",
                                  threshold=thr, homogenized_ne=hom, pi=g.pi, n=g.n)


register(Claim(
    id="marketplace.n_producer_thresholds.reconstruction",
    statement="n producers, two tasks, perfect aggregation: everyone on the majority task is an "
              "NE iff pi >= 1 - 1/n under winrate and iff pi >= n/(n+1) under weighted winrate.",
    source=Source(paper=SOURCE, item="winrate versus weighted winrate incentives, n producers "
                  "(abstract)", arxiv=ARXIV, form="reconstruction",
                  note="menus {alpha=1, alpha=0}; perfect aggregation"),
    expected=Status.HOLDS,
    hypotheses=(Hypothesis("matching_threshold", "the threshold is the one of the mechanism used",
                           _mech_is_weighted),),
    generate=_gen_n,
    generate_violating=lambda rng: _gen_n(rng, swap=True),
    check=_check_n,
    default_examples=30,
))


def _gen_monotone(rng) -> LineGame:
    return LineGame(2, "softmax", float(rng.uniform(0.5, 20)), float(rng.uniform(0.501, 0.99)),
                    "winrate", "winrate")


def _check_monotone(g: LineGame) -> Verdict:
    a = np.linspace(0, 1, 101)
    other = float(np.random.default_rng(int(g.param * 1e6)).random())
    Q = np.stack([np.column_stack([a, 1 - a]), np.tile([other, 1 - other], (101, 1))], axis=1)
    wr = payoffs("winrate", Q, np.array([g.pi, 1 - g.pi]), g.rule)[:, 0]
    d = np.diff(wr)
    return Verdict.from_condition(bool(np.all(d > 0)), "WR_k strictly increasing in alpha_k",
                                  min_increment=float(d.min()), other_alpha=other)


register(Claim(
    id="marketplace.winrate_increasing_toward_majority.reconstruction",
    aliases=("marketplace.p4_winrate_monotone.reconstruction",),
    statement="Softmax, two producers on the budget line: WR_k = (1-pi) + (2pi-1) "
              "sigma(beta(alpha_k - alpha_-k)) is strictly increasing in alpha_k for pi > 1/2 "
              "(constant at pi = 1/2).",
    source=Source(paper=SOURCE, item="winrate can incentivize homogenization (abstract)",
                  arxiv=ARXIV, form="reconstruction",
                  note="softmax closed form of winrate for two producers on the budget line"),
    expected=Status.HOLDS,
    hypotheses=(Hypothesis("majority_task", "pi > 1/2", lambda g: g.pi > 0.5),),
    generate=_gen_monotone,
    generate_violating=lambda rng: LineGame(2, "softmax", float(rng.uniform(0.5, 20)), 0.5,
                                            "winrate", "winrate"),
    check=_check_monotone,
    default_examples=50,
))
