"""benchgame leaderboard solves a noisy protocol's grid game once: the noisy row and the play
table report the same equilibrium play."""

from __future__ import annotations

import pytest

import benchgame.experiments.leaderboard_play as lp
import benchgame.experiments.noisy_report as nr
from benchgame.cli.commands.leaderboard import analyze_config
from benchgame.experiments.leaderboard_config import parse_config
from benchgame.experiments.leaderboard_play import PlaySettings, protocol_play, solve_play

DOC = {"developers": {"theta": [1.0, 0.5], "names": ["high", "low"]},
       "score": {"family": "substitutes", "F": "exponential"},
       "cost": {"type": "power", "kappa": 1.0, "p": 1.0},
       "rewards": {"values": [0.2, 0.0]},
       "protocols": [{"type": "noisy_binomial", "m": 100},
                     {"type": "noisy_binomial", "m": 500}]}


@pytest.fixture
def solves(monkeypatch):
    """The ``m`` of every contest the report solves (``deterministic`` for the others)."""
    seen: list[str] = []
    real = lp.equilibrium_play

    def counting(contest, **kwargs):
        seen.append(contest.protocol.to_dict().get("m", "deterministic"))
        return real(contest, **kwargs)

    monkeypatch.setattr(lp, "equilibrium_play", counting)
    monkeypatch.setattr(nr, "equilibrium_play", counting)
    return seen


def test_each_noisy_protocol_is_solved_once_and_both_tables_agree(solves):
    cfg = parse_config(DOC)
    out = analyze_config(cfg, play=PlaySettings(levels=21))
    assert sorted(x for x in solves if x != "deterministic") == [100, 500]
    for row in out["protocols"]:
        play, fid = row["equilibrium_play"], row["fidelity"]
        assert (fid["play"], play["state"]) == ("pure", "pure")
        assert fid["expected_tau"] == play["metrics"]["expected_tau"]["value"]
        assert fid["p_top1_correct"] == play["metrics"]["p_top1_correct"]["value"]
        assert fid["method"] == play["source"]
    taus = [r["fidelity"]["expected_tau"] for r in out["protocols"]]
    assert taus == pytest.approx([0.9995368531522946, 0.9999999999999856], abs=1e-12)


def test_without_equilibrium_play_the_noisy_row_still_solves_its_grid_game(solves):
    cfg = parse_config(DOC)
    out = analyze_config(cfg, play=PlaySettings(levels=0))
    assert sorted(solves) == [100, 500]
    assert [r["equilibrium_play"]["state"] for r in out["protocols"]] == ["skipped"] * 2
    assert [r["pure"]["status"] for r in out["protocols"]] == ["unique", "unique"]


def test_a_solved_play_is_reported_as_computed():
    ct = parse_config(DOC).contest.with_protocol(parse_config(DOC).protocols[0].protocol)
    st = PlaySettings(levels=21)
    solved = solve_play(ct, st)
    assert protocol_play(ct, st, solved=solved) == protocol_play(ct, st)
    assert solve_play(ct, PlaySettings(levels=21, max_developers=2)) is not None
    assert solve_play(ct, PlaySettings(levels=0)) is None
