"""The producers' simultaneous model-replacement game over finite menus.

Model replacement of Donahue and Raghavan (arXiv:2602.23293, abstract) played by every producer at
once, a reconstruction of the paper's multi-producer setting: producer ``k`` picks a quality
vector from its menu ``F_k``; the payoff is its payment ``M_k(Q)`` under a mechanism (winrate,
weighted winrate, ...) and a choice rule. The payoff tensor of shape ``(|F_1|, ..., |F_n|, n)``
is built by broadcasting all profiles at once. Pure equilibria come
from :func:`benchgame.games.pure_equilibria`; welfare ``W`` of every profile gives the equilibrium
welfare and two prices of anarchy, one per welfare notion: the consumers'
(``consumer_price_of_anarchy``, ``max W / min_{NE} W``) and the producers' (the sum of their
payments, ``producer_price_of_anarchy``, as :func:`benchgame.games.price_of_anarchy`). For
epsilon-uniform aggregation with
rational inputs the payoffs are recomputed in :class:`fractions.Fraction` and every equilibrium is
verified exactly (:mod:`benchgame.mechanisms.marketplace.producer_exact`, re-exported here).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from benchgame.core.serialize import to_jsonable
from benchgame.core.validation import as_finite_array, require
from benchgame.games.equilibrium import EquilibriumSet
from benchgame.games.normal_form import NormalFormGame
from benchgame.games.pure import pure_equilibria
from benchgame.games.solve import all_equilibria
from benchgame.games.welfare import (
    WelfareRatio,
    price_of_anarchy,
    price_of_stability,
    welfare_ratio,
)
from benchgame.mechanisms.marketplace.choice_rules import ChoiceRule
from benchgame.mechanisms.marketplace.payments import get_payment_rule, payoffs
from benchgame.mechanisms.marketplace.producer_exact import (
    ExactPureCheck,
    exact_check,
    exact_epsilon_payoffs,
)
from benchgame.mechanisms.marketplace.welfare import welfare

__all__ = [
    "ExactPureCheck",
    "ProducerGame",
    "exact_check",
    "exact_epsilon_payoffs",
    "producer_game",
]


CONSUMER_WELFARE = "consumer welfare"
"""Welfare notion of :meth:`ProducerGame.consumer_price_of_anarchy` (``W``, the consumers')."""

_AMBIGUOUS = ("price_of_anarchy", "price_of_stability")


@dataclass(frozen=True)
class ProducerGame:
    """A producer game and its welfare tensor (built by :func:`producer_game`).

    Parameters
    ----------
    game : NormalFormGame
        Payoffs ``(|F_1|, ..., |F_n|, n)``.
    welfare : ndarray
        Consumer welfare ``W`` of every profile, shape ``(|F_1|, ..., |F_n|)``. The producers'
        welfare is the sum of their payoffs in ``game``; for winrate it is the constant total
        task weight, for weighted winrate it equals ``W``.
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

    def _pure_set(self, tol: float) -> EquilibriumSet:
        eqs = self.pure_equilibria(tol)
        require(len(eqs) > 0, "game", "has no pure equilibrium",
                "use a mixed-equilibrium solver (benchgame.games.all_equilibria) for two producers")
        return eqs

    def consumer_price_of_anarchy(self, tol: float = 1e-12) -> WelfareRatio:
        """Price of anarchy for consumer welfare: ``max_profiles W / min_{pure NE} W``.

        ``W`` is the consumers' welfare (``self.welfare``, the expected quality of the answer
        they get), not the producers' payoffs; see :meth:`producer_price_of_anarchy` for those.

        Parameters
        ----------
        tol : float, default 1e-12
            Regret tolerance of the pure-equilibrium enumeration.

        Returns
        -------
        WelfareRatio
            ``welfare_notion = "consumer welfare"``, ``scope = "pure"``, exact (the pure
            equilibria are enumerated completely).

        Raises
        ------
        InputError
            If the game has no pure equilibrium, or the worst equilibrium's ``W`` is 0.

        Examples
        --------
        >>> from benchgame.mechanisms.marketplace import EpsilonUniform
        >>> pg = producer_game([[[1, 0], [0, 1]]] * 2, [0.6, 0.4], EpsilonUniform(0.2))
        >>> r = pg.consumer_price_of_anarchy()
        >>> round(r.value, 6), r.welfare_notion, round(r.equilibrium_welfare, 6)
        (1.5, 'consumer welfare', 0.6)
        """
        return welfare_ratio(self._pure_set(tol), self.welfare, CONSUMER_WELFARE)

    def consumer_price_of_stability(self, tol: float = 1e-12) -> WelfareRatio:
        """Price of stability for consumer welfare: ``max_profiles W / max_{pure NE} W``.

        Parameters
        ----------
        tol : float, default 1e-12
            Regret tolerance of the pure-equilibrium enumeration.

        Returns
        -------
        WelfareRatio
            ``welfare_notion = "consumer welfare"``, ``scope = "pure"``.

        Raises
        ------
        InputError
            If the game has no pure equilibrium, or the best equilibrium's ``W`` is 0.
        """
        return welfare_ratio(self._pure_set(tol), self.welfare, CONSUMER_WELFARE,
                             "price_of_stability")

    def producer_price_of_anarchy(self, tol: float = 1e-12) -> WelfareRatio:
        """Price of anarchy for the producers' welfare, the sum of their payments.

        :func:`benchgame.games.price_of_anarchy` over the pure equilibria: ``max_a sum_k U_k(a)
        / min_{pure NE} sum_k U_k``. Under winrate the payments sum to the total task weight in
        every profile, so this ratio is 1 however low the consumers' welfare falls (compare
        :meth:`consumer_price_of_anarchy`).

        Parameters
        ----------
        tol : float, default 1e-12
            Regret tolerance of the pure-equilibrium enumeration.

        Returns
        -------
        WelfareRatio
            ``welfare_notion = "sum of payoffs"``, ``scope = "pure"``.

        Raises
        ------
        InputError
            If the game has no pure equilibrium, or the worst equilibrium's payoff sum is not
            positive.

        Examples
        --------
        >>> from benchgame.mechanisms.marketplace import EpsilonUniform
        >>> pg = producer_game([[[1, 0], [0, 1]]] * 2, [0.6, 0.4], EpsilonUniform(0.2))
        >>> r = pg.producer_price_of_anarchy()
        >>> round(r.value, 6), r.welfare_notion
        (1.0, 'sum of payoffs')
        """
        return price_of_anarchy(self._pure_set(tol))

    def producer_price_of_stability(self, tol: float = 1e-12) -> WelfareRatio:
        """Price of stability for the producers' welfare (sum of payments), pure equilibria.

        Parameters
        ----------
        tol : float, default 1e-12
            Regret tolerance of the pure-equilibrium enumeration.

        Returns
        -------
        WelfareRatio
            ``welfare_notion = "sum of payoffs"``, ``scope = "pure"``.

        Raises
        ------
        InputError
            If the game has no pure equilibrium, or the best equilibrium's payoff sum is not
            positive.
        """
        return price_of_stability(self._pure_set(tol))

    def __getattr__(self, name: str) -> object:
        if name in _AMBIGUOUS:
            raise AttributeError(
                f"ProducerGame.{name} was removed: it measured consumer welfare while "
                f"benchgame.games.{name} measures the sum of payoffs, so the two disagreed "
                f"under one name; call consumer_{name}() (consumer welfare W) or "
                f"producer_{name}() (sum of the producers' payments)")
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def to_dict(self) -> dict:
        """The game as JSON-safe data.

        Returns
        -------
        dict
            ``game`` (``players``, strategy ``labels``, ``payoffs`` as nested lists of shape
            ``(|F_1|, ..., |F_n|, n)`` and ``title``), ``welfare`` (nested lists of shape
            ``(|F_1|, ..., |F_n|)``), ``welfare_notion`` (``"consumer welfare"``: what
            ``welfare`` holds; the producers' welfare is the payoff sum), ``menus``,
            ``mechanism``, ``rule`` and ``omega``.

        Examples
        --------
        >>> from benchgame.mechanisms.marketplace import EpsilonUniform
        >>> menus = [[[1, 0], [0, 1]], [[1, 0], [0, 1]]]
        >>> d = producer_game(menus, [0.6, 0.4], EpsilonUniform(0.2), "winrate").to_dict()
        >>> d["game"]["labels"], d["welfare"][0], d["rule"]["rule"]
        ([['F0[0]', 'F0[1]'], ['F1[0]', 'F1[1]']], [0.6, 0.9], 'epsilon')
        """
        g = self.game
        return to_jsonable({
            "game": {"players": g.players, "labels": g.labels, "payoffs": g.payoffs,
                     "title": g.title},
            "welfare": self.welfare, "welfare_notion": CONSUMER_WELFARE, "menus": self.menus,
            "mechanism": self.mechanism, "rule": self.rule, "omega": self.omega})


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
    menus : sequence of array_like, each of shape ``(|F_k|, m)``
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
    >>> [e.pure_profile() for e in wr.pure_equilibria()]
    [(0, 0)]
    >>> round(wr.consumer_price_of_anarchy().value, 6), wr.producer_price_of_anarchy().value
    (1.5, 1.0)
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
