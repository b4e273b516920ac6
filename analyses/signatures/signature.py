"""Benchmark signatures: the two-stage extraction of arXiv:2509.23488 over any predictor matrix.

A signature S_b of a target y (a benchmark's scores over m models) is a small set of features
(columns of P: token perplexities in the paper, benchmark scores in the bundled demonstration)
that jointly predict y. Stage 1 screens features by the Thrush rank correlation (both tails,
:mod:`benchgame.analyses.signatures.screening`); stage 2 selects among the screened features by

* ``selector="forward_aic"``: greedy forward selection with OLS, stopping on AIC (the paper;
  ``criterion="aicc"`` offers the small-sample correction, an option of this library);
* ``selector="lasso"``: Lasso with ``alpha = 0.01`` on standardized features and centered y (the
  authors' public code).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import lazy_loader as lazy
import numpy as np

from benchgame.analyses.signatures.screening import as_design, preselect_eta, screen_features
from benchgame.analyses.signatures.selection import fit_lasso, forward_select
from benchgame.core.serialize import Serializable
from benchgame.core.validation import InputError, as_finite_array

pd = lazy.load("pandas")

__all__ = ["Signature", "extract_signature"]

Selector = Literal["forward_aic", "lasso"]


@dataclass(frozen=True)
class Signature(Serializable):
    """An extracted signature: the selected features with their statistics, and the path.

    Parameters
    ----------
    target : str
        Name of the target (benchmark).
    features : pandas.DataFrame
        One row per selected feature (index: feature name), columns ``gamma`` (Thrush
        correlation), ``eta`` (pre-select correlation), ``coef`` (OLS coefficient for forward
        selection; standardized Lasso weight for the Lasso), ``order`` (entry order, 1-based).
    screened : tuple of str
        Features kept by stage 1.
    r2 : float
        In-sample R^2 of OLS of y on the selected features (with intercept).
    path : pandas.DataFrame
        Forward-selection path (``step, added, rss, criterion``); empty for the Lasso.
    selector : str
        ``"forward_aic"`` or ``"lasso"``.
    method : str
        The two stages as run (screen size, selector, stopping reason or convergence).
    provenance : dict
        Sizes and settings of the run.

    References
    ----------
    .. [1] S. Wu, H. Bao, S. Li, A. Holtzman and J. A. Evans, "Mapping overlaps in benchmarks
       through perplexity in the wild", arXiv:2509.23488, 2025,
       the signature of a benchmark: a small set of salient tokens whose perplexities jointly
       predict its scores.
    """

    target: str
    features: pd.DataFrame
    screened: tuple[str, ...]
    r2: float
    path: pd.DataFrame
    selector: str
    method: str
    provenance: dict = field(default_factory=dict)

    @property
    def names(self) -> tuple[str, ...]:
        """The selected feature names, in entry order."""
        return tuple(self.features.index)

    def to_frame(self) -> pd.DataFrame:
        """The selected features, one row per feature (by name), in entry order.

        Returns
        -------
        pandas.DataFrame
            Index ``feature`` (the column names of ``P``); columns ``gamma``, ``eta``,
            ``coef`` and ``order`` (a copy of ``features``).

        Examples
        --------
        >>> import numpy as np
        >>> import pandas as pd
        >>> rng = np.random.default_rng(0)
        >>> P = pd.DataFrame(rng.normal(size=(30, 50)), columns=[f"t{j}" for j in range(50)])
        >>> y = pd.Series(2 * P["t3"] - 1.5 * P["t17"] + 0.1 * rng.normal(size=30), name="bench")
        >>> extract_signature(P, y, selector="lasso", alpha=0.1).to_frame().round(3)
                  gamma    eta   coef  order
        feature
        t3       3681.0  0.825  2.201      1
        t17     -1597.0  0.372 -1.035      2
        """
        return self.features.copy()


def _r2(X: np.ndarray, y: np.ndarray) -> float:
    A = np.column_stack([np.ones(len(y)), X])
    beta = np.linalg.lstsq(A, y, rcond=None)[0]
    res = y - A @ beta
    tss = float(((y - y.mean()) ** 2).sum())
    return 1.0 - float(res @ res) / tss if tss > 0 else float("nan")


def _numeric_frame(P: pd.DataFrame, field_name: str = "P") -> np.ndarray:
    """``P`` as a float array; a cell that is not a number raises InputError naming its column
    (and model). Missing cells (NaN/None) are left to the finiteness check of ``as_design``."""
    X = P.apply(pd.to_numeric, errors="coerce")
    bad = X.isna() & P.notna()
    hits = np.argwhere(bad.to_numpy().T)  # (column, row) pairs, column-major
    if hits.size:
        j, i = (int(v) for v in hits[0])
        raise InputError(f"{field_name}, column {str(P.columns[j])!r}",
                         f"model {P.index[i]!r} has {P.iat[i, j]!r}, not a number",
                         "give numeric values in every cell")
    return X.to_numpy(float)


def extract_signature(
    P: pd.DataFrame | np.ndarray,
    y: pd.Series | np.ndarray,
    *,
    selector: Selector = "forward_aic",
    criterion: Literal["aic", "aicc"] = "aic",
    max_features: int | None = None,
    n_keep: int | None = None,
    ratio: float = 1e-6,
    min_keep: int | None = None,
    alpha: float | Literal["cv"] = 0.01,
    max_iter: int = 10_000,
    feature_names: Sequence[str] | None = None,
    target: str | None = None,
) -> Signature:
    """Two-stage signature of ``y`` over the columns of ``P`` (see the module docstring).

    Parameters
    ----------
    P : DataFrame or array (m models x d features)
        A DataFrame's columns name the features and must be numeric (a cell that is not a
        number is an error naming its column). If ``y`` is a Series, ``y`` is aligned on the
        rows of ``P``: a model of ``P`` without a value in ``y`` is an error, models only in
        ``y`` are ignored (their number is recorded in ``provenance["y_models_ignored"]``).
    y : Series or array (m,)
        The target; it must vary across the models (a constant target has no signature).
    selector : {"forward_aic", "lasso"}
        Stage 2: forward selection stopping on AIC (the paper) or the Lasso (the authors' code).
    criterion : {"aic", "aicc"}
        Stopping criterion of forward selection.
    max_features : int, optional
        Cap on ``|S|`` for forward selection (default m - 3).
    n_keep : int, optional
        Stage-1 features kept per tail (see
        :func:`benchgame.analyses.signatures.screening.screen_features`).
    ratio : float
        Stage-1 share of features kept per tail when ``n_keep`` is not given.
    min_keep : int, optional
        Stage-1 floor on the features kept per tail (default ``max(2 m, 50)``).
    alpha : float or "cv"
        Lasso penalty, or ``"cv"`` for scikit-learn's 5-fold cross-validated choice.
    max_iter : int
        Cap on the Lasso's coordinate-descent sweeps; whether it converged before the cap is
        recorded in ``provenance["converged"]`` and in ``method``.
    feature_names : sequence of str, optional
        Names of the columns when ``P`` is an array (default ``x0, x1, ...``).
    target : str, optional
        Name of the target (default: the Series name, else ``"y"``).

    Returns
    -------
    Signature
        The selected features (Thrush gamma, eta, coefficient, entry order), the screened set,
        the in-sample R^2 and the path.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``selector`` is unknown, ``y`` misses a model of ``P`` or is constant, a cell is not
        a number, the names do not match the columns, or a stage's inputs are invalid.

    References
    ----------
    .. [1] S. Wu, H. Bao, S. Li, A. Holtzman and J. A. Evans, "Mapping overlaps in benchmarks
       through perplexity in the wild", arXiv:2509.23488, 2025,
       signature extraction: stage 1, Thrush rank screening; stage 2, forward selection with
       OLS stopping on AIC (the authors' code uses a Lasso with alpha = 0.01).
    .. [2] T. Thrush, C. Potts and T. Hashimoto, "Improving pretraining data using perplexity
       correlations", arXiv:2409.05816, 2024.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> P = pd.DataFrame(rng.normal(size=(30, 200)), columns=[f"t{j}" for j in range(200)])
    >>> y = pd.Series(2 * P["t3"] - 1.5 * P["t17"] + 0.1 * rng.normal(size=30), name="bench")
    >>> sig = extract_signature(P, y, n_keep=5)
    >>> sig.names, round(sig.r2, 4)
    (('t3', 't17', 't146'), 0.9987)
    >>> sig.features.round(3)
              gamma    eta   coef  order
    feature
    t3       3685.0  0.818  2.006      1
    t17     -1959.0  0.338 -1.525      2
    t146    -1625.0  0.391  0.034      3
    >>> extract_signature(P, y, selector="lasso", alpha=0.1).names
    ('t3', 't17')
    """
    if selector not in ("forward_aic", "lasso"):
        raise InputError("selector", f"is {selector!r}", "use 'forward_aic' or 'lasso'")
    ignored = 0
    if isinstance(P, pd.DataFrame):
        if isinstance(y, pd.Series):
            missing = [m for m in P.index if m not in y.index]
            if missing:
                raise InputError("y", f"has no value for models {missing[:5]}",
                                 "align P and y on the same models")
            ignored = int((~y.index.isin(P.index)).sum())
            y = y.loc[P.index]
        names = [str(c) for c in P.columns]
        X_raw = _numeric_frame(P)
    else:
        X_raw = as_finite_array(P, "P", ndim=2)
        names = [f"x{j}" for j in range(X_raw.shape[1] if X_raw.ndim == 2 else 0)] \
            if feature_names is None else list(feature_names)
    tname = target or (str(y.name) if isinstance(y, pd.Series) and y.name is not None else "y")
    if isinstance(y, pd.Series):
        y = _numeric_frame(y.to_frame(name=tname), "y")[:, 0]
    X, t = as_design(X_raw, y)
    if np.all(t == t[0]):
        raise InputError("y", f"is constant ({t[0]:g} for all {t.size} models), so no feature "
                         "can predict it", "give a target that varies across the models")
    if len(names) != X.shape[1]:
        raise InputError("feature_names", f"has {len(names)} names for {X.shape[1]} columns")
    sel, gamma = screen_features(X, t, n_keep=n_keep, ratio=ratio, min_keep=min_keep)
    eta = preselect_eta(X[:, sel], t)
    Xs = X[:, sel]
    if selector == "forward_aic":
        fp = forward_select(Xs, t, criterion=criterion, max_features=max_features)
        local = list(fp.selected)
        coef = fp.coef
        added = [None] + [names[sel[j]] for j in fp.selected]
        path = fp.path.assign(added=added[:len(fp.path)])
        method = (f"Thrush screen ({len(sel)} kept) + forward selection, OLS, stop on "
                  f"{criterion.upper()} ({fp.stop_reason})")
    else:
        cv_alpha = alpha == "cv"
        w, _, iters, converged, alpha = fit_lasso(Xs, t, alpha=alpha, max_iter=max_iter)
        local = [int(j) for j in np.flatnonzero(w)]
        local.sort(key=lambda j: -abs(w[j]))
        coef = w[local]
        path = pd.DataFrame(columns=["step", "added", "rss", "criterion"])
        method = (f"Thrush screen ({len(sel)} kept) + Lasso (scikit-learn, alpha={alpha:.6g}"
                  + (" by 5-fold cross-validation" if cv_alpha else "")
                  + f", standardized X, centered y, {iters} coordinate-descent sweeps, "
                  + ("converged)" if converged else f"NOT converged: reached max_iter="
                     f"{max_iter}; raise max_iter)"))
    idx = [int(sel[j]) for j in local]
    feats = pd.DataFrame({"gamma": gamma[idx], "eta": eta[local], "coef": coef,
                          "order": np.arange(1, len(idx) + 1)},
                         index=pd.Index([names[j] for j in idx], name="feature"))
    r2 = _r2(X[:, idx], t) if idx else 0.0
    return Signature(target=tname, features=feats, screened=tuple(names[j] for j in sel),
                     r2=r2, path=path, selector=selector, method=method,
                     provenance={"m": X.shape[0], "d": X.shape[1], "screened": len(sel),
                                 "criterion": criterion, "alpha": alpha,
                                 "max_features": max_features,
                                 "y_models_ignored": ignored,
                                 **({"max_iter": max_iter, "iterations": iters,
                                     "converged": converged} if selector == "lasso" else {})})
