"""Optimal mixed-strategy commitment (Stackelberg equilibrium) in bimatrix games.

The leader commits to a mixed strategy :math:`x \\in \\Delta_m`; the follower observes it and
plays a best response :math:`j \\in BR(x) = \\arg\\max_k x^\\top B e_k`. With leader payoffs
``A`` and follower payoffs ``B`` (both ``m x n``):

*Strong Stackelberg* (the follower breaks ties in the leader's favour). Conitzer & Sandholm
(2006, "Computing the optimal strategy to commit to", EC'06) solve one LP per follower action
``j``:

.. math::

    V_j = \\max_{x \\in \\Delta_m} x^\\top A e_j
    \\quad \\text{s.t.} \\quad x^\\top B e_j \\ge x^\\top B e_k \\;\\; \\forall k,

(infeasible when ``j`` is never a best response); the value is :math:`\\max_j V_j`, attained.

*Weak Stackelberg* (the follower breaks ties against the leader): the value is
:math:`\\sup_x \\min_{k \\in BR(x)} x^\\top A e_k`, which in general is a supremum that is not
attained (von Stengel & Zamir 2010, "Leadership games with convex strategy sets"). Group the
follower's actions into classes ``C`` of identical columns of ``B`` (the follower is indifferent
inside a class everywhere). Where the best-response set is exactly one class, the strict region
:math:`P_C = \\{x : x^\\top B e_c > x^\\top B e_k\\ \\forall k \\notin C\\}` is open in the
simplex, and the union of the non-empty :math:`P_C` is dense (tie sets between different classes
lie in proper hyperplanes). By continuity every commitment is dominated by a limit of points in
some :math:`P_C` on which the follower plays inside ``C``, hence

.. math::

    V^{weak} = \\max_{C:\\ P_C \\neq \\emptyset}\\ \\max_{x \\in \\overline{P_C}}
               \\min_{k \\in C} x^\\top A e_k ,

one LP per class (plus one LP per class testing :math:`P_C \\ne \\emptyset` by maximising the
margin ``s`` in :math:`x^\\top (B e_c - B e_k) \\ge s`). The supremum is *attained* when some
optimal commitment lies in :math:`P_C` (a second-stage LP maximises the margin over the optimal
face, and a margin above :math:`\\sqrt{\\mathrm{tol}} \\cdot \\mathrm{range}(B)` counts as
strict, so that LP round-off cannot fake it) or when the optimal boundary point still gives the
leader the value under the adversarial tie-break; otherwise the result says ``attained=False``
and gives the commitment
:math:`x_\\varepsilon = (1-\\varepsilon) x^* + \\varepsilon x^\\circ` (``x°`` the max-margin point
of :math:`P_C`), which lies in :math:`P_C` and guarantees a leader value within
:math:`O(\\varepsilon)` of the supremum.

Every LP is solved by ``scipy.optimize.linprog(method="highs")`` (the LPs and their records
are in :mod:`benchgame.games.stackelberg_lp`); a status other than optimal (or infeasible, for
the region tests) raises :class:`SolverError`. The certificate is the follower's best-response
slack :math:`x^\\top B e_j - \\max_k x^\\top B e_k \\ge -\\mathrm{tol}` and the leader's value
bound, the maximum of the value LPs' dual objectives (for strong tie-breaking an upper bound on
every commitment value, for weak on the weak value).

References
----------
Conitzer, V. and Sandholm, T. (2006). Computing the optimal strategy to commit to. In
*Proceedings of the 7th ACM Conference on Electronic Commerce (EC'06)*, 82-90.

von Stengel, B. and Zamir, S. (2010). Leadership games with convex strategy sets. *Games and
Economic Behavior* 69(2), 446-457.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from benchgame.core.validation import require
from benchgame.games.normal_form import NormalFormGame
from benchgame.games.stackelberg_lp import (
    LPRecord,
    SolverError,
    _clean,
    _follower_classes,
    _margin_lp,
    _value_lp,
)

__all__ = ["LPRecord", "SolverError", "StackelbergResult", "stackelberg"]

_TIE_BREAKING = ("strong", "weak")


@dataclass(frozen=True, eq=False)
class StackelbergResult:
    """Optimal commitment with its certificate, as returned by :func:`stackelberg`.

    Parameters
    ----------
    leader : int
        Index of the leading player in the game (0 = row player).
    tie_breaking : str
        ``"strong"`` or ``"weak"``.
    leader_strategy : ndarray
        The optimal commitment ``x*`` (for a weak value that is not attained: the limit point).
    follower_action : int
        The follower's response at ``x*`` (strong: the favourable one; weak: the action of the
        class the follower plays along the approaching commitments).
    leader_value : float
        Strong: :math:`\\max_j V_j`. Weak: the supremum :math:`V^{weak}`.
    follower_value : float
        :math:`x^{*\\top} B e_j`.
    attained : bool
        Whether some commitment achieves ``leader_value`` under the tie-breaking rule (always
        true for strong).
    perturbed_strategy : ndarray
        A commitment inside the strict best-response region that guarantees
        ``perturbed_value`` (equals ``leader_strategy`` when attained).
    perturbed_value : float
        Leader's guaranteed payoff at ``perturbed_strategy`` under adversarial tie-breaking
        (strong: the favourable one).
    epsilon : float
        Perturbation weight used for ``perturbed_strategy``.
    follower_slack : float
        :math:`x^{*\\top} B e_j - \\max_k x^{*\\top} B e_k` (``<= 0``; ``>= -tol * range(B)``
        certifies the follower's best response).
    leader_value_bound : float
        Max of the dual objectives of the value LPs solved: an upper bound on ``leader_value``
        (for strong tie-breaking, on the value of every commitment).
    lps : tuple of LPRecord
        Every LP solved, with status.
    tol : float
        Relative tolerance (fraction of the payoff range) for the certificate checks.
    certified : bool
        ``follower_slack >= -tol * range(B)`` and ``leader_value <= leader_value_bound +
        tol * range(A)``.
    method : str, default "multiple_lps"
        The algorithm: one LP per follower action or class (Conitzer and Sandholm 2006).

    Examples
    --------
    >>> r = stackelberg([[2, 4], [1, 3]], [[1, 0], [0, 1]], tie_breaking="weak")
    >>> r.attained, round(r.leader_value, 6), r.certified
    (False, 3.5, True)
    >>> r.perturbed_strategy.round(7).tolist(), round(r.perturbed_value, 7)
    ([0.4999995, 0.5000005], 3.4999995)
    """

    leader: int
    tie_breaking: str
    leader_strategy: np.ndarray
    follower_action: int
    leader_value: float
    follower_value: float
    attained: bool
    perturbed_strategy: np.ndarray
    perturbed_value: float
    epsilon: float
    follower_slack: float
    leader_value_bound: float
    lps: tuple[LPRecord, ...]
    tol: float
    certified: bool
    method: str = "multiple_lps"

    def to_dict(self) -> dict:
        """The result as a JSON-ready dictionary (arrays as lists, LPs as dictionaries)."""
        return {
            "leader": self.leader, "tie_breaking": self.tie_breaking,
            "leader_strategy": self.leader_strategy.tolist(),
            "follower_action": self.follower_action, "leader_value": self.leader_value,
            "follower_value": self.follower_value, "attained": self.attained,
            "perturbed_strategy": self.perturbed_strategy.tolist(),
            "perturbed_value": self.perturbed_value, "epsilon": self.epsilon,
            "follower_slack": self.follower_slack,
            "leader_value_bound": self.leader_value_bound,
            "lps": [lp.to_dict() for lp in self.lps], "tol": self.tol,
            "certified": self.certified, "method": self.method,
        }


def stackelberg(
    game: NormalFormGame | Any,
    B: Any | None = None,
    *,
    leader: int = 0,
    tie_breaking: str = "strong",
    tol: float = 1e-7,
    epsilon: float = 1e-6,
) -> StackelbergResult:
    """Optimal mixed commitment of the leader in a bimatrix game.

    Solves one LP per follower action (strong tie-breaking, Conitzer and Sandholm 2006) or, for
    weak tie-breaking, one region LP and one value LP per class of identical follower columns,
    and certifies the answer by the follower's best-response slack and the LPs' dual bound.

    Parameters
    ----------
    game : NormalFormGame or array_like
        A two-player game, or the leader's payoff matrix ``A`` (then give ``B``).
    B : array_like, optional
        The follower's payoff matrix when ``game`` is a matrix.
    leader : {0, 1}
        Which player commits (for a ``NormalFormGame``); 1 makes the column player lead.
    tie_breaking : {"strong", "weak"}
        ``"strong"``: the follower breaks ties in the leader's favour; ``"weak"``: against him.
    tol : float
        Relative tolerance (fraction of the payoff ranges) for the certificate and for
        grouping identical follower columns.
    epsilon : float
        Weight of the interior point in the perturbed commitment (weak, when not attained).

    Returns
    -------
    StackelbergResult
        The optimal commitment (or, for a weak value that is not attained, its limit point and
        a perturbed commitment within ``O(epsilon)``), the follower's response, both values,
        every LP solved and the certificate.

    Raises
    ------
    benchgame.core.validation.InputError
        On a non-two-player game, bad matrices or an unknown ``tie_breaking``.
    SolverError
        When HiGHS fails on an LP (status other than optimal/infeasible).

    References
    ----------
    Conitzer, V. and Sandholm, T. (2006). Computing the optimal strategy to commit to. In
    *Proceedings of the 7th ACM Conference on Electronic Commerce (EC'06)*, 82-90.

    von Stengel, B. and Zamir, S. (2010). Leadership games with convex strategy sets. *Games and
    Economic Behavior* 69(2), 446-457.

    Examples
    --------
    The follower matches the leader's row; committing to ``(1/2, 1/2)`` makes him indifferent,
    and breaking the tie for the leader gives her 3.5 (versus 2 in the pure equilibrium):

    >>> r = stackelberg([[2, 4], [1, 3]], [[1, 0], [0, 1]])
    >>> round(r.leader_value, 6), r.leader_strategy.round(6).tolist(), r.follower_action
    (3.5, [0.5, 0.5], 1)
    >>> r.attained, r.certified
    (True, True)

    With ties broken against the leader, 3.5 is a supremum that is not attained; the perturbed
    commitment guarantees it up to ``epsilon``:

    >>> w = stackelberg([[2, 4], [1, 3]], [[1, 0], [0, 1]], tie_breaking="weak")
    >>> w.attained, round(w.leader_value, 6), round(w.perturbed_value, 7)
    (False, 3.5, 3.4999995)
    """
    require(tie_breaking in _TIE_BREAKING, "tie_breaking", f"is {tie_breaking!r}",
            "use 'strong' (ties broken for the leader) or 'weak' (ties broken against him)")
    require(tol >= 0, "tol", f"is {tol}, negative", "give a tolerance >= 0")
    require(0 < epsilon < 1, "epsilon", f"is {epsilon}", "give a perturbation in (0, 1)")
    if isinstance(game, NormalFormGame):
        require(B is None, "B", "is given together with a NormalFormGame",
                "pass either a game or the two matrices")
        require(leader in (0, 1), "leader", f"is {leader}", "use 0 (row) or 1 (column)")
        A_, B_ = game.bimatrix()
        if leader == 1:
            A_, B_ = B_.T, A_.T
    else:
        require(B is not None, "B", "is missing", "give the follower's payoff matrix B")
        g = NormalFormGame.from_bimatrix(game, B)
        A_, B_ = g.bimatrix()
    A_ = np.asarray(A_, dtype=float)
    B_ = np.asarray(B_, dtype=float)
    n = B_.shape[1]
    scale_a = float(np.ptp(A_)) or 1.0
    scale_b = float(np.ptp(B_)) or 1.0
    all_actions = np.arange(n)

    lps: list[LPRecord] = []
    if tie_breaking == "strong":
        best: tuple[float, int, np.ndarray] | None = None
        for j in range(n):
            rec, x = _value_lp(A_, B_, (j,), np.delete(all_actions, j))
            lps.append(rec)
            if x is not None and (best is None or rec.value > best[0] + tol * scale_a):
                best = (rec.value, j, x)
        if best is None:  # impossible in exact arithmetic: some action is always a best reply
            raise SolverError("every commitment LP was reported infeasible; rescale the payoffs "
                              "to a range near 1 and retry")
        value, j, x = best
        attained, x_eps, value_eps = True, x, float(x @ A_[:, j])
    else:
        best_w: tuple[float, tuple[int, ...], np.ndarray, np.ndarray] | None = None
        for cls in _follower_classes(B_, tol * scale_b):
            others = np.setdiff1d(all_actions, cls)
            if len(others):
                margin, x_int = _margin_lp(A_, B_, cls, others, None)
                lps.append(LPRecord(cls, "region", "optimal" if x_int is not None
                                    else "infeasible", None if x_int is None else margin, None))
                if x_int is None or margin <= tol * scale_b:
                    continue  # the follower never plays this class strictly
            else:
                x_int = np.full(A_.shape[0], 1.0 / A_.shape[0])
            rec, x = _value_lp(A_, B_, cls, others)
            lps.append(rec)
            if x is not None and (best_w is None or rec.value > best_w[0] + tol * scale_a):
                best_w = (rec.value, cls, x, x_int)
        if best_w is None:  # impossible in exact arithmetic: the strict regions are dense
            raise SolverError("no follower action has a non-empty strict best-response region "
                              "within the tolerance; lower tol or rescale the payoffs")
        value, cls, x, x_int = best_w
        others = np.setdiff1d(all_actions, cls)
        attained = False
        if len(others):
            margin2, x2 = _margin_lp(A_, B_, cls, others, value)
            if x2 is not None and margin2 > np.sqrt(tol) * scale_b:
                x, attained = x2, True
        else:
            attained = True
        if not attained:
            vals = x @ B_
            br = np.flatnonzero(vals >= vals.max() - tol * scale_b)
            attained = bool((x @ A_[:, br]).min() >= value - tol * scale_a)
        if attained:  # the follower's adversarial choice among all his best responses at x
            vals = x @ B_
            br = np.flatnonzero(vals >= vals.max() - tol * scale_b)
            j = int(br[int(np.argmin(x @ A_[:, br]))])
        else:  # the class played along the commitments approaching x
            j = int(cls[int(np.argmin(x @ A_[:, list(cls)]))])
        if attained:
            x_eps, value_eps = x, _weak_value_at(A_, B_, x, tol * scale_b)
        else:
            x_eps = _clean((1 - epsilon) * x + epsilon * x_int)
            value_eps = _weak_value_at(A_, B_, x_eps, 0.0)

    follower_vals = x @ B_
    slack = float(follower_vals[j] - follower_vals.max())
    bound = max(lp.dual_bound for lp in lps
                if lp.kind == "value" and lp.dual_bound is not None)
    certified = bool(slack >= -tol * scale_b and value <= bound + tol * scale_a)
    return StackelbergResult(
        leader=leader, tie_breaking=tie_breaking, leader_strategy=_frozen(x),
        follower_action=j, leader_value=float(value), follower_value=float(follower_vals[j]),
        attained=attained, perturbed_strategy=_frozen(x_eps), perturbed_value=float(value_eps),
        epsilon=float(epsilon), follower_slack=slack, leader_value_bound=float(bound),
        lps=tuple(lps), tol=float(tol), certified=certified,
    )


def _weak_value_at(A: np.ndarray, B: np.ndarray, x: np.ndarray, atol: float) -> float:
    """Leader payoff at ``x`` when the follower picks his worst-for-the-leader best response."""
    vals = x @ B
    br = np.flatnonzero(vals >= vals.max() - atol)
    return float((x @ A[:, br]).min())


def _frozen(x: np.ndarray) -> np.ndarray:
    x = np.array(x, dtype=float)
    x.setflags(write=False)
    return x
