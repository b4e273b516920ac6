"""The claim framework: statuses, reproducibility, the violation probe, and error reporting."""

import numpy as np
import pytest

from benchgame.core.validation import InputError
from benchgame.proofs_check import (
    Claim,
    Hypothesis,
    Source,
    Status,
    Verdict,
    Witness,
    all_claims,
    get_claim,
    instance_rng,
    run_claim,
)

POSITIVE = Hypothesis("positive", "x > 0", lambda x: x > 0)


def _claim(**kw):
    base = dict(
        id="test.square_positive",
        statement="x > 0 implies x**2 > 0",
        source=Source(paper="test", item="t"),
        expected=Status.HOLDS,
        hypotheses=(POSITIVE,),
        generate=lambda rng: float(rng.uniform(0.1, 5)),
        generate_violating=lambda rng: float(rng.choice([0.0, -1.0])) * 0,
        check=lambda x: Verdict.from_condition(x * x > 0, "x**2 > 0", x=x, x2=x * x),
        describe=lambda x: {"x": x},
    )
    base.update(kw)
    return Claim(**base)


def test_holds_and_probe_finds_counterexample():
    r = run_claim(_claim(), examples=20, seed=3)
    assert r.found is Status.HOLDS and r.tried == 20
    assert r.probe.found_counterexample
    assert r.probe.counterexample.numbers["x2"] == 0.0
    assert r.probe.counterexample.failed_hypotheses == ("positive",)
    assert r.ok


def test_claim_whose_probe_finds_nothing_is_not_ok():
    c = _claim(generate_violating=lambda rng: -float(rng.uniform(1, 2)))  # (-x)^2 > 0 still
    r = run_claim(c, examples=10, seed=0)
    assert r.found is Status.HOLDS
    assert not r.probe.found_counterexample
    assert not r.ok


def test_holds_claim_without_violating_generator_is_rejected():
    with pytest.raises(InputError, match="generate_violating"):
        _claim(generate_violating=None)


def test_generator_breaking_hypotheses_is_an_error_not_a_counterexample():
    r = run_claim(_claim(generate=lambda rng: -1.0), examples=5, seed=0)
    assert r.found is Status.ERROR
    assert "breaks hypotheses ['positive']" in r.error
    assert not r.ok


def test_violating_generator_meeting_hypotheses_is_reported():
    r = run_claim(_claim(generate_violating=lambda rng: 1.0), examples=5, seed=0)
    assert "meets every hypothesis" in r.probe.error


def test_check_exception_is_an_error_with_message():
    def boom(x):
        raise ZeroDivisionError("division by zero")

    r = run_claim(_claim(check=boom), examples=3, seed=0)
    assert r.found is Status.ERROR and "ZeroDivisionError" in r.error


def test_refuted_claim_reports_first_counterexample_reproducibly():
    c = _claim(
        id="test.false", expected=Status.REFUTED, generate_violating=None,
        check=lambda x: Verdict.from_condition(x < 4.0, "x < 4", x=x),
    )
    r1 = run_claim(c, examples=200, seed=11)
    r2 = run_claim(c, examples=200, seed=11)
    assert r1.found is Status.REFUTED and r1.ok
    k = r1.counterexample.index
    assert r1.counterexample.to_dict() == r2.counterexample.to_dict()
    # the index reproduces the instance on its own
    assert c.generate(instance_rng(11, k)) == r1.counterexample.instance
    assert all(c.generate(instance_rng(11, j)) < 4.0 for j in range(k))


def test_witness_tried_first():
    c = _claim(id="test.w", expected=Status.REFUTED, generate_violating=None,
               witnesses=(Witness("big", 10.0),),
               check=lambda x: Verdict.from_condition(x < 4.0, "x < 4", x=x))
    r = run_claim(c, examples=0, seed=0)
    assert r.counterexample.witness == "big" and r.tried == 1


def test_bad_arguments():
    with pytest.raises(InputError, match="examples"):
        run_claim(_claim(), examples=-1)
    with pytest.raises(InputError, match="claim: is .*did you mean|lists the"):
        get_claim("general.does_not_exist")


def test_registry_ids_are_dotted_and_unique():
    ids = [c.id for c in all_claims()]
    assert len(ids) == len(set(ids))
    assert all(len(i.split(".")) >= 3 for i in ids)


def test_aliases_default_empty_and_are_validated():
    assert _claim().aliases == ()
    c = _claim(aliases=["test.p1_square.general"])
    assert c.aliases == ("test.p1_square.general",)   # stored as a tuple
    with pytest.raises(InputError, match="own id"):
        _claim(aliases=("test.square_positive",))
    with pytest.raises(InputError, match="aliases"):
        _claim(aliases="test.p1_square.general")


def test_instance_rng_streams_differ():
    a = instance_rng(0, 0).random(3)
    b = instance_rng(0, 1).random(3)
    assert not np.allclose(a, b)
