"""The agent-based simulation: determinism, exact special cases, intervals, validation."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from benchgame.analyses.ecosystem import (
    EcosystemParams,
    entry_effect,
    shock_effect,
    simulate,
    simulate_many,
    sweep,
    t_interval,
)
from benchgame.core.validation import InputError

SMALL = EcosystemParams(steps=30, initial_benchmarks=8, release_rate=4.0)


def test_same_seed_same_history_and_state():
    a, b = simulate(SMALL, 11), simulate(SMALL, 11)
    pd.testing.assert_frame_equal(a.history, b.history)
    np.testing.assert_array_equal(a.authority, b.authority)
    np.testing.assert_array_equal(a.saturation, b.saturation)
    c = simulate(SMALL, 12)
    assert not a.history["releases"].equals(c.history["releases"])


def test_history_columns_and_invariants():
    h = simulate(SMALL, 0).history
    assert h["step"].tolist() == list(range(1, 31))
    assert (h["n_benchmarks"] == 8 + h["entrants"].cumsum()).all()
    assert (h["n_live"] <= h["n_benchmarks"]).all()
    g = h["gini"].dropna()
    assert ((g >= 0) & (g < 1)).all()
    c = h["coordination"].dropna()
    assert ((c >= 0) & (c <= 1)).all()


def test_authority_is_decayed_sum_of_adoptions_without_entry():
    # No entry, every model reports every benchmark: each step adds M_t to every A_j.
    p = EcosystemParams(steps=12, initial_benchmarks=5, benchmarks_per_model=5, entry_rate=0.0,
                        release_rate=3.0, decay=0.2, a0=1.5, penalty=0.0)
    run = simulate(p, 4)
    m = run.history["releases"].to_numpy(float)
    expected = 1.5
    for mt in m:
        expected = 0.8 * expected + mt
    np.testing.assert_allclose(run.authority, expected)
    # identical benchmark sets: coordination is exactly 1 once two models are in the window
    h = run.history
    two = h["releases"].cumsum() >= 2
    np.testing.assert_allclose(h.loc[two, "coordination"], 1.0)
    assert h.loc[two, "gini"].abs().max() < 1e-12


@pytest.mark.parametrize(("seed", "births", "gini_final", "top15_final"), [
    # A = (1/8, 1/8, 1/2, 1/2): Gini 2 (1 + 2 + 12 + 16)/(4 * 10) - 5/4 = 3/10; top
    # ceil(0.15 * 4) = 1 benchmark: 4/10
    (19, [0, 1, 3, 3], 3 / 10, 4 / 10),
    # A in units of 1/8 = (1, 1, 2, 2, 2, 2, 4, 4), sum 18: Gini 2 * 99/(8 * 18) - 9/8 = 1/4;
    # top ceil(0.15 * 8) = 2 benchmarks: 8/18
    (32, [0, 1, 2, 2, 2, 2, 3, 3], 1 / 4, 8 / 18),
])
def test_gini_and_top15_share_by_hand(seed, births, gini_final, top15_final):
    # No releases: nothing is adopted and A_j = a0 (1 - delta)^(T - b_j + 1) (entrants decay in
    # their birth step; the initial benchmark, b = 0, decays T times). With delta = 1/2, T = 3:
    # born at 0 or 1 -> 1/8, at 2 -> 1/4, at 3 -> 1/2. Every benchmark is live.
    p = EcosystemParams(steps=3, initial_benchmarks=1, entry_rate=1.0, release_rate=0.0,
                        decay=0.5, a0=1.0, live_window=None)
    run = simulate(p, seed)
    assert run.birth.tolist() == births
    np.testing.assert_allclose(run.authority, 0.5 ** (3 - np.maximum(run.birth, 1) + 1))
    h = run.history
    assert h["gini"].iloc[-1] == pytest.approx(gini_final, abs=1e-12)      # not * n / (n - 1)
    assert h["top15_share"].iloc[-1] == pytest.approx(top15_final, abs=1e-12)
    assert h["gini"].iloc[0] == 0.0                         # step 1: every A_j = 1/2


def test_invisible_entrants_are_never_adopted():
    p = SMALL.with_(entry_rate=2.0, entrant_visibility=0.0, decay=0.1, a0=1.0)
    run = simulate(p, 5)
    entrants = run.birth > 0
    assert entrants.sum() > 10
    age = p.steps - run.birth[entrants]
    np.testing.assert_allclose(run.authority[entrants], 0.9 ** (age + 1))  # decayed at steps b..T
    np.testing.assert_array_equal(run.saturation[entrants], 0.0)


def test_t_interval_matches_scipy():
    x = [0.1, 0.4, 0.35, 0.2, 0.3]
    mean, lo, hi = t_interval(x)
    ref = stats.t.interval(0.95, 4, loc=np.mean(x), scale=stats.sem(x))
    assert mean == pytest.approx(0.27)
    assert (lo, hi) == pytest.approx(ref)
    with pytest.raises(InputError, match="two seeds"):
        t_interval([1.0])


def test_sweep_summary_and_paired_difference():
    res = sweep(SMALL, "penalty", [0.0, 1.0], seeds=4, tail=5)
    assert res.summary["value"].tolist() == [0.0, 1.0]
    f = res.final[res.final["value"] == 1.0]["gini"]
    mean, lo, hi = t_interval(f)
    row = res.summary.set_index("value").loc[1.0]
    assert (row["gini_mean"], row["gini_lo"], row["gini_hi"]) == pytest.approx((mean, lo, hi))
    # the same seeds give the same runs as simulate_many
    h = simulate_many(SMALL.with_(penalty=1.0), [0, 1, 2, 3])
    np.testing.assert_allclose(res.runs[res.runs["value"] == 1.0]["gini"].to_numpy(),
                               h["gini"].to_numpy())
    d = res.paired_difference("gini", 0.0, 1.0)
    fin = res.final.set_index(["value", "seed"])["gini"]
    assert d == pytest.approx(t_interval(fin.loc[1.0].to_numpy() - fin.loc[0.0].to_numpy()))


def test_entry_effect_and_shock_effect_on_small_settings():
    e = entry_effect(SMALL.with_(steps=40), [0.5, 4.0], seeds=4, tail=10)
    assert len(e.gini) == 2 and e.change.lo <= e.change.mean <= e.change.hi
    s = shock_effect(SMALL.with_(shock_size=0.0, shock_start=5, shock_duration=3), seeds=3,
                     tail=5)
    assert (s.dip.mean, s.residual.mean) == (0.0, 0.0)     # no shock: identical runs
    with pytest.raises(InputError, match="steps"):
        shock_effect(SMALL.with_(shock_size=5.0, shock_start=25, shock_duration=3), 3, tail=5)
    with pytest.raises(InputError, match="shock_start"):
        shock_effect(SMALL.with_(shock_size=5.0, shock_start=1, shock_duration=3), 3, tail=5)


def test_shock_effect_splits_the_gap_closure_into_regain_and_control_decline():
    # per seed: (C_tr - S_tr) - (C_tail - S_tail) = (C_tr - C_tail) + (S_tail - S_tr), so the
    # recovery of the gap is the control's decline plus the shocked runs' regain
    p = SMALL.with_(steps=40, shock_size=8.0, shock_start=8, shock_duration=3)
    e = shock_effect(p, seeds=5, tail=8)
    assert e.recovery.mean == pytest.approx(e.control_decline.mean + e.shocked_regain.mean,
                                            abs=1e-12)
    tr = e.trajectory.set_index("step")
    t = e.trough_step
    shock = tr["coordination_shock"]
    assert e.shocked_drop.mean == pytest.approx(
        shock.loc[3:7].mean() - shock.loc[t - 1:t + 1].mean(), abs=1e-12)   # w = 5 steps before
    assert set(e.to_dict()) == {"trough_step", "dip", "residual", "recovery", "shocked_drop",
                                "shocked_regain", "control_decline"}


@pytest.mark.parametrize("kw, field", [
    ({"steps": 0}, "steps"), ({"decay": 1.0}, "decay"), ({"a0": 0.0}, "a0"),
    ({"penalty": -1.0}, "penalty"), ({"saturation_rate": 1.5}, "saturation_rate"),
    ({"entry_rate": math.nan}, "entry_rate"), ({"benchmarks_per_model": 2.5},
                                               "benchmarks_per_model"),
    ({"live_window": 0}, "live_window"),
])
def test_bad_parameters(kw, field):
    with pytest.raises(InputError, match=field):
        EcosystemParams(**kw)


def test_bad_sweep_input():
    with pytest.raises(InputError, match="parameter"):
        sweep(SMALL, "speed", [1.0], 3)
    with pytest.raises(InputError, match="seeds"):
        sweep(SMALL, "penalty", [1.0], 1)
    with pytest.raises(InputError, match="values"):
        sweep(SMALL, "penalty", [1.0, 1.0], 3)
    with pytest.raises(InputError, match="seed"):
        simulate(SMALL, -1)
    with pytest.raises(InputError, match="parameter"):
        SMALL.with_(speed=2)


def test_gumbel_top_k_matches_successive_sampling():
    from itertools import permutations

    from benchgame.analyses.ecosystem.simulation import gumbel_top_k

    w = np.array([4.0, 2.0, 1.0, 1.0, 0.0])
    rng = np.random.default_rng(0)
    draws = gumbel_top_k(np.log(w, where=w > 0, out=np.full(5, -np.inf)), 200_000, 2, rng)
    assert draws.shape == (200_000, 2)
    assert not (draws == 4).any()                       # zero weight is never drawn
    assert (draws[:, 0] != draws[:, 1]).all()
    freq = np.bincount(draws.ravel(), minlength=5) / 200_000
    exact = np.zeros(5)
    for i, j in permutations(range(4), 2):               # P(i then j)
        pr = w[i] / w.sum() * w[j] / (w.sum() - w[i])
        exact[i] += pr
        exact[j] += pr
    np.testing.assert_allclose(freq, exact, atol=4e-3)  # ~ 4 standard errors


def test_integer_like_parameters_are_normalised():
    p = EcosystemParams(steps=12.0, initial_benchmarks=np.int64(5), penalty=1)
    assert isinstance(p.steps, int) and isinstance(p.initial_benchmarks, int)
    assert isinstance(p.penalty, float)
    assert len(simulate(p, 0).history) == 12
    with pytest.raises(InputError, match="alpha"):
        EcosystemParams(alpha="1")


@pytest.mark.parametrize("seeds", [[5, 5, 5, 5], [0, 1, 0], (3, 4, 4)])
def test_repeated_seeds_are_rejected(seeds):
    with pytest.raises(InputError) as exc:
        sweep(SMALL, "penalty", [0.0, 1.0], seeds, tail=5)
    assert exc.value.field == "seeds"
    assert exc.value.fix == "give distinct seeds"
    with pytest.raises(InputError) as exc:
        simulate_many(SMALL, seeds)
    assert exc.value.field == "seeds"


def test_non_integer_seed_list_is_input_error():
    with pytest.raises(InputError) as exc:
        simulate_many(SMALL, ["a", "b"])
    assert exc.value.field == "seeds"
