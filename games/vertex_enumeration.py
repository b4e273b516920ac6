"""All extreme Nash equilibria of a bimatrix game by vertex enumeration.

Best-response polytopes (von Stengel 2002, *Computing equilibria for two-person games*):
with payoffs shifted so that ``A > 0`` and ``B > 0``,

    P = {x in R^m : x >= 0, B^T x <= 1},    Q = {y in R^n : y >= 0, A y <= 1}.

A point of P carries the labels ``{i : x_i = 0}`` (rows, 0..m-1) and
``{m + j : (B^T x)_j = 1}`` (columns); a point of Q carries ``{m + j : y_j = 0}`` and
``{i : (A y)_i = 1}``. A vertex pair ``(x, y) != (0, 0)`` is completely labelled (every label in
``0..m+n-1`` appears) iff ``(x / sum x, y / sum y)`` is a Nash equilibrium, and the extreme
equilibria are exactly the completely labelled vertex pairs (also for degenerate games).

The vertices of a simple polytope (every vertex with exactly its dimension of labels, as in a
nondegenerate game) are enumerated by a compiled reverse search that pivots from vertex to
vertex (:mod:`benchgame.games.simple_polytopes`, :mod:`benchgame.games.vertex_search_kernel`)
and names each by its label set; completely labelled pairs are then the pairs of complementary
label sets. Its work is proportional to the number of vertices (about 7e6 for both polytopes of
a random 20 x 20 game, growing about fivefold per two added strategies), and it needs no memory
beyond the labels found. When a vertex has more labels than its dimension up to the tolerance
(a degenerate game, or near-ties such as decimal payoffs) the vertices, their labels and the
completely labelled pairs are computed in
:mod:`benchgame.games.best_response_polytopes` instead (by polarity with Qhull, and by hashing
the label patterns), with labels up to a tolerance, which gives a superset of the exact pairs.
Either way the game itself is the exact one that the stored floats define (every float is a
binary rational), and it decides: each float vertex of a candidate pair is resolved into the
exact vertices with labels inside its float labels (:mod:`benchgame.games.exact_vertices`: with
support ``I`` and tight constraints ``J``, ``x_I`` solves ``B[I, J]^T x_I = 1`` in rational
arithmetic; near-ties, such as decimal payoffs, can merge several exact vertices into one float
vertex, and these are separated by solving the label subsets exactly), and a pair is kept when
its exact labels are complete. Every equilibrium therefore carries exact strategies and is
exactly an equilibrium.

A polytope with more than ``max_vertices`` vertices is refused with an InputError that names
the alternatives; on the Qhull path, games whose polytopes may exceed it by the upper bound
theorem (the default admits every game up to 20 x 20) are refused before the hull is built.

References
----------
von Stengel, B. (2002). Computing equilibria for two-person games. In R. J. Aumann and
S. Hart (eds.), *Handbook of Game Theory with Economic Applications*, vol. 3, ch. 45,
1723-1759. Elsevier.

Avis, D., Rosenberg, G. D., Savani, R. and von Stengel, B. (2010). Enumeration of Nash
equilibria for two-player games. *Economic Theory* 42(1), 9-37.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from benchgame.core.validation import InputError, require
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
from benchgame.games.label_search import label_search_masks, prefers_label_search
from benchgame.games.normal_form import NormalFormGame
from benchgame.games.simple_polytopes import complementary_masks, mask_labels, simple_vertex_masks

if TYPE_CHECKING:
    from benchgame.games.equilibrium import EquilibriumSet

__all__ = ["bimatrix_of", "vertex_enumeration"]


def vertex_enumeration(game: NormalFormGame, tol: float = DEFAULT_TOL, *,
                       vertex_tol: float = 1e-9,
                       max_vertices: int = DEFAULT_MAX_VERTICES,
                       algorithm: str = "auto") -> EquilibriumSet:
    """All extreme Nash equilibria of a two-player game (complete, also if degenerate).

    Games large enough (:func:`benchgame.games.label_search.prefers_label_search`) are solved
    by a search over labels (:mod:`benchgame.games.label_search`), whose work follows the
    equilibria rather than the vertices; when it meets a degenerate vertex or a near-tie it
    stops and the vertices are enumerated instead. Otherwise enumerates the vertices of both
    best-response polytopes in floating point (by reverse
    search when they are simple, else with Qhull), keeps the
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
        Largest number of vertices of a best-response polytope; on the Qhull path (degenerate
        games), the largest upper-bound-theorem vertex count accepted
        (:func:`benchgame.games.best_response_polytopes.check_vertex_bound`; the default admits
        every game up to 20 x 20).
    algorithm : {"auto", "label_search", "vertex_search"}
        ``"auto"`` chooses by size; ``"label_search"`` tries the label search first at any
        size; ``"vertex_search"`` enumerates vertices.

    Returns
    -------
    EquilibriumSet
        ``complete=True``. For nondegenerate games these are all equilibria; for degenerate games
        all extreme equilibria, with the maximal convex components (maximal bicliques of the
        extreme-equilibrium graph, Avis, Rosenberg, Savani and von Stengel 2010) in
        ``components``. Every equilibrium carries exact rational strategies. ``degenerate`` is
        decided for the exact game (``None`` if that was not settled); the provenance counts
        the float vertices, the ``clusters_resolved`` (float vertices that stood for other
        than one exact vertex) and the ``vertex_method`` (``"label_search"``, ``"pivoting"``
        or ``"qhull"``). After a label search (search nodes and linear programs counted in
        the provenance) ``degenerate`` is None: the search ended only in single vertex pairs,
        which makes the set complete, but it does not visit every vertex; a label search
        stopped by a tie says so under ``label_search`` before the vertices are enumerated.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``game`` is not a two-player :class:`NormalFormGame`, has payoffs beyond
        ``1e300`` in magnitude (rescale them), has more vertices than ``max_vertices`` or a
        label search beyond the ``search_nodes`` limit (:mod:`benchgame.core.limits`), or
        has near-ties too many to resolve exactly (scale the payoffs to integers), or if
        ``algorithm`` is unknown.

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

    A random 12 x 12 game is solved by the label search:

    >>> rng = np.random.default_rng(0)
    >>> eqs = vertex_enumeration(NormalFormGame.from_bimatrix(*rng.random((2, 12, 12))))
    >>> eqs.provenance["vertex_method"], eqs.complete, len(eqs)
    ('label_search', True, 9)
    """

    A, B = bimatrix_of(game)
    require(algorithm in _ALGORITHMS, "algorithm", f"is {algorithm!r}",
            f"use one of {', '.join(map(repr, _ALGORITHMS))}")
    A1, B1 = positive_shift(A, B)  # InputError for payoffs near the float limits
    m, n = A.shape
    note = {}
    if m + n <= 64 and (algorithm == "label_search"
                        or (algorithm == "auto" and prefers_label_search(m, n))):
        found = label_search_masks(B1, A1.T)
        if found is not None:
            masks_p, masks_q, prov = found
            eqs = _simple_equilibria(game, masks_p, masks_q, tol=tol, provenance={
                "vertex_method": "label_search", **prov, "clusters_resolved": 0})
            if eqs is not None:
                return replace(eqs, degenerate=None, reason=_EXHAUSTED)
        note = {"label_search": "stopped at a degenerate vertex or a near-tie; the vertices "
                                "were enumerated instead"}
    try:
        return _by_vertices(game, A1, B1, tol=tol, vertex_tol=vertex_tol,
                            max_vertices=max_vertices, note=note)
    except InputError as err:
        if not note:
            raise
        raise InputError(err.field, f"{err.problem} (the label search stopped at a degenerate "
                         "vertex or a near-tie, so the vertices were to be enumerated)",
                         err.fix) from None


def _by_vertices(game: NormalFormGame, A1: np.ndarray, B1: np.ndarray, *, tol: float,
                 vertex_tol: float, max_vertices: int, note: dict) -> EquilibriumSet:
    """The extreme equilibria from the vertices of both polytopes (pivoting, else Qhull)."""
    m, n = A1.shape
    if m + n <= 64:  # label sets fit a 64-bit mask: the compiled pivoting search
        found = simple_vertex_masks(B1, A1.T, vertex_tol, max_vertices)
        if found is not None:
            eqs = _simple_equilibria(game, *found, tol=tol, provenance={
                "vertices_P": len(found[0]), "vertices_Q": len(found[1]),
                "vertex_tol": vertex_tol, "clusters_resolved": 0, "vertex_method": "pivoting",
                **note})
            if eqs is not None:
                return eqs
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
                    "vertex_tol": vertex_tol, "clusters_resolved": resolved,
                    "vertex_method": "qhull", **note},
    )


_ALGORITHMS = ("auto", "label_search", "vertex_search")

_EXHAUSTED = ("the label search assigned every label to one player's polytope in every way "
              "that leaves both faces nonempty, and each complete assignment was a single "
              "vertex pair: these are all the equilibria (the search met no degenerate vertex; "
              "it does not visit every vertex, so whether the game is degenerate elsewhere was "
              "not decided)")


def _simple_equilibria(game: NormalFormGame, masks_p: np.ndarray, masks_q: np.ndarray, *,
                       tol: float, provenance: dict) -> EquilibriumSet | None:
    """Equilibria from the label masks of two simple best-response polytopes, or None.

    Every float vertex has exactly its dimension of labels (each basic variable exceeds
    the tolerance), so a pair is completely labelled iff its masks are complements. Each
    vertex of such a pair is recomputed exactly from its labels; None (the caller then takes
    the general path) if one of them is not exactly a vertex with these labels, which would
    mean that rounding misled the float search.
    """
    m, n = game.shape
    U = exact_payoff_tensor(game)
    Mx, My = integer_constraints(U[..., 1]), integer_constraints(U[..., 0].T)
    p_idx, q_idx = complementary_masks(masks_p, masks_q, m, n)
    ex_x: dict[tuple, int] = {}
    ex_y: dict[tuple, int] = {}
    exact_pairs = []
    for p, q in zip(p_idx.tolist(), q_idx.tolist(), strict=True):
        vx = exact_cluster(Mx, mask_labels(masks_p[p], m + n), m)
        vy = exact_cluster(My, mask_labels(masks_q[q], m + n), n)
        if not (len(vx) == len(vy) == 1 and all(
                a or b for a, b in zip(vx[0].labels, vy[0].labels[n:] + vy[0].labels[:n],
                                       strict=True))):
            return None
        exact_pairs.append((ex_x.setdefault(vx[0].point, len(ex_x)),
                            ex_y.setdefault(vy[0].point, len(ex_y))))
    return extreme_equilibrium_set(
        game, sorted(exact_pairs), {k: v for v, k in ex_x.items()},
        {k: v for v, k in ex_y.items()}, method="vertex_enumeration", tol=tol,
        degenerate=False, provenance=provenance,
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
