"""Best-response polytopes of a bimatrix game: vertices, labels and completely labelled pairs.

With payoffs shifted so that ``A > 0`` and ``B > 0`` (:func:`positive_shift`), the
best-response polytopes are

    P = {x in R^m : x >= 0, B^T x <= 1},    Q = {y in R^n : y >= 0, A y <= 1}.

A point of P carries the labels ``{i : x_i = 0}`` (rows, 0..m-1) and
``{m + j : (B^T x)_j = 1}`` (columns); a point of Q carries ``{m + j : y_j = 0}`` and
``{i : (A y)_i = 1}``.

Vertices are found by polarity, as in QuantEcon's ``vertex_enumeration``: translate an interior
point ``c`` of the polytope ``{z : a_k^T z <= b_k}`` to the origin and scale each constraint to
``a_k^T w <= 1`` with ``a_k' = a_k / (b_k - a_k^T c)``; the facets ``{p : u^T p = 1}`` of the
convex hull of the points ``a_k'`` (Qhull, via :class:`scipy.spatial.ConvexHull`) are in
one-to-one correspondence with the vertices ``w = u`` of the translated polytope. Labels are then
read off in the original coordinates, so degenerate vertices (hull facets that Qhull splits into
several simplices) keep every label and are merged. Matching is by label bit patterns: a
nondegenerate vertex of P (exactly ``m`` labels) completes only the vertex of Q whose labels are
its complement, found by hashing; only over-labelled vertices need the pairwise test.

References
----------
von Stengel, B. (2002). Computing equilibria for two-person games. In R. J. Aumann and
S. Hart (eds.), *Handbook of Game Theory with Economic Applications*, vol. 3, ch. 45,
1723-1759. Elsevier.

Barber, C. B., Dobkin, D. P. and Huhdanpaa, H. (1996). The quickhull algorithm for convex
hulls. *ACM Transactions on Mathematical Software* 22(4), 469-483.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

import numpy as np

from benchgame.core.validation import require

__all__ = [
    "DEFAULT_MAX_VERTICES",
    "MAX_PAYOFF",
    "Polytope",
    "check_vertex_bound",
    "completely_labelled_pairs",
    "label_keys",
    "polytope_vertices",
    "positive_shift",
    "vertex_bound",
]

_PAIR_CHUNK = 4_000_000  # boolean cells per block of the over-labelled pairwise test

MAX_PAYOFF = 1e300
"""Largest payoff magnitude accepted (payoff differences must not overflow)."""

DEFAULT_MAX_VERTICES = 50_000_000
"""Default limit on the upper-bound-theorem vertex count of a best-response polytope."""


@dataclass(frozen=True)
class Polytope:
    """Nonzero vertices of ``{z >= 0, M^T z <= 1}`` (``M`` positive) with their labels.

    As returned by :func:`polytope_vertices`.

    Parameters
    ----------
    points : ndarray (V, d)
        Nonzero vertices, one per distinct label pattern (in the order of their first facet in
        Qhull's output).
    labels : ndarray (V, d + e) of bool
        ``labels[v, k]``: coordinate ``k`` is zero (k < d) or constraint ``k - d`` is tight.

    Attributes
    ----------
    over_labelled : ndarray of int
        Indices of the vertices with more than ``d`` labels (present only in degenerate games).
    """

    points: np.ndarray
    labels: np.ndarray

    @property
    def over_labelled(self) -> np.ndarray:
        """Indices of vertices with more than ``d`` labels (the polytope is not simple there)."""
        return np.flatnonzero(self.labels.sum(axis=1) > self.points.shape[1])


def positive_shift(A: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Payoffs mapped affinely onto ``[1, 2]``: ``1 + (A - min A) / range(A)``, same for ``B``.

    Equilibria are invariant under positive affine maps of each player's payoffs, and the fixed
    range makes absolute tolerances on the polytopes independent of the payoff scale (a constant
    matrix is only shifted to 1).

    Parameters
    ----------
    A : ndarray
        Row player's payoff matrix.
    B : ndarray
        Column player's payoff matrix.

    Returns
    -------
    tuple of ndarray
        ``(A1, B1)``, each with minimum 1 and (unless constant) maximum 2.

    Raises
    ------
    benchgame.core.validation.InputError
        If a payoff's magnitude exceeds ``MAX_PAYOFF`` (``1e300``): differences of payoffs
        would overflow to infinity, and the polytopes to NaN. Equilibria do not change under
        positive scaling, so the fix is to rescale.

    Examples
    --------
    >>> A1, B1 = positive_shift(np.array([[-4.0, 0.0], [4.0, 2.0]]), np.full((2, 2), 7.0))
    >>> A1.tolist(), B1.tolist()
    ([[1.0, 1.5], [2.0, 1.75]], [[1.0, 1.0], [1.0, 1.0]])
    >>> from benchgame.core.validation import InputError
    >>> try:
    ...     positive_shift(np.array([[1e308, -1e308]]), np.zeros((1, 2)))
    ... except InputError as err:
    ...     print(err.field, '|', err.fix)  # doctest: +NORMALIZE_WHITESPACE
    payoffs | rescale the payoffs (e.g. divide them by 1e+300), which leaves the
    equilibria unchanged
    """
    def unit(M: np.ndarray) -> np.ndarray:
        big = float(np.abs(M).max()) if M.size else 0.0
        require(big <= MAX_PAYOFF, "payoffs", f"has entries of magnitude up to {big:.3g}, beyond "
                f"{MAX_PAYOFF:.3g}: payoff differences overflow in floating point",
                f"rescale the payoffs (e.g. divide them by {big / 1e8:.3g}), which leaves the "
                "equilibria unchanged")
        span = float(M.max() - M.min())
        return 1.0 + (M - M.min()) / (span if span > 0 else 1.0)

    return unit(A), unit(B)


def vertex_bound(d: int, facets: int) -> int:
    """Largest number of vertices of a ``d``-dimensional polytope with ``facets`` facets.

    McMullen's upper bound theorem: ``C(f - ceil(d/2), floor(d/2)) + C(f - floor(d/2) - 1,
    ceil(d/2) - 1)``, attained by the duals of cyclic polytopes (and by best-response polytopes
    of suitable games, von Stengel 1999).

    Parameters
    ----------
    d : int
        Dimension (at least 1).
    facets : int
        Number of facets (at least ``d + 1``).

    Returns
    -------
    int
        The bound.

    References
    ----------
    McMullen, P. (1970). The maximum numbers of faces of a convex polytope. *Mathematika*
    17(2), 179-184.

    von Stengel, B. (1999). New maximal numbers of equilibria in bimatrix games. *Discrete
    and Computational Geometry* 21(4), 557-568.

    Examples
    --------
    >>> vertex_bound(2, 5), vertex_bound(3, 4), vertex_bound(20, 40)
    (5, 4, 40060020)
    """
    return comb(facets - (d + 1) // 2, d // 2) + comb(facets - d // 2 - 1, (d + 1) // 2 - 1)


def check_vertex_bound(m: int, n: int, max_vertices: int = DEFAULT_MAX_VERTICES) -> None:
    """Refuse an ``m x n`` game whose best-response polytopes may exceed ``max_vertices``.

    Both polytopes have ``m + n`` facets, in dimensions ``m`` and ``n``; :func:`vertex_bound`
    bounds their vertices. Qhull keeps every facet of the polar in memory (about 1.2 KB each
    at 18 x 18), so a game past the bound could exhaust memory instead of failing cleanly.

    Parameters
    ----------
    m, n : int
        Numbers of row and column strategies.
    max_vertices : int
        The largest bound accepted. The default, ``DEFAULT_MAX_VERTICES``, admits every game
        up to 20 x 20 (the bound is about 4.0e7 there and 8.9e7 at 21 x 21); random games have
        far fewer vertices than the bound (about 1e6 at 18 x 18).

    Raises
    ------
    benchgame.core.validation.InputError
        Naming ``game``, with the bound, the limit and the alternatives.

    Examples
    --------
    >>> check_vertex_bound(20, 20)
    >>> from benchgame.core.validation import InputError
    >>> try:
    ...     check_vertex_bound(30, 30)
    ... except InputError as err:
    ...     print(err.field, '|', err.problem)  # doctest: +NORMALIZE_WHITESPACE
    game | is 30 x 30: its best-response polytopes may have up to 4.6e+11 vertices (upper
    bound theorem), more than max_vertices=5e+07 (every game up to 20 x 20 is admitted)
    """
    bound = max(vertex_bound(d, m + n) for d in (m, n))
    require(bound <= max_vertices, "game", f"is {m} x {n}: its best-response polytopes may have "
            f"up to {bound:.2g} vertices (upper bound theorem), more than "
            f"max_vertices={max_vertices:.2g} (every game up to 20 x 20 is admitted)",
            "use lemke_howson(game) for one equilibrium or lemke_howson_all(game) for those "
            "reachable from every starting label (both any size), or pass a larger "
            "max_vertices to try anyway (Qhull needs about 1 KB of memory per vertex)")


def polytope_vertices(M: np.ndarray, tol: float = 1e-9) -> Polytope:
    """Nonzero vertices of ``P = {z in R^d : z >= 0, M^T z <= 1}`` for positive ``M`` (d x e).

    Parameters
    ----------
    M : ndarray (d, e)
        Positive matrix (use :func:`positive_shift`).
    tol : float
        Absolute tolerance for a coordinate to count as zero and a constraint as tight.

    Returns
    -------
    Polytope
        The nonzero vertices and their label patterns; vertices that Qhull splits into several
        simplicial facets are merged.

    Raises
    ------
    RuntimeError
        If Qhull fails on the polar point set (not expected: it is always full-dimensional).

    Notes
    -----
    ``P`` is bounded and ``c = t 1`` with ``t = 1 / (2 max_j sum_i M_ij)`` is interior. With
    ``r_j = 1 - M_j^T c``, the polar points are ``-e_k / t`` (k < d) and ``M_j / r_j``; a facet
    ``u^T p + u_0 = 0`` of their hull gives the vertex ``z = c - u / u_0``.

    References
    ----------
    Barber, C. B., Dobkin, D. P. and Huhdanpaa, H. (1996). The quickhull algorithm for convex
    hulls. *ACM Transactions on Mathematical Software* 22(4), 469-483.

    Examples
    --------
    The unit square ``{z >= 0, z_1 <= 1, z_2 <= 1}`` has three nonzero vertices:

    >>> P = polytope_vertices(np.eye(2))
    >>> sorted(P.points.tolist())
    [[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    >>> sorted(P.labels.astype(int).tolist())  # [z_1 = 0, z_2 = 0, z_1 = 1, z_2 = 1]
    [[0, 0, 1, 1], [0, 1, 1, 0], [1, 0, 0, 1]]
    """
    from scipy.spatial import ConvexHull, QhullError  # deferred: heavy import

    d, e = M.shape
    if d == 1:  # the segment [0, 1 / max_j M_j]
        Z = np.array([[1.0 / M.max()]])
    else:
        t = 0.5 / M.sum(axis=0).max()
        r = 1.0 - t * M.sum(axis=0)
        pts = np.vstack([-np.eye(d) / t, (M / r).T])
        try:
            hull = ConvexHull(pts)
        except QhullError as err:  # pragma: no cover - the polar is always full-dimensional
            raise RuntimeError(f"Qhull failed on the polar of the best-response polytope: {err}") \
                from err
        eq = hull.equations
        Z = t - eq[:, :d] / eq[:, d:]  # c - u / u_0 (u_0 < 0: the origin is interior)
        Z[np.abs(Z) <= tol] = 0.0
        Z = Z[(Z > tol).any(axis=1)]  # drop the zero vertex
    lab = np.hstack([Z <= tol, Z @ M >= 1.0 - tol])
    # facets that Qhull triangulated are one vertex: merge equal label patterns
    _, first = np.unique(label_keys(lab), return_index=True)
    first = np.sort(first)
    return Polytope(Z[first], lab[first])


def label_keys(labels: np.ndarray) -> np.ndarray:
    """One hashable, sortable scalar per row of a boolean label matrix (its packed bits).

    Parameters
    ----------
    labels : ndarray of bool, shape (V, k)
        One label pattern per row.

    Returns
    -------
    ndarray, shape (V,)
        Void scalars, equal exactly when the patterns are equal; their order is the
        lexicographic order of the patterns.

    Examples
    --------
    >>> keys = label_keys(np.array([[True, False], [False, True], [True, False]]))
    >>> bool(keys[0] == keys[2]), bool(keys[0] == keys[1]), np.argsort(keys).tolist()
    (True, False, [1, 0, 2])
    """
    packed = np.ascontiguousarray(np.packbits(labels, axis=1))
    return packed.view(np.dtype((np.void, packed.shape[1])))[:, 0]


def completely_labelled_pairs(LP: np.ndarray, LQ: np.ndarray, m: int) -> np.ndarray:
    """Index pairs ``(p, q)`` with ``LP[p] | LQ[q]`` all true (labels in the common numbering).

    Parameters
    ----------
    LP : ndarray of bool, shape (V_P, m + n)
        Label patterns of the vertices of P (dimension ``m``).
    LQ : ndarray of bool, shape (V_Q, m + n)
        Label patterns of the vertices of Q (dimension ``n``).
    m : int
        Number of row strategies.

    Returns
    -------
    ndarray of int, shape (K, 2)
        The completely labelled pairs ``(p, q)``, sorted.

    Notes
    -----
    A vertex has at least as many labels as its dimension. Two simple vertices (exactly ``m``,
    resp. ``n`` labels) are completely labelled iff their patterns are complements, which is
    found by hashing. Pairs involving an over-labelled vertex are tested against the whole other
    side in blocks of at most ``_PAIR_CHUNK`` cells.

    Examples
    --------
    >>> LP = np.array([[True, False, True, False], [False, True, False, True]])
    >>> LQ = np.array([[False, True, False, True], [True, False, True, False]])
    >>> completely_labelled_pairs(LP, LQ, 2).tolist()
    [[0, 0], [1, 1]]
    """
    n = LP.shape[1] - m
    over_p = np.flatnonzero(LP.sum(axis=1) > m)
    over_q = np.flatnonzero(LQ.sum(axis=1) > n)
    simple_p = np.setdiff1d(np.arange(len(LP)), over_p)
    found: set[tuple[int, int]] = set()
    # simple pairs: the complement of P's pattern looked up among Q's sorted patterns
    kq = label_keys(LQ)
    order = np.argsort(kq, kind="stable")
    sorted_kq = kq[order]
    want = label_keys(~LP[simple_p])
    lo = np.searchsorted(sorted_kq, want, side="left")
    hi = np.searchsorted(sorted_kq, want, side="right")
    for k in np.flatnonzero(hi > lo):  # only the matches are visited
        found.update((int(simple_p[k]), int(q)) for q in order[lo[k]:hi[k]])
    for rows_p, rows_q in ((over_p, np.arange(len(LQ))), (simple_p, over_q)):
        if not len(rows_p) or not len(rows_q):
            continue
        step = max(1, _PAIR_CHUNK // (len(rows_q) * LP.shape[1]))
        for s in range(0, len(rows_p), step):
            block = rows_p[s:s + step]
            hit = (LP[block][:, None, :] | LQ[rows_q][None, :, :]).all(axis=2)
            found.update((int(block[a]), int(rows_q[b])) for a, b in np.argwhere(hit))
    return np.array(sorted(found), dtype=np.intp).reshape(-1, 2)

