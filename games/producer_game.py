"""The producers' simultaneous model-replacement game over finite menus.

Reconstruction of Donahue and Raghavan (arXiv:2602.23293), section 2.5 of the reconstruction:
producer ``k`` picks a quality vector from its menu ``F_k``; the payoff is its payment ``M_k(Q)``
under a mechanism (winrate, weighted winrate, ...) and a choice rule. The payoff tensor of shape
``(|F_1|, ..., |F_n|, n)`` is built by broadcasting all profiles at once. Pure equilibria come
from :func:`games.pure_equilibria`; welfare ``W`` of every profile gives the equilibrium welfare
and the price of anarchy ``max W / min_{NE} W``. For epsilon-uniform aggregation with rational
inputs the payoffs are recomputed in :class:`fractions.Fraction` and every equilibrium is verified
exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from games.equilibrium import EquilibriumSet
from games.normal_form import NormalFormGame
from games.pure import pure_equilibria
from games.validation import as_finite_array, require

if TYPE_CHECKING:  # the marketplace model imports games; import it lazily to avoid a cycle
    from mechanisms.marketplace.choice_rules import ChoiceRule

__all__ = [
    "ExactPureCheck",
    "ProducerGame",
    "exact_check",
    "exact_epsilon_payoffs",
    "producer_game",
]


@dataclass(frozen=True)
class ProducerGame:
    """A producer game and its welfare tensor.

    Attributes
    ----------
    game : NormalFormGame
        Payoffs ``(|F_1|, ..., |F_n|, n)``.
    welfare : ndarray
        ``W`` of every profile, shape ``(|F_1|, ..., |F_n|)``.
    menus : tuple of ndarray
    mechanism : str
    rule : dict
    """

    game: NormalFormGame
    welfare: np.ndarray
    menus: tuple[np.ndarray, ...]
    mechanism: str
    rule: dict

    def pure_equilibria(self, tol: float = 1e-12) -> EquilibriumSet:
        """All pure equilibria (complete enumeration; certificates attached)."""
        return pure_equilibria(self.game, tol=tol)

    def mixed_equilibria(self, tol: float = 1e-9) -> EquilibriumSet:
        """All mixed equilibria of a two-producer game, each with its certificate.

        :func:`games.all_equilibria` (vertex enumeration): complete, with exact rational
        strategies, and for degenerate games every extreme equilibrium plus the components.
        """
        require(self.game.num_players == 2, "game", f"has {self.game.num_players} producers",
                "mixed equilibria are computed for two producers; use pure_equilibria")
        from games.solve import all_equilibria

        return all_equilibria(self.game, tol)

    def welfare_of(self, profile) -> float:
        """Expected welfare ``E[W]`` of a (mixed) profile."""
        W = self.welfare
        for s in profile:
            W = np.tensordot(np.asarray(s, float), W, axes=([0], [0]))
        return float(W)

    def equilibrium_welfare(self, tol: float = 1e-12) -> np.ndarray:
        """``W`` at every pure equilibrium, in enumeration order."""
        return np.array([self.welfare[e.pure_profile()] for e in self.pure_equilibria(tol)])

    def price_of_anarchy(self, tol: float = 1e-12) -> float:
        """``max_profiles W / min_{pure NE} W`` (``inf`` if the worst equilibrium has W = 0).

        Raises InputError when the game has no pure equilibrium."""
        w = self.equilibrium_welfare(tol)
        require(len(w) > 0, "game", "has no pure equilibrium",
                "use a mixed-equilibrium solver (games.all_equilibria) for two producers")
        worst = float(w.min())
        return float("inf") if worst <= 0 else float(self.welfare.max()) / worst

    def price_of_stability(self, tol: float = 1e-12) -> float:
        """``max_profiles W / max_{pure NE} W``."""
        w = self.equilibrium_welfare(tol)
        require(len(w) > 0, "game", "has no pure equilibrium", "")
        return float(self.welfare.max()) / float(w.max())


def _profiles(menus: Sequence[np.ndarray]) -> np.ndarray:
    """All profiles as stacked markets, shape ``(|F_1|, ..., |F_n|, n, m)``, by broadcasting."""
    n = len(menus)
    shape = tuple(len(F) for F in menus)
    m = menus[0].shape[1]
    out = np.empty(shape + (n, m))
    for k, F in enumerate(menus):
        idx = [None] * n
        idx[k] = slice(None)
        out[..., k, :] = F[tuple(idx)]
    return out


def producer_game(menus: Sequence[object], omega: object, rule: ChoiceRule,
                  mechanism: str = "winrate", **options: object) -> ProducerGame:
    """Build the simultaneous game in which producer ``k`` picks a row of ``menus[k]``.

    Parameters
    ----------
    menus : sequence of array_like, each (|F_k|, m)
    omega : array_like (m,)
        Task weights (``pi``, or ``pi * v``).
    rule : ChoiceRule
    mechanism : str
        A registered payment rule.
    """
    from mechanisms.marketplace.payments import get_payment_rule, payoffs
    from mechanisms.marketplace.welfare import welfare

    get_payment_rule(mechanism)
    require(len(menus) >= 1, "menus", "is empty", "give one menu per producer")
    F = tuple(as_finite_array(M, f"menus[{k}]", ndim=2) for k, M in enumerate(menus))
    m = F[0].shape[1]
    for k, M in enumerate(F):
        require(M.shape[1] == m, f"menus[{k}]", f"has {M.shape[1]} tasks, expected {m}",
                "give every menu the same number of task columns")
    w = as_finite_array(omega, "omega", ndim=1, shape=(m,), nonnegative=True)
    S = _profiles(F)
    P = rule.probabilities(S)
    U = payoffs(mechanism, S, w, rule, P, **options)
    W = welfare(S, w, rule, P)
    labels = [[f"F{k}[{a}]" for a in range(len(M))] for k, M in enumerate(F)]
    game = NormalFormGame(U, labels=labels, title=f"producer game ({mechanism})")
    return ProducerGame(game, W, F, mechanism, rule.to_dict())


def exact_epsilon_payoffs(menus: Sequence[Sequence[Sequence[Fraction]]],
                          omega: Sequence[Fraction], eps: Fraction,
                          mechanism: str = "winrate") -> np.ndarray:
    """Payoff tensor in exact rationals for epsilon-uniform aggregation (exact ties).

    Only ``winrate`` and ``weighted_winrate``. Returns an object array of Fractions of shape
    ``(|F_1|, ..., |F_n|, n)``, usable as ``exact`` input of :func:`games.verify_exact`.
    """
    require(mechanism in ("winrate", "weighted_winrate"), "mechanism",
            f"is {mechanism!r}", "exact payoffs exist for winrate and weighted_winrate")
    eps = Fraction(eps)
    require(0 <= eps <= 1, "eps", f"is {eps}", "give 0 <= eps <= 1")
    F = [[[Fraction(x) for x in q] for q in M] for M in menus]
    om = [Fraction(x) for x in omega]
    n = len(F)
    shape = tuple(len(M) for M in F)
    U = np.empty(shape + (n,), dtype=object)
    for prof in np.ndindex(*shape):
        Q = [F[k][a] for k, a in enumerate(prof)]
        pay = [Fraction(0)] * n
        for t, w in enumerate(om):
            col = [q[t] for q in Q]
            best = max(col)
            B = [i for i in range(n) if col[i] == best]
            for i in range(n):
                p = (1 - eps) * (Fraction(1, len(B)) if i in B else 0) + eps / n
                pay[i] += w * p * (col[i] if mechanism == "weighted_winrate" else 1)
        for i in range(n):
            U[prof + (i,)] = pay[i]
    return U


@dataclass(frozen=True)
class ExactPureCheck:
    """Exact rational check of a producer game's pure equilibria (epsilon-uniform).

    Attributes
    ----------
    exact_equilibria : tuple of tuple of int
        Pure equilibria of the exact rational game (zero exact regret).
    float_equilibria : tuple of tuple of int
        Pure equilibria found by the float solver.
    regrets : dict
        Exact maximal regret (Fraction) of each float equilibrium.
    agree : bool
        The two sets coincide.
    """

    exact_equilibria: tuple[tuple[int, ...], ...]
    float_equilibria: tuple[tuple[int, ...], ...]
    regrets: dict
    agree: bool


def exact_check(pg: ProducerGame, exact_menus, omega, eps, tol: float = 1e-12) -> ExactPureCheck:
    """Recompute ``pg`` in rationals (epsilon-uniform, rational inputs) and compare pure equilibria.

    The exact payoff tensor comes from :func:`exact_epsilon_payoffs` (exact ties), so the result
    does not depend on ``tie_tol`` or on float rounding.
    """
    require(pg.rule.get("rule") == "epsilon", "pg", "is not an epsilon-uniform game",
            "exact verification needs epsilon-uniform aggregation")
    U = exact_epsilon_payoffs(exact_menus, omega, eps, pg.mechanism)
    n = U.shape[-1]
    shape = U.shape[:-1]
    regret = {}
    exact_ne = []
    for prof in np.ndindex(*shape):
        r = Fraction(0)
        for i in range(n):
            line = [U[prof[:i] + (a,) + prof[i + 1:] + (i,)] for a in range(shape[i])]
            r = max(r, max(line) - U[prof + (i,)])
        regret[prof] = r
        if r == 0:
            exact_ne.append(prof)
    fl = tuple(e.pure_profile() for e in pg.pure_equilibria(tol))
    return ExactPureCheck(tuple(exact_ne), fl, {p: regret[p] for p in fl},
                          set(fl) == set(exact_ne))
