"""The designer's cost model and the fidelity metrics a designer can target.

:class:`CostModel` is the linear cost a designer states for a candidate protocol, e.g.
``cost(Delta, m) = cost_per_delta * Delta + cost_per_question * m``; :data:`METRICS` are the
ranking fidelities under equilibrium play that a target may name. Both are shared by the
designer's grid (:mod:`benchgame.experiments.designer_grid`) and the ``[designer]`` table of a
leaderboard configuration (:mod:`benchgame.experiments.designer_config`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from benchgame.core.validation import require

__all__ = ["METRICS", "CostModel"]

METRICS = ("expected_tau", "p_top1_correct")
"""Fidelity metrics a target may name: expected Kendall tau, P(most capable ranks first)."""


@dataclass(frozen=True)
class CostModel:
    """A linear cost of a protocol: ``fixed + sum_k rates[k] * value[k]``.

    Parameters
    ----------
    rates : mapping of str to float
        Cost per unit of each protocol parameter (e.g. ``{"delta": 1.0, "m": 0.01}``), ``>= 0``.
    fixed : float, default 0
        Cost common to every candidate.

    Raises
    ------
    InputError
        If a rate is negative or not finite.

    Examples
    --------
    >>> CostModel({"delta": 2.0, "m": 0.01})({"delta": 1.5, "m": 500})
    8.0
    """

    rates: Mapping[str, float]
    fixed: float = 0.0

    def __post_init__(self) -> None:
        for k, v in self.rates.items():
            require(isinstance(v, (int, float)) and math.isfinite(v) and v >= 0,
                    f"cost.{k}", f"is {v!r}", "give a cost per unit >= 0")
        require(math.isfinite(self.fixed), "cost.fixed", f"is {self.fixed}", "give a number")

    def __call__(self, candidate: Mapping[str, Any]) -> float:
        return float(self.fixed + sum(r * float(candidate[k]) for k, r in self.rates.items()))

    def to_dict(self) -> dict:
        """The cost model as a JSON-ready dictionary.

        Returns
        -------
        dict
            ``rates`` and ``fixed``.
        """
        return {"rates": dict(self.rates), "fixed": self.fixed}
