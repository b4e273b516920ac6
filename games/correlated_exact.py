"""Incentive constraints of correlated equilibria, and their exact rational verification.

A distribution :math:`p` over pure profiles is a *correlated equilibrium* (CE; Aumann 1974) iff no
player gains by deviating from a recommendation: for every player ``i`` and strategies
:math:`k \\ne k'`,

.. math::  \\sum_{a : a_i = k} p(a)\\,\\big(U_i(k', a_{-i}) - U_i(a)\\big) \\le 0,

and a *coarse correlated equilibrium* (CCE; Moulin and Vial 1978) iff no player gains by committing
to one strategy ``k'`` before the draw: :math:`\\sum_a p(a)(U_i(k', a_{-i}) - U_i(a)) \\le 0`.
Every CE is a CCE and every Nash equilibrium (as a product distribution) is a CE.

:func:`verify_correlated` checks these inequalities without rounding (payoffs are converted to
exact rationals, as in :func:`~benchgame.games.certificate.exact_payoff_tensor`).
:func:`vertex_distribution` recovers the exact vertex of the LP from a float solution: the support
and the tight constraints determine it through a square rational linear system.

References
----------
Aumann, R. J. (1974). Subjectivity and correlation in randomized strategies. *Journal of
Mathematical Economics* 1(1), 67-96.

Moulin, H. and Vial, J.-P. (1978). Strategically zero-sum games: the class of games whose
completely mixed equilibria cannot be improved upon. *International Journal of Game Theory* 7,
201-221.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from benchgame.core.validation import require
from benchgame.games.certificate import exact_payoff_tensor
from benchgame.games.normal_form import NormalFormGame
from benchgame.games.rational import solve_rational_system

__all__ = ["CorrelatedVerification", "incentive_constraints", "independent_rows",
           "vertex_distribution", "verify_correlated"]

KINDS = ("ce", "cce")


def incentive_constraints(game: NormalFormGame, kind: str = "ce", *, exact: bool = False
                          ) -> tuple[np.ndarray, list[tuple[int, int | None, int]]]:
    """The incentive constraints ``A p <= 0`` of correlated or coarse correlated equilibria.

    Parameters
    ----------
    game : NormalFormGame
        The game; columns of ``A`` are its pure profiles in C order (``np.ravel_multi_index``).
    kind : {"ce", "cce"}
        Correlated (one row per player, recommendation and deviation) or coarse correlated (one
        row per player and deviation).
    exact : bool
        Entries as :class:`fractions.Fraction` (object array) instead of floats.

    Returns
    -------
    A : ndarray
        Shape ``(rows, num_profiles)``; row ``r`` is the expected gain of a deviation.
    rows : list of tuple
        ``(player, recommended, deviation)`` per row (``recommended`` is None for CCE).

    Raises
    ------
    benchgame.core.validation.InputError
        If ``kind`` is not ``"ce"`` or ``"cce"``.

    Examples
    --------
    >>> chicken = NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> A, rows = incentive_constraints(chicken)
    >>> A.tolist()[0], rows[0]
    ([1.0, -2.0, 0.0, 0.0], (0, 0, 1))
    """
    require(kind in KINDS, "kind", f"is {kind!r}", "use 'ce' or 'cce'")
    U = exact_payoff_tensor(game) if exact else np.asarray(game.payoffs, dtype=float)
    shape, n = game.shape, game.num_players
    prof = np.indices(shape).reshape(n, -1)
    flat = U.reshape(-1, n)
    rows, out = [], []
    zero = Fraction(0) if exact else 0.0
    for i in range(n):
        own = flat[:, i]
        gains = []
        for dev in range(shape[i]):
            moved = prof.copy()
            moved[i] = dev
            gains.append(flat[np.ravel_multi_index(tuple(moved), shape), i] - own)
        if kind == "cce":
            out.extend(gains)
            rows.extend((i, None, dev) for dev in range(shape[i]))
            continue
        for rec in range(shape[i]):
            for dev in range(shape[i]):
                if rec != dev:
                    out.append(np.where(prof[i] == rec, gains[dev], zero))
                    rows.append((i, rec, dev))
    size = int(np.prod(shape))
    A = np.array(out, dtype=object if exact else float).reshape(len(out), size)
    return A, rows


@dataclass(frozen=True)
class CorrelatedVerification:
    """Exact check of a distribution's incentive constraints (see :func:`verify_correlated`).

    It is truthy exactly when ``ok`` is.

    Parameters
    ----------
    ok : bool
        The distribution is nonnegative, sums to one and satisfies every constraint exactly.
    max_violation : fractions.Fraction
        The largest exact expected gain of a deviation (0 when none is profitable).
    worst : tuple or None
        ``(player, recommended, deviation)`` of the most violated constraint, if any.
    source : str
        How the exact distribution was obtained (``"rationalized"``, ``"vertex"``, ...).
    """

    ok: bool
    max_violation: Fraction
    worst: tuple[int, int | None, int] | None
    source: str

    def __bool__(self) -> bool:
        return self.ok

    def to_dict(self) -> dict:
        """The verification as a JSON-ready dictionary (the violation as a string and a float).

        Returns
        -------
        dict
            ``ok``, ``max_violation``, ``max_violation_float``, ``worst`` and ``source``.
        """
        return {"ok": self.ok, "max_violation": str(self.max_violation),
                "max_violation_float": float(self.max_violation),
                "worst": None if self.worst is None else list(self.worst), "source": self.source}


def verify_correlated(game: NormalFormGame, distribution: np.ndarray, kind: str = "ce",
                      source: str = "given") -> CorrelatedVerification:
    """Check exactly that ``distribution`` is a correlated (or coarse correlated) equilibrium.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    distribution : array_like of Fraction
        Probability of each pure profile, shape ``game.shape`` (entries are converted with
        :class:`fractions.Fraction`, so floats are taken at their exact binary value).
    kind : {"ce", "cce"}
        Which constraints to check.
    source : str
        Recorded in the result.

    Returns
    -------
    CorrelatedVerification
        Whether every constraint holds exactly, and the largest violation.

    Examples
    --------
    >>> chicken = NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> third = Fraction(1, 3)
    >>> bool(verify_correlated(chicken, np.array([[third, third], [third, 0]], dtype=object)))
    True
    >>> v = verify_correlated(chicken, np.array([[1, 0], [0, 0]], dtype=object))
    >>> v.ok, v.max_violation, v.worst
    (False, Fraction(1, 1), (0, 0, 1))
    """
    A, rows = incentive_constraints(game, kind, exact=True)
    p = np.array([Fraction(x) for x in np.asarray(distribution, dtype=object).ravel()],
                 dtype=object)
    require(p.shape[0] == A.shape[1], "distribution", f"has {p.shape[0]} entries for "
            f"{A.shape[1]} pure profiles", "give one probability per pure profile")
    valid = all(x >= 0 for x in p) and sum(p, Fraction(0)) == 1
    support = [k for k, x in enumerate(p) if x != 0]
    gains = [sum((A[r, k] * p[k] for k in support), Fraction(0)) for r in range(A.shape[0])]
    worst_r = max(range(len(gains)), key=lambda r: gains[r]) if gains else None
    worst = gains[worst_r] if worst_r is not None else Fraction(0)
    violated = worst_r is not None and worst > 0
    return CorrelatedVerification(
        ok=bool(valid and not violated), max_violation=max(worst, Fraction(0)),
        worst=rows[worst_r] if violated else None, source=source)


def vertex_distribution(game: NormalFormGame, distribution: np.ndarray, kind: str = "ce",
                        tol: float = 1e-9) -> np.ndarray | None:
    """The exact LP vertex near a float solution, from its support and tight constraints.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    distribution : ndarray
        Float distribution over pure profiles (shape ``game.shape``), e.g. a simplex solution.
    kind : {"ce", "cce"}
        Which constraints define the polytope.
    tol : float
        Probabilities above ``tol`` form the support; constraints within ``tol`` times the payoff
        scale of zero are taken as tight.

    Returns
    -------
    ndarray of Fraction or None
        The unique exact solution of (sum of probabilities = 1, tight constraints = 0, zero off
        the support), or None if these equations do not determine one. Independent equations
        are chosen by a pivoted QR factorisation of the float system and solved exactly
        (:func:`~benchgame.games.rational.solve_rational_system`).

    Examples
    --------
    >>> chicken = NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> p = vertex_distribution(chicken, np.array([[0.5 + 1e-12, 0.25], [0.25 - 1e-12, 0.0]]))
    >>> [[str(x) for x in row] for row in p]
    [['1/2', '1/4'], ['1/4', '0']]
    """
    x = np.asarray(distribution, dtype=float).ravel()
    support = np.flatnonzero(x > tol)
    A_float, _ = incentive_constraints(game, kind)
    scale = max(float(game.regret_scale().max()), 1.0)
    tight = np.flatnonzero(np.abs(A_float[:, support] @ x[support]) <= tol * scale)
    M = np.vstack([np.ones(len(support)), A_float[np.ix_(tight, support)] / scale])
    rows = independent_rows(M, len(support))
    if rows is None:
        return None
    A, _ = incentive_constraints(game, kind, exact=True)
    exact_rows = [[Fraction(1)] * len(support) if r == 0 else list(A[tight[r - 1], support])
                  for r in rows]
    sol = solve_rational_system(exact_rows, [Fraction(int(r == 0)) for r in rows])
    if sol is None or any(v < 0 for v in sol):
        return None
    out = np.array([Fraction(0)] * x.shape[0], dtype=object)
    for k, v in zip(support, sol, strict=True):
        out[k] = v
    return out.reshape(game.shape)


def independent_rows(M: np.ndarray, size: int, keep_first: bool = True) -> list[int] | None:
    """``size`` linearly independent rows of ``M`` by pivoted QR (or None).

    Parameters
    ----------
    M : ndarray, shape (rows, size)
        Float matrix.
    size : int
        Number of rows wanted (the number of columns).
    keep_first : bool
        Row 0 must be among the chosen rows (None otherwise).

    Returns
    -------
    list of int or None
        Row indices in increasing order, or None if the rank is below ``size``.

    Examples
    --------
    >>> independent_rows(np.array([[1.0, 1.0], [2.0, 2.0], [1.0, -1.0]]), 2)
    [0, 2]
    """
    from scipy.linalg import qr

    if size == 0:
        return []
    if M.shape[0] < size:
        return None
    W = M / np.maximum(np.linalg.norm(M, axis=1, keepdims=True), 1e-300)
    if keep_first:
        W[0] *= 1e3  # pivot on the normalisation row first
    _, R, piv = qr(W.T, mode="economic", pivoting=True)
    diag = np.abs(np.diag(R))
    if diag.shape[0] < size or diag[size - 1] <= 1e-10 * diag[0]:
        return None
    chosen = sorted(int(k) for k in piv[:size])
    return chosen if chosen[0] == 0 or not keep_first else None
