"""Vertices of simple best-response polytopes as label masks, and their complementary pairs.

For a nondegenerate bimatrix game both best-response polytopes are simple: every vertex has
exactly as many labels as the polytope's dimension. Their vertices are then enumerated by the
compiled reverse search of :mod:`benchgame.games.vertex_search_kernel`, each as a
64-bit mask of its labels, and a vertex pair is completely labelled exactly when the row
polytope's mask is the complement of the column polytope's (in the common label numbering),
which sorting finds for all pairs at once.

References
----------
von Stengel, B. (2002). Computing equilibria for two-person games. In R. J. Aumann and
S. Hart (eds.), *Handbook of Game Theory with Economic Applications*, vol. 3, ch. 45,
1723-1759. Elsevier.

Avis, D. and Fukuda, K. (1992). A pivoting algorithm for convex hulls and vertex enumeration of
arrangements and polyhedra. *Discrete and Computational Geometry* 8(3), 295-313.
"""

from __future__ import annotations

import numpy as np

from benchgame.core.validation import require
from benchgame.games.compiled import compiled
from benchgame.games.vertex_search_kernel import SEARCH_STATUS, vertex_search

__all__ = ["OBJECTIVE_TOL", "complementary_masks", "mask_labels", "simple_vertex_masks"]

OBJECTIVE_TOL = 1e-11
"""Reduced costs closer to zero leave the reverse-search parent undecided (general method then)."""


def simple_vertex_masks(MP: np.ndarray, MQ: np.ndarray, tol: float,
                        max_vertices: int) -> tuple[np.ndarray, np.ndarray] | None:
    """Label masks of all nonzero vertices of two simple polytopes, or None if not simple.

    Parameters
    ----------
    MP, MQ : ndarray
        Positive constraint matrices of ``{x >= 0, MP^T x <= 1}`` (``m x n``) and
        ``{y >= 0, MQ^T y <= 1}`` (``n x m``), ``m + n <= 64``.
    tol : float
        A vertex with a basic variable at most ``tol`` (more labels than its dimension up to
        the tolerance) makes the answer None.
    max_vertices : int
        Largest number of vertices of either polytope.

    Returns
    -------
    tuple of ndarray or None
        The uint64 masks of each polytope (bit ``k``: label ``k`` of that polytope, coordinates
        first), or None when a polytope is not simple up to ``tol`` or a reduced cost was
        within :data:`OBJECTIVE_TOL` of zero (use the general method then).

    Raises
    ------
    benchgame.core.validation.InputError
        If a polytope has more than ``max_vertices`` vertices.

    Examples
    --------
    Battle of the sexes (payoffs mapped onto ``[1, 2]``): three nonzero vertices each.

    >>> A1, B1 = np.array([[2.0, 1.0], [1.0, 1.5]]), np.array([[1.5, 1.0], [1.0, 2.0]])
    >>> P, Q = simple_vertex_masks(B1, A1.T, 1e-9, 100)
    >>> len(P), len(Q)
    (3, 3)
    """
    found = []
    for M in (MP, MQ):
        masks, status = compiled(vertex_search)(np.ascontiguousarray(M, float), float(tol),
                                                int(max_vertices), OBJECTIVE_TOL)
        require(SEARCH_STATUS[status] != "limit", "game", f"is {min(M.shape)} x "
                f"{max(M.shape)} with more than max_vertices={max_vertices:.3g} vertices in a "
                "best-response polytope",
                "use lemke_howson(game) for one equilibrium or lemke_howson_all(game) for those "
                "reachable from every starting label (both any size), or pass a larger "
                "max_vertices (about 30 bytes of memory per vertex)")
        if SEARCH_STATUS[status] != "complete":
            return None
        found.append(masks)
    return found[0], found[1]


def complementary_masks(masks_p: np.ndarray, masks_q: np.ndarray, m: int,
                        n: int) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs ``(p, q)`` whose label masks together carry every label exactly once.

    Parameters
    ----------
    masks_p : ndarray of uint64
        Masks of the row polytope's vertices (bits ``0..m-1`` rows, ``m..m+n-1`` columns).
    masks_q : ndarray of uint64
        Masks of the column polytope's vertices in its own numbering (bits ``0..n-1`` for
        ``y_j = 0``, ``n..n+m-1`` for a tight row constraint).
    m, n : int
        Numbers of row and column strategies.

    Returns
    -------
    tuple of ndarray
        Indices into ``masks_p`` and ``masks_q``, sorted by ``p``.

    Examples
    --------
    >>> P = np.array([0b0110, 0b0011], np.uint64)  # {x_2 = 0, col 1}, {x_1 = 0, x_2 = 0}
    >>> Q = np.array([0b1001, 0b0110], np.uint64)  # {y_1 = 0, row 2}, {y_2 = 0, row 1}
    >>> [a.tolist() for a in complementary_masks(P, Q, 2, 2)]
    [[0], [1]]
    """
    full = np.uint64((1 << (m + n)) - 1)
    low = np.uint64((1 << n) - 1)
    q_common = ((masks_q & low) << np.uint64(m)) | (masks_q >> np.uint64(n))
    want = ~masks_p & full
    _, ip, iq = np.intersect1d(want, q_common, assume_unique=True, return_indices=True)
    order = np.argsort(ip, kind="stable")
    return ip[order], iq[order]


def mask_labels(mask: np.uint64 | int, size: int) -> np.ndarray:
    """The boolean label vector of a mask (``out[k]`` is bit ``k``).

    Parameters
    ----------
    mask : int
        Label mask.
    size : int
        Number of labels.

    Returns
    -------
    ndarray of bool, shape (size,)

    Examples
    --------
    >>> mask_labels(0b0110, 4).tolist()
    [False, True, True, False]
    """
    return ((int(mask) >> np.arange(size)) & 1).astype(bool)
