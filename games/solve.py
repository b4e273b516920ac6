"""Front door for equilibrium computation: :func:`solve` and :func:`all_equilibria`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from benchgame.core.validation import InputError, require
from benchgame.games.certificate import DEFAULT_TOL
from benchgame.games.equilibrium import EquilibriumSet

if TYPE_CHECKING:
    from benchgame.games.normal_form import NormalFormGame

METHODS = ("auto", "pure", "support", "vertex", "lemke_howson", "zero_sum", "regret_matching",
           "fictitious_play", "replicator")
APPROXIMATE = ("regret_matching", "fictitious_play", "replicator")


def all_equilibria(game: NormalFormGame, tol: float = DEFAULT_TOL) -> EquilibriumSet:
    """All equilibria of a two-player game by vertex enumeration (the reference method).

    Complete for every bimatrix game: for nondegenerate games the set of all equilibria, for
    degenerate games every extreme equilibrium plus the maximal convex components.
    """
    from benchgame.games.vertex_enumeration import vertex_enumeration

    return vertex_enumeration(game, tol)


def solve(game: NormalFormGame, method: str = "auto", tol: float = DEFAULT_TOL,
          **options: object) -> EquilibriumSet:
    """Equilibria of ``game`` by ``method``.

    ``"auto"``: vertex enumeration for two players, pure equilibria for more players (the result
    then has ``scope="pure"`` and says that mixed equilibria were not searched). ``"pure"``:
    :func:`benchgame.games.pure_equilibria`. ``"support"``: equal-size support enumeration
    (complete for nondegenerate games). ``"vertex"``: :func:`all_equilibria`. ``"lemke_howson"``:
    Lemke-Howson from every initial label (not complete). ``"zero_sum"``: one optimal profile by
    linear programming (zero-sum or constant-sum games). ``"regret_matching"``,
    ``"fictitious_play"``, ``"replicator"``: one approximate equilibrium of an n-player game by
    learning dynamics, with its exploitability in the certificate and the reason; ``options``
    are passed on (e.g. ``max_iter``, ``rng``, ``tol`` of the dynamics as ``stop_tol``).
    """
    from benchgame.games.normal_form import NormalFormGame
    from benchgame.games.pure import pure_equilibria

    require(isinstance(game, NormalFormGame), "game", f"expected a NormalFormGame, got "
            f"{type(game).__name__}", "build one with NormalFormGame(payoffs)")
    if method not in METHODS:
        raise InputError("method", f"unknown method {method!r}", f"use one of {METHODS}")
    if method == "pure" or (method == "auto" and game.num_players != 2):
        return pure_equilibria(game, tol)
    if method in ("auto", "vertex"):
        return all_equilibria(game, tol)
    if method == "support":
        from benchgame.games.support_enumeration import support_enumeration

        return support_enumeration(game, tol)
    if method == "lemke_howson":
        from benchgame.games.lemke_howson import lemke_howson_all

        return lemke_howson_all(game, tol=tol)
    if method in APPROXIMATE:
        return _approximate(game, method, options)
    from benchgame.games.zero_sum import zero_sum_equilibrium

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
        options = {**options, "tol": options.pop("stop_tol")}
    eq = run(game, **options)
    gap = eq.certificate.exploitability
    return EquilibriumSet(
        game=game, equilibria=(eq,), method=method, complete=False,
        reason=f"{method.replace('_', ' ')} returns one approximate equilibrium "
               f"(exploitability {gap:.3g}); it does not enumerate the equilibrium set",
        provenance=dict(eq.provenance))
