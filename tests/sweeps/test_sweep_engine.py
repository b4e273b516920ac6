"""The sweep engine: exact values, failures recorded per cell, identical tables with 1 and 2
workers, after an interruption and ``resume``, and with any batch size."""

from __future__ import annotations

import os
from functools import partial

import pandas as pd
import pyarrow.parquet as pq
import pytest

from benchgame.experiments.sweeps import run_sweep
from benchgame.experiments.sweeps.storage import parts_dir

# specifications in these tests name the test analyses' module under imports
run_sweep = partial(run_sweep, allow_imports=True)

IMPORTS = ["tests.sweeps.sweep_test_analyses"]
XS = [0.0, 0.5, 1.0, 1.5, 2.0, 3.0]


def spec(out, **changes):
    doc = {"analysis": "sweep_test.polynomial", "imports": IMPORTS, "output": str(out),
           "seeds": 3, "parameters": {"x": XS, "fail_at": [1.5]}}
    doc.update(changes)
    return doc


def comparable(df: pd.DataFrame) -> pd.DataFrame:
    return df.drop(columns="seconds").sort_values("cell_id").reset_index(drop=True)


def check_values(df: pd.DataFrame) -> None:
    assert len(df) == len(XS) * 3
    assert df["cell"].tolist() == list(range(len(df)))
    ok = df[df["status"] == "ok"]
    bad = df[df["status"] == "failed"]
    assert sorted(set(bad["x"])) == [1.5] and len(bad) == 3
    assert set(bad["error"]) == {"ArithmeticError: planted failure at x = 1.5"}
    assert bad["value"].isna().all() and bad["label"].isna().all()
    assert (ok["value"] == ok["x"] ** 2 + ok["seed"]).all()
    assert (ok["positive"] == (ok["value"] > 0)).all()
    assert (ok["label"] == "t:" + ok["seed"].astype(str)).all()
    assert (ok["rounded"] == (ok["x"] ** 2 + ok["seed"]).round()).all()
    assert ok["missing"].isna().all() and (ok["error"] == "").all()


def test_one_worker_values_failures_and_files(tmp_path):
    res = run_sweep(spec(tmp_path / "a.parquet"), workers=1)
    assert res.method == "dask synchronous scheduler"
    assert res.failed == 3 and not res.ok and res.cells == 18 and res.computed == 18
    check_values(res.table)
    assert os.listdir(tmp_path) == ["a.parquet"]          # parts removed after consolidation
    on_disk = pq.read_table(res.path).to_pandas()
    pd.testing.assert_frame_equal(on_disk, res.table)
    assert list(res.table.columns[:8]) == ["cell", "cell_id", "x", "tag", "sleep", "fail_at",
                                           "seed", "status"]


def test_batch_size_does_not_change_the_table(tmp_path):
    auto = run_sweep(spec(tmp_path / "a.parquet"), workers=1)
    for size in (1, 4, 100):
        other = run_sweep(spec(tmp_path / f"b{size}.parquet", batch_size=size), workers=1)
        assert other.batch_size == size
        pd.testing.assert_frame_equal(comparable(other.table), comparable(auto.table))


def test_two_local_workers_match_one_worker(tmp_path):
    one = run_sweep(spec(tmp_path / "one.parquet"), workers=1)
    two = run_sweep(spec(tmp_path / "two.parquet", batch_size=2), workers=2)
    assert two.method.startswith("dask.distributed LocalCluster(n_workers=2")
    assert two.failed == 3
    check_values(two.table)
    pd.testing.assert_frame_equal(comparable(two.table), comparable(one.table))


class Interrupt(Exception):
    pass


def test_interrupted_sweep_resumes_to_the_same_table(tmp_path):
    full = run_sweep(spec(tmp_path / "full.parquet"), workers=1)
    out = tmp_path / "cut.parquet"
    seen = []

    def stop_after_three_batches(done, total):
        seen.append(done)
        if len(seen) == 4:          # initial call + three finished batches
            raise Interrupt

    with pytest.raises(Interrupt):
        run_sweep(spec(out, batch_size=2), workers=1, progress=stop_after_three_batches)
    parts = sorted(parts_dir(out).glob("part-*.parquet"))
    assert len(parts) == 3 and not out.exists()
    assert sum(pq.read_metadata(p).num_rows for p in parts) == 6
    calls = []
    res = run_sweep(spec(out, batch_size=2), workers=1, resume=True,
                    progress=lambda d, t: calls.append((d, t)))
    assert res.resumed == 6 and res.computed == 12
    assert calls[0] == (6, 18) and calls[-1] == (18, 18)
    pd.testing.assert_frame_equal(comparable(res.table), comparable(full.table))
    assert not parts_dir(out).exists()


def test_resume_of_a_finished_sweep_refuses_another_grid_and_recomputes_nothing(tmp_path):
    from benchgame.core.validation import InputError

    out = tmp_path / "grow.parquet"
    first = run_sweep(spec(out, parameters={"x": XS[:3], "fail_at": [1.5]}), workers=1)
    assert first.computed == 9
    before = out.read_bytes()
    for changed in ({"x": XS, "fail_at": [1.5]}, {"x": [3.0], "fail_at": [1.5]}):
        with pytest.raises(InputError) as exc:
            run_sweep(spec(out, parameters=changed), workers=1, resume=True)
        assert exc.value.field == "--resume" and exc.value.problem.endswith("in parameters.x")
        assert out.read_bytes() == before and sorted(os.listdir(tmp_path)) == ["grow.parquet"]
    again = run_sweep(spec(out, parameters={"x": XS[:3], "fail_at": [1.5]}), workers=1,
                      resume=True, keep_failed=True)
    assert again.computed == 0 and again.resumed == 9
    pd.testing.assert_frame_equal(comparable(again.table), comparable(first.table))


def test_undeclared_or_mistyped_outcomes_fail_the_cell(tmp_path):
    from benchgame.experiments.sweeps import Outcome, Parameter, register_analysis

    register_analysis("sweep_test.bad_outcomes", _bad_outcomes, replace=True,
                      parameters={"k": Parameter(int, 0)},
                      outcomes={"v": Outcome(float)})
    res = run_sweep({"analysis": "sweep_test.bad_outcomes", "output": str(tmp_path / "b.pq"),
                     "parameters": {"k": [0, 1, 2]}}, workers=1)
    assert res.table["status"].tolist() == ["ok", "failed", "failed"]
    assert res.table["v"].tolist()[0] == 0.5
    assert "undeclared column(s) ['w']" in res.table["error"][1]
    assert "not a number" in res.table["error"][2]


def _bad_outcomes(params, seed):
    return [{"v": 0.5}, {"v": 1.0, "w": 2.0}, {"v": "text"}][params["k"]]


def test_running_scheduler_address(tmp_path):
    from dask.distributed import LocalCluster

    one = run_sweep(spec(tmp_path / "one.parquet"), workers=1)
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                      dashboard_address=None) as cluster:
        remote = run_sweep(spec(tmp_path / "remote.parquet", batch_size=3),
                           scheduler=cluster.scheduler_address)
    assert remote.method == f"dask.distributed at {cluster.scheduler_address}"
    check_values(remote.table)
    pd.testing.assert_frame_equal(comparable(remote.table), comparable(one.table))


def test_final_table_carries_the_specification(tmp_path):
    import json

    res = run_sweep(spec(tmp_path / "m.parquet", seeds=[4]), workers=1)
    meta = pq.read_schema(res.path).metadata
    assert meta[b"benchgame.analysis"] == b"sweep_test.polynomial"
    stored = json.loads(meta[b"benchgame.spec"])
    assert stored["seeds"] == [4] and stored["parameters"]["x"] == XS


@pytest.mark.slow
def test_unreachable_scheduler_is_an_input_error_before_anything_is_written(tmp_path):
    from benchgame.core.validation import InputError

    out = tmp_path / "never.parquet"
    with pytest.raises(InputError, match="scheduler"):
        run_sweep(spec(out), scheduler="tcp://127.0.0.1:9")  # port 9: discard, nothing listens
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_a_dying_worker_fails_only_its_batch(tmp_path):
    doc = {"analysis": "sweep_test.crash", "imports": IMPORTS, "output": str(tmp_path / "c.pq"),
           "seeds": 1, "batch_size": 1,
           "parameters": {"x": [0.0, 1.0, 2.0, 3.0], "crash_at": [2.0]}}
    res = run_sweep(doc, workers=2)
    table = res.table.set_index("x")
    assert res.failed == 1 and table.loc[2.0, "status"] == "failed"
    assert "task failed" in table.loc[2.0, "error"]
    ok = table.drop(index=2.0)
    assert (ok["status"] == "ok").all() and (ok["value"] == ok.index).all()
