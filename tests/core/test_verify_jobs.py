"""Claims in worker processes (``run_claims(jobs=N)``, ``benchgame verify --jobs N``): the same
reports and the same output as one after the other in this process, in the claims' order, with
a claim that raises, a worker that dies, and bad ``--jobs`` values."""

import json
import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from benchgame.cli import app
from benchgame.core.validation import InputError
from benchgame.proofs_check import (
    Claim,
    Hypothesis,
    Source,
    Status,
    Verdict,
    all_claims,
    get_claim,
    run_claim,
)
from benchgame.proofs_check.batch import MAX_JOBS, check_jobs, default_jobs, run_claims

runner = CliRunner()

# fast claims covering: REFUTED statements (witness and generated counterexamples), instances
# that pickle and instances holding functions (regenerated in the parent), probe-only claims
FAST = ["general.pure_existence_2x2.", "leaderboard.thm4_6a_zero_effort_equilibrium.",
        "marketplace.winrate_homogenizes.reconstruction",
        "marketplace.winrate_increasing_toward_majority.reconstruction",
        "leaderboard.prop5_6_polynomial_threshold.literal",
        "marketplace.n_producer_equilibrium_welfare.literal"]


def _claims():
    return [c for p in FAST for c in (all_claims(p) if p.endswith(".") else [get_claim(p)])]


def _without_elapsed(report_dicts):
    return [{k: v for k, v in d.items() if k != "elapsed_seconds"} for d in report_dicts]


def _same(a, b):
    """Reports equal field by field, instances included (arrays compared by value)."""
    assert _without_elapsed([r.to_dict() for r in a]) == _without_elapsed(
        [r.to_dict() for r in b])
    for ra, rb in zip(a, b, strict=True):
        assert ra.claim is rb.claim
        probes = (ra.probe and ra.probe.counterexample, rb.probe and rb.probe.counterexample)
        for ca, cb in ((ra.counterexample, rb.counterexample), probes):
            assert (ca is None) == (cb is None)
            if ca is not None:
                assert type(ca.instance) is type(cb.instance)
                assert repr(ca.description) == repr(cb.description)


def test_fast_claims_give_the_same_reports_in_two_workers():
    claims = _claims()
    assert len(claims) == 8
    one = run_claims(claims, seed=5, jobs=1)
    two = run_claims(claims, seed=5, jobs=2)
    assert [r.claim.id for r in two] == [c.id for c in claims]
    _same(one, two)
    assert [r.found.value for r in two] == ["HOLDS", "REFUTED", "HOLDS", "REFUTED", "HOLDS",
                                           "HOLDS", "REFUTED", "REFUTED"]
    assert all(r.ok for r in two)


def test_a_counterexample_instance_from_a_worker_is_the_instance_itself():
    # the witness of a false 2x2 statement: arrays as given; a generated probe instance: the
    # instance drawn again from its seed and index
    one, two = (run_claims(["general.pure_existence_2x2.false",
                            "general.pure_existence_2x2.corrected"], seed=3, jobs=j)
                for j in (1, 2))
    w1, w2 = one[0].counterexample, two[0].counterexample
    assert w2.witness == "matching pennies"
    assert np.array_equal(w2.instance.payoffs, [[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    assert np.array_equal(w1.instance.payoffs, w2.instance.payoffs)
    p1, p2 = one[1].probe.counterexample, two[1].probe.counterexample
    assert (p2.seed, p2.index) == (3, 0)
    assert np.array_equal(p1.instance.payoffs, p2.instance.payoffs)


@settings(max_examples=4, deadline=None)
@given(seed=st.integers(0, 2**63 - 1), examples=st.integers(0, 6))
def test_any_seed_and_number_of_examples_same_reports(seed, examples):
    claims = _claims()[:5]
    _same(run_claims(claims, examples, seed, jobs=1), run_claims(claims, examples, seed, jobs=2))


def _claim(cid, check):
    return Claim(id=cid, statement="x >= 0", source=Source("textbook", "test"),
                 expected=Status.HOLDS,
                 hypotheses=(Hypothesis("positive", "x > 0", lambda x: x > 0),),
                 generate=lambda rng: float(rng.uniform(1, 2)), check=check,
                 generate_violating=lambda rng: 0.0, default_examples=3)


def _square(x):
    return Verdict.from_condition(x * x > 0.5, "x**2 > 0.5", x=x)


def _raising(x):
    raise ValueError(f"no value for {x:.3f}")


def test_a_claim_that_raises_is_an_error_report_in_a_worker_too():
    claims = [_claim("t.ok.general", _square), _claim("t.raises.general", _raising)]
    one, two = run_claims(claims, seed=1, jobs=1), run_claims(claims, seed=1, jobs=2)
    _same(one, two)
    assert two[1].found is Status.ERROR
    assert two[1].error == one[1].error
    assert two[1].error.startswith("check raised ValueError: no value for 1.")
    assert two[0].ok and two[0].probe.counterexample.instance == 0.0


def test_a_worker_that_dies_leaves_its_claim_to_this_process():
    parent = os.getpid()

    def dies_in_a_worker(x):
        if os.getpid() != parent:
            os._exit(3)
        return _square(x)

    claims = [_claim("t.dies.general", dies_in_a_worker), _claim("t.ok.general", _square),
              _claim("t.ok2.general", _square)]
    reports = run_claims(claims, seed=2, jobs=2)
    _same(run_claims(claims, seed=2, jobs=1), reports)
    assert [r.found for r in reports] == [Status.HOLDS] * 3


def test_progress_counts_every_instance_once_per_claim():
    seen = []
    run_claims(_claims()[:3], seed=0, jobs=2, progress=lambda cid, k: seen.append((cid, k)))
    reports = [run_claim(c, None, 0) for c in _claims()[:3]]
    assert sorted(seen) == sorted(
        (r.claim.id, r.tried + (r.probe.tried if r.probe else 0)) for r in reports)


@pytest.mark.parametrize("bad", [0, -1, MAX_JOBS + 1, 10**12, 1.5, "2", True, None])
def test_check_jobs_refuses(bad):
    with pytest.raises(InputError, match="^jobs: is "):
        check_jobs(bad)


def test_jobs_bounds():
    assert check_jobs(1) == 1 and check_jobs(MAX_JOBS) == MAX_JOBS
    assert default_jobs(1) == 1
    assert 1 <= default_jobs(1000) <= len(os.sched_getaffinity(0))


def _verify(*args):
    res = runner.invoke(app, ["verify", *args])
    assert res.exit_code == 0, res.output
    return res.stdout


def test_cli_output_is_the_same_for_any_number_of_jobs():
    claims = [a for p in FAST for a in ("-c", p)]
    table = {j: _verify(*claims, "-s", "4", "--verbose", "--jobs", j) for j in ("1", "2", "3")}
    assert table["1"] == table["2"] == table["3"]
    assert "8 of 8 claims as expected (seed 4)" in table["1"]
    js = {j: json.loads(_verify(*claims, "-s", "4", "-f", "json", "-j", j)) for j in ("1", "2")}
    for data in js.values():
        data["claims"] = _without_elapsed(data["claims"])
    assert js["1"] == js["2"]
    assert [c["id"] for c in js["2"]["claims"]] == [c.id for c in _claims()]


@pytest.mark.slow
def test_every_claim_same_json_in_two_workers():
    js = {j: json.loads(_verify("-f", "json", "--jobs", j)) for j in ("1", "2")}
    for data in js.values():
        data["claims"] = _without_elapsed(data["claims"])
    assert js["1"] == js["2"]
    assert js["2"]["summary"] == {"claims": len(all_claims()), "ok": len(all_claims()),
                                  "failed": 0}
