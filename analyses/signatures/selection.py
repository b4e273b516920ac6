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
min_w (1 / (2m)) ||y - X w||^2 + alpha ||w||_1 without intercept (alpha = 0.01), solved by cyclic
coordinate descent with soft thresholding; features with nonzero w form the signature.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

import numpy as np
import pandas as pd

from benchgame.analyses.signatures.screening import as_design
from benchgame.core.serialize import Serializable, to_jsonable
from benchgame.core.validation import InputError

__all__ = ["ForwardPath", "LassoFit", "forward_select", "lasso_coordinate_descent"]


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
    """Result of :func:`lasso_coordinate_descent`.

    Parameters
    ----------
    w : numpy.ndarray
        Weights on the standardized scale (constant columns get 0).
    scale : numpy.ndarray
        Population sd of each column.
    iterations : int
        Coordinate-descent sweeps run.
    converged : bool
        Whether the last sweep changed no weight by more than ``tol * max(1, max |w|)``;
        ``False`` means ``max_iter`` was reached first and ``w`` is not the Lasso solution.

    References
    ----------
    .. [1] R. Tibshirani, "Regression shrinkage and selection via the lasso", Journal of the
       Royal Statistical Society B 58(1):267-288, 1996.
    """

    w: np.ndarray
    scale: np.ndarray
    iterations: int
    converged: bool


def lasso_coordinate_descent(X, y, *, alpha: float = 0.01, max_iter: int = 10_000,
                             tol: float = 1e-8) -> LassoFit:
    """Lasso on standardized X and centered y (see the module docstring).

    The stopping rule is ``max_j |w_j^new - w_j^old| <= tol * max(1, max_j |w_j|)`` over one
    sweep.

    Parameters
    ----------
    X : array_like, shape (m, d)
        Features, one row per model.
    y : array_like, shape (m,)
        Target, one value per model.
    alpha : float
        Penalty (> 0; 0.01 in the authors' code).
    max_iter : int
        Cap on the coordinate-descent sweeps (>= 1).
    tol : float
        Relative tolerance of the stopping rule (>= 0).

    Returns
    -------
    LassoFit
        ``(w, scale, iterations, converged)``: ``w`` on the standardized scale and ``scale``
        the population sd of each column (constant columns get w = 0).

    Raises
    ------
    benchgame.core.validation.InputError
        If ``alpha <= 0``, ``max_iter`` is not an integer >= 1, ``tol`` is invalid, or the
        design is invalid.

    References
    ----------
    .. [1] R. Tibshirani, "Regression shrinkage and selection via the lasso", Journal of the
       Royal Statistical Society B 58(1):267-288, 1996.
    .. [2] J. Friedman, T. Hastie and R. Tibshirani, "Regularization paths for generalized linear
       models via coordinate descent", Journal of Statistical Software 33(1):1-22, 2010.
    .. [3] S. Wu et al., arXiv:2509.23488, 2025, and the authors' code
       (``siyangwu1/Benchmark-Signature-Repository``, ``regression/regression_run.py``): the Lasso
       variant of stage 2.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(30, 10))
    >>> y = 2 * X[:, 0] - 1.5 * X[:, 4] + 0.1 * rng.normal(size=30)
    >>> fit = lasso_coordinate_descent(X, y, alpha=0.1)
    >>> np.flatnonzero(fit.w), fit.converged
    (array([0, 4]), True)
    """
    X, y = as_design(X, y, "X", "y")
    if not alpha > 0:
        raise InputError("alpha", f"is {alpha}", "give a positive penalty")
    if isinstance(max_iter, bool) or not isinstance(max_iter, (int, np.integer)) or max_iter < 1:
        raise InputError("max_iter", f"is {max_iter!r}", "give an integer >= 1")
    if not (np.isfinite(tol) and tol >= 0):
        raise InputError("tol", f"is {tol!r}", "give a finite tolerance >= 0")
    m, d = X.shape
    sd = X.std(axis=0)
    live = sd > 0
    Z = np.zeros_like(X)
    Z[:, live] = (X[:, live] - X[:, live].mean(axis=0)) / sd[live]
    yc = y - y.mean()
    w = np.zeros(d)
    r = yc.copy()
    col_sq = (Z * Z).sum(axis=0) / m
    it = 0
    converged = False
    for it in range(1, int(max_iter) + 1):  # noqa: B007 - iteration count is returned
        max_change = 0.0
        for j in np.flatnonzero(live):
            old = w[j]
            rho = Z[:, j] @ r / m + col_sq[j] * old
            new = np.sign(rho) * max(abs(rho) - alpha, 0.0) / col_sq[j]
            if new != old:
                r -= Z[:, j] * (new - old)
                w[j] = new
                max_change = max(max_change, abs(new - old))
        if max_change <= tol * max(1.0, np.abs(w).max()):
            converged = True
            break
    return LassoFit(w, sd, it, converged)
