"""The producers' simultaneous model-replacement game over finite menus.

Model replacement of Donahue and Raghavan (arXiv:2602.23293, abstract) played by every producer at
once, a reconstruction of the paper's multi-producer setting: producer ``k`` picks a quality
vector from its menu ``F_k``; the payoff is its payment ``M_k(Q)`` under a mechanism (winrate,
weighted winrate, ...) and a choice rule. The payoff tensor of shape ``(|F_1|, ..., |F_n|, n)``
is built by broadcasting all profiles at once. Pure equilibria come
from :func:`benchgame.games.pure_equilibria`; welfare ``W`` of every profile gives the equilibrium
welfare and the price of anarchy ``max W / min_{NE} W``. For epsilon-uniform aggregation with
rational inputs the payoffs are recomputed in :class:`fractions.Fraction` and every equilibrium is
verified exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from benchgame.core.validation import InputError, as_finite_array, require
from benchgame.games.equilibrium import EquilibriumSet
from benchgame.games.normal_form import NormalFormGame
from benchgame.games.pure import pure_equilibria
from benchgame.games.solve import all_equilibria
from benchgame.mechanisms.marketplace.choice_rules import ChoiceRule
from benchgame.mechanisms.marketplace.payments import get_payment_rule, payoffs
from benchgame.mechanisms.marketplace.welfare import welfare

__all__ = [
    "ExactPureCheck",
    "ProducerGame",
    "exact_check",
    "exact_epsilon_payoffs",
    "producer_game",
]


@dataclass(frozen=True)
class ProducerGame:
    """A producer game and its welfare tensor (built by :func:`producer_game`).

    Parameters
    ----------
    game : NormalFormGame
        Payoffs ``(|F_1|, ..., |F_n|, n)``.
    welfare : ndarray
        ``W`` of every profile, shape ``(|F_1|, ..., |F_n|)``.
    menus : tuple of ndarray
        Menu ``F_k`` of every producer, shape ``(|F_k|, m)``.
    mechanism : str
        Name of the payment rule.
    rule : dict
        The choice rule's parameters (``ChoiceRule.to_dict()``).
    omega : ndarray or None
        Task weights the game was built with.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract: producers' incentives under winrate
    and weighted winrate for model replacement. The simultaneous game over finite menus is a
    reconstruction (the natural multi-producer extension), not the paper's definition.
    """

    game: NormalFormGame
    welfare: np.ndarray
    menus: tuple[np.ndarray, ...]
    mechanism: str
    rule: dict
    omega: np.ndarray | None = None

    def pure_equilibria(self, tol: float = 1e-12) -> EquilibriumSet:
        """All pure equilibria (complete enumeration; certificates attached)."""
        return pure_equilibria(self.game, tol=tol)

    def mixed_equilibria(self, tol: float = 1e-9) -> EquilibriumSet:
        """All mixed equilibria of a two-producer game, each with its certificate.

        :func:`benchgame.games.all_equilibria` (vertex enumeration): complete, with exact rational
        strategies, and for degenerate games every extreme equilibrium plus the components.
        """
        require(self.game.num_players == 2, "game", f"has {self.game.num_players} producers",
                "mixed equilibria are computed for two producers; use pure_equilibria")

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
                "use a mixed-equilibrium solver (benchgame.games.all_equilibria) for two producers")
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
    menus : sequence of array_like, each of shape (|F_k|, m)
        Every producer's menu of quality vectors.
    omega : array_like, shape (m,)
        Task weights (``pi``, or ``pi * v``).
    rule : ChoiceRule
        Choice rule of the aggregator.
    mechanism : str, default "winrate"
        A registered payment rule.
    **options
        Extra keyword arguments of the payment rule.

    Returns
    -------
    ProducerGame
        The normal-form game and the welfare of every profile.

    Raises
    ------
    InputError
        If the mechanism is unknown, there is no menu, or the menus and weights disagree on the
        number of tasks.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract: producers' incentives under winrate
    and weighted winrate for model replacement. The simultaneous game over finite menus is a
    reconstruction (the natural multi-producer extension), not the paper's definition.

    Examples
    --------
    Two producers on two tasks (``pi = (0.6, 0.4)``), each choosing task A ``(1, 0)`` or task B
    ``(0, 1)``, epsilon-uniform aggregation with ``eps = 0.2``. Winrate's only equilibrium piles
    both onto A; weighted winrate's equilibria specialize:

    >>> from benchgame.mechanisms.marketplace import EpsilonUniform
    >>> menus = [[[1, 0], [0, 1]], [[1, 0], [0, 1]]]
    >>> wr = producer_game(menus, [0.6, 0.4], EpsilonUniform(0.2), "winrate")
    >>> [e.pure_profile() for e in wr.pure_equilibria()], round(wr.price_of_anarchy(), 6)
    ([(0, 0)], 1.5)
    >>> wwr = producer_game(menus, [0.6, 0.4], EpsilonUniform(0.2), "weighted_winrate")
    >>> [e.pure_profile() for e in wwr.pure_equilibria()], wwr.equilibrium_welfare().round(6)
    ([(0, 1), (1, 0)], array([0.9, 0.9]))
    """

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
    return ProducerGame(game, W, F, mechanism, rule.to_dict(), w)


def exact_epsilon_payoffs(menus: Sequence[Sequence[Sequence[Fraction]]],
                          omega: Sequence[Fraction], eps: Fraction,
                          mechanism: str = "winrate") -> np.ndarray:
    """Payoff tensor in exact rationals for epsilon-uniform aggregation (exact ties).

    Parameters
    ----------
    menus : sequence of sequence of sequence of Fraction
        Every producer's menu of rational quality vectors.
    omega : sequence of Fraction
        Rational task weights.
    eps : Fraction
        Noise level in ``[0, 1]``.
    mechanism : {"winrate", "weighted_winrate"}, default "winrate"
        Payment rule.

    Returns
    -------
    ndarray of Fraction, shape (|F_1|, ..., |F_n|, n)
        Object array usable as ``exact`` input of :func:`benchgame.games.verify_exact`.

    Raises
    ------
    InputError
        If the mechanism is not winrate or weighted winrate, or ``eps`` is outside ``[0, 1]``.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract: producers' incentives under winrate
    and weighted winrate for model replacement. The simultaneous game over finite menus is a
    reconstruction (the natural multi-producer extension), not the paper's definition.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> U = exact_epsilon_payoffs([[[1, 0], [0, 1]]] * 2, [F(3, 5), F(2, 5)], F(1, 5),
    ...                           "weighted_winrate")
    >>> [str(u) for u in U[0, 1]]
    ['27/50', '9/25']
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

    Built by :func:`exact_check`.

    Parameters
    ----------
    exact_equilibria : tuple of tuple of int
        Pure equilibria of the exact rational game (zero exact regret).
    float_equilibria : tuple of tuple of int
        Pure equilibria found by the float solver.
    regrets : dict
        Exact maximal regret (Fraction) of each float equilibrium.
    agree : bool
        The two sets coincide.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract: producers' incentives under winrate
    and weighted winrate for model replacement. The simultaneous game over finite menus is a
    reconstruction (the natural multi-producer extension), not the paper's definition.
    """

    exact_equilibria: tuple[tuple[int, ...], ...]
    float_equilibria: tuple[tuple[int, ...], ...]
    regrets: dict
    agree: bool


def exact_check(pg: ProducerGame, exact_menus: Sequence[Sequence[Sequence[Fraction | int]]],
                omega: Sequence[Fraction | int], eps: Fraction | int,
                tol: float = 1e-12) -> ExactPureCheck:
    """Recompute ``pg`` in rationals (epsilon-uniform, rational inputs) and compare pure equilibria.

    The exact payoff tensor comes from :func:`exact_epsilon_payoffs` (exact ties), so the result
    does not depend on ``tie_tol`` or on float rounding. The rational inputs must be those of
    ``pg`` (checked against its float menus, weights and epsilon to relative precision ``tol``),
    otherwise a different game would be certified. A profile is an exact equilibrium iff every
    player's exact regret ``max_a U_i(a, s_-i) - U_i(s)`` is zero.

    Parameters
    ----------
    pg : ProducerGame
        A game built with epsilon-uniform aggregation.
    exact_menus : sequence of sequence of sequence of Fraction or int
        The rational menus ``pg`` was built from.
    omega : sequence of Fraction or int
        The rational task weights ``pg`` was built from.
    eps : Fraction or int
        The rational noise level of ``pg``'s rule.
    tol : float, default 1e-12
        Relative precision of the comparison with ``pg``'s float inputs, and tolerance of the
        float equilibrium solver.

    Returns
    -------
    ExactPureCheck
        Exact and float pure equilibria, exact regrets, and whether they agree.

    Raises
    ------
    InputError
        If ``pg`` is not epsilon-uniform, an input is not rational, or the rational inputs
        differ from those of ``pg``.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract: producers' incentives under winrate
    and weighted winrate for model replacement. The simultaneous game over finite menus is a
    reconstruction (the natural multi-producer extension), not the paper's definition.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from benchgame.mechanisms.marketplace import EpsilonUniform, producer_game
    >>> menus = [[[1, 0], [0, 1]], [[1, 0], [0, 1]]]
    >>> pg = producer_game(menus, [0.6, 0.4], EpsilonUniform(0.2), "weighted_winrate")
    >>> c = exact_check(pg, menus, [F(3, 5), F(2, 5)], F(1, 5))
    >>> c.exact_equilibria, c.agree
    (((0, 1), (1, 0)), True)
    """
    require(pg.rule.get("rule") == "epsilon", "pg", "is not an epsilon-uniform game",
            "exact verification needs epsilon-uniform aggregation")
    try:
        menus = [np.array([[Fraction(x) for x in q] for q in M], dtype=object)
                 for M in exact_menus]
        om = [Fraction(x) for x in omega]
        eps_q = Fraction(eps)
    except (TypeError, ValueError, ZeroDivisionError) as exc:
        raise InputError("exact_menus", f"holds a value that is not a rational number ({exc})",
                         "pass Fractions or integers") from None
    require(len(menus) == len(pg.menus), "exact_menus", f"has {len(menus)} menus for "
            f"{len(pg.menus)} producers", "give one rational menu per producer of pg")
    for k, (M, F) in enumerate(zip(menus, pg.menus, strict=True)):
        require(M.shape == F.shape, f"exact_menus[{k}]", f"has shape {M.shape}, pg's menu has "
                f"{F.shape}", "give the rational version of pg's menu")
        require(np.allclose(M.astype(float), F, rtol=tol, atol=0.0), f"exact_menus[{k}]",
                "differs from pg's menu", "give the rational values pg was built from")
    if pg.omega is not None:
        require(len(om) == len(pg.omega) and np.allclose(np.array(om, float), pg.omega,
                                                         rtol=tol, atol=0.0),
                "omega", "differs from the weights pg was built with",
                "give the rational weights pg was built from")
    require(abs(float(eps_q) - float(pg.rule["eps"])) <= tol * max(1.0, abs(float(eps_q))),
            "eps", f"is {eps_q}, pg uses {pg.rule['eps']}", "give pg's epsilon as a rational")
    U = exact_epsilon_payoffs(menus, om, eps_q, pg.mechanism)
    n = U.shape[-1]
    # exact regret of every profile, vectorized over profiles (object arrays of Fractions)
    per_player = [U[..., i].max(axis=i, keepdims=True) - U[..., i] for i in range(n)]
    regret = np.maximum.reduce(per_player) if n > 1 else per_player[0]
    exact_ne = tuple(tuple(int(a) for a in p) for p in np.argwhere(regret == 0))
    fl = tuple(e.pure_profile() for e in pg.pure_equilibria(tol))
    return ExactPureCheck(exact_ne, fl, {p: Fraction(regret[p]) for p in fl},
                          set(fl) == set(exact_ne))
