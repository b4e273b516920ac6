"""Sweeps of one simulation parameter over values, with the same seeds at every value.

For each value the simulation runs over R seeds (common random numbers); each metric's final
value is its mean over the last ``tail`` steps, summarised per value by a Student-t 95% interval
over seeds, and compared between values by paired differences
(:meth:`EcosystemSweep.paired_difference`). The sweeps mirror the levers of the paper's
agent-based model (entry rate, inflow shocks, over-fitting penalty; arXiv:2510.01286, abstract).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import lazy_loader as lazy
import numpy as np

from benchgame.analyses.ecosystem.replicates import (
    _seed_list,
    simulate_settings,
    t_interval,
    t_interval_rows,
)
from benchgame.analyses.ecosystem.simulation import METRICS
from benchgame.analyses.ecosystem.simulation_params import EcosystemParams
from benchgame.core.serialize import to_jsonable
from benchgame.core.validation import InputError

pd = lazy.load("pandas")

__all__ = ["EcosystemSweep", "sweep"]


@dataclass(frozen=True)
class EcosystemSweep:
    """Simulation runs over the values of one parameter, with R seeds per value, and summaries.

    Parameters
    ----------
    parameter : str
        The swept field of :class:`EcosystemParams`.
    values : tuple
        The values, in sweep order.
    seeds : tuple of int
        The seeds run at every value.
    base : EcosystemParams
        The parameters of every run except ``parameter``.
    runs : pandas.DataFrame
        Long per-step histories with columns ``value, seed, step, <metrics>``.
    final : pandas.DataFrame
        One row per (value, seed): each metric averaged over the last ``tail`` steps.
    summary : pandas.DataFrame
        One row per value: ``<metric>_mean, <metric>_lo, <metric>_hi`` (Student-t 95%).
    trajectories : pandas.DataFrame
        One row per (value, step): mean and t-interval per metric across seeds.
    tail : int
        Steps averaged for the final values.
    interval : str
        Description of the intervals.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract
       (agent-based model findings 1-3).
    """

    parameter: str
    values: tuple
    seeds: tuple[int, ...]
    base: EcosystemParams
    runs: pd.DataFrame
    final: pd.DataFrame
    summary: pd.DataFrame
    trajectories: pd.DataFrame
    tail: int
    interval: str = "Student-t 95% interval of the mean over seeds"

    def paired_difference(self, metric: str, a: Any, b: Any,
                          level: float = 0.95) -> tuple[float, float, float]:
        """Mean and t-interval of the final ``metric`` at value ``b`` minus at value ``a``.

        The differences are paired by seed (common random numbers).

        Parameters
        ----------
        metric : str
            A column of ``final``.
        a, b : Any
            Two of the swept values.
        level : float
            Confidence level in (0, 1).

        Returns
        -------
        tuple of float
            ``(mean, low, high)`` of the paired differences.
        """
        f = self.final.set_index(["value", "seed"])[metric]
        return t_interval(f.loc[b].to_numpy() - f.loc[a].to_numpy(), level)

    def to_frame(self) -> pd.DataFrame:
        """The summary, one row per swept value.

        Returns
        -------
        pandas.DataFrame
            Index named after the swept parameter (e.g. ``entry_rate``), one row per value
            (sorted); columns ``<metric>_mean, <metric>_lo, <metric>_hi`` (Student-t 95%
            interval over seeds of each metric's final value).

        Examples
        --------
        >>> from benchgame.analyses.ecosystem import EcosystemParams
        >>> p = EcosystemParams(steps=60, initial_benchmarks=10, release_rate=5.0)
        >>> res = sweep(p, "entry_rate", [0.5, 4.0], seeds=6)
        >>> res.to_frame()[["gini_mean", "gini_lo"]].round(3)
                    gini_mean  gini_lo
        entry_rate
        0.5             0.564    0.504
        4.0             0.440    0.426
        """
        return self.summary.set_index("value").rename_axis(self.parameter)

    def to_dict(self) -> dict:
        """The sweep as JSON-safe data, without the per-step histories of every run.

        Returns
        -------
        dict
            ``parameter``, ``values``, ``seeds``, ``base`` (the parameters), ``tail``,
            ``interval``, and the tables ``summary`` (one record per value), ``final`` (per
            value and seed) and ``trajectories`` (per value and step) as lists of records. The
            long ``runs`` table is left out: it is recomputed from ``base``, ``values`` and
            ``seeds``.

        Examples
        --------
        >>> from benchgame.analyses.ecosystem import EcosystemParams
        >>> p = EcosystemParams(steps=30, initial_benchmarks=10, release_rate=5.0)
        >>> d = sweep(p, "entry_rate", [0.5, 4.0], seeds=2, tail=5).to_dict()
        >>> d["parameter"], d["values"], sorted(d["summary"][0])[:3]
        ('entry_rate', [0.5, 4.0], ['coordination_hi', 'coordination_lo', 'coordination_mean'])
        """
        return to_jsonable({"parameter": self.parameter, "values": self.values,
                            "seeds": self.seeds, "base": self.base, "tail": self.tail,
                            "interval": self.interval, "summary": self.summary,
                            "final": self.final, "trajectories": self.trajectories})


def _summaries(df: pd.DataFrame, by: list[str], metrics: Sequence[str]) -> pd.DataFrame:
    """Per group of ``by``, each metric's mean and t-interval (NaN with < 2 finite values)."""
    groups = df.groupby(by, sort=True)
    gid, pos = groups.ngroup().to_numpy(), groups.cumcount().to_numpy()
    out = groups.size().index.to_frame(index=False)
    for mname in metrics:
        table = np.full((out.shape[0], int(pos.max(initial=0)) + 1), np.nan)
        table[gid, pos] = df[mname].to_numpy(float)
        out[f"{mname}_mean"], out[f"{mname}_lo"], out[f"{mname}_hi"] = t_interval_rows(table)
    return out


def sweep(base: EcosystemParams, parameter: str, values: Sequence[Any],
          seeds: int | Iterable[int] = 30, *, tail: int = 20,
          progress: Callable[[int], None] | None = None) -> EcosystemSweep:
    """Run ``base`` with ``parameter`` set to each of ``values``, over the same seeds.

    Parameters
    ----------
    base : EcosystemParams
        The parameters of every run except ``parameter``.
    parameter : str
        A field of :class:`EcosystemParams` (e.g. ``"entry_rate"``, ``"penalty"``,
        ``"shock_size"``).
    values : sequence
        Distinct values of ``parameter``.
    seeds : int or iterable of int
        R >= 2 seeds (count or list); use R >= 30 for reported results.
    tail : int
        Steps averaged for the "final" value of each metric (1 <= tail <= steps).
    progress : callable, optional
        Called with 1 after each run.

    Returns
    -------
    EcosystemSweep
        The runs, their final values and the summaries with intervals over seeds.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``parameter`` is not a field, ``values`` is empty or repeats a value, fewer than two
        seeds are given, or ``tail`` is out of range.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract
       (agent-based model findings 1-3: entry rate, inflows, over-fitting penalty).

    Examples
    --------
    >>> from benchgame.analyses.ecosystem import EcosystemParams
    >>> p = EcosystemParams(steps=60, initial_benchmarks=10, release_rate=5.0)
    >>> res = sweep(p, "entry_rate", [0.5, 4.0], seeds=6, tail=20)
    >>> res.summary[["value", "gini_mean", "gini_lo", "gini_hi"]].round(3)
       value  gini_mean  gini_lo  gini_hi
    0    0.5      0.564    0.504    0.625
    1    4.0      0.440    0.426    0.454
    >>> [round(v, 3) for v in res.paired_difference("gini", 0.5, 4.0)]
    [-0.124, -0.184, -0.065]
    """
    if parameter not in EcosystemParams.__dataclass_fields__:
        raise InputError("parameter", f"is {parameter!r}",
                         f"use one of {sorted(EcosystemParams.__dataclass_fields__)}")
    vals = tuple(values)
    if not vals:
        raise InputError("values", "is empty", "give at least one value")
    if len(set(vals)) != len(vals):
        raise InputError("values", f"repeat a value: {vals}", "give distinct values")
    seed_list = _seed_list(seeds)
    if len(seed_list) < 2:
        raise InputError("seeds", "is a single seed", "give at least two seeds for intervals")
    if isinstance(tail, bool) or int(tail) != tail or not 1 <= tail <= base.steps:
        raise InputError("tail", f"is {tail!r}", f"give an integer in [1, {base.steps}]")
    frames = simulate_settings([base.with_(**{parameter: v}) for v in vals], seed_list, progress)
    for v, h in zip(vals, frames, strict=True):
        h.insert(0, "value", v)
    runs = pd.concat(frames, ignore_index=True)
    metrics = list(METRICS)
    final = (runs[runs["step"] > base.steps - tail].groupby(["value", "seed"], sort=True)[metrics]
             .mean().reset_index())
    return EcosystemSweep(parameter=parameter, values=vals, seeds=tuple(seed_list), base=base,
                          runs=runs, final=final, summary=_summaries(final, ["value"], metrics),
                          trajectories=_summaries(runs, ["value", "step"], metrics),
                          tail=int(tail))
