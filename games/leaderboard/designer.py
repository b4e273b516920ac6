"""The designer's Stackelberg choice of the tune-before-test level.

The designer (leader) commits to a protocol; the developers then play the subgame ``G(Delta)``.
The designer's objective is taken to be the smallest level at which the subgame has a unique pure
equilibrium ranking the developers by capability,

    Delta_opt = min{Delta >= 0 : G(Delta) has a unique PNE and it ranks by capability},

a reconstruction: Chen, Zhang and Hardt (2026) show that tune-before-test induces such an
equilibrium, but their exact designer utility is not available to us. Under (S), capability
ties, convex cost, C1 and C3 the stable levels form the up-set ``[Delta*, inf)`` (Proposition 5.3
and the corrected Theorem 4.6), so ``Delta_opt = Delta*`` of
:func:`~benchgame.games.leaderboard.stabilizing.stabilizing_threshold`, confirmed by
:func:`~benchgame.games.leaderboard.pure_analysis.analyze_pure`. Without the monotonicity
certificate the levels are scanned.

The catch-up curves and thresholds live in :mod:`~benchgame.games.leaderboard.catch_up_curves`,
:mod:`~benchgame.games.leaderboard.stabilizing` and
:mod:`~benchgame.games.leaderboard.logit_thresholds`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.pure_analysis import PureAnalysis, analyze_pure
from benchgame.games.leaderboard.stabilizing import (
    DEFAULT_DELTA_MAX,
    PairThreshold,
    StabilizingThreshold,
    stabilizing_threshold,
)

__all__ = ["DesignerChoice", "designer_choice"]


@dataclass(frozen=True)
class DesignerChoice:
    """The designer's Stackelberg choice ``Delta_opt`` (module docstring).

    Parameters
    ----------
    delta : float or None
        ``Delta_opt``; None when no such level exists (``never`` lists the pairs that never
        stabilize) or when it cannot be certified (``reason`` says why).
    exists : bool or None
        Whether a stabilizing level exists (None when undecided).
    analysis : PureAnalysis or None
        The equilibrium analysis at the chosen level.
    threshold : StabilizingThreshold
        The stabilizing thresholds of the adjacent pairs.
    never : tuple of PairThreshold
        Pairs that never stabilize.
    reason : str
        The verdict in words.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Proposition 5.3 and
    Theorem 4.6.
    """

    delta: float | None
    exists: bool | None
    analysis: PureAnalysis | None
    threshold: StabilizingThreshold
    never: tuple[PairThreshold, ...]
    reason: str

    def to_dict(self) -> dict:
        """The choice as a JSON-ready dictionary."""
        return {"delta": self.delta, "exists": self.exists,
                "analysis": None if self.analysis is None else self.analysis.to_dict(),
                "threshold": self.threshold.to_dict(),
                "never": [p.to_dict() for p in self.never], "reason": self.reason}


def designer_choice(contest: Contest, *, delta_max: float = DEFAULT_DELTA_MAX,
                    tol: float = 1e-9, monotone: bool | None = None,
                    c3: str | bool | None = None) -> DesignerChoice:
    """Smallest level with a unique PNE ranking by capability, or "none exists".

    Under (S), capability ties, convex cost, C3 and C1 the set of such levels is
    ``[Delta*, inf)`` (Proposition 5.3 and the corrected Theorem 4.6), so the answer is
    ``Delta*``, confirmed by :func:`~benchgame.games.leaderboard.pure_analysis.analyze_pure` just
    above that level.

    Parameters
    ----------
    contest : Contest
        The contest; its protocol is moved to each level with ``at_level``.
    delta_max : float, default 1e12
        Largest level searched.
    tol : float, default 1e-9
        Relative tolerance of the threshold and equilibrium tests.
    monotone : bool or None, optional
        Monotonicity certificate of ``e_req`` in Delta (default: the family's structural C3
        certificate and strictly increasing scores).
    c3 : str, bool or None, optional
        C3 certificate passed to ``analyze_pure`` (default: the family's structural one).

    Returns
    -------
    DesignerChoice
        The level, or None with the pairs that never stabilize or the reason it is undecided.
        A level is reported only with its certificate: the equilibrium analysis certifies a
        unique PNE at the top of every pair's bracket (stated in ``reason``); pairs whose
        threshold cannot be resolved in floating point make the answer undecided
        (``exists=None``), never a finite level.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Proposition 5.3,
    Theorem 4.6 and Proposition 5.6.

    Examples
    --------
    >>> import numpy as np
    >>> from benchgame.games.leaderboard import Contest, GeneralizedLogit, PowerCost
    >>> from benchgame.games.leaderboard import Substitutes, designer_choice
    >>> fam = GeneralizedLogit([1.0, 0.0], [np.log(2.0), 0.0], 1.0)
    >>> choice = designer_choice(Contest([1.0, 0.0], fam, PowerCost(1.0), [2.0, 0.0]))
    >>> round(choice.delta, 9), choice.exists, choice.analysis.status
    (1.0, True, 'unique')

    With substitutes the catch-up effort does not depend on Delta, so no level helps:

    >>> choice = designer_choice(Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0]))
    >>> choice.delta, choice.exists, [p.r for p in choice.never]
    (None, False, [1])
    """
    st = stabilizing_threshold(contest, delta_max=delta_max, tol=tol, monotone=monotone)
    if not st.monotone_certified:
        return _choice_by_scan(contest, st, delta_max, tol, c3)
    if st.never:
        return DesignerChoice(None, False, None, st, st.never,
                              f"{len(st.never)} adjacent pair(s) never stabilize: "
                              + "; ".join(f"r={p.r}: {p.reason}" for p in st.never))
    if st.undecided:
        return DesignerChoice(None, None, None, st, (),
                              f"{len(st.undecided)} adjacent pair(s) undecided: "
                              + "; ".join(f"r={p.r}: {p.reason}" for p in st.undecided))
    level = st.delta_star
    # certified level: every pair is certified stable at the top of its bracket
    top = max((p.bracket[1] for p in st.pairs if p.bracket is not None), default=0.0)
    lows = [p.bracket[0] for p in st.pairs if p.bracket is not None and p.delta_star == level]
    res = analyze_pure(contest.at_level(top), tol, c3=c3)
    if res.status == "unique" and res.ranks_by_capability:
        cert = (f" (certified: unique at Delta = {top:.10g}" + (
            f", not at Delta = {lows[0]:.10g})" if lows and lows[0] < level else ")"))
        return DesignerChoice(level, True, res, st, (),
                              f"unique PNE (all-zero) ranking by capability for Delta >= "
                              f"{level:.6g}{cert}")
    if res.status == "undecided":
        return DesignerChoice(None, None, res, st, (), "cannot certify the equilibrium at "
                              f"Delta = {top:.10g}: {res.reason}")
    return DesignerChoice(None, False, res, st, (),
                          f"at Delta* = {level:.6g} a non-adjacent pair still overtakes "
                          f"({res.reason}); C3 fails, adjacent thresholds do not suffice")


def _stable_at(contest: Contest, level: float, tol: float, c3: str | bool | None
               ) -> tuple[bool, PureAnalysis]:
    res = analyze_pure(contest.at_level(level), tol, c3=c3)
    return res.status == "unique" and bool(res.ranks_by_capability), res


def _unstable_above(contest: Contest, levels: np.ndarray, tol: float,
                    c3: str | bool | None) -> str:
    """The first level of ``levels`` certified to have no PNE, as a clause ('' if none)."""
    for level in levels:
        res = analyze_pure(contest.at_level(float(level)), tol, c3=c3)
        if res.status == "none":
            return (f"; at Delta = {float(level):.6g} there is no pure equilibrium "
                    f"({res.reason}), so the stable levels are not an up-set")
    return ""


def _choice_by_scan(contest: Contest, st: StabilizingThreshold, delta_max: float, tol: float,
                    c3: str | bool | None) -> DesignerChoice:
    """Without the Prop 5.3 certificate the stable levels need not form an up-set: scan a
    Delta grid for the first certified stable level, then bisect against the previous grid
    level. Levels whose analysis is undecided make a negative answer undecided too."""
    grid = np.concatenate([[0.0], np.geomspace(1e-3, delta_max, 400)])
    prev = None
    undecided: list[float] = []
    for level in grid:
        ok, res = _stable_at(contest, float(level), tol, c3)
        if ok:
            lo, hi = (float(prev), float(level)) if prev is not None else (0.0, 0.0)
            while hi - lo > 1e-12 * max(1.0, hi):
                mid = 0.5 * (lo + hi)
                if _stable_at(contest, mid, tol, c3)[0]:
                    hi = mid
                else:
                    lo = mid
            ok_hi, res_hi = _stable_at(contest, hi, tol, c3)
            return DesignerChoice(hi, True, res_hi if ok_hi else res, st, (),
                                  f"unique PNE ranking by capability at Delta = {hi:.6g}, the "
                                  "first such level found by a scan of the Delta grid "
                                  "(grid-based: Proposition 5.3's monotonicity is not certified "
                                  "for this protocol, so smaller stable levels between grid "
                                  "points and instability above are not excluded)"
                                  + _unstable_above(contest, grid[grid > hi], tol, c3))
        if res.status == "undecided":
            undecided.append(float(level))
        prev = level
    never = ("; never-stabilizing pairs: " + "; ".join(f"r={p.r}: {p.reason}" for p in st.never)
             if st.never else "")
    if undecided:
        return DesignerChoice(None, None, None, st, st.never,
                              f"no level in [0, {delta_max:.3g}] (scan of {grid.size} levels) is "
                              "certified to have a unique PNE ranking by capability, but the "
                              f"analysis is undecided at {len(undecided)} level(s) from Delta = "
                              f"{undecided[0]:.6g} on" + never)
    return DesignerChoice(None, False, None, st, st.never,
                          f"no level in [0, {delta_max:.3g}] (scan of {grid.size} levels) has a "
                          "unique PNE ranking by capability" + never)
