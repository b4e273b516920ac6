"""Validation of an aggregate score against an arena rating, next to a single-benchmark baseline.

Both scores are correlated with the arena rating over the models all three cover (Pearson,
Spearman, Kendall tau-b; :mod:`benchgame.analyses.arena.correlation`); the difference between
the aggregate's and the baseline's correlation gets a paired percentile bootstrap (the same
resampled models for both scores) and, for Pearson r, Williams' t for dependent correlations
sharing the arena variable. This is the validation protocol of Project MPG (Spangher et al.,
arXiv:2410.22368): its Goodness score correlates with Chatbot Arena more than the MMLU
leaderboard does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import lazy_loader as lazy
import numpy as np

from benchgame.analyses.arena.correlation import (
    COEFFICIENTS,
    _coef_rows,
    _pearson_rows,
    _require_varies,
    bootstrap_correlations,
    paired_bootstrap,
    williams_t,
)
from benchgame.core.serialize import Serializable
from benchgame.core.validation import InputError

pd = lazy.load("pandas")

__all__ = ["ArenaValidation", "validate_against_arena"]


@dataclass(frozen=True)
class ArenaValidation(Serializable):
    """Correlations of an aggregate and of a baseline with an arena rating, on shared models.

    Parameters
    ----------
    correlations : pandas.DataFrame
        Index ``(score, coefficient)`` with score in {aggregate name, baseline name}; columns
        ``estimate, lo, hi, n``.
    comparison : pandas.DataFrame
        Index ``coefficient``; columns ``aggregate, baseline, difference, lo, hi,
        p_bootstrap`` (paired bootstrap of aggregate minus baseline; p is the two-sided
        bootstrap share of replicates on the other side of zero) and
        ``aggregate_beats_baseline`` (interval above zero).
    williams : dict
        ``t, p, df, r12, r13, r23`` for Pearson r.
    models : tuple of str
        The shared models.
    aggregate : str
        Name of the aggregate score.
    baseline : str
        Name of the baseline score.
    arena : str
        Name of the arena rating.
    method : str
        The interval and test methods.
    provenance : dict
        ``n_boot``, ``seed`` and ``level``.

    References
    ----------
    .. [1] L. Spangher et al., "Project MPG: towards a generalized performance benchmark for LLM
       capabilities", arXiv:2410.22368, 2024: the Pearson correlation of MPG with Chatbot Arena
       is higher than that of the MMLU leaderboard.
    .. [2] E. J. Williams, "The comparison of regression variables", Journal of the Royal
       Statistical Society B 21(2):396-399, 1959.
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

    def to_frame(self) -> pd.DataFrame:
        """The correlations with the arena rating, one row per (score, coefficient).

        Returns
        -------
        pandas.DataFrame
            Index ``(score, coefficient)``, the score named as the user named the aggregate and
            the baseline (their Series names); columns ``estimate``, ``lo``, ``hi`` and ``n``
            (a copy of ``correlations``).

        Examples
        --------
        >>> import numpy as np
        >>> import pandas as pd
        >>> models = [f"model {k}" for k in range(8)]
        >>> arena = pd.Series([1, 2, 3, 4, 5, 6, 7, 8.0], index=models, name="arena")
        >>> mpg = pd.Series([1, 3, 2, 4, 6, 5, 7, 8.0], index=models, name="MPG")
        >>> mmlu = pd.Series([2, 1, 4, 3, 8, 5, 6, 7.0], index=models, name="MMLU")
        >>> v = validate_against_arena(mpg, arena, mmlu, n_boot=200)
        >>> v.to_frame()[["estimate", "n"]].round(3)
                          estimate  n
        score coefficient
        MPG   pearson        0.952  8
              spearman       0.952  8
              kendall        0.857  8
        MMLU  pearson        0.810  8
              spearman       0.810  8
              kendall        0.643  8
        """
        return self.correlations.copy()

    def summary(self) -> str:
        """One honest sentence on whether the aggregate beats the baseline.

        Returns
        -------
        str
            Pearson comparison with its interval and Williams' t, and the rank-correlation
            differences.
        """
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

    Parameters
    ----------
    aggregate : pandas.Series
        The aggregate score (e.g. an MPG Goodness), by model.
    arena : pandas.Series
        The arena rating, by model.
    baseline : pandas.Series
        The single-benchmark baseline (e.g. MMLU), by model.
    n_boot : int
        Bootstrap replicates.
    seed : int
        Seed of the resampling.
    level : float
        Interval level in (0, 1).

    Returns
    -------
    ArenaValidation
        Correlations with intervals, the paired comparison and Williams' t.

    Raises
    ------
    benchgame.core.validation.InputError
        If an input is not a Series, fewer than 4 models have all three scores, or a score is
        constant on them.

    References
    ----------
    .. [1] L. Spangher et al., "Project MPG: towards a generalized performance benchmark for LLM
       capabilities", arXiv:2410.22368, 2024: the Pearson correlation of MPG with Chatbot Arena
       is higher than that of the MMLU leaderboard.
    .. [2] E. J. Williams, "The comparison of regression variables", Journal of the Royal
       Statistical Society B 21(2):396-399, 1959.
    .. [3] B. Efron, "Bootstrap methods: another look at the jackknife", Annals of Statistics
       7(1):1-26, 1979.

    Examples
    --------
    >>> from benchgame.analyses.arena import ARENA_COLUMN, obsscaling_with_arena
    >>> df = obsscaling_with_arena().dropna(subset=[ARENA_COLUMN])
    >>> tasks = ["MMLU", "ARC-C", "HellaSwag", "Winogrande", "TruthfulQA", "GSM8K", "HumanEval"]
    >>> mean7 = df[tasks].mean(axis=1, skipna=False).rename("mean of 7")
    >>> v = validate_against_arena(mean7, df[ARENA_COLUMN], df["MMLU"], n_boot=500)
    >>> len(v.models), v.comparison.loc["pearson", ["aggregate", "baseline"]].round(3).tolist()
    (15, [0.852, 0.932])
    >>> round(v.williams["t"], 2), v.williams["df"]
    (-4.18, 12)
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
    comp = {}
    for k in COEFFICIENTS:
        lo, hi, d_reps = paired_bootstrap(
            (x, b, y), lambda xa, xb, ya, k=k: _coef_rows(k, xa, ya) - _coef_rows(k, xb, ya),
            n_boot=n_boot, seed=seed, level=level)
        est_a, est_b = float(ca.loc[k, "estimate"]), float(cb.loc[k, "estimate"])
        # a difference within rounding of 0 (equal rankings on a resample) counts on both sides
        tie = 1e-12
        p = float(min(1.0, 2 * min(np.mean(d_reps <= tie), np.mean(d_reps >= -tie))))
        comp[k] = {"aggregate": est_a, "baseline": est_b, "difference": est_a - est_b,
                   "lo": lo, "hi": hi, "p_bootstrap": p,
                   "aggregate_beats_baseline": bool(lo > 0)}
    r12 = float(_pearson_rows(y, x))
    r13 = float(_pearson_rows(y, b))
    r23 = float(_pearson_rows(x, b))
    t, p, dof = williams_t(r12, r13, r23, len(df))
    return ArenaValidation(
        correlations=corr,
        comparison=pd.DataFrame.from_dict(comp, orient="index").rename_axis("coefficient"),
        williams={"t": t, "p": p, "df": dof, "r12": r12, "r13": r13, "r23": r23},
        models=tuple(df.index), aggregate=names[0], baseline=names[1], arena=names[2],
        method=f"percentile bootstrap over models ({n_boot} replicates, seed {seed}, level "
               f"{level}); Williams' t (Steiger 1980) for Pearson r; paired bootstrap for all "
               "three coefficients",
        provenance={"n_boot": n_boot, "seed": seed, "level": level})
