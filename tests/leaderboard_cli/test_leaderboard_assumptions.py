"""Assumption checkers: certificates, violating witnesses, symbolic versus numeric agreement."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from benchgame.games.leaderboard import (
    ExponentialCost,
    FlatStartCost,
    GeneralizedLogit,
    LinearQuadraticCost,
    PiecewiseLinearConcave,
    PiecewiseLinearCost,
    PowerCost,
    Substitutes,
)
from benchgame.games.leaderboard.assumptions import (
    check_all,
    check_c1,
    check_c2,
    check_c3,
    check_convexity,
    check_strict_cost,
)

X3 = PiecewiseLinearConcave([3.0, 2.0, 1.0], [[0, 7], [0, 7], [0, 1.75]],
                            [[0.3, 1.0], [0.2, 0.9], [0.0, 0.35]])


def test_c1_crossing_logit_symbolic_witness_matches_numeric():
    # X5: common U, (alpha, beta)_h = (1, 0.4), (alpha, beta)_l = (0, 0.9): log-odds difference
    # 1 - t/2 vanishes at t = 2, i.e. x = e^2 - 1.
    fam = GeneralizedLogit([2.0, 1.0], [1.0, 0.0], [0.4, 0.9])
    sym = check_c1(fam, [2.0, 1.0])
    assert sym.method == "symbolic" and not sym.holds
    assert sym.witness["crossing_x"] == pytest.approx(math.e ** 2 - 1, rel=1e-12)
    assert sym.witness["v_lower"] > sym.witness["v_higher"]
    num = check_c1(fam, [2.0, 1.0], symbolic=False)
    assert num.method == "numeric" and not num.holds
    assert num.witness["x"] > math.e ** 2 - 1
    # spec 4.2 numbers: at 10 steps the ranking is inverted with zero effort
    v = fam.value(np.array([2.0, 1.0]), 10.0)
    assert v[0] == pytest.approx(0.8764, abs=1e-4) and v[1] == pytest.approx(0.8964, abs=1e-4)


def test_c1_holds_symbolic_and_numeric_for_family_c():
    fam = GeneralizedLogit([3.0, 2.0, 1.0], [1.0, 0.5, 0.0], [1.0, 0.7, 0.5])
    sym, num = check_c1(fam, [3.0, 2.0, 1.0]), check_c1(fam, [3.0, 2.0, 1.0], symbolic=False)
    assert sym.holds and sym.method == "symbolic"
    assert num.holds and num.certificate["min_margin"] > 0


def test_c2_logit_concavity_symbolic_and_numeric_agree():
    ok = GeneralizedLogit([2.0, 1.0], [0.5, 0.0], [1.0, 0.5])
    r = check_c2(ok, [2.0, 1.0])
    assert r.holds and r.method == "symbolic"
    assert r.certificate["max_condition"] == -1.0   # alpha = 0: sigma = 1/2 at x = 0
    assert r.certificate["second_derivative"].startswith("(U - L) beta sigma (1 - sigma)")
    assert check_c2(ok, [2.0, 1.0], symbolic=False).holds
    # beta = 3, alpha = -2: beta (1 - 2 sigma(-2)) = 2.285 > 1, convex start
    bad = GeneralizedLogit([2.0, 1.0], [0.0, -2.0], [1.0, 3.0])
    sym = check_c2(bad, [2.0, 1.0])
    assert not sym.holds and sym.witness["model"] == 1
    assert sym.witness["beta_1_minus_2sigma"] == pytest.approx(3 * (1 - 2 / (1 + math.e ** 2)))
    num = check_c2(bad, [2.0, 1.0], symbolic=False)
    assert not num.holds and num.witness["property"] == "concave" and num.witness["model"] == 1


def test_c3_violation_x3_witness():
    r = check_c3(X3, [3.0, 2.0, 1.0])
    assert not r.holds and r.method == "numeric"
    assert r.witness["pair"] == [1, 2]
    assert r.witness["A_next"] < r.witness["A"]
    assert r.certificate["pairs"] == 3
    # C1 and C2 hold for X3 (only C3 is broken)
    assert check_c1(X3, [3.0, 2.0, 1.0]).holds and check_c2(X3, [3.0, 2.0, 1.0]).holds


def test_c3_holds_family_c_and_substitutes():
    fam = GeneralizedLogit([3.0, 2.0, 1.0], [1.0, 0.5, 0.0], [1.0, 0.7, 0.5])
    r = check_c3(fam, [3.0, 2.0, 1.0])
    assert r.holds and r.certificate["structural"] is not None
    s = check_c3(Substitutes(), [1.0, 0.5])
    assert s.holds and abs(s.certificate["min_margin"]) < 1e-6


def test_strict_cost_symbolic_and_flat_start_witness():
    for cost in (PowerCost(0.3, 2.0), ExponentialCost(1.0), LinearQuadraticCost(1.0, 1.0)):
        r = check_strict_cost(cost)
        assert r.holds and r.method == "symbolic"
    r = check_strict_cost(FlatStartCost(1.0, 2.0))
    assert not r.holds and r.witness["cost"] == 0.0 and 0 < r.witness["e"] <= 1.0
    r = check_strict_cost(PiecewiseLinearCost([0.0, 1.0], [0.0, 2.0]))
    assert not r.holds and r.witness["e"] == pytest.approx(1.0)
    assert check_strict_cost(PiecewiseLinearCost([0.0, 1.0], [0.5, 2.0])).holds


def test_convexity_symbolic_numeric_agree():
    for cost in (PowerCost(2.0, 1.5), ExponentialCost(0.5)):
        sym, num = check_convexity(cost), check_convexity(cost, symbolic=False)
        assert sym.method == "symbolic" and sym.holds and num.holds
    r = check_convexity(FlatStartCost(1.0, 2.0))
    assert r.holds
    assert check_convexity(PiecewiseLinearCost([0.0, 1.0], [0.5, 2.0])).holds


def test_check_all_keys():
    res = check_all(Substitutes(), [1.0, 0.5], FlatStartCost(1.0, 2.0))
    assert set(res) == {"C1", "C2", "C3", "convexity", "S"}
    assert [k for k, v in res.items() if not v.holds] == ["S"]


@settings(max_examples=25, deadline=None)
@given(da=st.floats(-1.0, 1.0), db=st.floats(-0.5, 0.5), b=st.floats(0.6, 1.0))
def test_c1_symbolic_agrees_with_fine_numeric_grid(da, db, b):
    # two logit models with common bounds: symbolic verdict == numeric verdict on a grid that
    # reaches past the crossing x* = exp(-da/db) - 1 (when it exists and is not astronomically
    # large), with float-distinguishable scores
    assume(abs(da) > 1e-3 and abs(db) > 1e-3)
    fam = GeneralizedLogit([2.0, 1.0], [da, 0.0], [b, b - db if b - db > 0 else b])
    dbeta = fam.beta[0] - fam.beta[1]
    assume(abs(dbeta) > 1e-3)
    if da > 0 and dbeta < 0:
        assume(-da / dbeta < 6.0)  # crossing below x = e^6 - 1, well inside the grid
    sym = check_c1(fam, [2.0, 1.0])
    num = check_c1(fam, [2.0, 1.0], symbolic=False)
    assert sym.method == "symbolic" and num.method == "numeric"
    assert sym.holds == num.holds


def test_plot_regions_follow_the_threshold(tmp_path):
    from benchgame.games.leaderboard import Contest, designer_choice
    from benchgame.games.leaderboard.plot import plot_designer, region_status

    theta = np.array([2.0, 1.0])
    ct = Contest(theta, GeneralizedLogit(theta, [math.log(2.0), 0.0], [1.0, 1.0]),
                 PowerCost(1.0, 1.0), [2.0, 0.0])
    # W5c: e_req(Delta) = 1 + Delta, gap 2: stabilizes at Delta* = 1
    assert designer_choice(ct).threshold.delta_star == pytest.approx(1.0, abs=1e-9)
    assert region_status(ct, [0.0, 0.5, 1.5, 3.0]) == ["none", "none", "unique", "unique"]
    out = plot_designer(ct, tmp_path / "w5c.png", delta_max=3.0, points=31, delta_star=1.0)
    assert out.read_bytes()[:4] == b"\x89PNG" and out.stat().st_size > 5000


def test_analyze_pure_records_whether_c3_is_proved_or_numeric():
    from importlib.resources import files

    from benchgame.experiments.leaderboard_config import load_config
    from benchgame.games.leaderboard.pure_analysis import analyze_pure

    cfg = load_config(files("benchgame.examples") / "leaderboard_figure1.toml")
    contest = cfg.contest.with_protocol(cfg.protocols[-1].protocol)
    structural = analyze_pure(contest)
    numeric = check_c3(contest.family, contest.theta)
    assert numeric.method == "numeric" and numeric.holds
    from_grid = analyze_pure(contest, c3=numeric)
    assert structural.hypotheses["c3_basis"] == "proved (structural)"
    assert from_grid.hypotheses["c3_basis"] == "numeric (grid check)"
    assert "numeric (grid check)" in from_grid.method
    assert structural.status == from_grid.status
    forced = analyze_pure(contest, c3=False)
    assert forced.hypotheses["c3_basis"] == "not certified" and "Lemma B" in forced.method
    assert forced.status == structural.status
