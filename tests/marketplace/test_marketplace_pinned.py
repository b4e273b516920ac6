"""Pinned numbers of the marketplace reconstruction (Donahue and Raghavan, arXiv:2602.23293)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from benchgame.benchmarks_data.mtbench101 import load_mtbench101
from benchgame.mechanisms.marketplace import (
    EpsilonUniform,
    Market,
    Perfect,
    Softmax,
    entry,
    entry_budget_line,
    evaluate,
    payoffs,
    welfare,
)
from benchgame.mechanisms.marketplace.bundled import mtbench101_market
from benchgame.mechanisms.marketplace.producer_game import exact_check, producer_game
from benchgame.mechanisms.marketplace.thresholds import beta_sym, eps_sym, homogenized_threshold

EPS_TABLE = [(0, 2 / 3), (0.1, 0.65517), (0.2, 0.64286), (0.5, 0.6), (0.8, 0.54545), (1, 0.5)]
BETA_TABLE = [(0.5, 0.55455), (1, 0.59385), (2, 0.63789), (5, 0.66517), (10, 0.66666)]


@pytest.mark.parametrize(("eps", "value"), EPS_TABLE)
def test_epsilon_threshold_table(eps, value):
    thr = homogenized_threshold(2, "epsilon", "weighted_winrate")
    assert sp.simplify(thr - (2 - eps_sym) / (3 - eps_sym)) == 0
    assert float(thr.subs(eps_sym, eps)) == pytest.approx(value, abs=5e-6)


@pytest.mark.parametrize(("beta", "value"), BETA_TABLE)
def test_softmax_threshold_table(beta, value):
    thr = homogenized_threshold(2, "softmax", "weighted_winrate")
    sig = 1 / (1 + sp.exp(-beta_sym))
    assert sp.simplify(thr - 2 * sig / (1 + 2 * sig)) == 0
    assert float(thr.subs(beta_sym, beta)) == pytest.approx(value, abs=5e-6)


def test_softmax_threshold_limits():
    thr = homogenized_threshold(2, "softmax", "weighted_winrate")
    assert sp.limit(thr, beta_sym, sp.oo) == sp.Rational(2, 3)
    assert sp.limit(thr, beta_sym, 0) == sp.Rational(1, 2)


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_n_producer_thresholds_exact(n):
    assert homogenized_threshold(n, "epsilon", "winrate", param=0) == 1 - sp.Rational(1, n)
    assert homogenized_threshold(n, "epsilon", "weighted_winrate", param=0) == sp.Rational(
        n, n + 1)


@pytest.mark.parametrize("eps", [Fraction(0), Fraction(1, 5), Fraction(1, 2), Fraction(4, 5)])
@pytest.mark.parametrize("delta", [Fraction(-1, 100), Fraction(1, 100)])
def test_epsilon_threshold_exact_game(eps, delta):
    """Rational producer game at threshold +- 0.01 on a 5-point line menu, checked exactly."""
    thr = (2 - eps) / (3 - eps)
    pi = thr + delta
    menu = [[Fraction(k, 4), 1 - Fraction(k, 4)] for k in range(4, -1, -1)]  # alpha=1 first
    pg = producer_game([np.array(menu, float)] * 2, [float(pi), float(1 - pi)],
                       EpsilonUniform(float(eps)), "weighted_winrate")
    chk = exact_check(pg, [menu, menu], [pi, 1 - pi], eps)
    assert chk.agree
    assert ((0, 0) in chk.exact_equilibria) == (delta > 0)
    assert ((0, 4) in chk.exact_equilibria) == (delta < 0)


def test_two_task_welfare_closed_forms():
    for eps in (0.0, 0.3, 0.9):
        r = EpsilonUniform(eps)
        assert welfare(np.array([[1, 0], [0, 1.0]]), [0.6, 0.4], r) == pytest.approx(1 - eps / 2)
        assert welfare(np.array([[1, 0], [1, 0.0]]), [0.6, 0.4], r) == pytest.approx(0.6)
    b = 3.0
    assert welfare(np.array([[1, 0], [0, 1.0]]), [0.6, 0.4], Softmax(b)) == pytest.approx(
        1 / (1 + np.exp(-b)))


def test_worked_example_values():
    mk = Market([[0.8, 0.2]], [0.55, 0.45])
    r = Softmax(5)
    for alpha, (wr, wwr, W) in {1: (0.523106, 0.402082, 0.586212),
                                0: (0.451799, 0.441906, 0.875611)}.items():
        Q = np.array([[0.8, 0.2], [alpha, 1 - alpha]])
        assert payoffs("winrate", Q, mk.omega, r)[1] == pytest.approx(wr, abs=5e-7)
        assert payoffs("weighted_winrate", Q, mk.omega, r)[1] == pytest.approx(wwr, abs=5e-7)
        assert float(welfare(Q, mk.omega, r)) == pytest.approx(W, abs=5e-7)
    res_wr = entry_budget_line(mk, r, "winrate", grid=100001)
    res_wwr = entry_budget_line(mk, r, "weighted_winrate", grid=100001)
    assert res_wr.certificate["grid"] == 100001
    assert res_wr.candidates[res_wr.best_responses[0], 0] == pytest.approx(1.0, abs=1e-6)
    assert res_wwr.candidates[res_wwr.best_responses[0], 0] == pytest.approx(0.0, abs=1e-6)
    assert res_wr.welfare_worst_br == pytest.approx(0.586212, abs=5e-7)
    assert res_wwr.welfare_worst_br == pytest.approx(0.875611, abs=5e-7)
    assert res_wwr.welfare_opt == pytest.approx(0.875611, abs=5e-7)
    assert res_wr.gap == pytest.approx(0.875611 - 0.586212, abs=1e-6)


def test_counterexample_values():
    mk = Market([[0.4, 0.7]], [0.5, 0.5])
    C = [[0.8, 0.6], [0.3, 0.9]]
    r = Softmax(20)
    wr = entry(mk, r, C, "winrate")
    wwr = entry(mk, r, C, "weighted_winrate")
    np.testing.assert_allclose(wr.payoff, [0.559434, 0.550608], atol=5e-7)
    np.testing.assert_allclose(wwr.payoff, [0.435627, 0.459787], atol=5e-7)
    np.testing.assert_allclose(wr.welfare, [0.743973, 0.642241], atol=5e-7)
    assert wr.best_responses == (0,) and wwr.best_responses == (1,)
    assert wwr.gap == pytest.approx(0.743973 - 0.642241, abs=1e-6)


def test_mtbench_loader_and_known_column_mismatch():
    d = load_mtbench101()
    assert d.scores.shape == (18, 13)
    assert d.n_dialogues.sum() == 1388
    assert set(d.column_avg_mismatch) == {"TS", "CC", "MR", "GR"}
    assert d.column_avg_mismatch["TS"][1] == pytest.approx(8.31, abs=0.005)
    assert d.column_avg_mismatch["MR"][1] == pytest.approx(3.01, abs=0.005)


def _by_name(mk, values):
    return dict(zip(mk.models, values, strict=True))


def test_mtbench_perfect_uniform():
    mk = mtbench101_market()
    e = evaluate(mk, Perfect())
    assert e.welfare == pytest.approx(0.88646, abs=5e-6)
    wr, wwr = _by_name(mk, e.winrate), _by_name(mk, e.weighted_winrate)
    for name, a, b in [("GPT-4", 0.84615, 0.73723), ("Yi-34B-Chat", 0.07692, 0.07569),
                       ("GPT-3.5", 0.07692, 0.07354)]:
        assert wr[name] == pytest.approx(a, abs=5e-6)
        assert wwr[name] == pytest.approx(b, abs=5e-6)
    assert sum(v > 0 for v in wr.values()) == 3
    winners = np.argmax(mk.quality, axis=0)
    assert list(winners).count(mk.models.index("GPT-4")) == 11
    assert mk.models[winners[mk.tasks.index("TS")]] == "Yi-34B-Chat"
    assert mk.models[winners[mk.tasks.index("CR")]] == "GPT-3.5"


def test_mtbench_perfect_counts():
    mk = mtbench101_market("counts")
    e = evaluate(mk, Perfect())
    assert e.welfare == pytest.approx(0.89571, abs=5e-6)
    wr, wwr = _by_name(mk, e.winrate), _by_name(mk, e.weighted_winrate)
    for name, a, b in [("GPT-4", 0.84222, 0.74319), ("GPT-3.5", 0.09798, 0.09367),
                       ("Yi-34B-Chat", 0.05980, 0.05884)]:
        assert wr[name] == pytest.approx(a, abs=5e-6)
        assert wwr[name] == pytest.approx(b, abs=5e-6)


def test_mtbench_softmax_and_leave_one_out():
    mk = mtbench101_market()
    r = Softmax(20)
    e = evaluate(mk, r)
    assert e.welfare == pytest.approx(0.85072, abs=5e-6)
    wr, wwr = _by_name(mk, e.winrate), _by_name(mk, e.weighted_winrate)
    for name, a, b in [("GPT-4", 0.43225, 0.36808), ("Yi-34B-Chat", 0.12684, 0.11107),
                       ("GPT-3.5", 0.12274, 0.10952), ("Qwen-14B-Chat", 0.07857, 0.06720)]:
        assert wr[name] == pytest.approx(a, abs=5e-6)
        assert wwr[name] == pytest.approx(b, abs=5e-6)
    from benchgame.mechanisms.marketplace.analysis import leave_one_out

    loo = leave_one_out(mk, r)
    dW = _by_name(mk, loo.delta_welfare)
    assert dW["GPT-4"] == pytest.approx(0.05569, abs=5e-6)
    assert dW["GPT-3.5"] == pytest.approx(0.00243, abs=5e-6)
    assert dW["Yi-34B-Chat"] == pytest.approx(0.00041, abs=5e-6)
    assert dW["UltraLM-13B-v2.0"] == pytest.approx(-0.00018, abs=5e-6)
    assert sum(v > 0 for v in dW.values()) == 3
    assert loo.spearman["winrate"] == pytest.approx(-0.090, abs=5e-4)
    assert loo.spearman["weighted_winrate"] == pytest.approx(-0.088, abs=5e-4)
