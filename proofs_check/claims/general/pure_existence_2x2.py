"""Pure-equilibrium existence in 2x2 games: a false statement and its corrected form.

Literal (false): "every 2x2 game has a pure Nash equilibrium". Matching pennies refutes it.

Corrected (true): a 2x2 game in which some player has a weakly dominant strategy has a pure
equilibrium (the dominant strategy and a best response to it). Equivalently, a 2x2 game without
a pure equilibrium has a cyclic best-response structure, in which no player has a dominant
strategy. Breaking the hypothesis (no dominant strategy) produces matching-pennies-type games, and
the check finds them.
"""

from __future__ import annotations

import numpy as np

from benchgame.games.normal_form import NormalFormGame
from benchgame.games.pure import pure_equilibria
from benchgame.proofs_check.claim import Claim, Hypothesis, Source, Status, Verdict, Witness
from benchgame.proofs_check.registry import register

MATCHING_PENNIES = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]],
                                                title="matching pennies")


def _random_2x2(rng: np.random.Generator) -> NormalFormGame:
    return NormalFormGame(rng.integers(-5, 6, size=(2, 2, 2)).astype(float))


def has_weakly_dominant_strategy(game: NormalFormGame) -> bool:
    """Some player has a pure strategy that is a best response to every opponent action."""
    A, B = game.bimatrix()
    row = np.any(np.all(A >= A.max(axis=0, keepdims=True), axis=1))
    col = np.any(np.all(B >= B.max(axis=1, keepdims=True), axis=0))
    return bool(row or col)


def _with_dominant(rng: np.random.Generator) -> NormalFormGame:
    while True:
        g = _random_2x2(rng)
        if has_weakly_dominant_strategy(g):
            return g


def _without_dominant(rng: np.random.Generator) -> NormalFormGame:
    # a cyclic best-response pattern with random magnitudes, then random relabelling
    a, b, c, d = rng.integers(1, 6, size=4).astype(float)
    A = np.array([[a, -b], [-a, b]])
    B = np.array([[-c, c], [d, -d]])
    g = NormalFormGame.from_bimatrix(A, B)
    perm = [rng.permutation(2), rng.permutation(2)]
    return g.permuted(perm)


def _check(game: NormalFormGame) -> Verdict:
    n = len(pure_equilibria(game, tol=0.0))
    return Verdict.from_condition(
        n >= 1, "number of pure Nash equilibria >= 1", pure_equilibria=n,
        payoffs=game.payoffs.tolist(),
    )


def _describe(game: NormalFormGame) -> dict:
    A, B = game.bimatrix()
    return {"A": A.tolist(), "B": B.tolist()}


SOURCE = "Textbook (e.g. Osborne and Rubinstein 1994, ch. 2)"

register(Claim(
    id="general.pure_existence_2x2.false",
    statement="Every 2x2 game has a pure-strategy Nash equilibrium.",
    source=Source(paper=SOURCE, item="pure existence in 2x2 games", form="false",
                  note="deliberately false; exercises the refutation path"),
    expected=Status.REFUTED,
    hypotheses=(Hypothesis("two_by_two", "the game is a two-player 2x2 game",
                           lambda g: g.shape == (2, 2)),),
    generate=_random_2x2,
    check=_check,
    witnesses=(Witness("matching pennies", MATCHING_PENNIES),),
    describe=_describe,
    default_examples=200,
))

register(Claim(
    id="general.pure_existence_2x2.corrected",
    statement="Every 2x2 game in which some player has a weakly dominant pure strategy has a "
              "pure-strategy Nash equilibrium.",
    source=Source(paper=SOURCE, item="pure existence in 2x2 games", form="corrected"),
    expected=Status.HOLDS,
    hypotheses=(
        Hypothesis("two_by_two", "the game is a two-player 2x2 game", lambda g: g.shape == (2, 2)),
        Hypothesis("dominant_strategy", "some player has a weakly dominant pure strategy",
                   has_weakly_dominant_strategy),
    ),
    generate=_with_dominant,
    generate_violating=_without_dominant,
    check=_check,
    describe=_describe,
    default_examples=200,
))
