"""The leaderboard claims: literal statements are refuted by their generators alone (not only
by the fixed witnesses), corrected ones hold and their violation probes fail."""

import dataclasses

import pytest

from benchgame.proofs_check import Status, all_claims, run_claim

CLAIMS = all_claims("leaderboard.")
LITERAL_REFUTED = [c for c in CLAIMS if c.expected is Status.REFUTED]


# earlier id -> id, for every renamed leaderboard claim
RENAMED = {
    "leaderboard.prop4_3.literal": "leaderboard.prop4_3_capability_order.literal",
    "leaderboard.prop4_3.corrected": "leaderboard.prop4_3_capability_order.corrected",
    "leaderboard.thm4_6a.literal": "leaderboard.thm4_6a_zero_effort_equilibrium.literal",
    "leaderboard.thm4_6a.corrected": "leaderboard.thm4_6a_zero_effort_equilibrium.corrected",
    "leaderboard.thm4_6b.literal": "leaderboard.thm4_6b_cheap_overtake_no_equilibrium.literal",
    "leaderboard.thm4_6b.corrected":
        "leaderboard.thm4_6b_cheap_overtake_no_equilibrium.corrected",
    "leaderboard.prop5_3.literal": "leaderboard.prop5_3_stability_monotone.literal",
    "leaderboard.prop5_6.literal": "leaderboard.prop5_6_polynomial_threshold.literal",
    "leaderboard.prop5_6.corrected": "leaderboard.prop5_6_polynomial_threshold.corrected",
    "leaderboard.lemma_a.reconstruction": "leaderboard.only_zero_effort_equilibrium.reconstruction",
    "leaderboard.lemma_b.reconstruction":
        "leaderboard.zero_effort_equilibrium_condition.reconstruction",
    "leaderboard.lemma_c.reconstruction": "leaderboard.adjacent_overtakes_suffice.reconstruction",
    "leaderboard.p7_dichotomy.reconstruction": "leaderboard.existence_dichotomy.reconstruction",
    "leaderboard.p9_invariance.reconstruction":
        "leaderboard.reward_shift_relabel_invariance.reconstruction",
}


def test_registered_ids():
    by_id = {c.id: c for c in CLAIMS}
    assert set(RENAMED.values()) <= set(by_id)
    for old, new in RENAMED.items():
        assert old in by_id[new].aliases, (old, new)
    for item in ("prop4_3_capability_order", "thm4_6a_zero_effort_equilibrium",
                 "thm4_6b_cheap_overtake_no_equilibrium", "prop5_6_polynomial_threshold"):
        assert {f"leaderboard.{item}.literal", f"leaderboard.{item}.corrected"} <= set(by_id)


def test_sources_cite_paper_items():
    for c in CLAIMS:
        if c.source.form == "general" and c.source.arxiv is None:
            # a classical result checked on the leaderboard contest: cites its own literature
            assert c.source.paper.split("(")[0].strip()[-4:].isdigit(), c.id
            assert c.source.item, c.id
            continue
        assert c.source.arxiv == "2603.08371"
        assert any(k in c.source.item for k in ("Proposition", "Theorem", "invariances")), c.id


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
