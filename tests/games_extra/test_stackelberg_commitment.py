"""Optimal commitment (Conitzer & Sandholm 2006): strong and weak tie-breaking, certificates."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from benchgame import games
from benchgame.core.validation import InputError
from benchgame.games import NormalFormGame, SolverError, pure_equilibria, stackelberg

A_CLASSIC = [[2, 4], [1, 3]]
B_CLASSIC = [[1, 0], [0, 1]]


def test_classic_strong_commitment_beats_nash():
    r = stackelberg(A_CLASSIC, B_CLASSIC, tie_breaking="strong")
    assert r.leader_value == pytest.approx(3.5, abs=1e-9)
    assert r.leader_strategy.tolist() == pytest.approx([0.5, 0.5], abs=1e-9)
    assert r.follower_action == 1
    assert r.follower_value == pytest.approx(0.5, abs=1e-9)
    assert r.attained and r.certified
    assert r.follower_slack >= -1e-9
    assert r.leader_value_bound == pytest.approx(3.5, abs=1e-9)
    assert [lp.status for lp in r.lps] == ["optimal", "optimal"]
    assert [lp.value for lp in r.lps] == pytest.approx([2.0, 3.5])
    # the unique Nash equilibrium (top row dominant, follower plays left) pays the leader 2
    nash = pure_equilibria(NormalFormGame.from_bimatrix(A_CLASSIC, B_CLASSIC))
    assert [e.pure_profile() for e in nash] == [(0, 0)]
    assert r.leader_value > nash[0].payoffs[0] + 1


def test_classic_weak_value_is_a_supremum_not_attained():
    r = stackelberg(A_CLASSIC, B_CLASSIC, tie_breaking="weak", epsilon=1e-4)
    assert r.leader_value == pytest.approx(3.5, abs=1e-9)
    assert r.attained is False
    # at x* = (1/2, 1/2) the follower is indifferent and breaks the tie against the leader
    x = np.asarray(r.leader_strategy)
    assert x.tolist() == pytest.approx([0.5, 0.5], abs=1e-9)
    assert float(x @ np.array(A_CLASSIC)[:, 0]) == pytest.approx(1.5)
    # the perturbed commitment makes action 1 the strict best response and approaches 3.5
    xe = np.asarray(r.perturbed_strategy)
    follower = xe @ np.array(B_CLASSIC)
    assert follower[1] > follower[0]
    assert r.perturbed_value == pytest.approx(float(xe @ np.array(A_CLASSIC)[:, 1]))
    assert 3.5 - 1e-3 < r.perturbed_value < 3.5
    smaller = stackelberg(A_CLASSIC, B_CLASSIC, tie_breaking="weak", epsilon=1e-6)
    assert r.perturbed_value < smaller.perturbed_value < 3.5


def test_weak_attained_when_follower_has_a_dominant_action():
    A = [[1, 5], [3, 0], [2, 2]]
    B = [[2, 0], [1, 0], [5, 1]]  # follower always strictly prefers action 0
    for tb in ("strong", "weak"):
        r = stackelberg(A, B, tie_breaking=tb)
        assert r.leader_value == pytest.approx(3.0)
        assert r.attained and r.follower_action == 0
        assert r.leader_strategy.tolist() == pytest.approx([0, 1, 0], abs=1e-9)
    weak = stackelberg(A, B, tie_breaking="weak")
    assert [(lp.kind, lp.follower_actions) for lp in weak.lps] == [
        ("region", (0,)), ("value", (0,)), ("region", (1,))]
    assert weak.lps[0].value == pytest.approx(1.0)  # max margin of action 0: strictly preferred
    assert weak.lps[2].value < 0  # action 1 is never a strict best response: no value LP


def test_weak_attained_at_a_tie_that_does_not_hurt_the_leader():
    # at x = (1, 0) the follower is indifferent, and both replies pay the leader 3
    r = stackelberg([[3, 3], [0, 0]], [[1, 1], [0, 2]], tie_breaking="weak")
    assert r.leader_value == pytest.approx(3.0)
    assert r.attained
    assert r.leader_strategy.tolist() == pytest.approx([1.0, 0.0], abs=1e-9)
    assert r.perturbed_value == pytest.approx(3.0)
    assert r.follower_slack == pytest.approx(0.0, abs=1e-12)


def test_indifferent_follower_gives_maximin_weak_and_max_strong():
    A = [[2, 4], [1, 3]]
    B = np.zeros((2, 2))
    assert stackelberg(A, B, tie_breaking="strong").leader_value == pytest.approx(4.0)
    weak = stackelberg(A, B, tie_breaking="weak")
    assert weak.leader_value == pytest.approx(2.0)  # max_x min_k x^T A e_k
    assert weak.attained


def test_column_player_can_lead():
    g = NormalFormGame.from_bimatrix(np.array(B_CLASSIC).T, np.array(A_CLASSIC).T)
    r = stackelberg(g, leader=1)
    assert r.leader == 1
    assert r.leader_value == pytest.approx(3.5)
    assert r.leader_strategy.tolist() == pytest.approx([0.5, 0.5])


def _maximin(A: np.ndarray) -> float:
    m, n = A.shape
    res = linprog(np.r_[np.zeros(m), -1.0], A_ub=np.c_[-A.T, np.ones(n)], b_ub=np.zeros(n),
                  A_eq=np.r_[np.ones(m), 0.0][None, :], b_eq=[1.0],
                  bounds=[(0, None)] * m + [(None, None)], method="highs")
    assert res.status == 0
    return -res.fun


def _grid(m: int, steps: int) -> np.ndarray:
    pts = np.array(np.meshgrid(*[np.arange(steps + 1)] * (m - 1), indexing="ij")).reshape(
        m - 1, -1).T
    pts = pts[pts.sum(axis=1) <= steps]
    return np.c_[pts, steps - pts.sum(axis=1)] / steps


@settings(max_examples=40)
@given(st.integers(2, 3), st.integers(2, 4), st.integers(0, 2**31))
def test_commitment_properties_on_random_games(m, n, seed):
    rng = np.random.default_rng(seed)
    A = rng.integers(-5, 6, (m, n)).astype(float)
    B = rng.integers(-5, 6, (m, n)).astype(float)
    strong = stackelberg(A, B, tie_breaking="strong")
    weak = stackelberg(A, B, tie_breaking="weak")
    for r in (strong, weak):
        assert r.certified
        assert r.follower_slack >= -1e-7 * max(np.ptp(B), 1)
        assert r.leader_value <= r.leader_value_bound + 1e-7 * max(np.ptp(A), 1)
        assert r.perturbed_value <= r.leader_value + 1e-7
        assert r.leader_value - r.perturbed_value <= 1e-4 * max(np.ptp(A), 1)
    assert weak.leader_value <= strong.leader_value + 1e-9
    assert weak.leader_value >= _maximin(A) - 1e-7  # the leader can always guarantee maximin
    # commitment value >= leader payoff at every Nash equilibrium (von Stengel & Zamir 2010)
    game = NormalFormGame.from_bimatrix(A, B)
    for eq in pure_equilibria(game):
        assert strong.leader_value >= eq.payoffs[0] - 1e-9
    if hasattr(games, "all_equilibria"):
        for eq in games.all_equilibria(game):
            assert strong.leader_value >= eq.payoffs[0] - 1e-7
    # brute force over a grid of commitments: nothing beats the LP values
    X = _grid(m, 24)
    F = X @ B
    L = X @ A
    br = F >= F.max(axis=1, keepdims=True) - 1e-12
    strong_grid = np.where(br, L, -np.inf).max(axis=1)
    weak_grid = np.where(br, L, np.inf).min(axis=1)
    assert strong_grid.max() <= strong.leader_value + 1e-9
    assert weak_grid.max() <= weak.leader_value + 1e-9


def test_bad_input():
    with pytest.raises(InputError, match="tie_breaking"):
        stackelberg(A_CLASSIC, B_CLASSIC, tie_breaking="optimistic")
    with pytest.raises(InputError, match="B: is missing"):
        stackelberg(A_CLASSIC)
    with pytest.raises(InputError, match="not 2"):
        stackelberg(NormalFormGame(np.zeros((2, 2, 2, 3))))
    with pytest.raises(InputError, match="B: has shape"):
        stackelberg(A_CLASSIC, [[1, 2, 3], [4, 5, 6]])
    with pytest.raises(InputError, match="non-finite"):
        stackelberg([[1, np.nan], [0, 1]], B_CLASSIC)
    with pytest.raises(InputError, match="epsilon"):
        stackelberg(A_CLASSIC, B_CLASSIC, epsilon=0)


def test_solver_failure_raises(monkeypatch):
    class Failed:
        status = 4
        message = "numerical difficulties"

    import scipy.optimize  # the solver imports linprog from here at call time

    monkeypatch.setattr(scipy.optimize, "linprog", lambda *a, **k: Failed())
    with pytest.raises(SolverError, match="HiGHS status 4 \\(numerical difficulties\\)"):
        stackelberg(A_CLASSIC, B_CLASSIC)
