"""The batched simulation equals a straightforward one-run-at-a-time simulation, seed by seed.

``reference_run`` below is the model of ``analyses/ecosystem/simulation.py`` written as one loop
over steps for one seed, with a Python-set Jaccard and per-run sorting: the batched kernel must
give the same histories and final states (to 1e-12) for the same seeds, whatever else is in its
batch.
"""

from __future__ import annotations

import math
from collections import deque
from itertools import combinations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchgame.analyses.ecosystem import EcosystemParams, simulate, simulate_many
from benchgame.analyses.ecosystem.concentration import (
    concentration_rows,
    gini,
    gini_last_axis,
    herfindahl,
    top_fraction_share,
)
from benchgame.analyses.ecosystem.coordination import WindowCoordination
from benchgame.analyses.ecosystem.replicates import simulate_settings, t_interval, t_interval_rows
from benchgame.analyses.ecosystem.simulation_rows import HISTORY, simulate_rows
from benchgame.core.validation import InputError


def _jaccard_mean(sets: list[set[int]]) -> float:
    if len(sets) < 2:
        return math.nan
    pairs = [len(a & b) / len(a | b) for a, b in combinations(sets, 2)]
    return sum(pairs) / len(pairs)


def reference_run(p: EcosystemParams, seed: int) -> tuple[dict[str, list], np.ndarray,
                                                         np.ndarray, np.ndarray]:
    """One run, one step at a time, with the random draws in the documented order."""
    rng = np.random.default_rng(seed)
    n = p.initial_benchmarks
    A = [p.a0] * n
    phi = list(rng.lognormal(0.0, p.fitness_sigma, n)) if p.fitness_sigma > 0 else [1.0] * n
    sat, birth, last = [0.0] * n, [0] * n, [-(10**9)] * n
    window: deque[list[set[int]]] = deque(maxlen=p.window + 1)
    out: dict[str, list] = {c: [] for c in HISTORY}
    for t in range(1, p.steps + 1):
        new = int(rng.poisson(p.entry_at(t)))
        if new:
            fit = rng.lognormal(0.0, p.fitness_sigma, new) if p.fitness_sigma > 0 else [1.0] * new
            for f in fit:
                A.append(p.a0)
                phi.append(p.entrant_visibility * f)
                sat.append(0.0)
                birth.append(t)
                last.append(-(10**9))
            n += new
        m = int(rng.poisson(p.release_rate))
        with np.errstate(divide="ignore"):
            logw = (np.log(np.array(phi)) + p.alpha * np.log(np.array(A) + p.a0)
                    - p.penalty * np.array(sat))
        k = min(p.benchmarks_per_model, int(np.isfinite(logw).sum()))
        step_sets: list[set[int]] = []
        counts = np.zeros(n)
        if m > 0 and k > 0:
            keys = logw[None, :] + rng.gumbel(size=(m, n))
            for row in keys:
                chosen = set(np.argsort(-row)[:k].tolist())
                step_sets.append(chosen)
                for j in chosen:
                    counts[j] += 1
        A = list((1.0 - p.decay) * np.array(A) + counts)
        s = np.array(sat)
        sat = list(np.clip(s + p.saturation_rate * counts * (1.0 - s), 0.0, 1.0))
        last = [t if c > 0 else lt for c, lt in zip(counts, last, strict=True)]
        window.append(step_sets)
        live = [j for j in range(n) if p.live_window is None or last[j] > t - p.live_window]
        a_live = np.array([A[j] for j in live])
        if a_live.size and a_live.sum() > 0:
            g, top, hhi = gini(a_live), top_fraction_share(a_live, 0.15), herfindahl(a_live)
        else:
            g = top = hhi = math.nan
        lead = sorted(range(n), key=lambda j: (-A[j], j))[:10]
        row = {"step": t, "entrants": new, "releases": m, "n_benchmarks": n,
               "n_live": len(live), "gini": g, "top15_share": top, "hhi": hhi,
               "coordination": _jaccard_mean([x for blk in window for x in blk]),
               "discriminative_power": float(np.mean([1.0 - sat[j] for j in lead]))}
        for c, v in row.items():
            out[c].append(v)
    return out, np.array(A), np.array(sat), np.array(birth)


def _assert_same_run(history: dict, ref: dict) -> None:
    for c in HISTORY:
        got, want = np.asarray(history[c], dtype=float), np.asarray(ref[c], dtype=float)
        np.testing.assert_array_equal(np.isnan(got), np.isnan(want), err_msg=c)
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-12, equal_nan=True, err_msg=c)


params = st.builds(
    EcosystemParams,
    steps=st.integers(1, 25), initial_benchmarks=st.integers(1, 12),
    entry_rate=st.sampled_from([0.0, 0.5, 2.0]), release_rate=st.sampled_from([0.0, 1.0, 4.0]),
    benchmarks_per_model=st.integers(1, 5), alpha=st.sampled_from([0.0, 1.0, 1.3]),
    decay=st.sampled_from([0.0, 0.1, 0.5]), fitness_sigma=st.sampled_from([0.0, 0.5]),
    penalty=st.sampled_from([0.0, 1.0]), saturation_rate=st.sampled_from([0.1, 1.0]),
    shock_size=st.sampled_from([0.0, 5.0]), shock_start=st.integers(0, 10),
    shock_duration=st.integers(0, 4), window=st.integers(0, 4),
    live_window=st.sampled_from([None, 1, 5]), entrant_visibility=st.sampled_from([0.0, 1.0]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(p=params, seeds=st.lists(st.integers(0, 2**31), min_size=1, max_size=4, unique=True))
def test_batched_runs_equal_one_run_at_a_time(p, seeds):
    runs = simulate_rows([p] * len(seeds), seeds)
    for r, seed in enumerate(seeds):
        ref, A, sat, birth = reference_run(p, seed)
        _assert_same_run({c: runs.history[c][r] for c in HISTORY[1:]} | {"step": ref["step"]},
                         ref)
        np.testing.assert_allclose(runs.authority[r], A, rtol=0, atol=1e-12)
        np.testing.assert_allclose(runs.saturation[r], sat, rtol=0, atol=1e-12)
        np.testing.assert_array_equal(runs.birth[r], birth)


def test_a_run_does_not_depend_on_its_batch():
    # fewer positive-weight benchmarks than K at the start: model sets of different sizes
    base = EcosystemParams(steps=20, initial_benchmarks=2, benchmarks_per_model=5,
                           release_rate=3.0, entry_rate=1.0)
    settings_ = [base, base.with_(entry_rate=3.0, penalty=0.0), base.with_(live_window=None)]
    frames = simulate_settings(settings_, [4, 9])
    for p, frame in zip(settings_, frames, strict=True):
        for seed in (4, 9):
            ref = reference_run(p, seed)[0]
            h = frame[frame["seed"] == seed]
            _assert_same_run({c: h[c].to_numpy() for c in HISTORY}, ref)
            _assert_same_run({c: simulate(p, seed).history[c].to_numpy() for c in HISTORY}, ref)
    alone = simulate_many(settings_[1], [9])
    assert alone["n_benchmarks"].tolist() == frames[1].iloc[20:]["n_benchmarks"].tolist()


def test_rows_must_share_the_horizon_and_have_one_seed_each():
    p = EcosystemParams(steps=5)
    with pytest.raises(InputError) as exc:
        simulate_rows([p, p.with_(steps=6)], [0, 1])
    assert exc.value.field == "steps"
    with pytest.raises(InputError) as exc:
        simulate_rows([p, p], [0])
    assert exc.value.field == "seeds"
    with pytest.raises(InputError) as exc:
        simulate_rows([p], [-3])
    assert exc.value.field == "seed"
    # settings of different horizons run in separate batches
    short, long_ = simulate_settings([p, p.with_(steps=7)], 2)
    assert (len(short), len(long_)) == (10, 14)


blocks = st.lists(st.lists(st.tuples(st.integers(0, 2),
                                     st.sets(st.integers(0, 9), min_size=0, max_size=4)),
                           max_size=6), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(steps=blocks, window=st.integers(0, 3))
def test_window_coordination_is_the_mean_jaccard_of_the_window(steps, window):
    coord = WindowCoordination(rows=3, window=window)
    history: deque[list[tuple[int, set[int]]]] = deque(maxlen=window + 1)
    for block in steps:
        block = sorted(block, key=lambda b: b[0])
        owner = np.array([r for r, _ in block], dtype=np.int64)
        items = np.full((len(block), 4), -1, dtype=np.int64)
        for i, (_, s) in enumerate(block):
            items[i, :len(s)] = sorted(s)
        got = coord.add(owner, items)
        history.append(block)
        want = [_jaccard_mean([s for blk in history for r, s in blk if r == row and s])
                for row in range(3)]
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)


@pytest.mark.parametrize("numpy_has_bitwise_count", [True, False])
def test_popcount_with_and_without_numpy_bitwise_count(numpy_has_bitwise_count, monkeypatch):
    from benchgame.analyses.ecosystem import coordination

    if not numpy_has_bitwise_count:
        monkeypatch.delattr(np, "bitwise_count", raising=False)
    words = np.array([[0, 1], [2**64 - 1, 5], [2**63, 2**32 + 7]], dtype=np.uint64)
    assert coordination._popcount(words).tolist() == [1, 66, 1 + 1 + 3]


ragged = st.lists(st.lists(st.floats(0.0, 1e3), min_size=0, max_size=9), min_size=1,
                  max_size=5)


@given(rows=ragged)
def test_row_concentration_equals_the_checked_measures(rows):
    width = max(len(r) for r in rows) + 1
    x = np.full((len(rows), width), 7.0)        # padding values must not count
    keep = np.zeros(x.shape, dtype=bool)
    for i, r in enumerate(rows):
        x[i, :len(r)], keep[i, :len(r)] = r, True
    g, top, hhi = concentration_rows(x, keep, 0.15)
    g_only = gini_last_axis(x, where=keep)
    for i, r in enumerate(rows):
        if sum(r) > 0:
            assert g[i] == pytest.approx(gini(r), abs=1e-12) == g_only[i]
            assert top[i] == pytest.approx(top_fraction_share(r, 0.15), abs=1e-12)
            assert hhi[i] == pytest.approx(herfindahl(r), abs=1e-12)
        else:
            assert math.isnan(g[i]) and math.isnan(top[i]) and math.isnan(hhi[i])


@given(rows=st.lists(st.lists(st.one_of(st.floats(-5, 5), st.just(math.nan)), min_size=1,
                              max_size=8), min_size=1, max_size=5))
def test_t_interval_rows_equals_t_interval_per_row(rows):
    width = max(len(r) for r in rows)
    table = np.array([r + [math.nan] * (width - len(r)) for r in rows])
    mean, lo, hi = t_interval_rows(table)
    for i, r in enumerate(rows):
        finite = [v for v in r if math.isfinite(v)]
        if len(finite) < 2:
            assert math.isnan(mean[i]) and math.isnan(lo[i]) and math.isnan(hi[i])
        else:
            want = t_interval(finite)
            assert (mean[i], lo[i], hi[i]) == pytest.approx(want, abs=1e-12)
