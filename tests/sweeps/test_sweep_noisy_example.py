"""``benchgame sweep --example noisy``: the protocol_play analysis over the number of test
questions m and the tune-before-test level Delta for three populations, with its heat map."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from PIL import Image
from typer.testing import CliRunner

from benchgame.cli import app
from benchgame.experiments.sweeps.play_cells import protocol_play_cell
from benchgame.experiments.sweeps.registry import get_analysis


@pytest.fixture(scope="module")
def swept(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("noisy")
    res = CliRunner().invoke(app, ["sweep", "--example", "noisy", "--workers", "1",
                                   "--output", str(tmp / "n.parquet"), "--format", "json",
                                   "--plot", str(tmp / "n.png"), "--x", "delta", "--y", "m",
                                   "--outcome", "expected_tau"])
    assert res.exit_code == 0, res.output
    table = pd.read_parquet(tmp / "n.parquet").set_index(["m", "delta", "seed"]).sort_index()
    return json.loads(res.stdout), table, tmp / "n.png"


def test_every_cell_is_certified_and_noise_keeps_zero_effort_pure_for_few_questions(swept):
    report, t, _ = swept
    assert report["analysis"] == "protocol_play" and report["summary"]["cells"] == 18
    assert (t["status"] == "ok").all()
    # population 1 has no pure equilibrium of the grid game at Delta = 0 once m >= 200 (certified
    # mixed play); every other cell has a unique pure one
    none = sorted(t.index[t["pure_status"] == "none"].tolist())
    assert none == [(200, 0.0, 1), (1000, 0.0, 1)]
    assert set(t.loc[none, "state"]) == {"mixed"}
    assert (t.drop(index=none)["state"] == "pure").all()
    assert (t.drop(index=none)["tau_bound"] == 1e-12).all()


def test_fidelity_values_match_the_cells(swept):
    _, t, _ = swept
    tau = t["expected_tau"]
    assert tau[(50, 0.0, 0)] == pytest.approx(0.514448, abs=1e-6)
    assert tau[(200, 0.0, 1)] == pytest.approx(0.914367, abs=1e-6)
    assert tau[(1000, 10.0, 2)] == pytest.approx(0.927575, abs=1e-6)
    assert t["p_top1_correct"][(1000, 10.0, 0)] == pytest.approx(1.0, abs=1e-6)
    # fidelity grows with the test set at Delta = 10 for every population
    for seed in range(3):
        assert tau[(50, 10.0, seed)] < tau[(200, 10.0, seed)] < tau[(1000, 10.0, seed)]
    params = {**get_analysis("protocol_play").defaults(), "developers": 3, "levels": 11,
              "time_limit": 0.0, "m": 200, "delta": 10.0}
    assert tau[(200, 10.0, 2)] == protocol_play_cell(params, 2)["expected_tau"]


def test_heat_map_is_written(swept):
    *_, png = swept
    with Image.open(png) as im:
        assert im.size[0] > 400 and im.size[1] > 300
