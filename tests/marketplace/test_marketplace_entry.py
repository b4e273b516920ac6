"""Entry, replacement, budget sets, diversity measures and the data loader's validation."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from benchgame.benchmarks_data.mtbench101 import load_mtbench101
from benchgame.core.validation import InputError
from benchgame.mechanisms.marketplace import (
    EpsilonUniform,
    Market,
    Perfect,
    Softmax,
    complementarity,
    coverage,
    crowding,
    entry,
    entry_budget_line,
    entry_budget_simplex,
    near_clone_distance,
    profile_diversity,
    replacement,
)
from benchgame.mechanisms.marketplace.thresholds import homogenized_threshold


@pytest.mark.parametrize("eps", [0.0, 0.2, 0.5])
def test_entry_budget_line_threshold_one_incumbent(eps):
    """Incumbent at alpha = 1: weighted winrate specializes iff pi < (2 - eps)/(3 - eps)."""
    thr = float(homogenized_threshold(2, "epsilon", "weighted_winrate", param=eps))
    for pi, specialize in ((thr - 0.01, True), (thr + 0.01, False)):
        mk = Market([[1.0, 0.0]], [pi, 1 - pi])
        r = entry_budget_line(mk, EpsilonUniform(eps), "weighted_winrate", grid=401)
        alphas = r.candidates[list(r.best_responses), 0]
        np.testing.assert_allclose(alphas, 0.0 if specialize else 1.0, atol=1e-6)
        assert r.welfare_worst_br == pytest.approx(1 - eps / 2 if specialize else pi)
        w = entry_budget_line(mk, EpsilonUniform(eps), "winrate", grid=401)
        np.testing.assert_allclose(w.candidates[list(w.best_responses), 0], 1.0, atol=1e-6)


def test_entry_budget_simplex_refines_and_reports_grid():
    mk = Market([[0.9, 0.1, 0.1]], [0.5, 0.3, 0.2])
    r = entry_budget_simplex(mk, Softmax(8), "weighted_winrate", resolution=10)
    assert r.certificate["resolution"] == 10 and r.certificate["grid_points"] == 66
    assert np.allclose(r.candidates.sum(axis=1), 1.0)
    assert r.gap >= 0 and r.welfare_opt >= r.welfare_best_br - 1e-12


def test_replacement_includes_no_change():
    mk = Market([[1.0, 0.0], [1.0, 0.0]], [0.6, 0.4])
    r = replacement(mk, 1, Perfect(), [[0.0, 1.0]], "weighted_winrate")
    assert r.candidates.shape == (2, 2)  # own vector added as row 0
    np.testing.assert_allclose(r.payoff, [0.3, 0.4])
    assert r.best_responses == (1,)
    assert r.welfare_worst_br == pytest.approx(1.0)


def test_diversity_measures():
    Q = np.array([[1.0, 0.0], [0.8, 0.2]])
    assert near_clone_distance(Q, [0.8, 0.25]) == pytest.approx(0.05)
    assert crowding(Q, [0.9, 0.1]) == pytest.approx(1.0)
    assert complementarity(Q, [0.0, 1.0], [0.6, 0.4]) == pytest.approx(0.4 * 0.8)
    assert coverage(Q, [0.6, 0.4]) == pytest.approx(0.6 + 0.08)
    assert profile_diversity(Q) == pytest.approx(0.4)
    assert profile_diversity([[1, 0], [0, 1]], "cosine") == pytest.approx(1.0)


def test_entry_bad_candidates():
    mk = Market([[0.5, 0.5]], [0.5, 0.5])
    with pytest.raises(InputError):
        entry(mk, Perfect(), [[0.5, 0.5, 0.5]])
    with pytest.raises(InputError):
        entry(mk, Perfect(), [[1.5, 0.5]])
    with pytest.raises(InputError):
        entry_budget_line(Market([[0.5, 0.5, 0.0]], [0.3, 0.3, 0.4]), Perfect())


def test_loader_rejects_corrupted_row(tmp_path):
    src = load_mtbench101.__globals__["_DIR"]
    shutil.copytree(src, tmp_path / "d")
    f = tmp_path / "d" / "mtbench101_leaderboard.csv"
    f.write_text(f.read_text().replace("Qwen-7B-Chat,7.12,7.65", "Qwen-7B-Chat,7.12,9.65"))
    with pytest.raises(InputError, match="Qwen-7B-Chat"):
        load_mtbench101(tmp_path / "d")
