"""Sweep engine: 2 local workers against 1, where the 2-worker run loses time, fixed costs per cell.

1. Claim-verification cells (``claims``: one claim, one seed, 20 generated instances and the
   violation probe per cell) and leaderboard cells (``leaderboard``: equilibrium decision,
   best-response certificate and Delta* of one random population of 5 developers), each with
   ``workers=1`` (Dask synchronous scheduler) and ``workers=2`` (LocalCluster of 2 processes),
   each run in a new Python process as ``benchgame sweep`` runs (the first cell of every
   process, the workers' included, pays its first-use costs: lazy imports, compiled-code caches).
   The goal ratio is rate(2) / rate(1) (goal >= 1.7; ideal 2 on 2 free cores), with rate(1) =
   cells / wall and rate(2) = (cells - setup cells) / (wall - setup): the cluster's setup (TLS
   credentials, worker processes, their imports and a first cell on every worker, which pays
   that process' first-use costs) is a one-time cost, and so is the first cell of the 1-worker
   process, run before its sweep; both are in the end-to-end ratio (warm + wall(1)) / wall(2).
2. Robust to other load on the machine: the sum of the cells' CPU times against the wall
   (busy cores), the 2-worker run's overheads measured by the engine (setup, tail: a worker
   without work before the last result, close, writing parts, consolidating) and a free-core
   estimate from CPU times: one worker needs this process' CPU time P(1) (every cell runs
   here); two workers after their setup need (cells' CPU C(2) + this process' CPU P(2), both
   after the setup) / 2 on two cores, plus the tail and the wait for the cluster to stop; the
   estimate is the ratio of the two rates (cells per second) these times give.
3. Fixed costs against a plain Python loop calling the same cell function over the same cells:
   ratio of wall times and the extra time per cell (batching, Dask, Parquet parts, final table),
   for the leaderboard cell and for a trivial cell (``x * x``) that exposes them.

The load average is printed with every measurement: on a busy machine the 2-worker ratio is
depressed (the workers share the cores with other processes), the free-core estimate much less;
``--repeat N`` alternates N pairs of runs and the goal line gives the medians.

Run: python benchmarks/bench_sweeps.py [--quick] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchgame.experiments.sweeps import (
    Outcome,
    Parameter,
    get_analysis,
    register_analysis,
    run_sweep,
)
from benchgame.experiments.sweeps.cells import expand

GOAL = 1.7


def square_cell(params: dict, seed: int) -> dict:
    """Trivial cell: the engine's fixed costs dominate."""
    return {"value": params["x"] * params["x"] + seed}


def workloads(quick: bool) -> dict[str, dict]:
    k = 1 if quick else 2
    return {
        "claims": {"analysis": "claims", "seeds": 16 * k,
                   "parameters": {"claim": ["general.minimax.theorem",
                                            "general.pure_existence_2x2.corrected"],
                                  "examples": [20]}},
        "leaderboard": {"analysis": "leaderboard", "seeds": 60 * k,
                        "parameters": {"delta": [0.0, 100.0, 1000.0, 1e4, 1e5]}},
        "trivial": {"analysis": "bench.square", "seeds": 100 * k,
                    "parameters": {"x": [float(i) for i in range(20)]}},
    }


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def run(doc: dict, folder: Path, workers: int) -> dict:
    out = folder / f"{doc['analysis']}-{workers}-{time.perf_counter_ns()}.parquet"
    cpu = time.process_time()
    res = run_sweep({**doc, "output": str(out)}, workers=workers)
    cpu = time.process_time() - cpu
    assert res.failed == 0, res.table.loc[res.table["status"] == "failed", "error"].iloc[0]
    return {**res.timings, "cells": res.cells, "batch": res.batch_size, "load": load(),
            "process_cpu": cpu}


def run_fresh(name: str, quick: bool, folder: Path, workers: int) -> dict:
    """``run`` in a new Python process, as ``benchgame sweep`` runs: every process, this one
    and the workers, pays its own first-use costs (lazy imports, compiled-code caches); with
    one worker, one cell runs first (``warm``) so that the sweep does not include them."""
    cmd = [sys.executable, __file__, "--run", name, str(workers), str(folder)]
    done = subprocess.run(cmd + (["--quick"] if quick else []), capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def plain_loop(doc: dict, limit: int | None = None) -> float:
    from benchgame.experiments.sweeps.spec import parse_spec

    spec = parse_spec({**doc, "output": "unused.parquet"})
    a = get_analysis(doc["analysis"])
    cells = expand(spec, a)[:limit]
    t = time.perf_counter()
    for c in cells:
        a.fn(dict(c.params), c.seed)
    return time.perf_counter() - t


def compare(name: str, one: dict, two: dict) -> tuple[float, float, float]:
    """Print both runs and return (goal ratio, end-to-end ratio, free-core estimate)."""
    n = one["cells"]
    r1 = n / one["wall"]
    r2 = (n - two["setup_cells"]) / max(two["wall"] - two["setup"], 1e-9)
    # free cores: one worker needs its process' CPU time; two need the cells' and this
    # process' CPU shared by 2 cores, plus the tail and the wait for the cluster to stop
    free1 = one["process_cpu"]
    free2 = (two["cpu"] - two["setup_cells_cpu"] + two["process_cpu"]
             - two["setup_process_cpu"]) / 2 + two["tail"] + two["close"]
    print(f"{name}: {n} cells")
    print(f"  1 worker : wall {one['wall']:6.2f} s, {r1:7.1f} cells/s, cells' CPU "
          f"{one['cpu']:6.2f} s ({one['cpu'] / one['wall']:.2f} cores busy), batches <= "
          f"{one['batch']}, write {one['write']:.2f} s, consolidate {one['consolidate']:.2f} s"
          f" | {one['load']}")
    busy = (two["cpu"] - two["setup_cells_cpu"]) / (two["wall"] - two["setup"])
    print(f"  2 workers: wall {two['wall']:6.2f} s, {r2:7.1f} cells/s after setup, cells' CPU "
          f"{two['cpu']:6.2f} s ({busy:.2f} cores busy after setup), batches <= "
          f"{two['batch']} | {two['load']}")
    print(f"    overheads: setup {two['setup']:.2f} s ({two['setup_cells']:.0f} cells, "
          f"{two['setup_cells_cpu']:.2f} s of their CPU), tail {two['tail']:.2f} s, close "
          f"{two['close']:.2f} s (after consolidating), write {two['write']:.2f} s, consolidate "
          f"{two['consolidate']:.2f} s, this process' CPU {two['process_cpu']:.2f} s "
          f"(1 worker: {one['process_cpu']:.2f} s)")
    print(f"    free-core estimate from CPU times: 1 worker {free1:.2f} s for {n} cells, 2 workers "
          f"after setup {free2:.2f} s for {n - two['setup_cells']:.0f} cells")
    estimate = ((n - two["setup_cells"]) / free2) / (n / free1)
    return r2 / r1, (one["warm"] + one["wall"]) / two["wall"], estimate


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="half the cells")
    ap.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="pairs of 1- and 2-worker runs per workload (the goal line gives medians)")
    ap.add_argument("--run", nargs=3, metavar=("NAME", "WORKERS", "FOLDER"),
                    help="(internal) run one workload here and print its timings as JSON")
    args = ap.parse_args()
    register_analysis("bench.square", square_cell,
                      parameters={"x": Parameter(float, 0.0)},
                      outcomes={"value": Outcome(float)})
    loads = workloads(args.quick)
    if args.run:
        name, workers, folder = args.run
        # one worker: its first cell, which pays this process' first-use costs, runs before
        # the sweep (as the workers' first cells count as their setup)
        warm = plain_loop(loads[name], limit=1) if workers == "1" else 0.0
        print(json.dumps({**run(loads[name], Path(folder), int(workers)), "warm": warm}))
        return
    goals: dict[str, list[tuple[float, float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in ("claims", "leaderboard"):
            # 1 and 2 workers alternate, so that a change in other load hits both alike
            goals[name] = [compare(name, run_fresh(name, args.quick, folder, 1),
                                   run_fresh(name, args.quick, folder, 2))
                           for _ in range(args.repeat)]
        print("overhead against a plain loop over the same cells (workers=1, synchronous):")
        for name in ("leaderboard", "trivial"):
            doc = loads[name]
            plain_loop(doc, limit=4)  # warm imports and caches
            loop = plain_loop(doc)
            one = run(doc, folder, 1)
            wall, n = one["wall"], one["cells"]
            print(f"  {name:12s} {n:4d} cells: loop {loop:.3f} s, sweep {wall:.3f} s, ratio "
                  f"{wall / loop:.2f}, overhead {(wall - loop) / n * 1e3:.3f} ms/cell")
    for name, runs in goals.items():
        ratio, end_to_end, estimate = (statistics.median(col) for col in zip(*runs, strict=True))
        of = f"median of {len(runs)} runs, " if len(runs) > 1 else ""
        print(f"{name}: 2 workers / 1 worker: {ratio:.2f} (goal >= {GOAL}) "
              f"{'MET' if ratio >= GOAL else 'MISSED'} [{of}setup excluded; end to end "
              f"{end_to_end:.2f}; free-core estimate {estimate:.2f}] | {load()}")


if __name__ == "__main__":
    main()
