"""Where cells run: two timed cells before choosing the worker count, cells computed here while
an embedded cluster starts, one first cell on every worker, and no worker process left behind."""

from __future__ import annotations

import multiprocessing
import os
from functools import partial

import pandas as pd
import pytest

from benchgame.experiments.sweeps import execution, run_sweep
from benchgame.experiments.sweeps.batch_queue import BatchQueue
from benchgame.experiments.sweeps.cells import expand
from benchgame.experiments.sweeps.spec import parse_spec

from .test_sweep_engine import check_values, comparable, spec

run_sweep = partial(run_sweep, allow_imports=True)


def test_probe_times_two_cells_here_stores_them_and_estimates_the_rest(tmp_path):
    sp = parse_spec(spec(tmp_path / "p.parquet", seeds=1, parameters={"x": [1.0, 2.0, 3.0,
                                                                           4.0, 5.0]}),
                    allow_imports=True)
    a = sp.get_analysis()
    queue = BatchQueue(expand(sp, a))
    stored: list[list[dict]] = []
    estimate = execution.probe(a, sp, {k: o.kind for k, o in a.outcomes.items()}, queue,
                               stored.append)
    assert [[r["cell"] for r in rows] for rows in stored] == [[0], [1]]
    assert [rows[0]["value"] for rows in stored] == [1.0, 4.0]
    assert queue.remaining == 3
    assert estimate == min(max(rows[0]["seconds"], 1e-5) for rows in stored) * 3


def test_probe_of_nothing_estimates_nothing(tmp_path):
    sp = parse_spec(spec(tmp_path / "p.parquet"), allow_imports=True)
    a = sp.get_analysis()
    assert execution.probe(a, sp, {}, BatchQueue([]), lambda rows: None) is None


def test_two_workers_leave_no_process_behind_and_report_their_setup(tmp_path):
    two = run_sweep(spec(tmp_path / "two.parquet"), workers=2)
    assert not multiprocessing.active_children()
    check_values(two.table)
    assert two.timings["setup_cells"] == 2.0      # the first cell of each worker
    assert set(two.timings) == {"wall", "setup", "setup_cells", "setup_cells_cpu",
                                "setup_process_cpu", "tail", "close", "compute", "cpu",
                                "write", "consolidate"}


@pytest.mark.slow
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one CPU: a timed sweep runs here")
def test_a_timed_long_sweep_computes_here_while_its_cluster_starts(tmp_path, monkeypatch):
    slow = {"x": [0.0, 0.5, 1.0, 1.5, 2.0, 3.0], "fail_at": [1.5], "sleep": [0.05]}
    one = run_sweep(spec(tmp_path / "one.parquet", parameters=slow), workers=1)
    monkeypatch.setattr(execution, "CLUSTER_PAYS_OFF_SECONDS", 0.0)  # any estimate: cluster
    auto = run_sweep(spec(tmp_path / "auto.parquet", parameters=slow))
    assert auto.method.startswith(f"dask.distributed LocalCluster(n_workers={os.cpu_count()}")
    assert not multiprocessing.active_children()
    check_values(auto.table)
    pd.testing.assert_frame_equal(comparable(auto.table), comparable(one.table))
    # the two timed cells are stored before the cluster starts; cells computed here while
    # it starts and the workers' first cells count as its setup
    assert auto.timings["setup_cells"] >= 1.0
    assert auto.computed == 18 and auto.failed == 3
