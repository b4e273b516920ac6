"""Signature extraction: screening identities, planted recovery, forward AIC, Lasso, overlaps."""

import json
from itertools import combinations

import cvxpy as cp
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import stats
from typer.testing import CliRunner

from benchgame.analyses.signatures import (
    confound_test,
    extract_signature,
    fit_lasso,
    forward_select,
    performance_overlap,
    preselect_eta,
    screen_features,
    semantic_overlap,
    signature_overlap,
    thrush_gamma,
)
from benchgame.cli import app
from benchgame.core.validation import InputError


@given(arrays(float, (7, 3), elements=st.integers(-3, 3).map(float)),
       st.lists(st.integers(-2, 2), min_size=7, max_size=7))
def test_gamma_equals_pairwise_definition(P, y):
    y = np.array(y, dtype=float)
    R = stats.rankdata(P, axis=0)
    pairwise = sum(np.sign(y[k] - y[j]) * (R[k] - R[j]) for k, j in combinations(range(7), 2))
    assert np.allclose(thrush_gamma(P, y), pairwise)


def test_eta_counts_misordered_pairs():
    y = np.array([1.0, 4.0, 3.0, 2.0])
    # perplexity-like feature: lower is better; perfectly ordered -> 0, reversed -> 1
    P = np.array([[4.0, 1.0, 4.0], [1.0, 4.0, 2.0], [2.0, 3.0, 1.0], [3.0, 2.0, 3.0]])
    assert preselect_eta(P, y).tolist() == pytest.approx([0.0, 1.0, 1 / 6])


def _planted(seed, m=80, d=200, k=3, sigma=0.2):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, d))
    planted = np.sort(rng.choice(d, size=k, replace=False))
    beta = rng.uniform(0.8, 1.2, size=k) * rng.choice([-1, 1], size=k)
    return X, X[:, planted] @ beta + sigma * rng.normal(size=m), planted, beta


@pytest.mark.parametrize("seed", range(5))
def test_forward_selection_recovers_planted_signature(seed):
    X, y, planted, beta = _planted(seed)
    sel, _ = screen_features(X, y, n_keep=10)
    assert set(planted) <= set(sel)
    sig = extract_signature(X, y, n_keep=10, criterion="aicc")
    first = sorted(int(f[1:]) for f in sig.names[:3])
    assert first == planted.tolist()
    coef = sig.features["coef"].iloc[:3].to_numpy()
    order = [int(f[1:]) for f in sig.names[:3]]
    assert np.allclose(coef, [beta[list(planted).index(j)] for j in order], atol=0.15)


def test_lasso_recovers_planted_signature():
    X, y, planted, _ = _planted(11)
    sig = extract_signature(X, y, selector="lasso", alpha=0.1, n_keep=20)
    assert set(int(f[1:]) for f in sig.names[:3]) == set(planted.tolist())


def test_forward_selection_fails_under_heavy_collinearity():
    X, y, planted, beta = _planted(2)
    free = np.setdiff1d(np.arange(X.shape[1]), planted)[0]
    comb = X[:, planted] @ beta
    X[:, free] = comb / comb.std() + 0.05 * np.random.default_rng(0).normal(size=len(y))
    path = forward_select(X, y, max_features=3)
    assert path.selected[0] == free


def test_forward_aic_path_and_stopping():
    X, y, planted, _ = _planted(4, d=30)
    fp = forward_select(X, y)
    crit = fp.path["criterion"].to_numpy()
    assert np.all(np.diff(crit) < 0)  # every accepted step lowers AIC
    # the RSS update equals a direct OLS fit of the selected set
    A = np.column_stack([np.ones(len(y)), X[:, list(fp.selected)]])
    res = y - A @ np.linalg.lstsq(A, y, rcond=None)[0]
    assert fp.path["rss"].iloc[-1] == pytest.approx(float(res @ res), rel=1e-9)
    m, k = len(y), len(fp.selected) + 1
    assert crit[-1] == pytest.approx(m * np.log(res @ res / m) + 2 * k)
    capped = forward_select(X, y, max_features=2)
    assert len(capped.selected) == 2 and "cap" in capped.stop_reason


def test_lasso_matches_cvxpy():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(40, 8))
    y = X[:, 0] - 0.5 * X[:, 3] + 0.3 * rng.normal(size=40)
    w, sd, _, converged, _ = fit_lasso(X, y, alpha=0.05, tol=1e-12)
    assert converged
    Z = (X - X.mean(0)) / sd
    yc = y - y.mean()
    v = cp.Variable(8)
    cp.Problem(cp.Minimize(cp.sum_squares(yc - Z @ v) / (2 * 40) + 0.05 * cp.norm1(v))).solve()
    assert np.allclose(w, v.value, atol=1e-4)


def test_signature_input_errors():
    with pytest.raises(InputError, match="selector"):
        extract_signature(np.zeros((5, 2)), np.arange(5.0), selector="ridge")
    with pytest.raises(InputError, match="one target value per model"):
        extract_signature(np.zeros((5, 2)), np.arange(4.0))
    with pytest.raises(InputError, match="non-finite"):
        extract_signature(np.full((5, 2), np.nan), np.arange(5.0))


def test_overlap_measures():
    rng = np.random.default_rng(0)
    base = rng.normal(size=30)
    Y = pd.DataFrame({"a": base, "b": base ** 3, "c": rng.normal(size=30)})
    ov = performance_overlap(Y)
    assert ov.loc["a", "b"] == pytest.approx(1.0)
    assert ov.loc["a", "c"] == pytest.approx(stats.spearmanr(Y["a"], Y["c"])[0])
    P = pd.DataFrame(rng.normal(size=(30, 6)), columns=list("uvwxyz"))
    so = signature_overlap(P, {"a": ["u", "v"], "b": ["u", "v"], "c": ["y", "z"]})
    assert so.loc["a", "b"] == pytest.approx(1.0)
    sf = signature_overlap(P, {"a": ["u"], "b": ["w"]}, zscore="feature")
    assert sf.loc["a", "b"] == pytest.approx(stats.spearmanr(P["u"], P["w"])[0])
    with pytest.raises(InputError, match="unknown features"):
        signature_overlap(P, {"a": ["u"], "b": ["nope"]})


def test_semantic_overlap_tfidf():
    q = {"math": ["solve x plus two", "what is two plus three", "integrate x squared"],
         "math2": ["compute two plus five", "solve x minus one", "what is x squared"],
         "law": ["is the contract valid", "who owns the property", "the court held that"]}
    s = semantic_overlap(q, repeats=20, seed=0)
    assert s.loc["math", "math"] == pytest.approx(1.0)
    assert s.loc["math", "math2"] > s.loc["math", "law"]
    assert s.equals(semantic_overlap(q, repeats=20, seed=0))


def test_confound_test_mann_whitney():
    labels = ["f1", "f1", "f1", "f2", "f2", "f2"]
    names = list("abcdef")
    M = np.full((6, 6), 0.1)
    for i in range(6):
        for j in range(6):
            if labels[i] == labels[j]:
                M[i, j] = 0.8 + 0.01 * (i + j)
    ov = pd.DataFrame(M, index=names, columns=names)
    t = confound_test(ov, dict(zip(names, labels, strict=True)), alternative="greater")
    assert t.n_same == 6 and t.n_cross == 9
    ref = stats.mannwhitneyu(M[np.triu_indices(6, 1)][[0, 1, 5, 12, 13, 14]],
                             np.full(9, 0.1), alternative="greater")
    assert t.p_value == pytest.approx(ref.pvalue) and t.p_value < 0.01


def test_mmlu_family_confound_on_bundled_tables():
    from benchgame.analyses.signatures import mmlu_family_overlap

    fo = mmlu_family_overlap()
    assert len(fo.models) == 22
    assert fo.overlap.shape == (62, 62)
    assert fo.test.n_same == 57 * 56 // 2 + 10 and fo.test.n_cross == 57 * 5
    assert fo.test.median_same > 0.4 > fo.test.median_cross
    assert fo.test.p_value < 1e-10


runner = CliRunner()


def test_signatures_cli_json_on_bundled_tables():
    res = runner.invoke(app, ["signatures", "--format", "json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert d["schema"] == "benchgame.signatures/1" and d["target"] == "arena"
    assert d["n_models"] == 13
    assert [s["feature"] for s in d["signature"]] == ["MTBench", "HumanEval", "HellaSwag"]
    assert d["r2"] == pytest.approx(0.983, abs=1e-3)
    res = runner.invoke(app, ["signatures", "--table", "openllm", "--target", "GSM8K",
                              "-f", "json"])
    d = json.loads(res.output)
    assert d["n_models"] == 87 and d["signature"][0]["feature"] == "ARC"
    assert d["performance_overlap"]["ARC"] == pytest.approx(-0.330, abs=1e-3)


def test_signatures_cli_lasso_csv_and_bad_target():
    res = runner.invoke(app, ["signatures", "--method", "lasso", "-f", "csv"])
    assert res.exit_code == 0
    assert res.output.splitlines()[0] == "feature,order,coef,gamma,eta"
    res = runner.invoke(app, ["signatures", "--target", "nope"])
    assert res.exit_code == 2 and "not a column" in res.stderr


def _two_feature_design(m=30, d=6, seed=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, d))
    y = 2 * X[:, 1] - X[:, 4] + 0.1 * rng.normal(size=m)
    return X, y


@pytest.mark.parametrize("max_iter", [0, -3, 2.5, True])
def test_lasso_rejects_bad_max_iter(max_iter):
    X, y = _two_feature_design()
    with pytest.raises(InputError) as exc:
        fit_lasso(X, y, max_iter=max_iter)
    assert exc.value.field == "max_iter"


def test_lasso_reports_convergence():
    X, y = _two_feature_design()
    fit = fit_lasso(X, y, alpha=0.05, max_iter=1, tol=1e-12)
    assert fit.iterations == 1 and fit.converged is False
    fit = fit_lasso(X, y, alpha=0.05, tol=1e-12)
    assert fit.converged is True and 1 < fit.iterations < 10_000
    sig = extract_signature(X, y, selector="lasso", alpha=0.05, max_iter=1)
    assert sig.provenance["converged"] is False and sig.provenance["iterations"] == 1
    assert "NOT converged" in sig.method
    sig = extract_signature(X, y, selector="lasso", alpha=0.05)
    assert sig.provenance["converged"] is True
    assert set(sig.names) == {"x1", "x4"}


def test_non_numeric_frame_names_the_column():
    X, y = _two_feature_design()
    P = pd.DataFrame(X, columns=[f"f{j}" for j in range(6)]).astype(object)
    P.iloc[7, 2] = "high"
    with pytest.raises(InputError) as exc:
        extract_signature(P, y)
    assert exc.value.field == "P, column 'f2'"
    assert "'high'" in exc.value.problem
    ys = pd.Series(y, index=P.index, name="bench").astype(object)
    ys.iloc[3] = "?"
    with pytest.raises(InputError) as exc:
        extract_signature(P.drop(columns="f2"), ys)
    assert exc.value.field == "y, column 'bench'"


def test_constant_target_is_input_error():
    X, _ = _two_feature_design()
    for selector in ("forward_aic", "lasso"):
        with pytest.raises(InputError) as exc:
            extract_signature(X, np.full(30, 0.7), selector=selector)
        assert exc.value.field == "y" and "constant" in exc.value.problem


def test_series_alignment_ignores_extra_models_and_rejects_missing_ones():
    X, y = _two_feature_design()
    names = [f"m{k}" for k in range(30)]
    P = pd.DataFrame(X, index=names, columns=[f"x{j}" for j in range(6)])
    ys = pd.Series(y, index=names, name="bench")
    extra = pd.concat([ys, pd.Series([100.0, -100.0], index=["other1", "other2"])])
    a = extract_signature(P, ys)
    b = extract_signature(P, extra.iloc[::-1])
    assert a.names == b.names and a.r2 == pytest.approx(b.r2)
    assert a.provenance["y_models_ignored"] == 0 and b.provenance["y_models_ignored"] == 2
    with pytest.raises(InputError) as exc:
        extract_signature(P, ys.drop("m5"))
    assert exc.value.field == "y" and "m5" in exc.value.problem


def test_bad_rank_method_is_input_error():
    X, y = _two_feature_design()
    for fn in (thrush_gamma, screen_features):
        with pytest.raises(InputError) as exc:
            fn(X, y, rank_method="spearman")
        assert exc.value.field == "rank_method"
    for method in ("average", "min", "max", "dense", "ordinal"):
        assert thrush_gamma(X, y, rank_method=method).shape == (6,)
