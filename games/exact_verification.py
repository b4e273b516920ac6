"""Exact rational re-verification of equilibrium claims.

:func:`verify_exact` redoes the regret check of :mod:`benchgame.games.certificate` in rational
arithmetic (:class:`fractions.Fraction`) on the profile that was returned: payoffs are converted
exactly (every binary float is a rational), and the strategies are the algorithm's exact output
when it has one, otherwise the exact rational values of the returned floats
(:func:`exact_float_profile`). The result is exact: either every regret is exactly zero, or the
exact regrets and the first profitable deviation are returned.

When the returned profile of a two-player game is not exactly an equilibrium, the exact profile
with the same supports that solves the indifference equations is checked as well and reported
separately, as :attr:`ExactVerification.nearby` (``source="support"``, with its distance from
the returned profile); it never replaces the returned profile.

References
----------
Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54(2), 286-295.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from benchgame.games.rational import solve_rational_system

if TYPE_CHECKING:
    from benchgame.games.normal_form import NormalFormGame

__all__ = [
    "Deviation",
    "ExactVerification",
    "exact_float_profile",
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

    It is truthy exactly when ``ok`` is, and ``ok`` is about ``strategies`` (the returned
    profile) only; a nearby exact equilibrium never makes it true.

    Parameters
    ----------
    ok : bool
        Every exact regret of ``strategies`` is zero.
    strategies : tuple of tuple of Fraction
        The exact profile that was checked: the returned profile.
    regrets : tuple of Fraction
        Exact regret of each player at ``strategies``.
    deviation : Deviation or None
        The most profitable deviation of the first player with positive regret.
    source : str
        How ``strategies`` were obtained: ``"algorithm"`` (the solver's exact output, of which the
        returned floats are the rounding), ``"floats"`` (the exact rational values of the returned
        floats, see :func:`exact_float_profile`) or, for a :attr:`nearby` profile only,
        ``"support"`` (solved exactly from the returned profile's supports).
    nearby : ExactVerification or None
        When the returned profile of a two-player game is not exactly an equilibrium: the exact
        check of the profile with the same supports that solves the indifference equations
        (``source="support"``), or None when that system has no unique nonnegative solution.
        It is a different profile, reported next to the returned one, never in its place.
    distance : float or None
        For a ``nearby`` profile: its max-norm distance from the returned profile; None for the
        returned profile itself.

    Examples
    --------
    >>> from benchgame.games.normal_form import NormalFormGame
    >>> mp = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> v = verify_exact(mp, [np.array([0.75, 0.25]), np.array([0.5, 0.5])])
    >>> bool(v), v.source, [str(r) for r in v.regrets], str(v.max_regret)
    (False, 'floats', ['0', '1/2'], '1/2')
    >>> v.nearby.ok, v.nearby.source, v.nearby.distance
    (True, 'support', 0.25)
    """

    ok: bool
    strategies: tuple[tuple[Fraction, ...], ...]
    regrets: tuple[Fraction, ...]
    deviation: Deviation | None
    source: str
    nearby: ExactVerification | None = None
    distance: float | None = None

    def __bool__(self) -> bool:
        return self.ok

    @property
    def max_regret(self) -> Fraction:
        """Largest exact regret, in payoff units."""
        return max(self.regrets)

    def to_dict(self) -> dict:
        """The verification as a JSON-ready dictionary (fractions as strings)."""
        d = {
            "ok": self.ok,
            "strategies": [[str(x) for x in s] for s in self.strategies],
            "regrets": [str(r) for r in self.regrets],
            "max_regret_float": float(self.max_regret),
            "deviation": None if self.deviation is None else self.deviation.to_dict(),
            "source": self.source,
            "nearby": None if self.nearby is None else self.nearby.to_dict(),
        }
        if self.distance is not None:
            d["distance"] = self.distance
        return d


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


def exact_float_profile(profile: Sequence[np.ndarray]) -> tuple[tuple[Fraction, ...], ...]:
    """The exact rational value of a float profile, each strategy scaled to sum exactly to one.

    Every binary float is a rational, so ``Fraction(p)`` is the probability the float stands
    for, without rounding. Floats that should sum to one usually miss it by a few units in the
    last place; each strategy is therefore divided by its exact sum (a no-op when the floats
    already sum to exactly one, e.g. for pure strategies).

    Parameters
    ----------
    profile : sequence of array_like
        One mixed strategy per player (nonnegative floats with a positive sum).

    Returns
    -------
    tuple of tuple of Fraction
        One exact mixed strategy per player, each summing to exactly one.

    Raises
    ------
    ValueError
        If a strategy has a negative entry or sums to zero.

    Examples
    --------
    >>> exact_float_profile([np.array([0.5, 0.5]), np.array([0.0, 1.0])])
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(0, 1), Fraction(1, 1)))
    >>> x = exact_float_profile([np.array([3 / 7, 4 / 7])])[0]
    >>> sum(x) == 1, x[0] == Fraction(3 / 7) / (Fraction(3 / 7) + Fraction(4 / 7)), x[0] == 3 / 7
    (True, True, False)
    """
    out = []
    for s in profile:
        fr = [Fraction(float(x)) for x in np.asarray(s, dtype=float)]
        total = sum(fr, Fraction(0))
        if any(x < 0 for x in fr) or total <= 0:
            raise ValueError("a mixed strategy needs nonnegative entries with a positive sum")
        out.append(tuple(x / total for x in fr))
    return tuple(out)


def _exact_check(game: NormalFormGame, U: np.ndarray,
                 strategies: tuple[tuple[Fraction, ...], ...], source: str,
                 distance: float | None = None) -> ExactVerification:
    """Exact regrets of ``strategies`` and the first profitable deviation."""
    regrets = []
    deviation = None
    for i in range(game.num_players):
        vals = _exact_action_values(U, strategies, i)
        current = sum((p * v for p, v in zip(strategies[i], vals, strict=True)), Fraction(0))
        best, best_val = 0, vals[0]
        for k, v in enumerate(vals):
            if v > best_val:
                best, best_val = k, v
        gain = best_val - current
        regrets.append(gain)
        if gain > 0 and deviation is None:
            deviation = Deviation(player=i, action=best, label=game.labels[i][best], gain=gain)
    return ExactVerification(ok=all(r == 0 for r in regrets), strategies=strategies,
                             regrets=tuple(regrets), deviation=deviation, source=source,
                             distance=distance)


def verify_exact(
    game: NormalFormGame,
    profile: Sequence[np.ndarray],
    exact: Sequence[Sequence[Fraction]] | None = None,
    support_tol: float = 1e-9,
) -> ExactVerification:
    """Check in rational arithmetic whether the returned ``profile`` is a Nash equilibrium.

    Payoffs are converted exactly. The profile checked is the returned one: ``exact`` when the
    algorithm computed exact strategies (the floats are then their rounding), else the exact
    rational value of the floats (:func:`exact_float_profile`). Every regret is computed without
    rounding, so the answer is exact.

    When the returned profile of a two-player game is not exactly an equilibrium, the exact
    solution of its supports' indifference equations is checked too and attached as
    ``nearby`` (``source="support"``, with its distance): a different profile, reported
    separately and never in place of the returned one.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    profile : sequence of ndarray
        The returned float profile.
    exact : sequence of sequence of Fraction, optional
        Exact strategies produced by the algorithm (the returned profile, of which ``profile``
        is the float rounding); checked as they are when given.
    support_tol : float
        Probabilities above this form the supports from which ``nearby`` is solved.

    Returns
    -------
    ExactVerification
        ``ok`` when every exact regret of the returned profile is zero (truthy exactly then),
        its exact regrets and first profitable deviation, and the ``nearby`` check if any.

    Raises
    ------
    ValueError
        If a float strategy has a negative entry or sums to zero.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54(2), 286-295.

    Examples
    --------
    >>> from benchgame.games.normal_form import NormalFormGame
    >>> bos = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> bad = verify_exact(bos, [np.array([1.0, 0.0]), np.array([0.0, 1.0])])
    >>> bool(bad), bad.source, bad.deviation.player, bad.deviation.action, bad.deviation.gain
    (False, 'floats', 0, 1, Fraction(1, 1))

    The floats nearest 3/7 and 4/7 are not exactly optimal in this zero-sum game; the exact
    equilibrium on the same supports is reported next to them, at distance about 1e-17:

    >>> g = NormalFormGame.from_bimatrix([[3, -1], [-2, 1]])
    >>> v = verify_exact(g, [np.array([3 / 7, 4 / 7]), np.array([2 / 7, 5 / 7])])
    >>> v.ok, v.source, float(v.max_regret) < 1e-15
    (False, 'floats', True)
    >>> v.nearby.ok, v.nearby.source, [[str(p) for p in s] for s in v.nearby.strategies]
    (True, 'support', [['3/7', '4/7'], ['2/7', '5/7']])
    >>> v.nearby.distance < 1e-15
    True
    """
    U = exact_payoff_tensor(game)
    if exact is not None:
        strategies = tuple(tuple(Fraction(x) for x in s) for s in exact)
        result = _exact_check(game, U, strategies, "algorithm")
    else:
        strategies = exact_float_profile(profile)
        result = _exact_check(game, U, strategies, "floats")
    if result.ok or game.num_players != 2:
        return result
    floats = [np.asarray(s, dtype=float) for s in profile]
    support = _support_exact_bimatrix(U, floats, support_tol)
    if support is None:
        return result
    distance = float(max(abs(p - q) for s, t in zip(support, strategies, strict=True)
                         for p, q in zip(s, t, strict=True)))
    return replace(result, nearby=_exact_check(game, U, support, "support", distance))
