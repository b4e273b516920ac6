"""Lemke-Howson endpoints lie in the enumerated equilibrium set of a nondegenerate game.

Theorem (Lemke and Howson 1964; Shapley 1974; von Stengel 2002, Thm. 3.4 and Thm. 2.8). In a
nondegenerate bimatrix game the Lemke-Howson path from any dropped label ends at a Nash
equilibrium, and every Nash equilibrium has supports of equal size solving the indifference
equations uniquely, so support enumeration lists it.

Check: for every initial label ``k in 0..m+n-1``, the exact profile returned by
:func:`benchgame.games.lemke_howson.lemke_howson` belongs to the exact set returned by
:func:`benchgame.games.support_enumeration.support_enumeration` and to the vertex-enumeration set.

Violating the hypothesis: degenerate games (payoffs in {0, 1}). Lemke-Howson with the
lexicographic rule still ends at an (extreme) equilibrium, but that equilibrium may have supports of
unequal size, which equal-size support enumeration does not list: e.g. ``A = [[1, 1], [1, 0]]``,
``B = [[1, 0], [0, 1]]``, where Lemke-Howson reaches ``((1/2, 1/2), (1, 0))``.
"""

from __future__ import annotations

import numpy as np

from benchgame.games.degeneracy import is_degenerate
from benchgame.games.lemke_howson import lemke_howson
from benchgame.games.normal_form import NormalFormGame
from benchgame.games.solve import all_equilibria
from benchgame.games.support_enumeration import support_enumeration
from benchgame.proofs_check.claim import Claim, Hypothesis, Source, Status, Verdict, Witness
from benchgame.proofs_check.claims.general.instances import (
    StrategicForm,
    exact_profiles,
    random_bimatrix,
)
from benchgame.proofs_check.registry import register


def _nondegenerate(inst: StrategicForm) -> bool:
    return not is_degenerate(inst.game)


def _generate(rng: np.random.Generator) -> StrategicForm:
    while True:  # integer payoffs in [-99, 99] are nondegenerate with high probability
        inst = StrategicForm(random_bimatrix(rng, low=-99, high=99))
        if _nondegenerate(inst):
            return inst


def _generate_violating(rng: np.random.Generator) -> StrategicForm:
    while True:
        inst = StrategicForm(random_bimatrix(rng, max_size=3, low=0, high=1))
        if not _nondegenerate(inst):
            return inst


def _check(inst: StrategicForm) -> Verdict:
    m, n = inst.game.shape
    enumerated = exact_profiles(support_enumeration(inst.game))
    vertices = exact_profiles(all_equilibria(inst.game))
    for k in range(m + n):
        found = lemke_howson(inst.game, k, exact=True).verify_exact().strategies
        if found not in enumerated or found not in vertices:
            return Verdict.from_condition(
                False, "the Lemke-Howson endpoint is in the support-enumeration set",
                initial_label=k, endpoint=[[str(v) for v in s] for s in found],
                in_support_enumeration=found in enumerated, in_vertex_enumeration=found in vertices,
                support_enumeration_size=len(enumerated))
    return Verdict.from_condition(True, "every Lemke-Howson endpoint is in the enumerated set",
                                  labels=m + n, equilibria=len(enumerated))


register(Claim(
    id="general.lemke_howson_in_set.theorem",
    statement="In a nondegenerate bimatrix game, Lemke-Howson from every initial label ends at an "
              "equilibrium listed by support enumeration (and by vertex enumeration).",
    source=Source(paper="Lemke and Howson 1964, J. SIAM 12; von Stengel 2002, Handbook of Game "
                        "Theory vol. 3, ch. 45",
                  item="Thm. 3.4 (Lemke-Howson finds an equilibrium) and Thm. 2.8 (supports)",
                  form="general"),
    expected=Status.HOLDS,
    hypotheses=(Hypothesis("nondegenerate", "no mixed strategy with support size k has more "
                           "than k pure best responses", _nondegenerate),),
    generate=_generate,
    generate_violating=_generate_violating,
    witnesses=(Witness("degenerate 2x2 game with an equilibrium of unequal supports",
                       StrategicForm(NormalFormGame.from_bimatrix(
                           [[1.0, 1.0], [1.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]])),
                       violating=True),),
    check=_check,
    default_examples=30,
))
