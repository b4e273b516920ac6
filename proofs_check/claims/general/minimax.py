"""The minimax theorem on random zero-sum games.

Theorem (von Neumann 1928). In a two-player zero-sum game with payoff matrix ``A``,

.. math::  \\max_x \\min_y x^\\top A y = \\min_y \\max_x x^\\top A y = v,

and at every Nash equilibrium each player receives exactly its security (maxmin) value:
``u_1 = v`` and ``u_2 = -v``.

Check: the security values ``v_1 = max_x min_y x^T A y`` and ``v_2 = max_y min_x x^T B y`` are
computed by linear programming (:func:`benchgame.games.zero_sum_equilibrium` on ``(A, -A)`` and on
``(B^T, -B^T)``); every equilibrium found by complete enumeration must pay ``(v_1, v_2)``, and
``v_1 + v_2`` must equal the constant sum. Tolerance: 1e-9 relative to the payoff range.

Violating the hypothesis: general-sum games, where equilibrium payoffs typically exceed the
security values, and the check finds the gap.
"""

from __future__ import annotations

import numpy as np

from benchgame.games.normal_form import NormalFormGame
from benchgame.games.solve import all_equilibria
from benchgame.games.zero_sum import zero_sum_equilibrium
from benchgame.proofs_check.claim import Claim, Hypothesis, Source, Status, Verdict
from benchgame.proofs_check.claims.general.instances import random_bimatrix
from benchgame.proofs_check.registry import register

TOL = 1e-9


def security_values(game: NormalFormGame) -> tuple[float, float]:
    """Each player's maxmin value, by the zero-sum LP on its own payoff matrix."""

    A, B = game.bimatrix()
    v1 = zero_sum_equilibrium(NormalFormGame.from_bimatrix(A, -A)).value
    v2 = zero_sum_equilibrium(NormalFormGame.from_bimatrix(B.T, -B.T)).value
    return float(v1), float(v2)


def _check(game: NormalFormGame) -> Verdict:
    v1, v2 = security_values(game)
    scale = float(game.regret_scale().max())
    total = game.payoffs.sum(axis=-1)
    constant_sum = float(total.flat[0])
    worst = 0.0
    worst_payoffs = [v1, v2]
    for e in all_equilibria(game):
        u = e.payoffs
        gap = max(abs(u[0] - v1), abs(u[1] - v2))
        if gap > worst:
            worst, worst_payoffs = gap, u.tolist()
    sum_gap = abs(v1 + v2 - constant_sum)
    return Verdict.from_condition(
        worst <= TOL * scale and sum_gap <= TOL * scale,
        "every equilibrium pays each player its maxmin value, and v_1 + v_2 equals the "
        "constant sum",
        v1=v1, v2=v2, constant_sum=constant_sum, equilibrium_payoffs=worst_payoffs,
        max_gap=worst, sum_gap=sum_gap,
    )


def _zero_sum(rng: np.random.Generator) -> NormalFormGame:
    g = random_bimatrix(rng, max_size=5)
    A, _ = g.bimatrix()
    c = float(rng.integers(-3, 4))  # constant-sum games are zero-sum up to a shift
    return NormalFormGame.from_bimatrix(A, c - A)


def _general_sum(rng: np.random.Generator) -> NormalFormGame:
    while True:
        g = random_bimatrix(rng, max_size=4)
        if not g.is_zero_sum():
            return g


register(Claim(
    id="general.minimax.theorem",
    statement="In a two-player constant-sum game every Nash equilibrium pays each player its "
              "maxmin value, and the two maxmin values add up to the constant.",
    source=Source(paper="von Neumann 1928, Math. Annalen 100", item="minimax theorem",
                  form="general"),
    expected=Status.HOLDS,
    hypotheses=(
        Hypothesis("two_players", "the game has two players", lambda g: g.num_players == 2),
        Hypothesis("constant_sum", "payoffs sum to the same constant at every profile",
                   lambda g: g.is_zero_sum()),
    ),
    generate=_zero_sum,
    generate_violating=_general_sum,
    check=_check,
    describe=lambda g: {"A": g.bimatrix()[0].tolist(), "B": g.bimatrix()[1].tolist()},
    default_examples=30,
))
