"""Correlated and coarse correlated equilibria of n-player games by linear programming.

The correlated equilibria (CE) of a finite game form a polytope in the simplex of distributions
over pure profiles, cut out by the incentive constraints of
:mod:`benchgame.games.correlated_exact`; so do the coarse correlated equilibria (CCE). A
distribution in it (any, or one of largest or smallest utilitarian welfare
:math:`\\sum_a p(a) \\sum_i U_i(a)`) is found by linear programming (HiGHS' dual simplex through
:func:`scipy.optimize.linprog`, which returns a vertex). The float solution is then made exact:
the vertex is recomputed in rational arithmetic from its support and tight constraints, or else
the probabilities are rationalised, and every incentive constraint is checked exactly; when
neither candidate passes, the largest exact violation is reported. For welfare objectives the LP
dual is rationalised too, and the optimum is called exact only if the rational dual is feasible
and its value equals the exact welfare of the distribution.

References
----------
Aumann, R. J. (1974). Subjectivity and correlation in randomized strategies. *Journal of
Mathematical Economics* 1(1), 67-96.

Hart, S. and Schmeidler, D. (1989). Existence of correlated equilibria. *Mathematics of
Operations Research* 14(1), 18-25.

Papadimitriou, C. H. and Roughgarden, T. (2008). Computing correlated equilibria in
multi-player games. *Journal of the ACM* 55(3), 14.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from benchgame.core.serialize import to_jsonable
from benchgame.core.validation import as_finite_array, require
from benchgame.games.certificate import exact_payoff_tensor
from benchgame.games.correlated_exact import (
    KINDS,
    CorrelatedVerification,
    incentive_constraints,
    independent_rows,
    verify_correlated,
    vertex_distribution,
)
from benchgame.games.normal_form import NormalFormGame
from benchgame.games.rational import solve_rational_system

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CorrelatedEquilibrium", "correlated_equilibrium"]

OBJECTIVES = ("feasible", "max_welfare", "min_welfare")
_DENOMINATORS = (10**2, 10**4, 10**6, 10**9)


@dataclass(frozen=True, eq=False)
class CorrelatedEquilibrium:
    """A correlated (or coarse correlated) equilibrium with its exact verification.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    kind : str
        ``"ce"`` or ``"cce"``.
    objective : str
        ``"feasible"``, ``"max_welfare"`` or ``"min_welfare"``.
    distribution : ndarray
        Float probability of each pure profile, shape ``game.shape``.
    exact : ndarray of Fraction
        The exact distribution that was verified (same shape).
    verification : CorrelatedVerification
        Exact check of every incentive constraint on ``exact``.
    optimality : str
        ``"exact"`` (a rational dual solution certifies the optimum), ``"float"`` (the LP
        solver's duality gap only) or ``"not applicable"`` (feasibility).
    provenance : Mapping
        Solver, status, LP value, dual bound, support size, and the seconds spent in the LP and
        in the exact verification.
    """

    game: NormalFormGame
    kind: str
    objective: str
    distribution: np.ndarray
    exact: np.ndarray
    verification: CorrelatedVerification
    optimality: str
    provenance: Any = field(default_factory=lambda: MappingProxyType({}))

    @property
    def exact_payoffs(self) -> tuple[Fraction, ...]:
        """Each player's exact expected payoff under ``exact``."""
        U = exact_payoff_tensor(self.game).reshape(-1, self.game.num_players)
        p = self.exact.ravel()
        return tuple(sum((p[k] * U[k, i] for k in range(p.shape[0]) if p[k]), Fraction(0))
                     for i in range(self.game.num_players))

    @property
    def exact_welfare(self) -> Fraction:
        """Exact utilitarian welfare (sum of expected payoffs) under ``exact``."""
        return sum(self.exact_payoffs, Fraction(0))

    @property
    def welfare(self) -> float:
        """Utilitarian welfare under the float distribution."""
        return float((self.distribution[..., None] * self.game.payoffs).sum())

    def to_dict(self) -> dict:
        """The equilibrium as a JSON-ready dictionary (exact numbers as strings).

        Returns
        -------
        dict
            ``kind``, ``objective``, ``welfare`` and ``exact_welfare``, ``payoffs`` (exact
            strings), ``support`` (one entry per profile with positive probability, naming each
            player's strategy), ``verification``, ``optimality`` and ``provenance``.
        """
        support = []
        for idx in zip(*np.nonzero(self.exact), strict=True):
            support.append({
                "profile": {p: self.game.labels[i][int(a)]
                            for i, (p, a) in enumerate(zip(self.game.players, idx, strict=True))},
                "probability": float(self.distribution[idx]), "exact": str(self.exact[idx])})
        return {"kind": self.kind, "objective": self.objective, "welfare": self.welfare,
                "exact_welfare": str(self.exact_welfare),
                "payoffs": {p: str(v) for p, v in zip(self.game.players, self.exact_payoffs,
                                                      strict=True)},
                "support": support, "verification": self.verification.to_dict(),
                "optimality": self.optimality,
                "provenance": {k: to_jsonable(v) for k, v in self.provenance.items()}}

    def to_frame(self) -> pd.DataFrame:
        """The profiles with positive probability as a table named by the game's strategies.

        Returns
        -------
        pandas.DataFrame
            Index: one level per player (strategy labels); columns ``probability``, ``exact``
            (string) and ``payoff <player>`` for each player.

        Examples
        --------
        >>> chicken = NormalFormGame.from_bimatrix(
        ...     [[6, 2], [7, 0]], [[6, 7], [2, 0]], labels=[["C", "D"], ["C", "D"]],
        ...     players=["row", "col"])
        >>> correlated_equilibrium(chicken).to_frame()
                 probability exact  payoff row  payoff col
        row col
        C   C           0.50   1/2         6.0         6.0
            D           0.25   1/4         2.0         7.0
        D   C           0.25   1/4         7.0         2.0
        """
        import pandas as pd

        game = self.game
        idx = list(zip(*np.nonzero(self.exact), strict=True))
        index = pd.MultiIndex.from_tuples(
            [tuple(game.labels[i][int(a)] for i, a in enumerate(k)) for k in idx],
            names=list(game.players))
        data = {"probability": [float(self.distribution[k]) for k in idx],
                "exact": [str(self.exact[k]) for k in idx]}
        for i, p in enumerate(game.players):
            data[f"payoff {p}"] = [float(game.payoffs[k + (i,)]) for k in idx]
        return pd.DataFrame(data, index=index)


def correlated_equilibrium(game: NormalFormGame, kind: str = "ce",
                           objective: str = "max_welfare", welfare: Any = None
                           ) -> CorrelatedEquilibrium:
    """A correlated or coarse correlated equilibrium by linear programming, verified exactly.

    Parameters
    ----------
    game : NormalFormGame
        Any finite game.
    kind : {"ce", "cce"}
        Correlated or coarse correlated equilibrium.
    objective : {"max_welfare", "min_welfare", "feasible"}
        Maximise or minimise the welfare, or return any vertex of the polytope.
    welfare : array_like of shape ``game.shape``, optional
        The welfare of every pure profile that ``objective`` optimises (for instance the
        consumers' welfare of a producer game). Default: the utilitarian welfare, the sum of the
        players' payoffs. Its stored floats are taken as exact rationals for the dual check.

    Returns
    -------
    CorrelatedEquilibrium
        The distribution, its exact version and verification, and whether optimality is exact.

    Raises
    ------
    benchgame.core.validation.InputError
        On an unknown ``kind`` or ``objective``.
    RuntimeError
        If the LP solver fails (the polytope is never empty: it contains every Nash equilibrium).

    References
    ----------
    Aumann, R. J. (1974). Subjectivity and correlation in randomized strategies. *Journal of
    Mathematical Economics* 1(1), 67-96.

    Examples
    --------
    >>> chicken = NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> ce = correlated_equilibrium(chicken)
    >>> ce.exact_welfare, ce.verification.ok, ce.optimality
    (Fraction(21, 2), True, 'exact')
    >>> worst = correlated_equilibrium(chicken, objective="min_welfare")
    >>> worst.exact_welfare, worst.exact.tolist()  # below every Nash equilibrium's welfare
    (Fraction(36, 5), [[Fraction(0, 1), Fraction(2, 5)], [Fraction(2, 5), Fraction(1, 5)]])
    """
    from scipy.optimize import linprog

    require(kind in KINDS, "kind", f"is {kind!r}", "use 'ce' or 'cce'")
    require(objective in OBJECTIVES, "objective", f"is {objective!r}",
            "use 'max_welfare', 'min_welfare' or 'feasible'")
    A, _ = incentive_constraints(game, kind)
    if welfare is None:
        welfare = game.payoffs.sum(axis=-1)
    welfare = as_finite_array(welfare, "welfare", shape=game.shape).ravel()
    sign = {"max_welfare": -1.0, "min_welfare": 1.0, "feasible": 0.0}[objective]
    c = sign * welfare
    start = time.perf_counter()
    res = linprog(c, A_ub=A, b_ub=np.zeros(A.shape[0]), A_eq=np.ones((1, A.shape[1])),
                  b_eq=[1.0], bounds=(0, None), method="highs-ds")
    lp_seconds = time.perf_counter() - start
    if res.status != 0:
        raise RuntimeError(f"linear program failed: {res.message}")
    x = np.clip(res.x, 0.0, None)
    x = (x / x.sum()).reshape(game.shape)
    exact, check = _exact_distribution(game, x, kind)
    optimality = "not applicable"
    dual = float(res.eqlin.marginals[0])
    if objective != "feasible":
        optimality = ("exact" if _exact_dual(game, kind, sign, res, check, exact, welfare)
                      else "float")
    prov = {"solver": "scipy.optimize.linprog (HiGHS dual simplex)", "status": res.message,
            "lp_value": float(-res.fun if sign < 0 else res.fun),
            "dual_bound": -dual if sign < 0 else dual, "iterations": int(res.nit),
            "support_size": int(np.count_nonzero(exact != 0)), "constraints": int(A.shape[0]),
            "lp_seconds": lp_seconds, "exact_seconds": time.perf_counter() - start - lp_seconds}
    return CorrelatedEquilibrium(game=game, kind=kind, objective=objective, distribution=x,
                                 exact=exact, verification=check, optimality=optimality,
                                 provenance=MappingProxyType(prov))


def _exact_distribution(game: NormalFormGame, x: np.ndarray, kind: str
                        ) -> tuple[np.ndarray, CorrelatedVerification]:
    """The first exact candidate that verifies, else the least violating one."""
    candidates: list[tuple[np.ndarray, str]] = []
    vertex = vertex_distribution(game, x, kind)
    if vertex is not None:
        candidates.append((vertex, "vertex"))
    for den in _DENOMINATORS:
        fr = [Fraction(float(v)).limit_denominator(den) if v > 1e-12 else Fraction(0)
              for v in x.ravel()]
        total = sum(fr, Fraction(0))
        candidates.append((np.array([v / total for v in fr], dtype=object).reshape(game.shape),
                           f"rationalized (denominators <= {den})"))
    best: tuple[np.ndarray, CorrelatedVerification] | None = None
    for cand, source in candidates:
        check = verify_correlated(game, cand, kind, source=source)
        if check.ok:
            return cand, check
        if best is None or check.max_violation < best[1].max_violation:
            best = (cand, check)
    assert best is not None
    return best


def _exact_dual(game: NormalFormGame, kind: str, sign: float, res: Any,
                check: CorrelatedVerification, exact: np.ndarray, welfare: np.ndarray) -> bool:
    """Whether an exact dual solution certifies that ``exact`` is optimal.

    The dual of ``min c.p, A p <= 0, sum p = 1, p >= 0`` is ``max y`` with reduced costs
    ``c - y - A^T u >= 0`` and ``u <= 0``. Its basis is read off the LP multipliers (nonzero
    ``u``) and the float reduced costs (zero ones), solved exactly, and checked exactly.
    """
    if not check.ok:
        return False
    A_float, _ = incentive_constraints(game, kind)
    A, _ = incentive_constraints(game, kind, exact=True)
    cost = [int(sign) * Fraction(float(w)) for w in welfare]
    primal = sum((cost[k] * p for k, p in enumerate(exact.ravel()) if p), Fraction(0))
    u_float = np.minimum(np.asarray(res.ineqlin.marginals, dtype=float), 0.0)
    y_float = float(res.eqlin.marginals[0])
    scale = max(float(np.abs(A_float).max(initial=0.0)), 1.0)
    basis = np.flatnonzero(u_float < -1e-12)
    reduced = sign * welfare - y_float - A_float.T @ u_float
    zero = np.flatnonzero(np.abs(reduced) <= 1e-9 * scale)
    # equations (one per profile with zero reduced cost) in the unknowns (y, u_basis)
    M = np.hstack([np.ones((len(zero), 1)), A_float[np.ix_(basis, zero)].T])
    rows = independent_rows(M, 1 + len(basis), keep_first=False)
    if rows is None:
        return False
    eqs = [zero[r] for r in rows]
    sol = solve_rational_system([[Fraction(1)] + [A[r, a] for r in basis] for a in eqs],
                                [cost[a] for a in eqs])
    if sol is None or sol[0] != primal or any(v > 0 for v in sol[1:]):
        return False
    y, u = sol[0], dict(zip(basis.tolist(), sol[1:], strict=True))
    return all(cost[a] - y - sum((v * A[r, a] for r, v in u.items()), Fraction(0)) >= 0
               for a in range(A.shape[1]))
