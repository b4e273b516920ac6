"""equilibrium_play: pure and mixed cases, result objects, grid convergence, and timing."""

from __future__ import annotations

import json
import time

import numpy as np
import pytest

from benchgame.games.leaderboard import (
    Contest,
    PowerCost,
    RankGame,
    Rewards,
    Substitutes,
    analyze_pure,
    equilibrium_play,
    grid_convergence,
    solve_mixed,
)

from .instances import logit, w1


def test_pure_case_uses_the_unique_pure_equilibrium():
    ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [0.25, 0.0])
    assert analyze_pure(ct).status == "unique"
    play = equilibrium_play(ct, names=["a", "b"])
    assert play.state == "pure" and play.solution is None
    assert {k: (m.value, m.bound) for k, m in play.metrics.items()} == {
        "expected_tau": (1.0, 0.0), "p_top1_correct": (1.0, 0.0),
        "expected_total_effort": (0.0, 0.0), "expected_total_cost": (0.0, 0.0)}
    assert play.to_frame().loc["a", "payoff"] == 0.25


def test_tune_before_test_protocol_and_json():
    ct = logit(4, seed=1, delta=2.0)
    play = equilibrium_play(ct, levels=50, names=["m1", "m2", "m3", "m4"])
    assert play.certified
    d = play.to_dict()
    json.dumps(d, allow_nan=False)
    assert d["certificate"]["certified"] is True
    assert [r["developer"] for r in d["developers"]] == ["m1", "m2", "m3", "m4"]
    frame = play.to_frame()
    assert list(frame.columns) == ["theta", "payoff", "effort", "cost", "p_first",
                                   "expected_rank", "regret"]
    assert frame["p_first"].sum() == pytest.approx(1.0)
    assert play.metrics["expected_total_effort"].value == pytest.approx(frame["effort"].sum())


def test_default_names_and_bad_names():
    play = equilibrium_play(w1(), levels=21)
    assert play.to_frame().index.tolist() == ["developer 1", "developer 2"]
    with pytest.raises(ValueError, match="names"):
        equilibrium_play(w1(), levels=21, names=["only one"])


def test_grid_convergence_table():
    table = grid_convergence(w1(), levels=21, refinements=3)
    frame = table.to_frame()
    assert frame.index.tolist() == pytest.approx([0.05, 0.025, 0.0125])
    assert (frame["state"] == "mixed").all()
    err = (1 - frame["p_top1_correct"] - 0.375).abs()
    assert (err <= 0.76 * frame.index.to_numpy() + 1e-3).all()
    json.dumps(table.to_dict(), allow_nan=False)


@pytest.mark.slow
def test_five_developers_two_hundred_levels_under_ten_seconds():
    g = RankGame.from_contest(logit(5), levels=200)
    t0 = time.process_time()
    sol = solve_mixed(g)
    assert sol.certified
    assert time.process_time() - t0 < 10


@pytest.mark.slow
def test_twenty_developers_under_sixty_seconds():
    g = RankGame.from_contest(logit(20, rewards=Rewards.linear(20)), levels=200)
    t0 = time.process_time()
    sol = solve_mixed(g)
    assert sol.certified
    assert time.process_time() - t0 < 60
    assert np.all(sol.regrets <= sol.target)


def test_to_dict_rows_are_the_frames_records_without_pandas():
    from benchgame.core.serialize import to_jsonable

    ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [0.25, 0.0])
    play = equilibrium_play(ct, names=["a", "b"])
    rows = play.to_dict()["developers"]
    assert rows == to_jsonable(play.to_frame().reset_index(), finite=True)
    assert rows == [
        {"developer": "a", "theta": 1.0, "payoff": 0.25, "effort": 0.0, "cost": 0.0,
         "p_first": 1.0, "expected_rank": 1.0, "regret": 0.0},
        {"developer": "b", "theta": 0.5, "payoff": 0.0, "effort": 0.0, "cost": 0.0,
         "p_first": 0.0, "expected_rank": 2.0, "regret": 0.0}]
    mixed = equilibrium_play(w1(), levels=21, names=["h", "l"])
    assert mixed.state == "mixed"
    assert mixed.to_dict()["developers"] == to_jsonable(mixed.to_frame().reset_index(),
                                                        finite=True)
