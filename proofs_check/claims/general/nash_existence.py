"""Nash's theorem on random finite games, checked with exact verification.

Theorem (Nash 1951). Every finite game has a Nash equilibrium in mixed strategies.

Check: ``benchgame.games.all_equilibria`` returns a non-empty set and every member passes exact
rational verification (:func:`benchgame.games.certificate.verify_exact`): every player's exact
regret is zero.

Violating the hypothesis: restrict players to pure strategies (the mixed extension is what the
theorem needs). The same check, on the pure-strategy equilibrium set, then fails on games without
a pure equilibrium, which random games produce often.
"""

from __future__ import annotations

from benchgame.games.pure import pure_equilibria
from benchgame.games.solve import all_equilibria
from benchgame.proofs_check.claim import Claim, Hypothesis, Source, Status, Verdict
from benchgame.proofs_check.claims.general.instances import StrategicForm, random_bimatrix
from benchgame.proofs_check.registry import register


def _check(inst: StrategicForm) -> Verdict:
    eqs = all_equilibria(inst.game) if inst.strategies == "mixed" else pure_equilibria(
        inst.game, tol=0.0)
    failures = [e.verify_exact() for e in eqs if not e.verify_exact().ok]
    return Verdict.from_condition(
        len(eqs) >= 1 and not failures,
        f"the set of {inst.strategies}-strategy equilibria is non-empty and verifies exactly",
        equilibria=len(eqs), exact_failures=len(failures), strategies=inst.strategies,
    )


register(Claim(
    id="general.nash_existence.theorem",
    statement="Every finite two-player game has a mixed-strategy Nash equilibrium; the solver "
              "finds one and it verifies in exact rational arithmetic.",
    source=Source(paper="Nash 1951, Annals of Mathematics 54(2)", item="existence theorem",
                  form="general"),
    expected=Status.HOLDS,
    hypotheses=(
        Hypothesis("mixed_extension", "players may randomize over pure strategies",
                   lambda s: s.strategies == "mixed"),
    ),
    generate=lambda rng: StrategicForm(random_bimatrix(rng)),
    generate_violating=lambda rng: StrategicForm(random_bimatrix(rng), strategies="pure"),
    check=_check,
    default_examples=40,
))
