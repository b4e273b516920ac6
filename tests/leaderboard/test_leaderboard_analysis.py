"""Continuum analysis, best-response dynamics, designer and fidelity."""

import numpy as np
import pytest

from benchgame.games.leaderboard import (
    Contest,
    GeneralizedLogit,
    PiecewiseLinearConcave,
    PowerCost,
    Substitutes,
    analyze_pure,
    best_response_dynamics,
    designer_choice,
    e_req_curves,
    fidelity_from_samples,
    min_catch_up_curve,
    pne_test,
    pure_fidelity,
    stabilizing_threshold,
    two_player_mixed_equilibrium,
)
from benchgame.proofs_check.claims.leaderboard.instances import (
    crossing_learning_curves,
    stabilizing_logit,
    substitutes_two_developers,
)


def test_w1_best_response_dynamics_cycles():
    for h in (0.05, 0.1):
        d = best_response_dynamics(substitutes_two_developers(), step=h)
        assert not d.converged and d.cycle_length is not None
        path = d.path
        # escalates by one step until the low player would pay more than the prize
        assert path[:, 1].max() == pytest.approx(1.0) and path[-1].tolist() == [0.0, 0.0]
        assert d.certified_pne is None


def test_dynamics_fixed_point_is_certified():
    d = best_response_dynamics(substitutes_two_developers([0.25, 0.0]))
    assert d.converged and d.certified_pne is True and d.path[-1].tolist() == [0.0, 0.0]


def _logit_contest(n, delta=0.0):
    th = np.linspace(2, 0, n)
    fam = GeneralizedLogit(th, np.linspace(1, -1, n), np.linspace(1, 0.5, n))
    return Contest(th, fam, PowerCost(0.5, 1.5), np.linspace(1, 0, n)).at_level(delta)


@pytest.mark.parametrize("delta", [0.0, 3.0, 100.0])
def test_adjacent_decision_equals_full_lemma_b(delta):
    c = _logit_contest(40, delta)
    a, b = analyze_pure(c), analyze_pure(c, c3=False)
    assert a.method.startswith("Lemma A + Lemma C") and "Lemma B" in b.method
    assert a.status == b.status
    assert pne_test(c, np.zeros(40)).is_equilibrium == (a.status == "unique")


def test_large_n_designer_and_witness():
    c = _logit_contest(1000)
    res = analyze_pure(c)
    assert res.status == "none" and res.witness.gain > 0
    ch = designer_choice(c)
    assert ch.exists and ch.delta > 0
    assert analyze_pure(c.at_level(ch.delta * (1 + 1e-6))).status == "unique"
    assert analyze_pure(c.at_level(ch.delta * (1 - 1e-6))).status == "none"


def test_stabilization_mechanisms():
    fam = GeneralizedLogit([2.0, 1.0], [0.0, -0.2], 1.0, 0.0, [0.9, 0.8])
    c = Contest([2.0, 1.0], fam, PowerCost(), [100.0, 0.0])
    st = stabilizing_threshold(c)
    p = st.pairs[0]
    assert not st.monotone_certified and st.method.startswith("scan")
    assert p.delta_infeasible == pytest.approx(7.0, rel=1e-9)     # 0.9 sigma(log(1+D)) = 0.8
    assert p.mechanism == "growth" and p.delta_star < p.delta_infeasible
    # piecewise-linear curves: e_req = 3.2 + 0.6 Delta < 10 until l's ceiling 0.8 is passed
    pl = PiecewiseLinearConcave([2.0, 1.0], [[0, 4], [0, 8]], [[0.5, 0.9], [0.3, 0.8]])
    cp = Contest([2.0, 1.0], pl, PowerCost(), [10.0, 0.0])
    assert e_req_curves(cp, [0.0, 2.0, 3.5])[:, 0] == pytest.approx([3.2, 4.4, np.inf])
    big = stabilizing_threshold(cp).pairs[0]
    assert big.mechanism == "infeasibility"
    assert big.delta_star == pytest.approx(3.0, rel=1e-9)
    assert big.delta_infeasible == pytest.approx(3.0, rel=1e-12)
    ok = stabilizing_threshold(c.with_rewards([0.1, 0.0])).pairs[0]
    assert ok.mechanism == "already" and ok.delta_star == 0.0


def test_e_req_and_m_curves_monotone_for_family_c():
    c = _logit_contest(5)
    d = np.linspace(0, 3000, 31)
    E = e_req_curves(c, d)
    assert E.shape == (31, 4) and np.all(np.diff(E, axis=0) >= 0)
    assert min_catch_up_curve(c, d) == pytest.approx(E.min(axis=1))


def test_fidelity_states():
    f = pure_fidelity(substitutes_two_developers())
    assert f.state == "no_equilibrium" and f.kendall_tau is None and f.expected_tau is None
    g = pure_fidelity(stabilizing_logit().at_level(2.0))
    assert g.state == "pure" and g.kendall_tau == 1.0 and g.p_exact_order == 1.0
    u = pure_fidelity(crossing_learning_curves(10.0))
    assert u.state == "undecided" and u.kendall_tau is None


def test_mixed_samples_match_closed_form():
    eq = two_player_mixed_equilibrium(substitutes_two_developers())
    s = eq.sample_efforts(np.random.default_rng(1), 4000)
    f = fidelity_from_samples(substitutes_two_developers(), s)
    assert f.expected_inversions == pytest.approx(0.375, abs=0.03)
    assert f.expected_tau == pytest.approx(0.25, abs=0.06)
    # marginals of the spec: h plays 0 w.p. 1/2, else uniform on (0, 1/2]
    assert np.mean(s[:, 0] == 0) == pytest.approx(0.5, abs=0.03)
    assert s[:, 0].max() <= 0.5 + 1e-9 and s[:, 1][s[:, 1] > 0].min() >= 0.5 - 1e-9


def test_substitutes_never_stabilize_at_any_n():
    c = Contest([3.0, 2.0, 1.0], Substitutes(), PowerCost(), [3.0, 1.0, 0.0])
    st = stabilizing_threshold(c)
    assert [p.mechanism for p in st.pairs] == ["never", "already"]


def test_grid_fallback_when_lemma_a_fails():
    from benchgame.proofs_check.claims.leaderboard.common import certified_pure_equilibria
    from benchgame.proofs_check.claims.leaderboard.instances import (
        flat_cost_equal_rewards,
        flat_cost_small_prize,
    )
    res = analyze_pure(flat_cost_small_prize(),
                       grid_fallback=lambda c: certified_pure_equilibria(c, 0.05))
    assert res.status == "undecided" and len(res.equilibria) > 50
    assert any(np.allclose(e, [1.0, 1.0]) for e in res.equilibria)
    inv = analyze_pure(flat_cost_equal_rewards(), grid_fallback=lambda c: [np.array([0.0, 0.75]),
                                                      np.array([1.2, 0.3])])
    # equal rewards: Lemma B (no (S) needed) certifies zero effort too, next to the inverted PNE
    assert [e.tolist() for e in inv.equilibria] == [[0.0, 0.0], [0.0, 0.75]]
    assert inv.zero_pne is True and inv.exists is True and inv.ranks_by_capability is None
    assert res.zero_pne is False                  # the low developer overtakes 0 for free


def test_best_response_under_uniform_and_index_ties():
    from benchgame.games.leaderboard import best_response
    c = Contest([1.0, 0.5], Substitutes(), PowerCost(), [1.0, 0.0], tie="uniform")
    br = best_response(c, np.array([0.0, 0.5]), 0)      # tied: h gets 1/2
    assert br.current == pytest.approx(0.5)
    assert br.value == pytest.approx(1.0) and not br.attained and br.effort == 0.0
    br_l = best_response(c, np.zeros(2), 1)
    assert br_l.value == pytest.approx(0.5) and not br_l.attained     # exceed, not tie
    assert analyze_pure(c).status == "undecided"                       # theorems need capability
    ci = Contest([1.0, 0.5], Substitutes(), PowerCost(), [1.0, 0.0], tie="index",
                 priority=[1, 0])
    br_i = best_response(ci, np.zeros(2), 1)           # l wins ties: reaching is enough
    assert br_i.attained and br_i.effort == pytest.approx(0.5) and br_i.value == pytest.approx(0.5)


def test_x6_gamma_above_one_flags_non_monotone_e_req():
    fam = GeneralizedLogit([1.0, 0.0], [1.0, 0.0], [0.3, 0.6])      # gamma = 2
    c = Contest([1.0, 0.0], fam, PowerCost(), [0.5, 0.0])
    st = stabilizing_threshold(c)
    p = st.pairs[0]
    assert not st.monotone_certified and not p.monotone_on_grid
    assert "C3 fails" in p.reason
    e = e_req_curves(c, [0.0, 5.0, 20.0])[:, 0]       # rho (1+D)^(1/2) - (1+D)
    assert e[2] < e[1]


def test_designer_scan_without_monotonicity_certificate():
    stable_at_zero = designer_choice(crossing_learning_curves(0.0, 0.5))
    assert stable_at_zero.exists and stable_at_zero.delta == 0.0
    assert "not certified" in stable_at_zero.reason
    # e_req peaks at about 2.14 < 2.5 before the curves cross: no level is stable before; after
    # the crossing C1 fails at zero effort and Lemma A says nothing: "no level" is not certified
    never = designer_choice(crossing_learning_curves(0.0, 2.5))
    assert never.exists is None and never.delta is None and never.never
    assert "undecided at" in never.reason
