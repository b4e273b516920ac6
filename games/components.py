"""Extreme equilibria of a bimatrix game and their maximal convex components.

For a two-player game the set of Nash equilibria is a finite union of maximal convex sets
("Nash subsets"), each the product ``conv(X') x conv(Y')`` of sets of extreme strategies. Call
extreme equilibria ``(x, y)`` with ``x`` in the set of extreme row strategies and ``y`` in the set
of extreme column strategies; the *extreme-equilibrium graph* is the bipartite graph on these
strategies with an edge ``x - y`` when ``(x, y)`` is an equilibrium. Maximal Nash subsets are
exactly the maximal complete bipartite subgraphs (bicliques) of this graph (Avis, Rosenberg,
Savani and von Stengel 2010, *Enumeration of Nash equilibria for two-player games*, Econ. Theory
42; Gambit's ``lcp`` clique step). Bicliques are found as maximal cliques of the graph where each
side is additionally made complete (``networkx.find_cliques``), keeping cliques that meet both
sides, in each connected component of the graph separately.

References
----------
Avis, D., Rosenberg, G. D., Savani, R. and von Stengel, B. (2010). Enumeration of Nash
equilibria for two-player games. *Economic Theory* 42(1), 9-37.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from benchgame.games.equilibrium import Equilibrium, EquilibriumSet

if TYPE_CHECKING:
    from benchgame.games.normal_form import NormalFormGame

__all__ = ["extreme_equilibrium_set", "maximal_bicliques"]


def maximal_bicliques(pairs: Sequence[tuple[int, int]]) -> list[tuple[tuple[int, ...],
                                                                      tuple[int, ...]]]:
    """Maximal bicliques ``(X', Y')`` of the bipartite graph with edges ``pairs``.

    Every ``x`` in ``X'`` forms an equilibrium with every ``y`` in ``Y'``. Each side is made a
    clique and the maximal cliques of the result (``networkx.find_cliques``) that meet both
    sides are kept; each connected component of the graph is searched separately (an isolated
    edge is its own biclique), so many isolated equilibria cost no quadratic graph.

    Parameters
    ----------
    pairs : sequence of tuple of int
        Edges ``(x, y)``: the extreme row strategy ``x`` and column strategy ``y`` form an
        equilibrium.

    Returns
    -------
    list of tuple
        The maximal bicliques ``(X', Y')``, each side a sorted tuple, in sorted order.

    References
    ----------
    Avis, D., Rosenberg, G. D., Savani, R. and von Stengel, B. (2010). Enumeration of Nash
    equilibria for two-player games. *Economic Theory* 42(1), 9-37.

    Examples
    --------
    >>> maximal_bicliques([(0, 0), (0, 1), (1, 1)])
    [((0,), (0, 1)), ((0, 1), (1,))]
    >>> maximal_bicliques([(2, 2), (0, 0), (0, 1), (1, 1)])
    [((0,), (0, 1)), ((0, 1), (1,)), ((2,), (2,))]
    """
    out = []
    for part in _connected_parts(pairs):  # a biclique is connected: search each part alone
        if len(part) == 1:
            out.append(((part[0][0],), (part[0][1],)))
        else:
            out.extend(_part_bicliques(part))
    return sorted(out)


def _connected_parts(pairs: Sequence[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The edges of each connected component of the bipartite graph (union-find)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(v: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(v, v) != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for p, q in pairs:
        parent[root(("x", p))] = root(("y", q))
    parts: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for p, q in sorted(set(pairs)):
        parts.setdefault(root(("x", p)), []).append((p, q))
    return list(parts.values())


def _part_bicliques(pairs: Sequence[tuple[int, int]]) -> list[tuple[tuple[int, ...],
                                                                    tuple[int, ...]]]:
    """Maximal bicliques of one connected bipartite graph (maximal cliques, each side joined)."""
    import networkx as nx  # deferred: heavy import

    xs = sorted({p for p, _ in pairs})
    ys = sorted({q for _, q in pairs})
    g = nx.Graph()
    g.add_nodes_from(("x", p) for p in xs)
    g.add_nodes_from(("y", q) for q in ys)
    g.add_edges_from((("x", a), ("x", b)) for i, a in enumerate(xs) for b in xs[i + 1:])
    g.add_edges_from((("y", a), ("y", b)) for i, a in enumerate(ys) for b in ys[i + 1:])
    g.add_edges_from((("x", p), ("y", q)) for p, q in pairs)
    out = []
    for clique in nx.find_cliques(g):
        X = tuple(sorted(v for s, v in clique if s == "x"))
        Y = tuple(sorted(v for s, v in clique if s == "y"))
        if X and Y:
            out.append((X, Y))
    return out


def extreme_equilibrium_set(
    game: NormalFormGame,
    pairs: Sequence[tuple[int, int]],
    exact_x: Mapping[int, tuple[Fraction, ...]],
    exact_y: Mapping[int, tuple[Fraction, ...]],
    *,
    method: str,
    tol: float,
    degenerate: bool | None,
    provenance: Mapping | None = None,
) -> EquilibriumSet:
    """Certified :class:`EquilibriumSet` of the extreme equilibria ``pairs`` with components.

    ``components`` lists, per maximal convex component, the indices (into ``equilibria``) of the
    extreme equilibria ``(x, y)``, ``x in X'``, ``y in Y'`` that span it. Equilibria are ordered
    by their exact strategies.

    Parameters
    ----------
    game : NormalFormGame
        The two-player game.
    pairs : sequence of tuple of int
        The extreme equilibria as ``(x, y)`` index pairs of extreme strategies.
    exact_x : mapping of int to tuple of Fraction
        Exact row strategy of each index ``x`` used in ``pairs``.
    exact_y : mapping of int to tuple of Fraction
        Exact column strategy of each index ``y`` used in ``pairs``.
    method : str
        Name of the algorithm that found the pairs (recorded in every equilibrium).
    tol : float
        Relative tolerance of the float certificates.
    degenerate : bool or None
        Whether the game is degenerate, None if undecided (decides the explanation in
        ``reason``).
    provenance : mapping, optional
        Method details to record in the set.

    Returns
    -------
    EquilibriumSet
        ``complete=True``, with exact strategies, certificates and ``components``.

    References
    ----------
    Avis, D., Rosenberg, G. D., Savani, R. and von Stengel, B. (2010). Enumeration of Nash
    equilibria for two-player games. *Economic Theory* 42(1), 9-37.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from benchgame.games.normal_form import NormalFormGame
    >>> g = NormalFormGame.from_bimatrix([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    >>> eqs = extreme_equilibrium_set(g, [(0, 0), (0, 1)], {0: (F(1), F(0))},
    ...                               {0: (F(1), F(0)), 1: (F(0), F(1))},
    ...                               method="example", tol=1e-9, degenerate=True)
    >>> len(eqs), eqs.components, eqs.all_certified
    (2, ((0, 1),), True)
    """
    order = sorted(set(pairs), key=lambda pq: (exact_x[pq[0]], exact_y[pq[1]]))
    eqs = []
    index = {}
    for k, (p, q) in enumerate(order):
        ex = (exact_x[p], exact_y[q])
        strategies = [np.array([float(v) for v in s]) for s in ex]
        eqs.append(Equilibrium.certified(game, strategies, method, tol=tol, exact=ex,
                                         provenance={"vertex_pair": [p, q]}))
        index[(p, q)] = k
    comps = tuple(sorted(tuple(sorted(index[(p, q)] for p in X for q in Y))
                         for X, Y in maximal_bicliques(order)))
    if degenerate is None:
        reason = ("every extreme equilibrium was enumerated (the game is within rounding of a "
                  "degenerate game, which was not decided exactly); the equilibrium set is the "
                  "union of the convex hulls of the listed components (maximal bicliques of "
                  "extreme equilibria)")
    elif degenerate:
        reason = ("the game is degenerate: every extreme equilibrium was enumerated and the "
                  "equilibrium set is the union of the convex hulls of the listed components "
                  "(maximal bicliques of extreme equilibria)")
    else:
        reason = ("the game is nondegenerate: every vertex pair of the best-response polytopes "
                  "was tested, so these are all the equilibria")
    return EquilibriumSet(
        game=game, equilibria=tuple(eqs), method=method, complete=True, reason=reason,
        degenerate=degenerate, components=comps, provenance=dict(provenance or {}),
    )
