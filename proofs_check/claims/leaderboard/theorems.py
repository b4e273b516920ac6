"""Proposition 4.3, Theorem 4.6(a), (b), Proposition 5.3 and Proposition 5.6 of Chen, Zhang,
Hardt (2026), arXiv:2603.08371: each as the paper states it (as paraphrased by a reproduction
audit of the arXiv source) and in its corrected form.

Literal forms under the paper's weak assumptions are false: the flat-start cost
``max(e - a, 0)^p`` breaks Proposition 4.3 and Theorem 4.6, and ``v = 1 - 1/(2 + x + theta)``
(per-model lower bounds, constant catch-up effort) breaks Proposition 5.6. Proposition 5.3 is not
contradicted: its literal form (C1-C3) is registered as holding, with ``gamma > 1`` contests (C1
and C3 violated, the catch-up effort shrinking in Delta) as the violation probe.
"""

from __future__ import annotations

import numpy as np

from benchgame.games.leaderboard import (
    Contest,
    GeneralizedLogit,
    PowerCost,
    adjacent_catch_up,
    analyze_pure,
    best_response,
    designer_choice,
    e_req_curves,
    pne_test,
    stabilizing_threshold,
)
from benchgame.proofs_check.claim import Claim, Hypothesis, Status, Verdict, Witness
from benchgame.proofs_check.claims.leaderboard.common import (
    H_C1,
    H_C3,
    H_COST,
    H_GAMMA,
    H_LOGIT,
    H_STRICT,
    H_TIES,
    check_solver_equilibria,
    inverted_pairs,
    pure_equilibria_found,
    source,
)
from benchgame.proofs_check.claims.leaderboard.common import LeaderboardInstance as Inst
from benchgame.proofs_check.claims.leaderboard.generators import (
    random_flat_cost_contest,
    random_never_stabilizing_logit,
    random_shrinking_catch_up,
    random_strict_contest,
)
from benchgame.proofs_check.claims.leaderboard.instances import (
    flat_cost_equal_rewards,
    flat_cost_small_prize,
    never_stabilizing_logit,
)
from benchgame.proofs_check.registry import register


def _small_strict(rng: np.random.Generator, rewards: str = "random") -> Inst:
    return Inst(random_strict_contest(rng, int(rng.integers(2, 4)), rewards=rewards))


# ---------------------------------------------------------------------------- Prop 4.3
def _check_order(inst: Inst) -> Verdict:
    c = inst.contest
    return check_solver_equilibria(c, lambda e: not inverted_pairs(c, e),
                                   "theta_i > theta_j => s_i >= s_j at every PNE")


_P43 = ("For every Delta >= 0, every pure Nash equilibrium and every pair i, j: "
        "theta_i > theta_j implies s_i >= s_j.")
register(Claim(
    id="leaderboard.prop4_3_capability_order.literal",
    aliases=("leaderboard.prop4_3.literal",),
    statement=_P43 + " (cost only non-decreasing and convex, rewards only non-increasing)",
    source=source("Proposition 4.3", "literal",
                  "refuted by the flat-start cost max(e - 1, 0)^2 with equal rewards (1, 1): "
                  "efforts (0, 0.75) are an equilibrium ranking the weaker developer first"),
    expected=Status.REFUTED,
    hypotheses=(H_COST, H_C1, H_TIES),
    generate=lambda rng: Inst(random_flat_cost_contest(rng, equal_rewards=True)),
    check=_check_order,
    witnesses=(Witness("flat-start cost max(e - 1, 0)^2, R = (1, 1): efforts (0, 0.75) "
                       "invert the ranking", Inst(flat_cost_equal_rewards())),),
    default_examples=10,
))
register(Claim(
    id="leaderboard.prop4_3_capability_order.corrected",
    aliases=("leaderboard.prop4_3.corrected",),
    statement=_P43 + " Under (S), C1, continuity and capability ties (every PNE is 0).",
    source=source("Proposition 4.3", "corrected",
                  "adds the strict-cost condition (S), c(e) > 0 for e > 0: every equilibrium "
                  "is then all-zero effort, which ranks by capability; checked on rewards that "
                  "guarantee an equilibrium, which the solver must report"),
    expected=Status.HOLDS,
    hypotheses=(H_COST, H_STRICT, H_C1, H_TIES),
    generate=lambda rng: _small_strict(rng, "stable"),
    generate_violating=lambda rng: Inst(random_flat_cost_contest(rng, equal_rewards=True)),
    check=_check_order,
    witnesses=(Witness("flat-start cost max(e - 1, 0)^2, R = (1, 1) (violates S)",
                       Inst(flat_cost_equal_rewards()), violating=True),),
    default_examples=12,
))


# ---------------------------------------------------------------------------- Thm 4.6 (a)
def _check_zero(inst: Inst) -> Verdict:
    return check_solver_equilibria(inst.contest, lambda e: bool(np.all(e == 0)),
                                   "every PNE is the all-zero profile")


register(Claim(
    id="leaderboard.thm4_6a_zero_effort_equilibrium.literal",
    aliases=("leaderboard.thm4_6a.literal",),
    statement="For every Delta >= 0, with tie-breaking not favouring lower capability, any PNE "
              "is the all-zero profile (cost only non-decreasing and convex).",
    source=source("Theorem 4.6(a)", "literal",
                  "refuted by the flat-start cost max(e - 1, 0)^2 with prize (0.1, 0): (1, 1) "
                  "and (1, 0) are equilibria at every Delta"),
    expected=Status.REFUTED,
    hypotheses=(H_COST, H_C1, H_TIES),
    generate=lambda rng: Inst(random_flat_cost_contest(rng)),
    check=_check_zero,
    witnesses=(Witness("flat-start cost max(e - 1, 0)^2, R = (0.1, 0): (1, 1) and (1, 0) are "
                       "PNE", Inst(flat_cost_small_prize())),
               Witness("the same flat-start contest at Delta = 5",
                       Inst(flat_cost_small_prize(delta=5.0)))),
    default_examples=10,
))
register(Claim(
    id="leaderboard.thm4_6a_zero_effort_equilibrium.corrected",
    aliases=("leaderboard.thm4_6a.corrected",),
    statement="Under (S), C1, continuity of v in effort and capability ties, every PNE is the "
              "all-zero profile.",
    source=source("Theorem 4.6(a)", "corrected",
                  "adds the strict-cost condition (S); proved by induction from the bottom of "
                  "the equilibrium ranking; checked on rewards that guarantee an equilibrium, "
                  "which the solver must report"),
    expected=Status.HOLDS,
    hypotheses=(H_COST, H_STRICT, H_C1, H_TIES),
    generate=lambda rng: _small_strict(rng, "stable"),
    generate_violating=lambda rng: Inst(random_flat_cost_contest(rng)),
    check=_check_zero,
    witnesses=(Witness("flat-start cost max(e - 1, 0)^2, R = (0.1, 0) (violates S)",
                       Inst(flat_cost_small_prize()), violating=True),),
    default_examples=12,
))


# ---------------------------------------------------------------------------- Thm 4.6 (b)
def _antecedent(inst: Inst) -> bool:
    c = inst.contest
    e = adjacent_catch_up(c)
    J = np.where(np.isfinite(e), c.cost(np.where(np.isfinite(e), e, 0.0)), np.inf)
    return bool(np.any(J < c.rewards.gaps))


H_ANTE = Hypothesis("some_J_below_G", "some adjacent J_r = c(e_req_r) < G_r", _antecedent)


def _check_no_pne(inst: Inst) -> Verdict:
    c = inst.contest
    eqs = pure_equilibria_found(c)
    if eqs:
        return Verdict.fail("no PNE exists when some J_r < G_r", equilibrium=eqs[0].tolist(),
                            gaps=pne_test(c, eqs[0]).gaps.tolist(), found=len(eqs))
    res = analyze_pure(c)
    numbers: dict = {"status": res.status}
    if res.witness is not None:
        br = best_response(c, np.zeros(c.n), res.witness.r)
        numbers.update(witness=res.witness.to_dict(), deviation_gain=br.gap)
        if br.gap <= 0:
            return Verdict.fail("the overtake that breaks zero effort is a profitable "
                                "deviation from 0", **numbers)
    return Verdict.ok(**numbers)


register(Claim(
    id="leaderboard.thm4_6b_cheap_overtake_no_equilibrium.literal",
    aliases=("leaderboard.thm4_6b.literal",),
    statement="If some adjacent just-overtake cost is below its reward gap, "
              "c(e_req_r(Delta)) < R_{r-1} - R_r, no PNE exists (cost only non-decreasing).",
    source=source("Theorem 4.6(b)", "literal",
                  "refuted by the flat-start cost max(e - 1, 0)^2 with prize (0.1, 0): the "
                  "overtake is free (J = 0 < 0.1) yet (1, 1) is an equilibrium"),
    expected=Status.REFUTED,
    hypotheses=(H_COST, H_C1, H_TIES, H_ANTE),
    generate=lambda rng: Inst(random_flat_cost_contest(rng)),
    check=_check_no_pne,
    witnesses=(Witness("flat-start cost max(e - 1, 0)^2, R = (0.1, 0): J = 0 < 0.1 yet "
                       "(1, 1) is a PNE", Inst(flat_cost_small_prize())),),
    default_examples=10,
))
register(Claim(
    id="leaderboard.thm4_6b_cheap_overtake_no_equilibrium.corrected",
    aliases=("leaderboard.thm4_6b.corrected",),
    statement="Under (S), C1, continuity and capability ties: if some c(e_req_r) < G_r, no PNE "
              "exists, and the overtaking developer r has a profitable deviation from 0.",
    source=source("Theorem 4.6(b)", "corrected",
                  "adds the strict-cost condition (S): zero effort, the only candidate, then "
                  "has a profitable overtake"),
    expected=Status.HOLDS,
    hypotheses=(H_COST, H_STRICT, H_C1, H_TIES, H_ANTE),
    generate=lambda rng: _small_strict(rng, "unstable"),
    generate_violating=lambda rng: Inst(random_flat_cost_contest(rng)),
    check=_check_no_pne,
    default_examples=12,
))


# ---------------------------------------------------------------------------- Prop 5.3
def _check_monotone(inst: Inst) -> Verdict:
    c = inst.contest
    d1, d2 = float(inst.data["delta1"]), float(inst.data["delta2"])
    z = np.zeros(c.n)
    p1 = pne_test(c.at_level(d1), z).is_equilibrium
    p2 = pne_test(c.at_level(d2), z).is_equilibrium
    e = e_req_curves(c, [d1, d2])
    mono = bool(np.all(e[1] >= e[0] * (1 - 1e-9) - 1e-12))
    nums = dict(delta1=d1, delta2=d2, zero_pne_at_delta1=p1, zero_pne_at_delta2=p2,
                e_req_delta1=e[0].tolist(), e_req_delta2=e[1].tolist())
    if p1 and not p2:
        return Verdict.fail("0 is a PNE at Delta_1 => 0 is a PNE at Delta_2 >= Delta_1", **nums)
    return Verdict.from_condition(mono, "e_req_r(Delta_1) <= e_req_r(Delta_2)", **nums)


def _gen_monotone(rng: np.random.Generator) -> Inst:
    c = random_strict_contest(rng, int(rng.integers(2, 6)), rewards="stable", delta=0.0)
    d1 = float(rng.choice([0.0, rng.uniform(0, 10)]))
    c = c.at_level(d1)
    # rewards tight at Delta_1 (0 is a PNE there, adjacent conditions close to equality)
    e = adjacent_catch_up(c)
    J = np.where(np.isfinite(e), c.cost(np.where(np.isfinite(e), e, 0.0)), 1.0)
    J = J * rng.uniform(0.9, 1.0, c.n - 1)
    c = c.with_rewards(np.concatenate([[0.0], np.cumsum(J[::-1])])[::-1])
    return Inst(c.at_level(0.0), {"delta1": d1, "delta2": d1 + float(rng.uniform(0.01, 1e3))})


def _viol_monotone(rng: np.random.Generator) -> Inst:
    c = random_shrinking_catch_up(rng)
    grid = np.geomspace(1e-2, 1e8, 400)
    e = e_req_curves(c, np.concatenate([[0.0], grid]))[:, 0]
    k = int(np.argmax((e[1:] < 0.5 * e[0]) & (e[1:] > 0)))
    c = c.with_rewards([float(c.cost(e[0])) * 0.99, 0.0])
    return Inst(c, {"delta1": 0.0, "delta2": float(grid[k])})


register(Claim(
    id="leaderboard.prop5_3_stability_monotone.literal",
    aliases=("leaderboard.prop5_3.literal",),
    statement="For every 0 <= Delta_1 <= Delta_2, if the all-zero profile is a PNE at Delta_1 it "
              "is a PNE at Delta_2; each e_req_r(Delta) is non-decreasing (under C1-C3).",
    source=source("Proposition 5.3", "literal",
                  "not contradicted; proved under C3 and v strictly increasing in effort"),
    expected=Status.HOLDS,
    hypotheses=(H_COST, H_C1, H_C3, H_TIES),
    generate=_gen_monotone,
    generate_violating=_viol_monotone,
    check=_check_monotone,
    default_examples=30,
))


# ---------------------------------------------------------------------------- Prop 5.6
def _pair_params(c) -> tuple[np.ndarray, ...]:
    a, b, _, _ = c.family.params(c.theta)
    rho = np.exp((a[:-1] - a[1:]) / b[1:])
    gamma = b[1:] / b[:-1]
    kappa = c.cost.kappa
    lam = c.rewards.gaps / kappa
    return rho, gamma, lam


def _check_threshold_exists(inst: Inst) -> Verdict:
    st = stabilizing_threshold(inst.contest, delta_max=1e9)
    return Verdict.from_condition(np.isfinite(st.delta_star),
                                  "a finite pairwise stabilizing threshold Delta*_r exists",
                                  delta_star=st.delta_star,
                                  pairs=[p.to_dict() for p in st.pairs])


def _check_threshold_bound(inst: Inst) -> Verdict:
    # the statement's bounds from the parameters; the solver's Delta*_r and Delta_opt checked
    c = inst.contest
    rho, gamma, lam = _pair_params(c)
    with np.errstate(divide="ignore"):
        upper = np.where(rho > 1, np.maximum(0.0, (lam / (rho - 1.0)) ** gamma - 1.0), np.inf)
    lower = np.maximum(0.0, (lam / rho) ** gamma - 1.0)
    st = stabilizing_threshold(c, delta_max=1e9)
    ds = np.array([p.delta_star for p in st.pairs])
    nums: dict = dict(delta_star=ds.tolist(), lower=lower.tolist(), upper=upper.tolist(),
                      rho=rho.tolist(), gamma=gamma.tolist(), lam=lam.tolist(),
                      mechanisms=[p.mechanism for p in st.pairs])
    slack = 1e-7
    if not np.all((ds >= lower * (1 - slack) - slack) & (ds <= upper * (1 + slack) + slack)):
        return Verdict.fail("max(0, (lambda_r / rho_r)^gamma_r - 1) <= Delta*_r <= "
                            "max(0, (lambda_r / e_req_r(0))^gamma_r - 1)", **nums)
    choice = designer_choice(c, delta_max=1e9)
    nums.update(designer_delta=choice.delta, designer_exists=choice.exists)
    d = np.nan if choice.delta is None else choice.delta
    ok = (choice.exists is True and d >= lower.max() * (1 - slack) - slack
          and d <= upper.max() * (1 + slack) + slack)
    return Verdict.from_condition(bool(ok), "the designer's Delta_opt = max_r Delta*_r exists "
                                  "and lies between the largest lower and upper bounds", **nums)


def _gen_common_bounds_logit(rng: np.random.Generator) -> Inst:
    n = int(rng.integers(2, 5))
    th = np.arange(n, 0, -1, dtype=float)
    alpha = np.sort(rng.uniform(-2, 2, n))[::-1] + np.linspace(0.1 * n, 0, n)
    beta = np.sort(rng.uniform(0.2, 1.0, n))[::-1]
    fam = GeneralizedLogit(th, alpha, beta, 0.0, 1.0)
    kappa = float(rng.uniform(0.05, 2.0))
    gaps = np.exp(rng.uniform(np.log(0.1), np.log(100.0), n - 1))

    R = np.concatenate([[0.0], np.cumsum(gaps[::-1])])[::-1]
    return Inst(Contest(th, fam, PowerCost(kappa, 1.0), R))


_P56 = ("Under the generalized logit power-law form and c(e) >= kappa e (gamma_r <= 1), a "
        "pairwise stabilizing threshold exists and Delta*_r = O(lambda_r^gamma_r)")
register(Claim(
    id="leaderboard.prop5_6_polynomial_threshold.literal",
    aliases=("leaderboard.prop5_6.literal",),
    statement=_P56 + " (bounds and intercepts unrestricted).",
    source=source("Proposition 5.6", "literal",
                  "refuted by v = 1 - 1/(2 + x + theta), a logit with per-model lower bounds: "
                  "the catch-up effort is 1 at every Delta, below the reward gap 2"),
    expected=Status.REFUTED,
    hypotheses=(H_LOGIT, H_GAMMA, H_COST),
    generate=lambda rng: Inst(random_never_stabilizing_logit(rng)),
    check=_check_threshold_exists,
    witnesses=(Witness("v = 1 - 1/(2 + x + theta): catch-up effort 1 at every Delta",
                       Inst(never_stabilizing_logit())),),
    default_examples=10,
))


def _common_monotone(inst: Inst) -> bool:
    fam = inst.contest.family
    if not isinstance(fam, GeneralizedLogit):
        return False
    a, b, lo, up = fam.params(inst.contest.theta)
    return bool(np.ptp(lo) == 0 and np.ptp(up) == 0 and np.all(np.diff(a) < 0))


register(Claim(
    id="leaderboard.prop5_6_polynomial_threshold.corrected",
    aliases=("leaderboard.prop5_6.corrected",),
    statement=_P56 + ", with common bounds L, U, alpha_{r-1} > alpha_r and c(e) = kappa e: "
              "e_req_r(Delta) = rho_r (1+Delta)^{1/gamma_r} - (1+Delta), so "
              "max(0, (lambda_r / rho_r)^gamma_r - 1) <= Delta*_r <= "
              "max(0, (lambda_r / e_req_r(0))^gamma_r - 1), checked on the solver's Delta*_r "
              "and the designer's Delta_opt.",
    source=source("Proposition 5.6", "corrected",
                  "reconstruction: common bounds and alpha decreasing down the ranking give the "
                  "closed form of the catch-up effort, and with it both bounds "
                  "(Delta*_r = Theta(lambda_r^gamma_r))"),
    expected=Status.HOLDS,
    hypotheses=(H_LOGIT, H_GAMMA, H_COST,
                Hypothesis("common_bounds_monotone_alpha",
                           "common L, U and alpha strictly increasing in theta",
                           _common_monotone),
                Hypothesis("linear_cost", "c(e) = kappa e",
                           lambda i: isinstance(i.contest.cost, PowerCost)
                           and i.contest.cost.p == 1.0)),
    generate=_gen_common_bounds_logit,
    generate_violating=lambda rng: Inst(random_never_stabilizing_logit(rng)),
    check=_check_threshold_bound,
    witnesses=(Witness("v = 1 - 1/(2 + x + theta) (per-model lower bounds)",
                       Inst(never_stabilizing_logit()), violating=True),),
    default_examples=20,
))
