"""Rank-based rewards ``R_1 >= R_2 >= ... >= R_n`` (spec 1.3; equal adjacent rewards allowed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from benchgame.core.validation import InputError, as_finite_array, require

__all__ = ["Rewards"]


@dataclass(frozen=True, eq=False)
class Rewards:
    """A validated non-increasing reward vector; ``values[k]`` is paid to rank ``k + 1``.

    Attributes
    ----------
    values : numpy.ndarray (n,)
        ``R_1 >= ... >= R_n``, finite, ``n >= 2``.
    """

    values: np.ndarray

    def __init__(self, values: Any) -> None:
        arr = as_finite_array(values, "rewards", ndim=1)
        require(arr.size >= 2, "rewards", f"has {arr.size} entry", "give one reward per rank "
                "(n >= 2)")
        bad = np.flatnonzero(np.diff(arr) > 0)
        if bad.size:
            k = int(bad[0])
            raise InputError("rewards", f"increase from rank {k + 1} ({arr[k]}) to rank {k + 2} "
                             f"({arr[k + 1]})", "rewards must be non-increasing in rank: sort "
                             "them in decreasing order")
        arr.setflags(write=False)
        object.__setattr__(self, "values", arr)

    @property
    def n(self) -> int:
        return int(self.values.size)

    @property
    def gaps(self) -> np.ndarray:
        """``G_r = R_{r-1} - R_r`` for r = 2..n (array of length n - 1)."""
        return self.values[:-1] - self.values[1:]

    def shifted(self, constant: float) -> Rewards:
        """``R + constant`` (leaves every equilibrium unchanged, invariance P9)."""
        return Rewards(self.values + float(constant))

    @classmethod
    def winner_take_all(cls, n: int, prize: float = 1.0) -> Rewards:
        """``(prize, 0, ..., 0)``."""
        require(int(n) >= 2, "n", f"is {n}", "use n >= 2")
        require(prize >= 0, "prize", f"is {prize}", "use prize >= 0")
        return cls(np.r_[float(prize), np.zeros(int(n) - 1)])

    @classmethod
    def top_k(cls, n: int, k: int, prize: float = 1.0) -> Rewards:
        """``prize`` to each of the top ``k`` ranks, 0 to the rest."""
        require(int(n) >= 2, "n", f"is {n}", "use n >= 2")
        require(1 <= int(k) <= int(n), "k", f"is {k}", f"use 1 <= k <= n = {n}")
        return cls(np.where(np.arange(int(n)) < int(k), float(prize), 0.0))

    @classmethod
    def geometric(cls, n: int, ratio: float = 0.5, first: float = 1.0) -> Rewards:
        """``first * ratio^(k-1)`` for rank k, ``0 <= ratio <= 1``."""
        require(int(n) >= 2, "n", f"is {n}", "use n >= 2")
        require(0 <= ratio <= 1, "ratio", f"is {ratio}", "use 0 <= ratio <= 1")
        return cls(float(first) * float(ratio) ** np.arange(int(n)))

    def to_dict(self) -> dict:
        return {"rewards": self.values.tolist()}

    def __repr__(self) -> str:
        return f"Rewards({self.values.tolist()})"
