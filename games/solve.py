"""Front door for equilibrium computation: :func:`solve` and :func:`all_equilibria`."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING

from benchgame.core.registry import Registry
from benchgame.core.validation import InputError, as_tolerance, require
from benchgame.games.certificate import DEFAULT_TOL
from benchgame.games.equilibrium import EquilibriumSet

if TYPE_CHECKING:
    from benchgame.games.normal_form import NormalFormGame

__all__ = ["METHODS", "SOLVERS", "all_equilibria", "register_solver", "solve"]

Solver = Callable[..., EquilibriumSet]

SOLVERS: Registry[Solver] = Registry(
    "method", register_hint="benchgame.games.solve.register_solver(name, fn)")
"""Equilibrium methods by name: ``fn(game, tol, **options) -> EquilibriumSet``.

The names are those of ``solve(game, method=...)`` and ``benchgame solve --method``; ``auto``
is not an entry (it chooses one of them)."""


def register_solver(name: str, fn: Solver, *, replace: bool = False) -> Solver:
    """Register an equilibrium method for :func:`solve` and ``benchgame solve --method``.

    Parameters
    ----------
    name : str
        The method's name.
    fn : callable
        ``fn(game, tol, **options) -> EquilibriumSet``; the set must say whether it is complete
        and why (its ``reason``), and each equilibrium carry its certificate.
    replace : bool, default False
        Replace a method of the same name.

    Returns
    -------
    callable
        ``fn``.

    Raises
    ------
    InputError
        If the name is taken or is ``"auto"``.
    """
    if name == "auto":
        raise InputError("method", "'auto' is reserved", "choose another name")
    return SOLVERS.register(name, fn, replace=replace)


def all_equilibria(game: NormalFormGame, tol: float = DEFAULT_TOL) -> EquilibriumSet:
    """All equilibria of a two-player game by vertex enumeration (the reference method).

    Complete for every bimatrix game: for nondegenerate games the set of all equilibria, for
    degenerate games every extreme equilibrium plus the maximal convex components. Games from
    10 x 10 up are searched over labels (:mod:`benchgame.games.label_search`), falling back to
    vertex enumeration at a degenerate vertex; ``provenance["vertex_method"]`` names the method.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    tol : float, default DEFAULT_TOL
        Regret tolerance, relative to each player's payoff range.

    Returns
    -------
    EquilibriumSet
        Complete, with exact rational verification available for each equilibrium.
    """
    from benchgame.games.vertex_enumeration import vertex_enumeration

    return vertex_enumeration(game, tol)


def solve(game: NormalFormGame, method: str = "auto", tol: float = DEFAULT_TOL,
          **options: object) -> EquilibriumSet:
    """Equilibria of a finite game by a registered method, with certificates.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    method : str, default "auto"
        ``"auto"``: all equilibria for two players (:func:`all_equilibria`: the label search
        from 10 x 10, vertex enumeration below or for degenerate games); for three or more
        players every pure
        equilibrium (``scope="pure"``, complete) and, when there is none, one mixed equilibrium
        by simplicial subdivision (``"pure_then_simpdiv"``: ``scope="mixed"``,
        ``complete=False``, the reason saying it is one equilibrium, not the set). ``"pure"``:
        every pure equilibrium. ``"support"``: equal-size support enumeration (complete for
        nondegenerate games). ``"vertex"``: :func:`all_equilibria`. ``"lemke_howson"``:
        Lemke-Howson from every initial label (not complete). ``"zero_sum"``: one optimal
        profile by linear programming. ``"simpdiv"``: one mixed equilibrium of any game by
        simplicial subdivision; ``"logit"``: the limit of the logit QRE path (both polished and
        verified exactly, see :mod:`benchgame.games.simplicial` and
        :mod:`benchgame.games.logit_qre`). ``"regret_matching"``, ``"fictitious_play"``,
        ``"replicator"``: one approximate equilibrium by learning dynamics. Any name registered
        with :func:`register_solver`.
    tol : float, default DEFAULT_TOL
        Regret tolerance, relative to each player's payoff range.
    **options : object
        Passed on to the method (e.g. ``max_iter``, ``rng``, ``stop_tol`` for the dynamics;
        ``grid``, ``max_steps`` for simpdiv).

    Returns
    -------
    EquilibriumSet
        The equilibria found, whether the set is complete and why, the scope and the method.

    Raises
    ------
    InputError
        If ``game`` is not a :class:`NormalFormGame` or the method is unknown.

    References
    ----------
    Avis, Rosenberg, Savani and von Stengel (2010), "Enumeration of Nash equilibria for
    two-player games", Economic Theory 42; van der Laan, Talman and van der Heyden (1987),
    "Simplicial variable dimension algorithms for solving the nonlinear complementarity problem
    on a product of unit simplices using a general labelling", Mathematics of Operations
    Research 12(3).

    Examples
    --------
    >>> from benchgame.games import NormalFormGame
    >>> battle = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> eqs = solve(battle)
    >>> len(eqs), eqs.complete
    (3, True)
    >>> solve(battle, "pure").scope
    'pure'
    >>> import numpy as np
    >>> U = np.zeros((2, 2, 2, 3))  # three-player matching pennies: no pure equilibrium
    >>> for a in np.ndindex(2, 2, 2):
    ...     U[a] = [1 if a[0] == a[1] else -1, 1 if a[1] == a[2] else -1,
    ...             1 if a[2] != a[0] else -1]
    >>> found = solve(NormalFormGame(U))
    >>> found.scope, found.complete, found.method, [s.tolist() for s in found[0].strategies]
    ('mixed', False, 'pure_then_simpdiv', [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]])
    """
    from benchgame.games.normal_form import NormalFormGame

    require(isinstance(game, NormalFormGame), "game", f"expected a NormalFormGame, got "
            f"{type(game).__name__}", "build one with NormalFormGame(payoffs)")
    tol = as_tolerance(tol)
    if method == "auto":
        method = "vertex" if game.num_players == 2 else "pure_then_simpdiv"
    return SOLVERS.get(method)(game, tol, **options)


def _no_options(method: str, options: dict) -> None:
    """Exact methods take no options: refuse any rather than ignore them."""
    require(not options, f"options {sorted(options)}", f"are not options of method {method!r}",
            "drop them (the exact methods take only tol)")


def _pure(game: NormalFormGame, tol: float, **options: object) -> EquilibriumSet:
    from benchgame.games.pure import pure_equilibria

    _no_options("pure", options)
    return pure_equilibria(game, tol)


def _support(game: NormalFormGame, tol: float, **options: object) -> EquilibriumSet:
    from benchgame.games.support_enumeration import support_enumeration

    _no_options("support", options)
    return support_enumeration(game, tol)


def _lemke_howson(game: NormalFormGame, tol: float, **options: object) -> EquilibriumSet:
    from benchgame.games.lemke_howson import lemke_howson_all

    _no_options("lemke_howson", options)
    return lemke_howson_all(game, tol=tol)


def _zero_sum(game: NormalFormGame, tol: float, **options: object) -> EquilibriumSet:
    from benchgame.games.zero_sum import zero_sum_equilibrium

    _no_options("zero_sum", options)
    sol = zero_sum_equilibrium(game, tol=tol)
    return EquilibriumSet(game=game, equilibria=(sol.equilibrium,), method="zero_sum_lp",
                          complete=False,
                          reason="linear programming returns one optimal profile; the set of "
                          "optimal strategies may be larger (use method='vertex')",
                          provenance={"value": sol.value, "duality_gap": sol.duality_gap})


def _approximate(game: NormalFormGame, method: str, options: dict) -> EquilibriumSet:
    """One approximate equilibrium by learning dynamics, as an (incomplete) set."""
    from benchgame.games.fictitious_play import fictitious_play
    from benchgame.games.regret_matching import regret_matching
    from benchgame.games.replicator import replicator_dynamics

    run = {"regret_matching": regret_matching, "fictitious_play": fictitious_play,
           "replicator": replicator_dynamics}[method]
    if "stop_tol" in options:
        options = dict(options)
        options["tol"] = options.pop("stop_tol")
    known = set(inspect.signature(run).parameters) - {"game"}
    unknown = sorted(set(options) - known)
    require(not unknown, f"options {unknown}", f"are not options of method {method!r}",
            f"use {', '.join(sorted(known - {'tol'}) + ['stop_tol'])}")
    eq = run(game, **options)
    gap = eq.certificate.exploitability
    return EquilibriumSet(
        game=game, equilibria=(eq,), method=method, complete=False,
        reason=f"{method.replace('_', ' ')} returns one approximate equilibrium "
               f"(exploitability {gap:.3g}); it does not enumerate the equilibrium set",
        provenance=dict(eq.provenance))


def _dynamics(method: str) -> Solver:
    def run(game: NormalFormGame, tol: float, **options: object) -> EquilibriumSet:
        return _approximate(game, method, dict(options))
    return run


def _vertex(game: NormalFormGame, tol: float, **options: object) -> EquilibriumSet:
    _no_options("vertex", options)
    return all_equilibria(game, tol)


register_solver("pure", _pure)
register_solver("vertex", _vertex)
register_solver("support", _support)
register_solver("lemke_howson", _lemke_howson)
register_solver("zero_sum", _zero_sum)
for _method in ("regret_matching", "fictitious_play", "replicator"):
    register_solver(_method, _dynamics(_method))
# ------------------------------------------------------------------ n-player mixed equilibria
if TYPE_CHECKING:
    from benchgame.games.equilibrium import Equilibrium


def _one_mixed(game: NormalFormGame, eq: Equilibrium, method: str, name: str) -> EquilibriumSet:
    """One certified mixed equilibrium as an (incomplete) set that says so."""
    cert, prov = eq.certificate, eq.provenance
    exact = ("an exact equilibrium" if prov.get("exact_equilibrium")
             else f"exact regret bound {prov.get('exact_max_regret_float', float('nan')):.3g}")
    return EquilibriumSet(
        game=game, equilibria=(eq,), method=method, complete=False,
        reason=f"{name} returns one equilibrium (max relative regret "
               f"{cert.max_relative_regret:.3g}, {exact}); it does not enumerate the "
               "equilibrium set", provenance=dict(prov))


def _simpdiv(game: NormalFormGame, tol: float, **options: object) -> EquilibriumSet:
    from benchgame.games.simplicial import simplicial_subdivision

    eq = simplicial_subdivision(game, tol=tol, **options)
    return _one_mixed(game, eq, "simpdiv", "simplicial subdivision")


def _logit(game: NormalFormGame, tol: float, **options: object) -> EquilibriumSet:
    from benchgame.games.logit_qre import logit_path

    eq = logit_path(game, tol=tol, **options).equilibrium
    return _one_mixed(game, eq, "logit", "the limit of the logit QRE path (logit selection)")


def _pure_then_simpdiv(game: NormalFormGame, tol: float, **options: object) -> EquilibriumSet:
    """Every pure equilibrium; if there is none, one mixed equilibrium by simpdiv."""
    pure = _pure(game, tol)
    if len(pure):
        return pure
    found = _simpdiv(game, tol, **options)
    return EquilibriumSet(
        game=game, equilibria=found.equilibria, method="pure_then_simpdiv", complete=False,
        reason=f"no pure equilibrium exists (all {game.num_profiles} pure profiles tested); "
               f"{found.reason}", scope="mixed",
        provenance={"pure_profiles_tested": game.num_profiles, **found.provenance})


register_solver("simpdiv", _simpdiv)
register_solver("logit", _logit)
register_solver("pure_then_simpdiv", _pure_then_simpdiv)
METHODS = ("auto", *SOLVERS.names())
"""Every name ``solve`` accepts (``auto`` and the registered methods at import time)."""
