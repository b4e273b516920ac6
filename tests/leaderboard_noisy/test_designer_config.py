"""The designer's grid stated in a leaderboard configuration's ``[designer]`` table: the shipped
example (``benchgame leaderboard --example designer``), its table, JSON and plots, the
configuration's own developers as the population, and bad keys."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from typer.testing import CliRunner

from benchgame.cli import app
from benchgame.cli.commands.leaderboard import GRID_TITLE
from benchgame.examples import example_path
from benchgame.experiments.designer_config import parse_designer_grid
from benchgame.experiments.designer_report import grid_table, run_grid
from benchgame.experiments.leaderboard_config import load_config, parse_config
from benchgame.experiments.sweeps.play_cells import protocol_play_cell
from benchgame.experiments.sweeps.registry import get_analysis
from benchgame.games.leaderboard import equilibrium_play
from benchgame.mechanisms.protocols import make_protocol

runner = CliRunner()

W1 = {"developers": {"theta": [1.0, 0.5], "names": ["high", "low"]},
      "score": {"family": "substitutes", "F": "exponential"},
      "cost": {"type": "power", "kappa": 1.0, "p": 1.0},
      "rewards": {"values": [0.2, 0.0]}}


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("designer")
    res = runner.invoke(app, ["leaderboard", "--example", "designer", "--format", "json",
                              "--play-levels", "0", "--plot", str(tmp / "d.png")])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_example_chooses_the_cheapest_candidate_for_three_of_four_populations(example):
    g = example["designer_grid"]
    assert g["chosen"] == {"delta": 0.0, "m": 200, "cost": 0.4, "fraction": 0.75}
    assert g["reason"].startswith("grid-based: 9 candidate(s) x 4 population(s), equilibrium "
                                  "play on 21-level effort grids; no monotonicity")
    cands = [(c["delta"], c["m"], c["cost"], c["meets"], c["reaches"]) for c in g["candidates"]]
    assert cands == [(0.0, 50, 0.1, 1, False), (5.0, 50, 0.35, 1, False),
                     (0.0, 200, 0.4, 3, True), (5.0, 200, 0.65, 2, False),
                     (20.0, 50, 1.1, 1, False), (20.0, 200, 1.4, 2, False),
                     (0.0, 1000, 2.0, 4, True), (5.0, 1000, 2.25, 4, True),
                     (20.0, 1000, 3.0, 4, True)]
    # every population's play is a unique pure equilibrium of its grid game (certified)
    assert {(c["pure_play"], c["mixed_play"], c["uncertified"]) for c in g["candidates"]} == {
        (4, 0, 0)}
    assert g["candidates"][2]["mean"] == pytest.approx(0.912532, abs=1e-6)
    assert g["cost"] == {"rates": {"delta": 0.05, "m": 0.002}, "fixed": 0.0}
    assert g["settings"]["populations"].startswith("4 drawn from 'logit'")


def test_example_populations_are_the_sweeps_logit_draws(example):
    # the configuration's cost (kappa 1e-2, p = 1) and rewards (1, 0) are the protocol_play
    # defaults for two developers, so each cell equals the sweep analysis' cell
    cells = {(c["delta"], c["m"], c["seed"]): c for c in example["designer_grid"]["cells"]}
    base = {**get_analysis("protocol_play").defaults(), "developers": 2, "levels": 21}
    for key in [(0.0, 200, 1), (20.0, 1000, 3)]:
        want = protocol_play_cell({**base, "delta": key[0], "m": key[1]}, key[2])
        assert cells[key]["expected_tau"] == want["expected_tau"]


def test_example_plots_are_written(example):
    heat, front = example["designer_plots"]
    assert heat.endswith("d_designer_fidelity.png") and front.endswith("d_designer_cost.png")
    for p in (heat, front):
        with Image.open(p) as im:
            assert im.size[0] > 600 and im.size[1] > 400


def test_table_marks_the_choice_and_states_certificates():
    res = runner.invoke(app, ["leaderboard", "--example", "designer", "--play-levels", "0",
                              "--format", "markdown"])
    assert res.exit_code == 0, res.output
    assert "| delta = 0, m = 200 (chosen) | 0.4 | 3 of 4 | 0.9125 (0.7568) | 4 pure |" in res.stdout
    assert "designer's grid: grid-based" in res.stdout
    assert GRID_TITLE.startswith("Designer's grid")


def test_the_configurations_own_developers_as_the_population():
    cfg = parse_config({**W1, "designer": {"target": 0.99, "levels": 11,
                                           "candidates": {"m": [20, 500], "delta": [0.0]},
                                           "cost": {"m": 0.01, "fixed": 1.0}}})
    spec = cfg.designer_grid
    assert (spec.populations, spec.seeds, spec.seconds) == ("config", 4, 0.0)
    res = run_grid(spec, cfg.contest)
    assert res.chosen == {"m": 500, "delta": 0.0, "cost": 6.0, "fraction": 1.0}
    assert res.cells["expected_tau"].round(6).tolist() == [0.91092, 1.0]
    play = equilibrium_play(cfg.contest.with_protocol(make_protocol("noisy_binomial", m=20)),
                            levels=11)
    assert res.cells["expected_tau"][0] == play.metrics["expected_tau"].value
    assert [r[2] for r in grid_table(res, ["m", "delta"])] == ["0 of 1", "1 of 1"]


@settings(max_examples=8, deadline=None)
@given(rate_m=st.floats(0.0, 1.0), rate_delta=st.floats(0.0, 1.0),
       target=st.sampled_from([0.9, 0.99, 0.999999]))
def test_the_choice_is_the_cheapest_candidate_that_reaches(rate_m, rate_delta, target):
    cfg = parse_config({**W1, "designer": {"target": target, "levels": 6,
                                           "candidates": {"m": [20, 500], "delta": [0.0, 1.0]},
                                           "cost": {"m": rate_m, "delta": rate_delta}}})
    res = run_grid(cfg.designer_grid, cfg.contest)
    t = res.candidates
    assert t["cost"].tolist() == sorted(t["cost"])
    reach = t[t["meets"] == 1]
    assert t["reaches"].tolist() == (t["meets"] == 1).tolist()
    if reach.empty:
        assert res.chosen is None
    else:
        assert res.chosen["cost"] == reach["cost"].min()
        assert res.chosen["cost"] == rate_m * res.chosen["m"] + rate_delta * res.chosen["delta"]


@pytest.mark.parametrize(("designer", "message"), [
    ({"target": 0.9}, "designer.candidates: is missing"),
    ({"target": 0.9, "candidates": {"q": [1]}}, "designer.candidates.q: is not a known key"),
    ({"target": 0.9, "candidates": {"m": []}}, "designer.candidates.m: is []"),
    ({"target": 0.9, "candidates": {"m": [10, -1]}}, "designer.candidates.m[1]: is -1.0"),
    ({"candidates": {"m": [10]}}, "designer.target: is missing"),
    ({"target": 1.5, "candidates": {"m": [10]}}, "designer.target: is 1.5"),
    ({"target": 0.9, "candidates": {"m": [10]}, "cost": {"delta": 1.0}},
     "designer.cost.delta: is not a known key"),
    ({"target": 0.9, "candidates": {"m": [10]}, "seeds": 3}, "designer.seeds: only applies"),
    ({"target": 0.9, "candidates": {"m": [10]}, "populations": 3},
     "designer.populations: is 3"),
    ({"target": 0.9, "candidates": {"m": [10]}, "levels": 1}, "designer.levels: is 1"),
    ({"target": 0.9, "candidates": {"m": [10]}, "required_fraction": 0},
     "designer.required_fraction: is 0.0"),
    ({"target": 0.9, "candidates": {"cap": [1.0]}, "protocol": "nope"},
     "designer.protocol: is 'nope'"),
])
def test_bad_designer_keys_name_the_key(designer, message, tmp_path):
    from benchgame.core.validation import InputError

    with pytest.raises(InputError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_designer_grid(designer)
    cfg = tmp_path / "bad.toml"
    cfg.write_text(example_path("designer").read_text().split("[designer]")[0]
                   + "[designer]\ntarget = 0.9\n[designer.candidates]\nq = [1]\n")
    res = runner.invoke(app, ["leaderboard", str(cfg), "-o", str(tmp_path / "out.txt")])
    assert res.exit_code == 2 and "designer.candidates.q: is not a known key" in res.stderr
    assert not (tmp_path / "out.txt").exists()


def test_an_unknown_population_is_refused_naming_the_key():
    from benchgame.core.validation import InputError

    cfg = parse_config({**W1, "designer": {"target": 0.9, "candidates": {"m": [10]},
                                           "populations": "martians"}})
    with pytest.raises(InputError, match="designer.populations: is 'martians'"):
        run_grid(cfg.designer_grid, cfg.contest)


def test_shipped_example_parses_with_its_grid():
    cfg = load_config(example_path("designer"))
    assert cfg.designer_grid.candidates == {"delta": [0.0, 5.0, 20.0], "m": [50, 200, 1000]}
    assert load_config(example_path("noisy")).designer_grid is None
