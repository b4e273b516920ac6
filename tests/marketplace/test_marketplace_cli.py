"""``benchgame market`` and the CSV market reader."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from benchgame.cli import app
from benchgame.core.validation import InputError
from benchgame.mechanisms.marketplace.csv_market import market_from_csv

runner = CliRunner()

GOOD = "model,A,B\nx,8,2\ny,2,9\nz,5,5\n"


def test_cli_bundled_json_values():
    res = runner.invoke(app, ["market", "--format", "json", "--rule", "softmax:20"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    assert d["schema"] == "benchgame.market/1"
    assert d["welfare"] == pytest.approx(0.85072, abs=5e-6)
    rows = {r["model"]: r for r in d["models"]}
    assert rows["GPT-4"]["delta_welfare"] == pytest.approx(0.05569, abs=5e-6)
    assert rows["GPT-4"]["winrate"] == pytest.approx(0.43225, abs=5e-6)
    assert d["entry"]["welfare_optimal"]["model"] == "GPT-4"
    assert d["entry"]["spearman"]["winrate"] == pytest.approx(-0.090, abs=5e-4)
    assert d["identities"]["sum_winrate"] < 1e-12


def test_cli_perfect_counts():
    res = runner.invoke(app, ["market", "--format", "json", "--rule", "perfect",
                              "--weights", "counts"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["welfare"] == pytest.approx(0.89571, abs=5e-6)


def test_cli_user_csv_csv_output_and_plot(tmp_path):
    f = tmp_path / "m.csv"
    f.write_text(GOOD)
    out, png = tmp_path / "out.csv", tmp_path / "p.png"
    res = runner.invoke(app, ["market", str(f), "--scale", "10", "--rule", "perfect",
                              "--format", "csv", "-o", str(out), "--plot", str(png)])
    assert res.exit_code == 0, res.output
    lines = out.read_text().splitlines()
    assert lines[0] == "model,winrate,weighted_winrate,delta_welfare"
    # perfect aggregation: x wins A, y wins B, z wins nothing; z's entry changes nothing
    assert lines[1:] == ["x,0.5,0.4,0.15", "y,0.5,0.45,0.2", "z,0,0,0"]
    assert png.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize(("text", "needle"), [
    ("model,A,B\nx,8,2\nx,2,9\n", "row 3, column 'model': model name 'x' is repeated"),
    ("model,A,B\nx,8,abc\n", "row 2, column 'B': value 'abc' is not a number"),
    ("model,A,B\nx,8,nan\n", "row 2, column 'B': value 'nan' is not a number"),
    ("model,A,B\nx,8,\n", "row 2, column 'B': value '' is not a number"),
    ("model,A,B\nx,8\n", "row 2, column 'B'"),
    ("model,A,B\nx,80,2\n", "row 2, column 'A': score 80 / 10 is outside [0, 1]"),
    ("model\n", "no data rows"),
])
def test_cli_bad_csv_writes_nothing(tmp_path, text, needle):
    f = tmp_path / "bad.csv"
    f.write_text(text)
    out = tmp_path / "out.json"
    res = runner.invoke(app, ["market", str(f), "--scale", "10", "--format", "json", "-o",
                              str(out), "--plot", str(tmp_path / "p.png")])
    # the InputError becomes one line on stderr and exit status 2
    assert res.exit_code == 2 and len(res.stderr.splitlines()) == 1
    # one line naming the file, the row and the column
    assert needle in res.stderr
    assert f"file {f.name!r}" in res.stderr
    assert not out.exists() and not (tmp_path / "p.png").exists()


def test_csv_missing_task_column(tmp_path):
    f = tmp_path / "m.csv"
    f.write_text(GOOD)
    with pytest.raises(InputError, match=r"^file 'm.csv', column 'C': is missing") as exc:
        market_from_csv(f, scale=10, tasks=["A", "B", "C"])
    assert "'A', 'B'" in str(exc.value)


def test_csv_task_selection_skips_average_and_strips_header(tmp_path):
    f = tmp_path / "m.csv"
    f.write_text("model, A ,B,avg\nx,8,2,5\ny,2,9,5.5\n")
    m = market_from_csv(f, scale=10, weights=[3, 1])
    assert m.tasks == ("A", "B") and m.models == ("x", "y")
    assert m.weights.tolist() == [0.75, 0.25]
    assert market_from_csv(f, scale=10, tasks=["B"]).quality.tolist() == [[0.2], [0.9]]


def test_cli_bad_rule():
    res = runner.invoke(app, ["market", "--rule", "softmax:-1"])
    assert res.exit_code == 2 and res.stderr.startswith("error: beta: ")


def test_non_utf8_csv_is_input_error_naming_file(tmp_path):
    p = tmp_path / "latin1.csv"
    p.write_bytes("model,A,B\ncaf\u00e9,8,2\ny,2,9\n".encode("latin-1"))
    with pytest.raises(InputError) as exc:
        market_from_csv(p, scale=10)
    assert exc.value.field == "file 'latin1.csv'"
    assert "utf-8" in exc.value.problem.lower()
    res = runner.invoke(app, ["market", str(p), "--scale", "10"])
    assert res.exit_code == 2 and res.stderr.startswith("error: file 'latin1.csv': ")


@pytest.mark.parametrize("extra, field", [
    (["--plot", "/nonexistent-dir/p.png"], "--plot"),
    (["--output", "/nonexistent-dir/rep.json"], "--output"),
])
def test_bad_output_folder_writes_nothing(tmp_path, extra, field):
    rep = tmp_path / "rep.json"
    png = tmp_path / "p.png"
    args = ["market", "-f", "json", "-o", str(rep), "--plot", str(png)]
    # the bad option comes last and overrides the good one
    res = runner.invoke(app, [*args, *extra])
    assert res.exit_code == 2 and res.stderr.startswith(f"error: {field}: ")
    assert not rep.exists() and not png.exists()
    assert list(tmp_path.iterdir()) == []


def test_output_path_that_is_a_folder_is_input_error(tmp_path):
    res = runner.invoke(app, ["market", "-f", "json", "-o", str(tmp_path)])
    assert res.exit_code == 2 and res.stderr.startswith("error: --output: ")
    assert "folder" in res.stderr


def test_one_score_table_reader():
    from benchgame.benchmarks_data import score_table
    from benchgame.mechanisms.marketplace import csv_market

    assert "read_score_table" not in csv_market.__all__  # no second reader of its own
    assert csv_market.read_score_table is score_table.read_score_table


def test_cli_table_headers_and_rule_in_words_at_80_columns():
    res = runner.invoke(app, ["market", "--rule", "softmax:20"], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert max(len(ln) for ln in lines) <= 80
    assert lines[0].strip() == ("benchgame market: MT-Bench-101 (bundled), softmax choice "
                                "(beta = 20)")
    assert lines[2].split("┃")[4].strip() == "welfare change on"
    assert [c.strip() for c in lines[3].split("┃")[1:5]] == [
        "model", "winrate", "weighted winrate", "entry"]
    assert "│ GPT-4                      │ 0.43225 │ 0.36808          │ +0.05569" in res.stdout
    assert "Spearman correlation with the welfare change: winrate -0.090," in " ".join(
        ln.strip() for ln in lines)
