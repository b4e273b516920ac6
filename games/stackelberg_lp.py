"""The linear programs behind optimal commitment in a bimatrix game, and their records.

With leader payoffs ``A`` and follower payoffs ``B`` (both ``m x n``) and a class ``C`` of
follower actions (a single action for strong tie-breaking, a class of identical columns of ``B``
for weak tie-breaking, ``c`` its first member), two LPs over the leader's mixed strategy
:math:`x \\in \\Delta_m` are solved:

*value LP* (Conitzer and Sandholm 2006 for a single action)

.. math::

    \\max_{x \\in \\Delta_m,\\ t} t \\quad \\text{s.t.} \\quad t \\le x^\\top A e_k\\ (k \\in C),
    \\quad x^\\top B e_c \\ge x^\\top B e_k\\ (k \\notin C),

infeasible when ``C`` never contains a best response;

*region LP* (the margin by which ``C`` can be strictly preferred)

.. math::

    \\max_{x \\in \\Delta_m,\\ s \\le 1} s \\quad \\text{s.t.} \\quad
    x^\\top (B e_c - B e_k) \\ge s\\ (k \\notin C),

optionally with the floor :math:`x^\\top A e_k \\ge V\\ (k \\in C)` (the optimal face of the value
LP). Every LP is solved by ``scipy.optimize.linprog(method="highs")``; a status other than
optimal or infeasible raises :class:`SolverError`. The solver that combines them is
:func:`benchgame.games.stackelberg.stackelberg`.

References
----------
Conitzer, V. and Sandholm, T. (2006). Computing the optimal strategy to commit to. In
*Proceedings of the 7th ACM Conference on Electronic Commerce (EC'06)*, 82-90.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["LPRecord", "SolverError"]


class SolverError(RuntimeError):
    """A linear program returned a status other than optimal (or a legitimate infeasible).

    Raised by :func:`benchgame.games.stackelberg.stackelberg` when HiGHS fails on one of the
    commitment LPs; the message gives the HiGHS status and suggests rescaling the payoffs.
    """


@dataclass(frozen=True)
class LPRecord:
    """One LP of the commitment computation.

    Parameters
    ----------
    follower_actions : tuple of int
        The follower action ``j`` (strong) or class ``C`` of identical follower columns (weak).
    kind : str
        ``"value"`` (the commitment LP) or ``"region"`` (weak: non-emptiness of the strict
        best-response region, by maximal margin).
    status : str
        ``"optimal"`` or ``"infeasible"`` (``"value"`` LP: the action is never a best response).
    value : float or None
        Optimal objective: the leader value, or for ``"region"`` the maximal margin by which the
        class beats every other follower action (``<= tol * range(B)``: never strictly
        preferred, so no value LP is solved for it).
    dual_bound : float or None
        Dual objective (``"value"`` LPs): an upper bound on ``value``.

    Examples
    --------
    >>> LPRecord((1,), "value", "optimal", 3.5, 3.5).to_dict()
    {'follower_actions': [1], 'kind': 'value', 'status': 'optimal', 'value': 3.5, 'dual_bound': 3.5}
    """

    follower_actions: tuple[int, ...]
    kind: str
    status: str
    value: float | None
    dual_bound: float | None

    def to_dict(self) -> dict:
        """The record as a JSON-ready dictionary (``follower_actions`` as a list)."""
        return {"follower_actions": list(self.follower_actions), "kind": self.kind,
                "status": self.status, "value": self.value, "dual_bound": self.dual_bound}


def _solve(c: np.ndarray, A_ub: np.ndarray | None, b_ub: np.ndarray | None, A_eq: np.ndarray,
           bounds: list[tuple[float | None, float | None]], what: str) -> Any | None:
    """``linprog`` with HiGHS; None when infeasible, SolverError on any other failure."""
    from scipy.optimize import linprog  # deferred: heavy import

    if A_ub is not None and A_ub.shape[0] == 0:
        A_ub, b_ub = None, None
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=np.array([1.0]), bounds=bounds,
                  method="highs")
    if res.status == 2:
        return None
    if res.status != 0:
        raise SolverError(f"{what}: HiGHS status {res.status} ({res.message}); the payoffs may "
                          "be badly scaled: rescale them to a range near 1 and retry")
    return res


def _clean(x: np.ndarray) -> np.ndarray:
    x = np.clip(np.asarray(x, dtype=float), 0.0, None)
    return x / x.sum()


def _value_lp(A: np.ndarray, B: np.ndarray, cls: tuple[int, ...],
              others: np.ndarray) -> tuple[LPRecord, np.ndarray | None]:
    """max t s.t. t <= x^T A e_k (k in cls), x^T B e_c >= x^T B e_k (k in others), x in simplex.

    Variables ``(x, t)``. For a single action this is Conitzer & Sandholm's LP.
    """
    m = A.shape[0]
    c0 = cls[0]
    k = len(cls)
    # t - A[:,k] x <= 0
    rows_a = np.hstack([-A[:, list(cls)].T, np.ones((k, 1))])
    rows_b = np.hstack([(B[:, others] - B[:, [c0]]).T, np.zeros((len(others), 1))])
    A_ub = np.vstack([rows_a, rows_b])
    A_eq = np.hstack([np.ones((1, m)), np.zeros((1, 1))])
    c = np.zeros(m + 1)
    c[-1] = -1.0
    res = _solve(c, A_ub, np.zeros(A_ub.shape[0]), A_eq, [(0, None)] * m + [(None, None)],
                 f"commitment LP for follower action(s) {list(cls)}")
    if res is None:
        return LPRecord(cls, "value", "infeasible", None, None), None
    dual = float(-res.eqlin.marginals[0])
    return LPRecord(cls, "value", "optimal", float(-res.fun), dual), _clean(res.x[:m])


def _margin_lp(A: np.ndarray, B: np.ndarray, cls: tuple[int, ...], others: np.ndarray,
               floor: float | None) -> tuple[float, np.ndarray | None]:
    """max s <= 1 s.t. x^T (B e_c - B e_k) >= s (k in others), and, when ``floor`` is given,
    x^T A e_k >= floor (k in cls). Returns (margin, x) or (-inf, None) if infeasible."""
    m = A.shape[0]
    c0 = cls[0]
    rows = [np.hstack([(B[:, others] - B[:, [c0]]).T, np.ones((len(others), 1))])]
    rhs = [np.zeros(len(others))]
    if floor is not None:
        rows.append(np.hstack([-A[:, list(cls)].T, np.zeros((len(cls), 1))]))
        rhs.append(np.full(len(cls), -floor))
    A_ub = np.vstack(rows)
    A_eq = np.hstack([np.ones((1, m)), np.zeros((1, 1))])
    c = np.zeros(m + 1)
    c[-1] = -1.0
    res = _solve(c, A_ub, np.concatenate(rhs), A_eq, [(0, None)] * m + [(None, 1.0)],
                 f"best-response region LP for follower action(s) {list(cls)}")
    if res is None:
        return -np.inf, None
    return float(res.x[-1]), _clean(res.x[:m])


def _follower_classes(B: np.ndarray, atol: float) -> list[tuple[int, ...]]:
    n = B.shape[1]
    classes: list[tuple[int, ...]] = []
    assigned = np.zeros(n, dtype=bool)
    for j in range(n):
        if assigned[j]:
            continue
        same = np.flatnonzero(np.all(np.abs(B - B[:, [j]]) <= atol, axis=0) & ~assigned)
        assigned[same] = True
        classes.append(tuple(int(k) for k in same))
    return classes
