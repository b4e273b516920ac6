"""``benchgame leaderboard`` through typer's CliRunner."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from benchgame.cli import app
from benchgame.examples import example_path
from benchgame.experiments.leaderboard_config import load_config
from benchgame.games.leaderboard import logit_closed_form

runner = CliRunner()


def run_json(*args):
    res = runner.invoke(app, ["leaderboard", *args, "--format", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def test_w1_json_values(tmp_path):
    out = tmp_path / "w1.png"
    d = run_json("--example", "w1", "--plot", str(out))
    assert d["schema"] == "benchgame.leaderboard/1"
    assert [p["label"] for p in d["protocols"]] == ["direct", "tbt(Delta=1)", "tbt(Delta=10)"]
    for p in d["protocols"]:
        assert p["pure"]["status"] == "none" and p["pure"]["exists"] is False
        assert p["e_req"] == pytest.approx([0.5])
        assert p["mixed"]["payoffs"] == pytest.approx([0.5, 0.0], abs=1e-12)
        assert p["mixed"]["p_inversion"] == pytest.approx(0.375, abs=1e-9)
        assert p["fidelity"]["state"] == "mixed"
        assert p["fidelity"]["expected_tau"] == pytest.approx(0.25, abs=1e-9)
        assert p["pure"]["witness"]["cost"] == pytest.approx(0.5)
    assert d["designer"]["delta_star"] is None and d["designer"]["delta_opt"] is None
    assert d["designer"]["pairs"][0]["mechanism"] == "never"
    assert all(v["holds"] for v in d["assumptions"].values())
    data = out.read_bytes()
    assert d["plot"] == str(out) and data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


def test_figure1_json_values():
    d = run_json("--example", "figure1")
    status = [p["pure"]["status"] for p in d["protocols"]]
    assert status == ["none", "none", "unique", "unique"]
    assert [p["pure"]["ranks_by_capability"] for p in d["protocols"][2:]] == [True, True]
    assert [p["fidelity"]["kendall_tau"] for p in d["protocols"][2:]] == pytest.approx([1.0, 1.0])
    assert d["protocols"][0]["fidelity"]["kendall_tau"] is None
    # Delta* from the continuum solver equals the exact logit closed form for c = kappa e
    cf = logit_closed_form(load_config(example_path("figure1")).contest)
    assert d["designer"]["delta_star"] == pytest.approx(float(np.max(cf.delta_star_exact)),
                                                        rel=1e-6)
    assert d["designer"]["delta_opt"] == pytest.approx(d["designer"]["delta_star"])
    m = [p["M"] for p in d["protocols"]]
    assert m == sorted(m)  # Prop 5.3: M non-decreasing in Delta
    assert d["assumptions"]["C1"]["method"] == "symbolic"


def test_table_output_and_markdown():
    res = runner.invoke(app, ["leaderboard", "--example", "figure1", "--format", "markdown"])
    assert res.exit_code == 0
    assert "| tbt(Delta=1000) | 1000 | yes | yes | yes |" in res.output
    assert "Delta* = 248.479" in res.output


def test_bad_config_exit_code(tmp_path):
    cfg = tmp_path / "bad.toml"
    cfg.write_text(example_path("w1").read_text().replace("values = [1.0, 0.0]",
                                                         "values = [0.0, 1.0]"))
    res = runner.invoke(app, ["leaderboard", str(cfg)])
    assert res.exit_code == 2
    assert "rewards.values[1]" in res.output
    res = runner.invoke(app, ["leaderboard"])
    assert res.exit_code == 2
    res = runner.invoke(app, ["leaderboard", str(cfg), "--example", "w1"])
    assert res.exit_code == 2


def test_grid_step_cross_check():
    d = run_json("--example", "w1", "--grid-step", "0.05")
    g = d["protocols"][0]["grid"]
    assert g["step"] == 0.05 and g["profiles"] == [] and g["artifacts"] == []
    assert g["grid"]["inserted"] == [[], [0.5]]
    res = runner.invoke(app, ["leaderboard", "--example", "figure1", "--grid-step", "0.1"])
    assert res.exit_code == 2 and "--grid-step" in res.output


def test_flat_cost_undecided_with_grid_fallback(tmp_path):
    # W3: (S) fails, Lemma A does not apply; the grid candidates re-checked in the continuum
    # include the non-zero PNE (1, 1) and (1, 0)
    text = example_path("w1").read_text()
    text = text.replace('type = "power"\nkappa = 1.0\np = 1.0', 'type = "flat_start"\na = 1.0\n'
                        'p = 2.0').replace("values = [1.0, 0.0]", "values = [0.1, 0.0]")
    cfg = tmp_path / "w3.toml"
    cfg.write_text(text)
    d = run_json(str(cfg), "--grid-step", "0.05")
    assert d["assumptions"]["S"]["holds"] is False
    p = d["protocols"][0]
    assert p["pure"]["status"] == "undecided" and p["fidelity"]["state"] == "undecided"
    eqs = {tuple(round(x, 9) for x in e) for e in p["pure"]["equilibria"]}
    assert {(1.0, 1.0), (1.0, 0.0)} <= eqs and (0.0, 0.0) not in eqs
    assert len(eqs) == len(p["grid"]["profiles"]) - len(p["grid"]["artifacts"])


@pytest.mark.parametrize("bad", ["--output", "--plot"])
def test_bad_output_folder_writes_nothing(tmp_path, bad):
    paths = {"--plot": str(tmp_path / "p2.png"), "--output": str(tmp_path / "x.json")}
    paths[bad] = "/nonexistent-dir/out"
    res = runner.invoke(app, ["leaderboard", "--example", "w1", "-f", "json",
                              "--plot", paths["--plot"], "--output", paths["--output"]])
    assert res.exit_code == 2
    assert f"{bad}: folder '/nonexistent-dir' does not exist" in res.output
    assert list(tmp_path.iterdir()) == []
