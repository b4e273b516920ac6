"""The paper's three ABM findings as measurable effects with confidence intervals over seeds.

Cebrian, Kito and Castro Fernandez (arXiv:2510.01286, abstract) report: (1) a higher entry rate
reduces concentration; (2) rapid inflows of new benchmarks temporarily make coordination harder;
(3) stronger over-fitting penalties have limited effect on concentration. The paper's model is not
published; here each finding is measured on this library's reconstruction
(:mod:`benchgame.analyses.ecosystem.simulation`) with common random numbers (the same seeds in
every setting) and Student-t 95% intervals of paired differences over seeds:

* :func:`entry_effect`: final Gini per entry rate; the paired difference between the largest and
  the smallest rate.
* :func:`shock_effect`: the coordination gap :math:`g_t = C_t^{\\text{control}} -
  C_t^{\\text{shock}}` per seed; the *dip* is :math:`g` at the trough step
  :math:`t^* = \\arg\\max_t \\bar g_t` over :math:`[t_s, t_s + D + 2w]` (mean over
  :math:`t^* \\pm 1`), the *residual* its mean over the last ``tail`` steps, and the *recovery*
  dip minus residual. Whether the gap closes because the shocked system recovers or because the
  control falls is told apart by the shocked runs' *drop* (pre-shock minus trough coordination)
  and *regain* (tail minus trough) and the control's *decline* (trough minus tail).
* :func:`penalty_vs_entry`: the paired change of final Gini across the penalty sweep and across
  the entry sweep, and their ratio.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import lazy_loader as lazy
import numpy as np

from benchgame.analyses.ecosystem.parameter_sweep import EcosystemSweep, sweep
from benchgame.analyses.ecosystem.replicates import Interval, simulate_settings
from benchgame.analyses.ecosystem.simulation_params import EcosystemParams
from benchgame.core.validation import InputError

pd = lazy.load("pandas")

__all__ = [
    "EntryEffect",
    "PenaltyVsEntry",
    "ShockEffect",
    "entry_effect",
    "penalty_vs_entry",
    "shock_effect",
]


@dataclass(frozen=True)
class EntryEffect:
    """Final Gini across an entry-rate sweep (finding 1).

    ``no_significant_increase`` says whether no consecutive step rises significantly (every
    step's interval reaches 0 or below).

    Parameters
    ----------
    values : tuple of float
        The entry rates, increasing.
    gini : tuple of Interval
        Final Gini per entry rate.
    change : Interval
        Paired difference Gini(largest rate) - Gini(smallest rate).
    steps : tuple of Interval
        Paired differences between consecutive rates.
    decreasing : bool
        Whether the mean final Gini falls strictly along the sweep.
    sweep : EcosystemSweep
        The underlying sweep.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract,
       agent-based finding 1: a higher entry rate of new benchmarks reduces concentration.
    """

    values: tuple[float, ...]
    gini: tuple[Interval, ...]
    change: Interval
    steps: tuple[Interval, ...]
    decreasing: bool
    sweep: EcosystemSweep

    @property
    def no_significant_increase(self) -> bool:
        """Whether every consecutive step's interval reaches 0 or below."""
        return all(s.lo <= 0.0 for s in self.steps)

    def to_dict(self) -> dict:
        """The effect as a plain dictionary (without the sweep).

        Returns
        -------
        dict
            Keys ``entry_rates, gini, change, steps, decreasing, no_significant_increase``.
        """
        return {"entry_rates": list(self.values), "gini": [g.to_dict() for g in self.gini],
                "change": self.change.to_dict(), "steps": [x.to_dict() for x in self.steps],
                "decreasing": self.decreasing,
                "no_significant_increase": self.no_significant_increase}


def _final_intervals(res: EcosystemSweep, metric: str) -> tuple[Interval, ...]:
    f = res.final.set_index(["value", "seed"])[metric]
    return tuple(Interval.of(f.loc[v].to_numpy()) for v in res.values)


def entry_effect(base: EcosystemParams, values: Sequence[float],
                 seeds: int | Iterable[int] = 30, *, tail: int = 20,
                 progress: Callable[[int], None] | None = None) -> EntryEffect:
    """Sweep ``entry_rate`` over increasing ``values`` and measure the final Gini (finding 1).

    Parameters
    ----------
    base : EcosystemParams
        Parameters of every run except the entry rate.
    values : sequence of float
        At least two increasing entry rates.
    seeds : int or iterable of int
        R >= 2 seeds (count or list), the same at every rate.
    tail : int
        Steps averaged for the final Gini.
    progress : callable, optional
        Called with 1 after each run.

    Returns
    -------
    EntryEffect
        Final Gini per rate, the paired change and the consecutive steps.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``values`` are fewer than two or not increasing, or the sweep's inputs are invalid.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract,
       agent-based finding 1: a higher entry rate of new benchmarks reduces concentration.

    Examples
    --------
    >>> from benchgame.analyses.ecosystem import EcosystemParams
    >>> p = EcosystemParams(steps=60, initial_benchmarks=10, release_rate=5.0)
    >>> eff = entry_effect(p, [0.5, 4.0], seeds=6, tail=20)
    >>> eff.decreasing, [round(v, 3) for v in (eff.change.mean, eff.change.lo, eff.change.hi)]
    (True, [-0.124, -0.184, -0.065])
    """
    vals = tuple(float(v) for v in values)
    if len(vals) < 2 or any(b <= a for a, b in zip(vals, vals[1:], strict=False)):
        raise InputError("values", f"is {vals}", "give at least two increasing entry rates")
    res = sweep(base, "entry_rate", vals, seeds, tail=tail, progress=progress)
    g = _final_intervals(res, "gini")
    means = np.array([x.mean for x in g])
    steps = tuple(Interval(*res.paired_difference("gini", a, b))
                  for a, b in zip(vals, vals[1:], strict=False))
    return EntryEffect(values=vals, gini=g,
                       change=Interval(*res.paired_difference("gini", vals[0], vals[-1])),
                       steps=steps, decreasing=bool(np.all(np.diff(means) < 0)), sweep=res)


@dataclass(frozen=True)
class ShockEffect:
    """Coordination response to an inflow shock, against an unshocked control (same seeds).

    Parameters
    ----------
    trough_step : int
        The step :math:`t^*` of the largest mean coordination gap.
    dip : Interval
        The gap around the trough (mean over :math:`t^* \\pm 1`).
    residual : Interval
        The gap over the last ``tail`` steps.
    recovery : Interval
        Dip minus residual.
    trajectory : pandas.DataFrame
        Per step: ``coordination_control``, ``coordination_shock``, ``gap`` (seed means).
    shocked_drop : Interval
        Shocked runs: coordination over the :math:`\\max(w, 1)` steps before the shock minus at
        the trough (:math:`t^* \\pm 1`).
    shocked_regain : Interval
        Shocked runs: coordination over the last ``tail`` steps minus at the trough (> 0: they
        recover; about 0 or below: they do not).
    control_decline : Interval
        Control runs: coordination at the trough minus over the last ``tail`` steps (> 0: the
        gap also narrows because the control falls).

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract,
       agent-based finding 2: rapid inflows of new benchmarks temporarily make coordination
       harder.
    """

    trough_step: int
    dip: Interval
    residual: Interval
    recovery: Interval
    trajectory: pd.DataFrame
    shocked_drop: Interval
    shocked_regain: Interval
    control_decline: Interval

    def to_dict(self) -> dict:
        """The effect as a plain dictionary (without the trajectory).

        Returns
        -------
        dict
            Keys ``trough_step, dip, residual, recovery, shocked_drop, shocked_regain,
            control_decline``.
        """
        return {"trough_step": self.trough_step, "dip": self.dip.to_dict(),
                "residual": self.residual.to_dict(), "recovery": self.recovery.to_dict(),
                "shocked_drop": self.shocked_drop.to_dict(),
                "shocked_regain": self.shocked_regain.to_dict(),
                "control_decline": self.control_decline.to_dict()}


def shock_effect(base: EcosystemParams, seeds: int | Iterable[int] = 30, *, tail: int = 10,
                 progress: Callable[[int], None] | None = None) -> ShockEffect:
    """Measure finding 2 on ``base`` (which must carry the shock F, t_s, D) versus F = 0.

    Parameters
    ----------
    base : EcosystemParams
        Parameters with the shock (``shock_size``, ``shock_start``, ``shock_duration``); the
        control run sets ``shock_size = 0``.
    seeds : int or iterable of int
        R >= 2 seeds (count or list), the same for the shock and the control.
    tail : int
        Steps at the end averaged for the residual gap.
    progress : callable, optional
        Called with 1 after each run.

    Returns
    -------
    ShockEffect
        Trough step, dip, residual and recovery with intervals, the shocked runs' drop and
        regain, the control's decline, and the mean trajectories.

    Raises
    ------
    benchgame.core.validation.InputError
        If the horizon is too short for the shock and the tail, the shock starts before step 2
        (no pre-shock step), or the seeds are invalid.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract,
       agent-based finding 2: rapid inflows of new benchmarks temporarily make coordination
       harder.

    Examples
    --------
    >>> from benchgame.analyses.ecosystem import EcosystemParams
    >>> p = EcosystemParams(steps=60, initial_benchmarks=10, release_rate=5.0, shock_size=10.0,
    ...                     shock_start=15, shock_duration=4)
    >>> eff = shock_effect(p, seeds=8, tail=10)
    >>> eff.trough_step, round(eff.dip.mean, 3), round(eff.residual.mean, 3)
    (23, 0.118, 0.041)
    """
    if base.shock_start < 2:
        raise InputError("shock_start", f"is {base.shock_start}, leaving no pre-shock step",
                         "start the shock at step 2 or later")
    if base.shock_start + base.shock_duration + tail > base.steps:
        raise InputError("steps", f"is {base.steps}, too short for a shock ending at step "
                         f"{base.shock_start + base.shock_duration} and a tail of {tail}",
                         "lengthen the horizon or shorten the tail")
    settings = [base.with_(shock_size=0.0)]
    if base.shock_size != 0 and base.shock_duration != 0:
        settings.append(base)       # else no shock: the control's parameters and seeds
    frames = [h.pivot(index="seed", columns="step", values="coordination")
              for h in simulate_settings(settings, seeds, progress)]
    runs = {"control": frames[0], "shock": frames[-1]}
    gap = runs["control"] - runs["shock"]
    mean_gap = gap.mean(axis=0)
    lo_t = base.shock_start
    hi_t = min(base.steps, base.shock_start + base.shock_duration + 2 * base.window)
    window = mean_gap.loc[lo_t:hi_t]
    t_star = int(window.idxmax()) if window.notna().any() else lo_t
    trough = slice(max(1, t_star - 1), min(base.steps, t_star + 1))
    end = slice(base.steps - tail + 1, None)
    dip = gap.loc[:, trough].mean(axis=1)
    residual = gap.loc[:, end].mean(axis=1)
    S, C = runs["shock"], runs["control"]
    s_pre = S.loc[:, max(1, lo_t - max(base.window, 1)):lo_t - 1].mean(axis=1)
    s_trough, c_trough = S.loc[:, trough].mean(axis=1), C.loc[:, trough].mean(axis=1)
    traj = pd.DataFrame({"coordination_control": runs["control"].mean(axis=0),
                         "coordination_shock": runs["shock"].mean(axis=0), "gap": mean_gap})
    traj.index.name = "step"
    return ShockEffect(trough_step=t_star, dip=Interval.of(dip), residual=Interval.of(residual),
                       recovery=Interval.of(dip - residual), trajectory=traj.reset_index(),
                       shocked_drop=Interval.of(s_pre - s_trough),
                       shocked_regain=Interval.of(S.loc[:, end].mean(axis=1) - s_trough),
                       control_decline=Interval.of(c_trough - C.loc[:, end].mean(axis=1)))


@dataclass(frozen=True)
class PenaltyVsEntry:
    """Change of final Gini across the penalty sweep versus across the entry sweep (finding 3).

    Parameters
    ----------
    entry_change : Interval
        Paired change of final Gini between the entry sweep's ends,
        :math:`\\Delta_\\lambda`.
    penalty_change : Interval
        Paired change of final Gini between the penalty sweep's ends, :math:`\\Delta_\\kappa`.
    ratio : float
        :math:`|\\Delta_\\kappa| / |\\Delta_\\lambda|` of the means (inf when
        :math:`\\Delta_\\lambda = 0`).

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract,
       agent-based finding 3: stronger penalties against over-fitting have limited effect on
       concentration.
    """

    entry_change: Interval
    penalty_change: Interval
    ratio: float

    def to_dict(self) -> dict:
        """The comparison as a plain dictionary.

        Returns
        -------
        dict
            Keys ``entry_change, penalty_change, ratio``.
        """
        return {"entry_change": self.entry_change.to_dict(),
                "penalty_change": self.penalty_change.to_dict(), "ratio": self.ratio}


def penalty_vs_entry(base: EcosystemParams, entry_values: Sequence[float],
                     penalty_values: Sequence[float], seeds: int | Iterable[int] = 30, *,
                     tail: int = 20,
                     progress: Callable[[int], None] | None = None) -> PenaltyVsEntry:
    """Finding 3: Gini change between the penalty sweep's ends and the entry sweep's ends.

    Parameters
    ----------
    base : EcosystemParams
        Parameters of every run except the swept one.
    entry_values : sequence of float
        Entry rates; the smallest and the largest are run.
    penalty_values : sequence of float
        Over-fitting penalties; the smallest and the largest are run.
    seeds : int or iterable of int
        R >= 2 seeds (count or list), the same in every setting.
    tail : int
        Steps averaged for the final Gini.
    progress : callable, optional
        Called with 1 after each run.

    Returns
    -------
    PenaltyVsEntry
        The two paired changes and the ratio of their absolute means.

    Raises
    ------
    benchgame.core.validation.InputError
        If either sweep has fewer than two distinct values, or the sweeps' inputs are invalid.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract,
       agent-based finding 3: stronger penalties against over-fitting have limited effect on
       concentration.

    Examples
    --------
    >>> from benchgame.analyses.ecosystem import EcosystemParams
    >>> p = EcosystemParams(steps=60, initial_benchmarks=10, release_rate=5.0)
    >>> res = penalty_vs_entry(p, [0.5, 4.0], [0.0, 2.0], seeds=6, tail=20)
    >>> round(res.entry_change.mean, 3), round(res.penalty_change.mean, 3), round(res.ratio, 2)
    (-0.124, -0.064, 0.52)
    """
    ev = (float(min(entry_values)), float(max(entry_values)))
    pv = (float(min(penalty_values)), float(max(penalty_values)))
    if ev[0] == ev[1] or pv[0] == pv[1]:
        raise InputError("entry_values/penalty_values", "need two distinct values each",
                         "give the ends of each sweep")
    e = sweep(base, "entry_rate", ev, seeds, tail=tail, progress=progress)
    p = sweep(base, "penalty", pv, seeds, tail=tail, progress=progress)
    de = Interval(*e.paired_difference("gini", ev[0], ev[1]))
    dp = Interval(*p.paired_difference("gini", pv[0], pv[1]))
    ratio = abs(dp.mean) / abs(de.mean) if de.mean != 0 else float("inf")
    return PenaltyVsEntry(entry_change=de, penalty_change=dp, ratio=float(ratio))
