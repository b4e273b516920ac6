"""Equilibria of a bimatrix game by support enumeration.

For supports ``I`` (rows) and ``J`` (columns) of equal size ``k``, solve the indifference
equations

    sum_{j in J} A[i, j] y_j = v  (i in I),   sum_j y_j = 1,
    sum_{i in I} B[i, j] x_i = u  (j in J),   sum_i x_i = 1,

and keep solutions with ``x, y >= 0`` whose supports are best responses
(``max A y <= v``, ``max B^T x <= u``). For nondegenerate games every equilibrium has supports of
equal size with nonsingular systems, so the enumeration is complete (von Stengel 2007,
Algorithm 3.4). For degenerate games equilibria may form continua or need unequal supports;
the result then says it is incomplete and points to :func:`benchgame.games.all_equilibria`. All
pairs of one size are solved at once with ``numpy.linalg.solve`` on the payoffs mapped affinely
onto ``[1, 2]`` (so the singularity and best-response tolerances do not depend on the payoff
scale). The float solutions only select candidate supports: each candidate's equations are
solved again in rational arithmetic on the exact payoffs (the stored floats are exact binary
rationals) and it is kept only if the exact solution is an equilibrium (nonnegative, and every
regret exactly zero).

References
----------
von Stengel, B. (2007). Equilibrium computation for two-player games in strategic and
extensive form. In N. Nisan, T. Roughgarden, E. Tardos and V. V. Vazirani (eds.),
*Algorithmic Game Theory*, ch. 3, 53-78. Cambridge University Press.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np

from benchgame.games.best_response_polytopes import positive_shift
from benchgame.games.certificate import DEFAULT_TOL
from benchgame.games.degeneracy import is_degenerate
from benchgame.games.equilibrium import Equilibrium, EquilibriumSet
from benchgame.games.exact_verification import exact_payoff_tensor
from benchgame.games.rational import solve_rational_system
from benchgame.games.vertex_enumeration import bimatrix_of

if TYPE_CHECKING:
    from benchgame.games.normal_form import NormalFormGame

__all__ = ["support_enumeration"]

_CHUNK = 100_000


def _indifferent(M: np.ndarray, I: np.ndarray, J: np.ndarray, tol: float):  # noqa: E741
    """Batched ``M[I, J] y = v 1, sum y = 1``; returns (ok mask, y_J, v)."""
    t, k = I.shape
    S = np.zeros((t, k + 1, k + 1))
    S[:, :k, :k] = M[I[:, :, None], J[:, None, :]]
    S[:, :k, k] = -1.0
    S[:, k, :k] = 1.0
    rhs = np.zeros((t, k + 1, 1))
    rhs[:, k] = 1.0
    # nonsingular relative to Hadamard's bound (the product of the row norms)
    ok = np.abs(np.linalg.det(S)) > tol * np.prod(np.linalg.norm(S, axis=2), axis=1)
    sol = np.full((t, k + 1), np.nan)
    if ok.any():
        sol[ok] = np.linalg.solve(S[ok], rhs[ok])[..., 0]
    return ok, sol[:, :k], sol[:, k]


def _exact_side(M: np.ndarray, I: Sequence[int], J: Sequence[int]):  # noqa: E741
    """Exact ``y`` on ``J`` with ``M[I, J] y = v 1`` and ``sum y = 1``.

    Returns the full vector if the solution is unique, nonnegative and ``max_i (M y)_i == v``
    (``"zero"`` if it has a zero on ``J``: its support is smaller), else None.
    """
    k = len(J)
    sol = solve_rational_system([[M[i, j] for j in J] + [-1] for i in I] + [[1] * k + [0]],
                                [0] * len(I) + [1])
    if sol is None or any(p < 0 for p in sol[:k]):
        return None
    y = [Fraction(0)] * M.shape[1]
    for j, p in zip(J, sol[:k], strict=True):
        y[j] = p
    v = sol[k]
    if any(sum((M[i, j] * y[j] for j in J), Fraction(0)) > v for i in range(M.shape[0])):
        return None  # some pure strategy does strictly better: not an equilibrium
    return "zero" if any(p == 0 for p in sol[:k]) else tuple(y)


def _exact_equilibrium(U: np.ndarray, I: Sequence[int], J: Sequence[int]):  # noqa: E741
    """The exact equilibrium with supports exactly ``I`` and ``J``.

    None if the exact system has no such equilibrium; ``"zero"`` if its exact solution is an
    equilibrium with a smaller support (listed, if its supports have equal size, from those).
    """
    y = _exact_side(U[..., 0], I, J)
    x = None if y is None else _exact_side(U[..., 1].T, J, I)
    if x is None:
        return None
    return "zero" if isinstance(x, str) or isinstance(y, str) else (x, y)


def support_enumeration(game: NormalFormGame, tol: float = DEFAULT_TOL, *,
                        solve_tol: float = 1e-9) -> EquilibriumSet:
    """Equilibria with equal-size supports of a two-player game.

    For every pair of supports of equal size the indifference equations are solved (in batches,
    on payoffs mapped onto ``[1, 2]``); solutions that are nonnegative best responses are
    recomputed in rational arithmetic and certified.

    Parameters
    ----------
    game : NormalFormGame
        Two-player game.
    tol : float
        Relative tolerance of the float certificates.
    solve_tol : float
        Tolerance of the linear solves: singularity (relative to Hadamard's bound),
        nonnegativity of the probabilities, the best-response test and the support threshold
        of the exact recomputation.

    Returns
    -------
    EquilibriumSet
        ``complete`` is ``True`` iff the game is nondegenerate (checked with
        :func:`benchgame.games.degeneracy.is_degenerate`) and no candidate that passed the
        float test failed the exact one (their count is the provenance's ``dropped_inexact``).
        Every equilibrium is an exact equilibrium of the stored payoffs; they are sorted by
        their exact strategies and record their supports in the provenance.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``game`` is not a two-player :class:`NormalFormGame`.

    References
    ----------
    von Stengel, B. (2007). Equilibrium computation for two-player games in strategic and
    extensive form. In N. Nisan, T. Roughgarden, E. Tardos and V. V. Vazirani (eds.),
    *Algorithmic Game Theory*, ch. 3, 53-78. Cambridge University Press.

    Examples
    --------
    >>> from benchgame.games.normal_form import NormalFormGame
    >>> bos = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> eqs = support_enumeration(bos)
    >>> eqs.complete, [[[str(p) for p in s] for s in e.exact] for e in eqs]
    (True, [[['0', '1'], ['0', '1']], [['2/3', '1/3'], ['1/3', '2/3']], [['1', '0'], ['1', '0']]])

    On a degenerate game the result says it may be incomplete:

    >>> g = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    >>> eqs = support_enumeration(g)
    >>> len(eqs), eqs.complete, eqs.degenerate
    (2, False, True)

    Decimal payoffs are binary fractions near the decimals; a support pair that is an
    equilibrium only up to rounding (``0.1 + 0.3`` exceeds ``2 * 0.2`` in binary) is dropped:

    >>> g = NormalFormGame.from_bimatrix([[.3, .1, .1], [.1, .3, .3]],
    ...                                  [[.3, .1, .2], [.1, .3, .2]])
    >>> eqs = support_enumeration(g)
    >>> len(eqs), all(e.verify_exact() for e in eqs), eqs.provenance["dropped_inexact"]
    (3, True, 1)
    """

    A, B = positive_shift(*bimatrix_of(game))  # affine onto [1, 2]: tolerances scale-free
    m, n = A.shape
    scale = 2.0
    U = exact_payoff_tensor(game)
    found: list[Equilibrium] = []
    keys: set = set()
    dropped = 0
    for k in range(1, min(m, n) + 1):
        rows = np.array(list(combinations(range(m), k)), dtype=np.intp)
        cols = np.array(list(combinations(range(n), k)), dtype=np.intp)
        ri, ci = np.meshgrid(np.arange(len(rows)), np.arange(len(cols)), indexing="ij")
        ri, ci = ri.ravel(), ci.ravel()
        for s in range(0, len(ri), _CHUNK):
            I, J = rows[ri[s:s + _CHUNK]], cols[ci[s:s + _CHUNK]]  # noqa: E741
            oky, yJ, v = _indifferent(A, I, J, solve_tol)
            okx, xI, u = _indifferent(B.T, J, I, solve_tol)
            ok = oky & okx & (yJ >= -solve_tol).all(axis=1) & (xI >= -solve_tol).all(axis=1)
            idx = np.flatnonzero(ok)
            if idx.size == 0:
                continue
            x = np.zeros((idx.size, m))
            y = np.zeros((idx.size, n))
            np.put_along_axis(x, I[idx], xI[idx], axis=1)
            np.put_along_axis(y, J[idx], yJ[idx], axis=1)
            br = (((y @ A.T) <= v[idx, None] + solve_tol * scale).all(axis=1)
                  & ((x @ B) <= u[idx, None] + solve_tol * scale).all(axis=1))
            for t in np.flatnonzero(br):
                ex = _exact_equilibrium(U, I[idx[t]].tolist(), J[idx[t]].tolist())
                if ex is None:
                    dropped += 1  # passed in floats, not exactly: a near-tie
                if ex is None or ex == "zero":
                    continue
                if ex in keys:
                    continue
                keys.add(ex)
                found.append(Equilibrium.certified(
                    game, [np.array([float(q) for q in e]) for e in ex], "support_enumeration",
                    tol=tol, exact=ex, provenance={"supports": [I[idx[t]].tolist(),
                                                                J[idx[t]].tolist()]}))
    degenerate = is_degenerate(game)
    found.sort(key=lambda e: e.exact)
    if degenerate:
        reason = ("degenerate game: equilibria may form continua or use unequal supports, which "
                  "support enumeration does not list; use benchgame.games.all_equilibria "
                  "(vertex enumeration)")
    elif dropped:
        reason = (f"{dropped} candidate(s) passed the float test but are not exact equilibria: "
                  "the payoffs nearly tie, so the float search may have missed supports; use "
                  "benchgame.games.all_equilibria (vertex enumeration, decided exactly)")
    else:
        reason = ("nondegenerate game: every equilibrium has equal-size supports with a unique "
                  "solution of the indifference equations, and every such pair was tested")
    return EquilibriumSet(
        game=game, equilibria=tuple(found), method="support_enumeration",
        complete=not degenerate and not dropped, degenerate=degenerate, reason=reason,
        provenance={"solve_tol": solve_tol, "dropped_inexact": dropped},
    )
