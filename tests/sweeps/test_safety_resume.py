"""``--resume`` continues only the stored specification (a changed one is refused in one line
naming the keys), and computes failed cells again unless ``--keep-failed``."""

from __future__ import annotations

import json
import os
from functools import partial

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from benchgame.cli import app
from benchgame.core.validation import InputError
from benchgame.experiments.sweeps import run_sweep
from benchgame.experiments.sweeps.output_state import parts_dir

run_sweep = partial(run_sweep, allow_imports=True)
IMPORTS = ["tests.sweeps.sweep_test_analyses"]
runner = CliRunner()


def spec(out, **changes):
    doc = {"analysis": "sweep_test.polynomial", "imports": IMPORTS, "output": str(out),
           "seeds": 2, "batch_size": 2, "parameters": {"x": [0.0, 1.0, 2.0], "tag": ["a"]}}
    doc.update(changes)
    return doc


class Interrupt(Exception):
    pass


def interrupted(out, **changes):
    def progress(done, total):
        if done >= 2:
            raise Interrupt

    with pytest.raises(Interrupt):
        run_sweep(spec(out, **changes), workers=1, progress=progress)


@pytest.mark.parametrize("stored", ["parts", "table"])
def test_changed_specification_is_refused_naming_the_keys(tmp_path, stored):
    out = tmp_path / "r.parquet"
    if stored == "parts":
        interrupted(out)
    else:
        run_sweep(spec(out), workers=1)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    changed = spec(out, seeds=3, parameters={"x": [0.0, 1.0], "tag": ["a"]})
    with pytest.raises(InputError) as exc:
        run_sweep(changed, workers=1, resume=True)
    assert exc.value.field == "--resume"
    assert exc.value.problem == (f"the specification differs from the one stored with "
                                 f"{str(out)!r} in parameters.x, seeds")
    assert "--overwrite" in exc.value.fix and "new output" in exc.value.fix
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
    # batch size and output do not change the cells: the same specification resumes
    res = run_sweep(spec(out, batch_size=5), workers=1, resume=True)
    assert res.cells == 6 and res.table["value"].tolist() == [0.0, 1.0, 1.0, 2.0, 4.0, 5.0]


def test_cli_refusal_is_one_line_and_exit_2(tmp_path):
    out = tmp_path / "r.parquet"
    interrupted(out)
    path = tmp_path / "s.toml"
    path.write_text(f'analysis = "sweep_test.polynomial"\nimports = {json.dumps(IMPORTS)}\n'
                    f'output = {json.dumps(str(out))}\nseeds = 2\nbatch_size = 2\n'
                    '[parameters]\nx = [0.0]\ntag = ["b"]\n')
    res = runner.invoke(app, ["sweep", "--allow-imports", str(path), "--resume",
                              "--workers", "1"])
    assert res.exit_code == 2
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and "parameters.tag, parameters.x" in lines[0]
    assert "Traceback" not in res.output


def test_failed_cells_are_computed_again_on_resume(tmp_path, monkeypatch):
    flag = tmp_path / "transient"
    flag.write_text("")
    monkeypatch.setenv("BENCHGAME_TEST_FLAKY", str(flag))
    out = tmp_path / "f.parquet"
    doc = {"analysis": "sweep_test.flaky", "imports": IMPORTS, "output": str(out), "seeds": 1,
           "parameters": {"x": [0.0, 1.0, 2.0, 3.0], "flaky_from": [2.0]}}
    first = run_sweep(doc, workers=1)
    assert first.table["status"].tolist() == ["ok", "ok", "failed", "failed"]
    assert first.table["error"][2] == "MemoryError: transient failure at x = 2.0"
    kept = run_sweep(doc, workers=1, resume=True, keep_failed=True)      # still failing
    assert (kept.resumed, kept.computed, kept.failed) == (4, 0, 2)
    retried = run_sweep(doc, workers=1, resume=True)                     # still failing too
    assert (retried.resumed, retried.computed, retried.failed) == (2, 2, 2)
    flag.unlink()                                                        # the cause is gone
    res = run_sweep(doc, workers=1, resume=True)
    assert (res.resumed, res.computed, res.failed) == (2, 2, 0)
    assert res.table["value"].tolist() == [0.0, 1.0, 2.0, 3.0]
    assert pq.read_table(out).column("status").to_pylist() == ["ok"] * 4
    assert not parts_dir(out).exists()


def test_keep_failed_needs_resume(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('analysis = "leaderboard"\noutput = "x.parquet"\n[parameters]\n'
                    "delta = [0.0]\n")
    res = runner.invoke(app, ["sweep", str(path), "--keep-failed"])
    assert res.exit_code == 2 and "--keep-failed" in res.output
    assert os.listdir(tmp_path) == ["s.toml"]
