"""Existence and uniqueness of pure equilibria of the leaderboard contest, without a grid.

:func:`analyze_pure` decides whether the developers' subgame has a pure Nash equilibrium (PNE),
whether it is unique and whether it ranks the developers by capability: the corrected form of
Chen, Zhang and Hardt (2026), Theorem 4.6 and Proposition 4.3. Read literally, their
Assumption 4.1 (a cost that is only non-decreasing) admits counterexamples to both; with the
strengthening (S) ``c(e) > 0`` for ``e > 0`` the answer follows from three lemmas (a
reconstruction: the paper's proofs are not available to us, these are proved for this package):

- **Lemma A.** Under (S), continuity, C1 at the protocol's base training and capability ties,
  every PNE is the all-zero profile (so every PNE ranks by capability). The last-ranked
  developer can drop to zero effort without losing rank; inductively, each developer above
  zero-effort developers either keeps its rank at zero effort or can shave effort.
- **Lemma B.** 0 is a PNE iff ``c(ebar_{r,k}) >= R_k - R_r`` for all k < r (``inf >= anything``):
  from 0 only upward jumps are possible, and jumping over k needs effort strictly above
  ``ebar_{r,k}``.
- **Lemma C.** Under C3, strictly increasing scores and convex c, the adjacent conditions
  ``J_r = c(e_req_r) >= G_r`` imply all of Lemma B (telescoping and superadditivity of c): O(n).

When C3 is not certified the full Lemma B matrix is used (O(n^2), still exact). When (S),
capability ties or C1 at the base fail, Lemma A does not apply and the answer is ``undecided``
with the reason (use the grid enumeration of :mod:`benchgame.games.leaderboard.discretized`).
The exact test of a single profile is
:func:`~benchgame.games.leaderboard.pne_certificate.pne_test`; best-response play is in
:mod:`benchgame.games.leaderboard.dynamics`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.pne_certificate import DEFAULT_TOL, pne_test
from benchgame.games.leaderboard.thresholds import adjacent_catch_up, catch_up_matrix

__all__ = [
    "PureAnalysis",
    "StabilityWitness",
    "analyze_pure",
    "lemma_a_hypotheses",
]


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
        order).

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
    a = contest.zero_scores()
    capability_ties = contest.tie == "capability" or (
        contest.tie == "index" and (contest.priority is None
                                    or bool(np.all(contest.priority == np.arange(contest.n)))))
    return {"strict_cost": bool(contest.cost.strict), "capability_ties": capability_ties,
            "c1_at_base": bool(np.all(np.diff(a) < 0))}


@dataclass(frozen=True)
class StabilityWitness:
    """A profitable deviation from the all-zero profile (Lemma B fails for the pair (r, k)).

    Developer ``r`` (0-based) overtakes ``k < r``; the deviation gain is
    ``gain = reward_gap - cost > 0`` (a supremum, approached by exceeding ``catch_up``).

    Parameters
    ----------
    r : int
        0-based index of the overtaking developer.
    k : int
        0-based index of the overtaken developer (``k < r``).
    catch_up : float
        Catch-up effort of r against k's zero-effort score.
    cost : float
        ``c(catch_up)``, below ``reward_gap``.
    reward_gap : float
        ``R_k - R_r``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6.
    """

    r: int
    k: int
    catch_up: float
    cost: float
    reward_gap: float

    @property
    def gain(self) -> float:
        """``reward_gap - cost``: the supremum gain of the deviation."""
        return self.reward_gap - self.cost

    def to_dict(self) -> dict:
        """The witness as a JSON-ready dictionary."""
        return {"r": self.r, "k": self.k, "catch_up": self.catch_up, "cost": self.cost,
                "reward_gap": self.reward_gap, "gain": self.gain}


Status = Literal["unique", "none", "undecided"]


@dataclass(frozen=True)
class PureAnalysis:
    """Existence/uniqueness of pure equilibria of one contest (continuum, no grid).

    Parameters
    ----------
    status : {"unique", "none", "undecided"}
        ``unique``: the all-zero profile is the only PNE; ``none``: no PNE exists;
        ``undecided``: Lemma A's hypotheses fail (see ``reason``).
    equilibria : tuple of numpy.ndarray
        The PNE found (``(zeros,)`` or ``()``).
    ranks_by_capability : bool or None
        Whether the unique PNE ranks by capability (None when there is none / undecided).
    witness : StabilityWitness or None
        For ``none``: the pair with the largest deviation gain.
    margins : numpy.ndarray
        Lemma C: ``J_r - G_r`` per adjacent pair (length n - 1); Lemma B: per developer r the
        minimum over k < r of ``c(ebar_{r,k}) - (R_k - R_r)`` (length n, entry 0 is +inf).
    method : str
        Which lemmas decided (and on what basis C3 was taken).
    hypotheses : dict, optional
        What was certified (strict cost, ties, C1 at base, C3 with its reason, convexity).
    reason : str, default ""
        The verdict in words.
    delta : float, default 0.0
        Tune-before-test level of the contest.
    tol : float, default 1e-9
        Tolerance of the margins.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6 and
    Proposition 4.3.
    """

    status: Status
    equilibria: tuple[np.ndarray, ...]
    ranks_by_capability: bool | None
    witness: StabilityWitness | None
    margins: np.ndarray
    method: str
    hypotheses: dict = field(default_factory=dict)
    reason: str = ""
    delta: float = 0.0
    tol: float = DEFAULT_TOL

    @property
    def exists(self) -> bool | None:
        """Whether a PNE exists (None when undecided)."""
        return None if self.status == "undecided" else self.status == "unique"

    @property
    def is_unique(self) -> bool | None:
        """Whether the PNE is unique (None when undecided)."""
        return None if self.status == "undecided" else self.status == "unique"

    def to_dict(self) -> dict:
        """The analysis as a JSON-ready dictionary."""
        return {"status": self.status, "equilibria": [e.tolist() for e in self.equilibria],
                "ranks_by_capability": self.ranks_by_capability,
                "witness": None if self.witness is None else self.witness.to_dict(),
                "margins": self.margins.tolist(), "method": self.method,
                "hypotheses": self.hypotheses, "reason": self.reason, "delta": self.delta,
                "tol": self.tol}


def analyze_pure(contest: Contest, tol: float = DEFAULT_TOL, *, c3: str | bool | None = None,
                 grid_fallback: Callable[[Contest], Sequence[Any]] | None = None
                 ) -> PureAnalysis:
    """Decide existence and uniqueness of a PNE, with a witness, by Lemmas A-C.

    Parameters
    ----------
    contest : Contest
        The contest.
    tol : float, default 1e-9
        Relative tolerance for ``c(ebar) >= gap``: accepted when
        ``c(ebar) >= gap - tol * max(1, gap)`` (equality means no strict gain: 0 stays a PNE).
    c3 : AssumptionCheck, str, bool or None, optional
        Evidence for C3. ``None`` asks the family for a structural proof
        (:meth:`ScoreFamily.c3_certificate`); an :class:`~benchgame.games.leaderboard.assumptions.
        AssumptionCheck` from :func:`~benchgame.games.leaderboard.assumptions.check_c3` counts as
        proved when symbolic and as numeric (valid on its grid) otherwise; a string or True is the
        caller's certificate; ``False`` forces the full Lemma B check. The basis is recorded in
        ``hypotheses["c3_basis"]`` and in ``method``.
    grid_fallback : callable, optional
        ``contest -> sequence of profiles``, used only when Lemma A does not apply: candidate
        profiles (e.g. the pure equilibria of a discretized game). Each is re-checked with
        :func:`~benchgame.games.leaderboard.pne_certificate.pne_test`; the certified ones are
        returned in ``equilibria`` while the status stays ``undecided`` (a grid search is not
        exhaustive over the continuum).

    Returns
    -------
    PureAnalysis
        ``unique`` (the all-zero profile, ranking by capability), ``none`` (with the most
        profitable deviation from 0) or ``undecided`` (with the failed hypotheses).

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6 (no PNE
    when some adjacent just-overtake cost is below its reward gap) and Proposition 4.3
    (equilibria rank by capability), both under the added condition (S).

    Examples
    --------
    Two developers with ``v = 1 - exp(-(theta + x))`` and cost ``c(e) = e``. Overtaking costs
    0.5: with a prize of 1 there is no PNE, with a prize of 0.25 the all-zero profile is the
    unique one:

    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes, analyze_pure
    >>> c = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> res = analyze_pure(c)
    >>> res.status, res.witness.r, res.witness.k, res.witness.gain
    ('none', 1, 0, 0.5)
    >>> res = analyze_pure(c.with_rewards([0.25, 0.0]))
    >>> res.status, res.ranks_by_capability, res.margins.tolist()
    ('unique', True, [0.25])
    """
    hyp: dict[str, Any] = lemma_a_hypotheses(contest)
    delta = contest.delta
    n = contest.n
    if not all(hyp.values()):
        failed = [k for k, v in hyp.items() if not v]
        found: tuple[np.ndarray, ...] = ()
        method = "none (Lemma A not applicable)"
        if grid_fallback is not None:
            cands = [np.asarray(p, float) for p in grid_fallback(contest)]
            found = tuple(p for p in cands if pne_test(contest, p, tol).is_equilibrium)
            method = (f"grid fallback: {len(cands)} candidate(s), {len(found)} certified by the "
                      "continuum oracle (not exhaustive)")
        ranks = None
        if len(found) == 1:
            ranks = bool(np.all(contest.ranks(found[0]) == np.arange(1, n + 1)))
        return PureAnalysis("undecided", found, ranks, None, np.full(n - 1, np.nan),
                            method, hyp,
                            f"Lemma A needs {', '.join(failed)}; these fail, so non-zero PNE are "
                            "possible. Candidates come from a grid enumeration (e.g. "
                            "benchgame.games.leaderboard.discretized), each re-checked with "
                            "pne_test.",
                            delta, tol)
    if c3 is None:
        c3 = contest.family.c3_certificate(contest.theta)
        basis = "proved (structural)"
    elif hasattr(c3, "holds") and hasattr(c3, "method"):  # an AssumptionCheck
        basis = "proved (symbolic)" if c3.method == "symbolic" else f"{c3.method} (grid check)"
        c3 = c3.holds and (c3.certificate.get("structural") or f"C3 {c3.method} check")
    else:
        basis = "given by the caller"
    hyp["c3_basis"] = basis if c3 else "not certified"
    c3_ok = bool(c3) and contest.cost.convex and contest.family.strictly_increasing(contest.theta)
    hyp["c3"] = c3 if isinstance(c3, str) else bool(c3)
    hyp["convex_cost"] = bool(contest.cost.convex)
    R = contest.rewards.values
    zero = np.zeros(n)
    if c3_ok:
        ereq = adjacent_catch_up(contest)
        J = contest.cost(np.where(np.isfinite(ereq), ereq, 0.0))
        J = np.where(np.isfinite(ereq), J, np.inf)
        G = contest.rewards.gaps
        margins = J - G
        method = f"Lemma A + Lemma C (adjacent pairs, C3 {basis})"
        if np.all(margins >= -tol * np.maximum(1.0, np.abs(G))):
            return PureAnalysis("unique", (zero,), True, None, margins, method, hyp,
                                "all adjacent just-overtake costs J_r >= reward gaps G_r",
                                delta, tol)
        j = int(np.argmin(margins))
        w = StabilityWitness(j + 1, j, float(ereq[j]), float(J[j]), float(G[j]))
        return PureAnalysis("none", (), None, w, margins, method, hyp,
                            f"J_{j + 2} = {J[j]:.6g} < G_{j + 2} = {G[j]:.6g}: developer {j + 1} "
                            f"overtakes developer {j} profitably (Theorem 4.6b corrected)",
                            delta, tol)
    M = catch_up_matrix(contest).lower
    costs = np.where(np.isfinite(M), contest.cost(np.where(np.isfinite(M), M, 0.0)), np.inf)
    gain = R[None, :] - R[:, None]              # [r, k] = R_k - R_r
    slack = np.where(np.tril(np.ones((n, n), bool), -1), costs - gain, np.inf)
    margins = slack.min(axis=1)
    method = "Lemma A + Lemma B (all pairs; C3 not certified)"
    if np.all(slack >= -tol * np.maximum(1.0, np.abs(gain))):
        return PureAnalysis("unique", (zero,), True, None, margins, method, hyp,
                            "c(ebar_{r,k}) >= R_k - R_r for every pair k < r", delta, tol)
    r, k = np.unravel_index(int(np.argmin(slack)), slack.shape)
    w = StabilityWitness(int(r), int(k), float(M[r, k]), float(costs[r, k]), float(gain[r, k]))
    return PureAnalysis("none", (), None, w, margins, method, hyp,
                        f"developer {r} overtakes developer {k} with effort just above "
                        f"{M[r, k]:.6g} at cost {costs[r, k]:.6g} < reward gain "
                        f"{gain[r, k]:.6g}", delta, tol)
