"""``benchgame mpg`` on the bundled data (values asserted)."""

import json

from typer.testing import CliRunner

from benchgame.cli import app

runner = CliRunner()


def test_mpg_json_report():
    res = runner.invoke(app, ["mpg", "--format", "json", "--n-boot", "300", "--draws", "500"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert d["schema"] == "benchgame.mpg/1"
    assert d["ranking"][0]["model"] == "gpt-4-0314" and len(d["ranking"]) == 22
    v = d["validation"]
    assert v["n"] == 15 and v["baseline"] == "MMLU" and v["arena"] == "Arena BT Elo"
    comp = {c["coefficient"]: c for c in v["comparison"]}
    assert abs(comp["pearson"]["baseline"] - 0.932) < 1e-3
    assert abs(comp["pearson"]["aggregate"] - 0.867) < 1e-3
    assert comp["pearson"]["aggregate_beats_baseline"] is False
    assert v["williams"]["df"] == 12 and v["williams"]["t"] < 0
    assert "does not beat MMLU" in v["summary"]


def test_mpg_obsscaling_arena_and_csv(tmp_path):
    res = runner.invoke(app, ["mpg", "-f", "json", "--arena", "obsscaling", "--n-boot", "200",
                              "--draws", "500"])
    d = json.loads(res.output)
    corr = {(c["score"], c["coefficient"]): c["estimate"] for c in d["validation"]["correlations"]}
    assert abs(corr[("MMLU", "pearson")] - 0.945) < 5e-4
    out = tmp_path / "r.csv"
    res = runner.invoke(app, ["mpg", "-f", "csv", "-o", str(out), "--draws", "500",
                              "--n-boot", "100"])
    assert res.exit_code == 0
    lines = out.read_text().splitlines()
    assert lines[0].startswith("model,rank,goodness,lo,hi,factual recall")
    assert lines[1].startswith("gpt-4-0314,1,")


def test_mpg_table_output():
    res = runner.invoke(app, ["mpg", "--draws", "500", "--n-boot", "100"])
    assert res.exit_code == 0
    assert "Goodness vs MMLU alone" in res.output and "does not beat MMLU" in res.output


def test_mpg_bad_tree(tmp_path):
    p = tmp_path / "t.json"
    p.write_text('{"name": "r", "children": [{"name": "x", "n_items": 3}]}')
    res = runner.invoke(app, ["mpg", "--tree", str(p)])
    assert res.exit_code != 0
    assert "lacks the leaf columns" in res.stderr
