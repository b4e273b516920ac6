"""Held-out transfer: benchmark-specific effort transfers to the score with diminishing returns.

``x(e) = Delta + B (1 - exp(-e / B))``: own effort on benchmark-like data transfers to a held-out
test set, but at most ``B`` training units ever transfer (``x'(0) = 1``, ``x(e) -> Delta + B``).
Catch-ups that need more than ``B`` units are infeasible. This protocol is a reconstruction, not
an item of Chen, Zhang and Hardt (2026); its levels enter additively as in tune-before-test, but
the transfer is concave, so Proposition 5.3's monotonicity is not claimed for it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from benchgame.core.validation import require
from benchgame.games.leaderboard.protocol import Protocol, protocol_level

__all__ = ["HeldOutTransfer"]


class HeldOutTransfer(Protocol):
    """``x(e) = delta + B (1 - exp(-e / B))``: effort transfers with diminishing returns.

    Parameters
    ----------
    transfer : float
        ``B > 0``, the most own training that ever transfers to the held-out set.
    delta : float, default 0
        The designer's tune-before-test level, ``>= 0``.

    Raises
    ------
    InputError
        If ``transfer`` is not a finite number ``> 0`` or ``delta`` is invalid.

    Examples
    --------
    >>> p = HeldOutTransfer(transfer=2.0, delta=1.0)
    >>> p.effective_training([0.0, 2.0 * np.log(2.0)]).round(12).tolist()
    [1.0, 2.0]
    >>> float(p.min_effort_exceeding(2.0)), float(p.min_effort_reaching(3.0))
    (1.3862943611198906, inf)
    """

    name = "held_out"

    def __init__(self, transfer: float, delta: float = 0.0) -> None:
        self.transfer = protocol_level(transfer, "transfer")
        require(self.transfer > 0, "transfer", "is 0", "give B > 0 training units")
        self._delta = protocol_level(delta)

    @property
    def level(self) -> float:
        return self._delta

    def effective_training(self, effort: Any) -> np.ndarray:
        B = self.transfer
        return self._delta - B * np.expm1(-np.asarray(effort, float) / B)

    def min_effort_exceeding(self, x: Any) -> np.ndarray:
        B = self.transfer
        need = np.asarray(x, float) - self._delta
        inside = need < B
        with np.errstate(divide="ignore", invalid="ignore"):
            e = -B * np.log1p(-np.clip(need, 0.0, B) / B)
        return np.where(inside, np.maximum(e, 0.0), np.inf)

    def min_effort_reaching(self, x: Any) -> np.ndarray:
        # x is continuous and strictly increasing below its supremum delta + B (not attained)
        return self.min_effort_exceeding(x)

    def at_level(self, delta: float) -> Protocol:
        return HeldOutTransfer(self.transfer, delta)

    def to_dict(self) -> dict:
        return {"protocol": self.name, "delta": self.level, "transfer": self.transfer}
