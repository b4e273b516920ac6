"""The leaderboard claims: literal statements are refuted by their generators alone (not only
by the fixed witnesses), corrected ones hold and their violation probes fail."""

import dataclasses

import pytest

from benchgame.proofs_check import Status, all_claims, run_claim

CLAIMS = all_claims("leaderboard.")
LITERAL_REFUTED = [c for c in CLAIMS if c.expected is Status.REFUTED]


def test_registered_ids():
    ids = {c.id for c in CLAIMS}
    for base in ("prop4_3", "thm4_6a", "thm4_6b", "prop5_6"):
        assert f"leaderboard.{base}.literal" in ids and f"leaderboard.{base}.corrected" in ids
    for other in ("prop5_3.literal", "lemma_a.reconstruction", "lemma_b.reconstruction",
                  "lemma_c.reconstruction", "p7_dichotomy.reconstruction",
                  "p9_invariance.reconstruction"):
        assert f"leaderboard.{other}" in ids


@pytest.mark.parametrize("claim", LITERAL_REFUTED, ids=lambda c: c.id)
def test_generator_finds_counterexample_without_witnesses(claim):
    bare = dataclasses.replace(claim, witnesses=())
    report = run_claim(bare, seed=3)
    assert report.error == ""
    assert report.found is Status.REFUTED
    assert report.counterexample.index is not None


@pytest.mark.parametrize("claim", LITERAL_REFUTED, ids=lambda c: c.id)
def test_witnesses_refute(claim):
    assert claim.witnesses
    for w in claim.witnesses:
        assert not claim.check(w.instance).holds, w.name
        assert claim.failed_hypotheses(w.instance) == ()


@pytest.mark.parametrize("claim", [c for c in CLAIMS if c.expected is Status.HOLDS],
                         ids=lambda c: c.id)
def test_corrected_claims_hold_and_probe_fails(claim):
    report = run_claim(claim, seed=11)
    assert report.error == "" and report.found is Status.HOLDS
    assert report.probe is not None and report.probe.found_counterexample
    assert report.probe.counterexample.failed_hypotheses
