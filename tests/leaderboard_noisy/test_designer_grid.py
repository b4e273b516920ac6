"""The designer's grid over (Delta, m) with a cost model, its plots, and the protocol_play sweep."""

from __future__ import annotations

import pytest
from PIL import Image

from benchgame.core.validation import InputError
from benchgame.experiments.designer_grid import CostModel, designer_grid
from benchgame.experiments.designer_grid_plot import plot_cost_frontier, plot_fidelity_heatmap
from benchgame.experiments.sweeps import run_sweep
from benchgame.experiments.sweeps.play_cells import protocol_play_cell
from benchgame.experiments.sweeps.registry import get_analysis

SETTINGS = {"developers": 2, "levels": 11}


@pytest.fixture(scope="module")
def grid():
    return designer_grid({"delta": [0.0, 20.0], "m": [50, 1000]},
                         cost={"delta": 0.05, "m": 0.002}, target=0.9, required_fraction=0.75,
                         seeds=4, settings=SETTINGS)


def test_cheapest_candidate_reaching_the_target(grid):
    t = grid.candidates
    assert t[["delta", "m", "cost"]].values.tolist() == [[0.0, 50.0, 0.1], [20.0, 50.0, 1.1],
                                                        [0.0, 1000.0, 2.0],
                                                        [20.0, 1000.0, 3.0]]
    assert t["meets"].tolist() == [1, 1, 3, 4]
    assert t["reaches"].tolist() == [False, False, True, True]
    assert grid.chosen == {"delta": 0.0, "m": 1000, "cost": 2.0, "fraction": 0.75}
    assert grid.reason.startswith("grid-based: 4 candidate(s) x 4 population(s)")
    assert "no monotonicity" in grid.reason
    assert round(float(t["mean"][2]), 6) == 0.956965
    # one population has no pure equilibrium at Delta = 0, m = 1000 (mixed play), but has one
    # at Delta = 20
    states = grid.cells.set_index(["delta", "m", "seed"])["pure_status"]
    assert (states == "unique").sum() == 15 and states[(0.0, 1000, 1)] == "none"
    assert grid.cells.set_index(["delta", "m", "seed"])["state"][(0.0, 1000, 1)] == "mixed"
    d = grid.to_dict()
    assert d["cost"] == {"rates": {"delta": 0.05, "m": 0.002}, "fixed": 0.0}


def test_a_target_nobody_reaches_and_a_stricter_fraction():
    res = designer_grid({"m": [50]}, cost={"m": 1.0}, target=0.99, seeds=2, settings=SETTINGS)
    assert res.chosen is None and "no candidate reaches expected_tau >= 0.99" in res.reason


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"parameters": {"q": [1]}}, "parameters.q: is not a parameter of protocol_play"),
    ({"parameters": {"m": []}}, "parameters.m: is"),
    ({"target": 1.5}, "target: is 1.5"),
    ({"metric": "spearman"}, "metric: is 'spearman'"),
    ({"required_fraction": 0.0}, "required_fraction: is 0.0"),
    ({"cost": {"m": -1.0}}, "cost.m: is -1.0"),
    ({"cost": {"cap": 1.0}}, "cost.cap: is not a candidate parameter"),
    ({"settings": {"colour": 1}}, "settings.colour: is not a parameter"),
])
def test_bad_designer_input(kwargs, match):
    args = {"parameters": {"m": [50]}, "cost": {"m": 0.01}, "target": 0.9, **kwargs}
    with pytest.raises(InputError, match=match):
        designer_grid(args.pop("parameters"), **args)


def test_plots_are_written(grid, tmp_path):
    heat = plot_fidelity_heatmap(grid, tmp_path / "heat.png", x="delta", y="m")
    front = plot_cost_frontier(grid, tmp_path / "front.png")
    for p in (heat, front):
        with Image.open(p) as im:
            assert im.size[0] > 500 and im.size[1] > 300
    with pytest.raises(InputError, match="cap: is not a parameter"):
        plot_fidelity_heatmap(grid, tmp_path / "x.png", x="cap", y="m")


def test_cost_model():
    assert CostModel({"delta": 2.0, "m": 0.01}, fixed=1.0)({"delta": 1.5, "m": 500}) == 9.0


def test_protocol_play_sweep_with_noisy_and_deterministic_protocols(tmp_path):
    spec = {"analysis": "protocol_play", "output": str(tmp_path / "p.parquet"), "seeds": 2,
            "parameters": {"protocol": ["noisy_binomial", "tbt", "held_out"], "m": [200],
                           "developers": [2], "levels": [11], "transfer": [5.0]}}
    t = run_sweep(spec, workers=1).table.sort_values(["protocol", "seed"])
    assert (t["status"] == "ok").all() and len(t) == 6
    noisy = t[t.protocol == "noisy_binomial"]
    assert noisy["pure_status"].tolist() == ["unique", "unique"]
    params = {**get_analysis("protocol_play").defaults(), **SETTINGS, "m": 200}
    assert noisy["expected_tau"].tolist() == pytest.approx(
        [protocol_play_cell(params, s)["expected_tau"] for s in (0, 1)], abs=1e-15)


def test_designer_grid_over_a_cap_and_a_transfer_bound():
    # a cap of zero stops all effort: scores are the latent ones, ranked by capability
    res = designer_grid({"cap": [0.0, 50.0]}, cost={"cap": 1.0}, target=1.0, seeds=2,
                        settings={"protocol": "effort_cap", "developers": 2, "levels": 11})
    assert res.chosen == {"cap": 0.0, "cost": 0.0, "fraction": 1.0}
    assert res.cells["state"].tolist()[:2] == ["pure", "pure"]
    res = designer_grid({"transfer": [1.0, 100.0]}, cost={"transfer": 0.1}, target=0.5,
                        seeds=2, settings={"protocol": "held_out", "developers": 2,
                                           "levels": 11})
    assert list(res.candidates["transfer"]) == [1.0, 100.0]
    assert res.candidates["populations"].tolist() == [2, 2]
