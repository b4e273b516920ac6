"""Sweep engine: throughput with 1 and 2 local workers, and scheduling overhead per cell.

1. Throughput (cells per second) of claim-verification cells (``claims``: one claim, one seed,
   20 generated instances and the violation probe per cell) and of leaderboard cells
   (``leaderboard``: equilibrium decision, best-response certificate and Delta* of one random
   population of 5 developers) with ``workers=1`` (Dask synchronous scheduler) and ``workers=2``
   (LocalCluster of 2 processes). Rates are computed on the wall time without the cluster start
   (reported separately); the scaling ratio is rate(2) / rate(1) (ideal: 2 on 2 free cores).
2. Overhead against a plain Python loop calling the same cell function over the same cells:
   ratio of wall times and the extra time per cell (batching, Dask, Parquet parts, final table),
   for the leaderboard cell and for a trivial cell (``x * x``) that exposes the fixed costs.

Run: python benchmarks/bench_sweeps.py [--quick]
"""

from __future__ import annotations

import argparse
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


def run(doc: dict, folder: Path, workers: int) -> tuple[float, float, int]:
    out = folder / f"{doc['analysis']}-{workers}-{time.perf_counter_ns()}.parquet"
    res = run_sweep({**doc, "output": str(out)}, workers=workers)
    assert res.failed == 0, res.table.loc[res.table["status"] == "failed", "error"].iloc[0]
    return res.timings["wall"], res.timings["setup"], res.cells


def plain_loop(doc: dict, limit: int | None = None) -> float:
    from benchgame.experiments.sweeps.spec import parse_spec

    spec = parse_spec({**doc, "output": "unused.parquet"})
    a = get_analysis(doc["analysis"])
    cells = expand(spec, a)[:limit]
    t = time.perf_counter()
    for c in cells:
        a.fn(dict(c.params), c.seed)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="half the cells")
    args = ap.parse_args()
    register_analysis("bench.square", square_cell,
                      parameters={"x": Parameter(float, 0.0)},
                      outcomes={"value": Outcome(float)})
    loads = workloads(args.quick)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in ("claims", "leaderboard"):
            doc = loads[name]
            plain_loop(doc, limit=4)  # warm imports and caches
            w1, _, n = run(doc, folder, 1)
            w2, setup2, _ = run(doc, folder, 2)
            r1, r2 = n / w1, n / max(w2 - setup2, 1e-9)
            print(f"{name:12s} {n:4d} cells: 1 worker {r1:8.1f} cells/s | 2 workers "
                  f"{r2:8.1f} cells/s (+ {setup2:.2f} s cluster start; with it "
                  f"{n / w2:.1f} cells/s) | scaling ratio 2w/1w = {r2 / r1:.2f}")
        print("overhead against a plain loop over the same cells (workers=1, synchronous):")
        for name in ("leaderboard", "trivial"):
            doc = loads[name]
            loop = plain_loop(doc)
            wall, _, n = run(doc, folder, 1)
            print(f"  {name:12s} {n:4d} cells: loop {loop:.3f} s, sweep {wall:.3f} s, ratio "
                  f"{wall / loop:.2f}, overhead {(wall - loop) / n * 1e3:.3f} ms/cell")


if __name__ == "__main__":
    main()
