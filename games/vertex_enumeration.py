"""All extreme Nash equilibria of a bimatrix game by vertex enumeration.

Best-response polytopes (von Stengel 2002, *Computing equilibria for two-person games*):
with payoffs shifted so that ``A > 0`` and ``B > 0``,

    P = {x in R^m : x >= 0, B^T x <= 1},    Q = {y in R^n : y >= 0, A y <= 1}.

A point of P carries the labels ``{i : x_i = 0}`` (rows, 0..m-1) and
``{m + j : (B^T x)_j = 1}`` (columns); a point of Q carries ``{m + j : y_j = 0}`` and
``{i : (A y)_i = 1}``. A vertex pair ``(x, y) != (0, 0)`` is completely labelled (every label in
``0..m+n-1`` appears) iff ``(x / sum x, y / sum y)`` is a Nash equilibrium, and the extreme
equilibria are exactly the completely labelled vertex pairs (also for degenerate games).

Vertices are found by polarity, as in QuantEcon's ``vertex_enumeration``: translate an interior
point ``c`` of the polytope ``{z : a_k^T z <= b_k}`` to the origin and scale each constraint to
``a_k^T w <= 1`` with ``a_k' = a_k / (b_k - a_k^T c)``; the facets ``{p : u^T p = 1}`` of the
convex hull of the points ``a_k'`` (Qhull, via :class:`scipy.spatial.ConvexHull`) are in
one-to-one correspondence with the vertices ``w = u`` of the translated polytope. Labels are then
read off in the original coordinates, so degenerate vertices (hull facets that Qhull splits into
several simplices) keep every label and are merged. Matching is by label bit patterns: a
nondegenerate vertex of P (exactly ``m`` labels) completes only the vertex of Q whose labels are
its complement, found by hashing; only over-labelled vertices need the pairwise test.

Exact strategies are recomputed from the labels: with support ``I = {i : x_i > 0}`` and tight
constraints ``J``, ``x_I`` is the unique solution of ``B[I, J]^T x_I = 1`` in rational
arithmetic, so every equilibrium carries exact strategies.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import lcm
from typing import TYPE_CHECKING

import numpy as np

from benchgame.core.validation import require
from benchgame.games.certificate import DEFAULT_TOL, exact_payoff_tensor
from benchgame.games.rational import solve_rational_system

if TYPE_CHECKING:
    from benchgame.games.equilibrium import EquilibriumSet
    from benchgame.games.normal_form import NormalFormGame

_PAIR_CHUNK = 4_000_000  # boolean cells per block of the over-labelled pairwise test


@dataclass(frozen=True)
class Polytope:
    """Nonzero vertices of ``{z >= 0, M^T z <= 1}`` (``M`` positive) with their labels.

    Attributes
    ----------
    points : ndarray (V, d)
        Nonzero vertices, in lexicographic order of their label patterns.
    labels : ndarray (V, d + e) of bool
        ``labels[v, k]``: coordinate ``k`` is zero (k < d) or constraint ``k - d`` is tight.
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
    """
    def unit(M: np.ndarray) -> np.ndarray:
        span = float(M.max() - M.min())
        return 1.0 + (M - M.min()) / (span if span > 0 else 1.0)

    return unit(A), unit(B)


def polytope_vertices(M: np.ndarray, tol: float = 1e-9) -> Polytope:
    """Nonzero vertices of ``P = {z in R^d : z >= 0, M^T z <= 1}`` for positive ``M`` (d x e).

    Parameters
    ----------
    M : ndarray (d, e)
        Positive matrix (use :func:`positive_shift`).
    tol : float
        Absolute tolerance for a coordinate to count as zero and a constraint as tight.

    Notes
    -----
    ``P`` is bounded and ``c = t 1`` with ``t = 1 / (2 max_j sum_i M_ij)`` is interior. With
    ``r_j = 1 - M_j^T c``, the polar points are ``-e_k / t`` (k < d) and ``M_j / r_j``; a facet
    ``u^T p + u_0 = 0`` of their hull gives the vertex ``z = c - u / u_0``.
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
    """One hashable, sortable scalar per row of a boolean label matrix (its packed bits)."""
    packed = np.ascontiguousarray(np.packbits(labels, axis=1))
    return packed.view(np.dtype((np.void, packed.shape[1])))[:, 0]


def exact_vertex(M: list[list[Fraction | int]], labels: np.ndarray, d: int) -> tuple[Fraction, ...]:
    """Exact normalised point ``z / sum z`` of the vertex of ``{z >= 0, M^T z <= 1}`` with
    ``labels`` (the rational ``M`` as a nested list, ``d`` rows)."""
    I = [i for i in range(d) if not labels[i]]  # noqa: E741
    J = [j for j in range(len(labels) - d) if labels[d + j]]
    sys_ = [[M[i][j] for i in I] for j in J]
    sol = solve_rational_system(sys_, [Fraction(1)] * len(J)) if I and J else None
    require(sol is not None, "game", "a vertex found in floating point has no exact "
            "counterpart with the same labels (payoffs too close to a degenerate game)",
            "rescale the payoffs to integers or loosen vertex_tol")
    full = [Fraction(0)] * d
    for i, v in zip(I, sol, strict=True):
        full[i] = v
    total = sum(full)
    return tuple(v / total for v in full)


def completely_labelled_pairs(LP: np.ndarray, LQ: np.ndarray, m: int) -> np.ndarray:
    """Index pairs ``(p, q)`` with ``LP[p] | LQ[q]`` all true (labels in the common numbering).

    Parameters
    ----------
    LP, LQ : ndarray of bool, shapes (V_P, m + n) and (V_Q, m + n)
        Label patterns of the vertices of P (dimension ``m``) and Q (dimension ``n``).
    m : int
        Number of row strategies.

    Notes
    -----
    A vertex has at least as many labels as its dimension. Two simple vertices (exactly ``m``,
    resp. ``n`` labels) are completely labelled iff their patterns are complements, which is
    found by hashing. Pairs involving an over-labelled vertex are tested against the whole other
    side in blocks of at most ``_PAIR_CHUNK`` cells.
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


def vertex_enumeration(game: NormalFormGame, tol: float = DEFAULT_TOL, *,
                       vertex_tol: float = 1e-9) -> EquilibriumSet:
    """All extreme Nash equilibria of a two-player game (complete, also if degenerate).

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
        ``components``.
    """
    from benchgame.games.components import extreme_equilibrium_set

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


def _integer_rows(M: list[list[Fraction]]) -> list[list[int]]:
    """``M`` times the common denominator of its entries (a positive scaling moves every vertex
    of ``{z >= 0, M^T z <= 1}`` radially, so normalised vertices are unchanged)."""
    scale = lcm(*(v.denominator for row in M for v in row))
    return [[int(v * scale) for v in row] for row in M]


def bimatrix_of(game: NormalFormGame) -> tuple[np.ndarray, np.ndarray]:
    """``(A, B)`` of a two-player game; InputError naming ``game`` otherwise."""
    from benchgame.games.normal_form import NormalFormGame

    require(isinstance(game, NormalFormGame), "game", f"expected a NormalFormGame, got "
            f"{type(game).__name__}", "build one with NormalFormGame.from_bimatrix(A, B)")
    require(game.num_players == 2, "game", f"has {game.num_players} players; this solver is "
            "for two-player games", "use benchgame.games.pure_equilibria or an n-player solver")
    A, B = game.bimatrix()
    return np.asarray(A, float), np.asarray(B, float)
