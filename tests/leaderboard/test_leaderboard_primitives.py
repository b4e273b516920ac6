"""Score families, costs, rewards, protocols and the contest: values, inverses, bad input."""

import numpy as np
import pytest

from benchgame.core.validation import InputError
from benchgame.games.leaderboard import (
    Contest,
    DirectEvaluation,
    ExponentialCost,
    FlatStartCost,
    GeneralizedLogit,
    LinearQuadraticCost,
    PiecewiseLinearConcave,
    PiecewiseLinearCost,
    PowerCost,
    Rewards,
    Substitutes,
    TuneBeforeTest,
    adjacent_catch_up,
    catch_up,
    catch_up_matrix,
    fit_logit_curves,
)
from benchgame.mechanisms.protocols import EffortCap

COSTS = [PowerCost(0.7, 2.5), LinearQuadraticCost(0.3, 0.2), ExponentialCost(0.8, 2.0),
         PiecewiseLinearCost([0.0, 1.0, 3.0], [0.5, 1.0, 4.0]), FlatStartCost(1.0, 2.0)]


@pytest.mark.parametrize("cost", COSTS, ids=lambda c: c.to_dict()["cost"])
def test_cost_inverse_and_convexity(cost):
    e = np.linspace(0, 6, 601)
    c = cost(e)
    assert c[0] == 0.0
    assert np.all(np.diff(c) >= -1e-12)
    assert np.all(np.diff(c, 2) >= -1e-9)                       # convex
    y = np.array([0.3, 1.0, 5.0])
    assert cost(cost.inverse(y)) == pytest.approx(y, rel=1e-10)
    assert cost.strict == bool(np.all(cost(e[1:]) > 0))         # declared (S) is right


def test_cost_sympy_matches_numeric():
    import sympy as sp
    for cost in COSTS:
        expr, e = cost.sympy_expr()
        f = sp.lambdify(e, expr, "numpy")
        for x in (0.0, 0.5, 2.0, 4.0):
            assert float(f(x)) == pytest.approx(float(cost(x)), rel=1e-12, abs=1e-14)


def test_flat_start_inverse_is_sup():
    c = FlatStartCost(1.0, 2.0)
    assert float(c.inverse(0.0)) == 1.0 and float(c.inverse(0.25)) == pytest.approx(1.5)
    assert not c.strict and FlatStartCost(0.0, 2.0).strict
    assert not PiecewiseLinearCost([0, 1], [0.0, 1.0]).strict


@pytest.mark.parametrize("bad", [dict(kappa=0.0), dict(kappa=-1.0), dict(p=0.5),
                                 dict(kappa=float("nan"))])
def test_bad_power_cost(bad):
    with pytest.raises(InputError):
        PowerCost(**bad)


def test_negative_effort_rejected():
    with pytest.raises(InputError, match="effort"):
        PowerCost()(-0.1)


def test_rewards_validation_and_presets():
    with pytest.raises(InputError, match="non-increasing"):
        Rewards([0.0, 1.0])
    with pytest.raises(InputError):
        Rewards([1.0, float("nan")])
    with pytest.raises(InputError):
        Rewards([1.0])
    assert Rewards.winner_take_all(3, 2.0).values.tolist() == [2.0, 0.0, 0.0]
    assert Rewards.top_k(4, 2).values.tolist() == [1.0, 1.0, 0.0, 0.0]
    assert Rewards.geometric(3, 0.5, 4.0).values.tolist() == [4.0, 2.0, 1.0]
    assert Rewards([3.0, 1.0, 1.0]).gaps.tolist() == [2.0, 0.0]
    assert Rewards([3.0, 1.0]).shifted(2.0).values.tolist() == [5.0, 3.0]


def test_protocols():
    assert DirectEvaluation().level == 0.0
    t = TuneBeforeTest(3.0)
    assert float(t.effective_training(2.0)) == 5.0
    assert float(t.min_effort_exceeding(4.0)) == 1.0 and float(t.min_effort_exceeding(1.0)) == 0
    cap = EffortCap(2.0, 1.0)
    assert float(cap.effective_training(5.0)) == 3.0
    assert float(cap.min_effort_exceeding(2.5)) == 1.5
    assert float(cap.min_effort_exceeding(3.0)) == np.inf        # would need more than the cap
    assert float(cap.min_effort_reaching(3.0)) == 2.0
    assert isinstance(t.at_level(7.0), TuneBeforeTest) and t.at_level(7.0).level == 7.0
    for bad in (-1.0, float("nan"), "x"):
        with pytest.raises(InputError, match="delta"):
            TuneBeforeTest(bad)


def test_effort_cap_makes_catch_up_infeasible():
    base = Contest([1.0, 0.5], Substitutes(), PowerCost(), [1.0, 0.0])
    assert adjacent_catch_up(base.with_protocol(EffortCap(0.6))) == pytest.approx([0.5])
    assert adjacent_catch_up(base.with_protocol(EffortCap(0.4))) == [np.inf]
    from benchgame.games.leaderboard import analyze_pure
    assert analyze_pure(base.with_protocol(EffortCap(0.4))).status == "unique"


FAMILIES = [
    (Substitutes(), [1.0, 0.5]),
    (GeneralizedLogit([2.0, 1.0], [0.5, 0.0], [1.0, 0.5], 0.1, 0.9), [2.0, 1.0]),
    (GeneralizedLogit.with_ceilings([2.0, 1.0], [0.0, -0.2], 1.0, [0.9, 0.8]), [2.0, 1.0]),
    (PiecewiseLinearConcave([3.0, 2.0], [[0, 7], [0, 2, 7]], [[0.3, 1.0], [0.2, 0.5, 0.9]]),
     [3.0, 2.0]),
]


@pytest.mark.parametrize(("fam", "theta"), FAMILIES, ids=lambda f: getattr(f, "name", ""))
def test_family_inverse_roundtrip(fam, theta):
    x = np.array([0.0, 0.1, 0.5, 1.0, 3.0, 6.0])
    for t in theta:
        v = fam.value(t, x)
        assert np.all(np.diff(v) >= 0) and np.all((v >= 0) & (v <= 1))
        E = fam.inverse(t, v[1:])
        assert fam.value(t, E) == pytest.approx(v[1:], abs=1e-12)
        assert E == pytest.approx(x[1:], rel=1e-9)
        U = float(fam.ceiling(t))
        assert float(fam.inverse(t, U, strict=True)) == np.inf        # nothing exceeds U
        assert float(fam.inverse(t, -0.5 + 0 * U)) == 0.0


def test_logit_rejects_bad_parameters():
    with pytest.raises(InputError, match="beta"):
        GeneralizedLogit([1, 0], [0, 0], [0.5, -1.0])
    with pytest.raises(InputError, match="upper"):
        GeneralizedLogit([1, 0], [0, 0], 1.0, 0.0, 1.2)
    with pytest.raises(InputError, match="upper"):
        GeneralizedLogit.with_ceilings([1, 0], [0, 0], 1.0, [0.8, 0.9])
    with pytest.raises(InputError, match="concave"):
        PiecewiseLinearConcave([1.0], [[0, 1, 2]], [[0.0, 0.1, 0.5]])


def test_contest_bad_inputs():
    fam, cost = Substitutes(), PowerCost()
    with pytest.raises(InputError, match="not strictly decreasing"):
        Contest([0.5, 1.0], fam, cost, [1, 0])
    with pytest.raises(InputError, match="equal capabilities"):
        Contest([1.0, 1.0], fam, cost, [1, 0])
    with pytest.raises(InputError, match="rewards"):
        Contest([1.0, 0.5], fam, cost, [0, 1])
    with pytest.raises(InputError, match="rewards"):
        Contest([1.0, 0.5], fam, cost, [1, 0, 0])
    with pytest.raises(InputError, match="efforts"):
        Contest([1.0, 0.5], fam, cost, [1, 0]).utilities([-1.0, 0.0])
    with pytest.raises(InputError, match="tie"):
        Contest([1.0, 0.5], fam, cost, [1, 0], tie="random")
    outside = Substitutes(lambda z: 2.0 - np.exp(-z), lambda s: -np.log(2.0 - s), upper=1.0)
    with pytest.raises(InputError, match="outside"):
        Contest([1.0, 0.5], outside, cost, [1, 0])
    with pytest.raises(InputError, match="theta"):
        Contest([1.0, -0.5], fam, cost, [1, 0])                 # F(theta) < 0
    logit = GeneralizedLogit([2.0, 1.0], [0.0, -0.5], 1.0)
    with pytest.raises(InputError, match="capability"):
        Contest([2.0, 0.5], logit, cost, [1, 0])
    c, order = Contest.sorted_by_capability([0.5, 1.0], fam, cost, [1, 0])
    assert c.theta.tolist() == [1.0, 0.5] and order.tolist() == [1, 0]


def test_tie_rules():
    fam = Substitutes()
    for tie, want in [("capability", [1.0, 0.0]), ("uniform", [0.5, 0.5])]:
        c = Contest([1.0, 0.5], fam, PowerCost(), [1.0, 0.0], tie=tie)
        # efforts (0, 0.5): equal theta + x -> tied scores
        assert c.rewards_received(np.array([0.0, 0.5])).tolist() == want
    c = Contest([1.0, 0.5], fam, PowerCost(), [1.0, 0.0], tie="index", priority=[1, 0])
    assert c.rewards_received(np.array([0.0, 0.5])).tolist() == [0.0, 1.0]
    assert c.ranks(np.array([[0.0, 0.5], [0.0, 0.0]])).tolist() == [[2, 1], [1, 2]]


def test_catch_up_matrix_and_ahead_flags():
    c = Contest([1.0, 0.6, 0.5], Substitutes(), PowerCost(), [2, 1, 0])
    M = catch_up_matrix(c).values
    assert M[1, 0] == pytest.approx(0.4) and M[2, 0] == pytest.approx(0.5)
    assert M[2, 1] == pytest.approx(0.1) and M[0, 1] == 0.0
    cu = catch_up(c, 0, 1)
    assert bool(cu.ahead_at_zero) and float(cu.effort) == 0.0
    tie = catch_up(c, 1, 0, 0.0, strict=False)
    assert float(tie.effort) == pytest.approx(0.4) and not bool(tie.ahead_at_zero)


def test_fit_logit_curves_recovers_parameters():
    steps = np.array([0, 50, 100, 200, 400, 800, 1600, 3000], float)
    true = GeneralizedLogit([3.0, 2.0, 1.0], [-3.0, -3.5, -4.0], [0.8, 0.7, 0.6], 0.5, 0.9)
    acc = true.value(np.array([3.0, 2.0, 1.0])[:, None], steps[None, :])
    fit = fit_logit_curves(steps, acc[::-1], common_bounds=True)     # rows in reverse order
    assert fit.order.tolist() == [2, 1, 0]
    assert np.max(fit.rmse) < 1e-6
    assert fit.family.alpha == pytest.approx([-3.0, -3.5, -4.0], abs=1e-3)
    assert fit.family.beta == pytest.approx([0.8, 0.7, 0.6], abs=1e-3)
    with pytest.raises(InputError):
        fit_logit_curves(steps, acc * 2)


def test_callable_family_uses_root_finding_and_matches_closed_form():
    from benchgame.games.leaderboard import CallableFamily, analyze_pure
    fam = CallableFamily(lambda t, x: -np.expm1(-(t + x)), lambda t: 1.0, "1 - exp(-(theta+x))")
    c = Contest([1.0, 0.5], fam, PowerCost(), [1.0, 0.0])
    ref = Contest([1.0, 0.5], Substitutes(), PowerCost(), [1.0, 0.0])
    assert adjacent_catch_up(c) == pytest.approx(adjacent_catch_up(ref), rel=1e-10)
    assert catch_up_matrix(c.at_level(2.0)).values == pytest.approx(
        catch_up_matrix(ref.at_level(2.0)).values, rel=1e-9, abs=1e-12)
    assert analyze_pure(c, c3=False).status == "none"
    assert float(fam.inverse(1.0, 1.0)) == np.inf


@pytest.mark.parametrize("ranks, theta, expected", [
    ([1, 2, 3, 4], [4, 3, 2, 1], 1.0),
    ([4, 3, 2, 1], [4, 3, 2, 1], -1.0),
    ([1, 1, 2], [3, 2, 1], 2 / np.sqrt(2 * 3)),  # one rank tie: n_c = 2, n_0 - n_1 = 2
    ([1, 3, 2], [3, 2, 1], 1 / 3),
])
def test_kendall_tau_b_exact_table(ranks, theta, expected):
    from benchgame.games.leaderboard.fidelity import kendall_tau_b

    assert kendall_tau_b(ranks, theta) == pytest.approx(expected, rel=1e-15, abs=0)


def test_kendall_tau_b_agrees_with_scipy_on_random_ties():
    from scipy.stats import kendalltau

    from benchgame.games.leaderboard.fidelity import kendall_tau_b

    rng = np.random.default_rng(0)
    for _ in range(200):
        n = int(rng.integers(3, 9))
        r, th = rng.integers(1, 5, n), rng.integers(0, 4, n).astype(float)
        ours, ref = kendall_tau_b(r, th), kendalltau(-r, th, variant="b").statistic
        assert (np.isnan(ours) and np.isnan(ref)) or ours == pytest.approx(ref, abs=1e-12)


def test_bracketed_inverse_reaches_x_max_and_refuses_to_call_reachable_targets_infeasible():
    from benchgame.games.leaderboard.numeric_inverse import BracketError, bracketed_inverse

    assert bracketed_inverse(lambda x: x, 5e14) == pytest.approx(5e14, rel=1e-12)
    assert bracketed_inverse(lambda x: x, 2e15) == np.inf  # no ceiling: beyond the range
    slow = lambda x: 1 - 1 / (2 + np.log1p(x) / 10)  # noqa: E731 - ceiling 1, reaches 0.9 late
    assert bracketed_inverse(slow, 1.0, ceiling=1.0) == np.inf  # at the ceiling: infeasible
    with pytest.raises(BracketError, match="x_max"):
        bracketed_inverse(slow, 0.9, ceiling=1.0)
