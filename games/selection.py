"""Equilibrium selection over a computed equilibrium set.

Criteria (each a score to maximise over the listed equilibria):

- ``"welfare"``: utilitarian welfare :math:`W(\\sigma) = \\sum_i u_i(\\sigma)`.
- ``"entropy"``: the sum of the players' strategy entropies
  :math:`H(\\sigma) = -\\sum_i \\sum_a \\sigma_i(a) \\ln \\sigma_i(a)` (nats), a "most random"
  selection; pure equilibria score 0.
- any callable ``Equilibrium -> float``.

Selection is over the equilibria *listed* in the set. For a degenerate two-player game the listed
equilibria are the extreme points of the components; welfare is bilinear, so its maximum over a
component is attained at a listed extreme point, but entropy is strictly concave, so the maximal
entropy point of a component may lie inside it: the ``"entropy"`` choice is then the best extreme
equilibrium. When the set is incomplete the choice is the best among those found, and the result
says so (``complete=False``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from benchgame.core.validation import InputError, require
from benchgame.games.equilibrium import Equilibrium, EquilibriumSet
from benchgame.games.welfare import utilitarian_welfare

__all__ = ["Selection", "max_entropy", "select", "strategy_entropy", "welfare_maximizing"]


def strategy_entropy(eq: Equilibrium) -> float:
    """Total strategy entropy :math:`\\sum_i H(\\sigma_i)` in nats (``0 ln 0 = 0``).

    Parameters
    ----------
    eq : Equilibrium
        The equilibrium whose strategies are scored.

    Returns
    -------
    float
        :math:`-\\sum_i \\sum_a \\sigma_i(a) \\ln \\sigma_i(a)`; 0 for a pure profile.

    Examples
    --------
    >>> from benchgame.games.normal_form import NormalFormGame
    >>> from benchgame.games.vertex_enumeration import vertex_enumeration
    >>> bos = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> eqs = vertex_enumeration(bos)  # both play 1; the mixed one; both play 0
    >>> [round(strategy_entropy(e), 6) for e in eqs]
    [0.0, 1.273028, 0.0]
    """
    total = 0.0
    for s in eq.strategies:
        p = s[s > 0]
        total -= float(np.sum(p * np.log(p)))
    return total


@dataclass(frozen=True, eq=False)
class Selection:
    """The selected equilibrium and the scores it was chosen by.

    As returned by :func:`select`.

    Parameters
    ----------
    equilibrium : Equilibrium
        The chosen equilibrium.
    index : int
        Its index in ``eqset.equilibria`` (the first among ties).
    criterion : str
        Name of the criterion (``"welfare"``, ``"entropy"`` or the callable's name).
    score : float
        The best score.
    scores : tuple of float
        Score of every listed equilibrium.
    ties : tuple of int
        Indices whose score is within ``tol * max(1, |score|)`` of the best.
    complete : bool
        Whether the selection ran over a complete equilibrium set.

    Attributes
    ----------
    is_unique_choice : bool
        Whether no other listed equilibrium ties with the chosen one.
    """

    equilibrium: Equilibrium
    index: int
    criterion: str
    score: float
    scores: tuple[float, ...]
    ties: tuple[int, ...]
    complete: bool

    @property
    def is_unique_choice(self) -> bool:
        """Whether the best score is attained by the chosen equilibrium only."""
        return len(self.ties) == 1

    def to_dict(self) -> dict:
        """The selection as a JSON-ready dictionary (with the chosen equilibrium)."""
        return {"index": self.index, "criterion": self.criterion, "score": self.score,
                "scores": list(self.scores), "ties": list(self.ties),
                "complete": self.complete, "equilibrium": self.equilibrium.to_dict()}


_CRITERIA: dict[str, Callable[[Equilibrium], float]] = {
    "welfare": lambda eq: utilitarian_welfare(eq.game, eq),
    "entropy": strategy_entropy,
}


def select(eqset: EquilibriumSet, criterion: str | Callable[[Equilibrium], float] = "welfare",
           tol: float = 1e-9) -> Selection:
    """Pick the equilibrium of ``eqset`` maximising ``criterion``.

    Parameters
    ----------
    eqset : EquilibriumSet
        The computed equilibria; selection is over those listed.
    criterion : {"welfare", "entropy"} or callable
        Score to maximise; a callable gets an :class:`Equilibrium` and returns a float.
    tol : float
        Scores within ``tol * max(1, |best|)`` of the best are ties (reported; the first wins).

    Returns
    -------
    Selection
        The chosen equilibrium, every score, the ties and whether ``eqset`` was complete.

    Raises
    ------
    benchgame.core.validation.InputError
        Unknown criterion, empty set, or a callable returning a non-finite score.

    Examples
    --------
    >>> from benchgame.games.normal_form import NormalFormGame
    >>> from benchgame.games.vertex_enumeration import vertex_enumeration
    >>> bos = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> eqs = vertex_enumeration(bos)  # both play 1; the mixed one; both play 0
    >>> sel = select(eqs, "welfare")
    >>> sel.index, sel.score, sel.ties, sel.is_unique_choice
    (0, 3.0, (0, 2), False)
    >>> select(eqs, lambda e: float(e.payoffs[0])).index  # the row player's favourite
    2
    """
    require(isinstance(eqset, EquilibriumSet), "eqset", f"is a {type(eqset).__name__}",
            "compute an EquilibriumSet first")
    require(len(eqset) > 0, "eqset", "contains no equilibrium", "nothing to select from")
    if callable(criterion):
        score_fn, name = criterion, getattr(criterion, "__name__", "custom")
    elif criterion in _CRITERIA:
        score_fn, name = _CRITERIA[criterion], criterion
    else:
        raise InputError("criterion", f"unknown selection criterion {criterion!r}",
                         "use 'welfare', 'entropy' or a function Equilibrium -> float")
    scores = np.array([float(score_fn(e)) for e in eqset.equilibria])
    if not np.all(np.isfinite(scores)):
        raise InputError("criterion", f"{name} returned a non-finite score",
                         "make the score finite for every equilibrium")
    best = float(scores.max())
    ties = tuple(int(k) for k in np.flatnonzero(scores >= best - tol * max(1.0, abs(best))))
    k = ties[0]
    return Selection(equilibrium=eqset.equilibria[k], index=k, criterion=name, score=best,
                     scores=tuple(float(s) for s in scores), ties=ties,
                     complete=eqset.complete)


def welfare_maximizing(eqset: EquilibriumSet, tol: float = 1e-9) -> Selection:
    """The listed equilibrium with the largest utilitarian welfare.

    Same as ``select(eqset, "welfare", tol)``.

    Parameters
    ----------
    eqset : EquilibriumSet
        The computed equilibria.
    tol : float
        Relative tolerance for ties (see :func:`select`).

    Returns
    -------
    Selection
        The welfare-maximizing listed equilibrium (the first among ties).

    Raises
    ------
    benchgame.core.validation.InputError
        If ``eqset`` is not an equilibrium set or is empty.

    Examples
    --------
    >>> from benchgame.games.normal_form import NormalFormGame
    >>> from benchgame.games.vertex_enumeration import vertex_enumeration
    >>> bos = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> eqs = vertex_enumeration(bos)  # both play 1; the mixed one; both play 0
    >>> welfare_maximizing(eqs).scores
    (3.0, 1.3333333333333333, 3.0)
    """
    return select(eqset, "welfare", tol)


def max_entropy(eqset: EquilibriumSet, tol: float = 1e-9) -> Selection:
    """The listed equilibrium with the largest total strategy entropy.

    Same as ``select(eqset, "entropy", tol)``; see :func:`strategy_entropy`.

    Parameters
    ----------
    eqset : EquilibriumSet
        The computed equilibria.
    tol : float
        Relative tolerance for ties (see :func:`select`).

    Returns
    -------
    Selection
        The listed equilibrium of largest entropy (the first among ties).

    Raises
    ------
    benchgame.core.validation.InputError
        If ``eqset`` is not an equilibrium set or is empty.

    Examples
    --------
    >>> from benchgame.games.normal_form import NormalFormGame
    >>> from benchgame.games.vertex_enumeration import vertex_enumeration
    >>> bos = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> eqs = vertex_enumeration(bos)  # both play 1; the mixed one; both play 0
    >>> sel = max_entropy(eqs)
    >>> sel.index, [s.round(4).tolist() for s in sel.equilibrium.strategies]
    (1, [[0.6667, 0.3333], [0.3333, 0.6667]])
    """
    return select(eqset, "entropy", tol)
