"""Bradley-Terry fits, correlation functions, bootstrap intervals and Williams' t."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from benchgame.analyses.arena import (
    bootstrap_correlations,
    bundled_arena_fit,
    correlation,
    fit_bradley_terry,
    obsscaling_with_arena,
    validate_against_arena,
    williams_t,
)
from benchgame.analyses.arena.bradley_terry import bt_neg_log_likelihood
from benchgame.benchmarks_data.ibm_benchbench import load_ibm_table
from benchgame.core.validation import InputError


def _bt_wins(rng, s, n_pair):
    n = s.size
    iu = np.triu_indices(n, 1)
    p = 1 / (1 + np.exp(-(s[iu[0]] - s[iu[1]])))
    w = rng.binomial(n_pair, p)
    W = np.zeros((n, n))
    W[iu] = w
    W[iu[1], iu[0]] = n_pair - w
    return W


def test_bt_recovers_planted_strengths():
    rng = np.random.default_rng(3)
    s = np.array([-1.0, -0.4, 0.0, 0.3, 1.1])
    s -= s.mean()
    fit = fit_bradley_terry(_bt_wins(rng, s, 20_000))
    est = fit.ratings.loc[[f"m{k}" for k in range(5)], "strength"].to_numpy()
    assert np.max(np.abs(est - s)) < 0.05
    assert abs(est.sum()) < 1e-9  # identified by a zero mean
    assert fit.gradient_norm < 1e-6 and fit.converged
    # the Elo scale: a strength gap of ln 10 is 400 points
    elo = fit.ratings["elo"]
    assert elo["m4"] - elo["m0"] == pytest.approx(400 / np.log(10) * (est[4] - est[0]))


def test_bt_two_model_closed_form():
    # two models: s_1 - s_0 = ln(w_10 / w_01)
    fit = fit_bradley_terry(np.array([[0.0, 30.0], [70.0, 0.0]]))
    st_ = fit.ratings["strength"]
    assert st_["m1"] - st_["m0"] == pytest.approx(np.log(70 / 30), abs=1e-6)


def _zermelo_mm(W, iters=20_000):
    """Reference: Zermelo's fixed point / the MM algorithm of Hunter (2004)."""
    N = W + W.T
    p = np.ones(W.shape[0])
    for _ in range(iters):
        p = W.sum(axis=1) / (N / (p[:, None] + p[None, :])).sum(axis=1)
        p /= np.exp(np.log(p).mean())
    return np.log(p)


def test_bt_matches_the_zermelo_mm_reference():
    rng = np.random.default_rng(9)
    s = rng.normal(size=7)
    W = _bt_wins(rng, s, 200).astype(float)
    W[0, 3] = W[3, 0] = 0.0  # an incomplete comparison graph (still strongly connected)
    ref = _zermelo_mm(W)
    fit = fit_bradley_terry(W)
    est = fit.ratings.loc[[f"m{k}" for k in range(7)], "strength"].to_numpy()
    assert np.allclose(est, ref - ref.mean(), atol=1e-6)


def test_bt_gradient_matches_finite_differences():
    rng = np.random.default_rng(0)
    W = rng.integers(0, 20, size=(5, 5)).astype(float)
    np.fill_diagonal(W, 0)
    s = rng.normal(size=5)
    _, g = bt_neg_log_likelihood(s, W)
    eps = 1e-6
    fd = [(bt_neg_log_likelihood(s + eps * e, W)[0] - bt_neg_log_likelihood(s - eps * e, W)[0])
          / (2 * eps) for e in np.eye(5)]
    assert np.allclose(g, fd, atol=1e-5)


def test_bt_disconnected_graph_is_rejected():
    W = np.zeros((4, 4))
    W[0, 1] = W[1, 0] = 10
    W[2, 3] = W[3, 2] = 10
    with pytest.raises(InputError, match="not strongly connected"):
        fit_bradley_terry(W)
    W2 = np.array([[0.0, 5.0], [0.0, 0.0]])  # model 0 won every battle: MLE at infinity
    with pytest.raises(InputError, match="not strongly connected"):
        fit_bradley_terry(W2)


def test_bt_on_bundled_battles_matches_the_provenance_reference():
    fit = bundled_arena_fit()
    top = list(fit.ratings.index[:5])
    assert top == ["chatgpt-4o-latest", "gemini-1.5-pro-exp-0801", "gpt-4o-2024-05-13",
                   "gpt-4o-mini-2024-07-18", "claude-3-5-sonnet-20240620"]
    ibm = load_ibm_table("chatbot_arena_241104_holistic")["arena_elo"]
    r = fit.elo.reindex(ibm.index)
    assert stats.spearmanr(r, ibm)[0] == pytest.approx(0.787, abs=5e-4)
    assert stats.pearsonr(r, ibm)[0] == pytest.approx(0.828, abs=5e-4)
    assert fit.ratings["elo"].mean() == pytest.approx(1000.0)
    drop = bundled_arena_fit("drop")
    assert drop.ties == "drop" and list(drop.ratings.index[:1]) == ["chatgpt-4o-latest"]


_VALUE = st.integers(-500, 500).map(lambda v: v / 100)


@given(st.lists(st.tuples(_VALUE, _VALUE), min_size=4, max_size=25),
       st.sampled_from(["pearson", "spearman", "kendall"]))
def test_correlations_match_scipy(pairs, kind):
    x = np.array([p[0] for p in pairs])
    y = np.array([p[1] for p in pairs])
    ref = {"pearson": stats.pearsonr, "spearman": stats.spearmanr,
           "kendall": stats.kendalltau}[kind]
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return
    expected = ref(x, y)[0]
    assert correlation(x, y, kind) == pytest.approx(expected, abs=1e-9)


def test_bootstrap_is_seeded_and_reproducible():
    rng = np.random.default_rng(1)
    x = rng.normal(size=30)
    y = x + rng.normal(size=30)
    a = bootstrap_correlations(x, y, n_boot=500, seed=7)
    b = bootstrap_correlations(x, y, n_boot=500, seed=7)
    c = bootstrap_correlations(x, y, n_boot=500, seed=8)
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a[["lo", "hi"]], c[["lo", "hi"]])
    assert (a["lo"] <= a["estimate"]).all() and (a["estimate"] <= a["hi"]).all()


def test_williams_t_properties_and_size():
    assert williams_t(0.5, 0.5, 0.3, 30)[0] == 0.0
    t, p, df = williams_t(0.8, 0.5, 0.4, 40)
    assert t > 0 and df == 37 and 0 < p < 0.05
    assert williams_t(0.5, 0.8, 0.4, 40)[0] == pytest.approx(-t)
    # Monte Carlo size under H0 (rho12 = rho13 = 0.5, rho23 = 0.6), n = 30, 4000 data sets
    rng = np.random.default_rng(0)
    C = np.array([[1, 0.5, 0.5], [0.5, 1, 0.6], [0.5, 0.6, 1]])
    Z = rng.multivariate_normal(np.zeros(3), C, size=(4000, 30))
    Zc = Z - Z.mean(axis=1, keepdims=True)
    S = np.einsum("bni,bnj->bij", Zc, Zc)
    d = np.sqrt(np.einsum("bii->bi", S))
    R = S / d[:, :, None] / d[:, None, :]
    ps = np.array([williams_t(r[0, 1], r[0, 2], r[1, 2], 30)[1] for r in R])
    assert 0.035 <= np.mean(ps < 0.05) <= 0.065
    with pytest.raises(InputError):
        williams_t(1.5, 0.2, 0.1, 10)


def test_validation_pins_the_obsscaling_reference_values():
    d = obsscaling_with_arena()
    sub = d.dropna(subset=["Arena-Elo"])
    assert len(sub) == 19
    assert correlation(sub["MMLU"], sub["Arena-Elo"]) == pytest.approx(0.951, abs=5e-4)
    seven = ["MMLU", "ARC-C", "HellaSwag", "Winogrande", "TruthfulQA", "GSM8K", "HumanEval"]
    full = sub.dropna(subset=seven)
    assert len(full) == 15
    assert correlation(full["MMLU"], full["Arena-Elo"]) == pytest.approx(0.945, abs=5e-4)
    assert correlation(full[seven].mean(axis=1), full["Arena-Elo"]) == pytest.approx(
        0.874, abs=5e-4)
    v = validate_against_arena(full[seven].mean(axis=1).rename("mean of 7"),
                               full["Arena-Elo"].rename("arena"), full["MMLU"].rename("MMLU"),
                               n_boot=500)
    c = v.comparison.loc["pearson"]
    assert c["aggregate"] == pytest.approx(0.874, abs=5e-4)
    assert c["difference"] < 0 and not c["aggregate_beats_baseline"]
    assert "does not beat" in v.summary()


def test_validation_bad_input():
    s = pd.Series([1.0, 2.0, 3.0], index=["a", "b", "c"])
    with pytest.raises(InputError, match="share only"):
        validate_against_arena(s, s, s)
    with pytest.raises(InputError, match="Series"):
        validate_against_arena([1, 2], s, s)
    with pytest.raises(InputError, match="non-finite"):
        correlation([1, 2, np.nan, 4], [1, 2, 3, 4])


def test_bt_solvers_agree_and_bad_solver():
    rng = np.random.default_rng(2)
    W = _bt_wins(rng, rng.normal(size=6), 500)
    a = fit_bradley_terry(W).ratings["strength"]
    b = fit_bradley_terry(W, solver="lbfgs").ratings.loc[a.index, "strength"]
    assert np.allclose(a, b, atol=1e-5)
    with pytest.raises(InputError, match="solver"):
        fit_bradley_terry(W, solver="em")


@pytest.mark.parametrize("kind", ["pearson", "spearman", "kendall"])
@pytest.mark.parametrize("constant", ["x", "y"])
def test_constant_input_is_input_error(kind, constant):
    v = np.array([1.0, 2.0, 4.0, 3.0])
    c = np.full(4, 0.5)
    x, y = (c, v) if constant == "x" else (v, c)
    with pytest.raises(InputError) as exc:
        correlation(x, y, kind)
    assert exc.value.field == constant
    assert "a correlation is undefined" in exc.value.problem
    with pytest.raises(InputError) as exc:
        bootstrap_correlations(x, y, n_boot=20)
    assert exc.value.field == constant


def test_validation_constant_score_names_the_series():
    idx = [f"m{k}" for k in range(5)]
    agg = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0], index=idx)
    arena = pd.Series([10.0, 12.0, 11.0, 15.0, 14.0], index=idx)
    base = pd.Series(0.7, index=idx)
    with pytest.raises(InputError) as exc:
        validate_against_arena(agg, arena, base, n_boot=20)
    assert exc.value.field == "baseline"
