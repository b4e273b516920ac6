"""Degeneracy of a bimatrix game.

A bimatrix game is *nondegenerate* if no mixed strategy with support of size ``k`` has more than
``k`` pure best responses (von Stengel 2002, Def. 3.2). Equivalently, no point of the
best-response polytope ``P = {x >= 0, B^T x <= 1}`` has more than ``m`` labels and no point of
``Q = {y >= 0, A y <= 1}`` has more than ``n`` labels; it suffices to check the vertices.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from benchgame.games.vertex_enumeration import bimatrix_of, polytope_vertices, positive_shift

if TYPE_CHECKING:
    from benchgame.games.normal_form import NormalFormGame


@dataclass(frozen=True)
class Degeneracy:
    """Result of :func:`degeneracy`.

    Attributes
    ----------
    degenerate : bool
    witness : tuple or None
        ``(player, strategy, support_size, best_responses)`` for an over-labelled vertex: a
        strategy of ``player`` (normalised vertex) whose number of pure best responses exceeds its
        support size.
    """

    degenerate: bool
    witness: tuple | None = None

    def __bool__(self) -> bool:
        return self.degenerate


def degeneracy(game: NormalFormGame, vertex_tol: float = 1e-9) -> Degeneracy:
    """Decide whether the two-player ``game`` is degenerate, with a witness strategy if so."""
    A, B = bimatrix_of(game)
    A1, B1 = positive_shift(A, B)
    for player, M in ((0, B1), (1, A1.T)):
        V = polytope_vertices(M, vertex_tol)
        d = M.shape[0]
        over = np.flatnonzero(V.labels.sum(axis=1) > d)
        if over.size:
            z = V.points[over[0]]
            supp = int(np.count_nonzero(z > vertex_tol))
            br = int(V.labels[over[0], d:].sum())
            return Degeneracy(True, (player, tuple(float(v) for v in z / z.sum()), supp, br))
    return Degeneracy(False)


def is_degenerate(game: NormalFormGame, vertex_tol: float = 1e-9) -> bool:
    """``True`` if some mixed strategy with k-support has more than k pure best responses."""
    return degeneracy(game, vertex_tol).degenerate
