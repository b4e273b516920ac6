"""The hypotheses of Lemma A (every pure equilibrium is the all-zero profile), checked exactly.

Lemma A of the corrected Theorem 4.6 of Chen, Zhang and Hardt (2026) needs the strict-cost
condition (S), ties that go to the more capable developer, and C1 at the protocol's base
training: zero-effort scores strictly decreasing with capability. Scores of distinct
capabilities can round to the same float (substitutes ``1 - exp(-(theta + Delta))`` at
Delta >= 36, saturated logit curves); their order is then taken from the family's structure, never
from the rounded scores. Used by :func:`~benchgame.games.leaderboard.pure_analysis.analyze_pure`.
"""

from __future__ import annotations

import numpy as np

from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.thresholds import SCORE_RTOL, catch_up

__all__ = ["c1_at_base", "lemma_a_hypotheses"]



def lemma_a_hypotheses(contest: Contest) -> dict[str, bool]:
    """The hypotheses of Lemma A, checked exactly.

    Parameters
    ----------
    contest : Contest
        The contest.

    Returns
    -------
    dict of str to bool
        ``strict_cost`` ((S) holds), ``capability_ties`` (ties go to the more capable
        developer) and ``c1_at_base`` (zero-effort scores strictly decreasing in the capability
        order: in floating point, or, where adjacent scores round to the same float, by the
        family's structural C1 certificate, which orders them exactly).

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.1,
    Assumption 4.2 (C1) and Theorem 4.6 (tie-breaking that does not favour lower capability).

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, FlatStartCost, Substitutes
    >>> from benchgame.games.leaderboard import lemma_a_hypotheses
    >>> c = Contest([1.0, 0.5], Substitutes(), FlatStartCost(1.0, 2.0), [0.1, 0.0])
    >>> lemma_a_hypotheses(c)
    {'strict_cost': False, 'capability_ties': True, 'c1_at_base': True}
    """
    capability_ties = contest.tie == "capability" or (
        contest.tie == "index" and (contest.priority is None
                                    or bool(np.all(contest.priority == np.arange(contest.n)))))
    return {"strict_cost": bool(contest.cost.strict), "capability_ties": capability_ties,
            "c1_at_base": c1_at_base(contest)[0]}


def c1_at_base(contest: Contest) -> tuple[bool, str]:
    """Whether zero-effort scores decrease strictly with capability, and on what basis.

    Adjacent scores equal up to rounding (within ``SCORE_RTOL``, so that a one-ulp inversion
    of two saturated scores is not read as a C1 failure) are ordered by the family's structure: its
    structural C1 certificate, or the training at which the lower developer reaches the upper
    one's zero-effort score (computed without the rounded score, e.g. ``theta + x`` for
    substitutes, distance to the ceiling for logit curves), which must exceed the base training
    by more than its rounding bound.

    Parameters
    ----------
    contest : Contest
        The contest.

    Returns
    -------
    holds : bool
        Whether C1 holds at the protocol's base training.
    basis : str
        ``"floating point"``, the exact basis used for tied floats, or why it fails.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Assumption 4.2 (C1).

    Examples
    --------
    At Delta = 40 both zero-effort scores of ``1 - exp(-(theta + Delta))`` round to 1.0:

    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes, TuneBeforeTest
    >>> c = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [0.1, 0.0], TuneBeforeTest(40))
    >>> c.zero_scores().tolist(), c1_at_base(c)[0]
    ([1.0, 1.0], True)
    """
    a = contest.zero_scores()
    d = np.diff(a)
    noise = SCORE_RTOL * np.maximum(np.abs(a[:-1]), np.abs(a[1:]))
    if np.all(d < -noise):
        return True, "floating point"
    if np.any(d > noise):
        j = int(np.flatnonzero(d > noise)[0])
        return False, (f"zero-effort scores of developers {j} and {j + 1} are inverted "
                       f"({a[j]:.17g} < {a[j + 1]:.17g})")
    close = np.flatnonzero(d >= -noise)
    cert = contest.family.c1_certificate(contest.theta)
    if cert:
        return True, f"family certificate for scores equal up to rounding ({cert})"
    cu = catch_up(contest, close + 1, close, strict=False)
    below = ~cu.ahead_at_zero & np.isfinite(cu.effort) & (cu.effort > cu.error)
    if np.all(below):
        return True, ("scores equal up to rounding ordered by the training the lower "
                      "developer needs to reach the upper one (beyond its rounding bound)")
    j = int(close[np.flatnonzero(~below)[0]])
    return False, (f"zero-effort scores of developers {j} and {j + 1} are equal up to rounding "
                   f"({a[j]!r}, {a[j + 1]!r}) and their exact order cannot be certified")
