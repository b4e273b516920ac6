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

so :math:`\\mathrm{PoA} \\ge \\mathrm{PoS} \\ge 1`, with :math:`W` the sum of payoffs
(``welfare_notion = "sum of payoffs"``); another welfare given per pure profile (e.g. a producer
game's consumer welfare) goes to :func:`welfare_ratio`, which names it. The ratios are undefined
(an error is raised) when OPT or the relevant equilibrium welfare is not positive; they are not
invariant to shifting payoffs, so shift deliberately if you must.

The equilibria come from a computed :class:`~benchgame.games.equilibrium.EquilibriumSet`. When the
set is complete the ratios are exact: for two-player games the set is a finite union of products of
polytopes whose vertices are the listed extreme equilibria, and a bilinear welfare attains its
extremes at vertices. When the set is not complete, the minimum over a subset is at least the true
minimum and the maximum is at most the true maximum, so the returned PoA is a **lower bound** and
the PoS an **upper bound** (``is_bound=True``). With ``scope == "pure"`` the ratios are the *pure*
price of anarchy / stability (over pure equilibria only).

References
----------
Koutsoupias, E. and Papadimitriou, C. (1999). Worst-case equilibria. In *STACS 99*, Lecture
Notes in Computer Science 1563, 404-413. Springer.

Anshelevich, E., Dasgupta, A., Kleinberg, J., Tardos, E., Wexler, T. and Roughgarden, T.
(2004). The price of stability for network design with fair cost allocation. In *Proceedings
of the 45th IEEE Symposium on Foundations of Computer Science (FOCS)*, 295-304.
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
    "welfare_ratio",
]

SUM_OF_PAYOFFS = "sum of payoffs"
"""Welfare notion of :func:`price_of_anarchy` and :func:`price_of_stability` (utilitarian)."""


def utilitarian_welfare(game: NormalFormGame, profile: Equilibrium | Sequence[Any]) -> float:
    """Utilitarian welfare :math:`W(\\sigma) = \\sum_i u_i(\\sigma)` of a profile.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    profile : Equilibrium or sequence of array_like
        An equilibrium (its strategies are used) or one mixed strategy per player.

    Returns
    -------
    float
        The sum of the players' expected payoffs.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``profile`` is not a mixed profile of ``game``.

    Examples
    --------
    >>> bos = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> utilitarian_welfare(bos, [[1, 0], [1, 0]]), utilitarian_welfare(bos, [[0.5, 0.5]] * 2)
    (3.0, 1.5)
    """
    strategies = profile.strategies if isinstance(profile, Equilibrium) else profile
    return float(game.expected_payoffs(strategies).sum())


@dataclass(frozen=True)
class OptimalWelfare:
    """The maximal utilitarian welfare and the pure profiles attaining it.

    As returned by :func:`optimal_welfare`.

    Parameters
    ----------
    value : float
        :math:`\\mathrm{OPT} = \\max_a \\sum_i U[a, i]` (also the optimum over mixed profiles).
    maximizers : tuple of tuple of int
        Every pure profile within ``tol * range`` of the optimum.
    """

    value: float
    maximizers: tuple[tuple[int, ...], ...]

    def to_dict(self) -> dict:
        """The optimum as a JSON-ready dictionary."""
        return {"value": self.value, "maximizers": [list(p) for p in self.maximizers]}


def optimal_welfare(game: NormalFormGame, tol: float = 1e-9) -> OptimalWelfare:
    """Maximal utilitarian welfare over pure profiles (vectorized over the whole tensor).

    The welfare is multilinear in the mixed strategies, so this is also the maximum over mixed
    profiles.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    tol : float
        Profiles within ``tol`` times the welfare range of the maximum count as maximizers.

    Returns
    -------
    OptimalWelfare
        ``OPT`` and every pure profile attaining it.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``tol`` is negative or not a number.

    Examples
    --------
    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> optimal_welfare(pd)
    OptimalWelfare(value=6.0, maximizers=((0, 0),))
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

    As returned by :func:`price_of_anarchy` and :func:`price_of_stability`.

    Parameters
    ----------
    kind : str
        ``"price_of_anarchy"`` or ``"price_of_stability"``.
    value : float
        OPT divided by the worst (PoA) or best (PoS) equilibrium welfare.
    optimal_welfare : float
        :math:`\\mathrm{OPT}`, the maximal utilitarian welfare.
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
    welfare_notion : str, default "sum of payoffs"
        The welfare of the ratio: the players' payoff sum, or the notion given to
        :func:`welfare_ratio` (e.g. ``"consumer welfare"``).
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
    welfare_notion: str = SUM_OF_PAYOFFS

    def to_dict(self) -> dict:
        """The ratio as a JSON-ready dictionary (every field; ``welfare_notion`` included)."""
        return {"kind": self.kind, "welfare_notion": self.welfare_notion, "value": self.value,
                "optimal_welfare": self.optimal_welfare,
                "equilibrium_welfare": self.equilibrium_welfare,
                "attained_by": list(self.attained_by), "is_bound": self.is_bound,
                "bound": self.bound, "scope": self.scope, "reason": self.reason}


def _equilibrium_welfares(eqset: EquilibriumSet, welfare: np.ndarray | None) -> np.ndarray:
    require(isinstance(eqset, EquilibriumSet), "eqset", f"is a {type(eqset).__name__}",
            "compute an EquilibriumSet first (e.g. benchgame.games.pure_equilibria or "
            "all_equilibria)")
    require(len(eqset) > 0, "eqset", "contains no equilibrium",
            "the ratio needs at least one equilibrium; use a complete mixed enumeration")
    if welfare is None:
        return np.array([utilitarian_welfare(eqset.game, e) for e in eqset.equilibria])
    out = []
    for e in eqset.equilibria:  # multilinear extension: E[W] under the mixed profile
        w = welfare
        for s in e.strategies:
            w = np.tensordot(np.asarray(s, dtype=float), w, axes=([0], [0]))
        out.append(float(w))
    return np.array(out)


def _ratio(eqset: EquilibriumSet, kind: str, tol: float, welfare: np.ndarray | None = None,
           notion: str = SUM_OF_PAYOFFS) -> WelfareRatio:
    W = _equilibrium_welfares(eqset, welfare)
    profile_welfare = eqset.game.payoffs.sum(axis=-1) if welfare is None else welfare
    opt = float(profile_welfare.max())
    spread = max(float(np.ptp(profile_welfare)), 1.0)
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
                        reason=reason, welfare_notion=notion)


def price_of_anarchy(eqset: EquilibriumSet, tol: float = 1e-9) -> WelfareRatio:
    """Price of anarchy of the equilibria listed in ``eqset``, for the sum of payoffs.

    :math:`\\mathrm{PoA} = \\mathrm{OPT} / \\min_{\\sigma \\in \\mathcal{E}} W(\\sigma)`, the
    optimal welfare over the worst equilibrium welfare, with :math:`W = \\sum_i u_i` the players'
    utilitarian welfare (``welfare_notion = "sum of payoffs"``). For another welfare notion use
    :func:`welfare_ratio`.

    Parameters
    ----------
    eqset : EquilibriumSet
        Computed equilibria; if ``eqset.complete`` is False the value is a lower bound.
    tol : float
        Equilibria whose welfare is within ``tol`` times the welfare range of the worst are
        reported in ``attained_by``.

    Returns
    -------
    WelfareRatio
        The ratio, the welfares it is made of, the equilibria attaining the worst welfare and
        whether the value is exact or a lower bound.

    Raises
    ------
    benchgame.core.validation.InputError
        Empty set, or non-positive optimal or worst-equilibrium welfare (ratio undefined).

    References
    ----------
    Koutsoupias, E. and Papadimitriou, C. (1999). Worst-case equilibria. In *STACS 99*, Lecture
    Notes in Computer Science 1563, 404-413. Springer.

    Examples
    --------
    >>> from benchgame.games.vertex_enumeration import vertex_enumeration
    >>> bos = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> eqs = vertex_enumeration(bos)  # welfare 3, 4/3 (the mixed one) and 3
    >>> poa = price_of_anarchy(eqs)
    >>> poa.value, poa.attained_by, poa.bound
    (2.25, (1,), 'exact')
    """
    return _ratio(eqset, "price_of_anarchy", tol)


def price_of_stability(eqset: EquilibriumSet, tol: float = 1e-9) -> WelfareRatio:
    """Price of stability of the equilibria listed in ``eqset``, for the sum of payoffs.

    :math:`\\mathrm{PoS} = \\mathrm{OPT} / \\max_{\\sigma \\in \\mathcal{E}} W(\\sigma)`, the
    optimal welfare over the best equilibrium welfare, with :math:`W = \\sum_i u_i`
    (``welfare_notion = "sum of payoffs"``). If ``eqset.complete`` is False the value is an upper
    bound. For another welfare notion use :func:`welfare_ratio`.

    Parameters
    ----------
    eqset : EquilibriumSet
        Computed equilibria; if ``eqset.complete`` is False the value is an upper bound.
    tol : float
        Equilibria whose welfare is within ``tol`` times the welfare range of the best are
        reported in ``attained_by``.

    Returns
    -------
    WelfareRatio
        The ratio, the welfares it is made of, the equilibria attaining the best welfare and
        whether the value is exact or an upper bound.

    Raises
    ------
    benchgame.core.validation.InputError
        Empty set, or non-positive optimal or best-equilibrium welfare (ratio undefined).

    References
    ----------
    Anshelevich, E., Dasgupta, A., Kleinberg, J., Tardos, E., Wexler, T. and Roughgarden, T.
    (2004). The price of stability for network design with fair cost allocation. In *Proceedings
    of the 45th IEEE Symposium on Foundations of Computer Science (FOCS)*, 295-304.

    Examples
    --------
    >>> from benchgame.games.vertex_enumeration import vertex_enumeration
    >>> bos = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> eqs = vertex_enumeration(bos)  # welfare 3, 4/3 (the mixed one) and 3
    >>> pos = price_of_stability(eqs)
    >>> pos.value, pos.attained_by, pos.is_bound
    (1.0, (0, 2), False)
    """
    return _ratio(eqset, "price_of_stability", tol)



def welfare_ratio(eqset: EquilibriumSet, welfare: Any, notion: str,
                  kind: str = "price_of_anarchy", tol: float = 1e-9) -> WelfareRatio:
    """Price of anarchy or stability for a welfare given on every pure profile.

    As :func:`price_of_anarchy` / :func:`price_of_stability`, with the model's welfare
    ``welfare[a]`` (e.g. a producer game's consumer welfare) instead of the payoff sum; a mixed
    profile's welfare is its multilinear extension and ``OPT = max_a welfare[a]``.

    Parameters
    ----------
    eqset : EquilibriumSet
        Computed equilibria of a game with strategy counts ``(|S_1|, ..., |S_n|)``.
    welfare : array_like, shape ``(|S_1|, ..., |S_n|)``
        Welfare of every pure profile.
    notion : str
        What the welfare is (e.g. ``"consumer welfare"``), reported as ``welfare_notion``.
    kind : {"price_of_anarchy", "price_of_stability"}
        Worst (anarchy) or best (stability) equilibrium welfare in the denominator.
    tol : float
        Equilibria within ``tol`` times the welfare range of the worst or best are reported in
        ``attained_by``.

    Returns
    -------
    WelfareRatio
        The ratio, labelled ``welfare_notion = notion``.

    Raises
    ------
    benchgame.core.validation.InputError
        On a bad ``kind``, ``notion`` or ``welfare`` (shape, finiteness), an empty set, or a
        non-positive optimal or equilibrium welfare.

    Examples
    --------
    >>> from benchgame.games.vertex_enumeration import vertex_enumeration
    >>> bos = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> r = welfare_ratio(vertex_enumeration(bos), [[2, 0], [0, 1]], "row payoff")  # row's only
    >>> round(r.value, 6), r.welfare_notion
    (3.0, 'row payoff')
    """
    require(kind in ("price_of_anarchy", "price_of_stability"), "kind", f"is {kind!r}",
            "use 'price_of_anarchy' or 'price_of_stability'")
    require(isinstance(notion, str) and notion.strip() != "", "notion", f"is {notion!r}",
            "name the welfare, e.g. 'consumer welfare'")
    W = np.asarray(welfare, dtype=float)
    shape = eqset.game.payoffs.shape[:-1] if isinstance(eqset, EquilibriumSet) else W.shape
    require(W.shape == shape, "welfare", f"has shape {W.shape}, the game has {shape}",
            "give the welfare of every pure profile")
    require(bool(np.all(np.isfinite(W))), "welfare", "is not finite", "give finite values")
    return _ratio(eqset, kind, tol, welfare=W, notion=notion)
