"""Property tests P1-P9 of the specification (section 5.6) on random instances meeting the
corrected hypotheses, plus the spec 4.3 mixed equilibrium checked as an epsilon-equilibrium."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchgame.games.leaderboard import (
    Contest,
    GeneralizedLogit,
    LinearQuadraticCost,
    PowerCost,
    adjacent_catch_up,
    analyze_pure,
    best_response,
    catch_up_matrix,
    e_req_curves,
    kendall_tau_b,
    logit_closed_form,
    pne_test,
    stabilizing_threshold,
    two_player_mixed_equilibrium,
)
from benchgame.proofs_check.claims.leaderboard.common import (
    c3_sampled,
    certified_pure_equilibria,
)
from benchgame.proofs_check.claims.leaderboard.generators import random_strict_contest
from benchgame.proofs_check.claims.leaderboard.instances import substitutes_two_developers

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)


def _small(seed, rewards="random"):
    rng = np.random.default_rng(seed)
    c = random_strict_contest(rng, int(rng.integers(2, 4)), rewards=rewards)
    R = c.rewards.values
    h = max(0.05, float(c.cost.inverse(R[0] - R[-1])) / (40 if c.n == 2 else 14))
    return c, h


@settings(max_examples=15, deadline=None)
@given(seed=SEEDS)
def test_p1_p4_pne_set_is_empty_or_zero_and_ranks_by_capability(seed):
    c, h = _small(seed, "stable" if seed % 2 else "random")
    found = certified_pure_equilibria(c, h)
    assert all(np.all(e == 0) for e in found)                       # P1
    for e in found:                                                 # P4
        assert kendall_tau_b(c.ranks(e), c.theta) == 1.0
    res = analyze_pure(c)
    assert (res.status == "unique") == (len(found) == 1)


@settings(max_examples=30, deadline=None)
@given(seed=SEEDS)
def test_p2_lemma_b_and_adjacent_conditions(seed):
    rng = np.random.default_rng(seed)
    c = random_strict_contest(rng, rewards=str(rng.choice(["stable", "unstable", "random"])))
    assert c3_sampled(c)
    M = catch_up_matrix(c).lower
    R = c.rewards.values
    fin = np.isfinite(M)
    cost = np.where(fin, c.cost(np.where(fin, M, 0)), np.inf)
    low = np.tril(np.ones_like(M, bool), -1)
    lemma_b = bool(np.all((cost >= (R[None, :] - R[:, None]) - 1e-9)[low]))
    e = adjacent_catch_up(c)
    J = np.where(np.isfinite(e), c.cost(np.where(np.isfinite(e), e, 0)), np.inf)
    adjacent = bool(np.all(J >= c.rewards.gaps - 1e-9))
    oracle = pne_test(c, np.zeros(c.n)).is_equilibrium
    assert lemma_b == oracle == adjacent


@settings(max_examples=15, deadline=None)
@given(seed=SEEDS)
def test_p3_cheap_overtake_means_no_pne(seed):
    c, h = _small(seed, "unstable")
    res = analyze_pure(c)
    assert res.status == "none"
    br = best_response(c, np.zeros(c.n), res.witness.r)
    assert br.gap == pytest.approx(res.witness.gain, rel=1e-9, abs=1e-12)
    assert br.gap > 0
    assert certified_pure_equilibria(c, h) == []


@settings(max_examples=30, deadline=None)
@given(seed=SEEDS)
def test_p5_monotone_in_delta(seed):
    rng = np.random.default_rng(seed)
    c = random_strict_contest(rng, delta=0.0)
    d = np.sort(np.concatenate([[0.0], np.exp(rng.uniform(np.log(1e-2), np.log(1e4), 12))]))
    E = e_req_curves(c, d)
    assert np.all((E[1:] >= E[:-1] * (1 - 1e-9)) | np.isinf(E[1:]))
    zero = np.zeros(c.n)
    ok = [pne_test(c.at_level(x), zero).is_equilibrium for x in d]
    assert all(b or not a for a, b in zip(ok, ok[1:], strict=False))   # up-set


@settings(max_examples=30, deadline=None)
@given(seed=SEEDS)
def test_p6_logit_closed_form_and_bound(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 5))
    th = np.arange(n, 0, -1.0)
    alpha = np.sort(rng.uniform(-2, 2, n))[::-1] + np.linspace(0.1 * n, 0, n)
    beta = np.sort(rng.uniform(0.2, 1.0, n))[::-1]
    kappa = float(rng.uniform(0.05, 2))
    R = np.concatenate([[0.0], np.cumsum(rng.uniform(0.05, 50, n - 1))])[::-1]
    cost = PowerCost(kappa, 1.0) if seed % 2 else LinearQuadraticCost(kappa, 0.1)
    c = Contest(th, GeneralizedLogit(th, alpha, beta, 0.1, 0.95), cost, R)
    lc = logit_closed_form(c)
    d = np.array([0.0, 1.0, 37.0, 1e3])
    assert e_req_curves(c, d) == pytest.approx(lc.e_req(d), rel=1e-9, abs=1e-9)
    ds = np.array([p.delta_star for p in stabilizing_threshold(c).pairs])
    assert np.all(ds <= lc.bound * (1 + 1e-9) + 1e-9)
    if lc.delta_star_exact is not None:
        assert ds == pytest.approx(lc.delta_star_exact, rel=1e-8, abs=1e-8)


def test_p6_log_log_slope_tends_to_gamma():
    fam = GeneralizedLogit([2.0, 1.0], [0.5, 0.0], [1.0, 0.5])
    lam = np.array([1e4, 1e6])
    ds = [stabilizing_threshold(Contest([2.0, 1.0], fam, PowerCost(), [g, 0.0])).delta_star
          for g in lam]
    slope = np.diff(np.log(ds)) / np.diff(np.log(lam))
    assert slope[0] == pytest.approx(0.5, abs=0.01)


@settings(max_examples=15, deadline=None)
@given(seed=SEEDS)
def test_p7_dichotomy(seed):
    rng = np.random.default_rng(seed)
    c = random_strict_contest(rng, delta=0.0, rewards="unstable")
    ds = stabilizing_threshold(c).delta_star
    zero = np.zeros(c.n)
    assert np.isfinite(ds) and ds > 0
    for d in (ds * (1 + 1e-6) + 1e-9, 2 * ds + 1):
        assert analyze_pure(c.at_level(d)).status == "unique"
        assert pne_test(c.at_level(d), zero).is_equilibrium
    for d in (0.0, ds * (1 - 1e-4)):
        assert analyze_pure(c.at_level(d)).status == "none"
        assert not pne_test(c.at_level(d), zero).is_equilibrium


@pytest.mark.parametrize("contest", [
    substitutes_two_developers(),
    Contest([1.0, 0.0], GeneralizedLogit([1.0, 0.0], [0.4, 0.0], [0.9, 0.7]),
            PowerCost(0.3, 2.0), [1.0, 0.0]),
])
def test_p8_two_player_mixed_is_equilibrium(contest):
    eq = two_player_mixed_equilibrium(contest)
    assert not eq.pure
    eh, el = eq.exploitability()
    assert eh < 1e-9 and el < 1e-9
    # a wrong profile is detected: shift h's payoff claim
    import dataclasses
    bad = dataclasses.replace(eq, payoff_h=eq.payoff_h - 0.05)
    assert bad.exploitability()[0] == pytest.approx(0.05, abs=1e-9)
    # W1 numbers
    if contest.family.name.startswith("substitutes"):
        assert eq.p_inversion == pytest.approx(0.375)


@settings(max_examples=20, deadline=None)
@given(seed=SEEDS, shift=st.floats(-10, 10))
def test_p9_reward_shift_invariance(seed, shift):
    rng = np.random.default_rng(seed)
    c = random_strict_contest(rng, rewards=str(rng.choice(["stable", "unstable"])))
    c2 = c.with_rewards(c.rewards.values + shift)
    a, b = analyze_pure(c), analyze_pure(c2)
    assert a.status == b.status
    prof = rng.uniform(0, 1, c.n)
    assert pne_test(c, prof).gaps == pytest.approx(pne_test(c2, prof).gaps, rel=1e-9,
                                                   abs=1e-9)
