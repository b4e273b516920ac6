"""``benchgame mpg`` at 80 columns and its plot of Goodness and MMLU against the arena."""

import pandas as pd
from typer.testing import CliRunner

from benchgame.analyses.arena.plot import _pearson, plot_against_arena
from benchgame.cli import app

runner = CliRunner()


def test_mpg_at_80_columns_splits_subdomains_and_abbreviates_names(tmp_path):
    png = tmp_path / "mpg.png"
    res = runner.invoke(app, ["mpg", "--draws", "100", "--n-boot", "10", "--plot", str(png)],
                        env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert max(len(ln) for ln in lines) <= 80
    assert any("Subdomain means (posterior)" in ln for ln in lines)
    assert "│ 21   │ oasst-sft-4-pythia-12b-ep… │ 0.396    │ [0.388,0.405] │ -     │ 0.268 │" \
        in lines  # the one name longer than the room left by whole intervals
    assert any(ln.startswith("│ 3    │ deepseek-llm-67b-chat      │") for ln in lines)
    assert any(ln.startswith("│ 21   │ oasst-sft-4-pythia-12b-epoch-3.5 │") for ln in lines)
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_plot_titles_quote_the_validation_pearson_interval(tmp_path):
    corr = [{"score": "Goodness", "coefficient": "pearson", "estimate": 0.8671, "lo": 0.758,
             "hi": 0.95}]
    assert _pearson(corr, "goodness", "MPG Goodness", None, None) == (
        "0.867 (95% bootstrap CI 0.758 to 0.950)")
    x = pd.Series([1.0, 2.0, 3.0]).to_numpy()
    assert _pearson(None, "MMLU", "MMLU", x, 2 * x) == "1.000"
    t = pd.DataFrame({"goodness": [0.2, 0.5, 0.9, 0.4], "MMLU": [0.3, 0.4, 0.8, 0.5],
                      "Elo": [900.0, 1000.0, 1100.0, None]}, index=list("abcd"))
    out = plot_against_arena(t, "Elo", tmp_path / "a.png", correlations=corr)
    assert out == tmp_path / "a.png" and out.stat().st_size > 10_000


def test_bundled_validation_numbers_are_the_published_ones():
    import json

    res = runner.invoke(app, ["mpg", "-f", "json"])
    v = json.loads(res.stdout)["validation"]
    comp = {c["coefficient"]: c for c in v["comparison"]}
    assert (round(comp["pearson"]["difference"], 3), round(comp["pearson"]["lo"], 3),
            round(comp["pearson"]["hi"], 3)) == (-0.065, -0.105, -0.003)
    # equal resampled rankings give a difference of exactly 0 up to rounding: both sides
    assert [comp[k]["p_bootstrap"] for k in ("pearson", "spearman", "kendall")] == [
        0.034, 0.982, 0.99]
    assert round(v["williams"]["t"], 2) == -4.18
