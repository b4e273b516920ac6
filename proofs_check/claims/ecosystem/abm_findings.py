"""The three agent-based-model findings of Cebrian, Kito, Castro Fernandez (arXiv:2510.01286) as
claims about the reconstructed simulation (:mod:`benchgame.analyses.ecosystem.simulation`), each
stated as it is measured over the whole of its hypothesis domain.

An instance is a setting drawn uniformly from the claim's domain and a block of 30 seeds (the
spec's R >= 30); the check runs the sweep with common random numbers and decides with Student-t
95% intervals of paired differences over seeds, never on a single run. Common to the three
domains (hypothesis ``model_ranges``): 10 initial benchmarks, release rate 5, K = 4 benchmarks
per model, decay 0.1, :math:`a_0 = 1`, window w = 5, rich-get-richer exponent
:math:`\\alpha \\in [0.9, 1.1]` and fitness log-sd :math:`\\sigma_\\varphi \\in [0.4, 0.6]`.
The numbers quoted below were measured with 30 seeds per setting.

1. ``entry_reduces_gini``: over entrant visibility in [0.5, 1] and live window in 10..30 steps
   (T = 60, :math:`\\kappa = 1`, :math:`\\eta = 0.5`), along
   :math:`\\lambda_0 \\in \\{0.5, 1.5, 4\\}` the interval of Gini(4) - Gini(0.5) lies below 0
   and no consecutive step rises significantly. It held at all 16 corners of the domain (paired
   change -0.09 to -0.23). Violating instances switch the entry mechanism off (entrants get no
   attention) and measure Gini over every benchmark ever released: entry then only adds dead
   benchmarks and Gini rises.
2. ``shock_dip_without_recovery``: an inflow shock (F in [5, 20] for D in 2..6 steps from step
   15, T = 100) lowers coordination below the unshocked control, and the shocked system does not
   recover within the horizon: it regains less than half of its drop, while the gap to the
   control narrows because the control's own coordination falls. At F = 10, D = 4 the shocked
   coordination is 0.238 before the shock, 0.090 at the trough and 0.080 over the last 20 steps;
   the control's is 0.204 at the trough step and 0.102 in the tail. The paper's "temporarily"
   (coordination recovers) is not reproduced: at the 16 corners of the domain the shocked runs
   regain between -100% and +22% of their drop. Violating instances have no shock (F = 0).
3. ``penalty_limited``: over fast saturation :math:`\\eta \\in [0.4, 1]` (T = 90), raising the
   penalty from 0 to 2 changes the final Gini by less than raising the entry rate from 0.5 to 4
   (the 95% intervals of the two paired changes are separated). The domain was narrowed from
   :math:`\\eta \\ge 0.3`: at :math:`\\eta = 0.3` and the corner
   :math:`\\alpha = 0.9, \\sigma_\\varphi = 0.4` the intervals overlapped in 1 of 4 seed
   blocks (ratio of means 0.67-0.82). How much less depends on :math:`\\eta`: the ratio of the
   mean changes was 0.51-0.62 at :math:`\\eta = 0.4` (that corner), 0.32-0.40 at 0.5, 0.23-0.31
   at 0.7 and 0.15-0.21 at 1, so "at most half" is not claimed. Violating instances have slow
   saturation (:math:`\\eta = 0.02`, ratio 1.7-2.2): the penalty then discounts heavily used
   benchmarks gradually, acts as anti-preferential attachment and moves Gini more than entry
   does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from benchgame.analyses.ecosystem.findings import entry_effect, penalty_vs_entry, shock_effect
from benchgame.analyses.ecosystem.simulation_params import EcosystemParams
from benchgame.proofs_check.claim import Claim, Hypothesis, Source, Status, Verdict
from benchgame.proofs_check.registry import register

PAPER = "Cebrian, Kito, Castro Fernandez 2025"
ARXIV = "2510.01286"
ABM_NOTE = ("the paper's simulation is not published in detail; checked on a reconstructed "
            "preferential-attachment model with fitness, decay, saturation, entry and shocks")
ENTRY_GRID = (0.5, 1.5, 4.0)
PENALTY_GRID = (0.0, 2.0)
SEEDS = 30
"""Seeds per setting, every claim (the spec asks for R >= 30 per setting)."""
MODEL = {"initial_benchmarks": 10, "release_rate": 5.0, "benchmarks_per_model": 4,
         "decay": 0.1, "a0": 1.0, "window": 5}
"""Parameters fixed in every claim's domain."""
RANGES = {"alpha": (0.9, 1.1), "fitness_sigma": (0.4, 0.6)}
"""Parameters drawn uniformly in every claim's domain."""


@dataclass(frozen=True)
class Setting:
    """One claim instance: simulation parameters and the block of seeds."""

    params: EcosystemParams
    seeds: tuple[int, ...]

    def to_dict(self) -> dict:
        return {"params": self.params.to_dict(), "seeds": list(self.seeds)}


def _base(rng: np.random.Generator, **fixed: object) -> Setting:
    """A setting drawn uniformly from the common domain, with the claim's own ``fixed`` values."""
    draws = {k: float(rng.uniform(lo, hi)) for k, (lo, hi) in RANGES.items()}
    params = EcosystemParams(**MODEL, **draws, **fixed)
    start = int(rng.integers(0, 2**31))
    return Setting(params, tuple(range(start, start + SEEDS)))


def _model_ranges(**fixed: object) -> Hypothesis:
    """Hypothesis: the common domain, the claim's fixed values and at least 30 seeds."""
    want = {**MODEL, **fixed}

    def holds(s: Setting) -> bool:
        p = s.params
        return (len(s.seeds) >= SEEDS and all(getattr(p, k) == v for k, v in want.items())
                and all(lo <= getattr(p, k) <= hi for k, (lo, hi) in RANGES.items()))

    text = ", ".join(f"{k} = {v}" for k, v in want.items())
    return Hypothesis("model_ranges", f"alpha in [0.9, 1.1], fitness_sigma in [0.4, 0.6], {text}; "
                      f"at least {SEEDS} seeds", holds)


# --- 1. entry reduces concentration ------------------------------------------------------------

ENTRY_FIXED = {"steps": 60, "penalty": 1.0, "saturation_rate": 0.5, "shock_size": 0.0}
VISIBILITY = (0.5, 1.0)
LIVE_WINDOW = (10, 30)


def _entry_setting(rng):
    s = _base(rng, **ENTRY_FIXED)
    return Setting(s.params.with_(entrant_visibility=float(rng.uniform(*VISIBILITY)),
                                  live_window=int(rng.integers(LIVE_WINDOW[0],
                                                               LIVE_WINDOW[1] + 1))), s.seeds)


def _entry_violating(rng):
    # entrants get no attention, and concentration counts every benchmark ever released: more
    # entry then only adds dead benchmarks, and Gini rises with the entry rate
    s = _entry_setting(rng)
    return Setting(s.params.with_(entrant_visibility=0.0, live_window=None), s.seeds)


def _visible(s: Setting) -> bool:
    return VISIBILITY[0] <= s.params.entrant_visibility <= VISIBILITY[1]


def _live_only(s: Setting) -> bool:
    lw = s.params.live_window
    return lw is not None and LIVE_WINDOW[0] <= lw <= LIVE_WINDOW[1]


def _entry_check(s: Setting) -> Verdict:
    e = entry_effect(s.params, ENTRY_GRID, s.seeds, tail=15)
    return Verdict.from_condition(
        e.change.hi < 0.0 and e.no_significant_increase,
        "95% CI of Gini(lambda0=4) - Gini(lambda0=0.5) below 0, and no consecutive step of the "
        "sweep with a 95% CI above 0",
        gini_means=[round(g.mean, 4) for g in e.gini], change=e.change.mean,
        change_lo=e.change.lo, change_hi=e.change.hi,
        step_lo=[round(x.lo, 4) for x in e.steps], decreasing_means=e.decreasing)


register(Claim(
    id="ecosystem.entry_reduces_gini.reconstruction",
    statement="In the reconstructed ABM (T = 60, entrant visibility in [0.5, 1], live window "
              "10-30 steps, alpha in [0.9, 1.1], sigma_phi in [0.4, 0.6]; 30 seeds), a higher "
              "benchmark entry rate lowers the final Gini of benchmark authority: over "
              "lambda0 = 0.5, 1.5, 4 the 95% interval of the paired change (4 vs 0.5) lies below "
              "0 and no consecutive step rises significantly.",
    source=Source(paper=PAPER, item="ABM finding 1 (entry reduces concentration)", arxiv=ARXIV,
                  form="reconstruction", note=ABM_NOTE + "; held at all 16 corners of the "
                  "domain with 30 seeds, paired change -0.09 to -0.23"),
    expected=Status.HOLDS,
    hypotheses=(_model_ranges(**ENTRY_FIXED),
                Hypothesis("entrants_visible", "entrants get a share of attention "
                           "(entrant_visibility in [0.5, 1])", _visible),
                Hypothesis("live_benchmarks", "concentration is measured over live benchmarks "
                           "(live_window in 10..30 steps)", _live_only)),
    generate=_entry_setting,
    generate_violating=_entry_violating,
    check=_entry_check,
    tags=("abm", "simulation"),
    default_examples=1,
))


# --- 2. an inflow shock dips coordination, and the shocked system does not recover -------------

SHOCK_FIXED = {"steps": 100, "entry_rate": 1.0, "penalty": 1.0, "saturation_rate": 0.5,
               "shock_start": 15, "entrant_visibility": 1.0, "live_window": 20}
SHOCK_SIZE = (5.0, 20.0)
SHOCK_DURATION = (2, 6)


def _has_shock(s: Setting) -> bool:
    p = s.params
    return (SHOCK_SIZE[0] <= p.shock_size <= SHOCK_SIZE[1]
            and SHOCK_DURATION[0] <= p.shock_duration <= SHOCK_DURATION[1])


def _shock_setting(rng):
    s = _base(rng, **SHOCK_FIXED)
    size = float(rng.uniform(*SHOCK_SIZE))
    duration = int(rng.integers(SHOCK_DURATION[0], SHOCK_DURATION[1] + 1))
    return Setting(s.params.with_(shock_size=size, shock_duration=duration), s.seeds)


def _shock_violating(rng):
    # the shock mechanism switched off (F = 0): no dip to find. (Invisible entrants with a shock
    # also break the claim, but only as noise around a zero gap, which a 95% test misses in about
    # one setting in twenty, so they are not used as the probe.)
    s = _shock_setting(rng)
    return Setting(s.params.with_(shock_size=0.0), s.seeds)


def _shock_check(s: Setting) -> Verdict:
    r = shock_effect(s.params, s.seeds, tail=20)
    ok = (r.dip.lo > 0.0 and r.recovery.lo > 0.0 and r.control_decline.lo > 0.0
          and r.shocked_regain.hi < 0.5 * r.shocked_drop.lo)
    return Verdict.from_condition(
        ok, "95% CI of the coordination dip above 0; 95% CI of (dip - residual) above 0 (the gap "
            "narrows); 95% CI of the control's decline (trough - tail) above 0; upper 95% bound "
            "of the shocked runs' regain (tail - trough) below half the lower bound of their "
            "drop (pre-shock - trough)",
        trough_step=r.trough_step, dip=r.dip.mean, dip_lo=r.dip.lo, residual=r.residual.mean,
        recovery_lo=r.recovery.lo, shocked_drop=r.shocked_drop.mean,
        shocked_drop_lo=r.shocked_drop.lo, shocked_regain=r.shocked_regain.mean,
        shocked_regain_hi=r.shocked_regain.hi, control_decline=r.control_decline.mean,
        control_decline_lo=r.control_decline.lo)


register(Claim(
    id="ecosystem.shock_dip_without_recovery.reconstruction",
    statement="In the reconstructed ABM (T = 100, an inflow shock of F in [5, 20] for D in 2..6 "
              "steps from step 15, alpha in [0.9, 1.1], sigma_phi in [0.4, 0.6]; 30 seeds), the "
              "shock lowers the coordination index below an unshocked control with the same "
              "seeds, and the shocked system does not recover within the horizon: over the last "
              "20 steps it regains less than half of its drop from the pre-shock level. The gap "
              "to the control narrows because the control's coordination falls (95% intervals).",
    source=Source(paper=PAPER, item="ABM finding 2 (inflows temporarily hinder coordination)",
                  arxiv=ARXIV, form="reconstruction",
                  note=ABM_NOTE + "; the temporary character is not reproduced: at F = 10, D = 4 "
                  "shocked coordination is 0.238 before, 0.090 at the trough, 0.080 in the tail "
                  "(control 0.204 at the trough step, 0.102 in the tail); over the domain the "
                  "shocked runs regain -100% to +22% of their drop"),
    expected=Status.HOLDS,
    hypotheses=(_model_ranges(**SHOCK_FIXED),
                Hypothesis("shock", "an inflow shock is applied: F in [5, 20], D in 2..6 steps",
                           _has_shock)),
    generate=_shock_setting,
    generate_violating=_shock_violating,
    check=_shock_check,
    tags=("abm", "simulation"),
    default_examples=1,
    aliases=("ecosystem.shock_dip_recovery.reconstruction",),
))


# --- 3. the penalty moves concentration less than entry ------------------------------------------

PENALTY_FIXED = {"steps": 90, "entry_rate": 1.0, "penalty": 1.0, "shock_size": 0.0,
                 "entrant_visibility": 1.0, "live_window": 20}
SATURATION = (0.4, 1.0)


def _fast_saturation(s: Setting) -> bool:
    return SATURATION[0] <= s.params.saturation_rate <= SATURATION[1]


def _penalty_setting(rng):
    s = _base(rng, **PENALTY_FIXED)
    return Setting(s.params.with_(saturation_rate=float(rng.uniform(*SATURATION))), s.seeds)


def _penalty_violating(rng):
    s = _penalty_setting(rng)
    return Setting(s.params.with_(saturation_rate=0.02), s.seeds)


def _penalty_check(s: Setting) -> Verdict:
    r = penalty_vs_entry(s.params, (ENTRY_GRID[0], ENTRY_GRID[-1]), PENALTY_GRID, s.seeds,
                         tail=20)
    ok = r.penalty_change.abs_upper < r.entry_change.abs_lower
    return Verdict.from_condition(
        ok, "upper 95% bound of |dGini(penalty 0->2)| < lower 95% bound of "
            "|dGini(entry 0.5->4)|",
        penalty_change=r.penalty_change.mean, penalty_abs_upper=r.penalty_change.abs_upper,
        entry_change=r.entry_change.mean, entry_abs_lower=r.entry_change.abs_lower,
        ratio=r.ratio)


register(Claim(
    id="ecosystem.penalty_limited.reconstruction",
    statement="In the reconstructed ABM with fast saturation (eta in [0.4, 1]; T = 90, alpha in "
              "[0.9, 1.1], sigma_phi in [0.4, 0.6]; 30 seeds), raising the over-fitting penalty "
              "from 0 to 2 changes the final Gini by less than raising the entry rate from 0.5 "
              "to 4 (the 95% intervals of the paired changes are separated).",
    source=Source(paper=PAPER, item="ABM finding 3 (penalties have limited effect)", arxiv=ARXIV,
                  form="reconstruction",
                  note=ABM_NOTE + "; narrowed from eta >= 0.3, where the intervals overlapped "
                  "in 1 of 4 seed blocks at alpha = 0.9, sigma_phi = 0.4; ratio of the mean "
                  "changes 0.51-0.62 at eta = 0.4 (that corner), 0.32-0.40 at 0.5, 0.15-0.21 "
                  "at 1, so 'at most half' is not claimed"),
    expected=Status.HOLDS,
    hypotheses=(_model_ranges(**PENALTY_FIXED),
                Hypothesis("fast_saturation", "saturation rate eta in [0.4, 1]",
                           _fast_saturation)),
    generate=_penalty_setting,
    generate_violating=_penalty_violating,
    check=_penalty_check,
    tags=("abm", "simulation"),
    default_examples=1,
))
