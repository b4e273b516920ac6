"""Adjacent catch-up efforts as functions of the tune-before-test level Delta.

``e_req_r(Delta)`` is the effort developer r needs to strictly exceed the zero-effort score of
developer r - 1 when every model is first tuned for Delta units; ``M(Delta) = min_r e_req_r(Delta)``
is the curve of Chen, Zhang and Hardt (2026), Figure 1 (right panel). The level is the protocol's
``level``: each Delta is evaluated with ``Protocol.at_level``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from benchgame.core.validation import as_finite_array, require
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.thresholds import unreachable_by_rounding

__all__ = ["e_req_at_levels", "e_req_curves", "min_catch_up_curve"]


def e_req_at_levels(contest: Contest, r: Any, levels: Any, *, with_error: bool = False
                    ) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """Just-overtake efforts of developer(s) ``r`` against ``r - 1`` at several levels.

    ``e_req_r(Delta) = inf{e : v(theta_r, x_Delta(e)) > v(theta_{r-1}, x_Delta(0))}``, with
    ``x_Delta`` the protocol's effective training at level Delta.

    Parameters
    ----------
    contest : Contest
        The contest; its protocol is moved to each level.
    r : int or array_like of int
        0-based indices of the catching developers, ``1 <= r <= n - 1`` (broadcast with
        ``levels``).
    levels : float or array_like
        Tune-before-test levels ``>= 0``.
    with_error : bool, default False
        Also return a bound on the rounding error of each ``e_req`` (absolute): the family's
        ``training_rtol`` on the crossing training plus the cancellation in ``x - Delta``, or a
        few ulps when the family has a training offset (substitutes: the level cancels).

    Returns
    -------
    numpy.ndarray or tuple of numpy.ndarray
        ``e_req`` broadcast over ``r`` and ``levels`` (``+inf`` where catch-up is infeasible);
        with ``with_error``, ``(e_req, error)``.

    Raises
    ------
    InputError
        If an index is out of range or a level is negative.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6 and
    Proposition 5.3 (``e_req_r`` is non-decreasing in Delta under C3).

    Examples
    --------
    >>> import numpy as np
    >>> from benchgame.games.leaderboard import Contest, GeneralizedLogit, PowerCost
    >>> from benchgame.games.leaderboard.catch_up_curves import e_req_at_levels
    >>> fam = GeneralizedLogit([1.0, 0.0], [np.log(2.0), 0.0], 1.0)
    >>> c = Contest([1.0, 0.0], fam, PowerCost(1.0), [2.0, 0.0])
    >>> e_req_at_levels(c, 1, [0.0, 1.0]).tolist()      # 1 + Delta
    [1.0, 2.0]
    """
    r = np.asarray(r, dtype=int)
    require(bool(np.all((r >= 1) & (r < contest.n))), "r", "must be in 1..n-1 (0-based)")
    d = as_finite_array(levels, "delta", nonnegative=True, allow_empty=True)
    th, fam, proto = contest.theta, contest.family, contest.protocol
    eps = np.finfo(float).eps
    off = fam.training_offset(th[r], th[r - 1])
    if off is not None:      # substitutes: e_req = d, with no cancellation against Delta
        e = proto.min_effort_beyond_at(off, d)
        err = 2 * eps * (np.abs(off) + np.where(np.isfinite(e), e, 0.0))
        return (e, np.broadcast_to(err, e.shape)) if with_error else e
    x0 = proto.effective_training_at(0.0, d)
    X = fam.exceed_training(th[r], th[r - 1], x0, strict=True)
    e = np.where(X < x0, 0.0, proto.min_effort_exceeding_at(X, d))
    if not with_error:
        return e
    with np.errstate(invalid="ignore"):
        err = np.where(np.isfinite(X), (fam.training_rtol + 2 * eps) * np.abs(X)
                       + 2 * eps * np.abs(x0) + fam.training_atol, 0.0)
    return e, np.where(unreachable_by_rounding(fam, th[r], th[r - 1], x0, X), np.inf, err)


def e_req_curves(contest: Contest, deltas: Any) -> np.ndarray:
    """Every adjacent just-overtake effort ``e_req_r(Delta)`` on a grid of levels.

    Parameters
    ----------
    contest : Contest
        The contest.
    deltas : array_like, shape (m,)
        Tune-before-test levels ``>= 0``.

    Returns
    -------
    numpy.ndarray, shape (m, n - 1)
        Column ``j`` is developer ``j + 1`` catching developer ``j``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Proposition 5.3 and
    Figure 1.

    Examples
    --------
    >>> import numpy as np
    >>> from benchgame.games.leaderboard import Contest, GeneralizedLogit, PowerCost
    >>> from benchgame.games.leaderboard import e_req_curves
    >>> fam = GeneralizedLogit([1.0, 0.0], [np.log(2.0), 0.0], 1.0)
    >>> c = Contest([1.0, 0.0], fam, PowerCost(1.0), [2.0, 0.0])
    >>> e_req_curves(c, [0.0, 1.0, 10.0]).round(9).tolist()
    [[1.0], [2.0], [11.0]]
    """
    d = as_finite_array(deltas, "deltas", ndim=1, nonnegative=True)
    r = np.arange(1, contest.n)
    return e_req_at_levels(contest, r[None, :], d[:, None])


def min_catch_up_curve(contest: Contest, deltas: Any) -> np.ndarray:
    """The minimum adjacent catch-up effort ``M(Delta) = min_r e_req_r(Delta)``.

    Parameters
    ----------
    contest : Contest
        The contest.
    deltas : array_like, shape (m,)
        Tune-before-test levels ``>= 0``.

    Returns
    -------
    numpy.ndarray, shape (m,)
        ``M`` at each level.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Figure 1 (right
    panel: ``M(Delta)`` for five fitted models, 384,668 additional steps at Delta = 3000).

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> from benchgame.games.leaderboard import min_catch_up_curve
    >>> c = Contest([1.0, 0.7, 0.0], Substitutes(), PowerCost(1.0), [2.0, 1.0, 0.0])
    >>> min_catch_up_curve(c, [0.0, 100.0]).round(12).tolist()   # constant for substitutes
    [0.3, 0.3]
    """
    return e_req_curves(contest, deltas).min(axis=1)
