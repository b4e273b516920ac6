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
patterns), with labels up to a tolerance, which gives a superset of the exact pairs. The game
itself is the exact one that the stored floats define (every float is a binary rational), and it
decides: each float vertex of a candidate pair is resolved into the exact vertices with labels
inside its float labels (:mod:`benchgame.games.exact_vertices`: with support ``I`` and tight
constraints ``J``, ``x_I`` solves ``B[I, J]^T x_I = 1`` in rational arithmetic; near-ties, such
as decimal payoffs, can merge several exact vertices into one float vertex, and these are
separated by solving the label subsets exactly), and a pair is kept when its exact labels are
complete. Every equilibrium therefore carries exact strategies and is exactly an equilibrium.

Games whose best-response polytopes may have more than ``max_vertices`` vertices (the upper
bound theorem; the default admits every game up to 20 x 20) are refused with an InputError that
names the alternatives: the vertex counts of random games grow about fivefold per two added
strategies (about 2e5 at 16 x 16, 1e6 at 18 x 18), so no vertex enumeration reaches random
30 x 30 games.

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
    DEFAULT_MAX_VERTICES,
    check_vertex_bound,
    completely_labelled_pairs,
    polytope_vertices,
    positive_shift,
)
from benchgame.games.certificate import DEFAULT_TOL
from benchgame.games.components import extreme_equilibrium_set
from benchgame.games.exact_verification import exact_payoff_tensor
from benchgame.games.exact_vertices import exact_cluster, exact_degeneracy, integer_constraints
from benchgame.games.normal_form import NormalFormGame

if TYPE_CHECKING:
    from benchgame.games.equilibrium import EquilibriumSet

__all__ = ["bimatrix_of", "vertex_enumeration"]


def vertex_enumeration(game: NormalFormGame, tol: float = DEFAULT_TOL, *,
                       vertex_tol: float = 1e-9,
                       max_vertices: int = DEFAULT_MAX_VERTICES) -> EquilibriumSet:
    """All extreme Nash equilibria of a two-player game (complete, also if degenerate).

    Enumerates the vertices of both best-response polytopes in floating point, keeps the
    vertex pairs that are completely labelled up to ``vertex_tol``, resolves each such vertex
    into the exact vertices of the game that the stored floats define (several where payoffs
    nearly tie, see :mod:`benchgame.games.exact_vertices`), keeps the exactly completely
    labelled pairs (exactly the extreme equilibria) and groups them into maximal convex
    components.

    Parameters
    ----------
    game : NormalFormGame
        Two-player game.
    tol : float
        Relative tolerance of the float certificates.
    vertex_tol : float
        Absolute tolerance of the float labels on the payoffs mapped onto ``[1, 2]``; it only
        selects candidates, which are decided exactly, so it must exceed the rounding error.
    max_vertices : int
        Largest upper-bound-theorem vertex count accepted
        (:func:`benchgame.games.best_response_polytopes.check_vertex_bound`; the default admits
        every game up to 20 x 20).

    Returns
    -------
    EquilibriumSet
        ``complete=True``. For nondegenerate games these are all equilibria; for degenerate games
        all extreme equilibria, with the maximal convex components (maximal bicliques of the
        extreme-equilibrium graph, Avis, Rosenberg, Savani and von Stengel 2010) in
        ``components``. Every equilibrium carries exact rational strategies. ``degenerate`` is
        decided for the exact game (``None`` if that was not settled); the provenance counts
        the float vertices and the ``clusters_resolved`` (float vertices that stood for other
        than one exact vertex).

    Raises
    ------
    benchgame.core.validation.InputError
        If ``game`` is not a two-player :class:`NormalFormGame`, has payoffs beyond
        ``1e300`` in magnitude (rescale them), is larger than ``max_vertices`` admits, or
        has near-ties too many to resolve exactly (scale the payoffs to integers).

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

    Decimal payoffs are binary fractions near the decimals; near-ties are decided exactly
    (``0.1 + 0.3`` exceeds ``2 * 0.2`` in binary, so column 3 is never a best response to
    ``(1/2, 1/2)`` here):

    >>> g = NormalFormGame.from_bimatrix([[.3, .1, .1], [.1, .3, .3]],
    ...                                  [[.3, .1, .2], [.1, .3, .2]])
    >>> eqs = vertex_enumeration(g)
    >>> len(eqs), all(e.verify_exact() for e in eqs), eqs.provenance["clusters_resolved"] > 0
    (3, True, True)
    """

    A, B = bimatrix_of(game)
    A1, B1 = positive_shift(A, B)  # InputError for payoffs near the float limits
    m, n = A.shape
    check_vertex_bound(m, n, max_vertices)
    P = polytope_vertices(B1, vertex_tol)  # x side: x >= 0, B^T x <= 1
    Q = polytope_vertices(A1.T, vertex_tol)  # y side: y >= 0, A y <= 1
    # labels in the common numbering: rows 0..m-1, columns m..m+n-1
    LP = P.labels  # already [x_i = 0 (i<m), (B^T x)_j = 1 (m+j)]
    LQ = np.hstack([Q.labels[:, n:], Q.labels[:, :n]])  # [(A y)_i = 1, y_j = 0]
    pairs = completely_labelled_pairs(LP, LQ, m)  # loose labels: a superset of the exact pairs
    # the exact game: each float vertex of a candidate pair stands for the exact vertices with
    # labels inside its loose labels (usually one; several where payoffs nearly tie)
    U = exact_payoff_tensor(game)
    Mx, My = integer_constraints(U[..., 1]), integer_constraints(U[..., 0].T)
    cx = {int(p): exact_cluster(Mx, P.labels[p], m) for p in np.unique(pairs[:, 0])}
    cy = {int(q): exact_cluster(My, Q.labels[q], n) for q in np.unique(pairs[:, 1])}
    ex_x: dict[tuple, int] = {}
    ex_y: dict[tuple, int] = {}
    exact_pairs = set()
    for p, q in pairs:
        for vx in cx[int(p)]:
            for vy in cy[int(q)]:
                ly = vy.labels[n:] + vy.labels[:n]
                if all(a or b for a, b in zip(vx.labels, ly, strict=True)):
                    exact_pairs.add((ex_x.setdefault(vx.point, len(ex_x)),
                                     ex_y.setdefault(vy.point, len(ex_y))))
    resolved = sum(len(c) != 1 for c in (*cx.values(), *cy.values()))
    degenerate = exact_degeneracy((P, Mx, cx), (Q, My, cy))
    return extreme_equilibrium_set(
        game, sorted(exact_pairs), {k: v for v, k in ex_x.items()},
        {k: v for v, k in ex_y.items()}, method="vertex_enumeration", tol=tol,
        degenerate=degenerate,
        provenance={"vertices_P": len(P.points), "vertices_Q": len(Q.points),
                    "vertex_tol": vertex_tol, "clusters_resolved": resolved},
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
