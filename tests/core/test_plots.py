"""The plots of market, ecosystem metrics and signatures: their computed parts and the files."""

import numpy as np
import pytest
from typer.testing import CliRunner

from benchgame.analyses.ecosystem.plot import lorenz_points
from benchgame.cli import app
from benchgame.mechanisms.marketplace.plot import rule_in_words

runner = CliRunner()


def test_lorenz_points_and_gini_as_twice_the_area_to_the_diagonal():
    from benchgame.analyses.ecosystem.concentration import gini

    x = np.array([4.0, 1.0, 0.0, 3.0])
    p, s = lorenz_points(x)
    assert p.tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert s.tolist() == [0.0, 0.0, 0.125, 0.5, 1.0]
    area = np.trapezoid(s, p)
    assert area == 0.28125
    assert gini(x) == pytest.approx(1 - 2 * area)  # the Gini the plot's legend states


def test_rule_in_words():
    assert rule_in_words({"rule": "epsilon", "epsilon": 0.1}) == "epsilon choice (epsilon = 0.1)"
    assert rule_in_words({"rule": "bt", "beta": 2.0}) == "bt choice (beta = 2)"


@pytest.mark.parametrize("args", [
    ["market", "-f", "json"],
    ["ecosystem", "metrics", "-f", "json"],
    ["signatures", "-f", "json"],
])
def test_plot_option_writes_a_png(tmp_path, args):
    png = tmp_path / "out.png"
    res = runner.invoke(app, [*args, "--plot", str(png)])
    assert res.exit_code == 0, res.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.png"]  # no temporary left
