"""Exact rational re-verification of equilibrium claims.

:func:`verify_exact` redoes the regret check of :mod:`benchgame.games.certificate` in rational
arithmetic (:class:`fractions.Fraction`): payoffs are converted exactly (every binary float is a
rational), strategies are taken from the algorithm's exact output when it has one, otherwise
recovered exactly from the support by solving the indifference equations (two-player games),
otherwise rationalised. The result is exact: either every regret is exactly zero, or the first
profitable deviation is returned.

References
----------
Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54(2), 286-295.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from benchgame.games.rational import solve_rational_system

if TYPE_CHECKING:
    from benchgame.games.normal_form import NormalFormGame

__all__ = [
    "Deviation",
    "ExactVerification",
    "exact_payoff_tensor",
    "rationalize_profile",
    "verify_exact",
]


@dataclass(frozen=True)
class Deviation:
    """A profitable unilateral deviation: ``player`` switching to pure ``action`` gains ``gain``.

    Parameters
    ----------
    player : int
        Index of the deviating player.
    action : int
        The pure strategy the player switches to (index).
    label : str
        That strategy's label in the game.
    gain : fractions.Fraction
        The exact payoff gain of the switch (positive).
    """

    player: int
    action: int
    label: str
    gain: Fraction

    def to_dict(self) -> dict:
        """The deviation as a JSON-ready dictionary (``gain`` as a string and a float)."""
        return {"player": self.player, "action": self.action, "label": self.label,
                "gain": str(self.gain), "gain_float": float(self.gain)}


@dataclass(frozen=True)
class ExactVerification:
    """Result of an exact rational equilibrium check (see :func:`verify_exact`).

    It is truthy exactly when ``ok`` is.

    Parameters
    ----------
    ok : bool
        Every exact regret is zero.
    strategies : tuple of tuple of Fraction
        The exact profile that was checked.
    regrets : tuple of Fraction
        Exact regret of each player.
    deviation : Deviation or None
        The most profitable deviation of the first player with positive regret.
    source : str
        How the exact strategies were obtained: ``"algorithm"`` (exact output of the solver),
        ``"support"`` (solved from the support's indifference equations) or ``"rationalized"``.
    """

    ok: bool
    strategies: tuple[tuple[Fraction, ...], ...]
    regrets: tuple[Fraction, ...]
    deviation: Deviation | None
    source: str

    def __bool__(self) -> bool:
        return self.ok

    def to_dict(self) -> dict:
        """The verification as a JSON-ready dictionary (fractions as strings)."""
        return {
            "ok": self.ok,
            "strategies": [[str(x) for x in s] for s in self.strategies],
            "regrets": [str(r) for r in self.regrets],
            "deviation": None if self.deviation is None else self.deviation.to_dict(),
            "source": self.source,
        }


def exact_payoff_tensor(game: NormalFormGame) -> np.ndarray:
    """The payoff tensor as an object array of exact :class:`Fraction` values.

    Every binary float is a rational, so the conversion is exact (no rounding).

    Parameters
    ----------
    game : NormalFormGame
        The game.

    Returns
    -------
    ndarray of object
        Shape ``game.payoffs.shape``, entries :class:`fractions.Fraction`.

    Examples
    --------
    >>> from benchgame.games.normal_form import NormalFormGame
    >>> U = exact_payoff_tensor(NormalFormGame.from_bimatrix([[0.5, 0.1], [0, 1]]))
    >>> U[0, 0].tolist()
    [Fraction(1, 2), Fraction(-1, 2)]
    >>> U[0, 1, 0] == Fraction(0.1), U[0, 1, 0] == Fraction(1, 10)  # the float nearest 0.1
    (True, False)
    """
    flat = [Fraction(float(x)) for x in game.payoffs.ravel()]
    return np.array(flat, dtype=object).reshape(game.payoffs.shape)


def _exact_action_values(U: np.ndarray, profile: Sequence[Sequence[Fraction]],
                         player: int) -> np.ndarray:
    t = U[..., player]
    for j in range(len(profile) - 1, -1, -1):
        if j != player:
            t = np.tensordot(t, np.array(profile[j], dtype=object), axes=([j], [0]))
    return t


def _support_exact_bimatrix(U: np.ndarray, profile: Sequence[np.ndarray],
                            support_tol: float) -> tuple[tuple[Fraction, ...], ...] | None:
    """Exact two-player profile with the same supports, from the indifference equations.

    For the column strategy y on support J: (A y)_k equal for all k in supp(x), sum y = 1.
    Symmetrically for x with B. Returns None if the system has no unique solution.
    """
    out = []
    for i in (0, 1):
        other = 1 - i
        own_supp = np.flatnonzero(profile[i] > support_tol)
        opp_supp = np.flatnonzero(profile[other] > support_tol)
        # payoff of player i's pure strategies against opponent's mixed strategy
        Ui = U[..., i] if i == 0 else U[..., i].T  # rows: player i's actions
        # unknowns: opponent probs on opp_supp, and value v
        M, rhs = [], []
        for k in own_supp:
            M.append([Ui[k, j] for j in opp_supp] + [Fraction(-1)])
            rhs.append(Fraction(0))
        M.append([Fraction(1)] * len(opp_supp) + [Fraction(0)])
        rhs.append(Fraction(1))
        sol = solve_rational_system(M, rhs)
        if sol is None:
            return None
        probs = sol[:-1]
        if any(p < 0 for p in probs):
            return None
        full = [Fraction(0)] * profile[other].shape[0]
        for j, p in zip(opp_supp, probs, strict=True):
            full[j] = p
        out.append((other, tuple(full)))
    res = dict(out)
    return (res[0], res[1])


def rationalize_profile(profile: Sequence[np.ndarray],
                        max_denominator: int = 10**9) -> tuple[tuple[Fraction, ...], ...]:
    """Closest rationals with bounded denominator, renormalised to sum exactly to one.

    Parameters
    ----------
    profile : sequence of ndarray
        One mixed strategy per player (floats).
    max_denominator : int
        Bound on the denominators (:meth:`fractions.Fraction.limit_denominator`) before the
        renormalisation; zero and negative entries become exactly zero.

    Returns
    -------
    tuple of tuple of Fraction
        One exact mixed strategy per player, each summing to exactly one.

    Examples
    --------
    >>> rationalize_profile([np.array([1 / 3, 2 / 3]), np.array([0.25, 0.75])])
    ((Fraction(1, 3), Fraction(2, 3)), (Fraction(1, 4), Fraction(3, 4)))
    """
    out = []
    for s in profile:
        fr = [Fraction(float(x)).limit_denominator(max_denominator) if x > 0 else Fraction(0)
              for x in s]
        total = sum(fr)
        out.append(tuple(x / total for x in fr))
    return tuple(out)


def verify_exact(
    game: NormalFormGame,
    profile: Sequence[np.ndarray],
    exact: Sequence[Sequence[Fraction]] | None = None,
    support_tol: float = 1e-9,
) -> ExactVerification:
    """Check in rational arithmetic that ``profile`` is a Nash equilibrium of ``game``.

    Payoffs are converted exactly; the strategies are ``exact`` when given, else (two-player
    games) recovered exactly from the support's indifference equations, else rationalised
    (:func:`rationalize_profile`). Every regret is then computed without rounding.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    profile : sequence of ndarray
        The float profile.
    exact : sequence of sequence of Fraction, optional
        Exact strategies produced by the algorithm; used as they are when given.
    support_tol : float
        Probabilities above this are taken as the support when recovering exact strategies.

    Returns
    -------
    ExactVerification
        ``ok`` when every exact regret is zero, else the first profitable deviation; truthy
        exactly when ``ok``.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54(2), 286-295.

    Examples
    --------
    >>> from benchgame.games.normal_form import NormalFormGame
    >>> bos = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> v = verify_exact(bos, [np.array([2 / 3, 1 / 3]), np.array([1 / 3, 2 / 3])])
    >>> v.ok, v.source, [[str(p) for p in s] for s in v.strategies]
    (True, 'support', [['2/3', '1/3'], ['1/3', '2/3']])
    >>> bad = verify_exact(bos, [np.array([1.0, 0.0]), np.array([0.0, 1.0])])
    >>> bool(bad), bad.deviation.player, bad.deviation.action, bad.deviation.gain
    (False, 0, 1, Fraction(1, 1))
    """
    U = exact_payoff_tensor(game)
    source = "algorithm"
    if exact is not None:
        strategies = tuple(tuple(Fraction(x) for x in s) for s in exact)
    else:
        strategies = None
        if game.num_players == 2:
            strategies = _support_exact_bimatrix(U, profile, support_tol)
            source = "support"
        if strategies is None:
            strategies = rationalize_profile(profile)
            source = "rationalized"
    regrets = []
    deviation = None
    for i in range(game.num_players):
        vals = _exact_action_values(U, strategies, i)
        current = sum((p * v for p, v in zip(strategies[i], vals, strict=True)), Fraction(0))
        best = int(np.argmax([float(v - current) for v in vals]))
        # exact argmax (float argmax may tie): scan exactly
        best_val = vals[best]
        for k, v in enumerate(vals):
            if v > best_val:
                best, best_val = k, v
        gain = best_val - current
        regrets.append(gain)
        if gain > 0 and deviation is None:
            deviation = Deviation(player=i, action=best, label=game.labels[i][best], gain=gain)
    return ExactVerification(
        ok=all(r == 0 for r in regrets),
        strategies=strategies,
        regrets=tuple(regrets),
        deviation=deviation,
        source=source,
    )
