"""Zero-sum (and constant-sum) bimatrix games by linear programming.

Von Neumann's minimax theorem: for payoff matrix ``A`` of the row player (column player gets
``c - A``),

    v = max_x min_j (x^T A)_j = min_y max_i (A y)_i.

Both sides are solved as LPs with scipy's HiGHS; the certificate is the duality gap
``max_i (A y)_i - min_j (x^T A)_j >= 0`` (zero at an equilibrium). The LP optimum gives the
supports; the optimal strategies are then recomputed exactly from them by solving the
indifference and probability equations in rational arithmetic
(:func:`~benchgame.games.exact_support.support_equilibrium`), so that a correct answer is an
exact equilibrium of the stored game and passes exact verification at any payoff scale.

A game is constant-sum when :meth:`NormalFormGame.is_zero_sum
<benchgame.games.normal_form.NormalFormGame.is_zero_sum>` says so: the float sums ``A + B`` spread
by at most ``1e-12`` times the largest absolute payoff (``B = c - A`` computed in floats sums to
``c`` only up to rounding).

References
----------
von Neumann, J. (1928). Zur Theorie der Gesellschaftsspiele. *Mathematische Annalen* 100,
295-320.

Dantzig, G. B. (1951). A proof of the equivalence of the programming problem and the game
problem. In T. C. Koopmans (ed.), *Activity Analysis of Production and Allocation*, 330-335.
Wiley.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from benchgame.core.serialize import Serializable
from benchgame.core.validation import require
from benchgame.games.certificate import DEFAULT_TOL
from benchgame.games.equilibrium import Equilibrium
from benchgame.games.exact_support import support_equilibrium
from benchgame.games.vertex_enumeration import bimatrix_of

if TYPE_CHECKING:
    from benchgame.games.normal_form import NormalFormGame


__all__ = ["LPSolverError", "ZeroSumSolution", "zero_sum_equilibrium"]


class LPSolverError(RuntimeError):
    """The LP solver did not report an optimal solution.

    Raised by :func:`zero_sum_equilibrium` with the HiGHS status and message.
    """


def _maximin(A: np.ndarray) -> tuple[np.ndarray, float]:
    """``argmax_x min_j (x^T A)_j`` as the LP max v s.t. A^T x >= v 1, sum x = 1, x >= 0."""
    from scipy.optimize import linprog  # deferred: heavy import

    m, n = A.shape
    c = np.zeros(m + 1)
    c[-1] = -1.0
    A_ub = np.hstack([-A.T, np.ones((n, 1))])
    A_eq = np.hstack([np.ones((1, m)), np.zeros((1, 1))])
    res = linprog(c, A_ub=A_ub, b_ub=np.zeros(n), A_eq=A_eq, b_eq=[1.0],
                  bounds=[(0, None)] * m + [(None, None)], method="highs")
    if res.status != 0:
        raise LPSolverError(f"HiGHS did not find an optimum (status {res.status}: {res.message})")
    x = np.clip(res.x[:m], 0.0, None)
    return x / x.sum(), float(-res.fun)


@dataclass(frozen=True)
class ZeroSumSolution(Serializable):
    """Value and optimal strategies of a constant-sum game.

    As returned by :func:`zero_sum_equilibrium`.

    Parameters
    ----------
    value : float
        Row player's value ``max_x min_y x^T A y`` (LP optimum, HiGHS).
    upper : float
        ``min_y max_x x^T A y`` from the dual LP (equal to ``value`` up to solver tolerance).
    duality_gap : float
        ``max_i (A y)_i - min_j (x^T A)_j`` at the returned strategies (the certificate).
    constant : float
        ``A + B`` (0 for zero-sum games).
    equilibrium : Equilibrium
        The optimal profile with its regret certificate and exact rationalisation.

    Attributes
    ----------
    strategies : tuple of ndarray
        The optimal strategies (those of ``equilibrium``).

    Notes
    -----
    ``to_dict()`` gives ``value``, ``upper``, ``duality_gap``, ``constant`` and
    ``equilibrium`` (:meth:`Equilibrium.to_dict
    <benchgame.games.equilibrium.Equilibrium.to_dict>`).
    """

    value: float
    upper: float
    duality_gap: float
    constant: float
    equilibrium: Equilibrium

    @property
    def strategies(self) -> tuple[np.ndarray, ...]:
        """The optimal mixed strategies ``(x, y)``."""
        return self.equilibrium.strategies


def zero_sum_equilibrium(game: NormalFormGame, tol: float = DEFAULT_TOL) -> ZeroSumSolution:
    """Optimal strategies and value of a two-player zero-sum or constant-sum game.

    Solves the row player's maximin LP and the column player's (the dual), so that the value
    comes with the bound from the other side and the duality gap at the returned strategies.

    Parameters
    ----------
    game : NormalFormGame
        Two-player game whose payoffs sum to the same constant at every profile.
    tol : float
        Relative tolerance of the equilibrium's float certificate.

    Returns
    -------
    ZeroSumSolution
        Value, dual bound, duality gap and the certified optimal profile (method
        ``"zero_sum_lp"``). Its exact strategies solve the indifference equations on the LP's
        supports in rational arithmetic and are an exact equilibrium of the stored game (the
        floats are their rounding); ``provenance["exact_source"]`` is ``"support"``. If no
        such exact equilibrium is found (``exact_source`` None), the LP floats are returned
        without exact strategies and ``verify_exact`` checks their exact values.

    Raises
    ------
    InputError
        If ``game`` is not a two-player constant-sum game (see
        :meth:`~benchgame.games.normal_form.NormalFormGame.is_zero_sum`).
    LPSolverError
        If HiGHS does not report an optimal solution.

    References
    ----------
    von Neumann, J. (1928). Zur Theorie der Gesellschaftsspiele. *Mathematische Annalen* 100,
    295-320.

    Dantzig, G. B. (1951). A proof of the equivalence of the programming problem and the game
    problem. In T. C. Koopmans (ed.), *Activity Analysis of Production and Allocation*, 330-335.
    Wiley.

    Examples
    --------
    >>> from benchgame.games.normal_form import NormalFormGame
    >>> sol = zero_sum_equilibrium(NormalFormGame.from_bimatrix([[3, -1], [-2, 1]]))
    >>> round(sol.value, 12), round(sol.upper, 12), sol.duality_gap < 1e-12
    (0.142857142857, 0.142857142857, True)
    >>> [[str(p) for p in s] for s in sol.equilibrium.exact], sol.equilibrium.verify_exact().ok
    ([['3/7', '4/7'], ['2/7', '5/7']], True)

    Constant-sum with a float constant, and payoffs of order 1e12, verify exactly:

    >>> A = [[0.3, 0.7], [0.9, 0.2]]
    >>> sol = zero_sum_equilibrium(NormalFormGame.from_bimatrix(A, 0.1 - np.array(A)))
    >>> round(sol.constant, 12), sol.equilibrium.verify_exact().ok
    (0.1, True)
    >>> big = NormalFormGame.from_bimatrix(np.array([[3, -1], [-2, 1]]) * 1e12 + 0.5)
    >>> check = zero_sum_equilibrium(big).equilibrium.verify_exact()
    >>> check.ok, [[str(p) for p in s] for s in check.strategies]
    (True, [['3/7', '4/7'], ['2/7', '5/7']])
    """

    A, B = bimatrix_of(game)
    total = A + B
    require(game.is_zero_sum(), "game",
            f"is not zero-sum or constant-sum (A + B spreads over {np.ptp(total):.3g}, more than "
            f"1e-12 times the largest absolute payoff)",
            "use benchgame.games.all_equilibria or benchgame.games.lemke_howson for general-sum "
            "games")
    c = float(np.median(total))
    x, lower = _maximin(A)
    y, neg_upper = _maximin(-A.T)
    upper = -neg_upper
    exact = support_equilibrium(game, [x, y])
    if exact is not None:
        x, y = (np.array([float(p) for p in s]) for s in exact)
    gap = float((A @ y).max() - (x @ A).min())
    eq = Equilibrium.certified(game, [x, y], "zero_sum_lp", tol=tol, exact=exact,
                               provenance={"value": lower, "lower": lower, "upper": upper,
                                           "duality_gap": gap, "constant": c,
                                           "exact_source": None if exact is None else "support"})
    return ZeroSumSolution(value=lower, upper=upper, duality_gap=gap, constant=c, equilibrium=eq)
