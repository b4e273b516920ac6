"""Claims about leaderboards that measure scores on a finite test set (noisy scores).

Not items of Chen, Zhang and Hardt (2026), whose scores are deterministic: properties of the
noisy grid game (:class:`~benchgame.games.leaderboard.noisy_rank_payoffs.NoisyRankGame`) proved
or measured for this package.

* ``leaderboard.noisy.zero_effort_dominance`` (holds): when the test-set noise is large enough
  that ``(R_1 - R_n) max_t [P(Y_k >= t) - P(Y_0 >= t)] < c(e_k) - c(0)`` for every positive grid
  effort ``e_k`` of every developer, zero effort strictly dominates every positive effort against
  any opponents' mixtures, so the all-zero profile is the unique equilibrium of the grid game.
  Proof: given i's observed score the expected reward is non-decreasing in it and lies in
  ``[R_n, R_1]``; a non-decreasing function with that range is ``R_n`` plus at most
  ``R_1 - R_n`` times a mixture of indicators ``1[y >= t]``.
* ``leaderboard.noisy.fidelity_monotone_in_m`` (false as stated): "at a fixed level, more test
  questions never lower the expected fidelity under equilibrium play". Measured: on W1 with a
  prize of 0.7, 100 questions leave zero effort the unique pure equilibrium (expected Kendall tau
  0.9995) while with 500 there is none and mixed play gives tau of about 0.27. Fewer questions
  make overtaking a gamble that does not pay. (At a fixed effort profile the pairwise order
  probability is not monotone in m either, under tie-breaking by capability: latent scores
  0.0869 and 0.0649 are ordered correctly with probability 0.941 at m = 1 and 0.895 at m = 2.)
"""

from __future__ import annotations

import numpy as np

from benchgame.games.leaderboard import Contest, PowerCost, Substitutes, equilibrium_play
from benchgame.games.leaderboard.noisy_rank_payoffs import NoisyRankGame
from benchgame.mechanisms.protocols import NoisyProtocol
from benchgame.proofs_check.claim import Claim, Hypothesis, Status, Verdict, Witness
from benchgame.proofs_check.claims.leaderboard.common import H_TIES, source
from benchgame.proofs_check.claims.leaderboard.common import LeaderboardInstance as Inst
from benchgame.proofs_check.registry import register

LEVELS = 11
"""Effort-grid points of the grid games in these claims."""

MIXTURES = 8
"""Random opponent mixtures tried per developer (besides the all-zero opponents)."""


def _w1(prize: float, m: int) -> Contest:
    return Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [prize, 0.0], NoisyProtocol(m))


def _game(inst: Inst) -> NoisyRankGame:
    return NoisyRankGame.from_contest(inst.contest, levels=LEVELS)


def dominance_margin(inst: Inst) -> float:
    """``min`` over developers and positive grid levels of ``c(e_k) - c(0) - bound_k``.

    Parameters
    ----------
    inst : LeaderboardInstance
        A contest under a noisy protocol.

    Returns
    -------
    float
        Positive: the noise hypothesis holds (zero effort dominates).

    Examples
    --------
    >>> round(dominance_margin(Inst(_w1(0.1, 20))), 6)
    0.007813
    """
    g = _game(inst)
    gaps = g.dominance_gaps()
    return float(min(np.min(g.costs[i][1:] - g.costs[i][0] - gaps[i, 1:g.sizes[i]])
                     for i in range(g.n)))


def _check_dominance(inst: Inst) -> Verdict:
    g = _game(inst)
    rng = np.random.default_rng(int(inst.data.get("seed", 0)))
    zero = np.zeros((g.n, g.M))
    zero[:, 0] = 1.0
    worst, where = -np.inf, None
    for t in range(MIXTURES + 1):
        P = zero if t == 0 else g.padded([rng.dirichlet(np.ones(s)) for s in g.sizes])
        V = g.values_padded(P)
        for i in range(g.n):
            gain = float(np.max(V[i, 1:g.sizes[i]] - V[i, 0]))
            if gain > worst:
                worst, where = gain, (i, t)
    i, t = where
    return Verdict.from_condition(
        worst < 0, "every positive grid effort earns strictly less than zero effort against "
        "every opponents' mixture tried", largest_gain_over_zero=worst, developer=i,
        mixture=t, m=inst.contest.protocol.to_dict().get("m"))


def _generate(rng: np.random.Generator) -> Inst:
    while True:
        th = np.sort(rng.uniform(0.0, 2.0, 2))[::-1]
        m = int(rng.integers(1, 60))
        prize = float(rng.uniform(0.02, 0.3))
        inst = Inst(Contest(th, Substitutes(), PowerCost(float(rng.uniform(0.5, 2.0))),
                            [prize, 0.0], NoisyProtocol(m)), {"seed": int(rng.integers(2**31))})
        if th[0] - th[1] > 1e-3 and dominance_margin(inst) > 0:
            return inst


def _generate_violating(rng: np.random.Generator) -> Inst:
    # little noise and a prize above the catch-up cost: zero effort no longer dominates
    th = np.sort(rng.uniform(0.0, 1.0, 2))[::-1]
    return Inst(Contest(th, Substitutes(), PowerCost(1.0), [float(rng.uniform(1.5, 3.0)), 0.0],
                        NoisyProtocol(int(rng.integers(2000, 5000)))),
                {"seed": int(rng.integers(2**31))})


register(Claim(
    id="leaderboard.noisy.zero_effort_dominance",
    statement="Scores measured on m test questions (binomial accuracy): if (R_1 - R_n) max_t "
              "[P(Y(e) >= t) - P(Y(0) >= t)] < c(e) - c(0) for every positive grid effort e of "
              "every developer, zero effort strictly dominates every positive effort against "
              "any opponents' mixtures, so the all-zero profile is the unique equilibrium "
              "(pure or mixed) of the grid game.",
    source=source("Theorem 4.6, with scores measured on m test questions", "general",
                  "not in the paper: rank-order tournaments with noisy output (Lazear and "
                  "Rosen 1981); proved for this package (module docstring)"),
    expected=Status.HOLDS,
    hypotheses=(H_TIES, Hypothesis("noise_dominates", "the reward gain bound is below the "
                                   "cost of every positive grid effort",
                                   lambda inst: dominance_margin(inst) > 0)),
    generate=_generate,
    generate_violating=_generate_violating,
    check=_check_dominance,
    witnesses=(Witness("substitutes, prize 0.1, 20 questions", Inst(_w1(0.1, 20))),
               Witness("substitutes, prize 1, 2000 questions (little noise)",
                       Inst(_w1(1.0, 2000)), violating=True)),
    default_examples=12,
))


def _check_monotone(inst: Inst) -> Verdict:
    ct = inst.contest
    taus = {}
    for m in (inst.data["m_small"], inst.data["m_large"]):
        play = equilibrium_play(ct.with_protocol(ct.protocol.with_questions(m)), levels=LEVELS)
        if not play.certified:
            return Verdict.ok(undecided=f"equilibrium play at m = {m} is not certified")
        taus[m] = play.metrics["expected_tau"].value
    small, large = taus[inst.data["m_small"]], taus[inst.data["m_large"]]
    return Verdict.from_condition(
        large >= small - 1e-9, "E(tau) at the larger test set >= E(tau) at the smaller one",
        m_small=inst.data["m_small"], m_large=inst.data["m_large"], tau_small=small,
        tau_large=large)


def _generate_pair(rng: np.random.Generator) -> Inst:
    # prizes above the deterministic catch-up cost 0.5 but below the noisy gain at small m
    m = int(rng.integers(50, 150))
    return Inst(_w1(float(rng.uniform(0.6, 0.8)), m), {"m_small": m,
                                                         "m_large": int(m * rng.uniform(4, 10))})


register(Claim(
    id="leaderboard.noisy.fidelity_monotone_in_m",
    statement="At a fixed tune-before-test level, more test questions never lower the "
              "expected Kendall tau of the leaderboard under equilibrium play (grid game).",
    source=source("Theorem 4.6 and Section 5, with scores measured on m test questions",
                  "false",
                  "a designer's intuition, false: fewer questions can restore the pure "
                  "equilibrium at zero effort (module docstring)"),
    expected=Status.REFUTED,
    hypotheses=(H_TIES,),
    generate=_generate_pair,
    check=_check_monotone,
    witnesses=(Witness("substitutes, prize 0.7, 100 against 500 questions",
                       Inst(_w1(0.7, 100), {"m_small": 100, "m_large": 500})),),
    default_examples=4,
))
