"""Marketplace performance: vectorized entry and producer-game pure equilibria, with ratios.

1. Entry of 10,000 candidate vectors into 50 incumbents on 20 tasks (softmax): the vectorized
   :func:`benchgame.mechanisms.marketplace.entry` against a reference loop over candidates.
   Then entry under every registered payment rule (each pays the entrant alone through the
   rule's ``pay_one``), against the goal of 1 s for 10,000 candidates x 50 incumbents x 20 tasks
   and against the all-models path (every model's payoff, then the entrant's column).
2. Producer game, 3 producers x 40 menu items (weighted winrate, softmax): payoff tensor by
   broadcasting and :func:`benchgame.games.pure_equilibria`, against a reference loop over profiles
   and against pygambit ``enumpure_solve``.
3. A market of 300 and 1,500 generated models x 20 tasks (uniform qualities, uniform task
   weights): :func:`benchgame.mechanisms.marketplace.replacement_table` (closed forms,
   ``O(n^2 m)``) against market-by-market replacement of a few producers scaled to all ``n``
   (``O(n^3 m)``), then ``benchgame market`` on the table's CSV against the goal of 1 s:
   in-process after a first run (interpreter start-up and imports excluded), and the whole
   command as a subprocess (wall time, start-up and imports included).

Run: ``python benchmarks/bench_marketplace.py [--quick]``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchgame.mechanisms.marketplace import (
    Market,
    Softmax,
    entry,
    parse_rule,
    payment_rules,
    payoffs,
    replacement,
    replacement_table,
    welfare,
)
from benchgame.mechanisms.marketplace.payments import get_payment_rule
from benchgame.mechanisms.marketplace.producer_game import producer_game


def _time(f, repeat: int = 1):
    best, out = np.inf, None
    for _ in range(repeat):
        t = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t)
    return best, out


def bench_entry(k: int, n: int = 50, m: int = 20) -> None:
    rng = np.random.default_rng(0)
    mk = Market(rng.random((n, m)), rng.dirichlet(np.ones(m)))
    C = rng.random((k, m))
    rule = Softmax(10.0)

    def loop():
        pay, wel = np.empty(k), np.empty(k)
        for j in range(k):
            Q = np.vstack([mk.quality, C[j]])
            P = rule.probabilities(Q)
            pay[j] = payoffs("weighted_winrate", Q, mk.omega, rule, P)[-1]
            wel[j] = welfare(Q, mk.omega, rule, P)
        return pay, wel

    tv, res = _time(lambda: entry(mk, rule, C, "weighted_winrate"), repeat=3)
    tl, (pay, wel) = _time(loop)
    assert np.allclose(res.payoff, pay) and np.allclose(res.welfare, wel)
    print(f"entry: {k} candidates x {n} incumbents x {m} tasks: vectorized {tv * 1e3:.1f} ms, "
          f"reference loop {tl * 1e3:.1f} ms, ratio {tl / tv:.1f}x")


def _all_models(mk: Market, rule, C: np.ndarray, mechanism: str, chunk: int = 2048) -> np.ndarray:
    """The entrant's payoff from every model's payoff (the path before ``pay_one``)."""
    pay = np.empty(len(C))
    pr = get_payment_rule(mechanism)
    for s in range(0, len(C), chunk):
        c = C[s:s + chunk]
        S = np.concatenate([np.broadcast_to(mk.quality, (len(c),) + mk.quality.shape),
                            c[:, None, :]], axis=1)
        pay[s:s + chunk] = pr.pay(S, mk.omega, rule, rule.probabilities(S))[:, -1]
    return pay


def bench_entry_rules(k: int, n: int = 50, m: int = 20, reference: bool = True) -> None:
    """Entry of ``k`` candidates under every payment rule, against the 1 s goal."""
    rng = np.random.default_rng(0)
    mk = Market(rng.random((n, m)), rng.dirichlet(np.ones(m)))
    C = rng.random((k, m))
    rule = Softmax(10.0)
    for mech in payment_rules():
        t, res = _time(lambda mech=mech: entry(mk, rule, C, mech), repeat=2)
        line = (f"entry {mech:18s} {k} x {n} x {m}: {t:.3f} s (goal 1 s: ratio "
                f"{t / 1.0:.2f}, {'met' if t < 1.0 else 'MISSED'})")
        if reference:  # the all-models path on the first 200 candidates, scaled to k
            tr, ref = _time(lambda mech=mech: _all_models(mk, rule, C[:200], mech))
            assert np.allclose(res.payoff[:200], ref, rtol=1e-12, atol=1e-14)
            line += (f"; all-models path {tr:.3f} s per 200 (x {k / 200:g} = {tr * k / 200:.1f} s,"
                     f" {tr * k / 200 / t:.0f}x), same payoffs")
        print(line)


def bench_game(items: int, producers: int = 3, m: int = 4, gambit: bool = True) -> None:
    rng = np.random.default_rng(1)
    menus = [rng.random((items, m)) for _ in range(producers)]
    omega = rng.dirichlet(np.ones(m))
    rule = Softmax(10.0)
    tb, pg = _time(lambda: producer_game(menus, omega, rule, "weighted_winrate"))
    tp, eqs = _time(lambda: pg.pure_equilibria(tol=1e-12), repeat=3)
    found = sorted(e.pure_profile() for e in eqs)
    U = pg.game.payoffs

    def loop():
        out = []
        for prof in np.ndindex(*U.shape[:-1]):
            ok = True
            for i in range(producers):
                line = list(prof)
                line[i] = slice(None)
                if U[tuple(line) + (i,)].max() > U[prof + (i,)] + 1e-12:
                    ok = False
                    break
            if ok:
                out.append(prof)
        return out

    tl, ref = _time(loop)
    assert ref == found
    print(f"producer game {producers} x {items}: tensor {tb * 1e3:.1f} ms, pure equilibria "
          f"{tp * 1e3:.2f} ms ({len(found)} found), reference loop {tl * 1e3:.1f} ms, "
          f"ratio {tl / tp:.0f}x")
    if gambit:
        import pygambit as gbt

        g = gbt.Game.from_arrays(*[U[..., i] for i in range(producers)])
        tg, res = _time(lambda: gbt.nash.enumpure_solve(g))
        print(f"  pygambit enumpure_solve: {tg * 1e3:.1f} ms ({len(res.equilibria)} found), "
              f"ratio {tg / tp:.0f}x (game construction not timed)")


def _verdict(t: float, goal: float = 1.0) -> str:
    return f"goal {goal:g} s: ratio {t / goal:.2f}, {'MET' if t < goal else 'MISSED'}"


def _command(args: list[str]) -> tuple[float, float]:
    """In-process run of the command line: wall and CPU seconds (imports done by an earlier
    run). The CPU time is what the run costs on a machine whose cores are shared."""
    from benchgame.cli import app

    t, c = time.perf_counter(), time.process_time()
    try:
        app(args, standalone_mode=False)
    except SystemExit:
        pass
    return time.perf_counter() - t, time.process_time() - c


def bench_market(n: int, m: int = 20, sample: int = 3) -> None:
    """Replacement table and ``benchgame market`` on ``n`` generated models, against 1 s."""
    rng = np.random.default_rng(0)
    Q = rng.random((n, m))
    mk = Market(Q, np.full(m, 1.0 / m))
    for name in ("softmax:20", "perfect", "epsilon:0.1"):
        rule = parse_rule(name)
        t, _ = _time(lambda rule=rule: replacement_table(mk, rule), repeat=2)
        tr, _ = _time(lambda rule=rule: [replacement(mk, i, rule, Q, mech)
                                         for i in range(sample)
                                         for mech in ("winrate", "weighted_winrate")])
        print(f"replacement table {n} models x {m} tasks, {name:11s}: {t:.3f} s; "
              f"market by market {tr / sample * n:.1f} s (from {sample} producers), "
              f"ratio {tr / sample * n / t:.0f}x")
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "market.csv"
        csv.write_text("model," + ",".join(f"task{t}" for t in range(m)) + "\n" + "".join(
            f"model{i}," + ",".join(f"{v:.6f}" for v in Q[i]) + "\n" for i in range(n)))
        for fmt, extra in (("table", []), ("json", []), ("json", ["--plot", "p.png"])):
            args = ["market", str(csv), "-f", fmt, "-o", str(Path(tmp) / f"out.{fmt}"),
                    *[str(Path(tmp) / e) if e.endswith(".png") else e for e in extra]]
            _command(args)  # imports
            t, cpu = min(_command(args) for _ in range(2))
            whole = time.perf_counter()
            subprocess.run([sys.executable, "-m", "benchgame", *args], check=True,
                           stdout=subprocess.DEVNULL)
            whole = time.perf_counter() - whole
            label = f"-f {fmt}" + (" --plot" if extra else "")
            print(f"benchgame market {n} models {label:15s}: {t:.3f} s ({cpu:.3f} s CPU) "
                  f"without start-up and imports ({_verdict(t)}); whole command {whole:.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes (smoke run)")
    a = ap.parse_args()
    bench_entry(1000 if a.quick else 10000)
    bench_entry_rules(1000 if a.quick else 10000)
    bench_game(12 if a.quick else 40)
    for n in (300,) if a.quick else (300, 1500):
        bench_market(n)


if __name__ == "__main__":
    main()
