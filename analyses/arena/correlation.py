"""Correlation of an aggregate score with an arena rating, with bootstrap intervals and a test of
the difference against a single-benchmark baseline (e.g. MMLU) on the same models.

Coefficients (vectorized over bootstrap replicates):

* Pearson r = cov(x, y) / (sd(x) sd(y));
* Spearman rho = Pearson r of the average ranks;
* Kendall tau-b = (C - D) / sqrt((n0 - n1)(n0 - n2)), n0 = n(n-1)/2, n1, n2 the tied pairs in x
  and in y (the same definition as :func:`scipy.stats.kendalltau`).

Intervals: percentile bootstrap over models (resampling models with replacement), seeded.

Dependent correlations sharing the arena variable (Steiger 1980, Psychol. Bull. 87:245):
Williams' t for H0: rho(agg, arena) = rho(base, arena), with r_12 = r(arena, agg),
r_13 = r(arena, base), r_23 = r(agg, base) and |R| = 1 - r12^2 - r13^2 - r23^2 + 2 r12 r13 r23,

    t = (r12 - r13) sqrt((n - 1)(1 + r23)) /
        sqrt(2 |R| (n - 1)/(n - 3) + rbar^2 (1 - r23)^3),   rbar = (r12 + r13)/2,

on n - 3 degrees of freedom. It is derived for Pearson r; for all three coefficients the report
also gives a paired bootstrap of the difference (the same resampled models for both scores).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from benchgame.core.validation import InputError, as_finite_array

__all__ = [
    "COEFFICIENTS",
    "ArenaValidation",
    "bootstrap_correlations",
    "correlation",
    "validate_against_arena",
    "williams_t",
]

COEFFICIENTS: tuple[str, ...] = ("pearson", "spearman", "kendall")


def _rank_rows(a: np.ndarray) -> np.ndarray:
    """Average ranks along the last axis (1-based), vectorized."""
    return stats.rankdata(a, axis=-1, method="average")


def _pearson_rows(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    xc = x - x.mean(axis=-1, keepdims=True)
    yc = y - y.mean(axis=-1, keepdims=True)
    den = np.sqrt((xc * xc).sum(-1) * (yc * yc).sum(-1))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, (xc * yc).sum(-1) / np.where(den > 0, den, 1.0), np.nan)


def _kendall_rows(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    n = x.shape[-1]
    iu = np.triu_indices(n, 1)
    dx = np.sign(x[..., :, None] - x[..., None, :])[..., iu[0], iu[1]]
    dy = np.sign(y[..., :, None] - y[..., None, :])[..., iu[0], iu[1]]
    s = (dx * dy).sum(-1)
    tx = (dx != 0).sum(-1)
    ty = (dy != 0).sum(-1)
    den = np.sqrt(tx.astype(float) * ty)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, s / np.where(den > 0, den, 1.0), np.nan)


def _coef_rows(kind: str, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    if kind == "pearson":
        return _pearson_rows(x, y)
    if kind == "spearman":
        return _pearson_rows(_rank_rows(x), _rank_rows(y))
    if kind == "kendall":
        return _kendall_rows(x, y)
    raise InputError("coefficient", f"is {kind!r}", f"use one of {', '.join(COEFFICIENTS)}")


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
    """Pearson, Spearman or Kendall (tau-b) correlation of two score vectors."""
    x, y = _pair(x, y)
    return float(_coef_rows(kind, x, y))


def _boot_index(n: int, n_boot: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, n, size=(n_boot, n))


def bootstrap_correlations(x, y, *, n_boot: int = 2000, seed: int = 0, level: float = 0.95,
                           coefficients: tuple[str, ...] = COEFFICIENTS) -> pd.DataFrame:
    """Point estimates and percentile bootstrap intervals (resampling models), seeded.

    Returns a frame indexed by coefficient with columns ``estimate, lo, hi, n``.
    """
    x, y = _pair(x, y)
    if not 0 < level < 1:
        raise InputError("level", f"is {level}", "give a level in (0, 1), e.g. 0.95")
    if n_boot < 10:
        raise InputError("n_boot", f"is {n_boot}", "use at least 10 replicates")
    idx = _boot_index(x.size, n_boot, seed)
    rows = {}
    a = (1 - level) / 2
    for k in coefficients:
        est = float(_coef_rows(k, x, y))
        reps = _coef_rows(k, x[idx], y[idx])
        lo, hi = np.nanquantile(reps, [a, 1 - a])
        rows[k] = {"estimate": est, "lo": float(lo), "hi": float(hi), "n": int(x.size)}
    return pd.DataFrame.from_dict(rows, orient="index")


def williams_t(r12: float, r13: float, r23: float, n: int) -> tuple[float, float, int]:
    """Williams' t for H0: rho12 = rho13 (dependent, overlapping correlations).

    Returns ``(t, two-sided p, df = n - 3)``. See the module docstring for the formula.
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


@dataclass(frozen=True)
class ArenaValidation:
    """Correlations of an aggregate and of a baseline with an arena rating, on shared models.

    Attributes
    ----------
    correlations : pandas.DataFrame
        Index ``(score, coefficient)`` with score in {aggregate name, baseline name}; columns
        ``estimate, lo, hi, n``.
    comparison : pandas.DataFrame
        Index coefficient; columns ``aggregate, baseline, difference, lo, hi, p_bootstrap`` (paired
        bootstrap of aggregate minus baseline; p is the two-sided bootstrap share of replicates
        on the other side of zero) and ``aggregate_beats_baseline`` (interval above zero).
    williams : dict
        ``t, p, df, r12, r13, r23`` for Pearson r.
    models : tuple of str
    aggregate, baseline, arena : str
        Names of the three scores.
    method : str
    provenance : dict
    """

    correlations: pd.DataFrame
    comparison: pd.DataFrame
    williams: dict
    models: tuple[str, ...]
    aggregate: str
    baseline: str
    arena: str
    method: str
    provenance: dict = field(default_factory=dict)

    def summary(self) -> str:
        """One honest sentence on whether the aggregate beats the baseline."""
        c = self.comparison.loc["pearson"]
        w = self.williams
        verdict = ("beats" if c["aggregate_beats_baseline"] else
                   "does not beat" if c["difference"] <= 0 else
                   "is not significantly better than")
        return (f"On {len(self.models)} shared models, {self.aggregate} {verdict} "
                f"{self.baseline}: Pearson r with {self.arena} {c['aggregate']:.3f} vs "
                f"{c['baseline']:.3f} (difference {c['difference']:+.3f}, 95% paired bootstrap "
                f"[{c['lo']:+.3f}, {c['hi']:+.3f}]; Williams t = {w['t']:.2f}, df = {w['df']}, "
                f"p = {w['p']:.3g}). Rank correlations: "
                + "; ".join(
                    f"{k} {self.comparison.loc[k, 'difference']:+.3f} "
                    f"[{self.comparison.loc[k, 'lo']:+.3f}, {self.comparison.loc[k, 'hi']:+.3f}]"
                    + (" (better)" if self.comparison.loc[k, "lo"] > 0 else
                       " (worse)" if self.comparison.loc[k, "hi"] < 0 else
                       " (interval includes 0)")
                    for k in ("spearman", "kendall")) + ".")


def validate_against_arena(aggregate: pd.Series, arena: pd.Series, baseline: pd.Series, *,
                           n_boot: int = 2000, seed: int = 0, level: float = 0.95
                           ) -> ArenaValidation:
    """Correlate ``aggregate`` and ``baseline`` with ``arena`` over the models all three cover.

    The series are indexed by (canonical) model names; missing values are dropped. The same
    bootstrap resamples are used for both scores (paired bootstrap).
    """
    for name, s in (("aggregate", aggregate), ("arena", arena), ("baseline", baseline)):
        if not isinstance(s, pd.Series):
            raise InputError(name, "is not a pandas Series indexed by model name",
                             "pass a Series (e.g. a DataFrame column)")
    df = pd.concat({"agg": aggregate, "arena": arena, "base": baseline}, axis=1, join="inner")
    df = df.dropna()
    if len(df) < 4:
        raise InputError("aggregate/arena/baseline", f"share only {len(df)} models with values",
                         "give scores for at least 4 common models (check the alias table)")
    x, y, b = (df[c].to_numpy(float) for c in ("agg", "arena", "base"))
    for name, v in (("aggregate", x), ("arena", y), ("baseline", b)):
        _require_varies(v, name)
    names = (str(aggregate.name or "aggregate"), str(baseline.name or "baseline"),
             str(arena.name or "arena"))
    if names[0] == names[1]:
        names = (names[0] + " (aggregate)", names[1] + " (baseline)", names[2])
    ca = bootstrap_correlations(x, y, n_boot=n_boot, seed=seed, level=level)
    cb = bootstrap_correlations(b, y, n_boot=n_boot, seed=seed, level=level)
    corr = pd.concat({names[0]: ca, names[1]: cb}, names=["score", "coefficient"])
    idx = _boot_index(len(df), n_boot, seed)
    a = (1 - level) / 2
    comp = {}
    for k in COEFFICIENTS:
        d_reps = _coef_rows(k, x[idx], y[idx]) - _coef_rows(k, b[idx], y[idx])
        d_reps = d_reps[np.isfinite(d_reps)]
        est_a, est_b = float(ca.loc[k, "estimate"]), float(cb.loc[k, "estimate"])
        lo, hi = np.quantile(d_reps, [a, 1 - a])
        p = float(min(1.0, 2 * min(np.mean(d_reps <= 0), np.mean(d_reps >= 0))))
        comp[k] = {"aggregate": est_a, "baseline": est_b, "difference": est_a - est_b,
                   "lo": float(lo), "hi": float(hi), "p_bootstrap": p,
                   "aggregate_beats_baseline": bool(lo > 0)}
    r12 = float(_pearson_rows(y, x))
    r13 = float(_pearson_rows(y, b))
    r23 = float(_pearson_rows(x, b))
    t, p, dof = williams_t(r12, r13, r23, len(df))
    return ArenaValidation(
        correlations=corr, comparison=pd.DataFrame.from_dict(comp, orient="index"),
        williams={"t": t, "p": p, "df": dof, "r12": r12, "r13": r13, "r23": r23},
        models=tuple(df.index), aggregate=names[0], baseline=names[1], arena=names[2],
        method=f"percentile bootstrap over models ({n_boot} replicates, seed {seed}, level "
               f"{level}); Williams' t (Steiger 1980) for Pearson r; paired bootstrap for all "
               "three coefficients",
        provenance={"n_boot": n_boot, "seed": seed, "level": level})
