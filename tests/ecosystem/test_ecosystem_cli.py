"""``benchgame ecosystem metrics`` and ``benchgame ecosystem simulate``."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from benchgame.analyses.ecosystem import EcosystemParams, ecosystem_metrics, sweep
from benchgame.benchmarks_data.ecosystem import load_benchmark_table
from benchgame.cli import app

runner = CliRunner()


def test_metrics_json_matches_api():
    res = runner.invoke(app, ["ecosystem", "metrics", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    m = ecosystem_metrics(load_benchmark_table())
    assert data["schema"] == "benchgame.ecosystem.metrics/1"
    assert data["table"] == "benchmarks.csv"
    assert data["n_benchmarks"] == 43
    assert data["betweenness"]["share"] == pytest.approx(m.betweenness.share)
    assert data["betweenness"]["coverage"] == pytest.approx(m.betweenness.coverage)
    assert data["institutions"]["gini"] == pytest.approx(m.institutions.gini)
    assert data["top_countries"]["fractional"] == pytest.approx(m.top_countries_fractional)
    assert data["country_shares"]["fractional"]["US"] == pytest.approx(
        m.country_shares_fractional["US"])
    assert sum(data["country_shares"]["fractional"].values()) == pytest.approx(1.0)


def test_metrics_json_puts_the_papers_figures_next_to_the_bundled_values():
    res = runner.invoke(app, ["ecosystem", "metrics", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    paper = data["paper"]
    assert paper["comparable"] is False and "arXiv:2510.01286" in paper["source"]
    assert "small independent sample of 43 benchmarks" in paper["reason"]
    assert "not the paper's list" in paper["reason"]
    fig = paper["figures"]
    assert (fig["authority_gini"]["paper"], fig["authority_gini"]["metric"]) == (
        0.89, "institutions.gini")
    assert fig["authority_gini"]["this_table"] == pytest.approx(0.5632, abs=1e-4)
    assert fig["authority_gini"]["this_table"] == data["institutions"]["gini"]
    assert (fig["top3_country_share"]["paper"], fig["top3_country_share"]["k"]) == (0.83, 3)
    assert fig["top3_country_share"]["this_table"] == pytest.approx(0.9140, abs=1e-4)
    assert fig["top3_country_share"]["this_table_whole"] == pytest.approx(1.1163, abs=1e-4)
    assert (fig["betweenness_share"]["paper"], fig["betweenness_share"]["relation"]) == (0.8, ">")
    assert fig["betweenness_share"]["this_table"] == pytest.approx(0.7627, abs=1e-4)


def test_metrics_markdown_has_a_paper_column_and_the_reason():
    res = runner.invoke(app, ["ecosystem", "metrics", "--format", "markdown"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0].split("|")[1:4] == [" metric ", " value ", " paper (arXiv:2510.01286) "]
    cells = {row.split("|")[1].strip(): [c.strip() for c in row.split("|")[2:4]]
             for row in lines[2:] if row.startswith("|")}
    assert cells["institution Gini (output)"] == ["0.5632", "0.89 (authority Gini)"]
    assert cells["top-3 country share (fractional)"] == ["0.9140", "0.83"]
    assert cells["betweenness share S_0.15 (top 13 nodes)"] == ["0.7627", "> 0.80"]
    assert cells["path coverage C_0.15"][1] == ""
    assert "not comparable: the bundled table is a small independent sample of 43 benchmarks" \
        in res.stdout


def test_metrics_paper_reason_on_a_user_table_and_other_q_k(tmp_path):
    p = tmp_path / "mine.csv"
    p.write_text("name,year,arxiv_id,category,institutions,countries\n"
                 "A,2020,2001.00001,code,X;Y,US;GB\nB,2021,2101.00002,math,Y,GB\n"
                 "C,2022,2201.00003,code,Z;Y,CN;GB\n")
    res = runner.invoke(app, ["ecosystem", "metrics", str(p), "-f", "json", "--q", "0.3",
                              "--k", "1"])
    assert res.exit_code == 0, res.output
    reason = json.loads(res.stdout)["paper"]["reason"]
    assert reason.startswith("this table (3 benchmarks) is not the paper's benchmark list")
    assert "q = 0.3, the paper 0.15" in reason and "top 1, the paper the top 3" in reason


def test_metrics_csv_on_user_table(tmp_path):
    p = tmp_path / "mine.csv"
    p.write_text("name,year,arxiv_id,category,institutions,countries\n"
                 "A,2020,2001.00001,code,X;Y,US;GB\nB,2021,2101.00002,math,Y,GB\n"
                 "C,2022,2201.00003,code,Z;Y,CN;GB\n")
    res = runner.invoke(app, ["ecosystem", "metrics", str(p), "-f", "csv", "--k", "1"])
    assert res.exit_code == 0, res.output
    rows = dict(csv.reader(io.StringIO(res.stdout)))
    assert rows["benchmarks"] == "3"
    # GB: (1/2 + 1 + 1/2) / 3
    assert float(rows["top-1 country share (fractional)"]) == pytest.approx(2 / 3, abs=1e-4)


def test_metrics_bad_table_is_input_error(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("name,year,arxiv_id,category,institutions,countries\n"
                 "A,soon,2001.00001,code,X,US\n")
    res = runner.invoke(app, ["ecosystem", "metrics", str(p)])
    assert res.exit_code == 2
    assert "bad.csv: row 2, column 'year'" in res.stderr


ARGS = ["ecosystem", "simulate", "--entry", "0.5,4", "--seeds", "3", "--tail", "5",
        "--set", "steps=25", "--set", "initial_benchmarks=6"]


def test_simulate_json_matches_sweep(tmp_path):
    png = tmp_path / "traj.png"
    res = runner.invoke(app, [*ARGS, "--format", "json", "--trajectories", "--plot", str(png)])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["schema"] == "benchgame.ecosystem.simulate/1"
    assert data["seeds"] == [0, 1, 2] and data["tail"] == 5
    assert data["base"]["steps"] == 25
    ref = sweep(EcosystemParams(steps=25, initial_benchmarks=6), "entry_rate", [0.5, 4.0],
                [0, 1, 2], tail=5)
    (sw,) = data["sweeps"]
    assert sw["parameter"] == "entry_rate" and sw["values"] == [0.5, 4.0]
    for got, want in zip(sw["summary"], ref.summary.to_dict(orient="records"), strict=True):
        assert got["gini_mean"] == pytest.approx(want["gini_mean"])
        assert got["coordination_hi"] == pytest.approx(want["coordination_hi"])
    assert len(sw["trajectories"]) == 2 * 25
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_simulate_toml_config_and_csv(tmp_path):
    cfg = tmp_path / "sweep.toml"
    cfg.write_text("[params]\nsteps = 20\ninitial_benchmarks = 6\n\n[sweep]\npenalty = [0, 2]\n")
    out = tmp_path / "out.csv"
    res = runner.invoke(app, ["ecosystem", "simulate", "--config", str(cfg), "--seeds", "2",
                              "--tail", "4", "-f", "csv", "-o", str(out)])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(out.open()))
    assert [r["parameter"] for r in rows] == ["penalty", "penalty"]
    ref = sweep(EcosystemParams(steps=20, initial_benchmarks=6), "penalty", [0.0, 2.0], 2,
                tail=4)
    assert float(rows[1]["gini_mean"]) == pytest.approx(ref.summary["gini_mean"].iloc[1])


@pytest.mark.parametrize("extra, match", [
    (["--set", "speed=3"], "speed"),
    (["--set", "steps=2.5"], "steps"),
    (["--entry", "a,b"], "--entry"),
])
def test_simulate_bad_input(extra, match):
    res = runner.invoke(app, ["ecosystem", "simulate", "--seeds", "2", *extra])
    assert res.exit_code == 2
    assert match in res.stderr


def test_simulate_non_utf8_config_is_input_error(tmp_path):
    cfg = tmp_path / "latin.toml"
    cfg.write_bytes("# caf\u00e9\n[params]\nsteps = 20\n".encode("latin-1"))
    res = runner.invoke(app, ["ecosystem", "simulate", "--config", str(cfg), "--seeds", "2"])
    assert res.exit_code == 2 and res.stderr.startswith("error: --config: ")
    assert "latin.toml" in res.stderr and "UTF-8" in res.stderr


@pytest.mark.parametrize("table", ["params", "sweep"])
def test_simulate_config_table_that_is_not_a_table(tmp_path, table):
    cfg = tmp_path / "flat.toml"
    cfg.write_text(f"{table} = 3\n")
    res = runner.invoke(app, ["ecosystem", "simulate", "--config", str(cfg), "--seeds", "2"])
    assert res.exit_code == 2 and res.stderr.startswith(f"error: flat.toml: [{table}]: ")
    assert f"write a [{table}] section" in res.stderr


@pytest.mark.parametrize("bad, field", [("--output", "--output"), ("--plot", "--plot")])
def test_simulate_bad_output_folder_writes_nothing(tmp_path, bad, field):
    good = {"--plot": str(tmp_path / "p.png"), "--output": str(tmp_path / "x.json")}
    good[bad] = "/nonexistent-dir/out"
    res = runner.invoke(app, [*ARGS, "-f", "json", "--plot", good["--plot"],
                              "--output", good["--output"]])
    assert res.exit_code == 2 and res.stderr.startswith(f"error: {field}: ")
    assert list(tmp_path.iterdir()) == []


def test_metrics_bad_output_folder_is_input_error(tmp_path):
    res = runner.invoke(app, ["ecosystem", "metrics", "-o", str(tmp_path / "no" / "m.txt")])
    assert res.exit_code == 2 and res.stderr.startswith("error: --output: ")


def test_simulate_table_names_metrics_and_settings_in_words():
    from benchgame.cli.commands.ecosystem import _f

    res = runner.invoke(app, ["ecosystem", "simulate", "--entry", "0.5", "--seeds", "2",
                              "--tail", "3", "--set", "steps=8"], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[2] == "entry rate of new benchmarks = 0.5"
    assert [ln.split("[95% CI]")[0].strip() for ln in lines[3:9]] == [
        "Gini of adoption", "top-15% share", "HHI", "coordination", "discriminative power",
        "live benchmarks"]
    assert (_f(-0.0001, 3), _f(-0.02, 3), _f(float("nan"))) == ("0.000", "-0.020", "nan")


def test_metrics_table_says_why_a_whole_counting_share_exceeds_one():
    res = runner.invoke(app, ["ecosystem", "metrics", "-f", "markdown"])
    assert res.exit_code == 0, res.output
    assert ("| top-3 country share (whole counting: a benchmark counts for each of its "
            "countries, so this can exceed 1) | 1.1163 | 0.83 |") in res.stdout
