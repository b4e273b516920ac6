"""Utilitarian welfare, optimal welfare, price of anarchy and price of stability.

For a mixed profile :math:`\\sigma` the utilitarian welfare is

.. math::  W(\\sigma) = \\sum_i u_i(\\sigma) = \\sum_a \\Big(\\prod_j \\sigma_j(a_j)\\Big)
           \\sum_i U[a, i].

Since :math:`W` is multilinear, its maximum over all mixed profiles is attained at a pure profile:
:math:`\\mathrm{OPT} = \\max_a \\sum_i U[a, i]` (computed on the whole tensor at once).

With :math:`\\mathcal{E}` the set of Nash equilibria (Koutsoupias & Papadimitriou 1999;
Anshelevich et al. 2004), for positive welfare:

.. math::

    \\mathrm{PoA} = \\frac{\\mathrm{OPT}}{\\min_{\\sigma \\in \\mathcal{E}} W(\\sigma)}, \\qquad
    \\mathrm{PoS} = \\frac{\\mathrm{OPT}}{\\max_{\\sigma \\in \\mathcal{E}} W(\\sigma)},

so :math:`\\mathrm{PoA} \\ge \\mathrm{PoS} \\ge 1`. The ratios are undefined (an error is raised)
when OPT or the relevant equilibrium welfare is not positive; they are not invariant to shifting
payoffs, so shift deliberately if you must.

The equilibria come from a computed :class:`~benchgame.games.equilibrium.EquilibriumSet`. When the
set is complete the ratios are exact: for two-player games the set is a finite union of products of
polytopes whose vertices are the listed extreme equilibria, and a bilinear welfare attains its
extremes at vertices. When the set is not complete, the minimum over a subset is at least the true
minimum and the maximum is at most the true maximum, so the returned PoA is a **lower bound** and
the PoS an **upper bound** (``is_bound=True``). With ``scope == "pure"`` the ratios are the *pure*
price of anarchy / stability (over pure equilibria only).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from benchgame.core.validation import InputError, as_tolerance, require
from benchgame.games.equilibrium import Equilibrium, EquilibriumSet
from benchgame.games.normal_form import NormalFormGame

__all__ = [
    "OptimalWelfare",
    "WelfareRatio",
    "optimal_welfare",
    "price_of_anarchy",
    "price_of_stability",
    "utilitarian_welfare",
]


def utilitarian_welfare(game: NormalFormGame, profile: Equilibrium | Sequence[Any]) -> float:
    """:math:`W(\\sigma) = \\sum_i u_i(\\sigma)` of a mixed profile or an equilibrium."""
    strategies = profile.strategies if isinstance(profile, Equilibrium) else profile
    return float(game.expected_payoffs(strategies).sum())


@dataclass(frozen=True)
class OptimalWelfare:
    """The maximal utilitarian welfare and the pure profiles attaining it.

    Attributes
    ----------
    value : float
        :math:`\\mathrm{OPT} = \\max_a \\sum_i U[a, i]` (also the optimum over mixed profiles).
    maximizers : tuple of tuple of int
        Every pure profile within ``tol * range`` of the optimum.
    """

    value: float
    maximizers: tuple[tuple[int, ...], ...]

    def to_dict(self) -> dict:
        return {"value": self.value, "maximizers": [list(p) for p in self.maximizers]}


def optimal_welfare(game: NormalFormGame, tol: float = 1e-9) -> OptimalWelfare:
    """Maximal utilitarian welfare over pure profiles (vectorized over the whole tensor).

    Parameters
    ----------
    game : NormalFormGame
    tol : float
        Profiles within ``tol`` times the welfare range of the maximum count as maximizers.
    """
    tol = as_tolerance(tol)
    W = game.payoffs.sum(axis=-1)
    best = float(W.max())
    spread = float(np.ptp(W)) or 1.0
    idx = np.argwhere(W >= best - tol * spread)
    return OptimalWelfare(best, tuple(tuple(int(k) for k in row) for row in idx))


@dataclass(frozen=True)
class WelfareRatio:
    """Price of anarchy or stability over a computed equilibrium set.

    Attributes
    ----------
    kind : str
        ``"price_of_anarchy"`` or ``"price_of_stability"``.
    value : float
        OPT divided by the worst (PoA) or best (PoS) equilibrium welfare.
    optimal_welfare : float
    equilibrium_welfare : float
        The worst (PoA) or best (PoS) welfare over the listed equilibria.
    attained_by : tuple of int
        Indices (into ``eqset.equilibria``) of the equilibria attaining it.
    is_bound : bool
        True when the equilibrium set is incomplete: ``value`` is then a lower bound (PoA) or an
        upper bound (PoS) on the true ratio.
    bound : str
        ``"exact"``, ``"lower"`` or ``"upper"``.
    scope : str
        ``"mixed"`` (all Nash equilibria) or ``"pure"`` (pure equilibria only).
    reason : str
        Why the value is exact or a bound.
    """

    kind: str
    value: float
    optimal_welfare: float
    equilibrium_welfare: float
    attained_by: tuple[int, ...]
    is_bound: bool
    bound: str
    scope: str
    reason: str

    def to_dict(self) -> dict:
        return {"kind": self.kind, "value": self.value, "optimal_welfare": self.optimal_welfare,
                "equilibrium_welfare": self.equilibrium_welfare,
                "attained_by": list(self.attained_by), "is_bound": self.is_bound,
                "bound": self.bound, "scope": self.scope, "reason": self.reason}


def _equilibrium_welfares(eqset: EquilibriumSet) -> np.ndarray:
    require(isinstance(eqset, EquilibriumSet), "eqset", f"is a {type(eqset).__name__}",
            "compute an EquilibriumSet first (e.g. benchgame.games.pure_equilibria or "
            "all_equilibria)")
    require(len(eqset) > 0, "eqset", "contains no equilibrium",
            "the ratio needs at least one equilibrium; use a complete mixed enumeration")
    return np.array([utilitarian_welfare(eqset.game, e) for e in eqset.equilibria])


def _ratio(eqset: EquilibriumSet, kind: str, tol: float) -> WelfareRatio:
    W = _equilibrium_welfares(eqset)
    opt = optimal_welfare(eqset.game).value
    spread = max(float(np.ptp(eqset.game.payoffs.sum(axis=-1))), 1.0)
    target = float(W.min() if kind == "price_of_anarchy" else W.max())
    name = "price of anarchy" if kind == "price_of_anarchy" else "price of stability"
    which = "worst" if kind == "price_of_anarchy" else "best"
    fix = ("the ratio OPT / W is defined for positive welfare only; shift the payoffs "
           "(game.transformed(shift=...)) if a shifted ratio is meaningful for your model")
    if opt <= 0:
        raise InputError("game", f"optimal welfare is {opt:.6g} <= 0, so the {name} is "
                         "undefined", fix)
    if target <= 0:
        raise InputError("eqset", f"the {which} equilibrium welfare is {target:.6g} <= 0, so "
                         f"the {name} is undefined", fix)
    attained = tuple(int(k) for k in np.flatnonzero(np.abs(W - target) <= tol * spread))
    if eqset.complete:
        bound, reason = "exact", f"equilibrium set is complete ({eqset.reason})"
    else:
        bound = "lower" if kind == "price_of_anarchy" else "upper"
        reason = (f"equilibrium set is incomplete ({eqset.reason}): the {which} welfare over "
                  f"the listed equilibria gives a {bound} bound on the {name}")
    if eqset.scope == "pure":
        reason += "; scope is pure equilibria only (pure " + name + ")"
    return WelfareRatio(kind=kind, value=opt / target, optimal_welfare=opt,
                        equilibrium_welfare=target, attained_by=attained,
                        is_bound=not eqset.complete, bound=bound, scope=eqset.scope,
                        reason=reason)


def price_of_anarchy(eqset: EquilibriumSet, tol: float = 1e-9) -> WelfareRatio:
    """:math:`\\mathrm{OPT} / \\min_{\\sigma \\in \\mathcal{E}} W(\\sigma)` over ``eqset``.

    Parameters
    ----------
    eqset : EquilibriumSet
        Computed equilibria; if ``eqset.complete`` is False the value is a lower bound.
    tol : float
        Equilibria whose welfare is within ``tol`` times the welfare range of the worst are
        reported in ``attained_by``.

    Raises
    ------
    benchgame.core.validation.InputError
        Empty set, or non-positive optimal or worst-equilibrium welfare (ratio undefined).
    """
    return _ratio(eqset, "price_of_anarchy", tol)


def price_of_stability(eqset: EquilibriumSet, tol: float = 1e-9) -> WelfareRatio:
    """:math:`\\mathrm{OPT} / \\max_{\\sigma \\in \\mathcal{E}} W(\\sigma)` over ``eqset``.

    If ``eqset.complete`` is False the value is an upper bound. Errors as in
    :func:`price_of_anarchy`.
    """
    return _ratio(eqset, "price_of_stability", tol)
