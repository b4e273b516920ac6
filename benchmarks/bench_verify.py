"""``benchgame verify``: the full run, the listing and argument errors, against their goals.

1. ``benchgame verify --list`` and argument errors (an unknown claim id, a negative
   ``--examples``, an unsupported ``--format``, ``--jobs 0``) as subprocesses: wall time
   against the 1 s goal, and the CPU time of the process (on a shared machine the wall time
   includes waiting for a core).
2. ``benchgame verify`` (every claim, default examples) as a subprocess, with its default
   ``--jobs`` (one worker process per usable core) and with ``--jobs 1`` (in one process): wall
   and CPU times (the workers' included), the load average beside them, and the goal line for
   the default run against the 10 s goal.
3. Where the time goes (printed before 2): each claim run in this process (``run_claim`` with
   its default examples, seed 0), the ten largest by CPU time with the heavy libraries each is
   the first to load (their import is part of its time), and the time to import every claim
   module.

Run: python benchmarks/bench_verify.py [--skip-full]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time

GOAL_FULL = 10.0
GOAL_QUICK = 1.0
HEAVY = {"pandas": "pandas.core.frame", "scipy.stats": "scipy.stats._stats_py",
         "scipy.optimize": "scipy.optimize._optimize", "sympy": "sympy.core.basic",
         "numba": "numba.core.config", "networkx": "networkx.classes.graph",
         "pyarrow": "pyarrow.lib"}
"""Libraries whose first import is worth naming, each with a module it loads (lazy stubs of the
package itself are in ``sys.modules`` before anything is loaded)."""


def _child(args: list[str]) -> tuple[float, float, int]:
    """Wall time, CPU time (user + system) and exit status of ``benchgame args``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    rc = subprocess.run([sys.executable, "-m", "benchgame", *args], stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL).returncode
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, rc


def quick_commands() -> None:
    for args in (["verify", "--list"], ["verify", "--claim", "no.such.claim"],
                 ["verify", "--examples", "-1"], ["verify", "--format", "csv"],
                 ["verify", "--jobs", "0"]):
        wall, cpu, rc = _child(args)
        print(f"{' '.join(args):34s} exit {rc}: {wall:.2f} s wall, {cpu:.2f} s CPU (goal "
              f"{GOAL_QUICK:g} s: ratio {wall / GOAL_QUICK:.2f} wall, {cpu / GOAL_QUICK:.2f} CPU)")


def _load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def full_run() -> None:
    from benchgame.proofs_check import all_claims
    from benchgame.proofs_check.batch import default_jobs

    jobs = default_jobs(len(all_claims()))
    runs = {}
    for name, extra in ((f"--jobs {jobs} (default)", []), ("--jobs 1", ["--jobs", "1"])):
        load = _load()
        wall, cpu, rc = _child(["verify", *extra])
        runs[name] = wall
        print(f"verify {name:18s} exit {rc}: {wall:5.1f} s wall, {cpu:5.1f} s CPU ({load})")
    wall = runs[f"--jobs {jobs} (default)"]
    print(f"verify (all claims) {wall:.1f} s wall with {jobs} workers (goal {GOAL_FULL:g} s) "
          f"{'MET' if wall < GOAL_FULL else 'MISSED'}; {_load()}; --jobs 1 / default "
          f"{runs['--jobs 1'] / wall:.2f}")


def per_claim() -> None:
    t, c = time.perf_counter(), time.process_time()
    from benchgame.proofs_check import all_claims, run_claim

    claims = all_claims()
    print(f"import of {len(claims)} claims: {time.perf_counter() - t:.2f} s wall, "
          f"{time.process_time() - c:.2f} s CPU")
    rows = []
    for claim in claims:
        before = {name for name, probe in HEAVY.items() if probe in sys.modules}
        t, c = time.perf_counter(), time.process_time()
        rep = run_claim(claim, None, 0)
        loaded = sorted(n for n, probe in HEAVY.items() if probe in sys.modules and n not in before)
        rows.append((time.process_time() - c, time.perf_counter() - t, claim.id, rep.ok, loaded))
    total = sum(r[0] for r in rows)
    print(f"all claims in this process: {total:.1f} s CPU, {sum(r[1] for r in rows):.1f} s "
          f"wall; the ten largest by CPU:")
    for cpu, wall, cid, ok, loaded in sorted(rows, reverse=True)[:10]:
        print(f"  {cpu:6.2f} s CPU {wall:6.2f} s wall {100 * cpu / total:5.1f}%  {cid}"
              f"{'' if ok else '  (NOT as expected)'}"
              f"{'  (loads ' + ', '.join(loaded) + ')' if loaded else ''}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--skip-full", action="store_true", help="skip the full verify subprocess")
    args = ap.parse_args()
    quick_commands()
    per_claim()
    if not args.skip_full:
        full_run()


if __name__ == "__main__":
    main()
