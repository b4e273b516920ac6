"""All extreme Nash equilibria of a bimatrix game by vertex enumeration.

Best-response polytopes (von Stengel 2002, *Computing equilibria for two-person games*):
with payoffs shifted so that ``A > 0`` and ``B > 0``,

    P = {x in R^m : x >= 0, B^T x <= 1},    Q = {y in R^n : y >= 0, A y <= 1}.

A point of P carries the labels ``{i : x_i = 0}`` (rows, 0..m-1) and
``{m + j : (B^T x)_j = 1}`` (columns); a point of Q carries ``{m + j : y_j = 0}`` and
``{i : (A y)_i = 1}``. A vertex pair ``(x, y) != (0, 0)`` is completely labelled (every label in
``0..m+n-1`` appears) iff ``(x / sum x, y / sum y)`` is a Nash equilibrium, and the extreme
equilibria are exactly the completely labelled vertex pairs (also for degenerate games).

Vertices are generated in batches: a vertex with support ``I`` has ``|I|`` linearly independent
tight column constraints ``J``, so it is the solution of ``B[I, J]^T x_I = 1`` for some square
nonsingular pair ``(I, J)``; all pairs of one size are solved at once with ``numpy.linalg.solve``.
Each vertex keeps the basis ``(I, J)`` it came from, and its exact rational coordinates are
recomputed from that basis, so every equilibrium carries exact strategies.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

import numpy as np

from games.certificate import DEFAULT_TOL, _solve_fraction_system, exact_payoff_tensor
from games.validation import require

_CHUNK = 200_000


@dataclass(frozen=True)
class Polytope:
    """Vertices of ``{z >= 0, M^T z <= 1}`` (``M`` positive) with their labels and bases.

    Attributes
    ----------
    points : ndarray (V, d)
        Nonzero vertices.
    labels : ndarray (V, d + e) of bool
        ``labels[v, k]``: coordinate ``k`` is zero (k < d) or constraint ``k - d`` is tight.
    bases : tuple of (tuple, tuple)
        One nonsingular basis ``(I, J)`` per vertex.
    """

    points: np.ndarray
    labels: np.ndarray
    bases: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]


def positive_shift(A: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``A - min(A) + 1`` and ``B - min(B) + 1`` (equilibria are shift invariant)."""
    return A - A.min() + 1.0, B - B.min() + 1.0


def polytope_vertices(M: np.ndarray, tol: float = 1e-9) -> Polytope:
    """Nonzero vertices of ``{z in R^d : z >= 0, M^T z <= 1}`` for positive ``M`` (d x e).

    Vectorized over all bases of one size; duplicates (degenerate vertices reached from several
    bases) are merged, keeping the first basis.
    """
    d, e = M.shape
    pts, bases = [], []
    for k in range(1, min(d, e) + 1):
        rows = np.array(list(combinations(range(d), k)), dtype=np.intp)
        cols = np.array(list(combinations(range(e), k)), dtype=np.intp)
        ri, ci = np.meshgrid(np.arange(len(rows)), np.arange(len(cols)), indexing="ij")
        ri, ci = ri.ravel(), ci.ravel()
        for s in range(0, len(ri), _CHUNK):
            I, J = rows[ri[s:s + _CHUNK]], cols[ci[s:s + _CHUNK]]  # noqa: E741
            # systems sub[t] = M[I_t][:, J_t]^T, unknown z_I with sub z_I = 1
            sub = M[I[:, :, None], J[:, None, :]].transpose(0, 2, 1)
            det = np.linalg.det(sub)
            # relative test against Hadamard's bound prod_r ||row_r||
            ok = np.abs(det) > 1e-12 * np.prod(np.linalg.norm(sub, axis=2), axis=1)
            if not ok.any():
                continue
            I, J, sub = I[ok], J[ok], sub[ok]  # noqa: E741
            z_I = np.linalg.solve(sub, np.ones((len(sub), k, 1)))[..., 0]
            good = (z_I > -tol).all(axis=1)
            z = np.zeros((int(good.sum()), d))
            np.put_along_axis(z, I[good], z_I[good], axis=1)
            feas = (z @ M <= 1 + tol).all(axis=1)
            sel = np.flatnonzero(good)[feas]
            pts.append(z[feas])
            bases.extend((tuple(int(a) for a in I[t]), tuple(int(b) for b in J[t])) for t in sel)
    if not pts:
        return Polytope(np.zeros((0, d)), np.zeros((0, d + e), bool), ())
    Z = np.vstack(pts)
    key = np.round(Z / (1e-7 * Z.max())).astype(np.int64)  # merge on a relative grid
    _, first = np.unique(key, axis=0, return_index=True)
    first = np.sort(first)
    Z = Z[first]
    lab = np.hstack([Z <= tol, Z @ M >= 1 - tol])
    return Polytope(Z, lab, tuple(bases[t] for t in first))


def exact_vertex(M: list[list[Fraction]], basis: tuple[tuple[int, ...], tuple[int, ...]],
                 d: int) -> tuple[Fraction, ...]:
    """Exact normalised point ``z / sum z`` of the vertex with basis ``(I, J)``."""
    I, J = basis  # noqa: E741
    sys_ = [[M[i][j] for i in I] for j in J]
    sol = _solve_fraction_system(sys_, [Fraction(1)] * len(J))
    require(sol is not None, "game", "a vertex basis is singular in exact arithmetic",
            "report the game; use tol to loosen the basis test")
    full = [Fraction(0)] * d
    for i, v in zip(I, sol, strict=True):
        full[i] = v
    total = sum(full)
    return tuple(v / total for v in full)


def vertex_enumeration(game, tol: float = DEFAULT_TOL, *, vertex_tol: float = 1e-9):
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
    from games.components import extreme_equilibrium_set

    A, B = bimatrix_of(game)
    A1, B1 = positive_shift(A, B)
    P = polytope_vertices(B1, vertex_tol)  # x side: x >= 0, B^T x <= 1
    Q = polytope_vertices(A1.T, vertex_tol)  # y side: y >= 0, A y <= 1
    m, n = A.shape
    # labels in the common numbering: rows 0..m-1, columns m..m+n-1
    LP = P.labels  # already [x_i = 0 (i<m), (B^T x)_j = 1 (m+j)]
    LQ = np.hstack([Q.labels[:, n:], Q.labels[:, :n]])  # [(A y)_i = 1, y_j = 0]
    complete = (LP[:, None, :] | LQ[None, :, :]).all(axis=2)
    pairs = np.argwhere(complete)
    degenerate = bool((LP.sum(axis=1) > m).any() or (LQ.sum(axis=1) > n).any())
    Ae = exact_payoff_tensor(game)
    # exact shifted payoffs (same shift as A1, B1, so the float bases stay nonsingular)
    amin = min(Ae[..., 0].ravel())
    bmin = min(Ae[..., 1].ravel())
    Bx = [[Ae[i, j, 1] - bmin + 1 for j in range(n)] for i in range(m)]
    Ay = [[Ae[i, j, 0] - amin + 1 for i in range(m)] for j in range(n)]
    ex_x = {int(p): exact_vertex(Bx, P.bases[p], m) for p in np.unique(pairs[:, 0])}
    ex_y = {int(q): exact_vertex(Ay, Q.bases[q], n) for q in np.unique(pairs[:, 1])}
    return extreme_equilibrium_set(
        game, [(int(p), int(q)) for p, q in pairs], ex_x, ex_y, method="vertex_enumeration",
        tol=tol, degenerate=degenerate,
        provenance={"vertices_P": len(P.points), "vertices_Q": len(Q.points),
                    "vertex_tol": vertex_tol},
    )


def bimatrix_of(game) -> tuple[np.ndarray, np.ndarray]:
    """``(A, B)`` of a two-player game; InputError naming ``game`` otherwise."""
    from games.normal_form import NormalFormGame

    require(isinstance(game, NormalFormGame), "game", f"expected a NormalFormGame, got "
            f"{type(game).__name__}", "build one with NormalFormGame.from_bimatrix(A, B)")
    require(game.num_players == 2, "game", f"has {game.num_players} players; this solver is "
            "for two-player games", "use games.pure_equilibria or an n-player solver")
    A, B = game.bimatrix()
    return np.asarray(A, float), np.asarray(B, float)
