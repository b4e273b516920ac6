"""Three or more producers: does weighted winrate give consumers more welfare at equilibrium?

n producers each choose between the two specialists, ``(1, 0)`` (task A, weight ``pi > 1/2``)
and ``(0, 1)`` (task B), under epsilon-uniform aggregation. The producer game is solved under
both payment rules with :func:`benchgame.mechanisms.marketplace.equilibrium_welfare`: the pure
equilibria are enumerated completely (exact), and correlated-equilibrium linear programs bracket
the welfare of every mixed equilibrium (reported with each verdict).

- Literal reading (refuted): every pure equilibrium under weighted winrate has at least the
  consumers' welfare of every pure equilibrium under winrate, for every noise level. With heavy
  noise (e.g. ``n = 3``, ``pi = 0.64``, ``eps = 0.75``) weighted winrate piles everyone onto A
  (welfare ``pi``) while winrate keeps one producer on B, because epsilon-uniform noise pays a
  lone B specialist a share of A under winrate but weighted winrate pays it only B's weight.
- Corrected form (measured): with ``eps <= 0.25`` and ``3 <= n <= 5`` the comparison holds. The
  smallest failing noise found on a dense grid (``n = 3, 4, 5``, ``pi`` step 0.002) is above
  0.3; it falls as ``n`` grows, so the hypothesis names ``n <= 5``.
"""

from __future__ import annotations

from dataclasses import dataclass

from benchgame.mechanisms.marketplace.choice_rules import EpsilonUniform
from benchgame.mechanisms.marketplace.equilibrium_welfare import compare_equilibrium_welfare
from benchgame.mechanisms.marketplace.producer_game import producer_game
from benchgame.proofs_check.claim import Claim, Hypothesis, Source, Status, Verdict, Witness
from benchgame.proofs_check.claims.marketplace.instances import ARXIV, SOURCE
from benchgame.proofs_check.registry import register

EPS_MAX = 0.25
"""Largest noise level of the corrected form's hypothesis."""
SPECIALISTS = ((1.0, 0.0), (0.0, 1.0))


@dataclass(frozen=True)
class SpecialistMarket:
    """n producers choosing a specialist, task-A weight ``pi``, epsilon-uniform noise ``eps``."""

    n: int
    pi: float
    eps: float

    def to_dict(self) -> dict:
        """The instance as a dict (``n``, ``pi``, ``eps``)."""
        return dict(vars(self))


def _check(m: SpecialistMarket) -> Verdict:
    games = [producer_game([SPECIALISTS] * m.n, [m.pi, 1 - m.pi], EpsilonUniform(m.eps), rule)
             for rule in ("weighted_winrate", "winrate")]
    c = compare_equilibrium_welfare(*games)
    b, w = c.better, c.worse
    both_pure = b.equilibria.scope == "pure" and w.equilibria.scope == "pure"
    worst_wwr, best_wr = min(b.welfare), max(w.welfare)
    return Verdict.from_condition(
        both_pure and worst_wwr >= best_wr - 1e-12,
        "W(every pure NE, weighted winrate) >= W(every pure NE, winrate)",
        worst_weighted_winrate=worst_wwr, best_winrate=best_wr,
        pure_equilibria=(len(b.equilibria), len(w.equilibria)),
        ce_bounds_weighted_winrate=b.ce_bounds, ce_bounds_winrate=w.ce_bounds,
        ce_verdict=c.verdict)


def _gen(rng, eps_lo: float = 0.0, eps_hi: float = EPS_MAX) -> SpecialistMarket:
    return SpecialistMarket(int(rng.integers(3, 6)), float(rng.uniform(0.5, 1.0)),
                            float(rng.uniform(eps_lo, eps_hi)))


def _gen_heavy_noise(rng) -> SpecialistMarket:
    """Heavy noise, three producers, pi in the band where the two rules part (measured)."""
    return SpecialistMarket(3, float(rng.uniform(0.62, 0.66)), float(rng.uniform(0.7, 0.75)))


WITNESS = SpecialistMarket(3, 0.64, 0.75)
_SOURCE = dict(paper=SOURCE, arxiv=ARXIV)
_ITEM = "weighted winrate increases consumer welfare (abstract), n >= 3 producers"

register(Claim(
    id="marketplace.n_producer_equilibrium_welfare.literal",
    statement="n >= 3 producers choosing between the two specialists, epsilon-uniform "
              "aggregation at any noise level: every pure equilibrium under weighted winrate "
              "gives consumers at least the welfare of every pure equilibrium under winrate.",
    source=Source(item=_ITEM, form="false",
                  note="refuted with heavy noise: weighted winrate homogenizes where winrate "
                       "keeps one producer on the minority task", **_SOURCE),
    expected=Status.REFUTED,
    hypotheses=(),
    generate=lambda rng: _gen(rng, 0.0, 0.95),
    check=_check,
    witnesses=(Witness("n = 3, pi = 0.64, eps = 0.75", WITNESS),),
    default_examples=20,
))

register(Claim(
    id="marketplace.n_producer_equilibrium_welfare.corrected",
    statement=f"3 <= n <= 5 producers choosing between the two specialists, pi_A in (1/2, 1), "
              f"epsilon-uniform aggregation with eps <= {EPS_MAX}: every pure equilibrium under "
              f"weighted winrate gives consumers at least the welfare of every pure equilibrium "
              f"under winrate (both sets enumerated completely).",
    source=Source(item=_ITEM, form="corrected",
                  note="measured: no failure on a dense grid of (n, eps <= 0.25, pi); "
                       "correlated-equilibrium welfare brackets reported for mixed play",
                  **_SOURCE),
    expected=Status.HOLDS,
    hypotheses=(Hypothesis("low_noise", f"eps <= {EPS_MAX}", lambda m: m.eps <= EPS_MAX),
                Hypothesis("few_producers", "3 <= n <= 5", lambda m: 3 <= m.n <= 5)),
    generate=_gen,
    generate_violating=_gen_heavy_noise,
    check=_check,
    witnesses=(Witness("n = 3, pi = 0.64, eps = 0.75", WITNESS, violating=True),),
    default_examples=20,
))
