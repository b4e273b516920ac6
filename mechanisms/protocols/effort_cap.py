"""Effort caps: tune-before-test with own effort counted only up to a cap.

``x(e) = Delta + min(e, cap)``: extra benchmark-specific training beyond ``cap`` is not counted
(for example a submission rule on training steps). This protocol is a reconstruction, not an
item of Chen, Zhang and Hardt (2026): it is continuous and non-decreasing, so every continuum
result that does not need strict monotonicity of ``x`` applies; catch-ups that need more than
``cap`` become infeasible.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from benchgame.games.leaderboard.protocol import Protocol, protocol_level

__all__ = ["EffortCap"]


class EffortCap(Protocol):
    """Tune-before-test at level ``delta`` with own effort counted up to ``cap``.

    ``x(e) = delta + min(e, cap)``. Not a protocol of Chen, Zhang and Hardt (2026): a
    reconstruction of a submission rule that caps counted training.

    Parameters
    ----------
    cap : float
        Largest own effort that counts, ``>= 0``.
    delta : float, default 0
        The designer's tune-before-test level, ``>= 0``.

    Raises
    ------
    InputError
        If ``cap`` or ``delta`` is not a finite number ``>= 0``.

    Examples
    --------
    >>> p = EffortCap(cap=2.0, delta=1.0)
    >>> p.effective_training([0.5, 5.0]).tolist(), float(p.min_effort_reaching(4.0))
    ([1.5, 3.0], inf)
    """

    name = "effort_cap"

    def __init__(self, cap: float, delta: float = 0.0) -> None:
        self.cap = protocol_level(cap, "cap")
        self._delta = protocol_level(delta)

    @property
    def level(self) -> float:
        return self._delta

    def effective_training(self, effort: Any) -> np.ndarray:
        return self._delta + np.minimum(np.asarray(effort, float), self.cap)

    def min_effort_exceeding(self, x: Any) -> np.ndarray:
        need = np.asarray(x, float) - self._delta
        return np.where(need < self.cap, np.maximum(need, 0.0), np.inf)

    def min_effort_reaching(self, x: Any) -> np.ndarray:
        need = np.asarray(x, float) - self._delta
        return np.where(need <= self.cap, np.maximum(need, 0.0), np.inf)

    def at_level(self, delta: float) -> Protocol:
        return EffortCap(self.cap, delta)

    def to_dict(self) -> dict:
        return {"protocol": self.name, "delta": self.level, "cap": self.cap}
