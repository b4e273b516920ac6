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
    """Draw a two-player game with integer payoffs and 2..max_size strategies per player.

    Parameters
    ----------
    rng : numpy.random.Generator
        Random source.
    max_size : int
        Largest number of strategies of each player.
    low, high : int
        Payoffs are drawn uniformly from the integers ``low..high``.

    Returns
    -------
    NormalFormGame
        The game; payoffs are integers stored as floats, so computations stay exact.

    References
    ----------
    Nash (1951), Non-cooperative games, Annals of Mathematics 54(2) (finite games).

    Examples
    --------
    >>> g = random_bimatrix(np.random.default_rng(0), max_size=3, low=0, high=1)
    >>> g.num_players, all(2 <= k <= 3 for k in g.shape)
    (2, True)
    >>> set(np.unique(g.payoffs)) <= {0.0, 1.0}
    True
    """
    m, n = rng.integers(2, max_size + 1, size=2)
    A = rng.integers(low, high + 1, size=(m, n)).astype(float)
    B = rng.integers(low, high + 1, size=(m, n)).astype(float)
    return NormalFormGame.from_bimatrix(A, B)


@dataclass(frozen=True)
class StrategicForm:
    """A finite game and the strategy space its players may use.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    strategies : {"mixed", "pure"}
        Whether players may randomize (the mixed extension) or only play pure strategies.

    References
    ----------
    Nash (1951), Non-cooperative games, Annals of Mathematics 54(2) (the mixed extension).

    Examples
    --------
    >>> from benchgame.games.normal_form import NormalFormGame
    >>> pennies = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> StrategicForm(pennies, "pure").to_dict()["strategies"]
    'pure'
    """

    game: NormalFormGame
    strategies: str = "mixed"

    def to_dict(self) -> dict:
        """Return the payoff matrices and the strategy space as a JSON-able dictionary.

        Returns
        -------
        dict
            Keys ``A``, ``B`` (payoff matrices as lists) and ``strategies``.
        """
        A, B = self.game.bimatrix()
        return {"A": A.tolist(), "B": B.tolist(), "strategies": self.strategies}


def exact_profiles(eqs: EquilibriumSet) -> set[tuple[tuple[Fraction, ...], ...]]:
    """Return the equilibrium set as a set of exact rational profiles.

    Parameters
    ----------
    eqs : EquilibriumSet
        Equilibria found by a solver.

    Returns
    -------
    set of tuple
        One entry per equilibrium: each player's mixed strategy as a tuple of ``Fraction``,
        after exact verification; sets of profiles can then be compared exactly.

    References
    ----------
    von Stengel (2002), Computing equilibria for two-person games, Handbook of Game Theory
    vol. 3, ch. 45 (equilibria as rational vertices).

    Examples
    --------
    >>> from benchgame.games.normal_form import NormalFormGame
    >>> from benchgame.games.solve import all_equilibria
    >>> pennies = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> [tuple(str(x) for x in s) for s in exact_profiles(all_equilibria(pennies)).pop()]
    [('1/2', '1/2'), ('1/2', '1/2')]
    """
    return {e.verify_exact().strategies for e in eqs}


@dataclass(frozen=True)
class GamePair:
    """A game and a transformed copy, with the parameters of the transformation.

    Parameters
    ----------
    game : NormalFormGame
        The original two-player game.
    image : NormalFormGame
        The transformed game.
    scale, shift : tuple of float
        Per-player affine maps ``u_i -> scale_i u_i + shift_i``.
    row_perm, col_perm : tuple of int
        Relabelling of the row and column player's strategies (empty: none).
    consistent : bool
        Whether the same relabelling was applied to both players' payoff matrices (a genuine
        relabelling) or to one matrix only (a different game).

    References
    ----------
    Myerson (1991), Game Theory: Analysis of Conflict, sec. 2.3 and 3.1 (equivalent games).

    Examples
    --------
    >>> g = random_bimatrix(np.random.default_rng(0))
    >>> pair = GamePair(g, g.transformed([2.0, 1.0], [0.0, -3.0]), scale=(2.0, 1.0),
    ...                 shift=(0.0, -3.0))
    >>> pair.to_dict()["scale"]
    [2.0, 1.0]
    """

    game: NormalFormGame
    image: NormalFormGame
    scale: tuple[float, float] = (1.0, 1.0)
    shift: tuple[float, float] = (0.0, 0.0)
    row_perm: tuple[int, ...] = ()
    col_perm: tuple[int, ...] = ()
    consistent: bool = True

    def to_dict(self) -> dict:
        """Return the original game and the transformation as a JSON-able dictionary.

        Returns
        -------
        dict
            Payoff matrices ``A``, ``B``, ``scale``, ``shift`` and, for relabellings, the
            permutations and ``consistent``.
        """
        A, B = self.game.bimatrix()
        d = {"A": A.tolist(), "B": B.tolist(), "scale": list(self.scale),
             "shift": list(self.shift)}
        if self.row_perm:
            d.update(row_perm=list(self.row_perm), col_perm=list(self.col_perm),
                     consistent=self.consistent)
        return d
