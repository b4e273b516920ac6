"""Equilibrium play per protocol in ``benchgame leaderboard`` and its reusable function."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from benchgame.cli import app
from benchgame.examples import example_path
from benchgame.experiments.leaderboard_config import load_config
from benchgame.experiments.leaderboard_play import (
    PlaySettings,
    designer_level,
    play_table,
    protocol_play,
)
from benchgame.games.leaderboard import (
    Contest,
    GeneralizedLogit,
    PowerCost,
    designer_choice,
)

runner = CliRunner()

METRICS = ("expected_tau", "p_top1_correct", "expected_total_effort", "expected_total_cost")


def run(*args):
    res = runner.invoke(app, ["leaderboard", *args])
    assert res.exit_code == 0, res.output
    return res.output


@pytest.fixture(scope="module")
def three():
    return json.loads(run("--example", "three", "--format", "json"))


def close(metric, value):
    """The metric equals ``value`` within its certified bound (plus the test's rounding)."""
    assert metric["bound"] is not None
    assert abs(metric["value"] - value) <= metric["bound"] + 1e-8


def test_three_developers_direct_is_certified_mixed(three):
    direct = three["protocols"][0]
    assert direct["label"] == "direct" and direct["pure"]["status"] == "none"
    play = direct["equilibrium_play"]
    assert play["state"] == "mixed"
    assert play["exploitability"] <= play["target"] == pytest.approx(0.5e-4)
    assert play["iterations"] >= 1 and play["method"].startswith("regret matching+")
    assert play["grid"]["levels"] == 50
    assert play["nearby_equilibrium"]["verified"] is True
    # 50-level grid on [0, c^-1(1)] = [0, 20]: effort 260/49 and cost 13/49 in the grid game
    close(play["metrics"]["expected_tau"], 0.8378453422)
    close(play["metrics"]["p_top1_correct"], 0.8200749688)
    close(play["metrics"]["expected_total_effort"], 260 / 49)
    close(play["metrics"]["expected_total_cost"], 13 / 49)
    assert [r["developer"] for r in play["developers"]] == ["large", "medium", "small"]


def test_three_developers_next_to_tune_before_test_at_delta_star(three):
    star = three["delta_star_play"]
    assert star["delta"] == pytest.approx(4.203813007, abs=1e-8)
    assert star["delta"] >= three["designer"]["delta_star"]
    assert star["label"] == "tbt at Delta* = 4.20381"
    play = star["equilibrium_play"]
    assert play["state"] == "pure" and play["exploitability"] == 0.0
    assert {k: (play["metrics"][k]["value"], play["metrics"][k]["bound"]) for k in METRICS} == {
        "expected_tau": (1.0, 0.0), "p_top1_correct": (1.0, 0.0),
        "expected_total_effort": (0.0, 0.0), "expected_total_cost": (0.0, 0.0)}
    below, above = (p["equilibrium_play"] for p in three["protocols"][1:])
    assert below["state"] == "mixed" and above["state"] == "pure"
    close(below["metrics"]["expected_tau"], 0.9297514924)
    close(below["metrics"]["p_top1_correct"], 0.9129529363)
    close(below["metrics"]["expected_total_effort"], 60 / 49)
    close(below["metrics"]["expected_total_cost"], 3 / 49)
    assert three["play_settings"] == {"levels": 50, "tol": 1e-4, "max_developers": 8,
                                      "seconds": 5.0}


def test_table_side_by_side_fits_80_columns():
    out = run("--example", "three")
    block = out[out.index("Equilibrium play by protocol"):]
    lines = block.splitlines()
    assert max(len(ln) for ln in lines) <= 80
    assert "│ direct                  │ 0.8378  │ 0.8201  │ 5.306   │ 0.2653   │" in block
    assert "│ (mixed NE)              │ ± 7e-11 │ ± 7e-11 │ ± 1e-09 │ ± 7e-11  │" in block
    assert "│ tbt at Delta* = 4.20381 │ 1       │ 1       │ 0       │ 0        │ -" in block
    md = run("--example", "three", "--format", "markdown")
    assert "| direct (mixed NE) | 0.8378 ± 7e-11 | 0.8201 ± 7e-11 | 5.306 ± 1e-09 |" in md


def test_w1_has_no_delta_star_row_and_no_bounds():
    d = json.loads(run("--example", "w1", "--format", "json"))
    assert d["delta_star_play"] is None
    play = d["protocols"][0]["equilibrium_play"]
    assert play["state"] == "mixed" and play["exploitability"] < 1e-12
    assert all(play["metrics"][k]["bound"] is None for k in METRICS)
    assert "no metric bounds" in play["reason"]


def test_skip_and_settings_errors(tmp_path):
    d = json.loads(run("--example", "three", "--format", "json", "--play-max-developers", "2"))
    play = d["protocols"][0]["equilibrium_play"]
    assert play["state"] == "skipped" and play["metrics"] is None
    assert play["reason"].startswith("3 developers exceed the limit of 2")
    out = run("--example", "three", "--play-max-developers", "2")
    assert "skipped: direct, tbt(Delta=3), tbt(Delta=5), tbt at Delta* = 4.20381" in " ".join(
        out.split())
    d = json.loads(run("--example", "w1", "--format", "json", "--play-levels", "0"))
    assert d["protocols"][0]["equilibrium_play"]["state"] == "skipped"
    for opt, val in (("--play-tol", "0"), ("--play-levels", "1"), ("--play-seconds", "-1"),
                     ("--play-max-developers", "1")):
        out = tmp_path / "x.json"
        res = runner.invoke(app, ["leaderboard", "--example", "w1", opt, val, "-o", str(out)])
        assert res.exit_code == 2 and res.output.startswith(f"error: {opt}"), res.output
        assert not out.exists()


def test_plot_writes_the_comparison_figure(tmp_path):
    png = tmp_path / "three.png"
    d = json.loads(run("--example", "three", "--format", "json", "--plot", str(png)))
    play_png = tmp_path / "three_play.png"
    assert d["play_plot"] == str(play_png) and d["plot"] == str(png)
    data = play_png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_report_file_holds_both_tables(tmp_path):
    out = tmp_path / "report.txt"
    run("--example", "three", "-o", str(out))
    text = out.read_text()
    assert "benchgame leaderboard: Three developers" in text
    assert "Equilibrium play by protocol" in text and "0.8378" in text
    md = tmp_path / "report.md"
    run("--example", "three", "-f", "markdown", "-o", str(md))
    assert "| tbt at Delta* = 4.20381 (pure NE) | 1 exact | 1 exact | 0 exact | 0 exact | - |" \
        in md.read_text()


def test_protocol_play_takes_any_contest():
    cfg = load_config(example_path("three"))
    choice = designer_choice(cfg.contest, delta_max=cfg.delta_max)
    level = designer_level(choice)
    assert level == pytest.approx(4.203813007, abs=1e-8)
    below = protocol_play(cfg.contest.at_level(3.0), PlaySettings(levels=50), names=cfg.names)
    at = protocol_play(cfg.contest.at_level(level), PlaySettings(levels=50))
    assert below["state"] == "mixed" and at["state"] == "pure"
    rows = play_table([("below", below), ("at", at)])
    assert rows[1] == ["at\n(pure NE)", "1\nexact", "1\nexact", "0\nexact", "0\nexact", "-"]
    assert rows[0][0] == "below\n(mixed NE)" and rows[0][1].startswith("0.9298\n± ")
    assert designer_level(designer_choice(load_config(example_path("w1")).contest)) is None


@st.composite
def logit_contests(draw):
    n = draw(st.integers(2, 3))
    alpha = sorted(draw(st.lists(st.floats(-1.0, 1.0), min_size=n, max_size=n)), reverse=True)
    beta = sorted(draw(st.lists(st.floats(0.2, 1.0), min_size=n, max_size=n)), reverse=True)
    gaps = draw(st.lists(st.floats(0.05, 1.0), min_size=n - 1, max_size=n - 1))
    rewards = [float(sum(gaps[r:])) for r in range(n - 1)] + [0.0]
    theta = [float(n - i) for i in range(n)]
    fam = GeneralizedLogit(theta, alpha, beta, 0.0, 1.0)
    ct = Contest(theta, fam, PowerCost(draw(st.floats(0.02, 0.5))), rewards)
    return ct.at_level(draw(st.sampled_from([0.0, 1.0, 5.0])))


@settings(max_examples=8, deadline=None)
@given(ct=logit_contests())
def test_protocol_play_is_certified_and_dissipates_at_most_the_rent(ct):
    out = protocol_play(ct, PlaySettings(levels=15))
    json.dumps(out, allow_nan=False)
    assert out["state"] in ("pure", "mixed")
    m = {k: out["metrics"][k]["value"] for k in METRICS}
    assert -1.0 <= m["expected_tau"] <= 1.0 and 0.0 <= m["p_top1_correct"] <= 1.0
    # payoffs are at least R_n - regret (zero effort), rewards are transfers
    R = ct.rewards.values
    rent = float(R.sum() - ct.n * R[-1])
    assert -1e-12 <= m["expected_total_cost"] <= rent + out["exploitability"] + 1e-12
    assert out["exploitability"] <= (out["target"] or 0.0)
    assert len(play_table([("p", out)])[0]) == 6
