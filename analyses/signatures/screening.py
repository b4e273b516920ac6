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

import numpy as np
from scipy import stats

from benchgame.core.validation import InputError, as_finite_array

__all__ = ["as_design", "preselect_eta", "screen_features", "thrush_gamma"]


RANK_METHODS: tuple[str, ...] = ("average", "min", "max", "dense", "ordinal")


def as_design(P, y, field_p: str = "P", field_y: str = "y") -> tuple[np.ndarray, np.ndarray]:
    """Validate a feature matrix (m x d) and a target (m,)."""
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
    """gamma_j for every feature (see the module docstring); vector of length d."""
    if rank_method not in RANK_METHODS:
        raise InputError("rank_method", f"is {rank_method!r}",
                         f"use one of {', '.join(RANK_METHODS)}")
    X, t = as_design(P, y)
    R = stats.rankdata(X, axis=0, method=rank_method)
    return R.T @ _performance_signs(t)


def preselect_eta(P, y) -> np.ndarray:
    """eta_j for every feature (share of model pairs ordered against performance)."""
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

    Returns ``(selected, gamma)``; ``selected`` is sorted by |gamma| descending (ties by index).
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
