"""Regret matching, fictitious play and replicator dynamics: convergence, exploitability,
reproducibility, honest reporting of non-convergence."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchgame.core.validation import InputError
from benchgame.games import (
    NormalFormGame,
    certify,
    fictitious_play,
    regret_matching,
    replicator_dynamics,
)

RPS = NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
START = [[0.6, 0.3, 0.1], [0.1, 0.2, 0.7]]

DYNAMICS = [
    pytest.param(regret_matching, {}, id="rm"),
    pytest.param(regret_matching, {"plus": True}, id="rm+"),
    pytest.param(regret_matching, {"sampled": True}, id="rm-sampled"),
    pytest.param(fictitious_play, {}, id="fp"),
    pytest.param(replicator_dynamics, {}, id="replicator"),
]


def _dominance_solvable_3p() -> NormalFormGame:
    """3 players x 3 actions; action 2 strictly dominant for everyone: unique equilibrium."""
    rng = np.random.default_rng(11)
    U = rng.uniform(0, 1, (3, 3, 3, 3))
    for i in range(3):
        idx = [slice(None)] * 3 + [i]
        idx[i] = 2
        U[tuple(idx)] += 1.5  # beats every other action against every opponent profile
    return NormalFormGame(U)


def _cyclic_pennies() -> NormalFormGame:
    """Zero-sum polymatrix game: player i matches i+1 and mismatches i-1 (mod 3).

    u_i = M(a_i, a_{i+1}) - M(a_{i-1}, a_i), M = +1 on a match, -1 otherwise. Player i is
    indifferent iff p_{i+1} = p_{i-1}, so the equilibria are exactly p_1 = p_2 = p_3.
    """
    a = np.indices((2, 2, 2))
    M = lambda x, y: np.where(x == y, 1.0, -1.0)  # noqa: E731
    U = np.stack([M(a[i], a[(i + 1) % 3]) - M(a[(i - 1) % 3], a[i]) for i in range(3)], -1)
    return NormalFormGame(U)


def _jordan() -> NormalFormGame:
    """Jordan (1993): 1 matches 2, 2 matches 3, 3 mismatches 1; unique equilibrium uniform,
    fictitious play does not converge."""
    a = np.indices((2, 2, 2))
    M = lambda x, y: np.where(x == y, 1.0, -1.0)  # noqa: E731
    return NormalFormGame(np.stack([M(a[0], a[1]), M(a[1], a[2]), -M(a[2], a[0])], -1))


@pytest.mark.parametrize(("dyn", "kw"), DYNAMICS)
def test_rps_average_converges_to_uniform(dyn, kw):
    eq = dyn(RPS, tol=5e-3, max_iter=60_000, rng=1, init=START, **kw)
    assert eq.provenance["converged"] is True
    assert eq.certificate.passed
    assert eq.certificate.max_relative_regret <= 5e-3
    assert eq.distance([np.full(3, 1 / 3)] * 2) < 0.02
    # the reported exploitability is the certificate of the returned profile
    assert eq.certificate.exploitability == pytest.approx(
        certify(RPS, eq.strategies).exploitability, abs=1e-12)
    trace = eq.provenance["exploitability_trace"]
    assert trace[-1][1] == pytest.approx(eq.provenance["final_exploitability"])
    assert eq.provenance["final_exploitability"] < eq.provenance["initial_exploitability"] / 10


@pytest.mark.parametrize(("dyn", "kw"), DYNAMICS)
def test_unique_pure_equilibrium_three_players(dyn, kw):
    g = _dominance_solvable_3p()
    eq = dyn(g, tol=1e-2, max_iter=20_000, rng=2, init="random", **kw)
    assert eq.provenance["converged"]
    target = [np.eye(3)[2]] * 3
    assert eq.distance(target) < 0.05
    assert eq.payoffs.tolist() == pytest.approx(g.payoffs[2, 2, 2].tolist(), abs=0.2)


@pytest.mark.parametrize(("dyn", "kw"), DYNAMICS[:2] + DYNAMICS[3:])
def test_zero_sum_polymatrix_three_players(dyn, kw):
    g = _cyclic_pennies()
    eq = dyn(g, tol=5e-3, max_iter=50_000, rng=3, init=[[0.9, 0.1], [0.3, 0.7], [0.5, 0.5]],
             **kw)
    assert eq.provenance["converged"] and eq.certificate.passed
    p = [float(s[0]) for s in eq.strategies]
    assert max(p) - min(p) < 0.05  # the equilibria are exactly p_1 = p_2 = p_3


def test_exploitability_decreases_for_rm_plus_in_zero_sum():
    rng = np.random.default_rng(5)
    g = NormalFormGame.from_bimatrix(rng.normal(size=(6, 5)))
    eq = regret_matching(g, tol=0.0, max_iter=4000, plus=True, check_every=50, rng=0)
    assert eq.provenance["checks"] == 80
    values = [e for _, e in eq.provenance["exploitability_trace"]]
    assert len(values) == 64  # the stored trace is thinned to at most 64 checkpoints
    assert values[-1] < values[0] / 20
    # averaged over blocks the trace is monotone
    blocks = np.array(values).reshape(4, 16).mean(axis=1)
    assert np.all(np.diff(blocks) < 0)
    assert eq.provenance["converged"] is False  # tol = 0 is never met in floats: still answered
    assert eq.provenance["iterations"] == 4000


def test_non_convergence_is_reported_not_hidden():
    g = _jordan()
    for dyn in (fictitious_play, regret_matching, replicator_dynamics):
        eq = dyn(g, tol=1e-3, max_iter=3000, rng=0, init=[[0.7, 0.3], [0.4, 0.6], [0.5, 0.5]])
        assert eq.provenance["converged"] is False
        assert not eq.certificate.passed
        assert eq.certificate.exploitability > 0.1
        assert eq.provenance["iterations"] == 3000
    # the unique equilibrium itself has zero exploitability
    assert certify(g, [np.full(2, 0.5)] * 3).exploitability == pytest.approx(0.0, abs=1e-15)


@pytest.mark.parametrize(("dyn", "kw"), DYNAMICS)
def test_seed_reproducibility(dyn, kw):
    g = NormalFormGame(np.random.default_rng(8).normal(size=(3, 2, 4, 3)))
    a = dyn(g, tol=1e-4, max_iter=500, rng=123, init="random", **kw)
    b = dyn(g, tol=1e-4, max_iter=500, rng=np.random.default_rng(123), init="random", **kw)
    c = dyn(g, tol=1e-4, max_iter=500, rng=124, init="random", **kw)
    assert all(np.array_equal(x, y) for x, y in zip(a.strategies, b.strategies, strict=True))
    assert a.provenance["exploitability_trace"] == b.provenance["exploitability_trace"]
    assert any(not np.array_equal(x, y) for x, y in zip(a.strategies, c.strategies, strict=True))


@settings(max_examples=15)
@given(st.lists(st.integers(2, 4), min_size=2, max_size=2), st.integers(0, 2**31))
def test_zero_sum_random_games_converge(shape, seed):
    """Two-player zero-sum: RM+ averages converge (Tammelin 2014), FP too (Robinson 1951)."""
    rng = np.random.default_rng(seed)
    g = NormalFormGame.from_bimatrix(rng.integers(-5, 6, tuple(shape)))
    for eq in (regret_matching(g, tol=1e-2, max_iter=20_000, plus=True, rng=seed),
               fictitious_play(g, tol=1e-2, max_iter=20_000, rng=seed)):
        assert eq.provenance["converged"], eq.provenance["final_exploitability"]
        assert eq.certificate.max_relative_regret <= 1e-2


def test_bad_arguments():
    with pytest.raises(InputError, match="tol"):
        regret_matching(RPS, tol=-1)
    with pytest.raises(InputError, match="max_iter"):
        fictitious_play(RPS, max_iter=0)
    with pytest.raises(InputError, match="init"):
        regret_matching(RPS, init="zeros")
    with pytest.raises(InputError, match=r"init\[1\]"):
        regret_matching(RPS, init=[[1, 0, 0], [0.5, 0.6, 0]])
    with pytest.raises(InputError, match="tie_break"):
        fictitious_play(RPS, tie_break="last")
    with pytest.raises(InputError, match="game"):
        regret_matching([[1, 2], [3, 4]])
    with pytest.raises(InputError, match="rng"):
        regret_matching(RPS, rng="seed")
    with pytest.raises(InputError, match="step"):
        replicator_dynamics(RPS, step=1.5)


def test_replicator_last_iterate_reaches_strict_equilibrium_and_keeps_faces():
    g = _dominance_solvable_3p()
    eq = replicator_dynamics(g, tol=1e-6, average=False, step=0.5, max_iter=5000)
    assert eq.provenance["converged"] and eq.distance([np.eye(3)[2]] * 3) < 1e-5
    # faces are invariant: a strategy absent at the start is never played
    eq = replicator_dynamics(g, tol=1e-6, average=False, max_iter=2000,
                             init=[[0.5, 0.5, 0.0], [0.2, 0.3, 0.5], [1 / 3, 1 / 3, 1 / 3]])
    assert eq.strategies[0][2] == 0.0
    assert not eq.certificate.passed  # player 1 cannot reach her dominant strategy
    assert eq.certificate.regrets[0] > 1.0
