"""The claim checks exercise the solvers' answers: they fail where a claim could otherwise pass
vacuously (no equilibrium found), where the solver is wrong, and on the violation probes."""

import dataclasses

import numpy as np
import pytest

from benchgame.games.leaderboard import Contest, GeneralizedLogit, PowerCost, analyze_pure
from benchgame.proofs_check import Status, get_claim, instance_rng, run_claim
from benchgame.proofs_check.claims.leaderboard import common, lemmas, mixed, theorems
from benchgame.proofs_check.claims.leaderboard.common import LeaderboardInstance as Inst
from benchgame.proofs_check.claims.leaderboard.instances import (
    crossing_learning_curves,
    flat_cost_equal_rewards,
    flat_cost_small_prize,
    never_stabilizing_logit,
    stabilizing_logit,
    substitutes_two_developers,
)

EVERY_PNE = ["leaderboard.prop4_3_capability_order.corrected",
             "leaderboard.thm4_6a_zero_effort_equilibrium.corrected",
             "leaderboard.only_zero_effort_equilibrium.reconstruction"]


@pytest.mark.parametrize("cid", EVERY_PNE)
def test_every_pne_claims_need_an_equilibrium(cid):
    claim = get_claim(cid)
    ok = claim.check(Inst(substitutes_two_developers([0.25, 0.0])))
    assert ok.holds and ok.numbers["status"] == "unique"
    assert ok.numbers["equilibria"] == [[0.0, 0.0]]
    # no PNE at all (prize 1): the statement is vacuous there, and the check says so
    v = claim.check(Inst(substitutes_two_developers()))
    assert not v.holds
    assert v.violated == "the solver reports a pure equilibrium (the rewards guarantee one)"
    # instances drawn within the hypotheses guarantee one
    for k in range(5):
        inst = claim.generate(instance_rng(0, k))
        assert analyze_pure(inst.contest).status == "unique"


@pytest.mark.parametrize("cid", EVERY_PNE)
def test_every_pne_claims_fail_when_the_solver_finds_nothing(cid, monkeypatch):
    claim = get_claim(cid)
    inst = claim.generate(instance_rng(0, 0))
    assert claim.check(inst).holds

    def broken(contest, *args, **kwargs):       # a solver that misses the equilibrium
        res = analyze_pure(contest, *args, **kwargs)
        return dataclasses.replace(res, status="none", equilibria=())

    monkeypatch.setattr(common, "analyze_pure", broken)
    monkeypatch.setattr(common, "certified_pure_equilibria", lambda c, h: [])
    assert not claim.check(inst).holds


@pytest.mark.parametrize(("cid", "instance"), [
    ("leaderboard.prop4_3_capability_order.corrected", flat_cost_equal_rewards()),
    ("leaderboard.thm4_6a_zero_effort_equilibrium.corrected", flat_cost_small_prize()),
    ("leaderboard.only_zero_effort_equilibrium.reconstruction", flat_cost_small_prize()),
])
def test_every_pne_claims_fail_on_their_probes(cid, instance):
    claim = get_claim(cid)
    assert "strict_cost_S" in claim.failed_hypotheses(Inst(instance))
    v = claim.check(Inst(instance))
    assert not v.holds and np.any(np.asarray(v.numbers["equilibrium"]) != 0)


def test_zero_condition_is_compared_with_analyze_pure(monkeypatch):
    claim = get_claim("leaderboard.zero_effort_equilibrium_condition.reconstruction")
    good = Inst(substitutes_two_developers([0.25, 0.0]))
    v = claim.check(good)
    assert v.holds and v.numbers["solver"] is True and v.numbers["oracle"] is True
    bad = claim.check(Inst(substitutes_two_developers()))
    assert bad.holds and bad.numbers["solver"] is False

    def flipped(contest, *args, **kwargs):
        res = analyze_pure(contest, *args, **kwargs)
        return dataclasses.replace(res, zero_pne=not res.zero_pne)

    monkeypatch.setattr(lemmas, "analyze_pure", flipped)
    assert not claim.check(good).holds
    # a solver that cannot decide fails the check too (the probe: C1 fails at zero effort)
    monkeypatch.undo()
    viol = claim.generate_violating(instance_rng(0, 0))
    v = claim.check(viol)
    assert not v.holds and v.numbers["solver"] is None


def test_polynomial_threshold_checks_both_bounds_on_the_solver():
    claim = get_claim("leaderboard.prop5_6_polynomial_threshold.corrected")
    # gamma = 1/2, rho = e, lambda = 100: e (1 + D)^2 - (1 + D) = 100 at D = 5.2553
    fam = GeneralizedLogit([2.0, 1.0], [0.5, 0.0], [1.0, 0.5])
    v = claim.check(Inst(Contest([2.0, 1.0], fam, PowerCost(1.0), [100.0, 0.0])))
    assert v.holds
    assert v.numbers["lower"] == pytest.approx([np.sqrt(100 / np.e) - 1])
    assert v.numbers["upper"] == pytest.approx([np.sqrt(100 / (np.e - 1)) - 1])
    y = (1 + np.sqrt(1 + 400 * np.e)) / (2 * np.e)
    assert v.numbers["delta_star"] == pytest.approx([y - 1], rel=1e-9)
    assert v.numbers["designer_delta"] == pytest.approx(y - 1, rel=1e-9)
    assert claim.check(Inst(stabilizing_logit())).holds            # Delta* = 1 = upper bound
    # the probe: per-model lower bounds, Delta* infinite
    assert not claim.check(Inst(never_stabilizing_logit())).holds


@pytest.mark.parametrize("scale", [0.5, 2.0])
def test_polynomial_threshold_fails_when_the_solver_is_off(scale, monkeypatch):
    claim = get_claim("leaderboard.prop5_6_polynomial_threshold.corrected")
    fam = GeneralizedLogit([2.0, 1.0], [0.5, 0.0], [1.0, 0.5])
    inst = Inst(Contest([2.0, 1.0], fam, PowerCost(1.0), [100.0, 0.0]))
    real = theorems.stabilizing_threshold

    def off(contest, **kwargs):        # Delta* below the lower / above the upper bound
        st = real(contest, **kwargs)
        pairs = tuple(dataclasses.replace(p, delta_star=p.delta_star * scale) for p in st.pairs)
        return dataclasses.replace(st, pairs=pairs)

    monkeypatch.setattr(theorems, "stabilizing_threshold", off)
    v = claim.check(inst)
    assert not v.holds and "Delta*_r" in v.violated


def test_polynomial_threshold_checks_the_designer(monkeypatch):
    claim = get_claim("leaderboard.prop5_6_polynomial_threshold.corrected")
    real = theorems.designer_choice
    monkeypatch.setattr(theorems, "designer_choice",
                        lambda c, **kw: dataclasses.replace(real(c, **kw), delta=None,
                                                            exists=None))
    v = claim.check(Inst(stabilizing_logit()))
    assert not v.holds and "designer" in v.violated


def test_mixed_claim_against_the_grid_solver():
    claim = get_claim("leaderboard.two_player_mixed_equilibrium.reconstruction")
    v = claim.check(Inst(substitutes_two_developers([2.5, 0.5])))
    assert v.holds
    assert v.numbers["closed_p_inversion"] == pytest.approx(15 / 32, abs=1e-10)
    assert v.numbers["solver_p_inversion"] == pytest.approx(15 / 32, abs=0.02)
    assert v.numbers["solver_payoffs"] == pytest.approx([1.0, 0.5], abs=0.06)
    # the probe: crossing curves, l's reach costs h more than the prize
    p = claim.check(Inst(crossing_learning_curves(0.0, 20.0)))
    assert "C1" in claim.failed_hypotheses(Inst(crossing_learning_curves(0.0, 20.0)))
    assert not p.holds and p.numbers["payoff_error"] > 50
    for k in range(6):
        assert not claim.check(claim.generate_violating(instance_rng(0, k))).holds


def test_mixed_claim_catches_an_inversion_probability_off_by_v(monkeypatch):
    claim = get_claim("leaderboard.two_player_mixed_equilibrium.reconstruction")
    real = mixed.two_player_mixed_equilibrium

    def per_v(contest):              # P(inversion) divided by V instead of V^2
        eq = real(contest)
        return dataclasses.replace(eq, p_inversion=eq.p_inversion * eq.prize)

    monkeypatch.setattr(mixed, "two_player_mixed_equilibrium", per_v)
    v = claim.check(Inst(substitutes_two_developers([2.5, 0.5])))
    assert not v.holds and "P(inversion)" in v.violated


@pytest.mark.parametrize("cid", EVERY_PNE + [
    "leaderboard.zero_effort_equilibrium_condition.reconstruction",
    "leaderboard.prop5_6_polynomial_threshold.corrected",
    "leaderboard.two_player_mixed_equilibrium.reconstruction"])
def test_probe_fails_on_generated_instances_alone(cid):
    bare = dataclasses.replace(get_claim(cid), witnesses=())
    report = run_claim(bare, examples=4, seed=5)
    assert report.error == "" and report.found is Status.HOLDS
    assert report.probe.found_counterexample and report.probe.counterexample.index is not None
