"""The Lasso stage is scikit-learn's Lasso in the authors' setup; LassoCV picks alpha."""

import numpy as np
import pytest

from benchgame.analyses.signatures import extract_signature, fit_lasso
from benchgame.core.validation import InputError


def _design(seed=3, m=30, d=6):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, d))
    return X, 2 * X[:, 1] - X[:, 4] + 0.1 * rng.normal(size=m)


def test_fit_lasso_is_the_authors_sklearn_call():
    from sklearn.linear_model import Lasso

    X, y = _design()
    Z = (X - X.mean(0)) / X.std(0)
    ref = Lasso(alpha=0.01, fit_intercept=False, max_iter=10000, random_state=42)
    ref.fit(Z, y - y.mean())
    fit = fit_lasso(X, y)
    assert np.allclose(fit.w, ref.coef_, rtol=1e-12, atol=1e-14)
    assert fit.alpha == 0.01 and fit.converged and fit.iterations == ref.n_iter_


def test_cross_validated_alpha_and_its_method_text():
    from sklearn.linear_model import LassoCV

    X, y = _design()
    Z = (X - X.mean(0)) / X.std(0)
    ref = LassoCV(cv=5, fit_intercept=False, max_iter=10000).fit(Z, y - y.mean())
    fit = fit_lasso(X, y, alpha="cv")
    assert fit.alpha == ref.alpha_
    assert set(np.flatnonzero(fit.w)) >= {1, 4}
    sig = extract_signature(X, y, selector="lasso", alpha="cv")
    assert 0 < sig.provenance["alpha"] < 0.1
    assert "by 5-fold cross-validation" in sig.method


@pytest.mark.parametrize("kw, field", [({"alpha": 0.0}, "alpha"), ({"alpha": "auto"}, "alpha"),
                                       ({"tol": 0.0}, "tol"), ({"alpha": "cv", "cv": 1}, "cv")])
def test_bad_lasso_settings_name_the_field(kw, field):
    X, y = _design()
    with pytest.raises(InputError) as exc:
        fit_lasso(X, y, **kw)
    assert exc.value.field == field


def test_obsscaling_lasso_signature_keeps_the_published_selection():
    from benchgame.cli.commands.signatures import bundled_features

    X, y, dropped = bundled_features("obsscaling", "arena")
    sig = extract_signature(X, y, selector="lasso", alpha=0.01)
    assert sig.names == ("MTBench", "HellaSwag", "Winogrande", "HumanEval", "GSM8K",
                         "TruthfulQA", "MMLU", "ARC-C")
    assert sig.features["coef"].round(1).tolist() == [77.8, 32.7, 28.2, -27.1, -20.2, -12.5,
                                                      9.7, -6.8]
