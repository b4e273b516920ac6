"""Stage 2 of signature extraction: forward selection with OLS stopping on AIC (the paper), and
the Lasso variant (the authors' public code), on a screened feature matrix.

Forward selection (greedy, stepwise): start from the intercept-only model; at each step add the
candidate that lowers the residual sum of squares most; stop when the best addition does not
lower the criterion

    AIC  = m ln(RSS / m) + 2 k,          k = |S| + 1 (intercept),
    AICc = AIC + 2 k (k + 1) / (m - k - 1),

or when |S| reaches ``max_features`` (default m - 3); the paper's exact stopping rule and cap are
not published, so the cap and the AICc option are this library's choices. Each step is vectorized
over candidates: with Q an orthonormal basis of [1, X_S], residual r and residualized candidates
x~_j = (I - Q Q^T) x_j,
RSS(S + j) = RSS(S) - (x~_j^T r)^2 / ||x~_j||^2. Candidates with ||x~_j||^2 <= tol ||x_j - mean||^2
(collinear with the selected set) are skipped.

Lasso (authors' code): features standardized (population sd), y centered, then
min_w (1 / (2m)) ||y - X w||^2 + alpha ||w||_1 without intercept (alpha = 0.01), solved by
scikit-learn's coordinate descent (the authors' own solver); features with nonzero w form the
signature. ``alpha="cv"`` picks the penalty by scikit-learn's cross-validated LassoCV.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

import lazy_loader as lazy
import numpy as np

from benchgame.analyses.signatures.screening import as_design
from benchgame.core.serialize import Serializable, to_jsonable
from benchgame.core.validation import InputError

pd = lazy.load("pandas")

__all__ = ["ForwardPath", "LassoFit", "fit_lasso", "forward_select"]


@dataclass(frozen=True)
class ForwardPath(Serializable):
    """Result of forward selection.

    Parameters
    ----------
    selected : tuple of int
        Column indices in order of entry.
    coef : numpy.ndarray
        OLS coefficients of the selected columns (same order).
    intercept : float
        OLS intercept.
    path : pandas.DataFrame
        One row per model size: ``step, added, rss, criterion``.
    criterion : str
        ``"aic"`` or ``"aicc"``.
    stop_reason : str
        Why the selection stopped.
    provenance : dict
        ``m``, ``d``, the cap on ``|S|`` and ``tol``.
    feature_names : tuple of str
        The column names of ``X`` when it was a DataFrame (empty otherwise).

    References
    ----------
    .. [1] S. Wu, H. Bao, S. Li, A. Holtzman and J. A. Evans, "Mapping overlaps in benchmarks
       through perplexity in the wild", arXiv:2509.23488, 2025,
       signature extraction, stage 2: greedy forward selection with OLS, stopping on AIC.
    """

    selected: tuple[int, ...]
    coef: np.ndarray
    intercept: float
    path: pd.DataFrame
    criterion: str
    stop_reason: str
    provenance: dict = field(default_factory=dict)
    feature_names: tuple[str, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """The selection path, one row per step (0: the intercept-only model).

        Returns
        -------
        pandas.DataFrame
            Index ``step``; columns ``added`` (the feature that entered at that step: its name
            when ``X`` was a DataFrame, else its column index; ``None`` at step 0), ``rss`` and
            ``criterion`` (AIC or AICc of the model after the step).

        Examples
        --------
        >>> import numpy as np
        >>> import pandas as pd
        >>> rng = np.random.default_rng(0)
        >>> X = pd.DataFrame(rng.normal(size=(30, 4)), columns=["MMLU", "GSM8K", "ARC", "BBH"])
        >>> y = 2 * X["GSM8K"] - X["BBH"] + 0.1 * rng.normal(size=30)
        >>> forward_select(X, y).to_frame().round(2)
              added     rss  criterion
        step
        0      None  113.88      42.02
        1     GSM8K   28.46       2.42
        2       BBH    0.25    -138.02
        """
        path = self.path.set_index("step")
        names = self.feature_names
        added = [None if pd.isna(a) else names[int(a)] if names else int(a)
                 for a in path["added"]]
        return path.assign(added=pd.Series(added, index=path.index, dtype=object))

    def to_dict(self) -> dict:
        """The selection as JSON-safe data, with the path as in :meth:`to_frame`.

        Returns
        -------
        dict
            One key per field; ``path`` is a list of records ``step, added, rss, criterion``
            (``added`` a feature name when known, else a column index; ``None`` at step 0).

        Examples
        --------
        >>> import numpy as np
        >>> rng = np.random.default_rng(0)
        >>> X = rng.normal(size=(30, 4))
        >>> d = forward_select(X, 2 * X[:, 1] + 0.1 * rng.normal(size=30)).to_dict()
        >>> d["selected"], [row["added"] for row in d["path"]]
        ([1, 3], [None, 1, 3])
        """
        return {**super().to_dict(), "path": to_jsonable(self.to_frame())}


def _crit(rss: float, m: int, k: int, criterion: str) -> float:
    aic = m * np.log(max(rss, 1e-300) / m) + 2 * k
    if criterion == "aicc":
        if m - k - 1 <= 0:
            return np.inf
        aic += 2 * k * (k + 1) / (m - k - 1)
    return float(aic)


def forward_select(X, y, *, criterion: Literal["aic", "aicc"] = "aic",
                   max_features: int | None = None, tol: float = 1e-10) -> ForwardPath:
    """Greedy forward selection with OLS and an intercept, stopping on AIC or AICc.

    Parameters
    ----------
    X : array_like, shape (m, d)
        Candidate features, one row per model (a DataFrame's column names are kept in the
        result's ``feature_names``).
    y : array_like, shape (m,)
        Target, one value per model.
    criterion : {"aic", "aicc"}
        Stopping criterion (module docstring).
    max_features : int, optional
        Cap on ``|S|`` (default m - 3; never more than d or m - 2).
    tol : float
        Relative residual norm below which a candidate counts as collinear with the selected set.

    Returns
    -------
    ForwardPath
        Selected columns in entry order, OLS coefficients and intercept, the path and the
        reason for stopping.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``criterion`` is unknown, ``max_features`` is negative, or the design is invalid.

    References
    ----------
    .. [1] S. Wu, H. Bao, S. Li, A. Holtzman and J. A. Evans, "Mapping overlaps in benchmarks
       through perplexity in the wild", arXiv:2509.23488, 2025,
       signature extraction, stage 2: greedy forward selection with OLS, stopping on AIC.
    .. [2] H. Akaike, "A new look at the statistical model identification", IEEE Transactions on
       Automatic Control 19(6):716-723, 1974.
    .. [3] C. M. Hurvich and C.-L. Tsai, "Regression and time series model selection in small
       samples", Biometrika 76(2):297-307, 1989 (AICc).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(30, 10))
    >>> y = 2 * X[:, 0] - 1.5 * X[:, 4] + 0.1 * rng.normal(size=30)
    >>> fp = forward_select(X, y)
    >>> fp.selected[:2], fp.coef[:2].round(2), fp.stop_reason
    ((0, 4), array([ 2.01, -1.51]), 'no candidate lowers the criterion')
    """
    names = tuple(str(c) for c in X.columns) if isinstance(X, pd.DataFrame) else ()
    X, y = as_design(X, y, "X", "y")
    if criterion not in ("aic", "aicc"):
        raise InputError("criterion", f"is {criterion!r}", "use 'aic' or 'aicc'")
    m, d = X.shape
    cap = m - 3 if max_features is None else int(max_features)
    if cap < 0:
        raise InputError("max_features", f"is {cap}", "give a non-negative cap")
    cap = min(cap, d, m - 2)
    Xc = X - X.mean(axis=0)
    norms0 = (Xc * Xc).sum(axis=0)
    Q = np.ones((m, 1)) / np.sqrt(m)
    r = y - y.mean()
    rss = float(r @ r)
    cur = _crit(rss, m, 1, criterion)
    rows = [{"step": 0, "added": None, "rss": rss, "criterion": cur}]
    chosen: list[int] = []
    avail = np.ones(d, dtype=bool)
    stop = "no candidate lowers the criterion"
    while True:
        if len(chosen) >= cap:
            stop = f"reached the cap |S| = {cap}"
            break
        if rss <= 1e-14 * max(float(y @ y), 1e-300):
            stop = "perfect fit"
            break
        Xt = Xc - Q @ (Q.T @ Xc)
        nn = (Xt * Xt).sum(axis=0)
        ok = avail & (nn > tol * np.maximum(norms0, 1e-300))
        if not ok.any():
            stop = "no linearly independent candidate left"
            break
        gain = np.where(ok, (Xt.T @ r) ** 2 / np.where(ok, nn, 1.0), -np.inf)
        j = int(np.argmax(gain))
        new_rss = max(rss - float(gain[j]), 0.0)
        new = _crit(new_rss, m, len(chosen) + 2, criterion)
        if not new < cur:
            break
        q = Xt[:, j] / np.sqrt(nn[j])
        Q = np.column_stack([Q, q])
        r = r - q * (q @ r)
        rss, cur = float(r @ r), new
        chosen.append(j)
        avail[j] = False
        rows.append({"step": len(chosen), "added": j, "rss": rss, "criterion": cur})
    A = np.column_stack([np.ones(m), X[:, chosen]]) if chosen else np.ones((m, 1))
    beta = np.linalg.lstsq(A, y, rcond=None)[0]
    return ForwardPath(tuple(chosen), beta[1:], float(beta[0]), pd.DataFrame(rows), criterion,
                       stop, {"m": m, "d": d, "cap": cap, "tol": tol}, names)


class LassoFit(NamedTuple):
    """Result of :func:`fit_lasso`.

    Parameters
    ----------
    w : numpy.ndarray
        Weights on the standardized scale (constant columns get 0).
    scale : numpy.ndarray
        Population sd of each column.
    iterations : int
        Coordinate-descent sweeps scikit-learn ran (for the final fit when alpha is
        cross-validated).
    converged : bool
        Whether the duality gap fell below ``tol`` before ``max_iter`` sweeps; ``False`` means
        ``w`` is not the Lasso solution.
    alpha : float
        The penalty used (the cross-validated one with ``alpha="cv"``).

    References
    ----------
    .. [1] R. Tibshirani, "Regression shrinkage and selection via the lasso", Journal of the
       Royal Statistical Society B 58(1):267-288, 1996.
    """

    w: np.ndarray
    scale: np.ndarray
    iterations: int
    converged: bool
    alpha: float


def fit_lasso(X, y, *, alpha: float | Literal["cv"] = 0.01, max_iter: int = 10_000,
              tol: float = 1e-4, cv: int = 5) -> LassoFit:
    """Lasso on standardized X and centered y (see the module docstring), by scikit-learn.

    :class:`sklearn.linear_model.Lasso` with ``fit_intercept=False`` (y is centered), as in
    the authors' code; with ``alpha="cv"`` the penalty is chosen by
    :class:`sklearn.linear_model.LassoCV` (``cv`` contiguous folds, no shuffling, so the
    choice is deterministic).

    Parameters
    ----------
    X : array_like, shape (m, d)
        Features, one row per model.
    y : array_like, shape (m,)
        Target, one value per model.
    alpha : float or "cv"
        Penalty (> 0; 0.01 in the authors' code), or ``"cv"`` for the cross-validated one.
    max_iter : int
        Cap on the coordinate-descent sweeps (>= 1; 10000 in the authors' code).
    tol : float
        scikit-learn's tolerance on the duality gap (> 0; its default 1e-4, the authors').
    cv : int
        Folds of the cross-validation (>= 2, at most m) when ``alpha="cv"``.

    Returns
    -------
    LassoFit
        ``(w, scale, iterations, converged, alpha)``: ``w`` on the standardized scale and
        ``scale`` the population sd of each column (constant columns get w = 0).

    Raises
    ------
    benchgame.core.validation.InputError
        If ``alpha`` is neither positive nor ``"cv"``, ``max_iter`` is not an integer >= 1,
        ``tol`` or ``cv`` is invalid, or the design is invalid.

    References
    ----------
    .. [1] R. Tibshirani, "Regression shrinkage and selection via the lasso", Journal of the
       Royal Statistical Society B 58(1):267-288, 1996.
    .. [2] F. Pedregosa et al., "Scikit-learn: machine learning in Python", JMLR 12:2825-2830,
       2011 (coordinate descent of Friedman, Hastie and Tibshirani 2010).
    .. [3] S. Wu et al., arXiv:2509.23488, 2025, and the authors' code
       (``siyangwu1/Benchmark-Signature-Repository``, ``regression/regression_run.py``):
       ``Lasso(alpha=0.01, fit_intercept=False, max_iter=10000)``, the Lasso variant of stage 2.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(30, 10))
    >>> y = 2 * X[:, 0] - 1.5 * X[:, 4] + 0.1 * rng.normal(size=30)
    >>> fit = fit_lasso(X, y, alpha=0.1)
    >>> np.flatnonzero(fit.w), fit.converged
    (array([0, 4]), True)
    >>> cv = fit_lasso(X, y, alpha="cv")
    >>> {0, 4} <= set(np.flatnonzero(cv.w)), bool(cv.alpha < 0.1)
    (True, True)
    """
    X, y = as_design(X, y, "X", "y")
    if not (alpha == "cv" or (isinstance(alpha, (int, float)) and alpha > 0)):
        raise InputError("alpha", f"is {alpha!r}", "give a positive penalty or 'cv'")
    if isinstance(max_iter, bool) or not isinstance(max_iter, (int, np.integer)) or max_iter < 1:
        raise InputError("max_iter", f"is {max_iter!r}", "give an integer >= 1")
    if not (np.isfinite(tol) and tol > 0):
        raise InputError("tol", f"is {tol!r}", "give a finite tolerance > 0")
    m, d = X.shape
    if alpha == "cv" and not (isinstance(cv, int) and 2 <= cv <= m):
        raise InputError("cv", f"is {cv!r}", f"give an integer number of folds in [2, {m}]")
    sd = X.std(axis=0)
    live = sd > 0
    Z = np.zeros_like(X)
    Z[:, live] = (X[:, live] - X[:, live].mean(axis=0)) / sd[live]
    yc = y - y.mean()
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import Lasso, LassoCV

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        if alpha == "cv":
            model = LassoCV(cv=cv, fit_intercept=False, max_iter=int(max_iter), tol=tol)
        else:
            model = Lasso(alpha=float(alpha), fit_intercept=False, max_iter=int(max_iter),
                          tol=tol)
        model.fit(Z, yc)
    iters = int(model.n_iter_)
    converged = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
    w = np.where(live, model.coef_, 0.0)
    return LassoFit(w, sd, iters, converged, float(model.alpha_ if alpha == "cv" else alpha))
