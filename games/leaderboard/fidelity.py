"""Ranking fidelity of equilibrium leaderboards (spec 5.5) and the two-player mixed equilibrium
in closed form (spec 4.3).

* Pure equilibrium: Kendall tau_b between the equilibrium leaderboard and the capability order
  (1 under the corrected Prop 4.3).
* Mixed equilibrium: expected Kendall tau, P(leaderboard = capability order), P(top-1 correct),
  expected number of inversions and the Spearman correlation of expected ranks; exactly for two
  players (closed form of spec 4.3), by Monte Carlo over sampled profiles otherwise.
* No equilibrium: the leaderboard is undefined; the result carries ``state="no_equilibrium"``
  and no number.

Two-player closed form (spec 4.3, [PROVED + NUM]; not in the paper). Scores
``a_h > a_l`` at zero effort, score costs ``C_i(s) = c(E_i(s) - Delta)``, prize
``V = R_1 - R_2 > 0``, ties to h. If ``C_l(a_h) >= V`` or l cannot reach ``a_h`` the unique
equilibrium is pure (0, 0). Otherwise, with l's reach ``T = v(theta_l, Delta + c^{-1}(V))``:
h mixes with CDF ``C_l(s)/V`` on ``[a_h, T]`` (atom ``C_l(a_h)/V`` at zero effort), l has an atom
``1 - C_h(T)/V`` at zero effort and CDF ``1 - (C_h(T) - C_h(s))/V`` on ``(a_h, T]``; payoffs
``(V - C_h(T), 0)``; ``P(inversion) = V^{-2} int_{a_h}^T C_l dC_h``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from scipy.integrate import quad
from scipy.stats import spearmanr

from benchgame.core.validation import require
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.pure_analysis import PureAnalysis, analyze_pure

__all__ = [
    "Fidelity",
    "TwoPlayerMixed",
    "fidelity_from_samples",
    "kendall_tau_b",
    "pure_fidelity",
    "two_player_fidelity",
    "two_player_mixed_equilibrium",
]

State = Literal["pure", "mixed", "no_equilibrium", "undecided"]


def kendall_tau_b(ranks: Any, theta: Any) -> float:
    """Kendall tau_b between a leaderboard (ranks, 1 = top; ties allowed) and capabilities.

    ``tau_b = (n_c - n_d) / sqrt((n_0 - n_1)(n_0 - n_2))`` with ``n_c``/``n_d`` the concordant /
    discordant pairs (higher capability ranked better counts as concordant), ``n_0 = n(n-1)/2``,
    and ``n_1``/``n_2`` the pairs tied in rank / in capability. The counts are integers, so a
    leaderboard in capability order has ``tau_b = 1.0`` exactly. NaN when every rank is tied.
    """
    rk = np.asarray(ranks, float)
    th = np.asarray(theta, float)
    require(rk.shape == th.shape and rk.ndim == 1 and rk.size >= 2, "ranks",
            "must be a vector with one rank per developer",
            "pass one rank per developer, in the order of theta")
    iu = np.triu_indices(rk.size, 1)
    sx = np.sign(rk[:, None] - rk[None, :])[iu]  # rank difference (lower rank = better)
    sy = np.sign(th[None, :] - th[:, None])[iu]  # capability difference, reversed
    n0 = iu[0].size
    n1 = int(np.count_nonzero(sx == 0))
    n2 = int(np.count_nonzero(sy == 0))
    if n1 == n0 or n2 == n0:
        return float("nan")
    prod = sx * sy
    num = int(np.count_nonzero(prod > 0)) - int(np.count_nonzero(prod < 0))
    return float(num / np.sqrt(float(n0 - n1) * float(n0 - n2)))


@dataclass(frozen=True)
class Fidelity:
    """Ranking-fidelity metrics of an equilibrium, or an explicit state without numbers.

    ``state``: ``pure`` (``kendall_tau`` set, and the other metrics are those of the
    deterministic leaderboard), ``mixed`` (expectations under the mixture), ``no_equilibrium``
    or ``undecided`` (every metric is None; ``reason`` says why).
    """

    state: State
    kendall_tau: float | None = None
    expected_tau: float | None = None
    p_exact_order: float | None = None
    p_top1_correct: float | None = None
    expected_inversions: float | None = None
    spearman_expected_ranks: float | None = None
    method: str = ""
    reason: str = ""

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def _inversions(ranks: np.ndarray) -> np.ndarray:
    # developers are in decreasing capability: an inversion is i < j with rank_i > rank_j
    d = ranks[..., :, None] - ranks[..., None, :]
    return np.triu(d > 0, 1).sum(axis=(-2, -1))


def pure_fidelity(contest: Contest, analysis: PureAnalysis | None = None) -> Fidelity:
    """Fidelity of the pure equilibrium of ``contest`` (decided by :func:`analyze_pure`)."""
    res = analysis if analysis is not None else analyze_pure(contest)
    if res.status == "none":
        return Fidelity("no_equilibrium", method=res.method,
                        reason=f"no pure equilibrium, the leaderboard is undefined: {res.reason}")
    if res.status == "undecided":
        return Fidelity("undecided", method=res.method, reason=res.reason)
    ranks = contest.ranks(res.equilibria[0])
    inv = int(_inversions(ranks))
    exact = bool(np.all(ranks == np.arange(1, contest.n + 1)))
    return Fidelity("pure", kendall_tau=kendall_tau_b(ranks, contest.theta),
                    expected_tau=kendall_tau_b(ranks, contest.theta),
                    p_exact_order=float(exact), p_top1_correct=float(ranks[0] == 1),
                    expected_inversions=float(inv),
                    spearman_expected_ranks=float(spearmanr(-ranks, contest.theta).statistic),
                    method=res.method)


def fidelity_from_samples(contest: Contest, efforts: Any) -> Fidelity:
    """Monte Carlo fidelity of a mixed equilibrium from sampled effort profiles ``(m, n)``."""
    e = contest._efforts(efforts)
    require(e.ndim == 2 and e.shape[0] >= 1, "efforts", "must have shape (samples, n)")
    ranks = contest.ranks(e)
    taus = np.array([kendall_tau_b(r, contest.theta) for r in ranks])
    target = np.arange(1, contest.n + 1)
    mean_rank = ranks.mean(axis=0)
    sp = (float(spearmanr(-mean_rank, contest.theta).statistic) if np.ptp(mean_rank) > 0
          else None)
    return Fidelity("mixed", expected_tau=float(np.nanmean(taus)),
                    p_exact_order=float(np.mean(np.all(ranks == target, axis=1))),
                    p_top1_correct=float(np.mean(ranks[:, 0] == 1)),
                    expected_inversions=float(np.mean(_inversions(ranks))),
                    spearman_expected_ranks=sp,
                    method=f"Monte Carlo over {e.shape[0]} sampled profiles")


@dataclass(frozen=True)
class TwoPlayerMixed:
    """The two-player equilibrium of spec 4.3 (developer 0 = h, developer 1 = l).

    Attributes
    ----------
    pure : bool
        True when the unique equilibrium is (0, 0).
    a_h, a_l, prize, reach : float
        Zero-effort scores, ``V = R_1 - R_2`` and ``T`` (l's reach; ``a_h`` when pure).
    atom_h, atom_l : float
        Probability of zero effort for h and l.
    payoff_h, payoff_l : float
        ``(V - C_h(T), 0)`` plus the common base reward ``R_2``.
    p_inversion : float
        ``P(s_l > s_h)``.
    """

    contest: Contest
    pure: bool
    a_h: float
    a_l: float
    prize: float
    reach: float
    atom_h: float
    atom_l: float
    payoff_h: float
    payoff_l: float
    p_inversion: float
    method: str = "closed form (spec 4.3)"

    def score_cost(self, i: int, s: Any) -> np.ndarray:
        """``C_i(s) = c(effort of i to reach score s)``."""
        c = self.contest
        e = c.protocol.min_effort_reaching(c.family.inverse(c.theta[i], s))
        return c.cost(np.where(np.isfinite(e), e, 0.0)) + np.where(np.isfinite(e), 0.0, np.inf)

    def cdf(self, i: int, s: Any) -> np.ndarray:
        """Score CDF of developer ``i`` (0 = h, 1 = l) at ``s``."""
        s = np.asarray(s, float)
        V = self.prize
        if self.pure:
            return np.where(s >= (self.a_h if i == 0 else self.a_l), 1.0, 0.0)
        if i == 0:
            inside = np.clip(self.score_cost(1, np.clip(s, self.a_h, self.reach)) / V, 0, 1)
            return np.where(s < self.a_h, 0.0, np.where(s >= self.reach, 1.0, inside))
        ch_t = float(self.score_cost(0, self.reach))
        inside = 1.0 - (ch_t - self.score_cost(0, np.clip(s, self.a_h, self.reach))) / V
        return np.where(s < self.a_l, 0.0, np.where(s <= self.a_h, self.atom_l,
                                                      np.where(s >= self.reach, 1.0, inside)))

    def exploitability(self, points: int = 4001) -> tuple[float, float]:
        """Largest gain of a deviation to a pure score, for h and for l, against the other's
        mixture, over ``points`` scores in ``[a_h, T]`` (a sampled check of the closed form;
        spec 5.6 P8). Returns ``(eps_h, eps_l)``."""
        if self.pure:
            return 0.0, 0.0
        s = np.linspace(self.a_h, self.reach * (1 + 1e-3), points)
        V = self.prize
        u_h = V * self.cdf(1, s) - self.score_cost(0, s)             # ties go to h
        u_l = V * self.cdf(0, np.nextafter(s, -np.inf)) - self.score_cost(1, s)
        base = self.payoff_l
        return (float(max(u_h.max() - (self.payoff_h - base), 0.0)),
                float(max(u_l.max() - (self.payoff_l - base), 0.0)))

    def sample_efforts(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """``size`` effort profiles drawn from the equilibrium (inverse-CDF sampling)."""
        from scipy.optimize import brentq

        c = self.contest
        out = np.zeros((size, 2))
        if self.pure:
            return out
        u = rng.random((size, 2))
        for i in range(2):
            for m in range(size):
                if u[m, i] <= float(self.cdf(i, self.a_h if i == 0 else self.a_l)):
                    continue
                s = brentq(lambda x, i=i, m=m: float(self.cdf(i, x)) - u[m, i],
                           self.a_h, self.reach, xtol=1e-13)
                out[m, i] = float(c.protocol.min_effort_reaching(c.family.inverse(c.theta[i],
                                                                                    s)))
        return out

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "contest"}


def two_player_mixed_equilibrium(contest: Contest) -> TwoPlayerMixed:
    """The equilibrium of spec 4.3 for a two-developer contest with capability ties."""
    require(contest.n == 2, "contest", f"has {contest.n} developers",
            "the closed form is for two developers")
    require(contest.tie == "capability", "tie", f"is {contest.tie!r}",
            "the closed form assumes ties go to the more capable developer")
    R = contest.rewards.values
    V = float(R[0] - R[1])
    a = contest.zero_scores()
    a_h, a_l = float(a[0]), float(a[1])
    require(a_h > a_l, "family", "gives the less capable developer a zero-effort score at least "
            "as high (C1 fails at this level)", "the closed form needs a_h > a_l")
    base = float(R[1])
    tmp = TwoPlayerMixed(contest, True, a_h, a_l, V, a_h, 1.0, 1.0, base + V, base, 0.0)
    c_l_ah = float(tmp.score_cost(1, a_h)) if V > 0 else np.inf
    if V <= 0 or not np.isfinite(c_l_ah) or c_l_ah >= V:
        return tmp
    proto, fam, th, cost = contest.protocol, contest.family, contest.theta, contest.cost
    T = float(fam.value(th[1], proto.effective_training(cost.inverse(V))))
    ch_t = float(tmp.score_cost(0, T))

    def integrand(u: float) -> float:
        s = fam.value(th[0], proto.effective_training(cost.inverse(u)))
        return float(tmp.score_cost(1, s))

    val, _ = quad(integrand, 0.0, ch_t, epsabs=1e-13, epsrel=1e-11, limit=200)
    return TwoPlayerMixed(contest, False, a_h, a_l, V, T, c_l_ah / V, 1.0 - ch_t / V,
                          base + V - ch_t, base, float(val / V ** 2))


def two_player_fidelity(contest: Contest) -> Fidelity:
    """Exact fidelity of the spec 4.3 equilibrium (two developers)."""
    eq = two_player_mixed_equilibrium(contest)
    p = eq.p_inversion
    if eq.pure:
        return Fidelity("pure", kendall_tau=1.0, expected_tau=1.0, p_exact_order=1.0,
                        p_top1_correct=1.0, expected_inversions=0.0,
                        spearman_expected_ranks=1.0, method=eq.method)
    sp = None if p == 0.5 else float(np.sign(0.5 - p))
    return Fidelity("mixed", expected_tau=1.0 - 2.0 * p, p_exact_order=1.0 - p,
                    p_top1_correct=1.0 - p, expected_inversions=p,
                    spearman_expected_ranks=sp, method=eq.method)
