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
with the reason (use the grid enumeration of :mod:`benchgame.games.leaderboard.discretized`);
Lemma B, which needs neither (S) nor C3, still says whether zero effort is a PNE (``zero_pne``).
C1 at the base is read from the family's structure where zero-effort scores round to the same
float (:mod:`~benchgame.games.leaderboard.equilibrium_hypotheses`).

No answer rests on a rounded comparison: ``c(ebar) >= gap`` counts only outside its rounding
bound (:mod:`~benchgame.games.leaderboard.margins`); a near tie is settled in exact arithmetic
where the family, cost and protocol allow it (substitutes, power costs with integer exponent,
tune-before-test), and is ``undecided`` otherwise, with the pair and the numbers in ``reason``.
The exact test of a single profile is
:func:`~benchgame.games.leaderboard.pne_certificate.pne_test`; best-response play is in
:mod:`benchgame.games.leaderboard.dynamics`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from benchgame.core.serialize import html_repr
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.equilibrium_hypotheses import c1_at_base, lemma_a_hypotheses
from benchgame.games.leaderboard.margins import classify_margins, settle_near_ties
from benchgame.games.leaderboard.pne_certificate import DEFAULT_TOL, pne_test
from benchgame.games.leaderboard.thresholds import catch_up

__all__ = [
    "PureAnalysis",
    "StabilityWitness",
    "analyze_pure",
    "c1_at_base",
    "lemma_a_hypotheses",
]


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
    labels : tuple of str, optional
        How the contest names r and k (:meth:`Contest.label`: quoted names, or 1-based
        numbers by capability).

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6.
    """

    r: int
    k: int
    catch_up: float
    cost: float
    reward_gap: float
    labels: tuple[str, str] | None = None

    @property
    def gain(self) -> float:
        """``reward_gap - cost``: the supremum gain of the deviation."""
        return self.reward_gap - self.cost

    def to_dict(self) -> dict:
        """The witness as a JSON-ready dictionary."""
        r, k = self.labels or (str(self.r + 1), str(self.k + 1))
        return {"r": self.r, "k": self.k, "catch_up": self.catch_up, "cost": self.cost,
                "reward_gap": self.reward_gap, "gain": self.gain,
                "summary": f"developer {r} overtakes {k}: cost {self.cost:.6g} < reward gain "
                           f"{self.reward_gap:.6g}"}


Status = Literal["unique", "none", "undecided"]


@dataclass(frozen=True)
class PureAnalysis:
    """Existence/uniqueness of pure equilibria of one contest (continuum, no grid).

    Parameters
    ----------
    status : {"unique", "none", "undecided"}
        ``unique``: the all-zero profile is the only PNE; ``none``: no PNE exists;
        ``undecided``: Lemma A's hypotheses fail, or some overtaking cost equals its reward gain
        within the rounding bound and exact arithmetic is not available (see ``reason``).
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
        Relative tolerance of the margins.
    zero_pne : bool or None, optional
        Whether the all-zero profile is a PNE (Lemma B; it needs neither (S) nor C3), None when
        that is undecided.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6 and
    Proposition 4.3.
    """

    _repr_html_ = html_repr

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
    zero_pne: bool | None = None

    @property
    def exists(self) -> bool | None:
        """Whether a PNE exists (None when undecided, unless a certified PNE was found)."""
        if self.status == "undecided":
            return True if self.zero_pne or self.equilibria else None
        return self.status == "unique"

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
                "tol": self.tol, "zero_pne": self.zero_pne}


def analyze_pure(contest: Contest, tol: float = DEFAULT_TOL, *, c3: str | bool | None = None,
                 grid_fallback: Callable[[Contest], Sequence[Any]] | None = None
                 ) -> PureAnalysis:
    """Decide existence and uniqueness of a PNE, with a witness, by Lemmas A-C.

    Parameters
    ----------
    contest : Contest
        The contest.
    tol : float, default 1e-9
        Relative tolerance of ``c(ebar) >= gap`` (:func:`~benchgame.games.leaderboard.margins.
        classify_margins`): a comparison counts only when the margin exceeds
        ``tol * max(c(ebar), gap)`` plus the rounding bound of the catch-up effort. Closer
        comparisons are near ties: decided in exact arithmetic when the family, cost and
        protocol allow it (equality means no strict gain: 0 stays a PNE), otherwise the status
        is ``undecided``.
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
        return _without_lemma_a(contest, hyp, tol, grid_fallback)
    basis_c1 = c1_at_base(contest)[1]
    if basis_c1 != "floating point":
        hyp["c1_at_base_basis"] = basis_c1
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
    if c3_ok:
        rr, kk = np.arange(1, n), np.arange(n - 1)
        method = f"Lemma A + Lemma C (adjacent pairs, C3 {basis})"
    else:
        rr, kk = np.tril_indices(n, -1)
        method = "Lemma A + Lemma B (all pairs; C3 not certified)"
    ebar, J, gain, state, settled = _overtakes(contest, rr, kk, tol)
    if c3_ok:
        margins = J - gain
    else:
        margins = np.full(n, np.inf)
        np.minimum.at(margins, rr, J - gain)
    if settled:
        method += f"; {settled} near tie(s) decided in exact arithmetic"
    if np.any(state < 0):
        bad = np.flatnonzero(state < 0)
        i = int(bad[np.argmin((J - gain)[bad])])
        r, k = int(rr[i]), int(kk[i])
        lr, lk = contest.label(r), contest.label(k)
        w = StabilityWitness(r, k, float(ebar[i]), float(J[i]), float(gain[i]), (lr, lk))
        why = (f"J_{r + 1} = {J[i]:.10g} < G_{r + 1} = {gain[i]:.10g}: developer {lr} overtakes "
               f"{lk} profitably (Theorem 4.6b corrected)" if c3_ok else
               f"developer {lr} overtakes {lk} with effort just above {ebar[i]:.10g} at "
               f"cost {J[i]:.10g} < reward gain {gain[i]:.10g}")
        return PureAnalysis("none", (), None, w, margins, method, hyp, why, delta, tol, False)
    if np.any(state == 0):
        i = int(np.flatnonzero(state == 0)[0])
        return PureAnalysis(
            "undecided", (), None, None, margins, method, hyp,
            f"near tie: developer {contest.label(int(rr[i]))} overtaking "
            f"{contest.label(int(kk[i]))} costs "
            f"{J[i]:.17g} against a reward gain of {gain[i]:.17g}, equal within the rounding "
            f"bound (relative tolerance {tol:g} and the catch-up effort's error bound), and "
            "exact arithmetic is not available for this family, cost and protocol: whether "
            "zero effort is an equilibrium (equality: it is) cannot be decided", delta, tol)
    why = ("all adjacent just-overtake costs J_r >= reward gaps G_r" if c3_ok else
           "c(ebar_{r,k}) >= R_k - R_r for every pair k < r")
    return PureAnalysis("unique", (np.zeros(n),), True, None, margins, method, hyp, why, delta,
                        tol, True)


def _overtakes(contest: Contest, rr: np.ndarray, kk: np.ndarray, tol: float
               ) -> tuple[np.ndarray, ...]:
    """Catch-up efforts, costs, gains and certified states of the overtakes ``rr -> kk`` from
    zero effort, near ties settled exactly where possible (``settled`` counts them)."""
    cu = catch_up(contest, rr, kk)
    R = contest.rewards.values
    gain = R[kk] - R[rr]
    state, J = classify_margins(contest.cost, cu.effort, cu.error, gain, tol)
    state, settled = settle_near_ties(contest, rr, kk, state)
    return cu.effort, J, gain, state, settled


def _without_lemma_a(contest: Contest, hyp: dict, tol: float,
                     grid_fallback: Callable[[Contest], Sequence[Any]] | None) -> PureAnalysis:
    """``undecided``: some hypothesis of Lemma A fails. Lemma B still decides whether zero
    effort is a PNE when ties and C1 at the base hold; candidates come from ``grid_fallback``."""
    n = contest.n
    failed = [k for k, v in hyp.items() if not v]
    found: tuple[np.ndarray, ...] = ()
    method = "none (Lemma A not applicable)"
    if grid_fallback is not None:
        cands = [np.asarray(p, float) for p in grid_fallback(contest)]
        found = tuple(p for p in cands if pne_test(contest, p, tol).is_equilibrium)
        method = (f"grid fallback: {len(cands)} candidate(s), {len(found)} certified by the "
                  "continuum oracle (not exhaustive)")
    zero_pne = None
    if hyp["capability_ties"] and hyp["c1_at_base"]:
        rr, kk = np.tril_indices(n, -1)
        state = _overtakes(contest, rr, kk, tol)[3]
        zero_pne = None if np.any(state == 0) and not np.any(state < 0) else bool(
            np.all(state > 0))
        method += "; Lemma B decides the all-zero profile"
        if zero_pne and not any(np.all(p == 0) for p in found):
            found = (np.zeros(n), *found)
    ranks = None
    if len(found) == 1:
        ranks = bool(np.all(contest.ranks(found[0]) == np.arange(1, n + 1)))
    why = f"Lemma A needs {', '.join(failed)}; these fail, so non-zero PNE are possible. "
    if not hyp["c1_at_base"]:
        basis = c1_at_base(contest)[1]
        why += basis[0].upper() + basis[1:] + ". "
    why += ("Candidates come from a grid enumeration (e.g. "
            "benchgame.games.leaderboard.discretized), each re-checked with pne_test.")
    return PureAnalysis("undecided", found, ranks, None, np.full(n - 1, np.nan), method, hyp,
                        why, contest.delta, tol, zero_pne)
