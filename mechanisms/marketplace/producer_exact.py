"""Exact rational check of a producer game's pure equilibria (epsilon-uniform aggregation).

For epsilon-uniform aggregation with rational inputs the payoffs of the producers' replacement
game (:mod:`benchgame.mechanisms.marketplace.producer_game`) are recomputed in
:class:`fractions.Fraction`, so ties are exact, and the pure equilibria found in floating point
are compared with those of the exact game. Model replacement is that of Donahue and Raghavan
(arXiv:2602.23293, abstract); the simultaneous game over finite menus is a reconstruction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from benchgame.core.serialize import to_jsonable
from benchgame.core.validation import InputError, require

if TYPE_CHECKING:
    from benchgame.mechanisms.marketplace.producer_game import ProducerGame

__all__ = ["ExactPureCheck", "exact_check", "exact_epsilon_payoffs"]


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
    ndarray of Fraction, shape ``(|F_1|, ..., |F_n|, n)``
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

    def to_dict(self) -> dict:
        """The check as JSON-safe data, exact regrets as fractions.

        Returns
        -------
        dict
            ``exact_equilibria`` and ``float_equilibria`` (lists of pure profiles, one
            strategy index per producer), ``regrets`` (one record ``profile, regret`` per
            float equilibrium, the regret an exact fraction written ``"p/q"``) and ``agree``.

        Examples
        --------
        >>> from fractions import Fraction as F
        >>> from benchgame.mechanisms.marketplace import EpsilonUniform, producer_game
        >>> menus = [[[1, 0], [0, 1]], [[1, 0], [0, 1]]]
        >>> pg = producer_game(menus, [0.6, 0.4], EpsilonUniform(0.2), "weighted_winrate")
        >>> d = exact_check(pg, menus, [F(3, 5), F(2, 5)], F(1, 5)).to_dict()
        >>> d["exact_equilibria"], d["agree"]
        ([[0, 1], [1, 0]], True)
        >>> d["regrets"][0]
        {'profile': [0, 1], 'regret': '0'}
        """
        return to_jsonable({"exact_equilibria": self.exact_equilibria,
                            "float_equilibria": self.float_equilibria,
                            "regrets": [{"profile": p, "regret": r}
                                        for p, r in self.regrets.items()],
                            "agree": self.agree})


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
