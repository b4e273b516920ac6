"""Benchmark: two-player equilibrium enumeration, Lemke-Howson and n-player pure equilibria.

Prints, in one run, CPU-time ratios ``other / ours`` (> 1 means we are faster; CPU time from
``time.process_time``, since the machine is shared) and the number of
equilibria each library returns (completeness). Anchors: nashpy (support and vertex enumeration),
pygambit ``enummixed_solve`` (rational and float), quantecon's numba ``vertex_enumeration``
(both warmed up first; best of 3 runs), nashpy/quantecon ``lemke_howson`` (ours and QuantEcon's:
least CPU time per call over batches of calls), and for 3-player pure
equilibria a reference Python loop over profiles (timed on a sample and extrapolated) and
pygambit ``enumpure_solve``.

The large-game rows (random 20x20 and 30x30 games by default, ``--large-seeds`` games of each
size) run ours (``vertex_enumeration``, the method ``solve`` uses for two players: the label
search from 10x10, vertex enumeration where it meets a degenerate vertex) and QuantEcon's
``vertex_enumeration`` once each in a forked child under a CPU-time and a memory limit, and print
the CPU time, the number of equilibria, the method with its search nodes, the ratio and whether
the two sets agree (to 6 decimals), or why a run did not finish (an InputError when a limit
refuses the game).

QuantEcon runs there only up to ``--qe-max`` (20). At the end, one line per performance goal
(vertex enumeration against QuantEcon at 12x12 to 16x16, 20x20 under 5 s, 30x30 solved;
Lemke-Howson against QuantEcon at 50x50 and 200x200) says MET or MISSED; the 20x20 goal needs
every seed under 5 s CPU, the 30x30 goal every seed solved.

Usage: ``python benchmarks/bench_equilibria.py [--quick] [--large K ...]``.
"""

# ruff: noqa: B023  (each timed lambda is called at once, inside its loop iteration)
from __future__ import annotations

import argparse
import time
import warnings

import numpy as np


def timed(fn, repeat=1):
    """Best CPU time of ``repeat`` calls of ``fn`` and its last result."""
    best, out = np.inf, None
    for _ in range(repeat):
        t = time.process_time()
        out = fn()
        best = min(best, time.process_time() - t)
    return best, out


def with_timeout(fn, seconds):
    """Wall time of ``fn()``, or None if it runs longer than ``seconds`` (SIGALRM)."""
    import signal

    def stop(signum, frame):
        raise TimeoutError

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        t = time.perf_counter()
        fn()
        return time.perf_counter() - t
    except TimeoutError:
        return None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def row(cells):
    print(" | ".join(f"{c:>14}" if not isinstance(c, str) or len(c) < 14 else c for c in cells))


GOALS: list[str] = []
"""One line per performance goal, printed together at the end of the run."""


def goal(text: str, met: bool | None) -> None:
    """Record ``text`` with MET, MISSED or (``None``) NOT RUN."""
    GOALS.append(f"{text} {'NOT RUN' if met is None else 'MET' if met else 'MISSED'}")


def _ms(t: float) -> str:
    return f"{t * 1e3:.3g} ms" if t < 1 else f"{t:.3g} s"


def two_player(sizes, degenerate, seed, skip_slow):
    import nashpy
    import pygambit as gbt
    import quantecon.game_theory as qe

    from benchgame.games import NormalFormGame, all_equilibria

    rng = np.random.default_rng(seed)
    kind = "degenerate" if degenerate else "generic"
    row(["game", "ours s (#eq)", "qe/ours (#)", "gbt_rat/ours(#)", "gbt_flt/ours(#)",
         "npy_sup/ours(#)", "npy_vtx/ours(#)"])
    warm = qe.NormalFormGame((qe.Player(np.eye(2)), qe.Player(np.eye(2))))
    qe.vertex_enumeration(warm)
    all_equilibria(NormalFormGame.from_bimatrix(np.eye(3), np.eye(3)))  # first-use imports
    warm_ours = np.random.default_rng(seed + 1).random((2, 3, 3))  # a generic game loads the
    all_equilibria(NormalFormGame.from_bimatrix(*warm_ours))  # compiled kernel (or compiles it)
    for k in sizes:
        if degenerate:
            A, B = rng.integers(0, 3, (k, k)), rng.integers(0, 3, (k, k))
        else:
            A, B = rng.integers(-1000, 1001, (k, k)), rng.integers(-1000, 1001, (k, k))
        t0, ours = timed(lambda: all_equilibria(NormalFormGame.from_bimatrix(A, B)), repeat=3)
        cells = [f"{kind} {k}x{k}", f"{t0:.3g} ({len(ours)})"]
        g_qe = qe.NormalFormGame((qe.Player(A.astype(float)), qe.Player(B.T.astype(float))))
        t, r = timed(lambda: qe.vertex_enumeration(g_qe), repeat=3)
        cells.append(f"{t / t0:.2f} ({len(r)})")
        if not degenerate and 12 <= k <= 16:
            goal(f"vertex {k}x{k}: qe {_ms(t)}, ours {_ms(t0)}, ratio {t / t0:.2f} "
                 f"(goal >= 1.0; {len(ours)} vs {len(r)} equilibria)",
                 t / t0 >= 1.0 and len(ours) == len(r))
        g_gb = gbt.Game.from_arrays(A.astype(object), B.astype(object))
        for rational in (True, False):
            if k > 10 and skip_slow:
                cells.append("skipped")
                continue
            t, r = timed(lambda rational=rational: gbt.nash.enummixed_solve(g_gb,
                                                                            rational=rational))
            cells.append(f"{t / t0:.2f} ({len(r.equilibria)})")
        ng = nashpy.Game(A, B)
        for name in ("support_enumeration", "vertex_enumeration"):
            if k > 8 and (name == "support_enumeration" or skip_slow):
                cells.append("skipped")
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                t, r = timed(lambda name=name: list(getattr(ng, name)()))
            cells.append(f"{t / t0:.2f} ({len(r)})")
        row(cells)


def _in_child(conn, fn, cpu_seconds, mem_bytes):
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_AS, (mem_bytes, mem_bytes))
    try:
        t = time.process_time()
        out = fn()
        conn.send(("ok", time.process_time() - t, out))
    except MemoryError:
        conn.send(("out of memory", None, None))
    except Exception as exc:  # report, do not fail the benchmark
        conn.send((f"{type(exc).__name__}: {str(exc)[:60]}", None, None))


def bounded(fn, cpu_seconds, mem_gb):
    """``(status, cpu seconds, fn())`` run in a forked child under CPU-time and memory limits.

    CPU time, not wall time, is measured and limited, so the numbers do not depend on what else
    runs on the machine. ``status`` is ``"ok"``, ``"> N s CPU (stopped)"``, ``"out of memory"``
    or the exception raised; the kernel stops the child at the limits, so a run that would
    exhaust the machine cannot.
    """
    import multiprocessing as mp
    import signal

    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_in_child, args=(child, fn, cpu_seconds, int(mem_gb * 2**30)))
    proc.start()
    child.close()
    try:
        status, t, out = parent.recv()
    except EOFError:  # stopped by the kernel before it could answer
        proc.join()
        if proc.exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
            return f"> {cpu_seconds} s CPU (stopped)", None, None
        return f"died (exit {proc.exitcode})", None, None
    proc.join()
    return status, t, out


def _rounded(profiles, decimals=6):
    return {tuple(round(float(v), decimals) for s in p for v in s) for p in profiles}


def _ours(game):
    """Our equilibria of ``game`` with the method used and its search nodes (for the rows)."""
    from benchgame.games import vertex_enumeration

    res = vertex_enumeration(game)
    prov = res.provenance
    how = prov["vertex_method"] + (f" {prov['search_nodes']} nodes" if "search_nodes" in prov
                                   else "")
    return [e.strategies for e in res], how


def large(sizes, seed, seeds, seconds, mem_gb, qe_max):
    """Random 20x20 to 30x30 games: our CPU time and count (or refusal) against QuantEcon's."""
    import quantecon.game_theory as qe

    from benchgame.games import NormalFormGame

    warm = np.random.default_rng(seed + 1).random((2, 12, 12))  # load both compiled kernels
    _ours(NormalFormGame.from_bimatrix(*warm))  # before forking (the children inherit them)
    row(["large game", "ours CPU s (#eq)", "method", "qe CPU s (#eq)", "qe/ours", "agree"])
    for k in sizes:
        times, failures = [], []
        for s in range(seeds):
            rng = np.random.default_rng(seed + s)
            A, B = rng.integers(-1000, 1001, (k, k)), rng.integers(-1000, 1001, (k, k))
            game = NormalFormGame.from_bimatrix(A, B)
            ours = bounded(lambda: _ours(game), seconds, mem_gb)
            g_qe = qe.NormalFormGame((qe.Player(A.astype(float)), qe.Player(B.T.astype(float))))
            theirs = (bounded(lambda: qe.vertex_enumeration(g_qe), seconds, mem_gb)
                      if k <= qe_max else (f"not run (> {qe_max}x{qe_max})", None, None))
            ok, ok_qe = ours[0] == "ok", theirs[0] == "ok"
            cells = [f"{k}x{k} seed {seed + s}",
                     f"{ours[1]:.3g} ({len(ours[2][0])})" if ok else ours[0],
                     ours[2][1] if ok else "",
                     f"{theirs[1]:.3g} ({len(theirs[2])})" if ok_qe else theirs[0]]
            both = ok and ok_qe
            cells.append(f"{theirs[1] / ours[1]:.2f}" if both else "n/a")
            cells.append(str(_rounded(ours[2][0]) == _rounded(theirs[2])) if both else "n/a")
            row(cells)
            if ok:
                times.append((ours[1], len(ours[2][0])))
            else:
                failures.append(ours[0])
        done = not failures
        what = (", ".join(f"{t:.3g} s ({c} eq)" for t, c in times) + " CPU"
                + (f"; not solved: {'; '.join(failures)}" if failures else ""))
        if k == 20:
            goal(f"vertex 20x20 ({seeds} seeds): ours {what} (goal < 5 s)",
                 done and max(t for t, _ in times) < 5)
        elif k == 30:
            goal(f"vertex 30x30 ({seeds} seeds): ours {what} (goal: solved)", done)


def cpu_per_call(fn, calls, repeat):
    """Least CPU time per call of ``fn`` over ``repeat`` batches of ``calls`` calls, and its
    last result (CPU time: other processes on a shared machine count less than in wall time)."""
    best, out = np.inf, None
    for _ in range(repeat):
        t = time.process_time()
        for _ in range(calls):
            out = fn()
        best = min(best, (time.process_time() - t) / calls)
    return best, out


def lemke(sizes, seed):
    import nashpy
    import quantecon.game_theory as qe

    from benchgame.games import NormalFormGame, lemke_howson

    rng = np.random.default_rng(seed)
    warm = qe.NormalFormGame((qe.Player(np.eye(2)), qe.Player(np.eye(2))))
    qe.lemke_howson(warm)
    lemke_howson(NormalFormGame.from_bimatrix(np.eye(2), np.eye(2)))  # loads the kernel
    row(["LH game", "ours CPU s", "qe/ours", "nashpy/ours", "our regret"])
    for k in sizes:
        A, B = rng.random((k, k)), rng.random((k, k))
        game = NormalFormGame.from_bimatrix(A, B)
        g_qe = qe.NormalFormGame((qe.Player(A), qe.Player(B.T)))
        calls, repeat = (200, 5) if k <= 100 else (1, 3)  # a 200x200 path: about 1 s
        t0, eq = cpu_per_call(lambda: lemke_howson(game, 0, exact=False), calls, repeat)
        tq, (_, res) = cpu_per_call(lambda: qe.lemke_howson(g_qe, init_pivot=0,
                                                            full_output=True), calls, repeat)
        if k <= 50:
            tn = with_timeout(lambda: nashpy.Game(A, B).lemke_howson(initial_dropped_label=0),
                              20)
            nash_cell = f"{tn / t0:.2f}" if tn is not None else "> 20 s (stopped)"
        else:
            nash_cell = "skipped"
        row([f"{k}x{k}", f"{t0:.3g}", f"{tq / t0:.2f}", nash_cell,
             f"{eq.certificate.max_regret:.1e}"])
        same = eq.provenance["pivots"] == res.num_iter
        goal(f"Lemke-Howson {k}x{k}: qe {_ms(tq)}, ours {_ms(t0)}, ratio {tq / t0:.2f} "
             f"(goal >= 1.0; pivots {eq.provenance['pivots']} vs {res.num_iter})",
             tq / t0 >= 1.0 and same and eq.certificate.passed)


def three_player(k, seed, sample):
    from benchgame.games import NormalFormGame, pure_equilibria

    rng = np.random.default_rng(seed)
    U = rng.integers(0, 20, (k, k, k, 3))
    game = NormalFormGame(U)
    t0, ours = timed(lambda: pure_equilibria(game))

    def loop(profiles):
        found = 0
        for a, b, c in profiles:
            ok = (U[a, b, c, 0] >= U[:, b, c, 0].max() and U[a, b, c, 1] >= U[a, :, c, 1].max()
                  and U[a, b, c, 2] >= U[a, b, :, 2].max())
            found += bool(ok)
        return found

    profs = [tuple(int(v) for v in rng.integers(0, k, 3)) for _ in range(sample)]
    ts, _ = timed(lambda: loop(profs))
    t_loop = ts / sample * k ** 3
    row(["3p pure", "ours s (#eq)", "loop/ours", "gambit/ours (#)"])
    cells = [f"{k}x{k}x{k}", f"{t0:.3g} ({len(ours)})",
             f"{t_loop / t0:.1f} (extrap. from {sample} profiles)"]
    try:
        import pygambit as gbt

        g = gbt.Game.from_arrays(*(U[..., i].astype(object) for i in range(3)))
        tg, r = timed(lambda: gbt.nash.enumpure_solve(g))
        cells.append(f"{tg / t0:.1f} ({len(r.equilibria)})")
    except Exception as exc:  # pragma: no cover - report, do not fail the benchmark
        cells.append(f"n/a ({type(exc).__name__})")
    row(cells)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes only (smoke run)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--large", type=int, nargs="*", default=None, metavar="K",
                    help="sizes of the large-game rows (default 20 30; none with --quick)")
    ap.add_argument("--large-seeds", type=int, default=3,
                    help="games of each large size (seeds --seed, --seed + 1, ...)")
    ap.add_argument("--large-seconds", type=int, default=60,
                    help="CPU-time limit of each large-game run (ours and QuantEcon's)")
    ap.add_argument("--qe-max", type=int, default=20,
                    help="largest size of the large-game rows on which QuantEcon also runs")
    ap.add_argument("--large-mem-gb", type=float, default=16.0,
                    help="address-space limit of each large-game run, in GiB")
    args = ap.parse_args()
    warnings.simplefilter("ignore")  # nashpy warns on degenerate games and in its pivoting
    if args.quick:
        gen, deg, lh, k3, sample = [4, 6], [4], [50], 10, 200
    else:
        gen, deg, lh, k3, sample = [4, 6, 8, 10, 12, 14, 16], [4, 6, 8], [50, 200], 30, 2000
    print("Ratios are other/ours (>1: we are faster); (#) = equilibria returned.")
    two_player(gen, False, args.seed, skip_slow=True)
    two_player(deg, True, args.seed, skip_slow=True)
    lemke(lh, args.seed)
    three_player(k3, args.seed, sample)
    sizes = args.large if args.large is not None else ([] if args.quick else [20, 30])
    if sizes:
        large(sizes, args.seed, args.large_seeds, args.large_seconds, args.large_mem_gb,
              args.qe_max)
    print("\nGoals:")
    for line in GOALS:
        print("  " + line)


if __name__ == "__main__":
    main()
