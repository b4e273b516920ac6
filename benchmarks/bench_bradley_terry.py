"""Bradley-Terry fit on the bundled Chatbot Arena battle counts (129 models, 3,460 pairs):
damped Newton on the vectorized convex negative log-likelihood
(benchgame.analyses.arena.fit_bradley_terry, gradient tolerance 1e-9) against the reference Zermelo
/ MM fixed-point loop (Hunter 2004, stopped at a 1e-10 change in log-strength). Median of 5 warm
runs.

Run: python benchmarks/bench_bradley_terry.py   (prints times, the ratio and the max difference)
"""

from __future__ import annotations

import time

import numpy as np

from benchgame.analyses.arena import fit_bradley_terry, win_matrix
from benchgame.benchmarks_data.leaderbot import load_arena_battles


def zermelo_mm(W: np.ndarray, tol: float = 1e-10, max_iter: int = 100_000) -> np.ndarray:
    N = W + W.T
    p = np.ones(W.shape[0])
    wins = W.sum(axis=1)
    for _ in range(max_iter):
        new = wins / (N / (p[:, None] + p[None, :])).sum(axis=1)
        new /= np.exp(np.log(new).mean())
        if np.max(np.abs(np.log(new) - np.log(p))) < tol:
            p = new
            break
        p = new
    s = np.log(p)
    return s - s.mean()


def main() -> None:
    battles = load_arena_battles()
    W = win_matrix(battles)
    def timed(f):
        f()
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            out = f()
            times.append(time.perf_counter() - t0)
        return out, float(np.median(times))

    fit, t_fit = timed(lambda: fit_bradley_terry(battles))
    ref, t_mm = timed(lambda: zermelo_mm(W))
    est = fit.ratings.loc[list(battles.models), "strength"].to_numpy()
    print(f"fit_bradley_terry (Newton):    {t_fit:8.4f} s")
    print(f"Zermelo/MM reference loop:     {t_mm:8.4f} s")
    print(f"ratio (reference / library):   {t_mm / t_fit:8.2f}")
    print(f"max |s_library - s_reference| = {np.max(np.abs(est - ref)):.2e}")


if __name__ == "__main__":
    main()
