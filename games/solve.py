"""Front door for equilibrium computation: :func:`solve` and :func:`all_equilibria`."""

from __future__ import annotations

from games.certificate import DEFAULT_TOL
from games.equilibrium import EquilibriumSet
from games.validation import InputError, require

METHODS = ("auto", "pure", "vertex", "lemke_howson", "zero_sum")


def all_equilibria(game, tol: float = DEFAULT_TOL) -> EquilibriumSet:
    """All equilibria of a two-player game by vertex enumeration (the reference method).

    Complete for every bimatrix game: for nondegenerate games the set of all equilibria, for
    degenerate games every extreme equilibrium plus the maximal convex components.
    """
    from games.vertex_enumeration import vertex_enumeration

    return vertex_enumeration(game, tol)


def solve(game, method: str = "auto", tol: float = DEFAULT_TOL) -> EquilibriumSet:
    """Equilibria of ``game`` by ``method``.

    ``"auto"``: vertex enumeration for two players, pure equilibria for more players (the result
    then has ``scope="pure"`` and says that mixed equilibria were not searched). ``"pure"``:
    :func:`games.pure_equilibria`. ``"vertex"``: :func:`all_equilibria`. ``"lemke_howson"``:
    Lemke-Howson from every initial label (not complete). ``"zero_sum"``: one optimal profile by
    linear programming (zero-sum or constant-sum games).
    """
    from games.normal_form import NormalFormGame
    from games.pure import pure_equilibria

    require(isinstance(game, NormalFormGame), "game", f"expected a NormalFormGame, got "
            f"{type(game).__name__}", "build one with NormalFormGame(payoffs)")
    if method not in METHODS:
        raise InputError("method", f"unknown method {method!r}", f"use one of {METHODS}")
    if method == "pure" or (method == "auto" and game.num_players != 2):
        return pure_equilibria(game, tol)
    if method in ("auto", "vertex"):
        return all_equilibria(game, tol)
    if method == "lemke_howson":
        from games.lemke_howson import lemke_howson_all

        return lemke_howson_all(game, tol=tol)
    from games.zero_sum import zero_sum_equilibrium

    sol = zero_sum_equilibrium(game, tol=tol)
    return EquilibriumSet(game=game, equilibria=(sol.equilibrium,), method="zero_sum_lp",
                          complete=False,
                          reason="linear programming returns one optimal profile; the set of "
                          "optimal strategies may be larger (use method='vertex')",
                          provenance={"value": sol.value, "duality_gap": sol.duality_gap})
