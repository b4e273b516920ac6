"""Answers only with a certificate: grids with thresholds equal up to rounding, scores that round
to equal floats, near ties at the stabilizing threshold, thresholds at huge tune-before-test
levels, and the mutations that these tests kill (strict ``J > G``, Lemma C without C3, the mixed
inversion probability divided by V)."""

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from benchgame.cli import app
from benchgame.games.leaderboard import (
    CallableFamily,
    Contest,
    GeneralizedLogit,
    PowerCost,
    Substitutes,
    TuneBeforeTest,
    analyze_pure,
    catch_up,
    designer_choice,
    discretize,
    fidelity_from_samples,
    grid_pure_equilibria,
    lemma_a_hypotheses,
    pne_test,
    stabilizing_threshold,
    two_player_mixed_equilibrium,
)
from benchgame.proofs_check.claims.leaderboard.instances import (
    flat_cost_small_prize,
    never_stabilizing_logit,
    stabilizing_logit,
    steep_capped_low_model,
    substitutes_two_developers,
)

# ------------------------------------------------------ 1. grid points equal up to rounding

STEEP_TOML = """
title = "steep, capped low model"
[developers]
theta = [3.0, 2.0, 1.0]
[score]
family = "piecewise_linear"
knots_x = [[0, 7], [0, 7], [0, 1.75]]
knots_v = [[0.3, 1.0], [0.2, 0.9], [0.0, 0.35]]
[cost]
type = "power"
kappa = 1.0
p = 1.0
[rewards]
values = [2.0, 1.0, 0.0]
[[protocols]]
type = "direct"
[designer]
delta_max = 1e6
"""


def test_discretize_merges_a_threshold_with_the_grid_point_it_rounds_to():
    c = steep_capped_low_model()
    assert catch_up(c, 1, 0).effort == 0.9999999999999999       # the exact threshold
    dg = discretize(c, 0.05)                                      # raised InputError before
    g1 = dg.grids[1]
    assert 0.9999999999999999 in g1 and 1.0 not in g1             # one point, the threshold
    assert dg.inserted[1].tolist() == [0.9999999999999999]
    assert dg.game.shape == (41, 43, 45)
    assert np.all(np.diff(g1) > 1e-9)
    labels = dg.game.labels[1]
    assert len(set(labels)) == len(labels)
    res = grid_pure_equilibria(dg)
    assert res.profiles == () and res.artifacts == ()             # no PNE, as in the continuum


def test_cli_grid_step_on_thresholds_equal_up_to_rounding(tmp_path):
    cfg = tmp_path / "steep.toml"
    cfg.write_text(STEEP_TOML)
    res = CliRunner().invoke(app, ["leaderboard", str(cfg), "--grid-step", "0.05",
                                   "--format", "json"])
    assert res.exit_code == 0, res.output                         # was a "user error" (exit 2)
    p = json.loads(res.output)["protocols"][0]
    assert p["pure"]["status"] == "none"
    assert (p["pure"]["witness"]["r"], p["pure"]["witness"]["k"]) == (2, 0)
    assert p["pure"]["witness"]["cost"] == pytest.approx(1.5)
    assert p["grid"]["profiles"] == [] and p["grid"]["grid"]["shape"] == [41, 43, 45]


# ------------------------------------------- 2. zero-effort scores that round to equal floats

@pytest.mark.parametrize("delta", [36.0, 100.0, 1e6, 1e17])
def test_substitutes_decided_where_scores_round_to_equal_floats(delta):
    c = flat_cost_small_prize(linear=True, delta=delta)          # c = e, R = (0.1, 0)
    a = c.zero_scores()
    assert a[0] == a[1]                          # 1 - e^{-(1 + Delta)} = 1 - e^{-(0.5 + Delta)}
    assert lemma_a_hypotheses(c)["c1_at_base"]
    res = analyze_pure(c)
    assert res.status == "unique" and res.ranks_by_capability    # was "undecided"
    assert res.margins.tolist() == [0.4]                          # J = 0.5 - G = 0.1
    assert "F strictly increasing" in res.hypotheses["c1_at_base_basis"]
    w = analyze_pure(substitutes_two_developers(delta=delta))     # prize 1: no PNE
    assert w.status == "none" and w.witness.catch_up == 0.5 and w.witness.gain == 0.5
    assert pne_test(c, [0.0, 0.0]).is_equilibrium


def test_equal_floats_without_exact_structure_are_undecided_with_the_reason():
    fam = CallableFamily(lambda t, x: -np.expm1(-(t + x)), lambda t: np.ones_like(t))
    c = Contest([1.0, 0.5], fam, PowerCost(1.0), [0.1, 0.0], TuneBeforeTest(40.0))
    res = analyze_pure(c)
    assert res.status == "undecided" and res.exists is None
    assert "equal up to rounding" in res.reason and "cannot be certified" in res.reason
    assert analyze_pure(c.at_level(5.0)).status == "unique"       # resolvable at Delta = 5


# ---------------------------------------------------------------- 3. near the threshold


@pytest.mark.parametrize("eps", [1e-9, 1e-10, 1e-12, 1e-15])
def test_never_unique_strictly_below_the_threshold(eps):
    c = stabilizing_logit()                                       # Delta* = 1, J = 1 + Delta
    res = analyze_pure(c.at_level(1.0 - eps))
    assert res.status == "undecided"                              # was "unique" at 1 - 1e-9
    assert res.exists is None and res.equilibria == ()
    assert "near tie" in res.reason


def test_clear_margins_stay_certain_around_the_threshold():
    c = stabilizing_logit()
    assert analyze_pure(c.at_level(1.0 - 1e-6)).status == "none"
    assert analyze_pure(c.at_level(1.0 + 1e-6)).status == "unique"


def test_exact_tie_is_an_equilibrium_and_a_one_ulp_larger_prize_is_not():
    # J = c(0.5) = 0.5 = G exactly: no strict gain, so zero effort is the unique PNE; the
    # float comparison cannot tell, exact arithmetic (theta + x for substitutes) does.
    # Kills the mutation "J > G" (strict) in the tie decision.
    tie = analyze_pure(Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [0.5, 0.0]))
    assert tie.status == "unique" and tie.margins.tolist() == [0.0]
    assert "1 near tie(s) decided in exact arithmetic" in tie.method
    above = analyze_pure(Contest([1.0, 0.5], Substitutes(), PowerCost(1.0),
                                 [np.nextafter(0.5, 1.0), 0.0]))
    assert above.status == "none" and above.witness.r == 1
    st = stabilizing_threshold(Contest([3.0, 2.0, 1.0], Substitutes(), PowerCost(),
                                       [3.0, 1.0, 0.0]))
    assert [p.mechanism for p in st.pairs] == ["never", "already"]


# ------------------------------------------------------- 4. thresholds at huge levels


def test_substitutes_threshold_infinite_at_huge_delta_max():
    st = stabilizing_threshold(substitutes_two_developers(), delta_max=1e17)
    assert st.delta_star == np.inf and st.pairs[0].mechanism == "never"   # was 4.5e15
    assert st.pairs[0].bracket is None
    choice = designer_choice(substitutes_two_developers(), delta_max=1e17)
    assert choice.delta is None and choice.exists is False


def test_threshold_beyond_float_resolution_is_undecided_not_finite():
    c = never_stabilizing_logit()                  # e_req = 1 < G = 2 at every Delta
    st = stabilizing_threshold(c, delta_max=1e17)
    assert np.isnan(st.delta_star)                 # was 9.95e16, "growth"
    assert st.pairs[0].mechanism == "undecided" and "cannot be told apart" in st.pairs[0].reason
    choice = designer_choice(c, delta_max=1e17)
    assert choice.delta is None and choice.exists is None   # was 1.76e15 and True
    ok = stabilizing_threshold(c, delta_max=1e12)  # resolvable up to 1e12: certified "never"
    assert ok.delta_star == np.inf and ok.pairs[0].mechanism == "never"


def test_finite_threshold_comes_with_its_bracket():
    c = stabilizing_logit()
    for dmax in (1e12, 1e17):
        st = stabilizing_threshold(c, delta_max=dmax)
        lo, hi = st.pairs[0].bracket
        assert lo < 1.0 < hi and hi - lo < 1e-8
        assert lo <= st.delta_star <= hi and st.delta_star == pytest.approx(1.0, rel=1e-12)
        assert analyze_pure(c.at_level(lo)).status == "none"
        assert analyze_pure(c.at_level(hi)).status == "unique"
        choice = designer_choice(c, delta_max=dmax)
        assert choice.exists and choice.delta == pytest.approx(1.0, rel=1e-12)
        assert choice.analysis.status == "unique" and choice.analysis.delta == hi


# ------------------------------------------------------------------ 6. mutations


def test_lemma_c_needs_a_c3_certificate():
    # strictly increasing logit curves without a C3 certificate (beta not monotone): the
    # adjacent conditions hold clearly (99.5 < 147.4, 0.5 < 0.649), yet developer 2 jumps over
    # both at cost 3.48 < 100. Kills "Lemma C used without a C3 certificate".
    fam = GeneralizedLogit([3.0, 2.0, 1.0], [1.0, 0.0, -0.5], [1.0, 0.2, 1.0])
    c = Contest([3.0, 2.0, 1.0], fam, PowerCost(1.0), [100.0, 0.5, 0.0])
    assert fam.c3_certificate(c.theta) is None and fam.strictly_increasing(c.theta)
    res = analyze_pure(c)
    assert res.status == "none" and "Lemma B" in res.method
    assert (res.witness.r, res.witness.k) == (2, 0)
    assert res.witness.catch_up == pytest.approx(3.4816890703, rel=1e-9)
    assert not pne_test(c, np.zeros(3)).is_equilibrium
    assert analyze_pure(c, c3=True).status == "unique"           # only on the caller's word


def test_mixed_inversion_probability_with_prize_two():
    # V = 2 over a base reward 0.5, substitutes, c(e) = e: in the theta + x coordinate h has an
    # atom 1/4 at zero effort and density 1/2 on (1, 2.5], l an atom 1/4 and density 1/2 there:
    # P(inversion) = V^-2 int_1^2.5 (z - 1/2) dz = 15/32. Kills "divided by V instead of V^2".
    c = substitutes_two_developers([2.5, 0.5])
    eq = two_player_mixed_equilibrium(c)
    assert eq.prize == 2.0
    assert eq.p_inversion == pytest.approx(15 / 32, abs=1e-10)
    assert (eq.payoff_h, eq.payoff_l) == pytest.approx((1.0, 0.5), abs=1e-12)
    assert (eq.atom_h, eq.atom_l) == pytest.approx((0.25, 0.25), abs=1e-12)
    assert eq.reach == pytest.approx(-np.expm1(-2.5), abs=1e-12)
    s = eq.sample_efforts(np.random.default_rng(3), 4000)
    f = fidelity_from_samples(c, s)
    assert f.expected_inversions == pytest.approx(15 / 32, abs=0.03)
