"""Degeneracy of a bimatrix game.

A bimatrix game is *nondegenerate* if no mixed strategy with support of size ``k`` has more than
``k`` pure best responses (von Stengel 2007, Definition 3.2; von Stengel 2002, Sect. 2.6).
Equivalently, no point of the best-response polytope ``P = {x >= 0, B^T x <= 1}`` has more than
``m`` labels and no point of ``Q = {y >= 0, A y <= 1}`` has more than ``n`` labels; it suffices
to check the vertices.

References
----------
von Stengel, B. (2002). Computing equilibria for two-person games. In R. J. Aumann and
S. Hart (eds.), *Handbook of Game Theory with Economic Applications*, vol. 3, ch. 45,
1723-1759. Elsevier.

von Stengel, B. (2007). Equilibrium computation for two-player games in strategic and
extensive form. In N. Nisan, T. Roughgarden, E. Tardos and V. V. Vazirani (eds.),
*Algorithmic Game Theory*, ch. 3, 53-78. Cambridge University Press.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from benchgame.core.serialize import to_jsonable
from benchgame.core.validation import InputError
from benchgame.games.best_response_polytopes import polytope_vertices, positive_shift
from benchgame.games.exact_verification import exact_payoff_tensor
from benchgame.games.exact_vertices import exact_cluster, integer_constraints
from benchgame.games.vertex_enumeration import bimatrix_of

if TYPE_CHECKING:
    from benchgame.games.normal_form import NormalFormGame

__all__ = ["Degeneracy", "degeneracy", "is_degenerate"]

_EXACT_CHECKS = 200  # over-labelled float vertices resolved exactly per polytope


@dataclass(frozen=True)
class Degeneracy:
    """Result of :func:`degeneracy`; truthy exactly when the game is degenerate.

    Parameters
    ----------
    degenerate : bool
        Whether some mixed strategy has more pure best responses than its support size.
    witness : tuple or None
        ``(player, strategy, support_size, best_responses)`` for an over-labelled vertex: a
        strategy of ``player`` (normalised vertex) whose number of pure best responses exceeds its
        support size; None for a nondegenerate game.
    """

    degenerate: bool
    witness: tuple | None = None

    def __bool__(self) -> bool:
        return self.degenerate

    def to_dict(self) -> dict:
        """The verdict and its witness as JSON-safe data.

        Returns
        -------
        dict
            ``degenerate`` and ``witness``: ``None``, or a dict with ``player``, ``strategy``
            (the normalised vertex), ``support_size`` and ``best_responses``.

        Examples
        --------
        >>> from benchgame.games.normal_form import NormalFormGame
        >>> g = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
        >>> d = degeneracy(g).to_dict()
        >>> d["degenerate"], d["witness"]["strategy"], d["witness"]["best_responses"]
        (True, [1.0, 0.0, 0.0], 2)
        """
        witness = None if self.witness is None else dict(
            zip(("player", "strategy", "support_size", "best_responses"), self.witness,
                strict=True))
        return to_jsonable({"degenerate": self.degenerate, "witness": witness})


def degeneracy(game: NormalFormGame, vertex_tol: float = 1e-9) -> Degeneracy:
    """Decide whether the two-player ``game`` is degenerate, with a witness strategy if so.

    Enumerates the vertices of both best-response polytopes (on payoffs mapped onto ``[1, 2]``)
    and looks for one with more labels than the polytope's dimension. Labels in floating point
    are up to ``vertex_tol``, so each such vertex is resolved into the exact vertices of the
    game that the stored floats define (:func:`benchgame.games.exact_vertices.exact_cluster`),
    and the game is degenerate when one of those has too many labels exactly. A float vertex
    that cannot be resolved (beyond the first 200 per polytope, or too many near-ties) counts
    as degenerate, with its float witness: the verdict errs only towards "degenerate", the
    side on which no solver claims completeness.

    Parameters
    ----------
    game : NormalFormGame
        Two-player game.
    vertex_tol : float
        Absolute tolerance for a label (zero coordinate or tight constraint) on the shifted
        payoffs.

    Returns
    -------
    Degeneracy
        ``degenerate`` and, if so, a witness ``(player, strategy, support_size,
        best_responses)``.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``game`` is not a two-player :class:`NormalFormGame`.

    References
    ----------
    von Stengel, B. (2007). Equilibrium computation for two-player games in strategic and
    extensive form. In N. Nisan, T. Roughgarden, E. Tardos and V. V. Vazirani (eds.),
    *Algorithmic Game Theory*, ch. 3, 53-78. Cambridge University Press.

    Examples
    --------
    The row strategy "top" has two pure best responses (the column player is indifferent):

    >>> from benchgame.games.normal_form import NormalFormGame
    >>> g = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    >>> degeneracy(g)
    Degeneracy(degenerate=True, witness=(0, (1.0, 0.0, 0.0), 1, 2))
    >>> bool(degeneracy(NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])))
    False

    In binary, ``(0.3 + 0.1) / 2`` and ``0.2`` differ, so these decimal payoffs tie only up to
    rounding and the game they define is nondegenerate (ten times the payoffs is degenerate):

    >>> A, B = [[.3, .1, .1], [.1, .3, .3]], [[.3, .1, .2], [.1, .3, .2]]
    >>> bool(degeneracy(NormalFormGame.from_bimatrix(A, B)))
    False
    >>> degeneracy(NormalFormGame.from_bimatrix([[3, 1, 1], [1, 3, 3]], [[3, 1, 2], [1, 3, 2]]))
    Degeneracy(degenerate=True, witness=(0, (0.5, 0.5), 2, 3))
    """
    A, B = bimatrix_of(game)
    A1, B1 = positive_shift(A, B)
    U = None
    unsettled = None  # float witness of an over-labelled vertex not resolved exactly
    for player, M in ((0, B1), (1, A1.T)):
        V = polytope_vertices(M, vertex_tol)
        d = M.shape[0]
        over = V.over_labelled
        if not over.size:
            continue
        if U is None:
            U = exact_payoff_tensor(game)
        exact_M = integer_constraints(U[..., 1] if player == 0 else U[..., 0].T)
        for k, idx in enumerate(over):
            try:
                cluster = exact_cluster(exact_M, V.labels[idx], d) if k < _EXACT_CHECKS else None
            except InputError:
                cluster = None
            if cluster is None:
                if unsettled is None:
                    z = V.points[idx]
                    unsettled = (player, tuple(float(v) for v in z / z.sum()),
                                 int(np.count_nonzero(z > vertex_tol)),
                                 int(V.labels[idx, d:].sum()))
                continue
            for v in cluster:
                if sum(v.labels) > d:
                    return Degeneracy(True, (player, tuple(float(p) for p in v.point),
                                             sum(p != 0 for p in v.point), sum(v.labels[d:])))
    return Degeneracy(unsettled is not None, unsettled)


def is_degenerate(game: NormalFormGame, vertex_tol: float = 1e-9) -> bool:
    """``True`` if some mixed strategy with k-support has more than k pure best responses.

    Parameters
    ----------
    game : NormalFormGame
        Two-player game.
    vertex_tol : float
        Absolute tolerance for a label on the shifted payoffs (see :func:`degeneracy`).

    Returns
    -------
    bool
        Whether the game is degenerate.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``game`` is not a two-player :class:`NormalFormGame`.

    Examples
    --------
    >>> from benchgame.games.normal_form import NormalFormGame
    >>> is_degenerate(NormalFormGame.from_bimatrix([[1, 1], [0, 0]], [[1, 1], [0, 0]]))
    True
    """
    return degeneracy(game, vertex_tol).degenerate
