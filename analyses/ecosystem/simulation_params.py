"""Validated parameters of the benchmark-ecosystem simulation and its entry rate.

The symbols are those of :mod:`benchgame.analyses.ecosystem.simulation`, which documents the
model: a reconstruction, with defaults chosen for this library, of the agent-based model of
Cebrian, Kito and Castro Fernandez (arXiv:2510.01286), whose agents, equations and parameter
values are not published.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np

from benchgame.core.limits import check_limit
from benchgame.core.validation import InputError

__all__ = ["EcosystemParams"]


@dataclass(frozen=True)
class EcosystemParams:
    """Parameters of the ecosystem simulation (symbols of the simulation module's docstring).

    The defaults are this library's choices: the paper publishes no parameter values.

    Parameters
    ----------
    steps : int
        Horizon T (>= 1).
    initial_benchmarks : int
        Benchmarks present at t = 0, each with authority :math:`a_0` (>= 1).
    entry_rate : float
        :math:`\\lambda_0`, expected new benchmarks per step (>= 0).
    release_rate : float
        :math:`\\mu`, expected new models per step (>= 0).
    benchmarks_per_model : int
        K, distinct benchmarks reported by each model (>= 1).
    alpha : float
        Rich-get-richer exponent :math:`\\alpha` (>= 0).
    decay : float
        Authority decay :math:`\\delta \\in [0, 1)`.
    a0 : float
        Initial authority and smoothing :math:`a_0 > 0`.
    fitness_sigma : float
        :math:`\\sigma_\\varphi \\ge 0`, log-sd of the benchmarks' fitness.
    penalty : float
        Over-fitting penalty :math:`\\kappa \\ge 0`.
    saturation_rate : float
        :math:`\\eta \\in [0, 1]`.
    shock_size : float
        Inflow shock size F (>= 0; no shock when F = 0).
    shock_start : int
        First shocked step :math:`t_s` (>= 0).
    shock_duration : int
        Shock duration D in steps (>= 0; no shock when D = 0).
    window : int
        Coordination window w in steps (>= 0).
    live_window : int or None
        Steps since last adoption for a benchmark to count as live (>= 1); None: every
        benchmark is live.
    entrant_visibility : float
        Multiplier on entrants' fitness (1: the model; 0: entry mechanism switched off).

    Raises
    ------
    benchgame.core.validation.InputError
        If a parameter is not a finite number, an integer parameter is not integral, or a value
        is out of its range.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract: the
       agent-based model's levers are the entry rate of new benchmarks, rapid inflows of new
       benchmarks and penalties against over-fitting.

    Examples
    --------
    >>> p = EcosystemParams(entry_rate=2, shock_size=3.0, shock_start=10, shock_duration=5)
    >>> p.entry_rate, p.entry_at(9), p.entry_at(10)
    (2.0, 2.0, 8.0)
    """

    steps: int = 120
    initial_benchmarks: int = 20
    entry_rate: float = 1.0
    release_rate: float = 8.0
    benchmarks_per_model: int = 4
    alpha: float = 1.0
    decay: float = 0.1
    a0: float = 1.0
    fitness_sigma: float = 0.5
    penalty: float = 1.0
    saturation_rate: float = 0.5
    shock_size: float = 0.0
    shock_start: int = 0
    shock_duration: int = 0
    window: int = 5
    live_window: int | None = 20
    entrant_visibility: float = 1.0

    def __post_init__(self) -> None:
        ints = {"steps": 1, "initial_benchmarks": 1, "benchmarks_per_model": 1, "window": 0,
                "shock_start": 0, "shock_duration": 0}
        for name, lo in ints.items():
            v = getattr(self, name)
            if (isinstance(v, bool) or not isinstance(v, (int, float, np.integer))
                    or not math.isfinite(v) or int(v) != v or v < lo):
                raise InputError(name, f"is {v!r}", f"give an integer >= {lo}")
            object.__setattr__(self, name, int(v))
        lw = self.live_window
        if lw is not None:
            if (isinstance(lw, bool) or not isinstance(lw, (int, float, np.integer))
                    or not math.isfinite(lw) or int(lw) != lw or lw < 1):
                raise InputError("live_window", f"is {lw!r}", "give an integer >= 1 or None")
            object.__setattr__(self, "live_window", int(lw))
        nonneg = ("entry_rate", "release_rate", "alpha", "fitness_sigma", "penalty",
                  "shock_size", "entrant_visibility")
        for name in nonneg + ("decay", "a0", "saturation_rate"):
            v = getattr(self, name)
            if (isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating))
                    or not math.isfinite(v)):
                raise InputError(name, f"is {v!r}", "give a finite number")
            object.__setattr__(self, name, float(v))
        for name in nonneg:
            if getattr(self, name) < 0:
                raise InputError(name, f"is {getattr(self, name)!r}", "give a value >= 0")
        if not 0.0 <= self.decay < 1.0:
            raise InputError("decay", f"is {self.decay!r}", "give a value in [0, 1)")
        if not self.a0 > 0:
            raise InputError("a0", f"is {self.a0!r}", "give a value > 0")
        if not 0.0 <= self.saturation_rate <= 1.0:
            raise InputError("saturation_rate", f"is {self.saturation_rate!r}",
                             "give a value in [0, 1]")
        check_limit(self.steps, "simulation_steps", "steps")
        created = self.initial_benchmarks + self.steps * (
            self.entry_rate * (1.0 + self.shock_size) + self.release_rate)
        check_limit(created, "simulation_size",
                    "initial_benchmarks, steps, entry_rate, release_rate, shock_size")
        check_limit(self.benchmarks_per_model, "simulation_size", "benchmarks_per_model")

    def with_(self, **changes: Any) -> EcosystemParams:
        """A copy with some parameters changed (validated).

        Parameters
        ----------
        **changes : Any
            New values by parameter name.

        Returns
        -------
        EcosystemParams
            The validated copy.

        Raises
        ------
        benchgame.core.validation.InputError
            If a name is not a parameter or a new value is invalid.
        """
        unknown = [k for k in changes if k not in self.__dataclass_fields__]
        if unknown:
            raise InputError("parameter", f"unknown name(s) {unknown}",
                             f"use one of {sorted(self.__dataclass_fields__)}")
        return replace(self, **changes)

    def entry_at(self, t: int) -> float:
        """Expected entrants at step ``t``, the entry rate :math:`\\lambda(t)`.

        :math:`\\lambda(t) = \\lambda_0 (1 + F\\,\\mathbb 1[t_s \\le t < t_s + D])`.

        Parameters
        ----------
        t : int
            The step.

        Returns
        -------
        float
            :math:`\\lambda(t)`.
        """
        shocked = self.shock_start <= t < self.shock_start + self.shock_duration
        return self.entry_rate * (1.0 + self.shock_size * shocked)

    def to_dict(self) -> dict:
        """The parameters as a plain dictionary.

        Returns
        -------
        dict
            One key per parameter.
        """
        return asdict(self)
