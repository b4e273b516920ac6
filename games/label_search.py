"""Completely labelled vertex pairs by a search over labels whose work follows the equilibria.

Enumerating every vertex of both best-response polytopes costs work in proportion to their
number, about 7e6 at 20 x 20 and 1e10 at 30 x 30 for random games, while such games have a
few hundred equilibria. The EEE algorithm (*enumeration of extreme equilibria*, Audet, Hansen,
Jaumard and Savard 2001; Avis, Rosenberg, Savani and von Stengel 2010, section 6) searches
instead over the labels: each pure strategy is either unplayed (its label in the player's own
polytope) or a best response (its label in the opponent's polytope). A node of the search
assigns some labels and is cut as soon as one of the two faces it defines is empty, which a
small linear program decides; a label that only one face admits is assigned there at once.
Every complete assignment whose faces are nonempty is a completely labelled pair, and since
every equilibrium follows one path of assignments, a search that ends only in single vertex
pairs has found every equilibrium. The linear programs run in the compiled kernel
:func:`benchgame.games.label_search_kernel.label_search`, from the vertex of the parent node.

A vertex with more labels than its dimension up to the tolerance (a degenerate game, or
near-ties) stops the search with None, and the caller enumerates vertices instead; a search
beyond ``max_nodes`` nodes is refused with an InputError naming the limit
(``BENCHGAME_MAX_SEARCH_NODES`` raises it).

References
----------
Audet, C., Hansen, P., Jaumard, B. and Savard, G. (2001). Enumeration of all extreme equilibria
of bimatrix games. *SIAM Journal on Scientific Computing* 23(1), 323-338.

Avis, D., Rosenberg, G. D., Savani, R. and von Stengel, B. (2010). Enumeration of Nash
equilibria for two-player games. *Economic Theory* 42(1), 9-37.
"""

from __future__ import annotations

import numpy as np

from benchgame.core.limits import LIMITS, limit_value
from benchgame.core.validation import require
from benchgame.games.best_response_polytopes import vertex_bound
from benchgame.games.compiled import compiled
from benchgame.games.label_search_kernel import LABEL_STATUS, label_search

__all__ = ["LABEL_TOL", "label_search_masks", "prefers_label_search"]

LABEL_TOL = 1e-11
"""Values within this of zero in the search (on payoffs mapped onto ``[1, 2]``) are ties."""

CROSSOVER_VERTICES = 2_000
"""Above this upper bound on a polytope's vertices, the label search is the faster method."""


def prefers_label_search(m: int, n: int) -> bool:
    """Whether the label search is expected to beat vertex enumeration on an ``m x n`` game.

    Vertex enumeration costs work per vertex, the label search per node (a few linear programs
    each). Measured on random games, both take the same time up to 9 x 9 (exact verification
    dominates there) and the label search is faster from 10 x 10 (twice at 12 x 12, 20 times
    at 16 x 16 for the searches alone). So it is chosen once a polytope may have more than
    :data:`CROSSOVER_VERTICES` vertices by the upper bound theorem (square games from
    10 x 10); smaller games and narrow ones (5 or fewer strategies on a side) keep vertex
    enumeration, which also decides whether the game is degenerate.

    Parameters
    ----------
    m, n : int
        Numbers of row and column strategies.

    Returns
    -------
    bool

    Examples
    --------
    >>> prefers_label_search(4, 4), prefers_label_search(12, 12), prefers_label_search(40, 5)
    (False, True, False)
    """
    return max(vertex_bound(d, m + n) for d in (m, n)) > CROSSOVER_VERTICES and min(m, n) > 5


def label_search_masks(MP: np.ndarray, MQ: np.ndarray, tol: float = LABEL_TOL,
                       max_nodes: int | None = None,
                       ) -> tuple[np.ndarray, np.ndarray, dict] | None:
    """Label masks of every completely labelled vertex pair, or None at a degenerate vertex.

    Parameters
    ----------
    MP, MQ : ndarray
        Positive constraint matrices of ``P = {x >= 0, MP^T x <= 1}`` (``m x n``) and
        ``Q = {y >= 0, MQ^T y <= 1}`` (``n x m``), ``m + n <= 64``.
    tol : float
        Values within ``tol`` of zero are ties (the answer is then None).
    max_nodes : int, optional
        Largest number of search nodes; default the limit ``search_nodes``
        (:mod:`benchgame.core.limits`, environment variable ``BENCHGAME_MAX_SEARCH_NODES``).

    Returns
    -------
    tuple or None
        ``(masks_p, masks_q, provenance)``: the uint64 label masks of the pairs (``P`` in the
        common numbering, rows first; ``Q`` in its own, ``y_j = 0`` first, as
        :func:`benchgame.games.simple_polytopes.complementary_masks` takes them) and the
        counts ``search_nodes`` and ``linear_programs``; None if a tie stopped the search.

    Raises
    ------
    benchgame.core.validation.InputError
        If the search needs more than ``max_nodes`` nodes.

    References
    ----------
    Audet, C., Hansen, P., Jaumard, B. and Savard, G. (2001). Enumeration of all extreme
    equilibria of bimatrix games. *SIAM Journal on Scientific Computing* 23(1), 323-338.

    Examples
    --------
    Battle of the sexes (payoffs mapped onto ``[1, 2]``): three completely labelled pairs.

    >>> A1, B1 = np.array([[2.0, 1.0], [1.0, 1.5]]), np.array([[1.5, 1.0], [1.0, 2.0]])
    >>> mp, mq, prov = label_search_masks(B1, A1.T)
    >>> sorted(int(k) for k in mp), prov["search_nodes"]
    ([6, 9, 12], 5)
    """
    lim = LIMITS["search_nodes"]
    limit = limit_value("search_nodes") if max_nodes is None else int(max_nodes)
    mp, mq, nodes, programs, status = compiled(label_search)(
        np.ascontiguousarray(MP, float), np.ascontiguousarray(MQ, float), float(tol), limit)
    m, n = np.shape(MP)
    require(LABEL_STATUS[status] != "limit", "game", f"is {m} x {n} and its label search "
            f"needs more than {limit} {lim.what} (limit search_nodes)",
            "use lemke_howson(game) for one equilibrium, or raise the limit deliberately with "
            f"{lim.env}=<n> (each node takes microseconds to a millisecond)")
    if LABEL_STATUS[status] != "complete":
        return None
    order = np.argsort(mp, kind="stable")
    return mp[order], mq[order], {"search_nodes": int(nodes), "linear_programs": int(programs)}
