"""All extreme Nash equilibria of a bimatrix game by vertex enumeration.

Best-response polytopes (von Stengel 2002, *Computing equilibria for two-person games*):
with payoffs shifted so that ``A > 0`` and ``B > 0``,

    P = {x in R^m : x >= 0, B^T x <= 1},    Q = {y in R^n : y >= 0, A y <= 1}.

A point of P carries the labels ``{i : x_i = 0}`` (rows, 0..m-1) and
``{m + j : (B^T x)_j = 1}`` (columns); a point of Q carries ``{m + j : y_j = 0}`` and
``{i : (A y)_i = 1}``. A vertex pair ``(x, y) != (0, 0)`` is completely labelled (every label in
``0..m+n-1`` appears) iff ``(x / sum x, y / sum y)`` is a Nash equilibrium, and the extreme
equilibria are exactly the completely labelled vertex pairs (also for degenerate games).

The vertices, their labels and the completely labelled pairs are computed in
:mod:`benchgame.games.best_response_polytopes` (by polarity with Qhull, and by hashing the label
patterns). Exact strategies are recomputed from the labels: with support ``I = {i : x_i > 0}``
and tight constraints ``J``, ``x_I`` is the unique solution of ``B[I, J]^T x_I = 1`` in rational
arithmetic, so every equilibrium carries exact strategies.

References
----------
von Stengel, B. (2002). Computing equilibria for two-person games. In R. J. Aumann and
S. Hart (eds.), *Handbook of Game Theory with Economic Applications*, vol. 3, ch. 45,
1723-1759. Elsevier.

Avis, D., Rosenberg, G. D., Savani, R. and von Stengel, B. (2010). Enumeration of Nash
equilibria for two-player games. *Economic Theory* 42(1), 9-37.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from benchgame.core.validation import require
from benchgame.games.best_response_polytopes import (
    _integer_rows,
    completely_labelled_pairs,
    exact_vertex,
    polytope_vertices,
    positive_shift,
)
from benchgame.games.certificate import DEFAULT_TOL
from benchgame.games.components import extreme_equilibrium_set
from benchgame.games.exact_verification import exact_payoff_tensor
from benchgame.games.normal_form import NormalFormGame

if TYPE_CHECKING:
    from benchgame.games.equilibrium import EquilibriumSet

__all__ = ["bimatrix_of", "vertex_enumeration"]


def vertex_enumeration(game: NormalFormGame, tol: float = DEFAULT_TOL, *,
                       vertex_tol: float = 1e-9) -> EquilibriumSet:
    """All extreme Nash equilibria of a two-player game (complete, also if degenerate).

    Enumerates the vertices of both best-response polytopes, keeps the completely labelled
    vertex pairs (exactly the extreme equilibria), recomputes each in rational arithmetic and
    groups them into maximal convex components.

    Parameters
    ----------
    game : NormalFormGame
        Two-player game.
    tol : float
        Relative tolerance of the float certificates.
    vertex_tol : float
        Absolute tolerance for labels and feasibility on the shifted payoffs.

    Returns
    -------
    EquilibriumSet
        ``complete=True``. For nondegenerate games these are all equilibria; for degenerate games
        all extreme equilibria, with the maximal convex components (maximal bicliques of the
        extreme-equilibrium graph, Avis, Rosenberg, Savani and von Stengel 2010) in
        ``components``. Every equilibrium carries exact rational strategies.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``game`` is not a two-player :class:`NormalFormGame`, or a vertex found in floating
        point has no exact counterpart (payoffs too close to a degenerate game).

    References
    ----------
    von Stengel, B. (2002). Computing equilibria for two-person games. In R. J. Aumann and
    S. Hart (eds.), *Handbook of Game Theory with Economic Applications*, vol. 3, ch. 45,
    1723-1759. Elsevier.

    Avis, D., Rosenberg, G. D., Savani, R. and von Stengel, B. (2010). Enumeration of Nash
    equilibria for two-player games. *Economic Theory* 42(1), 9-37.

    Examples
    --------
    Battle of the sexes has two pure equilibria and one mixed one:

    >>> from benchgame.games.normal_form import NormalFormGame
    >>> bos = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> eqs = vertex_enumeration(bos)
    >>> eqs.complete, eqs.degenerate
    (True, False)
    >>> [[[str(p) for p in s] for s in e.exact] for e in eqs]
    [[['0', '1'], ['0', '1']], [['2/3', '1/3'], ['1/3', '2/3']], [['1', '0'], ['1', '0']]]

    In a degenerate game the extreme equilibria 1 and 2 span a segment of equilibria:

    >>> g = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    >>> eqs = vertex_enumeration(g)
    >>> eqs.degenerate, eqs.components
    (True, ((0,), (1, 2)))
    >>> [[str(p) for p in e.exact[1]] for e in eqs.equilibria[1:]]
    [['2/3', '1/3'], ['1', '0']]
    """

    A, B = bimatrix_of(game)
    A1, B1 = positive_shift(A, B)
    P = polytope_vertices(B1, vertex_tol)  # x side: x >= 0, B^T x <= 1
    Q = polytope_vertices(A1.T, vertex_tol)  # y side: y >= 0, A y <= 1
    m, n = A.shape
    # labels in the common numbering: rows 0..m-1, columns m..m+n-1
    LP = P.labels  # already [x_i = 0 (i<m), (B^T x)_j = 1 (m+j)]
    LQ = np.hstack([Q.labels[:, n:], Q.labels[:, :n]])  # [(A y)_i = 1, y_j = 0]
    pairs = completely_labelled_pairs(LP, LQ, m)
    degenerate = bool(len(P.over_labelled) or len(Q.over_labelled))
    # exact payoffs shifted to be positive (labels do not depend on the positive affine map)
    Ae = exact_payoff_tensor(game)
    amin = min(Ae[..., 0].ravel())
    bmin = min(Ae[..., 1].ravel())
    Bx = _integer_rows([[Ae[i, j, 1] - bmin + 1 for j in range(n)] for i in range(m)])
    Ay = _integer_rows([[Ae[i, j, 0] - amin + 1 for i in range(m)] for j in range(n)])
    ex_x = {int(p): exact_vertex(Bx, P.labels[p], m) for p in np.unique(pairs[:, 0])}
    ex_y = {int(q): exact_vertex(Ay, Q.labels[q], n) for q in np.unique(pairs[:, 1])}
    return extreme_equilibrium_set(
        game, [(int(p), int(q)) for p, q in pairs], ex_x, ex_y, method="vertex_enumeration",
        tol=tol, degenerate=degenerate,
        provenance={"vertices_P": len(P.points), "vertices_Q": len(Q.points),
                    "vertex_tol": vertex_tol},
    )


def bimatrix_of(game: NormalFormGame) -> tuple[np.ndarray, np.ndarray]:
    """``(A, B)`` of a two-player game as float arrays; InputError naming ``game`` otherwise.

    Parameters
    ----------
    game : NormalFormGame
        The game.

    Returns
    -------
    tuple of ndarray
        The row player's and the column player's payoff matrices, both ``m x n``.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``game`` is not a :class:`NormalFormGame` or does not have two players.

    Examples
    --------
    >>> from benchgame.games.normal_form import NormalFormGame
    >>> A, B = bimatrix_of(NormalFormGame.from_bimatrix([[1, 2]], [[3, 4]]))
    >>> A.tolist(), B.tolist()
    ([[1.0, 2.0]], [[3.0, 4.0]])
    """

    require(isinstance(game, NormalFormGame), "game", f"expected a NormalFormGame, got "
            f"{type(game).__name__}", "build one with NormalFormGame.from_bimatrix(A, B)")
    require(game.num_players == 2, "game", f"has {game.num_players} players; this solver is "
            "for two-player games", "use benchgame.games.pure_equilibria or an n-player solver")
    A, B = game.bimatrix()
    return np.asarray(A, float), np.asarray(B, float)
