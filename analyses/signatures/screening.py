"""Stage 1 of signature extraction: marginal rank screening (Wu, Bao, Li, Holtzman, Evans,
"Mapping Overlaps in Benchmarks through Perplexity in the Wild", arXiv:2509.23488).

For a feature matrix ``P`` (m models x d features, e.g. token perplexities) and a performance
vector ``y`` (m models):

* Thrush correlation (a Kendall-type concordance count using only ranks)

      gamma_j = sum_{k<l} sign(y_k - y_l) (r_j(k) - r_j(l)) = sum_k r_j(k) s_k,
      s_k = #{l : y_l < y_k} - #{l : y_l > y_k},

  with r_j(k) the rank of P[k, j] among the models (the identity holds for any ranks; for
  distinct y, s_k = 2 R_y(k) - m - 1 as in the authors' code). Computed as one matrix product.
* Pre-select correlation: with models ordered by descending y (stable order for ties),

      eta_j = (1 / C(m, 2)) sum_{k before l} 1{P[k, j] > P[l, j]},

  the share of model pairs that the feature orders against performance when lower feature values
  mean better models (perplexity): 0 ideal, 0.5 random.
* Screening keeps the strongest features in both tails of gamma (Sure Independence Screening,
  Fan and Lv 2008): ``n_keep`` per tail, default max(ceil(ratio d), max(2m, 50)) with ratio = 1e-6
  as in the authors' code (capped at d).
"""

from __future__ import annotations

import math

import lazy_loader as lazy
import numpy as np

from benchgame.core.validation import InputError, as_finite_array

stats = lazy.load("scipy.stats", suppress_warning=True)

__all__ = ["as_design", "preselect_eta", "screen_features", "thrush_gamma"]


RANK_METHODS: tuple[str, ...] = ("average", "min", "max", "dense", "ordinal")


def as_design(P, y, field_p: str = "P", field_y: str = "y") -> tuple[np.ndarray, np.ndarray]:
    """Validate a feature matrix (m x d) and a target (m,).

    Parameters
    ----------
    P : array_like, shape (m, d)
        Finite feature values, one row per model.
    y : array_like, shape (m,)
        Finite target values, one per model (m >= 4).
    field_p : str
        Name of ``P`` in error messages.
    field_y : str
        Name of ``y`` in error messages.

    Returns
    -------
    X : numpy.ndarray, shape (m, d)
        The feature matrix as floats.
    t : numpy.ndarray, shape (m,)
        The target as floats.

    Raises
    ------
    benchgame.core.validation.InputError
        If the shapes do not match, a value is not finite, or there are fewer than 4 models.

    Examples
    --------
    >>> X, t = as_design([[1, 2], [3, 4], [5, 6], [7, 8]], [1, 2, 3, 4])
    >>> X.shape, t.dtype
    ((4, 2), dtype('float64'))
    """
    X = as_finite_array(P, field_p, ndim=2)
    t = as_finite_array(y, field_y, ndim=1)
    if X.shape[0] != t.size:
        raise InputError(field_y, f"has {t.size} entries but {field_p} has {X.shape[0]} rows",
                         "give one target value per model (row)")
    if t.size < 4:
        raise InputError(field_y, f"has {t.size} models", "give at least 4 models")
    return X, t


def _performance_signs(y: np.ndarray) -> np.ndarray:
    return np.sign(y[:, None] - y[None, :]).sum(axis=1)


def thrush_gamma(P, y, *, rank_method: str = "average") -> np.ndarray:
    """Thrush correlation gamma_j of every feature with the target (see the module docstring).

    Parameters
    ----------
    P : array_like, shape (m, d)
        Feature values, one row per model.
    y : array_like, shape (m,)
        Target (performance), one value per model.
    rank_method : {"average", "min", "max", "dense", "ordinal"}
        Tie handling of the feature ranks (:func:`scipy.stats.rankdata`).

    Returns
    -------
    numpy.ndarray, shape (d,)
        :math:`\\gamma_j`, positive when the feature rises with the target.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``rank_method`` is unknown or the design is invalid (:func:`as_design`).

    References
    ----------
    .. [1] S. Wu, H. Bao, S. Li, A. Holtzman and J. A. Evans, "Mapping overlaps in benchmarks
       through perplexity in the wild", arXiv:2509.23488, 2025,
       signature extraction, stage 1: the Thrush correlation.
    .. [2] T. Thrush, C. Potts and T. Hashimoto, "Improving pretraining data using perplexity
       correlations", arXiv:2409.05816, 2024 (the rank correlation estimator).

    Examples
    --------
    >>> P = [[1.0, 4.0], [2.0, 3.0], [3.0, 2.0], [4.0, 1.0]]
    >>> thrush_gamma(P, [1.0, 2.0, 3.0, 4.0])
    array([ 10., -10.])
    """
    if rank_method not in RANK_METHODS:
        raise InputError("rank_method", f"is {rank_method!r}",
                         f"use one of {', '.join(RANK_METHODS)}")
    X, t = as_design(P, y)
    R = stats.rankdata(X, axis=0, method=rank_method)
    return R.T @ _performance_signs(t)


def preselect_eta(P, y) -> np.ndarray:
    """Pre-select correlation eta_j of every feature (share of model pairs ordered wrongly).

    Parameters
    ----------
    P : array_like, shape (m, d)
        Feature values (lower is better, like perplexity), one row per model.
    y : array_like, shape (m,)
        Target (performance), one value per model.

    Returns
    -------
    numpy.ndarray, shape (d,)
        :math:`\\eta_j` in [0, 1]: 0 when the feature orders every pair like performance
        (lower feature, better model), 0.5 at random.

    Raises
    ------
    benchgame.core.validation.InputError
        If the design is invalid (:func:`as_design`).

    References
    ----------
    .. [1] S. Wu, H. Bao, S. Li, A. Holtzman and J. A. Evans, "Mapping overlaps in benchmarks
       through perplexity in the wild", arXiv:2509.23488, 2025,
       signature extraction, stage 1: the pre-select correlation.

    Examples
    --------
    >>> P = [[1.0, 4.0], [2.0, 3.0], [3.0, 2.0], [4.0, 1.0]]
    >>> preselect_eta(P, [1.0, 2.0, 3.0, 4.0])
    array([1., 0.])
    """
    X, t = as_design(P, y)
    order = np.argsort(-t, kind="stable")
    Xs = X[order]
    m = t.size
    iu = np.triu_indices(m, 1)
    wrong = (Xs[iu[0]] > Xs[iu[1]]).sum(axis=0)
    return wrong / (m * (m - 1) / 2)


def screen_features(P, y, *, n_keep: int | None = None, ratio: float = 1e-6,
                    min_keep: int | None = None, rank_method: str = "average"
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the screened features (both tails of gamma) and the full gamma vector.

    Parameters
    ----------
    P : array_like, shape (m, d)
        Feature values, one row per model.
    y : array_like, shape (m,)
        Target (performance), one value per model.
    n_keep : int, optional
        Features kept per tail; default ``max(ceil(ratio d), floor)``, capped at d.
    ratio : float
        Share of the features kept per tail when ``n_keep`` is not given, in (0, 1].
    min_keep : int, optional
        The floor of the default; default ``max(2 m, 50)`` (the authors' code).
    rank_method : str
        Tie handling of the feature ranks (see :func:`thrush_gamma`).

    Returns
    -------
    selected : numpy.ndarray of int
        The screened feature indices, sorted by ``|gamma|`` descending (ties by index).
    gamma : numpy.ndarray, shape (d,)
        The Thrush correlation of every feature.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``ratio`` is not in (0, 1], ``n_keep < 1``, or the design is invalid.

    References
    ----------
    .. [1] S. Wu, H. Bao, S. Li, A. Holtzman and J. A. Evans, "Mapping overlaps in benchmarks
       through perplexity in the wild", arXiv:2509.23488, 2025,
       signature extraction, stage 1: keep the strongest features in both tails.
    .. [2] J. Fan and J. Lv, "Sure independence screening for ultrahigh dimensional feature
       space", Journal of the Royal Statistical Society B 70(5):849-911, 2008.
    .. [3] T. Thrush, C. Potts and T. Hashimoto, "Improving pretraining data using perplexity
       correlations", arXiv:2409.05816, 2024.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> P = rng.normal(size=(30, 200))
    >>> y = 2 * P[:, 3] - 1.5 * P[:, 17] + 0.1 * rng.normal(size=30)
    >>> selected, gamma = screen_features(P, y, n_keep=5)
    >>> selected[:2], gamma[[3, 17]]
    (array([  3, 192]), array([ 3685., -1959.]))
    """
    X, t = as_design(P, y)
    d = X.shape[1]
    if n_keep is None:
        if not 0 < ratio <= 1:
            raise InputError("ratio", f"is {ratio}", "give a ratio in (0, 1]")
        floor = max(2 * t.size, 50) if min_keep is None else int(min_keep)
        n_keep = max(math.ceil(ratio * d), floor)
    if n_keep < 1:
        raise InputError("n_keep", f"is {n_keep}", "keep at least one feature per tail")
    g = thrush_gamma(X, t, rank_method=rank_method)
    k = min(int(n_keep), d)
    order = np.argsort(g, kind="stable")
    sel = np.union1d(order[:k], order[::-1][:k])
    sel = sel[np.lexsort((sel, -np.abs(g[sel])))]
    return sel, g
