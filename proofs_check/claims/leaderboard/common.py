"""Shared data, hypotheses and checks of the leaderboard claims (Chen, Zhang, Hardt 2026,
"Leaderboard Incentives", arXiv:2603.08371).

The hypotheses are those of the paper's Assumption 4.1 (cost), Assumption 4.2 (conditions C1-C3 on
the score) and Theorem 4.6 (ties go to the higher capability), plus the strict-cost condition (S),
``c(e) > 0`` for ``e > 0``, under which the corrected statements hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from benchgame.games.leaderboard import (
    Contest,
    GeneralizedLogit,
    PureAnalysis,
    analyze_pure,
    catch_up_matrix,
    lemma_a_hypotheses,
    pne_test,
)
from benchgame.proofs_check.claim import Hypothesis, Source, Verdict

__all__ = ["LeaderboardInstance", "c1_sampled", "c3_sampled", "certified_pure_equilibria",
           "check_solver_equilibria", "solver_pure_equilibria"]

PAPER = "Chen, Zhang, Hardt 2026 (Leaderboard Incentives)"
ARXIV = "2603.08371"


def source(item: str, form: str, note: str = "") -> Source:
    """The :class:`Source` of a leaderboard claim citing ``item`` of the paper."""
    return Source(paper=PAPER, item=item, arxiv=ARXIV, form=form,  # type: ignore[arg-type]
                  note=note)


@dataclass(frozen=True, eq=False)
class LeaderboardInstance:
    """A contest plus claim-specific data (profiles, tune-before-test levels, transformations).

    Parameters
    ----------
    contest : Contest
        The developers' contest.
    data : dict
        Extra data a claim's check needs (e.g. ``{"delta1": 0.0, "delta2": 5.0}``).

    Examples
    --------
    >>> from benchgame.proofs_check.claims.leaderboard.instances import (
    ...     substitutes_two_developers)
    >>> inst = LeaderboardInstance(substitutes_two_developers(), {"delta1": 0.0})
    >>> sorted(inst.to_dict())
    ['contest', 'delta1']
    """

    contest: Contest
    data: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """Return the instance as a JSON-able dictionary.

        Returns
        -------
        dict
            ``{"contest": ..., **data}`` with arrays as lists.
        """
        out = {"contest": self.contest.to_dict()}
        for k, v in self.data.items():
            out[k] = v.tolist() if isinstance(v, np.ndarray) else v
        return out


# --------------------------------------------------------------------------------------------
# hypothesis predicates (sampling; the structural certificates of the families are tried first)
# --------------------------------------------------------------------------------------------

_X = np.concatenate([[0.0], np.geomspace(1e-3, 1e6, 240)])


def c1_sampled(contest: Contest) -> bool:
    """Check condition C1 of Assumption 4.2 on a grid of efforts.

    C1: ``v(theta_i, x) > v(theta_{i+1}, x)`` for every i, at every x of a geometric grid on
    ``[1e-3, 1e6]``, at 0 and at the protocol's base training level.

    Parameters
    ----------
    contest : Contest
        Developers sorted by decreasing capability.

    Returns
    -------
    bool
        True if the family certifies C1 structurally or C1 holds on the grid.

    References
    ----------
    Chen, Zhang, Hardt (2026), Leaderboard Incentives, arXiv:2603.08371, Assumption 4.2 (C1).

    Examples
    --------
    >>> from benchgame.proofs_check.claims.leaderboard.instances import (
    ...     crossing_learning_curves, substitutes_two_developers)
    >>> c1_sampled(substitutes_two_developers()), c1_sampled(crossing_learning_curves())
    (True, False)
    """
    if contest.family.c1_certificate(contest.theta):
        return True
    x = np.concatenate([_X, [contest.protocol.base_training]])
    v = contest.family.value(contest.theta[:, None], x[None, :])
    return bool(np.all(np.diff(v, axis=0) < 0))


def c3_sampled(contest: Contest, points: int = 200) -> bool:
    """Check condition C3 of Assumption 4.2 on a grid of attainable scores.

    C3: the effort advantage ``A_ij(s) = E_j(s) - E_i(s)`` of the more capable developer i
    over j is non-decreasing in the target score s, for every pair i < j, on scores attainable
    by j.

    Parameters
    ----------
    contest : Contest
        Developers sorted by decreasing capability.
    points : int
        Interior grid points per developer.

    Returns
    -------
    bool
        True if the family certifies C3 structurally or C3 holds on the grid.

    References
    ----------
    Chen, Zhang, Hardt (2026), Leaderboard Incentives, arXiv:2603.08371, Assumption 4.2 (C3).

    Examples
    --------
    >>> from benchgame.proofs_check.claims.leaderboard.instances import (
    ...     steep_capped_low_model, substitutes_two_developers)
    >>> c3_sampled(substitutes_two_developers()), c3_sampled(steep_capped_low_model())
    (True, False)
    """
    if contest.family.c3_certificate(contest.theta):
        return True
    fam, th = contest.family, contest.theta
    for j in range(1, contest.n):
        lo = float(fam.value(th[j], 0.0))
        hi = float(fam.ceiling(th[j]))
        s = np.linspace(lo, hi, points + 2)[1:-1]
        Ej = fam.inverse(th[j], s)
        for i in range(j):
            A = Ej - fam.inverse(th[i], s)
            if np.any(np.diff(A) < -1e-9 * (1 + np.abs(A[1:]))):
                return False
    return True


def certified_pure_equilibria(contest: Contest, h: float = 0.05, tol: float = 1e-9
                              ) -> list[np.ndarray]:
    """Find pure equilibria on an effort grid and keep those certified in the continuum.

    The grid is ``{0, h, 2h, ...}`` up to the effort whose cost equals the largest reward gap,
    plus the exact catch-up thresholds; every grid equilibrium is then tested by the exact
    continuum oracle :func:`benchgame.games.leaderboard.pne_test`, and the all-zero profile is
    added when the oracle accepts it.

    Parameters
    ----------
    contest : Contest
        A contest with at most three developers (the payoff tensor has ``m^n`` profiles).
    h : float
        Grid step.
    tol : float
        Tolerance of the grid best-response test and of the continuum oracle.

    Returns
    -------
    list of numpy.ndarray
        Effort profiles that are pure Nash equilibria of the continuum game.

    References
    ----------
    Chen, Zhang, Hardt (2026), Leaderboard Incentives, arXiv:2603.08371, Theorem 4.6.

    Examples
    --------
    >>> from benchgame.proofs_check.claims.leaderboard.instances import (
    ...     substitutes_two_developers)
    >>> certified_pure_equilibria(substitutes_two_developers())
    []
    >>> [e.tolist() for e in certified_pure_equilibria(substitutes_two_developers([0.25, 0.0]))]
    [[0.0, 0.0]]
    """
    n = contest.n
    R = contest.rewards.values
    e_max = float(contest.cost.inverse(R[0] - R[-1])) + h
    grid = np.round(np.arange(0.0, e_max + h / 2, h), 12)
    thr = catch_up_matrix(contest).values
    thr = thr[np.isfinite(thr) & (thr > 0) & (thr <= e_max)]
    grid = np.unique(np.concatenate([grid, thr]))
    m = grid.size
    prof = np.stack(np.meshgrid(*([grid] * n), indexing="ij"), axis=-1).reshape(-1, n)
    U = contest.utilities(prof).reshape((m,) * n + (n,))
    mask = np.ones((m,) * n, dtype=bool)
    for i in range(n):
        ui = U[..., i]
        mask &= ui >= ui.max(axis=i, keepdims=True) - tol
    cands = prof[mask.reshape(-1)]
    out = [c for c in cands if pne_test(contest, c, tol).is_equilibrium]
    z = np.zeros(n)
    if not any(np.all(c == 0) for c in out) and pne_test(contest, z, tol).is_equilibrium:
        out.append(z)
    return out


# --------------------------------------------------------------------------------------------
# hypotheses and checks shared by the claims
# --------------------------------------------------------------------------------------------


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
    """Whether the contest is a generalized logit with ``beta_{r-1} >= beta_r`` for every r."""
    fam = _c(inst).family
    if not isinstance(fam, GeneralizedLogit):
        return False
    b = fam.params(_c(inst).theta)[1]
    return bool(np.all(np.diff(b) <= 0))


H_GAMMA = Hypothesis("gamma_le_1", "beta_{r-1} >= beta_r (gamma_r <= 1)", gamma_at_most_one)


def solver_pure_equilibria(contest: Contest, points: int = 40
                           ) -> tuple[PureAnalysis, list[np.ndarray]]:
    """The solver's answer and every pure equilibrium found.

    The solver is :func:`benchgame.games.leaderboard.analyze_pure`, given the grid
    equilibria certified in the continuum (n <= 3, :func:`certified_pure_equilibria`) as its
    fallback when Lemma A does not apply. The list holds the solver's equilibria followed by
    the certified grid equilibria it does not report: an independent search, so a non-zero
    equilibrium the solver misses still reaches the claims' checks.

    Parameters
    ----------
    contest : Contest
        The contest.
    points : int
        Grid points per developer (about; the step is at least 0.05).

    Returns
    -------
    analysis : PureAnalysis
        The solver's answer.
    equilibria : list of numpy.ndarray
        Every certified pure equilibrium found.

    References
    ----------
    Chen, Zhang, Hardt (2026), Leaderboard Incentives, arXiv:2603.08371, Theorem 4.6.

    Examples
    --------
    >>> from benchgame.proofs_check.claims.leaderboard.instances import (
    ...     substitutes_two_developers)
    >>> res, eqs = solver_pure_equilibria(substitutes_two_developers([0.25, 0.0]))
    >>> res.status, [e.tolist() for e in eqs]
    ('unique', [[0.0, 0.0]])
    """
    grid: list[np.ndarray] = []
    if contest.n <= 3:
        R = contest.rewards.values
        e_max = float(contest.cost.inverse(R[0] - R[-1]))
        h = max(0.05, e_max / (points if contest.n == 2 else points // 3))
        grid = certified_pure_equilibria(contest, h)
    res = analyze_pure(contest, grid_fallback=lambda c: grid)
    out = [np.asarray(e, float) for e in res.equilibria]
    reported = {tuple(e.tolist()) for e in out}
    out += [g for g in grid if tuple(np.asarray(g, float).tolist()) not in reported]
    return res, out


def check_solver_equilibria(contest: Contest, holds: Callable[[np.ndarray], bool],
                            statement: str) -> Verdict:
    """Check ``statement`` on every pure equilibrium found, requiring the solver to report one.

    The claims that say something about *every* pure equilibrium hold vacuously where there is
    none, so their instances are drawn with rewards that guarantee one (zero effort, Lemma B):
    the check fails when the solver's answer (:func:`solver_pure_equilibria`) contains no
    equilibrium, and when any equilibrium found (the solver's or the grid's) breaks
    ``statement``.

    Parameters
    ----------
    contest : Contest
        The contest.
    holds : callable
        ``efforts -> bool``: whether the statement holds at that equilibrium.
    statement : str
        The statement, used as the violated property.

    Returns
    -------
    Verdict
        The verdict, with the solver's status and the equilibria found.

    References
    ----------
    Chen, Zhang, Hardt (2026), Leaderboard Incentives, arXiv:2603.08371, Proposition 4.3 and
    Theorem 4.6(a).

    Examples
    --------
    >>> from benchgame.proofs_check.claims.leaderboard.instances import (
    ...     substitutes_two_developers)
    >>> zero = lambda e: bool(np.all(e == 0))
    >>> check_solver_equilibria(substitutes_two_developers([0.25, 0.0]), zero, "0").holds
    True
    >>> v = check_solver_equilibria(substitutes_two_developers(), zero, "0")
    >>> v.holds, v.violated
    (False, 'the solver reports a pure equilibrium (the rewards guarantee one)')
    """
    res, eqs = solver_pure_equilibria(contest)
    nums: dict = {"status": res.status, "equilibria": [e.tolist() for e in eqs]}
    if not res.equilibria:
        return Verdict.fail("the solver reports a pure equilibrium (the rewards guarantee one)",
                            reason=res.reason, **nums)
    for e in eqs:
        if not holds(e):
            return Verdict.fail(statement, equilibrium=e.tolist(),
                                gaps=pne_test(contest, e).gaps.tolist(), **nums)
    return Verdict.ok(**nums)


def pure_equilibria_found(contest: Contest, points: int = 40) -> list[np.ndarray]:
    """Every PNE we can certify: the solver's and the certified grid ones
    (:func:`solver_pure_equilibria`)."""
    return solver_pure_equilibria(contest, points)[1]


def inverted_pairs(contest: Contest, efforts: np.ndarray) -> list[tuple[int, int]]:
    """Pairs i < j (theta_i > theta_j) with s_i < s_j."""
    s = contest.scores(efforts)
    n = contest.n
    return [(i, j) for i in range(n) for j in range(i + 1, n) if s[i] < s[j]]
