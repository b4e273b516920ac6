"""Correlations of scores over models, bootstrap intervals, and Williams' t for dependent
correlations: the parts of the validation of an aggregate score against an arena rating
(:mod:`benchgame.analyses.arena.validation`, which compares it with a single-benchmark baseline
such as MMLU on the same models).

Coefficients (by :mod:`scipy.stats`):

* Pearson r = cov(x, y) / (sd(x) sd(y)) (:func:`scipy.stats.pearsonr`, vectorized over
  bootstrap replicates);
* Spearman rho = Pearson r of the average ranks;
* Kendall tau-b = (C - D) / sqrt((n0 - n1)(n0 - n2)), n0 = n(n-1)/2, n1, n2 the tied pairs in x
  and in y (:func:`scipy.stats.kendalltau`).

Intervals: percentile bootstrap over models (resampling models with replacement, paired across
the scores), seeded (:func:`scipy.stats.bootstrap`).

Dependent correlations sharing the arena variable (Williams 1959; Steiger 1980, Psychol. Bull.
87:245): Williams' t for H0: rho(agg, arena) = rho(base, arena), with r_12 = r(arena, agg),
r_13 = r(arena, base), r_23 = r(agg, base) and |R| = 1 - r12^2 - r13^2 - r23^2 + 2 r12 r13 r23,

    t = (r12 - r13) sqrt((n - 1)(1 + r23)) /
        sqrt(2 |R| (n - 1)/(n - 3) + rbar^2 (1 - r23)^3),   rbar = (r12 + r13)/2,

on n - 3 degrees of freedom. It is derived for Pearson r; for all three coefficients the report
also gives a paired bootstrap of the difference (the same resampled models for both scores).
"""

from __future__ import annotations

import warnings
from typing import Any

import lazy_loader as lazy
import numpy as np

from benchgame.core.validation import InputError, as_finite_array

pd = lazy.load("pandas")
stats = lazy.load("scipy.stats", suppress_warning=True)

__all__ = [
    "COEFFICIENTS",
    "bootstrap_correlations",
    "correlation",
    "paired_bootstrap",
    "williams_t",
]

COEFFICIENTS: tuple[str, ...] = ("pearson", "spearman", "kendall")


def _pearson_rows(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    """Pearson r along ``axis`` (:func:`scipy.stats.pearsonr`); NaN for a constant row."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", stats.ConstantInputWarning)
        return stats.pearsonr(x, y, axis=axis).statistic


def _spearman_rows(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    """Spearman rho: Pearson r of the average ranks (:func:`scipy.stats.rankdata`)."""
    return _pearson_rows(stats.rankdata(x, axis=axis), stats.rankdata(y, axis=axis), axis)


def _kendall(x: np.ndarray, y: np.ndarray) -> float:
    """Kendall tau-b of two vectors (:func:`scipy.stats.kendalltau`)."""
    return float(stats.kendalltau(x, y, variant="b").statistic)


def _coef_rows(kind: str, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The coefficient ``kind`` along the last axis (rows of resamples)."""
    if kind == "pearson":
        return _pearson_rows(x, y)
    if kind == "spearman":
        return _spearman_rows(x, y)
    if kind == "kendall":
        if x.ndim == 1:
            return np.asarray(_kendall(x, y))
        return np.array([_kendall(a, b) for a, b in zip(x, y, strict=True)])
    raise InputError("coefficient", f"is {kind!r}", f"use one of {', '.join(COEFFICIENTS)}")


def paired_bootstrap(data: tuple[np.ndarray, ...], statistic: Any, *, n_boot: int, seed: int,
                     level: float) -> tuple[float, float, np.ndarray]:
    """Percentile bootstrap interval over models, paired, by :func:`scipy.stats.bootstrap`.

    Models are resampled with replacement, the same models for every array of ``data``.

    Parameters
    ----------
    data : tuple of numpy.ndarray
        Arrays of one value per model, in the same model order.
    statistic : callable
        ``statistic(*arrays)`` with the resamples along the last axis, returning one value per
        resample (NaN where undefined, e.g. a constant resample; such resamples are left out).
    n_boot : int
        Bootstrap replicates.
    seed : int
        Seed of the resampling.
    level : float
        Interval level in (0, 1).

    Returns
    -------
    tuple
        ``(lo, hi, replicates)``: the interval and the finite replicates.

    References
    ----------
    .. [1] B. Efron, "Bootstrap methods: another look at the jackknife", Annals of Statistics
       7(1):1-26, 1979.

    Examples
    --------
    >>> x = np.arange(10.0)
    >>> lo, hi, reps = paired_bootstrap((x, 2 * x), lambda a, b: (b - 2 * a).mean(-1),
    ...                                 n_boot=100, seed=0, level=0.9)
    >>> lo, hi, reps.shape
    (0.0, 0.0, (100,))
    """
    res = stats.bootstrap(data, lambda *a, axis=-1: statistic(*a), paired=True,
                          vectorized=True, n_resamples=n_boot, confidence_level=level,
                          method="percentile", rng=np.random.default_rng(seed))
    reps = np.asarray(res.bootstrap_distribution, dtype=float)
    ok = reps[np.isfinite(reps)]
    a = (1 - level) / 2
    lo, hi = np.quantile(ok, [a, 1 - a])
    return float(lo), float(hi), ok


def _require_varies(v: np.ndarray, field_name: str) -> None:
    """A correlation with a constant vector is 0/0: refuse it rather than return NaN."""
    if np.all(v == v[0]):
        raise InputError(field_name, f"is constant ({v[0]:g} for all {v.size} models); a "
                         "correlation is undefined", "give scores that vary across models")


def _pair(x, y, fx: str = "x", fy: str = "y") -> tuple[np.ndarray, np.ndarray]:
    x = as_finite_array(x, fx, ndim=1)
    y = as_finite_array(y, fy, ndim=1)
    if x.shape != y.shape:
        raise InputError(fy, f"has {y.size} entries but {fx} has {x.size}",
                         "give one value per model in both")
    if x.size < 3:
        raise InputError(fx, f"has {x.size} models", "correlations need at least 3 models")
    _require_varies(x, fx)
    _require_varies(y, fy)
    return x, y


def correlation(x, y, kind: str = "pearson") -> float:
    """Pearson, Spearman or Kendall (tau-b) correlation of two score vectors.

    Parameters
    ----------
    x : array_like, shape (n,)
        Scores of n >= 3 models; must vary.
    y : array_like, shape (n,)
        Scores of the same models; must vary.
    kind : {"pearson", "spearman", "kendall"}
        The coefficient.

    Returns
    -------
    float
        The coefficient, in [-1, 1].

    Raises
    ------
    benchgame.core.validation.InputError
        If the vectors differ in length, have fewer than 3 entries, are constant or not finite,
        or ``kind`` is unknown.

    References
    ----------
    .. [1] L. Spangher et al., "Project MPG: towards a generalized performance benchmark for LLM
       capabilities", arXiv:2410.22368, 2024: the Pearson correlation of MPG with Chatbot Arena
       is higher than that of the MMLU leaderboard.
    .. [2] C. Spearman, "The proof and measurement of association between two things", American
       Journal of Psychology 15(1):72-101, 1904.
    .. [3] M. G. Kendall, "The treatment of ties in ranking problems", Biometrika
       33(3):239-251, 1945 (tau-b).

    Examples
    --------
    >>> x, y = [1, 2, 3, 4, 5], [2, 1, 4, 3, 5]
    >>> [round(correlation(x, y, k), 3) for k in ("pearson", "spearman", "kendall")]
    [0.8, 0.8, 0.6]
    """
    x, y = _pair(x, y)
    return float(_coef_rows(kind, x, y))


def bootstrap_correlations(x, y, *, n_boot: int = 2000, seed: int = 0, level: float = 0.95,
                           coefficients: tuple[str, ...] = COEFFICIENTS) -> pd.DataFrame:
    """Point estimates and percentile bootstrap intervals (resampling models), seeded.

    Parameters
    ----------
    x : array_like, shape (n,)
        Scores of n >= 3 models; must vary.
    y : array_like, shape (n,)
        Scores of the same models; must vary.
    n_boot : int
        Bootstrap replicates (>= 10).
    seed : int
        Seed of the resampling.
    level : float
        Interval level in (0, 1).
    coefficients : tuple of str
        Coefficients to report (of ``COEFFICIENTS``).

    Returns
    -------
    pandas.DataFrame
        Indexed by coefficient, with columns ``estimate, lo, hi, n``.

    Raises
    ------
    benchgame.core.validation.InputError
        If the score vectors are invalid, ``level`` is not in (0, 1) or ``n_boot < 10``.

    References
    ----------
    .. [1] B. Efron, "Bootstrap methods: another look at the jackknife", Annals of Statistics
       7(1):1-26, 1979.
    .. [2] L. Spangher et al., "Project MPG: towards a generalized performance benchmark for LLM
       capabilities", arXiv:2410.22368, 2024 (correlation of an aggregate with Chatbot Arena).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> x = np.arange(20.0)
    >>> y = x + rng.normal(0, 4, 20)
    >>> bootstrap_correlations(x, y, n_boot=1000, seed=0).round(3)
              estimate     lo     hi   n
    pearson      0.838  0.648  0.944  20
    spearman     0.836  0.549  0.967  20
    kendall      0.684  0.402  0.888  20
    """
    x, y = _pair(x, y)
    if not 0 < level < 1:
        raise InputError("level", f"is {level}", "give a level in (0, 1), e.g. 0.95")
    if n_boot < 10:
        raise InputError("n_boot", f"is {n_boot}", "use at least 10 replicates")
    rows = {}
    for k in coefficients:
        est = float(_coef_rows(k, x, y))
        lo, hi, _ = paired_bootstrap((x, y), lambda a, b, k=k: _coef_rows(k, a, b),
                                     n_boot=n_boot, seed=seed, level=level)
        rows[k] = {"estimate": est, "lo": lo, "hi": hi, "n": int(x.size)}
    return pd.DataFrame.from_dict(rows, orient="index")


def williams_t(r12: float, r13: float, r23: float, n: int) -> tuple[float, float, int]:
    """Williams' t for H0: rho12 = rho13 (dependent, overlapping correlations).

    See the module docstring for the formula.

    Parameters
    ----------
    r12 : float
        Correlation of variables 1 and 2 (arena and aggregate).
    r13 : float
        Correlation of variables 1 and 3 (arena and baseline).
    r23 : float
        Correlation of variables 2 and 3 (aggregate and baseline).
    n : int
        Number of models (>= 4).

    Returns
    -------
    tuple
        ``(t, p, df)``: the statistic, its two-sided p-value and ``df = n - 3``.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``n < 4``, a correlation is outside [-1, 1], or the correlation matrix is singular.

    References
    ----------
    .. [1] E. J. Williams, "The comparison of regression variables", Journal of the Royal
       Statistical Society B 21(2):396-399, 1959.
    .. [2] J. H. Steiger, "Tests for comparing elements of a correlation matrix", Psychological
       Bulletin 87(2):245-251, 1980.

    Examples
    --------
    >>> t, p, df = williams_t(0.85, 0.93, 0.97, 15)
    >>> round(t, 3), round(p, 4), df
    (-3.785, 0.0026, 12)
    """
    if n < 4:
        raise InputError("n", f"is {n}", "Williams' t needs at least 4 models")
    for name, r in (("r12", r12), ("r13", r13), ("r23", r23)):
        if not -1 <= r <= 1:
            raise InputError(name, f"is {r}", "correlations lie in [-1, 1]")
    det = 1 - r12**2 - r13**2 - r23**2 + 2 * r12 * r13 * r23
    rbar = (r12 + r13) / 2
    den = 2 * det * (n - 1) / (n - 3) + rbar**2 * (1 - r23) ** 3
    if den <= 0:
        raise InputError("r12/r13/r23", "give a singular correlation matrix",
                         "the three scores must not be exactly collinear")
    t = (r12 - r13) * np.sqrt((n - 1) * (1 + r23)) / np.sqrt(den)
    df = n - 3
    return float(t), float(2 * stats.t.sf(abs(t), df)), df
