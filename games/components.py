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
sides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from benchgame.games.equilibrium import Equilibrium, EquilibriumSet

if TYPE_CHECKING:
    from benchgame.games.normal_form import NormalFormGame


def maximal_bicliques(pairs: Sequence[tuple[int, int]]) -> list[tuple[tuple[int, ...],
                                                                      tuple[int, ...]]]:
    """Maximal bicliques ``(X', Y')`` of the bipartite graph with edges ``pairs``.

    Every ``x`` in ``X'`` forms an equilibrium with every ``y`` in ``Y'``.
    """
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
    return sorted(out)


def extreme_equilibrium_set(
    game: NormalFormGame,
    pairs: Sequence[tuple[int, int]],
    exact_x: Mapping[int, tuple[Fraction, ...]],
    exact_y: Mapping[int, tuple[Fraction, ...]],
    *,
    method: str,
    tol: float,
    degenerate: bool,
    provenance: Mapping | None = None,
) -> EquilibriumSet:
    """Certified :class:`EquilibriumSet` of the extreme equilibria ``pairs`` with components.

    ``components`` lists, per maximal convex component, the indices (into ``equilibria``) of the
    extreme equilibria ``(x, y)``, ``x in X'``, ``y in Y'`` that span it.
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
    if degenerate:
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
