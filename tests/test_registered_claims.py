"""Every registered claim, run as the product runs it and as a hypothesis property.

* ``run_claim`` with the claim's default number of instances must give the expected status, and a
  claim expected to hold must have its violation probe find a counterexample, for seeds 0 and 1
  (seeds 2-11 in the slow run).
* For claims expected to hold, hypothesis draws further seeds: the property holds on every
  instance meeting the hypotheses. For the agent-based simulations (tag ``simulation``: 30 seeds
  of runs per instance) these draws are in the slow run only; the default run checks them on
  seeds 0 and 1 above.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchgame.proofs_check import Status, all_claims, instance_rng, run_claim

CLAIMS = all_claims()
HOLDING = [pytest.param(c, marks=pytest.mark.slow) if "simulation" in c.tags else c
           for c in CLAIMS if c.expected is Status.HOLDS]


SEEDS = [0, 1] + [pytest.param(s, marks=pytest.mark.slow) for s in range(2, 12)]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.id)
def test_claim_has_expected_status(claim, seed):
    # every seed, as `benchgame verify --seed S` runs it: the probe must work on every draw
    report = run_claim(claim, seed=seed)
    assert report.error == "", report.error
    assert report.found is claim.expected, (
        report.counterexample.summary() if report.counterexample else "no counterexample found"
    )
    if claim.expected is Status.HOLDS:
        assert report.probe is not None and report.probe.error == ""
        assert report.probe.found_counterexample, "the check never failed on violating inputs"
    assert report.ok


def test_ids_and_aliases_are_distinct():
    ids = [c.id for c in CLAIMS]
    aliases = [a for c in CLAIMS for a in c.aliases]
    assert len(set(ids)) == len(ids)
    assert len(set(aliases)) == len(aliases), "an earlier id names two claims"
    assert not set(aliases) & set(ids), "an earlier id is also a current id"
    assert all(a.split(".", 1)[0] == c.domain for c in CLAIMS for a in c.aliases)


def test_witness_names_say_what_the_instance_is():
    # names such as "W3" or "X5" are internal labels: a witness name describes the instance
    import re

    for c in CLAIMS:
        for w in c.witnesses:
            assert not re.match(r"^[WX]\d", w.name), (c.id, w.name)
            assert " " in w.name, (c.id, w.name)


@pytest.mark.parametrize("claim", HOLDING, ids=lambda c: c.id)
@settings(max_examples=5)
@given(seed=st.integers(min_value=1, max_value=2**62))
def test_holding_claim_property(claim, seed):
    instance = claim.generate(instance_rng(seed, 0))
    assert claim.failed_hypotheses(instance) == ()
    verdict = claim.check(instance)
    assert verdict.holds, f"{verdict.violated}: {dict(verdict.numbers)}"
