"""Exact two-player equilibria from the supports of a float solution.

A float solution (for instance the optimum of a linear program) tells which strategies are played
and which are best responses. The equilibrium with those supports solves the linear system

.. math::

    (A y)_k = v \\ (k \\in K), \\qquad \\textstyle\\sum_{j \\in J} y_j = 1, \\qquad
    y_j = 0 \\ (j \\notin J),

and symmetrically for ``x`` with the column player's payoffs ``B``, where ``I`` and ``J`` are the
supports of ``x`` and ``y`` and ``K`` is either ``I`` or the set of the row player's (near-)best
responses to ``y`` (the LP's tight constraints, which determine a basic solution when ``|I|`` is
smaller than ``|J|``). :func:`support_equilibrium` solves these systems in rational arithmetic
(Bareiss elimination on the exact payoffs) and keeps a candidate only when its exact regrets are
all zero, so no rounding or denominator bound is involved.

References
----------
Dantzig, G. B. (1951). A proof of the equivalence of the programming problem and the game
problem. In T. C. Koopmans (ed.), *Activity Analysis of Production and Allocation*, 330-335.
Wiley.

Bareiss, E. H. (1968). Sylvester's identity and multistep integer-preserving Gaussian
elimination. *Mathematics of Computation* 22(103), 565-578.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from benchgame.core.validation import require
from benchgame.games.exact_verification import _exact_check, exact_payoff_tensor
from benchgame.games.rational import solve_rational_system

if TYPE_CHECKING:
    from benchgame.games.normal_form import NormalFormGame

__all__ = ["support_equilibrium"]


def _indifferent(Ui: np.ndarray, rows: np.ndarray, cols: np.ndarray,
                 size: int) -> tuple[Fraction, ...] | None:
    """Opponent strategy on ``cols`` making every row in ``rows`` of ``Ui`` equally good."""
    M = [[Ui[k, j] for j in cols] + [Fraction(-1)] for k in rows]
    M.append([Fraction(1)] * len(cols) + [Fraction(0)])
    rhs = [Fraction(0)] * len(rows) + [Fraction(1)]
    sol = solve_rational_system(M, rhs)
    if sol is None or any(p < 0 for p in sol[:-1]):
        return None
    full = [Fraction(0)] * size
    for j, p in zip(cols, sol[:-1], strict=True):
        full[int(j)] = p
    return tuple(full)


def support_equilibrium(game: NormalFormGame, profile: Sequence[np.ndarray],
                        support_tol: float = 1e-9,
                        tight_tol: float = 1e-9) -> tuple[tuple[Fraction, ...], ...] | None:
    """Exact equilibrium of a two-player game on the supports of a float profile, or None.

    For each player the opponent's indifference system is solved exactly, once with the
    player's support as the indifferent strategies and once with her best responses (values
    within ``tight_tol`` times her payoff range of the best); the first candidate pair whose
    exact regrets are all zero is returned.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    profile : sequence of array_like
        The float profile ``(x, y)``.
    support_tol : float, default 1e-9
        Probabilities above this form the supports.
    tight_tol : float, default 1e-9
        Relative tolerance defining the (near-)best responses used as the second choice of
        indifferent strategies.

    Returns
    -------
    tuple of tuple of Fraction or None
        ``(x, y)`` exactly, an equilibrium of ``game`` (every exact regret zero) with supports
        inside those of ``profile``; None when no candidate is an exact equilibrium.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``game`` does not have two players.

    References
    ----------
    Dantzig, G. B. (1951). A proof of the equivalence of the programming problem and the game
    problem. In T. C. Koopmans (ed.), *Activity Analysis of Production and Allocation*,
    330-335. Wiley.

    Examples
    --------
    >>> from benchgame.games.normal_form import NormalFormGame
    >>> A = np.array([[3.0, -1.0], [-2.0, 1.0]]) * 1e12
    >>> g = NormalFormGame.from_bimatrix(A)
    >>> ex = support_equilibrium(g, [np.array([0.43, 0.57]), np.array([0.28, 0.72])])
    >>> [[str(p) for p in s] for s in ex]
    [['3/7', '4/7'], ['2/7', '5/7']]

    A profile whose supports carry no equilibrium gives None:

    >>> support_equilibrium(g, [np.array([1.0, 0.0]), np.array([1.0, 0.0])]) is None
    True
    """
    require(game.num_players == 2, "game", f"has {game.num_players} players, not 2",
            "support_equilibrium solves the linear indifference systems of two-player games")
    U = exact_payoff_tensor(game)
    A, B = game.bimatrix()
    x, y = (np.asarray(s, dtype=float) for s in profile)
    scale = game.regret_scale()
    supp_x, supp_y = np.flatnonzero(x > support_tol), np.flatnonzero(y > support_tol)
    ay, xb = A @ y, x @ B
    best_rows = np.flatnonzero(ay >= ay.max() - tight_tol * scale[0])
    best_cols = np.flatnonzero(xb >= xb.max() - tight_tol * scale[1])
    m, n = game.shape
    ys = [_indifferent(U[..., 0], rows, supp_y, n) for rows in (supp_x, best_rows)]
    xs = [_indifferent(U[..., 1].T, cols, supp_x, m) for cols in (supp_y, best_cols)]
    tried = set()
    for xe in xs:
        for ye in ys:
            if xe is None or ye is None or (xe, ye) in tried:
                continue
            tried.add((xe, ye))
            if _exact_check(game, U, (xe, ye), "support").ok:
                return (xe, ye)
    return None
