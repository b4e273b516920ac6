"""Ranking fidelity of the equilibria of a leaderboard contest.

* Pure equilibrium (decided by :func:`~benchgame.games.leaderboard.pure_analysis.analyze_pure`):
  Kendall tau_b between the equilibrium leaderboard and the capability order and the other
  metrics of the deterministic leaderboard.
* Mixed equilibrium: exactly for two developers (the closed form of
  :mod:`benchgame.games.leaderboard.two_player_mixed`), by Monte Carlo over sampled profiles
  otherwise, or exactly on a grid (:func:`benchgame.games.leaderboard.grid_mixed_fidelity`).
* No equilibrium: the leaderboard is undefined; the result carries ``state="no_equilibrium"``
  and no number.

The metrics are defined in :mod:`benchgame.games.leaderboard.ranking_metrics`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from benchgame.core.validation import require
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.pure_analysis import PureAnalysis, analyze_pure
from benchgame.games.leaderboard.ranking_metrics import (
    Fidelity,
    count_inversions,
    kendall_tau_b,
    spearman_rho,
)
from benchgame.games.leaderboard.two_player_mixed import two_player_mixed_equilibrium

__all__ = ["fidelity_from_samples", "pure_fidelity", "two_player_fidelity"]


def pure_fidelity(contest: Contest, analysis: PureAnalysis | None = None) -> Fidelity:
    """Ranking fidelity of the pure equilibrium of ``contest``.

    Parameters
    ----------
    contest : Contest
        The contest.
    analysis : PureAnalysis, optional
        The result of :func:`~benchgame.games.leaderboard.pure_analysis.analyze_pure` for this
        contest (computed when omitted).

    Returns
    -------
    Fidelity
        ``pure`` with the metrics of the equilibrium leaderboard, or ``no_equilibrium`` /
        ``undecided`` without numbers.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Proposition 4.3 and
    Theorem 4.6.

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes, pure_fidelity
    >>> c = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> pure_fidelity(c).state, pure_fidelity(c).kendall_tau
    ('no_equilibrium', None)
    >>> f = pure_fidelity(c.with_rewards([0.25, 0.0]))
    >>> f.state, f.kendall_tau, f.p_exact_order
    ('pure', 1.0, 1.0)
    """
    res = analysis if analysis is not None else analyze_pure(contest)
    if res.status == "none":
        return Fidelity("no_equilibrium", method=res.method,
                        reason=f"no pure equilibrium, the leaderboard is undefined: {res.reason}")
    if res.status == "undecided":
        return Fidelity("undecided", method=res.method, reason=res.reason)
    ranks = contest.ranks(res.equilibria[0])
    inv = int(count_inversions(ranks))
    exact = bool(np.all(ranks == np.arange(1, contest.n + 1)))
    return Fidelity("pure", kendall_tau=kendall_tau_b(ranks, contest.theta),
                    expected_tau=kendall_tau_b(ranks, contest.theta),
                    p_exact_order=float(exact), p_top1_correct=float(ranks[0] == 1),
                    expected_inversions=float(inv),
                    spearman_expected_ranks=spearman_rho(ranks, contest.theta),
                    method=res.method)


def fidelity_from_samples(contest: Contest, efforts: Any) -> Fidelity:
    """Monte Carlo ranking fidelity of a mixed equilibrium from sampled effort profiles.

    Parameters
    ----------
    contest : Contest
        The contest.
    efforts : array_like, shape (m, n)
        Effort profiles drawn from the mixed equilibrium.

    Returns
    -------
    Fidelity
        ``mixed``, with sample averages.

    Raises
    ------
    InputError
        If ``efforts`` is not a non-empty array of profiles.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Proposition 4.3
    (fidelity of equilibrium leaderboards) and Theorem 4.6 (no pure equilibrium).

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> from benchgame.games.leaderboard import fidelity_from_samples
    >>> c = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> f = fidelity_from_samples(c, [[0.0, 0.0], [0.0, 0.6], [0.2, 0.6], [0.3, 0.0]])
    >>> f.p_exact_order, f.expected_inversions
    (0.75, 0.25)
    """
    e = contest._efforts(efforts)
    require(e.ndim == 2 and e.shape[0] >= 1, "efforts", "must have shape (samples, n)")
    ranks = contest.ranks(e)
    taus = np.array([kendall_tau_b(r, contest.theta) for r in ranks])
    target = np.arange(1, contest.n + 1)
    mean_rank = ranks.mean(axis=0)
    sp = spearman_rho(mean_rank, contest.theta) if np.ptp(mean_rank) > 0 else None
    return Fidelity("mixed", expected_tau=float(np.nanmean(taus)),
                    p_exact_order=float(np.mean(np.all(ranks == target, axis=1))),
                    p_top1_correct=float(np.mean(ranks[:, 0] == 1)),
                    expected_inversions=float(np.mean(count_inversions(ranks))),
                    spearman_expected_ranks=sp,
                    method=f"Monte Carlo over {e.shape[0]} sampled profiles")


def two_player_fidelity(contest: Contest) -> Fidelity:
    """Exact ranking fidelity of the two-developer equilibrium in closed form.

    Parameters
    ----------
    contest : Contest
        A two-developer contest with capability ties.

    Returns
    -------
    Fidelity
        ``pure`` when the equilibrium is (0, 0), else ``mixed`` with the inversion probability
        ``p``: expected tau ``1 - 2p``, ``P(exact order) = 1 - p``.

    Raises
    ------
    InputError
        If the contest does not meet the hypotheses of
        :func:`~benchgame.games.leaderboard.two_player_mixed.two_player_mixed_equilibrium`.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6; Siegel
    (2009), "All-pay contests", Econometrica 77(1).

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> from benchgame.games.leaderboard import two_player_fidelity
    >>> f = two_player_fidelity(Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0]))
    >>> f.state, round(f.expected_inversions, 9), round(f.expected_tau, 9)
    ('mixed', 0.375, 0.25)
    """
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
