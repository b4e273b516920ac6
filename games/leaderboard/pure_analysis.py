"""Pure Nash equilibria of the leaderboard contest in the continuum (spec 5.2 steps 3-5).

* :func:`pne_test`: is a given profile a PNE? Certificate: the per-player regret vector from the
  exact best-response oracle.
* :func:`analyze_pure`: existence and uniqueness without a grid, using the corrected theorems
  (spec 3.5, [PROVED]):

  - **Lemma A.** Under (S), continuity, C1 at the protocol's base training and capability ties,
    every PNE is the all-zero profile.
  - **Lemma B.** 0 is a PNE iff ``c(ebar_{r,k}) >= R_k - R_r`` for all k < r (``inf >= anything``).
  - **Lemma C.** Under C3, strictly increasing scores and convex c, the adjacent conditions
    ``J_r = c(e_req_r) >= G_r`` imply all of Lemma B: O(n).

  When C3 is not certified the full Lemma B matrix is used (O(n^2), still exact). When (S),
  capability ties or C1 at the base fail, Lemma A does not apply and the answer is
  ``undecided`` with the reason (use the grid enumeration of
  :mod:`benchgame.games.leaderboard.discretized`).
* :func:`best_response_dynamics`: sequential best-response play (illustration only) with cycle
  detection; a fixed point is reported as a PNE only after :func:`pne_test`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from benchgame.core.validation import require
from benchgame.games.leaderboard.best_response import BestResponse, best_response
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.thresholds import adjacent_catch_up, catch_up_matrix

__all__ = [
    "Dynamics",
    "PNETest",
    "PureAnalysis",
    "StabilityWitness",
    "analyze_pure",
    "best_response_dynamics",
    "lemma_a_hypotheses",
    "pne_test",
]

DEFAULT_TOL = 1e-9


@dataclass(frozen=True)
class PNETest:
    """Certificate of the PNE test of one profile.

    ``gaps[i] = sup_e u_i(e, e_-i) - u_i(profile) >= 0``; the profile is a PNE iff every gap is
    ``<= tol``.
    """

    efforts: np.ndarray
    gaps: np.ndarray
    best_responses: tuple[BestResponse, ...]
    is_equilibrium: bool
    tol: float

    def to_dict(self) -> dict:
        return {"efforts": self.efforts.tolist(), "gaps": self.gaps.tolist(),
                "is_equilibrium": self.is_equilibrium, "tol": self.tol,
                "best_responses": [b.to_dict() for b in self.best_responses]}


def pne_test(contest: Contest, efforts: Any, tol: float = DEFAULT_TOL) -> PNETest:
    """Exact PNE test of ``efforts`` (spec 5.2 step 3): ``u_i >= sup-deviation_i - tol``."""
    e = contest._efforts(efforts)
    require(e.ndim == 1, "efforts", "must be one profile of shape (n,)")
    brs = tuple(best_response(contest, e, i) for i in range(contest.n))
    gaps = np.array([b.gap for b in brs])
    return PNETest(e.copy(), gaps, brs, bool(np.all(gaps <= tol)), float(tol))


def lemma_a_hypotheses(contest: Contest) -> dict[str, bool]:
    """The hypotheses of Lemma A checked exactly: (S), capability ties, and C1 at the
    protocol's base training (zero-effort scores strictly decreasing in the capability order)."""
    a = contest.zero_scores()
    capability_ties = contest.tie == "capability" or (
        contest.tie == "index" and (contest.priority is None
                                    or bool(np.all(contest.priority == np.arange(contest.n)))))
    return {"strict_cost": bool(contest.cost.strict), "capability_ties": capability_ties,
            "c1_at_base": bool(np.all(np.diff(a) < 0))}


@dataclass(frozen=True)
class StabilityWitness:
    """A profitable deviation from the all-zero profile (Lemma B fails for the pair (r, k)).

    Developer ``r`` (0-based) overtakes ``k < r``: catch-up effort ``catch_up``, cost
    ``cost = c(catch_up)`` below the reward gain ``reward_gap = R_k - R_r``; the deviation gain is
    ``gain = reward_gap - cost > 0`` (a supremum, approached by exceeding ``catch_up``).
    """

    r: int
    k: int
    catch_up: float
    cost: float
    reward_gap: float

    @property
    def gain(self) -> float:
        return self.reward_gap - self.cost

    def to_dict(self) -> dict:
        return {"r": self.r, "k": self.k, "catch_up": self.catch_up, "cost": self.cost,
                "reward_gap": self.reward_gap, "gain": self.gain}


Status = Literal["unique", "none", "undecided"]


@dataclass(frozen=True)
class PureAnalysis:
    """Existence/uniqueness of pure equilibria of one contest (continuum, no grid).

    Attributes
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
    hypotheses : dict
        What was certified (strict cost, ties, C1 at base, C3 with its reason, convexity).
    reason : str
    delta : float
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
        return None if self.status == "undecided" else self.status == "unique"

    @property
    def is_unique(self) -> bool | None:
        return None if self.status == "undecided" else self.status == "unique"

    def to_dict(self) -> dict:
        return {"status": self.status, "equilibria": [e.tolist() for e in self.equilibria],
                "ranks_by_capability": self.ranks_by_capability,
                "witness": None if self.witness is None else self.witness.to_dict(),
                "margins": self.margins.tolist(), "method": self.method,
                "hypotheses": self.hypotheses, "reason": self.reason, "delta": self.delta,
                "tol": self.tol}


def analyze_pure(contest: Contest, tol: float = DEFAULT_TOL, *, c3: str | bool | None = None,
                 grid_fallback: Callable[[Contest], Sequence[Any]] | None = None
                 ) -> PureAnalysis:
    """Decide existence and uniqueness of a PNE (spec 5.2 step 4) with a witness.

    Parameters
    ----------
    contest : Contest
    tol : float
        Relative tolerance for ``c(ebar) >= gap``: accepted when
        ``c(ebar) >= gap - tol * max(1, gap)`` (equality means no strict gain: 0 stays a PNE).
    c3 : AssumptionCheck, str, bool or None
        Evidence for C3. ``None`` asks the family for a structural proof
        (:meth:`ScoreFamily.c3_certificate`); an :class:`~benchgame.games.leaderboard.assumptions.
        AssumptionCheck` from :func:`~benchgame.games.leaderboard.assumptions.check_c3` counts as
        proved when symbolic and as numeric (valid on its grid) otherwise; a string or True is the
        caller's certificate; ``False`` forces the full Lemma B check. The basis is recorded in
        ``hypotheses["c3_basis"]`` and in ``method``.
    grid_fallback : callable ``contest -> sequence of profiles``, optional
        Used only when Lemma A does not apply (spec 5.2 step 4, last case): candidate profiles
        (e.g. the pure equilibria of a discretized game). Each is re-checked with
        :func:`pne_test`; the certified ones are returned in ``equilibria`` while the status
        stays ``undecided`` (a grid search is not exhaustive over the continuum).

    Returns
    -------
    PureAnalysis
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


@dataclass(frozen=True)
class Dynamics:
    """Result of :func:`best_response_dynamics`.

    ``path`` holds the profiles visited (one row per single-player move). ``cycle_length`` is
    the period (in moves) when a profile repeats, ``converged`` means a profile at which no
    player moved in a full round; ``certified_pne`` is the :func:`pne_test` verdict for it.
    """

    path: np.ndarray
    converged: bool
    cycle_length: int | None
    cycle_start: int | None
    certified_pne: bool | None
    step: float

    def to_dict(self) -> dict:
        return {"path": self.path.tolist(), "converged": self.converged,
                "cycle_length": self.cycle_length, "cycle_start": self.cycle_start,
                "certified_pne": self.certified_pne, "step": self.step}


def best_response_dynamics(contest: Contest, start: Any = None, *, step: float = 0.05,
                           max_moves: int = 10_000, tol: float = DEFAULT_TOL) -> Dynamics:
    """Round-robin best-response play (spec 5.2 step 5).

    A player whose regret exceeds ``tol`` moves to its best response if attained, else to the
    smallest multiple of ``step`` strictly above the infimum ("exceed by one step", the effort
    grid of spec 5.3). Stops at a repeated profile (cycle) or a full round without moves (the
    fixed point is then checked with :func:`pne_test`, never assumed to be a PNE).
    """
    require(step > 0, "step", f"is {step}", "use a positive effort step")
    n = contest.n
    e = np.zeros(n) if start is None else contest._efforts(start).astype(float).copy()
    seen: dict[tuple, int] = {tuple(np.round(e, 12)): 0}
    path = [e.copy()]
    idle = 0
    moves = 0
    i = n - 1
    while moves < max_moves:
        br = best_response(contest, e, i)
        if br.gap > tol:
            if br.attained:
                e[i] = br.effort
            else:
                e[i] = step * (np.floor(br.effort / step + 1e-9) + 1.0)
            moves += 1
            idle = 0
            path.append(e.copy())
            key = tuple(np.round(e, 12))
            if key in seen:
                return Dynamics(np.array(path), False, moves - seen[key], seen[key], None, step)
            seen[key] = moves
        else:
            idle += 1
            if idle >= n:
                cert = pne_test(contest, e, tol).is_equilibrium
                return Dynamics(np.array(path), True, None, None, cert, step)
        i = (i - 1) % n
    return Dynamics(np.array(path), False, None, None, None, step)
