"""``--overwrite`` keeps the earlier table (and parts) until the new table is complete; what an
interrupted or killed overwrite leaves is cleaned by the next run."""

from __future__ import annotations

import os
from functools import partial

import pyarrow.parquet as pq
import pytest

from benchgame.experiments.sweeps import output_state, run_sweep
from benchgame.experiments.sweeps.output_state import beside, parts_dir

run_sweep = partial(run_sweep, allow_imports=True)
IMPORTS = ["tests.sweeps.sweep_test_analyses"]


def spec(out, xs=(0.0, 1.0, 2.0, 3.0), **changes):
    doc = {"analysis": "sweep_test.polynomial", "imports": IMPORTS, "output": str(out),
           "seeds": 1, "batch_size": 1, "parameters": {"x": list(xs)}}
    doc.update(changes)
    return doc


class Interrupt(Exception):
    pass


def stop_after(batches: int):
    seen = []

    def progress(done, total):
        seen.append(done)
        if len(seen) == batches + 1:       # the initial call, then one per finished batch
            raise Interrupt

    return progress


def test_interrupted_overwrite_leaves_the_old_table_and_parts_intact(tmp_path):
    out = tmp_path / "o.parquet"
    run_sweep(spec(out), workers=1)
    table = out.read_bytes()
    with pytest.raises(Interrupt):
        run_sweep(spec(out, xs=(5.0, 6.0, 7.0)), workers=1, overwrite=True,
                  progress=stop_after(2))
    assert out.read_bytes() == table
    assert sorted(p.name for p in beside(out, "staging").glob("part-*")) != []
    assert not parts_dir(out).exists()
    assert pq.read_table(out).column("x").to_pylist() == [0.0, 1.0, 2.0, 3.0]
    # the earlier results are still resumable with their own specification
    res = run_sweep(spec(out), workers=1, resume=True)
    assert res.computed == 0 and res.resumed == 4
    assert sorted(os.listdir(tmp_path)) == ["o.parquet"]          # the stale .new/ is gone


def test_interrupted_overwrite_keeps_the_parts_of_an_interrupted_run(tmp_path):
    out = tmp_path / "o.parquet"
    with pytest.raises(Interrupt):
        run_sweep(spec(out), workers=1, progress=stop_after(2))
    parts = sorted(p.name for p in parts_dir(out).glob("part-*"))
    assert len(parts) == 2
    with pytest.raises(Interrupt):
        run_sweep(spec(out, xs=(9.0, 8.0)), workers=1, overwrite=True,
                  progress=stop_after(1))
    assert sorted(p.name for p in parts_dir(out).glob("part-*")) == parts
    res = run_sweep(spec(out), workers=1, resume=True)
    assert (res.resumed, res.computed) == (2, 2)
    assert res.table["value"].tolist() == [0.0, 1.0, 4.0, 9.0]


def test_completed_overwrite_replaces_the_table_and_removes_old_parts(tmp_path):
    out = tmp_path / "o.parquet"
    with pytest.raises(Interrupt):
        run_sweep(spec(out), workers=1, progress=stop_after(1))
    res = run_sweep(spec(out, xs=(5.0, 6.0)), workers=1, overwrite=True)
    assert res.computed == 2 and res.table["value"].tolist() == [25.0, 36.0]
    assert sorted(os.listdir(tmp_path)) == ["o.parquet"]
    assert pq.read_table(out).column("x").to_pylist() == [5.0, 6.0]


def test_overwrite_killed_after_the_swap_is_finished_by_the_next_run(tmp_path, monkeypatch):
    out = tmp_path / "o.parquet"
    with pytest.raises(Interrupt):
        run_sweep(spec(out), workers=1, progress=stop_after(1))

    def killed(output, work):
        raise Interrupt

    monkeypatch.setattr(output_state, "finish", killed)
    with pytest.raises(Interrupt):
        run_sweep(spec(out, xs=(5.0, 6.0)), workers=1, overwrite=True)
    monkeypatch.undo()
    assert beside(out, "staging").is_dir() and parts_dir(out).is_dir()   # as a kill leaves them
    assert pq.read_table(out).column("x").to_pylist() == [5.0, 6.0]
    # the new table is in place: its leftovers (and the old parts) are removed, and it resumes
    res = run_sweep(spec(out, xs=(5.0, 6.0)), workers=1, resume=True)
    assert (res.resumed, res.computed) == (2, 0)
    assert sorted(os.listdir(tmp_path)) == ["o.parquet"]
