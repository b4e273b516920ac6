"""The producers' simultaneous model-replacement game over finite menus.

Model replacement of Donahue and Raghavan (arXiv:2602.23293, abstract) played by every producer at
once, a reconstruction of the paper's multi-producer setting: producer ``k`` picks a quality
vector from its menu ``F_k``; the payoff is its payment ``M_k(Q)`` under a mechanism (winrate,
weighted winrate, ...) and a choice rule. The payoff tensor of shape ``(|F_1|, ..., |F_n|, n)``
is built by broadcasting all profiles at once. Pure equilibria come
from :func:`benchgame.games.pure_equilibria`; welfare ``W`` of every profile gives the equilibrium
welfare and the price of anarchy ``max W / min_{NE} W``. For epsilon-uniform aggregation with
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

    def to_dict(self) -> dict:
        """The game as JSON-safe data.

        Returns
        -------
        dict
            ``game`` (``players``, strategy ``labels``, ``payoffs`` as nested lists of shape
            ``(|F_1|, ..., |F_n|, n)`` and ``title``), ``welfare`` (nested lists of shape
            ``(|F_1|, ..., |F_n|)``), ``menus``, ``mechanism``, ``rule`` and ``omega``.

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
            "welfare": self.welfare, "menus": self.menus, "mechanism": self.mechanism,
            "rule": self.rule, "omega": self.omega})


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
