"""The ABM findings as claims: they hold on their settings, and each violation probe finds a
counterexample that breaks the expected hypothesis."""

import numpy as np
import pytest

from benchgame.proofs_check import Status, all_claims, get_claim, instance_rng, run_claim
from benchgame.proofs_check.claims.ecosystem import abm_findings as abm

IDS = {
    "ecosystem.entry_reduces_gini.reconstruction": {"entrants_visible", "live_benchmarks"},
    "ecosystem.shock_dip_without_recovery.reconstruction": {"shock"},
    "ecosystem.penalty_limited.reconstruction": {"fast_saturation"},
}
# every lever the claim's statement names, with the range it states
DOMAINS = {
    "ecosystem.entry_reduces_gini.reconstruction": {
        "entrant_visibility": (0.5, 1.0), "live_window": (10, 30), "alpha": (0.9, 1.1),
        "fitness_sigma": (0.4, 0.6)},
    "ecosystem.shock_dip_without_recovery.reconstruction": {
        "shock_size": (5.0, 20.0), "shock_duration": (2, 6), "alpha": (0.9, 1.1),
        "fitness_sigma": (0.4, 0.6)},
    "ecosystem.penalty_limited.reconstruction": {
        "saturation_rate": (0.4, 1.0), "alpha": (0.9, 1.1), "fitness_sigma": (0.4, 0.6)},
}


def test_claims_registered():
    assert {c.id for c in all_claims("ecosystem.")} == set(IDS)
    assert get_claim("ecosystem.shock_dip_recovery.reconstruction").id == (
        "ecosystem.shock_dip_without_recovery.reconstruction")


@pytest.mark.parametrize("claim_id", sorted(IDS))
def test_generators_cover_the_stated_domain_with_30_seeds(claim_id):
    """Cheap (no simulation): generated settings meet every hypothesis, use >= 30 seeds and
    spread over the whole stated range of each lever; violating settings break only the
    expected hypotheses."""
    claim = get_claim(claim_id)
    draws = [claim.generate(instance_rng(seed, 0)) for seed in range(200)]
    assert all(claim.failed_hypotheses(s) == () for s in draws)
    assert all(len(s.seeds) >= 30 and len(set(s.seeds)) == len(s.seeds) for s in draws)
    for name, (lo, hi) in DOMAINS[claim_id].items():
        v = np.array([getattr(s.params, name) for s in draws], dtype=float)
        assert v.min() >= lo and v.max() <= hi, name
        # the draws reach both ends of the range (within a tenth of its width)
        assert v.min() <= lo + 0.1 * (hi - lo) and v.max() >= hi - 0.1 * (hi - lo), name
    for seed in range(20):
        bad = claim.generate_violating(instance_rng(seed, 0))
        failed = set(claim.failed_hypotheses(bad))
        assert failed and failed <= IDS[claim_id]


def test_penalty_domain_excludes_the_settings_where_it_was_measured_to_fail():
    h = {x.name: x for x in get_claim("ecosystem.penalty_limited.reconstruction").hypotheses}
    s = abm._penalty_setting(instance_rng(0, 0))
    assert h["fast_saturation"].holds(s)
    assert not h["fast_saturation"].holds(abm.Setting(s.params.with_(saturation_rate=0.3),
                                                      s.seeds))
    assert not h["model_ranges"].holds(abm.Setting(s.params, s.seeds[:29]))


@pytest.mark.slow
@pytest.mark.parametrize("claim_id", sorted(IDS))
def test_claim_holds_and_probe_refutes(claim_id):
    r = run_claim(claim_id, seed=3)
    assert r.error == "" and r.found is Status.HOLDS and r.ok
    cex = r.probe.counterexample
    assert cex is not None
    assert set(cex.failed_hypotheses) <= IDS[claim_id] and cex.failed_hypotheses
    assert cex.violated
