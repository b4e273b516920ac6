"""Property tests (hypothesis) and bad-input tests of the marketplace model."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from benchgame.core.validation import InputError
from benchgame.mechanisms.marketplace import (
    EpsilonUniform,
    Luce,
    Market,
    PaymentRule,
    Perfect,
    Probit,
    Softmax,
    entry,
    evaluate,
    get_payment_rule,
    parse_rule,
    payoffs,
    register_payment_rule,
    welfare,
)
from benchgame.proofs_check import run_claim
from benchgame.proofs_check.claims.marketplace.identities import DecoyRule
from benchgame.proofs_check.claims.marketplace.instances import (
    EntryInstance,
    general_instance,
    two_task_free_instance,
    welfare_at_worst_best_responses,
)
from benchgame.proofs_check.claims.marketplace.noise import epsilon_entry_formula

unit = st.floats(0.0, 1.0, allow_nan=False)


@st.composite
def rules(draw):
    k = draw(st.integers(0, 3))
    if k == 0:
        return Softmax(draw(st.floats(0.1, 50)))
    if k == 1:
        return EpsilonUniform(draw(st.floats(0, 1)))
    if k == 2:
        return Probit(draw(st.floats(0.05, 1.0)))
    return Perfect()


@st.composite
def instances_general(draw):
    m, n, k = draw(st.integers(2, 6)), draw(st.integers(1, 6)), draw(st.integers(2, 8))
    Q = np.array(draw(st.lists(st.lists(unit, min_size=m, max_size=m), min_size=n, max_size=n)))
    w = np.array(draw(st.lists(st.floats(0.01, 1), min_size=m, max_size=m)))
    C = np.array(draw(st.lists(st.lists(unit, min_size=m, max_size=m), min_size=k, max_size=k)))
    return Q, w / w.sum(), draw(rules()), C


@st.composite
def instances_two_task_budget_line(draw):
    n = draw(st.integers(1, 4))
    if draw(st.booleans()):
        a = np.array(draw(st.lists(unit, min_size=n, max_size=n)))
        Q = np.column_stack([a, 1 - a])
    else:
        Q = np.array(draw(st.lists(st.lists(unit, min_size=2, max_size=2), min_size=n,
                                   max_size=n)))
    p = draw(st.floats(0.01, 0.99))
    rule = (Softmax(draw(st.floats(0.1, 50))) if draw(st.booleans())
            else EpsilonUniform(draw(st.floats(0, 1))))
    return Q, np.array([p, 1 - p]), rule


@settings(max_examples=60, deadline=None)
@given(instances_general())
def test_p1_identities_all_rules(inst):
    Q, pi, rule, _ = inst
    e = evaluate(Market(Q, pi), rule)
    assert abs(e.winrate.sum() - 1) <= 1e-9
    assert abs(e.weighted_winrate.sum() - e.welfare) <= 1e-9
    assert e.residuals["sum_weighted_winrate"] <= 1e-9
    # pairwise identity: sum = n/2
    pw = payoffs("pairwise", Q, pi, rule)
    if len(Q) > 1:
        assert pw.sum() == pytest.approx(len(Q) / 2, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(instances_general())
def test_p2_and_regularity(inst):
    Q, pi, rule, C = inst
    P0 = rule.probabilities(Q)
    W0 = float(welfare(Q, pi, rule))
    for q in C:
        Q1 = np.vstack([Q, q])
        P1 = rule.probabilities(Q1)
        assert np.all(P1[:-1] <= P0 + 1e-9)  # regularity (R)
        dW = float(welfare(Q1, pi, rule)) - W0
        wwr = payoffs("weighted_winrate", Q1, pi, rule)[-1]
        assert dW <= wwr + 1e-9
        wr = payoffs("winrate", Q1, pi, rule)[-1]
        # entrant's winrate = share taken from incumbents (entry accounting identity)
        assert wr == pytest.approx(float((P0 - P1[:-1]).sum(axis=0) @ pi), abs=1e-9)
        # WWR_e = Delta W + quality-weighted share taken from incumbents (entry accounting identity)
        stolen = float(((P0 - P1[:-1]) * Q).sum(axis=0) @ pi)
        assert wwr == pytest.approx(dW + stolen, abs=1e-9)
        # marginal-contribution payment equals Delta W exactly
        assert payoffs("marginal", Q1, pi, rule)[-1] == pytest.approx(dW, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(instances_general(), st.floats(0, 1))
def test_p5_epsilon_formula(inst, eps):
    Q, pi, _, C = inst
    r = EpsilonUniform(eps)
    for q in C:
        M = Q.max(axis=0)
        assume(np.all(np.abs(q - M) > 1e-9))
        dW = float(welfare(np.vstack([Q, q]), pi, r) - welfare(Q, pi, r))
        assert dW == pytest.approx(epsilon_entry_formula(Q, q, pi, eps), abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(instances_two_task_budget_line())
def test_p6_budget_line_dominance(inst):
    Q, pi, rule = inst
    e = EntryInstance(Q, pi, rule, np.column_stack([np.linspace(0, 1, 201),
                                                    1 - np.linspace(0, 1, 201)]))
    d = welfare_at_worst_best_responses(e)
    assert d["W_weighted_br"] >= d["W_winrate_br"] - 1e-9


def test_p6_generator_finds_counterexample_without_budget_line():
    found = 0
    for k in range(40):
        d = welfare_at_worst_best_responses(two_task_free_instance(np.random.default_rng([1, k])))
        found += d["W_weighted_br"] < d["W_winrate_br"] - 1e-9
    assert found >= 1
    rep = run_claim("marketplace.weighted_never_lowers_welfare.general", examples=0, seed=0)
    assert rep.ok and rep.counterexample is not None


def test_general_generator_alone_finds_counterexample():
    hits = [k for k in range(400) if (lambda d: d["W_weighted_br"] < d["W_winrate_br"] - 1e-9)(
        welfare_at_worst_best_responses(general_instance(np.random.default_rng([0, k]))))]
    assert hits


def test_p2_violating_branches_both_find_counterexamples():
    from benchgame.proofs_check.claims.marketplace.identities import (
        _check_entry_bound,
        _entry_bound_violating,
    )

    kinds = {"decoy": 0, "negative": 0}
    for k in range(60):
        inst = _entry_bound_violating(np.random.default_rng([2, k]))
        if not _check_entry_bound(inst).holds:
            kinds["decoy" if isinstance(inst.rule, DecoyRule) else "negative"] += 1
    assert kinds["decoy"] >= 1 and kinds["negative"] >= 1


def test_decoy_rule_breaks_p2():
    Q = np.array([[0.9, 0.8], [0.05, 0.05]])
    pi = np.array([0.5, 0.5])
    r = DecoyRule()
    q = np.array([0.8, 0.7])
    dW = float(welfare(np.vstack([Q, q]), pi, r) - welfare(Q, pi, r))
    assert dW > payoffs("weighted_winrate", np.vstack([Q, q]), pi, r)[-1]


def test_ties_split_and_tie_tol():
    Q = np.array([[1.0, 0.0], [1.0 - 1e-13, 0.0]])
    np.testing.assert_allclose(Perfect().probabilities(Q), [[0.5, 0.5], [0.5, 0.5]])
    np.testing.assert_allclose(EpsilonUniform(0, tie_tol=0).probabilities(Q)[:, 0], [1, 0])


def test_ties_set_valued_best_response():
    mk = Market([[1.0, 0.0]], [0.5, 0.5])
    res = entry(mk, EpsilonUniform(0.5), [[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]], "winrate")
    # every candidate gets winrate exactly 1/2 (ties and noise): set-valued best response
    np.testing.assert_allclose(res.payoff, [0.5, 0.5, 0.5])
    assert set(res.best_responses) == {0, 1, 2}
    # clone: W = 0.5 * 1; (0,1): A 0.75*1, B 0.75*1 -> 0.75; (.5,.5): 0.5*(0.75+0.25*.5)+...
    assert res.welfare_worst_br == pytest.approx(0.5)
    assert res.welfare_best_br == pytest.approx(0.75)
    # (.5,.5): A 0.75*1 + 0.25*.5, B 0.75*.5 -> 0.625; optimum (0,1) at 0.75. The gap is
    # measured from the welfare-WORST best response: 0.75 - 0.5 (not 0.75 - 0.75)
    np.testing.assert_allclose(res.welfare, [0.5, 0.75, 0.625])
    assert res.welfare_opt == pytest.approx(0.75)
    assert res.gap == pytest.approx(0.25)
    assert res.to_dict()["gap"] == pytest.approx(0.25)


def test_probit_quadrature_two_models_and_monte_carlo():
    from scipy.special import ndtr

    Q = np.array([[0.7, 0.2], [0.5, 0.4]])
    P = Probit(0.1).probabilities(Q)
    np.testing.assert_allclose(P[0], ndtr((Q[0] - Q[1]) / (0.1 * np.sqrt(2))), atol=1e-10)
    Q3 = np.array([[0.7, 0.2], [0.5, 0.4], [0.6, 0.3]])
    Pq = Probit(0.2).probabilities(Q3)
    Pm = Probit(0.2, method="montecarlo", samples=200000, seed=3).probabilities(Q3)
    np.testing.assert_allclose(Pq, Pm, atol=5e-3)


def test_softmax_limits_and_luce():
    Q = np.array([[0.9, 0.1], [0.3, 0.6]])
    np.testing.assert_allclose(Softmax(0).probabilities(Q), 0.5)
    np.testing.assert_allclose(Softmax(1e4).probabilities(Q), Perfect().probabilities(Q))
    np.testing.assert_allclose(Luce(1).probabilities(Q)[:, 0], [0.75, 0.25])


def test_user_registered_payment_rule():
    rule = PaymentRule("test_top_share", lambda Q, w, r, P: (P ** 2) @ w, "squared share")
    register_payment_rule(rule, replace=True)
    assert get_payment_rule("test_top_share") is rule
    Q = np.array([[1.0, 0.0], [0.0, 1.0]])
    np.testing.assert_allclose(payoffs("test_top_share", Q, [0.5, 0.5], Perfect()), [0.5, 0.5])
    register_payment_rule(rule)  # the very same rule again (a module imported twice) is fine
    other = PaymentRule("test_top_share", lambda Q, w, r, P: P @ w, "share")
    with pytest.raises(InputError, match="already registered"):
        register_payment_rule(other)


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"quality": [[np.nan, 0.5]], "weights": [0.5, 0.5]}, "quality"),
    ({"quality": [[1.5, 0.5]], "weights": [0.5, 0.5]}, "quality"),
    ({"quality": [[-0.1, 0.5]], "weights": [0.5, 0.5]}, "quality"),
    ({"quality": [[0.1, 0.5]], "weights": [0.5, 0.6]}, "weights"),
    ({"quality": np.zeros((0, 2)), "weights": [0.5, 0.5]}, "quality"),
    ({"quality": [[0.1, 0.5]], "weights": [0.5, 0.5], "models": ("a", "b")}, "models"),
])
def test_bad_market(kwargs, field):
    with pytest.raises(InputError) as exc:
        Market(**kwargs)
    assert exc.value.field == field


@pytest.mark.parametrize(("make", "field"), [
    (lambda: EpsilonUniform(-0.1), "eps"), (lambda: EpsilonUniform(1.5), "eps"),
    (lambda: Softmax(-1), "beta"), (lambda: Softmax(np.inf), "beta"),
    (lambda: Luce(0), "gamma"), (lambda: parse_rule("softmax:x"), "rule"),
    (lambda: parse_rule("nope:1"), "rule"), (lambda: payoffs("nope", [[1.0]], [1.0], Perfect()),
                                             "mechanism"),
    (lambda: Luce(1).probabilities(np.array([[0.0, 1.0]])), "quality"),
])
def test_bad_parameters(make, field):
    with pytest.raises(InputError) as exc:
        make()
    assert exc.value.field == field
