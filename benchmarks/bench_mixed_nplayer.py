"""Benchmark: one mixed equilibrium of random n-player games, ours against Gambit; CE LP times.

For random games with standard normal payoffs (rounded to 3 decimals, the same numbers for every
library) of shapes 3x3x3, 4x4x4 and 2x2x2x2x2, prints per method the median and total time, the
median over games of the time ratio ``other / ours`` (> 1: we are faster; games where a method
failed are left out of its ratio), the median and worst exploitability (NashConv: the sum of the
players' regrets, in payoff units, computed by our certificate for every library's profile) and
the number of runs that timed out or returned no profile. Methods: our
``simplicial_subdivision`` (simplicial path, restarts, support polishing) and pygambit's
``simpdiv_solve`` (from the centroid, exact rational arithmetic) and ``gnm_solve``; then our
logit path against pygambit's ``logit_solve``. Every Gambit call runs in a forked child under a
time limit (Gambit's solvers cannot be interrupted from Python); the time is measured inside the
child.

The last table gives, per shape, the time of our correlated (CE) and coarse correlated (CCE)
welfare-maximising linear programs (HiGHS) and of their exact verification.

Usage: ``python benchmarks/bench_mixed_nplayer.py [--games N] [--seed S] [--limit SECONDS]``.
"""

# ruff: noqa: B023  (each timed lambda is called at once, inside its loop iteration)
from __future__ import annotations

import argparse
import multiprocessing as mp
import time

import numpy as np

SHAPES = [(3, 3, 3), (4, 4, 4), (2, 2, 2, 2, 2)]


def in_child(fn, seconds):
    """``(seconds, result)`` of ``fn()`` run in a forked child, or ``(None, None)`` on timeout."""
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)

    def target():
        t = time.perf_counter()
        out = fn()
        send.send((time.perf_counter() - t, out))

    proc = ctx.Process(target=target)
    proc.start()
    ready = recv.poll(seconds)
    out = recv.recv() if ready else (None, None)
    proc.kill() if not ready else proc.join()
    return out


def gambit_game(U):
    import pygambit as gbt

    return gbt.Game.from_arrays(*[U[..., i] for i in range(U.shape[-1])])


def gambit_profile(result, G, shape):
    """The first equilibrium of a pygambit result as our profile (renormalised), or None."""
    if not result.equilibria:
        return None
    p = result.equilibria[0]
    out = [np.array([float(p[pl][s]) for s in pl.strategies]) for pl in G.players]
    return [s / s.sum() for s in out]


def gambit_runner(name):
    import pygambit as gbt

    def run(U):
        G = gambit_game(U)
        if name == "gambit simpdiv":
            res = gbt.nash.simpdiv_solve(G.mixed_strategy_profile(rational=True))
        elif name == "gambit gnm":
            res = gbt.nash.gnm_solve(G)
        else:
            res = gbt.nash.logit_solve(G)
        return gambit_profile(res, G, U.shape[:-1])
    return run


def our_runner(name):
    from benchgame.games import NormalFormGame, logit_path, simplicial_subdivision

    def run(U):
        game = NormalFormGame(U)
        eq = simplicial_subdivision(game) if name == "ours simpdiv" else logit_path(
            game).equilibrium
        return [np.asarray(s) for s in eq.strategies]
    return run


def exploitability(U, profile):
    from benchgame.games import NormalFormGame, certify

    if profile is None:
        return None
    game = NormalFormGame(U)
    return certify(game, game.check_profile(profile)).exploitability


def table(shape, games, methods, limit, baseline):
    rows = {}
    for name in methods:
        runner = our_runner(name) if name.startswith("ours") else gambit_runner(name)
        times, expl, fails = [], [], [0, 0]
        for U in games:
            if name.startswith("ours"):
                t = time.perf_counter()
                prof = runner(U)
                seconds = time.perf_counter() - t
            else:
                seconds, prof = in_child(lambda: runner(U), limit)
            e = exploitability(U, prof) if seconds is not None else None
            if e is None:
                fails[0 if seconds is None else 1] += 1
                times.append(np.nan)
                continue
            times.append(seconds)
            expl.append(e)
        rows[name] = (np.array(times), expl, fails)
    ours = rows[baseline][0]
    print(f"\nrandom {' x '.join(map(str, shape))} games ({len(games)}), time limit {limit} s")
    print(f"{'method':>16} | {'median s':>9} | {'total s':>8} | {'ratio':>7} | "
          f"{'median expl':>11} | {'worst expl':>10} | timed out / no profile")
    for name, (times, expl, fails) in rows.items():
        ok = np.isfinite(times)
        ratio = np.nanmedian(times / ours) if ok.any() else np.nan
        print(f"{name:>16} | {np.nanmedian(times):9.4f} | {np.nansum(times):8.3f} | "
              f"{ratio:7.2f} | {np.median(expl) if expl else np.nan:11.2e} | "
              f"{max(expl) if expl else np.nan:10.2e} | {fails[0]} / {fails[1]}")


def correlated_table(games_by_shape):
    from benchgame.games import NormalFormGame, correlated_equilibrium

    print("\ncorrelated equilibria (welfare-maximising LP, HiGHS dual simplex; exact check)")
    print(f"{'shape':>17} | {'kind':>4} | {'rows':>5} | {'LP s (median)':>13} | "
          f"{'exact s (median)':>16} | verified | optimality exact")
    for shape, games in games_by_shape.items():
        for kind in ("ce", "cce"):
            res = [correlated_equilibrium(NormalFormGame(U), kind) for U in games]
            lp = np.median([r.provenance["lp_seconds"] for r in res])
            ex = np.median([r.provenance["exact_seconds"] for r in res])
            print(f"{' x '.join(map(str, shape)):>17} | {kind:>4} | "
                  f"{res[0].provenance['constraints']:5d} | {lp:13.4f} | {ex:16.4f} | "
                  f"{sum(r.verification.ok for r in res)}/{len(res)} | "
                  f"{sum(r.optimality == 'exact' for r in res)}/{len(res)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=10, help="games per shape")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit", type=float, default=30.0, help="seconds per Gambit call")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    games_by_shape = {s: [rng.normal(size=(*s, len(s))).round(3) for _ in range(args.games)]
                      for s in SHAPES}
    for U in games_by_shape[SHAPES[0]][:1]:  # warm up imports on both sides
        our_runner("ours simpdiv")(U), our_runner("ours logit")(U)
        gambit_runner("gambit gnm")(U)
    for shape, games in games_by_shape.items():
        table(shape, games, ["ours simpdiv", "gambit simpdiv", "gambit gnm"], args.limit,
              "ours simpdiv")
        table(shape, games, ["ours logit", "gambit logit"], args.limit, "ours logit")
    correlated_table(games_by_shape)


if __name__ == "__main__":
    main()
