"""Shared hypotheses and checks of the leaderboard claims."""

from __future__ import annotations

import numpy as np

from benchgame.games.leaderboard import Contest, GeneralizedLogit, analyze_pure, lemma_a_hypotheses
from benchgame.proofs_check.claim import Hypothesis, Source
from benchgame.proofs_check.claims.leaderboard.instances import (
    LeaderboardInstance,
    c1_sampled,
    c3_sampled,
    certified_pure_equilibria,
)

PAPER = "Chen, Zhang, Hardt 2026 (Leaderboard Incentives)"
ARXIV = "2603.08371"


def source(item: str, form: str, note: str = "") -> Source:
    return Source(paper=PAPER, item=item, arxiv=ARXIV, form=form, note=note)  # type: ignore[arg-type]


def _c(inst: LeaderboardInstance) -> Contest:
    return inst.contest


H_COST = Hypothesis("assumption_4_1", "c convex, non-decreasing, c(0) = 0, unbounded",
                    lambda i: bool(_c(i).cost.convex))
H_STRICT = Hypothesis("strict_cost_S", "(S): c(e) > 0 for every e > 0",
                      lambda i: bool(_c(i).cost.strict))
H_C1 = Hypothesis("C1", "v(theta, x) strictly increasing in theta at every x",
                  lambda i: c1_sampled(_c(i)))
H_C1_BASE = Hypothesis("C1_at_base", "zero-effort scores strictly ordered by capability",
                       lambda i: bool(lemma_a_hypotheses(_c(i))["c1_at_base"]))
H_C3 = Hypothesis("C3", "A_ij(s) = E_j(s) - E_i(s) non-decreasing in s for theta_i > theta_j",
                  lambda i: c3_sampled(_c(i)))
H_TIES = Hypothesis("capability_ties", "ties go to the higher capability",
                    lambda i: _c(i).tie == "capability")
H_LOGIT = Hypothesis("logit_form", "generalized logit score family",
                     lambda i: isinstance(_c(i).family, GeneralizedLogit))


def gamma_at_most_one(inst: LeaderboardInstance) -> bool:
    fam = _c(inst).family
    if not isinstance(fam, GeneralizedLogit):
        return False
    b = fam.params(_c(inst).theta)[1]
    return bool(np.all(np.diff(b) <= 0))


H_GAMMA = Hypothesis("gamma_le_1", "beta_{r-1} >= beta_r (gamma_r <= 1)", gamma_at_most_one)


def pure_equilibria_found(contest: Contest, points: int = 40) -> list[np.ndarray]:
    """Every PNE we can certify: grid candidates certified in the continuum (n <= 3), plus the
    all-zero profile when the exact analysis says it is the unique PNE."""
    out: list[np.ndarray] = []
    if contest.n <= 3:
        R = contest.rewards.values
        e_max = float(contest.cost.inverse(R[0] - R[-1]))
        h = max(0.05, e_max / (points if contest.n == 2 else points // 3))
        out = certified_pure_equilibria(contest, h)
    res = analyze_pure(contest)
    if res.status == "unique" and not any(np.all(e == 0) for e in out):
        out.append(np.zeros(contest.n))
    return out


def inverted_pairs(contest: Contest, efforts: np.ndarray) -> list[tuple[int, int]]:
    """Pairs i < j (theta_i > theta_j) with s_i < s_j."""
    s = contest.scores(efforts)
    n = contest.n
    return [(i, j) for i in range(n) for j in range(i + 1, n) if s[i] < s[j]]
