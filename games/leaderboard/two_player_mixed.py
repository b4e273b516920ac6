"""The two-developer mixed equilibrium of the leaderboard contest, in closed form.

Chen, Zhang and Hardt (2026) show that pure equilibria may fail to exist (Theorem 4.6); mixed
equilibria of such complete-information all-pay contests exist in general (Baye, Kovenock and
de Vries 1996; Siegel 2009). For two developers with a head start the equilibrium has a closed
form, derived for this package (it is not in the paper). Work in score space: zero-effort scores
``a_h > a_l``, score costs ``C_i(s) = c(E_i(s) - Delta)``, prize ``V = R_1 - R_2 > 0``, ties to
h. If ``C_l(a_h) >= V`` or l cannot reach ``a_h`` the unique equilibrium is pure (0, 0).
Otherwise, with l's reach ``T = v(theta_l, Delta + c^{-1}(V))``:

* h mixes with CDF ``C_l(s)/V`` on ``[a_h, T]`` (atom ``C_l(a_h)/V`` at zero effort);
* l has an atom ``1 - C_h(T)/V`` at zero effort, no mass on ``(a_l, a_h]`` and CDF
  ``1 - (C_h(T) - C_h(s))/V`` on ``(a_h, T]``;
* payoffs ``(V - C_h(T), 0)`` and ``P(inversion) = V^{-2} int_{a_h}^T C_l dC_h``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from benchgame.core.validation import require
from benchgame.games.leaderboard.contest import Contest

__all__ = ["TwoPlayerMixed", "two_player_mixed_equilibrium"]


@dataclass(frozen=True)
class TwoPlayerMixed:
    """The two-developer equilibrium in closed form (developer 0 = h, developer 1 = l).

    Parameters
    ----------
    contest : Contest
        The two-developer contest.
    pure : bool
        True when the unique equilibrium is (0, 0).
    a_h : float
        Zero-effort score of h.
    a_l : float
        Zero-effort score of l.
    prize : float
        ``V = R_1 - R_2``.
    reach : float
        ``T``, l's reach (``a_h`` when pure).
    atom_h : float
        Probability of zero effort for h.
    atom_l : float
        Probability of zero effort for l.
    payoff_h : float
        ``V - C_h(T)`` plus the common base reward ``R_2``.
    payoff_l : float
        The base reward ``R_2``.
    p_inversion : float
        ``P(s_l > s_h)``.
    method : str, default "closed form (two-developer all-pay contest with a head start)"
        How the equilibrium was obtained.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6; Siegel
    (2009), "All-pay contests", Econometrica 77(1).
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
    method: str = "closed form (two-developer all-pay contest with a head start)"

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
        """Largest gain of a deviation to a pure score, for h and for l.

        Each against the other's mixture, over ``points`` scores in ``[a_h, T]`` (a sampled
        check of the closed form). Returns ``(eps_h, eps_l)``.
        """
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
        """The equilibrium (without the contest) as a JSON-ready dictionary."""
        return {k: v for k, v in self.__dict__.items() if k != "contest"}


def two_player_mixed_equilibrium(contest: Contest) -> TwoPlayerMixed:
    """The equilibrium of a two-developer contest with capability ties, in closed form.

    Parameters
    ----------
    contest : Contest
        Two developers, ties to the more capable one, ``a_h > a_l`` (C1 at the protocol's
        level).

    Returns
    -------
    TwoPlayerMixed
        The pure equilibrium (0, 0) when l cannot profitably reach ``a_h``, else the mixed one
        (module docstring).

    Raises
    ------
    InputError
        If the contest has more than two developers, another tie rule, or ``a_h <= a_l``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6 (no pure
    equilibrium); Siegel (2009), "All-pay contests", Econometrica 77(1) (existence of mixed
    equilibria).

    Examples
    --------
    ``v = 1 - exp(-(theta + x))``, capabilities (1, 0.5), cost ``c(e) = e``, prize 1: each
    developer stays at zero effort with probability 1/2, and the leaderboard is inverted with
    probability 0.375.

    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> from benchgame.games.leaderboard import two_player_mixed_equilibrium
    >>> c = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> eq = two_player_mixed_equilibrium(c)
    >>> eq.pure, round(eq.atom_h, 9), round(eq.atom_l, 9), round(eq.p_inversion, 9)
    (False, 0.5, 0.5, 0.375)
    >>> round(eq.payoff_h, 9), eq.payoff_l
    (0.5, 0.0)
    """
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

    from scipy.integrate import quad  # deferred: loads SciPy's QUADPACK on first use

    val, _ = quad(integrand, 0.0, ch_t, epsabs=1e-13, epsrel=1e-11, limit=200)
    return TwoPlayerMixed(contest, False, a_h, a_l, V, T, c_l_ah / V, 1.0 - ch_t / V,
                          base + V - ch_t, base, float(val / V ** 2))
