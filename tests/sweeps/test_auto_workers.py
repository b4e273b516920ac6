"""A sweep that does not name its workers runs in this process when it is short."""

from __future__ import annotations

import os

from benchgame.experiments.sweeps import run_sweep
from benchgame.experiments.sweeps.engine import CLUSTER_PAYS_OFF_SECONDS, auto_workers


def test_auto_workers_by_estimated_compute():
    cpus = os.cpu_count() or 1
    assert CLUSTER_PAYS_OFF_SECONDS == 10.0
    assert auto_workers(0.0) == 1
    assert auto_workers(9.99) == 1
    assert auto_workers(10.0) == cpus
    assert auto_workers(None) == cpus


def test_short_sweep_without_workers_uses_the_synchronous_scheduler(tmp_path):
    res = run_sweep({"analysis": "leaderboard", "output": str(tmp_path / "t.parquet"),
                     "seeds": 1, "parameters": {"delta": [0.0, 1000.0], "developers": [3],
                                                "threshold": [False]}})
    assert res.method == "dask synchronous scheduler"
    assert res.failed == 0 and res.cells == 2
    assert res.table["status"].tolist() == ["ok", "ok"]
