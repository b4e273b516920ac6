"""Lemke-Howson complementary pivoting with a lexicographic minimum-ratio rule.

Tableaux (von Stengel 2002, Sect. 3; Lemke and Howson 1964) on payoffs shifted to be positive
(``A1``, ``B1``: the payoffs mapped affinely onto ``[1, 2]`` by ``positive_shift``; equilibria are
invariant under this map):

    T0:  B1^T x + s = 1   (n rows; x_i has label i, s_j has label m + j)
    T1:  A1 y + r = 1     (m rows; r_i has label i, y_j has label m + j)

Starting from the artificial equilibrium ``(0, 0)`` the variable with the dropped label ``k``
enters; each pivot's leaving variable names the label whose complement enters the other tableau,
until the leaving label is ``k``. Ties in the ratio test are broken lexicographically on
``(rhs, B^{-1})`` rows divided by the pivot entry, so the path cannot cycle also on degenerate
games. Lemke-Howson finds *an* equilibrium per label; it need not reach every equilibrium.

The path runs in :func:`benchgame.games.lemke_howson_kernel.lemke_howson_path`, compiled on first
use (:mod:`benchgame.games.compiled`), on condensed tableaux that store only the nonbasic columns:
a pivot costs ``n (m + 1)`` or ``m (n + 1)`` multiply-adds, with the same ratio test, ties and row
order as the full tableaux above, so the path and its end are the same. The kernel also applies
the shift and computes the end point's regrets, from which the certificate is built
(:func:`benchgame.games.certificate.certificate_of`): one compiled call per solve.

References
----------
Lemke, C. E. and Howson, J. T., Jr. (1964). Equilibrium points of bimatrix games. *Journal of
the Society for Industrial and Applied Mathematics* 12(2), 413-423.

von Stengel, B. (2002). Computing equilibria for two-person games. In R. J. Aumann and
S. Hart (eds.), *Handbook of Game Theory with Economic Applications*, vol. 3, ch. 45,
1723-1759. Elsevier.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from benchgame.core.validation import InputError, as_tolerance, require
from benchgame.games.best_response_polytopes import MAX_PAYOFF, positive_shift
from benchgame.games.certificate import DEFAULT_TOL, certificate_of
from benchgame.games.compiled import compiled
from benchgame.games.equilibrium import Equilibrium, EquilibriumSet
from benchgame.games.exact_verification import exact_payoff_tensor
from benchgame.games.lemke_howson_kernel import lemke_howson_path
from benchgame.games.rational import solve_rational_system
from benchgame.games.vertex_enumeration import bimatrix_of

if TYPE_CHECKING:
    from benchgame.games.normal_form import NormalFormGame

__all__ = ["EXACT_LIMIT", "lemke_howson", "lemke_howson_all"]

#: Largest ``max(m, n)`` for which exact rational strategies are recomputed from the final basis.
EXACT_LIMIT = 40


def _exact_side(M: list[list[Fraction]], basis: list[int], col_of, nvars: int, d: int,
                own: range) -> tuple[Fraction, ...]:
    """Exact normalised strategy from a tableau's basis (nonbasic variables are zero)."""
    cols = [col_of(lab) for lab in basis]
    rows = [[M[r][c] for c in cols] for r in range(len(M))]
    sol = solve_rational_system(rows, [Fraction(1)] * len(M))
    full = [Fraction(0)] * d
    if sol is None:
        return tuple(full)
    for lab, v in zip(basis, sol, strict=True):
        if lab in own:
            full[lab - own.start] = v
    total = sum(full)
    return tuple(v / total for v in full) if total else tuple(full)


def lemke_howson(game: NormalFormGame, initial_label: int = 0, tol: float = DEFAULT_TOL, *,
                 pivot_tol: float = 1e-12, max_pivots: int = 1_000_000,
                 exact: bool | None = None) -> Equilibrium:
    """One equilibrium of a two-player game by Lemke-Howson from ``initial_label``.

    Follows the complementary pivoting path from the artificial equilibrium ``(0, 0)`` with the
    label ``initial_label`` dropped, with a lexicographic ratio test so that the path does not
    cycle on degenerate games either; the end of the path is an equilibrium.

    Parameters
    ----------
    game : NormalFormGame
        Two-player game (m x n).
    initial_label : int
        Dropped label: ``0..m-1`` are row strategies, ``m..m+n-1`` column strategies.
    tol : float
        Relative tolerance of the float certificate.
    pivot_tol : float
        Entries at most this are treated as non-positive in the ratio test.
    max_pivots : int
        Safety bound on the path length.
    exact : bool, optional
        Recompute exact rational strategies from the final basis (default: when
        ``max(m, n) <= EXACT_LIMIT``).

    Returns
    -------
    Equilibrium
        Method ``"lemke_howson"``, provenance ``{"initial_label", "pivots"}``, with its
        certificate and (when recomputed) exact rational strategies.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``game`` is not a two-player game, ``initial_label`` is not in ``0..m+n-1``,
        ``max_pivots`` is not positive or the path is longer than ``max_pivots``.
    RuntimeError
        If the ratio test finds an unbounded ray (impossible on the positive payoffs used).

    References
    ----------
    Lemke, C. E. and Howson, J. T., Jr. (1964). Equilibrium points of bimatrix games. *Journal of
    the Society for Industrial and Applied Mathematics* 12(2), 413-423.

    von Stengel, B. (2002). Computing equilibria for two-person games. In R. J. Aumann and
    S. Hart (eds.), *Handbook of Game Theory with Economic Applications*, vol. 3, ch. 45,
    1723-1759. Elsevier.

    Examples
    --------
    >>> from benchgame.games.normal_form import NormalFormGame
    >>> g = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    >>> eq = lemke_howson(g, initial_label=1)
    >>> [[str(p) for p in s] for s in eq.exact], dict(eq.provenance)
    ([['0', '1/3', '2/3'], ['1/3', '2/3']], {'initial_label': 1, 'pivots': 4})
    >>> eq.certificate.passed
    True
    """
    bimatrix_of(game)  # InputError unless a two-player game
    m, n = game.shape
    if not isinstance(initial_label, (int, np.integer)) or not 0 <= initial_label < m + n:
        raise InputError("initial_label", f"must be an integer in [0, {m + n}), got "
                         f"{initial_label!r}", "pick a row index or m + column index")
    require(max_pivots > 0, "max_pivots", "must be positive", "pass e.g. 10**6")
    tol = as_tolerance(tol)
    k = int(initial_label)
    x, y, b0, b1, pivots, status, regrets, scale = compiled(lemke_howson_path)(
        game.payoffs, k, float(pivot_tol), int(max_pivots), MAX_PAYOFF)
    if status == 3:
        positive_shift(*bimatrix_of(game))  # raises the InputError naming the payoffs and fix
    if status in (1, 4):
        raise RuntimeError("unbounded ray in Lemke-Howson (payoffs must be positive)"
                           if status == 1 else "Lemke-Howson ended at the artificial equilibrium")
    require(status == 0, "max_pivots", f"path longer than {max_pivots} pivots", "raise max_pivots")
    ex = None
    if exact if exact is not None else max(m, n) <= EXACT_LIMIT:
        ex = _exact_strategies(game, [b0.tolist(), b1.tolist()])
    return Equilibrium.from_certificate(
        game, (x, y), "lemke_howson", certificate_of(regrets, scale, tol), exact=ex,
        provenance={"initial_label": k, "pivots": pivots})


def _exact_strategies(game: NormalFormGame, basis: list[list[int]]
                      ) -> tuple[tuple[Fraction, ...], ...] | None:
    """Exact rational strategies of both players from the final bases (None if not a profile)."""
    U = exact_payoff_tensor(game)
    m, n = game.shape
    col_of = [lambda lab: lab, lambda lab: lab - m if lab >= m else n + lab]
    amin, bmin = min(U[..., 0].ravel()), min(U[..., 1].ravel())
    M0 = [[U[i, j, 1] - bmin + 1 for i in range(m)] + [Fraction(int(j == jj)) for jj in
                                                      range(n)] for j in range(n)]
    M1 = [[U[i, j, 0] - amin + 1 for j in range(n)] + [Fraction(int(i == ii)) for ii in
                                                      range(m)] for i in range(m)]
    ex = (_exact_side(M0, basis[0], col_of[0], m + n, m, range(0, m)),
          _exact_side(M1, basis[1], col_of[1], m + n, n, range(m, m + n)))
    return None if any(sum(s) != 1 for s in ex) else ex


def lemke_howson_all(game: NormalFormGame, tol: float = DEFAULT_TOL, **kwargs) -> EquilibriumSet:
    """Lemke-Howson from every initial label; distinct results (not a complete enumeration).

    Parameters
    ----------
    game : NormalFormGame
        Two-player game (m x n).
    tol : float
        Relative tolerance of the float certificates.
    **kwargs
        Passed to :func:`lemke_howson` (``pivot_tol``, ``max_pivots``, ``exact``).

    Returns
    -------
    EquilibriumSet
        The distinct equilibria found, ``complete=False``; provenance
        ``labels_per_equilibrium`` lists the initial labels that reached each one.

    Raises
    ------
    benchgame.core.validation.InputError
        As :func:`lemke_howson`.

    References
    ----------
    Lemke, C. E. and Howson, J. T., Jr. (1964). Equilibrium points of bimatrix games. *Journal of
    the Society for Industrial and Applied Mathematics* 12(2), 413-423.

    Examples
    --------
    This game has three equilibria; the Lemke-Howson paths reach only two of them:

    >>> from benchgame.games.normal_form import NormalFormGame
    >>> g = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    >>> found = lemke_howson_all(g)
    >>> len(found), found.complete, found.provenance["labels_per_equilibrium"]
    (2, False, [[0, 2, 3], [1, 4]])
    """
    A, _ = bimatrix_of(game)
    found: list[Equilibrium] = []
    labels: list[list[int]] = []
    for k in range(sum(A.shape)):
        eq = lemke_howson(game, k, tol, **kwargs)
        hit = next((i for i, e in enumerate(found) if e.distance(eq) <= 1e-9), None)
        if hit is None:
            found.append(eq)
            labels.append([k])
        else:
            labels[hit].append(k)
    return EquilibriumSet(
        game=game, equilibria=tuple(found), method="lemke_howson", complete=False,
        reason="Lemke-Howson reaches one equilibrium per initial label and need not find every "
        "equilibrium (e.g. those not connected to the artificial equilibrium by a path); use "
        "all_equilibria for a complete enumeration",
        provenance={"labels_per_equilibrium": labels},
    )
