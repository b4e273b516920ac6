"""Polishing an approximate mixed equilibrium on its support, and certifying it exactly.

An approximate equilibrium :math:`x` (from simplicial subdivision or the logit path) suggests the
supports :math:`S_j` of a nearby exact equilibrium. On those supports the equilibrium solves the
square polynomial system

.. math::  \\sum_{k \\in S_j} x_{jk} = 1, \\qquad
           u_j(k, x_{-j}) - u_j(k_0, x_{-j}) = 0 \\quad (k \\in S_j \\setminus \\{k_0\\}),

with :math:`x_{jk} = 0` off the supports; Newton's method from :math:`x` (Jacobian from
:class:`~benchgame.games.multilinear.MultilinearPayoffs`) converges quadratically when the support
guess is right (near-null directions of the Jacobian, as on a continuum of equilibria, are left
out of the steps). Several support guesses (probability thresholds) are tried; among the polished
profiles within a given distance of the input, the closest one whose regrets are within the
tolerance is kept, else the one of smallest regret if it is lower than the input's.

The kept profile is then snapped to dyadic rationals :math:`k / 2^{52}` summing to exactly one, so
the exact rational values of the returned floats form a mixed profile, and
:func:`~benchgame.games.certificate.verify_exact` computes its exact regrets: an exact upper bound
of what any player gains by deviating from the returned floats. When a small-denominator
rationalisation of the profile has exact regret zero, that exact equilibrium is kept instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from benchgame.games.certificate import DEFAULT_TOL, certify, rationalize_profile, verify_exact
from benchgame.games.equilibrium import Equilibrium
from benchgame.games.multilinear import MultilinearPayoffs
from benchgame.games.normal_form import NormalFormGame

__all__ = ["certified_mixed_equilibrium", "dyadic_profile", "newton_on_support",
           "polish_on_support"]

_THRESHOLDS = (1e-9, 1e-6, 1e-3, 1e-2, 5e-2, 0.15)
_DENOMINATORS = (2, 6, 12, 60, 420, 2520, 10**4, 10**6)


def dyadic_profile(profile: Sequence[Any], bits: int = 52) -> tuple[np.ndarray, ...]:
    """Round a mixed profile to multiples of ``2**-bits`` that sum to exactly one.

    Every such number is a float, so ``Fraction(p)`` of the returned entries is a probability
    vector in exact arithmetic; the rounding moves each probability by at most about
    ``m * 2**-bits``.

    Parameters
    ----------
    profile : sequence of array_like
        One nonnegative weight vector per player (renormalised first).
    bits : int
        Binary digits kept (at most 52).

    Returns
    -------
    tuple of ndarray
        The rounded strategies.

    Examples
    --------
    >>> p = dyadic_profile([np.array([1 / 3, 1 / 3, 1 / 3])])
    >>> sum(Fraction(float(x)) for x in p[0]) == 1, float(abs(p[0] - 1 / 3).max()) < 1e-15
    (True, True)
    """
    scale = 2 ** int(bits)
    out = []
    for s in profile:
        s = np.clip(np.asarray(s, dtype=float), 0.0, None)
        k = np.rint(s / s.sum() * scale).astype(np.int64)
        k[int(np.argmax(k))] += scale - int(k.sum())
        out.append(k.astype(float) / scale)
    return tuple(out)


def newton_on_support(game: NormalFormGame, profile: Sequence[Any],
                      supports: Sequence[Sequence[int]], max_iter: int = 40
                      ) -> tuple[np.ndarray, ...] | None:
    """Solve the support system of a mixed equilibrium by Newton's method from ``profile``.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    profile : sequence of array_like
        Starting profile (restricted to the supports and renormalised).
    supports : sequence of sequence of int
        The strategies of each player allowed positive probability.
    max_iter : int
        Newton iterations.

    Returns
    -------
    tuple of ndarray or None
        The solution (zero off the supports), or None if Newton did not converge to a profile
        with nonnegative probabilities.

    Examples
    --------
    >>> bos = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> x = newton_on_support(bos, [[0.6, 0.4], [0.3, 0.7]], [[0, 1], [0, 1]])
    >>> [[round(float(p), 12) for p in s] for s in x]
    [[0.666666666667, 0.333333333333], [0.333333333333, 0.666666666667]]
    """
    ml = MultilinearPayoffs(game, normalize=True)
    sup = [np.asarray(sorted(s), dtype=int) for s in supports]
    if any(s.size == 0 for s in sup):
        return None
    x = []
    for s, S in zip(profile, sup, strict=True):
        full = np.zeros(len(s))
        full[S] = np.maximum(np.asarray(s, dtype=float)[S], 1e-3)
        x.append(full / full.sum())
    offs = np.cumsum([0] + [len(S) for S in sup])
    best, best_norm = None, np.inf
    for _ in range(max_iter):
        F, J = _system(ml, x, sup, offs)
        norm = float(np.abs(F).max())
        if norm < best_norm:
            best, best_norm = [s.copy() for s in x], norm
        if norm < 1e-15:
            break
        step = np.linalg.lstsq(J, -F, rcond=1e-9)[0]  # ignore near-null directions
        for j, S in enumerate(sup):
            x[j][S] += step[offs[j]:offs[j + 1]]
        if not all(np.all(np.isfinite(s)) for s in x):
            break
    if best is None or best_norm > 1e-9 or any(s.min() < -1e-12 for s in best):
        return None
    return tuple(np.clip(s, 0.0, None) / np.clip(s, 0.0, None).sum() for s in best)


def _system(ml: MultilinearPayoffs, x: list[np.ndarray], sup: list[np.ndarray],
            offs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    vals = ml.action_values(x)
    size = int(offs[-1])
    F = np.zeros(size)
    J = np.zeros((size, size))
    row = 0
    for j, S in enumerate(sup):
        F[row] = x[j][S].sum() - 1.0
        J[row, offs[j]:offs[j + 1]] = 1.0
        row += 1
        if S.size == 1:
            continue
        k0, rest = S[0], S[1:]
        F[row:row + rest.size] = vals[j][rest] - vals[j][k0]
        for lo, Sl in enumerate(sup):
            if lo != j:
                P = ml.pair_values(x, j, lo)[:, Sl]
                J[row:row + rest.size, offs[lo]:offs[lo + 1]] = P[rest] - P[k0]
        row += rest.size
    return F, J


def polish_on_support(game: NormalFormGame, profile: Sequence[Any], radius: float = np.inf,
                      tol: float = DEFAULT_TOL) -> tuple[tuple[np.ndarray, ...], float, bool]:
    """The best of ``profile`` and its Newton-polished versions on guessed supports.

    Supports are guessed by thresholds on the probabilities (relative to each player's largest
    one). Polished profiles farther than ``radius`` (max-norm) from the input are discarded; among
    the rest, the closest one whose regrets are within ``tol`` is kept, else the one of smallest
    regret if it beats the input.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    profile : sequence of array_like
        The approximate equilibrium.
    radius : float
        Largest max-norm distance a polished profile may move (keeps the polished equilibrium
        the one the input approximates).
    tol : float
        Relative regret below which a polished profile counts as an equilibrium.

    Returns
    -------
    profile : tuple of ndarray
        The kept profile, as dyadic floats summing to exactly one (:func:`dyadic_profile`).
    max_relative_regret : float
        Its largest regret relative to the player's payoff range.
    polished : bool
        Whether a polished profile was kept.

    Examples
    --------
    >>> bos = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> x, regret, polished = polish_on_support(bos, [[0.6, 0.4], [0.3, 0.7]])
    >>> regret < 1e-15, polished
    (True, True)
    """
    x = tuple(np.clip(np.asarray(s, dtype=float), 0.0, None) for s in profile)
    x = dyadic_profile(tuple(s / s.sum() for s in x))
    regret = certify(game, x).max_relative_regret
    if regret == 0.0:
        return x, regret, False
    found: list[tuple[float, float, tuple[np.ndarray, ...]]] = []
    tried: set[tuple[tuple[int, ...], ...]] = set()
    for theta in _THRESHOLDS:
        sup = tuple(tuple(int(k) for k in np.flatnonzero(s >= theta * s.max())) for s in x)
        if sup in tried:
            continue
        tried.add(sup)
        y = newton_on_support(game, x, sup)
        if y is None:
            continue
        y = dyadic_profile(y)
        dist = max(float(np.abs(a - b).max()) for a, b in zip(x, y, strict=True))
        if dist <= radius:
            found.append((certify(game, y).max_relative_regret, dist, y))
    good = [f for f in found if f[0] <= tol]
    if good:
        r, _, y = min(good, key=lambda f: f[1])
        return y, r, True
    if found and min(found)[0] < regret:
        r, _, y = min(found, key=lambda f: f[0])
        return y, r, True
    return x, regret, False


def certified_mixed_equilibrium(game: NormalFormGame, profile: Sequence[Any], method: str,
                                *, tol: float = DEFAULT_TOL, polish: bool = True,
                                radius: float = np.inf,
                                provenance: dict[str, Any] | None = None) -> Equilibrium:
    """Polish an approximate equilibrium on its support and certify it, exactly too.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    profile : sequence of array_like
        The approximate equilibrium.
    method : str
        Name of the method that produced it.
    tol : float
        Relative tolerance of the certificate.
    polish : bool
        Try :func:`polish_on_support` first (else only snap to dyadic floats).
    radius : float
        Largest distance the polishing may move the profile.
    provenance : dict, optional
        Method details to record.

    Returns
    -------
    Equilibrium
        The kept profile as dyadic floats. ``exact`` holds a rational equilibrium when one with a
        small denominator was recovered, else the exact values of the returned floats.
        ``provenance`` adds ``polished``, ``support``, ``exact_equilibrium`` (an exact
        equilibrium is known), ``exact_source``, and ``exact_regrets``, ``exact_max_regret``
        (strings) and ``exact_max_regret_float``: the exact regrets of the returned floats, an
        exact bound on what any player gains by deviating from them.

    Examples
    --------
    >>> bos = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> eq = certified_mixed_equilibrium(bos, [[0.6, 0.4], [0.3, 0.7]], "demo")
    >>> [[str(p) for p in s] for s in eq.exact], eq.provenance["exact_equilibrium"]
    ([['2/3', '1/3'], ['1/3', '2/3']], True)
    """
    if polish:
        best, best_regret, polished = polish_on_support(game, profile, radius, tol)
    else:
        best = dyadic_profile(profile)
        best_regret, polished = certify(game, best).max_relative_regret, False
    floats = tuple(tuple(Fraction(float(p)) for p in s) for s in best)
    check = verify_exact(game, best, floats)
    exact, source = floats, "returned floats"
    if not check.ok and best_regret <= 1e-9:
        recovered = _recover_rational(game, best)
        if recovered is not None:
            exact, source = recovered, "recovered rational equilibrium"
    worst = max(check.regrets)
    prov = {**(provenance or {}), "polished": polished,
            "support": [[int(k) for k in np.flatnonzero(s > 0)] for s in best],
            "exact_equilibrium": bool(check.ok) or exact is not floats, "exact_source": source,
            "exact_regrets": [str(r) for r in check.regrets], "exact_max_regret": str(worst),
            "exact_max_regret_float": float(worst)}
    return Equilibrium.certified(game, best, method, tol=tol, exact=exact, provenance=prov)


def _recover_rational(game: NormalFormGame, x: tuple[np.ndarray, ...]
                      ) -> tuple[tuple[Fraction, ...], ...] | None:
    """A small-denominator rational profile within 1e-9 of ``x`` with exact regret zero."""
    for den in _DENOMINATORS:
        try:
            cand = rationalize_profile(x, max_denominator=den)
        except ZeroDivisionError:  # a strategy rounded to all zeros
            continue
        if max(abs(float(p) - q) for s, t in zip(cand, x, strict=True)
               for p, q in zip(s, t, strict=True)) > 1e-9:
            continue
        if verify_exact(game, x, cand).ok:
            return cand
    return None
