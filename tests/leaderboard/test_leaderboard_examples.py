"""Worked examples W1-W5c and the pinned numbers of the specification (section 4)."""

import numpy as np
import pytest

from benchgame.games.leaderboard import (
    Contest,
    GeneralizedLogit,
    PowerCost,
    adjacent_catch_up,
    analyze_pure,
    best_response,
    bracketed_inverse,
    designer_choice,
    logit_closed_form,
    pne_test,
    stabilizing_threshold,
    two_player_fidelity,
    two_player_mixed_equilibrium,
)
from benchgame.proofs_check.claims.leaderboard.common import certified_pure_equilibria
from benchgame.proofs_check.claims.leaderboard.instances import (
    crossing_learning_curves,
    flat_cost_equal_rewards,
    flat_cost_small_prize,
    never_stabilizing_logit,
    stabilizing_logit,
    steep_capped_low_model,
    substitutes_two_developers,
)

Z2 = np.zeros(2)


def test_w1_no_pne_with_witness():
    c = substitutes_two_developers()
    res = analyze_pure(c)
    assert res.status == "none"
    assert res.witness.r == 1 and res.witness.k == 0
    assert res.witness.catch_up == pytest.approx(0.5, abs=1e-12)
    assert res.witness.cost == pytest.approx(0.5, abs=1e-12)       # J = 0.5 < G = 1
    assert res.witness.reward_gap == 1.0
    assert not pne_test(c, Z2).is_equilibrium
    assert certified_pure_equilibria(c, 0.05) == []


def test_w1c_zero_is_pne():
    c = substitutes_two_developers([0.25, 0.0])
    res = analyze_pure(c)
    assert res.status == "unique" and res.ranks_by_capability
    assert res.margins == pytest.approx([0.25])                   # J = 0.5 >= 0.25
    t = pne_test(c, Z2)
    assert t.is_equilibrium and np.all(t.gaps == 0)


def test_w2_inverted_pne():
    c = flat_cost_equal_rewards()
    t = pne_test(c, [0.0, 0.75])
    assert t.is_equilibrium
    s = c.scores([0.0, 0.75])
    assert s[1] > s[0]                                             # ranking inverted
    assert np.all(c.utilities([0.0, 0.75]) == 1.0)
    assert analyze_pure(c).status == "undecided"                  # (S) fails: no Lemma A


def test_w2c_low_player_cuts_effort():
    c = flat_cost_equal_rewards(linear=True)
    t = pne_test(c, [0.0, 0.75])
    assert not t.is_equilibrium
    br = t.best_responses[1]
    assert br.current == pytest.approx(0.25)
    # the spec's improving deviation: cut to 0.51, stay ahead, payoff 0.49 > 0.25
    assert c.utilities([0.0, 0.51])[1] == pytest.approx(0.49)
    assert c.scores([0.0, 0.51])[1] > c.scores([0.0, 0.51])[0]
    # the exact best response (equal rewards) is zero effort, attained, value 1
    assert br.attained and br.effort == 0.0 and br.value == pytest.approx(1.0)


def test_epsilon_maximiser_when_not_attained():
    c = substitutes_two_developers()
    br = best_response(c, Z2, 1)
    assert not br.attained and br.effort == pytest.approx(0.5) and br.value == pytest.approx(0.5)
    e = br.epsilon_maximiser(c, 1e-3)
    assert 0.5 < e <= 0.5 + 1e-3
    u = c.utilities([0.0, e])[1]
    assert br.value - 1e-3 <= u < br.value


@pytest.mark.parametrize("delta", [0.0, 1.0, 5.0])
def test_w3_w4_nonzero_pne_for_every_delta(delta):
    c = flat_cost_small_prize(delta=delta)
    assert pne_test(c, [1.0, 1.0]).is_equilibrium
    assert pne_test(c, [1.0, 0.0]).is_equilibrium
    assert not pne_test(c, Z2).is_equilibrium
    e = adjacent_catch_up(c)
    assert e == pytest.approx([0.5])
    assert float(c.cost(e[0])) == 0.0                             # J = 0 < 0.1
    br = best_response(c, Z2, 1)
    assert br.value == pytest.approx(0.1) and not br.attained
    assert c.utilities([0.0, 0.75])[1] == pytest.approx(0.1)      # low deviates to 0.75
    found = certified_pure_equilibria(c, 0.05)
    assert len(found) > 50 and not any(np.all(f == 0) for f in found)


@pytest.mark.parametrize("delta", [0.0, 1.0, 5.0])
def test_w3c_unique_zero(delta):
    c = flat_cost_small_prize(linear=True, delta=delta)
    res = analyze_pure(c)
    assert res.status == "unique"
    found = certified_pure_equilibria(c, 0.05)
    assert len(found) == 1 and np.all(found[0] == 0)


def test_w5_never_stabilizes():
    c = never_stabilizing_logit()
    e = [float(adjacent_catch_up(c.at_level(d))[0]) for d in (0.0, 1.0, 10.0, 1e3, 1e6)]
    assert e == pytest.approx([1.0] * 5, rel=1e-9)
    st = stabilizing_threshold(c)
    assert st.delta_star == np.inf and st.never[0].mechanism == "never"
    choice = designer_choice(c)
    assert choice.delta is None and choice.exists is False and len(choice.never) == 1


def test_w5_matches_reciprocal_substitutes():
    from benchgame.games.leaderboard import Substitutes
    fam = never_stabilizing_logit().family
    x = np.array([0.0, 0.3, 7.0, 1e4])
    for t in (1.0, 0.0):
        assert fam.value(t, x) == pytest.approx(Substitutes("reciprocal").value(t, x), rel=1e-12)


def test_w5c_stabilizes_at_one():
    c = stabilizing_logit()
    for d, want in [(0.0, 1.0), (1.0, 2.0), (10.0, 11.0)]:
        assert adjacent_catch_up(c.at_level(d))[0] == pytest.approx(want, rel=1e-12)
    st = stabilizing_threshold(c)
    assert st.delta_star == pytest.approx(1.0, rel=1e-10)
    assert st.pairs[0].mechanism == "growth" and st.monotone_certified
    lc = logit_closed_form(c)
    assert lc.rho == pytest.approx([2.0]) and lc.gamma == pytest.approx([1.0])
    assert lc.lam == pytest.approx([2.0])
    assert lc.bound == pytest.approx([1.0]) and lc.delta_star_exact == pytest.approx([1.0])
    choice = designer_choice(c)
    assert choice.delta == pytest.approx(1.0, rel=1e-9) and choice.exists
    assert analyze_pure(c.at_level(0.99)).status == "none"
    # J - G = 1e-9 is inside the relative tolerance 1e-9: a near tie, not a certain answer
    assert analyze_pure(c.at_level(1.0 + 1e-9)).status == "undecided"
    assert analyze_pure(c.at_level(1.0 + 1e-7)).status == "unique"


GAMMA_HALF = [(0.0, 1.718281828), (10.0, 317.9121012), (100.0, 27628.19293),
              (1000.0, 2722720.110)]


@pytest.mark.parametrize(("delta", "want"), GAMMA_HALF)
def test_logit_gamma_half_pinned(delta, want):
    fam = GeneralizedLogit([2.0, 1.0], [0.5, 0.0], [1.0, 0.5])
    c = Contest([2.0, 1.0], fam, PowerCost(), [1.0, 0.0]).at_level(delta)
    e = float(adjacent_catch_up(c)[0])
    assert e == pytest.approx(want, rel=1e-9)
    assert e == pytest.approx(np.e * (1 + delta) ** 2 - (1 + delta), rel=1e-12)
    root = bracketed_inverse(lambda x: float(fam.value(1.0, x)), float(fam.value(2.0, delta)),
                             strict=True, ceiling=1.0) - delta
    assert root == pytest.approx(e, rel=1e-9)
    lc = logit_closed_form(c)
    assert lc.rho == pytest.approx([np.e]) and lc.gamma == pytest.approx([0.5])


@pytest.mark.parametrize(("delta", "want"), [(0.0, 0.57037), (5.0, 26.978), (50.0, np.inf)])
def test_different_ceilings_pinned(delta, want):
    fam = GeneralizedLogit([2.0, 1.0], [0.0, -0.2], 1.0, 0.0, [0.9, 0.8])
    c = Contest([2.0, 1.0], fam, PowerCost(), [1.0, 0.0]).at_level(delta)
    e = float(adjacent_catch_up(c)[0])
    if np.isinf(want):
        assert e == np.inf
    else:
        assert e == pytest.approx(want, abs=5e-4 if delta == 5.0 else 5e-6)


def test_x5_ranking_inverted_by_tbt():
    v0 = crossing_learning_curves(0.0).zero_scores()
    v10 = crossing_learning_curves(10.0).zero_scores()
    assert v0 == pytest.approx([0.7311, 0.5], abs=5e-5)
    assert v10 == pytest.approx([0.8764, 0.8964], abs=5e-5)
    assert analyze_pure(crossing_learning_curves(10.0)).status == "undecided"


def test_x3_adjacent_conditions_hold_but_no_pne():
    c = steep_capped_low_model()
    J = c.cost(adjacent_catch_up(c))
    assert J == pytest.approx([1.0, 1.0]) and c.rewards.gaps == pytest.approx([1.0, 1.0])
    res = analyze_pure(c)                          # C3 not certified: full Lemma B
    assert res.status == "none"
    assert (res.witness.r, res.witness.k) == (2, 0)
    assert res.witness.catch_up == pytest.approx(1.5) and res.witness.reward_gap == 2.0
    # forcing Lemma C with a false C3 certificate is refused for non-smooth families
    assert analyze_pure(c, c3=True).status == "none"
    assert certified_pure_equilibria(c, 0.05) == []


def test_w1_mixed_closed_form():
    eq = two_player_mixed_equilibrium(substitutes_two_developers())
    assert not eq.pure
    assert eq.p_inversion == pytest.approx(0.375, abs=1e-10)
    assert (eq.payoff_h, eq.payoff_l) == pytest.approx((0.5, 0.0), abs=1e-12)
    assert eq.reach == pytest.approx(1 - np.exp(-1.5), abs=1e-12)
    assert eq.atom_h == pytest.approx(0.5) and eq.atom_l == pytest.approx(0.5)
    f = two_player_fidelity(substitutes_two_developers())
    assert f.state == "mixed" and f.expected_tau == pytest.approx(0.25)
    assert f.p_exact_order == pytest.approx(0.625) and f.expected_inversions == pytest.approx(0.375)
    assert f.kendall_tau is None


def test_w1c_mixed_closed_form_is_pure():
    eq = two_player_mixed_equilibrium(substitutes_two_developers([0.25, 0.0]))
    assert eq.pure and eq.p_inversion == 0.0
