"""``benchgame sweep``: exit codes, JSON report, plots, and a real kill of a running sweep
followed by ``--resume``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
from typer.testing import CliRunner

from benchgame.cli import app
from benchgame.experiments.sweeps import run_sweep
from benchgame.experiments.sweeps.storage import parts_dir

# specifications in these tests name the test analyses' module under imports
SWEEP = ["sweep", "--allow-imports"]
run_sweep = partial(run_sweep, allow_imports=True)

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]

SPEC = """\
analysis = "sweep_test.polynomial"
imports = ["tests.sweeps.sweep_test_analyses"]
output = "{output}"
seeds = {seeds}
{extra}
[parameters]
x = [{xs}]
{params}
"""


def write_spec(folder: Path, name: str = "s.toml", *, seeds: int = 2, xs=(0.0, 1.0, 2.0, 3.0),
               params: str = "fail_at = [2.0]", extra: str = "") -> Path:
    p = folder / name
    p.write_text(SPEC.format(output=(folder / "out.parquet").as_posix(), seeds=seeds,
                             xs=", ".join(map(str, xs)), params=params, extra=extra),
                 encoding="utf-8")
    return p


def test_failed_cells_give_exit_code_3_and_a_json_report(tmp_path):
    res = runner.invoke(app, [*SWEEP, str(write_spec(tmp_path)), "--workers", "1",
                              "--format", "json"])
    assert res.exit_code == 3, res.output
    d = json.loads(res.output)
    assert d["schema"] == "benchgame.sweep/1" and d["analysis"] == "sweep_test.polynomial"
    s = d["summary"]
    assert (s["cells"], s["ok"], s["failed"], s["computed"], s["resumed"]) == (8, 6, 2, 8, 0)
    assert [f["params"]["x"] for f in d["failures"]] == [2.0, 2.0]
    assert [f["seed"] for f in d["failures"]] == [0, 1]
    assert d["failures"][0]["error"] == "ArithmeticError: planted failure at x = 2.0"
    v = d["outcomes"]["value"]
    # ok cells: x in {0, 1, 3}, seeds {0, 1}: values 0, 1, 1, 2, 9, 10
    assert v["count"] == 6 and v["min"] == 0.0 and v["max"] == 10.0
    assert abs(v["mean"] - 23.0 / 6.0) < 1e-12
    assert d["outcomes"]["positive"]["true_fraction"] == 5 / 6
    assert d["outcomes"]["label"]["values"] == {"t:0": 3, "t:1": 3}
    table = pq.read_table(tmp_path / "out.parquet").to_pandas()
    assert table["status"].tolist().count("failed") == 2


def test_all_ok_exits_0_and_prints_the_summary_table(tmp_path):
    spec = write_spec(tmp_path, params="")
    res = runner.invoke(app, [*SWEEP, str(spec), "--workers", "1"])
    assert res.exit_code == 0, res.output
    assert "benchgame sweep: sweep_test.polynomial" in res.output
    assert "outcomes (cells with status ok)" in res.output


def test_bad_input_exits_2_and_writes_nothing(tmp_path):
    spec = write_spec(tmp_path, params="speed = [1.0]")
    res = runner.invoke(app, [*SWEEP, str(spec), "--workers", "1"])
    assert res.exit_code == 2
    assert "parameters.speed" in res.output
    assert sorted(os.listdir(tmp_path)) == ["s.toml"]
    good = write_spec(tmp_path, "g.toml", params="")
    res = runner.invoke(app, [*SWEEP, str(good), "--plot", str(tmp_path / "p.png"),
                              "--x", "x"])
    assert res.exit_code == 2 and "--outcome" in res.output
    res = runner.invoke(app, [*SWEEP, str(good), "--plot", str(tmp_path / "p.png"),
                              "--x", "speed", "--outcome", "value"])
    assert res.exit_code == 2 and "--x" in res.output
    assert sorted(os.listdir(tmp_path)) == ["g.toml", "s.toml"]


def test_line_and_heat_map_plots(tmp_path):
    spec = write_spec(tmp_path, params='tag = ["a", "b"]')
    line = tmp_path / "line.png"
    res = runner.invoke(app, [*SWEEP, str(spec), "--workers", "1", "--plot", str(line),
                              "--x", "x", "--outcome", "value"])
    assert res.exit_code == 0, res.output
    assert line.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    heat = tmp_path / "heat.png"
    res = runner.invoke(app, [*SWEEP, str(spec), "--workers", "1", "--overwrite", "--plot",
                              str(heat), "--x", "x", "--y", "tag", "--outcome", "positive"])
    assert res.exit_code == 0, res.output
    assert heat.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_keyboard_interrupt_exits_130(tmp_path, monkeypatch):
    import benchgame.experiments.sweeps as sweeps

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(sweeps, "run_sweep", interrupted)
    res = runner.invoke(app, [*SWEEP, str(write_spec(tmp_path)), "--workers", "1"])
    assert res.exit_code == 130 and "--resume" in res.output


def test_killed_sweep_resumes_to_the_uninterrupted_table(tmp_path):
    xs = tuple(float(k) for k in range(15))
    spec = write_spec(tmp_path, xs=xs, params="sleep = [0.04]\nfail_at = [7.0]",
                      extra="batch_size = 2")
    out = tmp_path / "out.parquet"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "benchgame", *SWEEP, str(spec),
                             "--workers", "1"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if len(list(parts_dir(out).glob("part-*.parquet"))) >= 3 or proc.poll() is not None:
                break
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()
    parts = list(parts_dir(out).glob("part-*.parquet"))
    assert 3 <= len(parts) < 15 and not out.exists()
    stored = sum(pq.read_metadata(p).num_rows for p in parts)
    res = runner.invoke(app, [*SWEEP, str(spec), "--workers", "1", "--format", "json"])
    assert res.exit_code == 2 and "--resume" in res.output     # refuses to clobber the parts
    res = runner.invoke(app, [*SWEEP, str(spec), "--workers", "1", "--resume",
                              "--format", "json"])
    assert res.exit_code == 3, res.output                       # the planted failures
    d = json.loads(res.output)
    assert d["summary"]["resumed"] == stored and d["summary"]["computed"] == 30 - stored
    resumed = pq.read_table(out).to_pandas()
    full = run_sweep(spec, output=tmp_path / "full.parquet", workers=1).table

    def comparable(df):
        return df.drop(columns="seconds").sort_values("cell_id").reset_index(drop=True)

    pd.testing.assert_frame_equal(comparable(resumed), comparable(full))
    assert (resumed["status"] == "failed").sum() == 2
    assert resumed.loc[resumed["status"] == "ok", "value"].sum() == sum(
        x * x * 2 + 1 for x in xs if x != 7.0)


def test_shipped_examples_parse_and_the_designer_example_runs(tmp_path):
    from importlib import resources

    from benchgame.cli.commands.sweep import EXAMPLES
    from benchgame.experiments.sweeps import load_spec
    from benchgame.experiments.sweeps.cells import expand

    for name in EXAMPLES:
        spec = load_spec(str(resources.files("benchgame.examples") / f"sweep_{name}.toml"))
        assert 10 <= len(expand(spec)) <= 200, name
    res = runner.invoke(app, [*SWEEP, "--example", "designer", "--workers", "1",
                              "--output", str(tmp_path / "d.parquet"), "--format", "json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)["designer"]
    fractions = {(c["protocol"], c["delta"]): c["fraction"] for c in d["candidates"]}
    assert fractions[("tbt", 300.0)] <= fractions[("tbt", 3000.0)] <= fractions[("tbt", 30000.0)]
    assert d["chosen"] is not None and d["chosen"]["fraction"] == 1.0
    assert d["chosen"]["cost"] == min(c["cost"] for c in d["candidates"] if c["meets"])
