"""The paper's three ABM findings as measurable effects with confidence intervals over seeds.

[RECON] Cebrian, Kito, Castro Fernandez (arXiv:2510.01286) report: (1) a higher entry rate
reduces concentration; (2) rapid inflows of new benchmarks temporarily make coordination harder;
(3) stronger over-fitting penalties have limited effect on concentration. Here each is measured
on :mod:`benchgame.analyses.ecosystem.simulation` with common random numbers (the same seeds in
every setting) and Student-t 95% intervals of paired differences over seeds:

* :func:`entry_effect`: final Gini per entry rate; the paired difference between the largest and
  the smallest rate.
* :func:`shock_effect`: the coordination gap :math:`g_t = C_t^{\\text{control}} -
  C_t^{\\text{shock}}` per seed; the *dip* is :math:`g` at the trough step
  :math:`t^* = \\arg\\max_t \\bar g_t` over :math:`[t_s, t_s + D + 2w]` (mean over
  :math:`t^* \\pm 1`), the *residual* its mean over the last ``tail`` steps, and the *recovery*
  dip minus residual.
* :func:`penalty_vs_entry`: the paired change of final Gini across the penalty sweep and across
  the entry sweep, and their ratio.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from benchgame.analyses.ecosystem.simulation import EcosystemParams, SweepResult, sweep, t_interval
from benchgame.core.validation import InputError

__all__ = [
    "EntryEffect",
    "Interval",
    "PenaltyVsEntry",
    "ShockEffect",
    "entry_effect",
    "penalty_vs_entry",
    "shock_effect",
]


@dataclass(frozen=True)
class Interval:
    """A mean with its 95% Student-t interval over seeds."""

    mean: float
    lo: float
    hi: float

    @classmethod
    def of(cls, values) -> Interval:
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
        return {"mean": self.mean, "lo": self.lo, "hi": self.hi}


@dataclass(frozen=True)
class EntryEffect:
    """Final Gini across an entry-rate sweep.

    ``gini`` holds one :class:`Interval` per entry rate; ``change`` is the paired difference
    Gini(largest rate) - Gini(smallest rate); ``steps`` the paired differences between
    consecutive rates; ``decreasing`` says whether the means fall strictly along the sweep, and
    ``no_significant_increase`` whether no consecutive step rises significantly (every step's
    interval reaches 0 or below).
    """

    values: tuple[float, ...]
    gini: tuple[Interval, ...]
    change: Interval
    steps: tuple[Interval, ...]
    decreasing: bool
    sweep: SweepResult

    @property
    def no_significant_increase(self) -> bool:
        return all(s.lo <= 0.0 for s in self.steps)

    def to_dict(self) -> dict:
        return {"entry_rates": list(self.values), "gini": [g.to_dict() for g in self.gini],
                "change": self.change.to_dict(), "steps": [x.to_dict() for x in self.steps],
                "decreasing": self.decreasing,
                "no_significant_increase": self.no_significant_increase}


def _final_intervals(res: SweepResult, metric: str) -> tuple[Interval, ...]:
    f = res.final.set_index(["value", "seed"])[metric]
    return tuple(Interval.of(f.loc[v].to_numpy()) for v in res.values)


def entry_effect(base: EcosystemParams, values: Sequence[float], seeds=30, *, tail: int = 20,
                 progress: Callable[[int], None] | None = None) -> EntryEffect:
    """Sweep ``entry_rate`` over increasing ``values`` (finding 1)."""
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
    """Coordination response to an inflow shock, against an unshocked control (same seeds)."""

    trough_step: int
    dip: Interval
    residual: Interval
    recovery: Interval
    trajectory: pd.DataFrame
    """Per step: ``coordination_control``, ``coordination_shock``, ``gap`` (seed means)."""

    def to_dict(self) -> dict:
        return {"trough_step": self.trough_step, "dip": self.dip.to_dict(),
                "residual": self.residual.to_dict(), "recovery": self.recovery.to_dict()}


def shock_effect(base: EcosystemParams, seeds=30, *, tail: int = 10,
                 progress: Callable[[int], None] | None = None) -> ShockEffect:
    """Measure finding 2 on ``base`` (which must carry the shock F, t_s, D) versus F = 0."""
    from benchgame.analyses.ecosystem.simulation import simulate_many

    if base.shock_start + base.shock_duration + tail > base.steps:
        raise InputError("steps", f"is {base.steps}, too short for a shock ending at step "
                         f"{base.shock_start + base.shock_duration} and a tail of {tail}",
                         "lengthen the horizon or shorten the tail")
    runs = {}
    for label, p in (("control", base.with_(shock_size=0.0)), ("shock", base)):
        if label == "shock" and (base.shock_size == 0 or base.shock_duration == 0):
            runs[label] = runs["control"]  # no shock: the same parameters and seeds
            continue
        h = simulate_many(p, seeds, progress)
        runs[label] = h.pivot(index="seed", columns="step", values="coordination")
    gap = runs["control"] - runs["shock"]
    mean_gap = gap.mean(axis=0)
    lo_t = base.shock_start
    hi_t = min(base.steps, base.shock_start + base.shock_duration + 2 * base.window)
    window = mean_gap.loc[lo_t:hi_t]
    t_star = int(window.idxmax()) if window.notna().any() else lo_t
    dip = gap.loc[:, max(1, t_star - 1):min(base.steps, t_star + 1)].mean(axis=1)
    residual = gap.loc[:, base.steps - tail + 1:].mean(axis=1)
    traj = pd.DataFrame({"coordination_control": runs["control"].mean(axis=0),
                         "coordination_shock": runs["shock"].mean(axis=0), "gap": mean_gap})
    traj.index.name = "step"
    return ShockEffect(trough_step=t_star, dip=Interval.of(dip), residual=Interval.of(residual),
                       recovery=Interval.of(dip - residual), trajectory=traj.reset_index())


@dataclass(frozen=True)
class PenaltyVsEntry:
    """Change of final Gini across the penalty sweep versus across the entry sweep."""

    entry_change: Interval
    penalty_change: Interval
    ratio: float
    """:math:`|\\Delta_\\kappa| / |\\Delta_\\lambda|` of the means."""

    def to_dict(self) -> dict:
        return {"entry_change": self.entry_change.to_dict(),
                "penalty_change": self.penalty_change.to_dict(), "ratio": self.ratio}


def penalty_vs_entry(base: EcosystemParams, entry_values: Sequence[float],
                     penalty_values: Sequence[float], seeds=30, *, tail: int = 20,
                     progress: Callable[[int], None] | None = None) -> PenaltyVsEntry:
    """Finding 3: Gini change between the penalty sweep's ends and the entry sweep's ends."""
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
