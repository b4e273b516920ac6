"""The two-developer mixed equilibrium of the leaderboard contest, against a finite-game solver.

Where Chen, Zhang, Hardt (2026), arXiv:2603.08371, Theorem 4.6 leaves no pure equilibrium, two
developers still have a mixed one with a closed form (derived for this package, not in the
paper: :func:`benchgame.games.leaderboard.two_player_mixed_equilibrium`). The claim compares it
with an equilibrium that the generic bimatrix solver (Lemke-Howson) finds in the discretized
game: payoffs and the probability of an inverted leaderboard must agree within the grid error.
"""

from __future__ import annotations

import numpy as np

from benchgame.games.leaderboard import (
    Contest,
    PowerCost,
    Substitutes,
    TuneBeforeTest,
    adjacent_catch_up,
    discretize,
    grid_mixed_fidelity,
    two_player_mixed_equilibrium,
)
from benchgame.games.lemke_howson import lemke_howson
from benchgame.proofs_check.claim import Claim, Hypothesis, Status, Verdict, Witness
from benchgame.proofs_check.claims.leaderboard.common import H_C1, H_STRICT, H_TIES, source
from benchgame.proofs_check.claims.leaderboard.common import LeaderboardInstance as Inst
from benchgame.proofs_check.claims.leaderboard.generators import random_logit_family
from benchgame.proofs_check.claims.leaderboard.instances import (
    crossing_learning_curves,
    substitutes_two_developers,
)
from benchgame.proofs_check.registry import register

GRID_POINTS = 60
"""Effort grid points up to ``c^{-1}(V)`` (the grid step is ``h = c^{-1}(V) / 60``)."""

GRID_ERROR = 2.0
"""Tolerance in units of the largest cost of one grid step, ``c(e_max) - c(e_max - h)``: the
payoffs must agree within ``GRID_ERROR`` steps, the inversion probability within ``GRID_ERROR``
steps divided by the prize (its CDFs are costs divided by V)."""


def mixed_against_solver(contest: Contest) -> dict:
    """The closed form and one Lemke-Howson equilibrium of the grid game, side by side.

    Parameters
    ----------
    contest : Contest
        Two developers with capability ties and a positive prize.

    Returns
    -------
    dict
        Closed-form and solver payoffs and inversion probabilities, the solver's regrets, the
        grid step and the grid error unit ``c(e_max) - c(e_max - h)``.

    References
    ----------
    Chen, Zhang, Hardt (2026), Leaderboard Incentives, arXiv:2603.08371, Theorem 4.6.

    Examples
    --------
    The substitutes contest with prize 2 and base reward 0.5:

    >>> out = mixed_against_solver(substitutes_two_developers([2.5, 0.5]))
    >>> round(out["closed_p_inversion"], 9), [round(p, 9) for p in out["closed_payoffs"]]
    (0.46875, [1.0, 0.5])
    >>> bool(abs(out["solver_p_inversion"] - 0.46875) <= GRID_ERROR * out["step_cost"] / 2)
    True
    """
    cf = two_player_mixed_equilibrium(contest)
    R = contest.rewards.values
    e_max = float(contest.cost.inverse(R[0] - R[1]))
    h = e_max / GRID_POINTS
    dg = discretize(contest, h)
    eq = lemke_howson(dg.game, 0, exact=False)
    prof = [np.asarray(p, float) for p in eq.strategies]
    pay = dg.game.expected_payoffs(prof)
    fid = grid_mixed_fidelity(dg, prof)
    return {"closed_payoffs": [cf.payoff_h, cf.payoff_l], "closed_p_inversion": cf.p_inversion,
            "solver_payoffs": [float(p) for p in pay],
            "solver_p_inversion": fid.expected_inversions,
            "solver_regret": float(np.max(dg.game.regrets(prof))), "prize": cf.prize,
            "step": h, "step_cost": float(contest.cost(e_max) - contest.cost(e_max - h)),
            "pure": cf.pure}


def _check(inst: Inst) -> Verdict:
    out = mixed_against_solver(inst.contest)
    unit = GRID_ERROR * out["step_cost"]
    scale = 1e-9 * max(1.0, *np.abs(out["closed_payoffs"]))
    if out["solver_regret"] > scale:
        return Verdict.fail("the solver returns an equilibrium of the grid game", **out)
    dpay = float(np.max(np.abs(np.subtract(out["solver_payoffs"], out["closed_payoffs"]))))
    dinv = abs(out["solver_p_inversion"] - out["closed_p_inversion"])
    out.update(payoff_error=dpay, inversion_error=dinv)
    if dpay > unit + scale:
        return Verdict.fail("closed-form payoffs (R_2 + V - C_h(T), R_2) = the grid solver's "
                            "within the grid error", **out)
    return Verdict.from_condition(dinv <= unit / out["prize"] + 1e-12,
                                  "closed-form P(inversion) = V^-2 int C_l dC_h = the grid "
                                  "solver's within the grid error", **out)


def _generate(rng: np.random.Generator) -> Inst:
    while True:
        if rng.random() < 0.5:
            fam = random_logit_family(rng, 2, ceilings=bool(rng.integers(0, 2)))
            th = fam.capabilities
        else:
            th, fam = np.sort(rng.uniform(0.0, 2.0, 2))[::-1], Substitutes()
        cost = PowerCost(float(rng.uniform(0.2, 2.0)), float(rng.uniform(1.0, 2.5)))
        delta = float(rng.choice([0.0, rng.uniform(0.0, 5.0)]))
        c = Contest(th, fam, cost, [1.0, 0.0], TuneBeforeTest(delta))
        e = float(adjacent_catch_up(c)[0])
        if np.isfinite(e) and th[0] - th[1] > 1e-2:
            break
    # a prize above the just-overtake cost (mixed play), a non-zero base reward: V != 1
    prize = float(cost(e)) * float(rng.uniform(1.3, 4.0))
    base = float(rng.uniform(-1.0, 1.0))
    return Inst(c.with_rewards([base + prize, base]))


def _two(inst: Inst) -> bool:
    return inst.contest.n == 2 and float(np.ptp(inst.contest.rewards.values)) > 0


register(Claim(
    id="leaderboard.two_player_mixed_equilibrium.reconstruction",
    aliases=(),
    statement="Two developers, (S), C1, capability ties and a prize V = R_1 - R_2 > 0: the "
              "closed-form mixed equilibrium (h mixes with CDF C_l/V on [a_h, T], l has an atom "
              "1 - C_h(T)/V at zero effort) pays (R_2 + V - C_h(T), R_2) and inverts the "
              "leaderboard with probability V^-2 int_{a_h}^T C_l dC_h; an equilibrium of the "
              "discretized game found by a generic bimatrix solver agrees within the grid "
              "error.",
    source=source("Theorem 4.6, mixed play", "reconstruction",
                  "all-pay contest with a head start (Siegel 2009); the closed form is derived "
                  "for this package. Without C1 beyond zero effort (crossing learning curves) "
                  "l's reach costs h more than the prize and the closed form breaks"),
    expected=Status.HOLDS,
    hypotheses=(H_STRICT, H_C1, H_TIES,
                Hypothesis("two_developers", "n = 2 and a positive prize", _two)),
    generate=_generate,
    generate_violating=lambda rng: Inst(crossing_learning_curves(
        0.0, float(rng.uniform(10.0, 40.0)))),
    check=_check,
    witnesses=(Witness("substitutes, c(e) = e, prize 1: P(inversion) = 0.375",
                       Inst(substitutes_two_developers())),
               Witness("substitutes, c(e) = e, prize 2 over a base reward 0.5",
                       Inst(substitutes_two_developers([2.5, 0.5]))),
               Witness("crossing learning curves, prize 20 (C1 fails beyond zero effort)",
                       Inst(crossing_learning_curves(0.0, 20.0)), violating=True)),
    default_examples=12,
))
