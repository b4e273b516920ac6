"""Replicate runs of the ecosystem simulation over seeds, and Student-t intervals of their mean.

Intervals over seeds are Student-t intervals of the mean (:func:`t_interval`, held in an
:class:`Interval`; 95% by default);
comparisons between settings use common random numbers (the same seeds), so paired differences
are used (:mod:`benchgame.analyses.ecosystem.parameter_sweep`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import lazy_loader as lazy
import numpy as np

from benchgame.analyses.ecosystem.simulation_params import EcosystemParams
from benchgame.analyses.ecosystem.simulation_rows import simulate_rows
from benchgame.core.validation import InputError

pd = lazy.load("pandas")
special = lazy.load("scipy.special", suppress_warning=True)

__all__ = ["Interval", "simulate_many", "simulate_settings", "t_interval", "t_interval_rows"]


def _seed_list(seeds: int | Iterable[int]) -> list[int]:
    if isinstance(seeds, (int, np.integer)) and not isinstance(seeds, bool):
        if seeds < 1:
            raise InputError("seeds", f"is {seeds}", "give a number of seeds >= 1")
        return list(range(int(seeds)))
    try:
        out = [int(s) for s in seeds]
    except (TypeError, ValueError):
        raise InputError("seeds", f"is {seeds!r}", "give a count or a list of integer seeds"
                         ) from None
    if not out:
        raise InputError("seeds", "is empty", "give at least one seed")
    repeats = sorted({s for s in out if out.count(s) > 1})
    if repeats:
        raise InputError("seeds", f"repeats {repeats} (runs with the same seed are identical, "
                         "so intervals over them are meaningless)", "give distinct seeds")
    return out


def simulate_settings(settings: Sequence[EcosystemParams], seeds: int | Iterable[int] = 30,
                      progress: Callable[[int], None] | None = None) -> list[pd.DataFrame]:
    """Run every setting over the same seeds; settings that share a horizon run as one batch.

    Settings with equal ``steps``, ``benchmarks_per_model`` and ``window`` are simulated
    together (:func:`benchgame.analyses.ecosystem.simulation_rows.simulate_rows`, one row per
    setting and seed); each run is the one :func:`benchgame.analyses.ecosystem.simulate` gives
    for its setting and seed.

    Parameters
    ----------
    settings : sequence of EcosystemParams
        The settings.
    seeds : int or iterable of int
        A count R (seeds 0..R-1) or an explicit list of distinct seeds, run in every setting.
    progress : callable, optional
        Called with the number of runs finished after each batch.

    Returns
    -------
    list of pandas.DataFrame
        Per setting, column ``seed`` then the history columns of
        :func:`benchgame.analyses.ecosystem.simulation.simulate`, one row per (seed, step).

    Raises
    ------
    benchgame.core.validation.InputError
        If ``seeds`` is not a positive count or a non-empty list of distinct integers >= 0, or a
        setting is not an :class:`EcosystemParams`.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract
       (agent-based model findings 1-3).

    Examples
    --------
    >>> from benchgame.analyses.ecosystem import EcosystemParams
    >>> p = EcosystemParams(steps=10)
    >>> low, high = simulate_settings([p, p.with_(entry_rate=4.0)], seeds=[3, 5])
    >>> int(low["n_benchmarks"].iloc[-1]), int(high["n_benchmarks"].iloc[-1])
    (27, 65)
    """
    seed_list = _seed_list(seeds)
    settings = list(settings)
    groups: dict[tuple, list[int]] = {}
    for j, p in enumerate(settings):
        if not isinstance(p, EcosystemParams):
            raise InputError("params", f"is a {type(p).__name__}", "give an EcosystemParams")
        groups.setdefault((p.steps, p.benchmarks_per_model, p.window), []).append(j)
    frames: list[pd.DataFrame] = [pd.DataFrame()] * len(settings)
    for (steps, _, _), members in groups.items():
        runs = simulate_rows([settings[j] for j in members for _ in seed_list],
                             seed_list * len(members))
        cols = runs.columns()
        per = len(seed_list) * steps
        seed_col = np.repeat(np.asarray(seed_list, dtype=np.int64), steps)
        for pos, j in enumerate(members):
            frames[j] = pd.DataFrame({"seed": seed_col, **{c: v[pos * per:(pos + 1) * per]
                                                           for c, v in cols.items()}})
        if progress is not None:
            progress(len(members) * len(seed_list))
    return frames


def simulate_many(params: EcosystemParams, seeds: int | Iterable[int] = 30,
                  progress: Callable[[int], None] | None = None) -> pd.DataFrame:
    """Run the simulation for several seeds and stack the histories (with a ``seed`` column).

    The seeds run as one batch (:func:`simulate_settings`); each run is the one
    :func:`benchgame.analyses.ecosystem.simulate` gives for its seed.

    Parameters
    ----------
    params : EcosystemParams
        The parameters of every run.
    seeds : int or iterable of int
        A count R (seeds 0..R-1) or an explicit list of distinct seeds.
    progress : callable, optional
        Called with the number of runs finished after each batch.

    Returns
    -------
    pandas.DataFrame
        Column ``seed`` then the history columns of
        :func:`benchgame.analyses.ecosystem.simulation.simulate`, one row per (seed, step).

    Raises
    ------
    benchgame.core.validation.InputError
        If ``seeds`` is not a positive count or a non-empty list of distinct integers, or the
        parameters are invalid.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract
       (agent-based model findings 1-3).

    Examples
    --------
    >>> from benchgame.analyses.ecosystem import EcosystemParams
    >>> runs = simulate_many(EcosystemParams(steps=10), seeds=[3, 5])
    >>> runs.shape, sorted(set(runs["seed"]))
    ((20, 11), [3, 5])
    """
    return simulate_settings([params], seeds, progress)[0]


def t_interval(values: Any, level: float = 0.95) -> tuple[float, float, float]:
    """Mean and Student-t confidence interval of the mean of ``values`` (NaNs dropped).

    :math:`\\bar x \\pm t_{(1+\\ell)/2,\\, R-1}\\, s/\\sqrt{R}`; needs R >= 2 finite values.

    Parameters
    ----------
    values : array_like
        The values (e.g. one metric over seeds); non-finite entries are dropped.
    level : float
        Confidence level :math:`\\ell` in (0, 1).

    Returns
    -------
    tuple of float
        ``(mean, low, high)``.

    Raises
    ------
    benchgame.core.validation.InputError
        If fewer than two finite values remain or ``level`` is not in (0, 1).

    References
    ----------
    .. [1] Student (W. S. Gosset), "The probable error of a mean", Biometrika 6(1):1-25, 1908.

    Examples
    --------
    >>> mean, lo, hi = t_interval([1.0, 2.0, 3.0, 4.0])
    >>> round(mean, 4), round(lo, 4), round(hi, 4)
    (2.5, 0.4457, 4.5543)
    """
    x = np.asarray(values, dtype=float).ravel()
    x = x[np.isfinite(x)]
    if x.size < 2:
        raise InputError("values", f"has {x.size} finite value(s)",
                         "give at least two seeds for an interval")
    if not 0.0 < level < 1.0:
        raise InputError("level", f"is {level!r}", "give a confidence level in (0, 1)")
    mean, lo, hi = t_interval_rows(x[None, :], level)
    return float(mean[0]), float(lo[0]), float(hi[0])


def t_interval_rows(values: Any, level: float = 0.95) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`t_interval` of every row of a 2-D array at once (non-finite entries dropped).

    Parameters
    ----------
    values : array_like, shape (rows, n)
        One sample per row, padded with NaN where samples are shorter.
    level : float
        Confidence level in (0, 1) (not validated).

    Returns
    -------
    tuple of numpy.ndarray, each of shape (rows,)
        ``(mean, low, high)`` per row; all three NaN where a row has fewer than two finite
        values, all three the mean where its finite values are equal.

    References
    ----------
    .. [1] Student (W. S. Gosset), "The probable error of a mean", Biometrika 6(1):1-25, 1908.

    Examples
    --------
    >>> mean, lo, hi = t_interval_rows([[1.0, 2.0, 3.0, 4.0], [2.0, 2.0, np.nan, np.nan],
    ...                                 [5.0, np.nan, np.nan, np.nan]])
    >>> np.round(mean, 4).tolist(), np.round(lo, 4).tolist(), np.round(hi, 4).tolist()
    ([2.5, 2.0, nan], [0.4457, 2.0, nan], [4.5543, 2.0, nan])
    """
    x = np.asarray(values, dtype=float)
    finite = np.isfinite(x)
    n = finite.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(finite, x, 0.0).sum(axis=1) / n
        dev = np.where(finite, x - mean[:, None], 0.0)
        scale = np.sqrt((dev * dev).sum(axis=1) / (n - 1)) / np.sqrt(n)  # scipy.stats.sem
    spread = (np.where(finite, x, -np.inf).max(axis=1, initial=-np.inf)
              > np.where(finite, x, np.inf).min(axis=1, initial=np.inf))
    lo, hi = mean.copy(), mean.copy()         # zero spread: scipy's interval would be (nan, nan)
    for df in np.unique(n[spread & (n >= 2)]):
        a, b = _t_quantiles(level, int(df) - 1)
        rows = spread & (n == df)
        lo[rows], hi[rows] = mean[rows] + a * scale[rows], mean[rows] + b * scale[rows]
    few = n < 2
    mean[few] = lo[few] = hi[few] = np.nan
    return mean, lo, hi


@functools.lru_cache(maxsize=256)
def _t_quantiles(level: float, df: int) -> tuple[float, float]:
    """The ``(1 - level) / 2`` and ``(1 + level) / 2`` Student-t quantiles (as ``t.interval``).

    ``scipy.special.stdtrit`` is the function behind ``scipy.stats.t.ppf`` (the same numbers),
    without loading ``scipy.stats``.
    """
    return (float(special.stdtrit(df, (1.0 - level) / 2.0)),
            float(special.stdtrit(df, (1.0 + level) / 2.0)))


@dataclass(frozen=True)
class Interval:
    """A mean with its 95% Student-t interval over seeds.

    Parameters
    ----------
    mean : float
        The mean.
    lo : float
        Lower end of the interval.
    hi : float
        Upper end of the interval.

    References
    ----------
    .. [1] Student (W. S. Gosset), "The probable error of a mean", Biometrika 6(1):1-25, 1908.

    Examples
    --------
    >>> iv = Interval(-0.2, -0.3, 0.1)
    >>> iv.abs_lower, iv.abs_upper
    (0.0, 0.3)
    """

    mean: float
    lo: float
    hi: float

    @classmethod
    def of(cls, values: Any) -> Interval:
        """The mean and Student-t 95% interval of ``values`` (NaNs dropped).

        Parameters
        ----------
        values : array_like
            At least two finite values.

        Returns
        -------
        Interval
            See :func:`t_interval`.
        """
        return cls(*t_interval(values))

    @property
    def abs_upper(self) -> float:
        """Upper bound of :math:`|\\text{mean}|` implied by the interval."""
        return max(abs(self.lo), abs(self.hi))

    @property
    def abs_lower(self) -> float:
        """Lower bound of :math:`|\\text{mean}|` (0 when the interval contains 0)."""
        return 0.0 if self.lo <= 0.0 <= self.hi else min(abs(self.lo), abs(self.hi))

    def to_dict(self) -> dict:
        """The interval as a plain dictionary.

        Returns
        -------
        dict
            Keys ``mean, lo, hi``.
        """
        return {"mean": self.mean, "lo": self.lo, "hi": self.hi}
