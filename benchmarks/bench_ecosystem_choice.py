"""Benchmark choice in the ecosystem simulation: the vectorized Gumbel-top-K draw used per step
(benchgame.analyses.ecosystem.simulation.gumbel_top_k, all models of a step at once) against the
reference loop over agents (one ``Generator.choice(n, K, replace=False, p=w)`` per model, numpy's
successive sampling). Both draw K = 4 distinct benchmarks per model with P(j) proportional to w_j.
Median of 5 warm runs, for a typical step (10 models) and a crowded one (200 models), 400
benchmarks. Also checks that both give the same inclusion frequencies.

Run: python benchmarks/bench_ecosystem_choice.py   (prints times and ratios)
"""

from __future__ import annotations

import time

import numpy as np

from benchgame.analyses.ecosystem.simulation import gumbel_top_k


def loop_choice(w: np.ndarray, m: int, k: int, rng: np.random.Generator) -> np.ndarray:
    p = w / w.sum()
    return np.array([rng.choice(w.size, k, replace=False, p=p) for _ in range(m)])


def median_time(f, reps: int = 5) -> float:
    f()
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return float(np.median(times))


def main() -> None:
    rng = np.random.default_rng(0)
    n, k = 400, 4
    w = rng.lognormal(0.0, 1.0, n) * rng.pareto(1.5, n)
    logw = np.log(w)
    for m in (10, 200):
        def vec(m=m):
            for _ in range(20):
                gumbel_top_k(logw, m, k, rng)

        def ref(m=m):
            for _ in range(20):
                loop_choice(w, m, k, rng)

        tv, tr = median_time(vec), median_time(ref)
        print(f"{m:4d} models x {n} benchmarks, 20 steps: gumbel_top_k {tv * 1e3:8.2f} ms, "
              f"loop over agents {tr * 1e3:8.2f} ms, ratio {tr / tv:6.1f}x")
    a = np.bincount(gumbel_top_k(logw, 50_000, k, rng).ravel(), minlength=n) / 50_000
    b = np.bincount(loop_choice(w, 50_000, k, rng).ravel(), minlength=n) / 50_000
    print(f"max |inclusion frequency difference| over {n} benchmarks: {np.abs(a - b).max():.4f}")


if __name__ == "__main__":
    main()
