"""Pure-strategy Nash equilibria of n-player finite games, decided exactly and vectorized.

A pure profile :math:`a` is a Nash equilibrium iff for every player ``i``

.. math::  U[a, i] \\ge \\max_{a_i'} U[a_i', a_{-i}, i].

A pure profile's regret is the difference of two stored payoffs, so the test compares the stored
payoffs themselves: a comparison of two binary floats involves no arithmetic and is exact (every
float is a rational), hence ties are decided exactly and every listed equilibrium passes exact
rational verification. The best-response maxima along each player's own axis are computed for
all profiles at once (``U[..., i].max(axis=i)``), so the cost is :math:`O(n \\prod_j m_j)` array
work with no Python loop over profiles.

With a tolerance :math:`\\tau_i = \\mathrm{tol} \\cdot \\mathrm{range}_i > 0`, profiles where no
player gains more than :math:`\\tau_i` but some player gains something are *near-ties*: they are
reported apart (:attr:`EquilibriumSet.near_equilibria
<benchgame.games.equilibrium.EquilibriumSet.near_equilibria>`), never among the equilibria.

References
----------
Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54(2), 286-295.
"""

from __future__ import annotations

import numpy as np

from benchgame.core.validation import as_tolerance
from benchgame.games.certificate import DEFAULT_TOL
from benchgame.games.equilibrium import Equilibrium, EquilibriumSet
from benchgame.games.normal_form import NormalFormGame

__all__ = ["pure_equilibria", "pure_equilibrium_mask"]


def pure_equilibrium_mask(game: NormalFormGame, tol: float = 0.0) -> np.ndarray:
    """Boolean array of shape ``game.shape``: True at pure Nash equilibria (decided exactly).

    With ``tol=0`` (the default) a profile passes when no unilateral pure deviation gives any
    player a strictly larger stored payoff; the float comparison of two stored payoffs is exact,
    so ties are decided exactly. With ``tol > 0`` a profile also passes when no player gains
    more than ``tol`` times her payoff range: the mask then includes near-ties, which are not
    equilibria. All profiles are tested at once along each player's axis.

    Parameters
    ----------
    game : NormalFormGame
        Any finite game (n players).
    tol : float, default 0.0
        Relative tolerance (fraction of each player's payoff range). ``0`` gives the exact test.

    Returns
    -------
    ndarray of bool
        Shape ``game.shape``; ``True`` at the pure Nash equilibria (and, for ``tol > 0``, at
        the near-ties).

    Raises
    ------
    benchgame.core.validation.InputError
        If ``tol`` is negative or not a number.

    Examples
    --------
    >>> bos = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> pure_equilibrium_mask(bos).tolist()
    [[True, False], [False, True]]

    A gain of 1e-10 is a gain: only the tolerance admits the near-tie ``(0, 0)``:

    >>> g = NormalFormGame.from_bimatrix([[1, 0], [1 + 1e-10, 0]], [[1, 0], [1, 0]])
    >>> pure_equilibrium_mask(g).tolist(), pure_equilibrium_mask(g, 1e-9).tolist()
    ([[False, False], [True, False]], [[True, False], [True, False]])
    """
    tol = as_tolerance(tol)
    U = game.payoffs
    scale = game.regret_scale()
    mask = np.ones(game.shape, dtype=bool)
    for i in range(game.num_players):
        Ui = U[..., i]
        best = Ui.max(axis=i, keepdims=True)
        mask &= (Ui >= best) if tol == 0 else (Ui >= best - tol * scale[i])
    return mask


def _pure_members(game: NormalFormGame, mask: np.ndarray, tol: float,
                  kind: str) -> tuple[Equilibrium, ...]:
    """Certified pure profiles at the True entries of ``mask`` (exact one-hot strategies)."""
    out = []
    for prof in np.argwhere(mask):
        strategies = [np.eye(m)[a] for m, a in zip(game.shape, prof, strict=True)]
        exact = [[1 if k == a else 0 for k in range(m)]
                 for m, a in zip(game.shape, prof, strict=True)]
        out.append(Equilibrium.certified(
            game, strategies, "pure_enumeration", tol=tol, exact=exact,
            provenance={"profile": [int(a) for a in prof], "kind": kind},
        ))
    return tuple(out)


def pure_equilibria(game: NormalFormGame, tol: float = DEFAULT_TOL) -> EquilibriumSet:
    """All pure Nash equilibria, decided exactly; near-ties within ``tol`` reported apart.

    Every pure profile is tested against every unilateral pure deviation by comparing the
    stored payoffs exactly (:func:`pure_equilibrium_mask` with ``tol=0``), so the set is
    complete and every member passes exact rational verification; mixed equilibria are not
    searched (``scope="pure"``). Profiles that only the relative tolerance ``tol`` accepts
    (some player gains a positive amount of at most ``tol`` times her payoff range) are
    near-ties: they go to ``near_equilibria`` and count neither for completeness nor for
    uniqueness.

    Parameters
    ----------
    game : NormalFormGame
        Any finite game (n players).
    tol : float, default DEFAULT_TOL
        Relative tolerance for near-ties (fraction of each player's payoff range; ``0`` lists
        none) and of the float certificates, which use ``max(tol, DEFAULT_TOL)``.

    Returns
    -------
    EquilibriumSet
        With ``complete=True`` and ``scope="pure"``; each member carries its certificate and
        exact strategies (pure profiles are exact). ``near_equilibria`` holds the near-ties,
        each with provenance ``kind="near_tie"`` and its positive exact regret available from
        ``verify_exact()``.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``tol`` is negative or not a number.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54(2), 286-295.

    Examples
    --------
    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> eqs = pure_equilibria(pd)
    >>> [e.pure_profile() for e in eqs], eqs.complete, eqs.scope
    ([(1, 1)], True, 'pure')

    Matching pennies has no pure equilibrium:

    >>> len(pure_equilibria(NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])))
    0

    Deviating from ``(0, 0)`` gains the row player 1e-10, within the default tolerance: a
    near-tie, not an equilibrium, and ``(1, 0)`` is the unique pure equilibrium:

    >>> g = NormalFormGame.from_bimatrix([[1, 0], [1 + 1e-10, 0]], [[1, 0], [1, 0]])
    >>> eqs = pure_equilibria(g)
    >>> [e.pure_profile() for e in eqs], eqs.is_unique
    ([(1, 0)], True)
    >>> [e.pure_profile() for e in eqs.near_equilibria]
    [(0, 0)]
    >>> from fractions import Fraction
    >>> eqs.near_equilibria[0].verify_exact().regrets[0] == Fraction(1 + 1e-10) - 1
    True
    """
    tol = as_tolerance(tol)
    exact_mask = pure_equilibrium_mask(game, 0.0)
    near_mask = pure_equilibrium_mask(game, tol) & ~exact_mask if tol > 0 else None
    cert_tol = max(tol, DEFAULT_TOL)
    near = () if near_mask is None else _pure_members(game, near_mask, cert_tol, "near_tie")
    return EquilibriumSet(
        game=game,
        equilibria=_pure_members(game, exact_mask, cert_tol, "exact"),
        method="pure_enumeration",
        complete=True,
        reason="every pure profile was tested against every unilateral pure deviation by exact "
        "comparison of the stored payoffs (mixed equilibria were not searched)",
        scope="pure",
        provenance={"profiles_tested": game.num_profiles, "tol": tol,
                    "near_ties": len(near)},
        near_equilibria=near,
    )
