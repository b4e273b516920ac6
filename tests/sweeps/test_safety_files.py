"""What a sweep may replace and leave: only its own outputs are replaced (``--overwrite``
included), temporary files of killed runs are removed by the next run, and a bad specification
writes nothing at all."""

from __future__ import annotations

import os
from functools import partial

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from benchgame.cli import app
from benchgame.core.validation import InputError
from benchgame.experiments.sweeps import run_sweep
from benchgame.experiments.sweeps.output_state import beside, parts_dir

run_sweep = partial(run_sweep, allow_imports=True)
IMPORTS = ["tests.sweeps.sweep_test_analyses"]
runner = CliRunner()


def spec(out, **changes):
    doc = {"analysis": "sweep_test.polynomial", "imports": IMPORTS, "output": str(out),
           "seeds": 1, "parameters": {"x": [0.0, 2.0]}}
    doc.update(changes)
    return doc


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
            for p in sorted(folder.rglob("*"))}


@pytest.mark.parametrize("flags", [{}, {"overwrite": True}, {"resume": True}])
@pytest.mark.parametrize("kind", ["text", "parquet", "parts_folder", "staging_file"])
def test_files_this_tool_did_not_write_are_never_replaced(tmp_path, flags, kind):
    out = tmp_path / ("victim.txt" if kind == "text" else "t.parquet")
    if kind == "text":
        out.write_text("precious\n")
    elif kind == "parquet":
        pq.write_table(pa.table({"a": [1, 2]}), out)
    elif kind == "parts_folder":
        parts_dir(out).mkdir()
        (parts_dir(out) / "notes.md").write_text("mine\n")
    else:
        beside(out, "staging").write_text("mine\n")
    before = snapshot(tmp_path)
    with pytest.raises(InputError) as exc:
        run_sweep(spec(out), workers=1, **flags)
    assert exc.value.field == "output" and "is not" in exc.value.problem
    assert "--overwrite included" in exc.value.fix
    assert snapshot(tmp_path) == before


def test_cli_refuses_to_overwrite_a_non_parquet_file(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    toml = tmp_path / "s.toml"
    toml.write_text(f'analysis = "leaderboard"\noutput = "{victim.as_posix()}"\n'
                    "[parameters]\ndelta = [0.0]\ndevelopers = [3]\n")
    res = runner.invoke(app, ["sweep", str(toml), "--overwrite", "--workers", "1"])
    assert res.exit_code == 2 and len(res.output.strip().splitlines()) == 1
    assert "is not a benchgame sweep table (not Parquet)" in res.output
    assert victim.read_text() == "precious\n"
    assert sorted(os.listdir(tmp_path)) == ["s.toml", "victim.txt"]


def test_temporary_files_of_a_killed_run_are_removed_by_the_next_run(tmp_path):
    out = tmp_path / "k.parquet"
    run_sweep(spec(out), workers=1)
    # what a run killed just before its renames leaves (atomic_write's names)
    (tmp_path / ".k.parquet.a1b2c3d4.tmp").write_bytes(b"half a table")
    parts_dir(out).mkdir()
    (parts_dir(out) / ".manifest.json.zz9_0000.tmp").write_text("{")
    other = tmp_path / ".k.parquet.x.a1b2c3d4.tmp"      # another output's: left alone
    other.write_bytes(b"")
    res = run_sweep(spec(out), workers=1, resume=True)
    assert res.computed == 0 and res.table["value"].tolist() == [0.0, 4.0]
    assert sorted(os.listdir(tmp_path)) == [".k.parquet.x.a1b2c3d4.tmp", "k.parquet"]


@pytest.mark.parametrize("changes, field", [
    ({"seeds": -1}, "seeds"),
    ({"parameters": {"x": [0.0], "nope": [1]}}, "parameters.nope"),
    ({"analysis": "leaderboard", "imports": [], "parameters": {"developers": [2 ** 70]}},
     "parameters.developers"),
    ({"design": "random", "parameters": {"x": [1.0]}}, "samples"),
])
def test_a_bad_specification_writes_nothing(tmp_path, changes, field):
    with pytest.raises(InputError) as exc:
        run_sweep(spec(tmp_path / "b.parquet", **changes), workers=1)
    assert exc.value.field == field
    assert os.listdir(tmp_path) == []                   # not even manifest.json or a lock


def test_existing_parts_without_flags_are_kept(tmp_path):
    out = tmp_path / "p.parquet"

    def interrupt(done, total):
        if done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_sweep(spec(out, batch_size=1), workers=1, progress=interrupt)
    before = snapshot(tmp_path)
    with pytest.raises(InputError, match="already exists") as exc:
        run_sweep(spec(out, batch_size=1), workers=1)
    assert "--resume" in exc.value.fix
    assert snapshot(tmp_path) == before
