"""All-pay dissipation and the protocol comparison as claims on the mixed-play solver."""

from __future__ import annotations

import pytest

from benchgame.examples import example_path
from benchgame.experiments.leaderboard_config import load_config
from benchgame.proofs_check import Status, get_claim, instance_rng, run_claim
from benchgame.proofs_check.claims.leaderboard.allpay import (
    GRID_STEPS,
    dissipation,
    identical_developers,
)
from benchgame.proofs_check.claims.leaderboard.common import LeaderboardInstance as Inst
from benchgame.proofs_check.claims.leaderboard.instances import crossing_learning_curves
from benchgame.proofs_check.claims.leaderboard.play_comparison import compare_play

IDS = ["leaderboard.allpay_full_dissipation.general",
       "leaderboard.allpay_multiple_prize_dissipation.general",
       "leaderboard.tbt_above_delta_star_vs_direct_play.reconstruction"]


@pytest.mark.parametrize(("n", "rewards", "cost", "predicted"), [
    (2, [1.0, 0.0], 0.9211317324, 1.0),
    (3, [1.25, 0.25, 0.25], 0.9659470970, 1.0),     # one prize over a base: V = 1
    (3, [1.0, 0.4, 0.0], 1.3260885257, 1.4),        # Barut-Kovenock: 1 + 0.4 - 3 * 0
])
def test_identical_developers_dissipate_within_the_grid_tolerance(n, rewards, cost, predicted):
    out = dissipation(identical_developers(n, rewards))
    assert out["state"] == "mixed" and out["exploitability"] < 1e-14
    assert out["predicted"] == pytest.approx(predicted, abs=1e-15)
    assert out["cost"] == pytest.approx(cost, abs=1e-8)
    assert out["step_cost"] == pytest.approx(0.05)
    assert 0.0 <= out["deficit"] <= GRID_STEPS * n * out["step_cost"]


def test_convex_cost_dissipates_in_cost_units():
    # c(e) = 0.5 e^2 under tune-before-test at Delta = 3: the expected total cost is the prize
    out = dissipation(identical_developers(2, [1.0, 0.0], kappa=0.5, p=2.0, delta=3.0))
    assert out["cost"] == pytest.approx(1.0, abs=1e-12)


def test_head_start_keeps_the_rent():
    claim = get_claim(IDS[0])
    inst = claim.generate_violating(instance_rng(0, 0))
    assert claim.failed_hypotheses(inst) == ("identical_developers",)
    verdict = claim.check(inst)
    assert not verdict.holds
    # the leader's head start is never contested on the grid: nothing is spent
    assert verdict.numbers["cost"] == 0.0
    assert verdict.numbers["deficit"] == pytest.approx(1.9026086357, abs=1e-9)


def test_direct_against_tune_before_test_on_the_three_developer_example():
    ct = load_config(example_path("three")).contest
    out = compare_play(Inst(ct, {"delta": 5.0}))
    assert out["direct_pure"] == "none"
    assert out["direct"]["state"] == "mixed" and out["direct"]["exploitability"] < 1e-14
    assert out["direct"]["tau"][0] == pytest.approx(0.8202701197, abs=1e-8)
    assert out["direct"]["p_top1"][0] == pytest.approx(0.7929051796, abs=1e-8)
    assert out["direct"]["cost"][0] == pytest.approx(0.2910474102, abs=1e-8)
    assert out["tbt"] == {"state": "pure", "tau": [1.0, 0.0], "p_top1": [1.0, 0.0],
                          "cost": [0.0, 0.0], "exploitability": 0.0, "_metrics": out["tbt"][
                              "_metrics"]}
    verdict = get_claim(IDS[2]).check(Inst(ct, {"delta": 5.0}))
    assert verdict.holds and verdict.numbers["strictly_less_waste"] is True


def test_crossing_curves_invert_under_tune_before_test():
    claim = get_claim(IDS[2])
    inst = Inst(crossing_learning_curves(0.0), {"delta": 10.0})
    assert "C1" in claim.failed_hypotheses(inst)
    verdict = claim.check(inst)
    assert not verdict.holds
    assert verdict.violated == "E[tau] under tune-before-test >= E[tau] under direct evaluation"
    assert verdict.numbers["tbt"]["tau"][0] == -1.0


@pytest.mark.parametrize("claim_id", IDS)
def test_claims_hold_and_their_probes_fail(claim_id):
    report = run_claim(get_claim(claim_id), seed=3)
    assert report.found is Status.HOLDS and report.error == ""
    assert report.probe.found_counterexample and report.ok
