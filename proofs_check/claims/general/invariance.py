"""Invariances of the Nash equilibrium set.

* Positive affine maps: replacing ``u_i`` by ``a_i u_i + b_i`` with ``a_i > 0`` leaves the set of
  equilibria unchanged (best responses depend only on payoff differences, scaled by ``a_i > 0``).
  Breaking ``a_i > 0`` (a negative scale turns a player's preferences around) changes the set,
  and the check finds it.
* Relabelling strategies: applying the same permutation of a player's strategies to every
  player's payoffs permutes the equilibrium set accordingly. Applying the permutation to one
  player's payoff matrix only is not a relabelling (it is a different game), and the check finds
  that the set is not the permuted image.

Sets are compared exactly, as sets of rational profiles (integer payoffs, exact enumeration).
"""

from __future__ import annotations

import numpy as np

from benchgame.games.normal_form import NormalFormGame
from benchgame.games.solve import all_equilibria
from benchgame.proofs_check.claim import Claim, Hypothesis, Source, Status, Verdict
from benchgame.proofs_check.claims.general.instances import (
    GamePair,
    exact_profiles,
    random_bimatrix,
)
from benchgame.proofs_check.registry import register

SOURCE = "Textbook (e.g. Myerson 1991, Game Theory, sec. 2.3 and 3.1)"


def _affine_pair(rng: np.random.Generator, positive: bool) -> GamePair:
    g = random_bimatrix(rng)
    scale = rng.integers(1, 6, size=2).astype(float)
    if not positive:
        scale[rng.integers(2)] *= -1
    shift = rng.integers(-5, 6, size=2).astype(float)
    return GamePair(g, g.transformed(scale, shift), scale=tuple(scale), shift=tuple(shift))


def _check_affine(p: GamePair) -> Verdict:
    before = exact_profiles(all_equilibria(p.game))
    after = exact_profiles(all_equilibria(p.image))
    return Verdict.from_condition(
        before == after, "equilibrium set of the transformed game equals the original set",
        original=len(before), transformed=len(after), only_in_original=len(before - after),
        only_in_transformed=len(after - before),
    )


register(Claim(
    id="general.invariance.affine",
    statement="The Nash equilibrium set is invariant under positive affine transformations of "
              "each player's payoffs.",
    source=Source(paper=SOURCE, item="invariance under positive affine maps", form="general"),
    expected=Status.HOLDS,
    hypotheses=(Hypothesis("positive_scale", "every scale factor a_i > 0",
                           lambda p: min(p.scale) > 0),),
    generate=lambda rng: _affine_pair(rng, True),
    generate_violating=lambda rng: _affine_pair(rng, False),
    check=_check_affine,
    default_examples=30,
))


def _perm_pair(rng: np.random.Generator, consistent: bool) -> GamePair:
    g = random_bimatrix(rng)
    m, n = g.shape
    rp = tuple(int(i) for i in rng.permutation(m))
    cp = tuple(int(j) for j in rng.permutation(n))
    if not consistent:
        while rp == tuple(range(m)):
            rp = tuple(int(i) for i in rng.permutation(m))
        A, B = g.bimatrix()
        # the row player's matrix is relabelled, the column player's is not
        image = NormalFormGame.from_bimatrix(A[np.ix_(rp, cp)], B[:, cp])
    else:
        image = g.permuted([rp, cp])
    return GamePair(g, image, row_perm=rp, col_perm=cp, consistent=consistent)


def _check_perm(p: GamePair) -> Verdict:
    rp, cp = p.row_perm, p.col_perm
    before = {(tuple(x[i] for i in rp), tuple(y[j] for j in cp))
              for x, y in exact_profiles(all_equilibria(p.game))}
    after = exact_profiles(all_equilibria(p.image))
    return Verdict.from_condition(
        before == after,
        "equilibrium set of the relabelled game equals the relabelled equilibrium set",
        original=len(before), relabelled=len(after), mismatched=len(before ^ after),
    )


register(Claim(
    id="general.invariance.permutation",
    statement="Relabelling strategies (the same permutation in every player's payoffs) "
              "permutes the Nash equilibrium set accordingly.",
    source=Source(paper=SOURCE, item="equivariance under relabelling strategies",
                  form="general"),
    expected=Status.HOLDS,
    hypotheses=(Hypothesis("consistent_relabelling",
                           "the same permutation is applied to both players' payoff matrices",
                           lambda p: p.consistent),),
    generate=lambda rng: _perm_pair(rng, True),
    generate_violating=lambda rng: _perm_pair(rng, False),
    check=_check_perm,
    default_examples=30,
))
