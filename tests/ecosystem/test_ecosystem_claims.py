"""The ABM findings as claims: they hold on their settings, and each violation probe finds a
counterexample that breaks the expected hypothesis."""

import pytest

from benchgame.proofs_check import Status, all_claims, run_claim

IDS = {
    "ecosystem.entry_reduces_gini.reconstruction": {"entrants_visible", "live_benchmarks"},
    "ecosystem.shock_dip_recovery.reconstruction": {"shock", "entrants_visible"},
    "ecosystem.penalty_limited.reconstruction": {"fast_saturation"},
}


def test_claims_registered():
    assert {c.id for c in all_claims("ecosystem.")} == set(IDS)


@pytest.mark.parametrize("claim_id", sorted(IDS))
def test_claim_holds_and_probe_refutes(claim_id):
    r = run_claim(claim_id, seed=3)
    assert r.error == "" and r.found is Status.HOLDS and r.ok
    cex = r.probe.counterexample
    assert cex is not None
    assert set(cex.failed_hypotheses) <= IDS[claim_id] and cex.failed_hypotheses
    assert cex.violated
