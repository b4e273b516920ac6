"""Random finite games and transformed copies used by the general claims.

Integer payoffs keep every computation exact in binary floating point, so that equilibrium sets
can be compared as sets of exact rational profiles.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from benchgame.games.equilibrium import EquilibriumSet
from benchgame.games.normal_form import NormalFormGame

__all__ = ["GamePair", "StrategicForm", "exact_profiles", "random_bimatrix"]


def random_bimatrix(rng: np.random.Generator, max_size: int = 4, low: int = -9,
                    high: int = 9) -> NormalFormGame:
    """A random two-player game with integer payoffs and 2..max_size strategies per player."""
    m, n = rng.integers(2, max_size + 1, size=2)
    A = rng.integers(low, high + 1, size=(m, n)).astype(float)
    B = rng.integers(low, high + 1, size=(m, n)).astype(float)
    return NormalFormGame.from_bimatrix(A, B)


@dataclass(frozen=True)
class StrategicForm:
    """A finite game and the strategy space players may use (``"mixed"`` or ``"pure"``)."""

    game: NormalFormGame
    strategies: str = "mixed"

    def to_dict(self) -> dict:
        A, B = self.game.bimatrix()
        return {"A": A.tolist(), "B": B.tolist(), "strategies": self.strategies}


def exact_profiles(eqs: EquilibriumSet) -> set[tuple[tuple[Fraction, ...], ...]]:
    """The equilibrium set as a set of exact rational profiles."""
    return {e.verify_exact().strategies for e in eqs}


@dataclass(frozen=True)
class GamePair:
    """A game and a transformed copy, with the parameters of the transformation.

    ``scale``/``shift`` are per-player affine maps; ``row_perm``/``col_perm`` relabel strategies
    of the row and column player; ``consistent`` says whether the same relabelling was applied
    to both players' payoff matrices (a genuine relabelling) or to one matrix only.
    """

    game: NormalFormGame
    image: NormalFormGame
    scale: tuple[float, float] = (1.0, 1.0)
    shift: tuple[float, float] = (0.0, 0.0)
    row_perm: tuple[int, ...] = ()
    col_perm: tuple[int, ...] = ()
    consistent: bool = True

    def to_dict(self) -> dict:
        A, B = self.game.bimatrix()
        d = {"A": A.tolist(), "B": B.tolist(), "scale": list(self.scale),
             "shift": list(self.shift)}
        if self.row_perm:
            d.update(row_perm=list(self.row_perm), col_perm=list(self.col_perm),
                     consistent=self.consistent)
        return d
